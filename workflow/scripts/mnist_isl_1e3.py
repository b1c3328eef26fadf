"""ISL at 1e3 samples of Gibbs and LIF+STP, one short run per seed of a block (L18 Fig 3c)."""
from lifsampling import io
from lifsampling.experiments import mnist
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = mnist.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    ds = mnist.isl_at_1e3(job, rbm, data, calibration)
    log.info("seeds %s: ISL at 1e3 (Gibbs, LIF+STP) %s", job["runs"],
             ds["isl_1e3"].values.round(2).tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
