"""Gather the STP grid into one gridded netCDF: dims (seed, tau_fac, U0, tau_rec)."""
import xarray as xr

from lifsampling import io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, n_seeds = snakemake.params.cfg, snakemake.params.n_seeds
    chunks = [io.read_dataset(f, ["dkl"]) for f in snakemake.input]
    per_seed = len(chunks) // n_seeds
    seeds = [xr.concat(chunks[i::n_seeds], dim="tau_fac") for i in range(n_seeds)]
    ds = xr.concat(seeds, dim="seed").assign_coords(seed=range(n_seeds))
    ds = ds.drop_vars(["p_sampled"]).assign(
        p_sampled_seed0=seeds[0]["p_sampled"], p_static=ds["p_static"].isel(tau_fac=0),
        dkl_static=ds["dkl_static"].isel(tau_fac=0), p_target=ds["p_target"].isel(tau_fac=0))
    ds.attrs = {"title": "L18 Fig 2b: D_KL over the STP grid", "chunks_per_seed": per_seed}
    io.write_dataset(ds, snakemake.output[0], cfg)
