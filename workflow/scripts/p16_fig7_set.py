"""P16 Fig 7 (App. XII): the K = 5 networks of one parameter set on the shared random BMs."""
from lifsampling import io
from lifsampling.experiments import parameter_sets
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = parameter_sets.fig7_set(job, calibration)
    log.info("final D_KL per BM: %s", ds["dkl"].values[:, -1].round(4).tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
