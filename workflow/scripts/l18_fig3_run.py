"""Gibbs and LIF+STP samples of the MNIST RBM, one seed (L18 Fig 3) -> results/sims/l18_fig3/."""
from lifsampling import io
from lifsampling.experiments import mnist
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = mnist.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    ds = mnist.run(job, rbm, data, calibration)
    log.info("ISL at %d samples: %s; mean rate %.1f Hz", int(ds["n_used"][-1]),
             ds["isl"].isel(n_used=-1).values.round(2).tolist(), float(ds["mean_rate"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
