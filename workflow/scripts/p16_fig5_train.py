"""The 144-unit BM of P16 Fig 5 trained with Gibbs chains, then in the loop -> results/sims/."""
from lifsampling import io
from lifsampling.experiments import p16_fig5
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    patterns = io.read_dataset(snakemake.input.digits, ["activation"])["activation"].values
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    ds = p16_fig5.train(job, patterns, calibration)
    log.info("moment mismatch: Gibbs phase %.3f -> %.3f, in the loop %.3f -> %.3f",
             *(float(ds[v][i]) for v in ("gibbs_mismatch", "lif_mismatch") for i in (0, -1)))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
