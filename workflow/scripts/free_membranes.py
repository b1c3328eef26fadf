"""COBA vs CUBA free membranes at one mean (L18 Fig 5e) -> results/sims/l18_fig5_membranes.nc."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, seed = snakemake.params.cfg, snakemake.params.seed
    e = cfg["experiments"]["l18_fig5"]
    ds = experiments.free_membranes(cfg, e["neuron_sets"], e["mean_mV"], e["duration_ms"], seed)
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"membranes": seed})
