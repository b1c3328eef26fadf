"""P16 Fig 4 runs and references as one Dataset: dims (weight_scale, run, ...)."""
import numpy as np
import xarray as xr

from lifsampling import io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, n_runs = snakemake.params.cfg, snakemake.params.n_runs
    refs = [io.read_dataset(f, ["p_reference"]) for f in snakemake.input.references]
    runs = [io.read_dataset(f, ["dkl"]) for f in snakemake.input.runs]
    scales = [r.attrs["weight_scale"] for r in refs]
    per_scale = [runs[i * n_runs:(i + 1) * n_runs] for i in range(len(refs))]
    stacked = xr.concat([xr.concat([r[["p_sampled", "dkl", "rate"]] for r in group], dim="run")
                         for group in per_scale], dim="weight_scale")
    ds = stacked.assign_coords(weight_scale=scales, run=range(n_runs))
    ds["p_reference"] = xr.concat([r["p_reference"] for r in refs], dim="weight_scale")
    # rasters differ in length: padded with NaN along `spike`
    for var in ("raster_time", "raster_unit"):
        parts = [g[0][var].astype(float).assign_coords(spike=np.arange(g[0].sizes["spike"]))
                 for g in per_scale]
        ds[var] = xr.concat(parts, dim="weight_scale", join="outer", fill_value=float("nan"))
    ds.attrs = {"title": "P16 Fig 4: K = 500 LIF networks vs Gibbs reference"}
    io.write_dataset(ds, snakemake.output[0], cfg)
