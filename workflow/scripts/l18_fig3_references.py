"""OPT and POM ISL curves of the MNIST RBM (L18 Fig 3b) -> results/sims/l18_fig3/references.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    data = io.read_dataset(snakemake.input.data, ["image", "split"])
    ds = l18_fig3.references(job, rbm, data)
    log.info("ISL OPT, POM: %s; AST valid fraction %.3f",
             ds["isl_reference"].isel(n_used=-1).values.round(2).tolist(),
             float(ds["ast_valid_fraction"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
