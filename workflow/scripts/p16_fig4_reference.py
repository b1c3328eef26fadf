"""Gibbs reference of the shown units of one K = 500 BM (P16 Fig 4)."""
import numpy as np
import xarray as xr

from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, p = snakemake.params.cfg, snakemake.params
    exp = cfg["experiments"]["p16_fig4"]
    W, b = experiments.large_bm(exp, float(snakemake.wildcards.wscale), p.bm_seed)
    ref = experiments.gibbs_reference(exp, W, b, p.seed)
    ds = xr.Dataset({"p_reference": ("state", ref, {"long_name": "Gibbs estimate of the "
                                                    "shown units' joint (+1/2 pseudo-count)"})},
                    coords={"state": np.arange(ref.size)},
                    attrs={"weight_scale": float(snakemake.wildcards.wscale),
                           "n_samples": exp["gibbs_sweeps"] * exp["gibbs_chains"]})
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"bm": p.bm_seed, "gibbs": p.seed})
