"""Activation function of one neuron set in NEST, logistic fit -> results/calibration/<set>.nc."""
from lifsampling import io
from lifsampling.calibration import calibrate
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    cfg, seed, name = snakemake.params.cfg, snakemake.params.seed, snakemake.wildcards.cal_set
    ds = calibrate(cfg, name, seed)
    log.info("%s: alpha = %.3f mV, u0 = %.3f mV, max |logistic - sim| = %.4f", name,
             ds.attrs["alpha_mV"], ds.attrs["u0_mV"], ds.attrs["max_logistic_deviation"])
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={f"calibrate_{name}": seed})
