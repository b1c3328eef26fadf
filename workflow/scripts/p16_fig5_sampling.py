"""Prior and posterior of the trained P16 Fig 5 network -> results/sims/p16_fig5.nc."""
from lifsampling import io
from lifsampling.experiments import p16_fig5
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    patterns = io.read_dataset(snakemake.input.digits, ["activation"])["activation"].values
    model = io.read_dataset(snakemake.input.model, ["W", "b"])
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    ds = p16_fig5.sample(job, model, patterns, calibration)
    log.info("fractions of states per digit (seed mean): %s",
             ds["digit_fraction"].mean("seed").round(3).values.tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
