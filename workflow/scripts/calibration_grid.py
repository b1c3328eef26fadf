"""Stack the per-set activation sweeps along `parameter_set` (u grids joined, NaN elsewhere)."""
import xarray as xr

from lifsampling import io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, sets = snakemake.params.cfg, snakemake.params.sets
    parts = []
    for name, path in zip(sets, snakemake.input, strict=True):
        ds = io.read_dataset(path, ["p_on", "u_free"])
        fit = {"alpha_mV": ds.attrs["alpha_mV"], "u0_mV": ds.attrs["u0_mV"],
               "max_logistic_deviation": ds.attrs["max_logistic_deviation"]}
        ds = ds.drop_attrs().assign({k: ((), v) for k, v in fit.items()})
        parts.append(ds.drop_vars("sweep_value").expand_dims(parameter_set=[name]))
    grid = xr.concat(parts, dim="parameter_set", join="outer")
    grid["alpha_mV"].attrs = {"long_name": "logistic scale alpha", "units": "mV"}
    grid["u0_mV"].attrs = {"long_name": "logistic midpoint u0", "units": "mV"}
    io.write_dataset(grid, snakemake.output[0], cfg)
