"""ISL of the MNIST RBM's LIF+STP network at one STP set (L18 Fig 3a)."""
from lifsampling import io
from lifsampling.experiments import mnist
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = mnist.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    ds = mnist.scan_point(job, rbm, data, calibration)
    log.info("STP %s: ISL %.2f nat", job["stp"], float(ds["isl"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
