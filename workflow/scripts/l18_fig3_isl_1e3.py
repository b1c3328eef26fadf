"""ISL at 1e3 samples of Gibbs and the spiking samplers (L18's set, renewing, the best set of
the Fig 3a scans), one short run per seed of a block (L18 Fig 3c)."""
from lifsampling import io
from lifsampling.experiments import mnist
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = mnist.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    best = mnist.best_scan_set([io.read_dataset(f, ["isl"]) for f in snakemake.input.scans])
    ds = mnist.isl_at_1e3(job, rbm, data, calibration, best)
    log.info("seeds %s: ISL at 1e3 (%s) %s", job["runs"], ds["short_sampler"].values.tolist(),
             ds["isl_1e3"].values.round(2).tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
