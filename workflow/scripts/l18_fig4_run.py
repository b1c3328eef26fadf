"""Gibbs, AST and the spiking samplers (L18's set, renewing, the best Fig 3a scan set) of one
L18 Fig 4 model, one seed -> results/sims/l18_fig4/."""
from lifsampling import io
from lifsampling.experiments import imbalanced, mnist
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = mnist.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    best = mnist.best_scan_set([io.read_dataset(f, ["isl"]) for f in snakemake.input.scans])
    ds = imbalanced.run(job, rbm, data, calibration, best)
    balance = dict(zip(imbalanced.SAMPLERS, ds["balance"].values.round(3).tolist(), strict=True))
    log.info("%s: balance %s, AST %.1f sweeps per valid sample, mean rate %.1f Hz",
             job["model"], balance,
             float(ds["ast_sweeps_per_sample"]), float(ds["mean_rate"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
