"""Gather the runs of one sampling experiment, add the abstract sampler -> results/sims/<exp>.nc."""
import numpy as np

from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, p, name = snakemake.params.cfg, snakemake.params, snakemake.wildcards.exp
    trials = [io.read_dataset(f, ["dkl"]) for f in snakemake.input.trials]
    bms = [io.read_dataset(f, ["dkl"]) for f in snakemake.input.bms]
    duration = cfg["experiments"]["sampling"][name]["trial_ms"]
    abstract = np.stack([experiments.abstract_dkl(cfg, name, p.bm_seed, s, duration)
                         for s in p.abstract_seeds])
    ds = experiments.aggregate_sampling(trials, bms, abstract)
    io.write_dataset(ds, snakemake.output[0], cfg,
                     seeds={"bm": p.bm_seed, "abstract": list(p.abstract_seeds)})
