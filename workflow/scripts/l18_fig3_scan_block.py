"""ISL of the MNIST RBM's LIF+STP network at a block of STP sets of one scan (L18 Fig 3a)."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = l18_fig3.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    ds = l18_fig3.scan_block(job, rbm, data, calibration)
    for stp, value in zip(job["stp_sets"], ds["isl"].values, strict=True):
        log.info("STP %s: ISL %.2f nat", stp, value)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
