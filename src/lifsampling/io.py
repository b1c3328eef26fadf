"""NetCDF outputs: atomic writes with provenance, and checked reads.

Every result of the study is an `xarray.Dataset` written here. A file is first written
under a temporary name in the same folder and renamed when complete, so a killed job
never leaves a half file under the final name. Files follow CF-1.8 (checked with the
IOOS compliance-checker in the tests) and carry their provenance: git commit and dirty
flag, the job's config slice and its hash, the whole config's hash, package versions,
seeds, NEST virtual processes and, on a cluster, the SLURM job id.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from .config import REPO_ROOT, config_hash

TRACKED_PACKAGES = (
    "lifsampling", "numpy", "scipy", "xarray", "netCDF4", "nest-simulator", "PyNN", "neuron",
    "snakemake", "matplotlib",
)
COMPLETE_FLAG = "lifsampling_complete"


class InputFileError(RuntimeError):
    """An input file is missing, truncated, corrupted or not what a rule expects."""


@cache
def git_revision() -> tuple[str, bool]:
    """(commit, dirty) of the repository the package runs from; ('unknown', True) outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown", True
    return commit, bool(status.strip())


def package_versions(names: Iterable[str] = TRACKED_PACKAGES) -> dict[str, str]:
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def provenance(
    job: Mapping[str, Any], config: Mapping[str, Any] | None = None
) -> dict[str, str | int]:
    """Global attributes recording how a result was made (netCDF-safe types only).

    `job` is the config slice the job read (`lifsampling.config.slices`): its hash, its
    content, its scale, seeds and NEST virtual processes are recorded; `config`, when given,
    is the whole configuration of the run, recorded by its hash.
    """
    commit, dirty = git_revision()
    return {
        "git_commit": commit,
        "git_dirty": int(dirty),
        "job_hash": config_hash(job),
        "job_parameters": json.dumps(job, sort_keys=True, default=str),
        "config_hash": config_hash(config) if config is not None else "",
        "scale": str(job.get("scale", "unknown")),
        "package_versions": json.dumps(package_versions(), sort_keys=True),
        "seeds": json.dumps(dict(job.get("seeds", {})), sort_keys=True),
        "nest_virtual_processes": int(job.get("nest", {}).get("virtual_processes", 0)),
        "slurm_job_id": os.environ.get("SLURM_JOB_ID", ""),
    }


# long names of the index dimensions every experiment shares
INDEX_LONG_NAMES = {
    "run": "independent run", "trial": "trial (same BM, other background seed)",
    "seed": "random seed index", "state": "network state index (binary, unit 0 = MSB)",
    "unit": "neuron (unit) index", "unit_pre": "presynaptic unit index",
    "spike": "spike index", "sample": "sample index", "pixel": "pixel index",
    "bm": "random Boltzmann machine index", "abstract_trial": "trial of the abstract sampler",
    "curve_point": "training-curve point", "beta": "inverse temperature index",
    "digit": "digit class", "visible": "visible (pixel and label) unit",
    "hidden": "hidden unit",
}
CF_SIGNED = (np.int8, np.int16, np.int32)  # CF-1.8 §2.2: byte, short, int


def _cf_dtype(var: xr.Variable, name: str) -> xr.Variable:
    """Integers as the smallest CF-1.8 type that holds them (CF-1.8 has no 64-bit, unsigned
    or boolean variables)."""
    if var.dtype.kind not in "uib" or var.dtype in (np.dtype(t) for t in CF_SIGNED):
        return var
    values = var.values
    low, high = (int(values.min()), int(values.max())) if values.size else (0, 0)
    for target in CF_SIGNED:
        info = np.iinfo(target)
        if info.min <= low and high <= info.max:
            return var.astype(target)
    raise ValueError(f"variable {name!r} does not fit a 32-bit integer (CF-1.8 has no 64-bit "
                     f"integers): range [{low}, {high}]")


def cf_conventions(ds: xr.Dataset, title: str, history: str) -> xr.Dataset:
    """`ds` made CF-1.8 clean: Conventions/title/history, CF integer types, long names.

    Index dimensions get their long name from `INDEX_LONG_NAMES`; any other variable
    without `long_name` or `standard_name` is an error naming it (a result whose meaning
    is not written down is not written).
    """
    ds = ds.drop_encoding()  # encodings read from inputs (dtype, coordinates) would be stale
    unnamed = []
    for name in list(ds.variables):
        ds[name] = _cf_dtype(ds[name].variable, name)
        attrs = ds[name].attrs
        if "long_name" in attrs or "standard_name" in attrs:
            continue
        if name in INDEX_LONG_NAMES:
            attrs["long_name"] = INDEX_LONG_NAMES[name]
        else:
            unnamed.append(str(name))
    if unnamed:
        raise ValueError(f"variables without long_name (CF-1.8 §3.3): {sorted(unnamed)}")
    ds.attrs.setdefault("title", title)
    ds.attrs["Conventions"] = "CF-1.8"
    ds.attrs["history"] = history
    return ds


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write `text` to `path` through a temporary file: a killed job never leaves half of it."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_dataset(
    ds: xr.Dataset,
    path: Path | str,
    job: Mapping[str, Any],
    config: Mapping[str, Any] | None = None,
    encoding: Mapping[str, Mapping[str, Any]] | None = None,
) -> Path:
    """Write `ds` to `path` atomically, CF-1.8 clean, with provenance attributes added.

    `job` is the config slice of the job (see `provenance`), `config` the whole run config.
    `encoding` is passed to `xarray.Dataset.to_netcdf` (e.g. compression per variable);
    coordinates never get a `_FillValue` (CF-1.8 §2.5.1).

    The data is written to ``<path>.tmp-<pid>`` and renamed only when netCDF4 has
    closed it; on any error the temporary file is removed and the error re-raised.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    history = (f"{datetime.now(UTC).isoformat(timespec='seconds')} written by lifsampling "
               f"{package_versions(['lifsampling'])['lifsampling']} to {path.name}")
    ds = cf_conventions(ds, title=f"lifsampling result {path.stem}", history=history)
    ds.attrs.update(provenance(job, config))
    ds.attrs[COMPLETE_FLAG] = 1
    encoding = {k: dict(v) for k, v in (encoding or {}).items()}
    for name in ds.coords:
        encoding.setdefault(str(name), {})["_FillValue"] = None
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        ds.to_netcdf(tmp, engine="netcdf4", encoding=encoding)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def read_dataset(path: Path | str, required_vars: Iterable[str] = ()) -> xr.Dataset:
    """Load a netCDF result fully into memory, refusing anything not written by `write_dataset`.

    Raises `InputFileError` naming the file when it is missing, unreadable (truncated,
    corrupted), lacks the completion flag, or lacks one of `required_vars`.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"input file {path} does not exist")
    try:
        with xr.open_dataset(path, engine="netcdf4") as ds:
            ds = ds.load()
    except Exception as err:  # netCDF4 raises OSError/RuntimeError/ValueError alike
        raise InputFileError(f"input file {path} is not a readable netCDF file ({err})") from err
    if ds.attrs.get(COMPLETE_FLAG) != 1:
        raise InputFileError(f"input file {path} was not written completely by lifsampling")
    missing = [v for v in required_vars if v not in ds.variables]
    if missing:
        raise InputFileError(f"input file {path} lacks the variables {missing}")
    return ds
