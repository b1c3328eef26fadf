"""One tau_fac slice of the L18 Fig 2b STP grid for one seed -> results/sims/l18_fig2_grid/."""
from lifsampling import io
from lifsampling.experiments import l18_fig2_grid
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = l18_fig2_grid.chunk(job, calibration)
    log.info("min D_KL %.4g, static %.4g", float(ds["dkl"].min()), float(ds["dkl_static"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
