"""Activation function of one neuron set (NEST, or a named simulator), logistic fit -> .nc."""
from lifsampling import io
from lifsampling.calibration import calibrate
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    ds = calibrate(job)
    log.info("%s: alpha = %.3f mV, u0 = %.3f mV, max |logistic - sim| = %.4f", job["set"],
             ds.attrs["alpha_mV"], ds.attrs["u0_mV"], ds.attrs["max_logistic_deviation"])
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
