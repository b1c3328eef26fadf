"""One NEST run of a LIF network sampling a random BM -> results/sims/<exp>/<kind>_<run>.nc."""
from lifsampling import io
from lifsampling.experiments import sampling
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = sampling.sampling_run(job, calibration)
    log.info("final D_KL %.4g after %g ms", float(ds["dkl"][-1]), job["duration_ms"])
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
