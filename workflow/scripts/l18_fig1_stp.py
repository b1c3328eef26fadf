"""NEST simulation of L18 Fig 1d (STP envelopes, traces) -> results/sims/l18_fig1_stp.nc."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, seed = snakemake.params.cfg, snakemake.params.seed
    ds = experiments.l18_fig1(cfg, seed)
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"l18_fig1": seed})
