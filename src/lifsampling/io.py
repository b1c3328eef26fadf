"""NetCDF outputs: atomic writes with provenance, and checked reads.

Every result of the study is an `xarray.Dataset` written here. A file is first written
under a temporary name in the same folder and renamed when complete, so a killed job
never leaves a half file under the final name. Each file carries its provenance:
git commit and dirty flag, config hash, package versions, seeds, NEST virtual
processes and, on a cluster, the SLURM job id.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import xarray as xr

from .config import REPO_ROOT, config_hash

TRACKED_PACKAGES = (
    "lifsampling", "numpy", "scipy", "xarray", "netCDF4", "nest-simulator", "PyNN",
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
    config: Mapping[str, Any], seeds: Mapping[str, int] | None = None
) -> dict[str, str | int]:
    """Global attributes recording how a result was made (netCDF-safe types only)."""
    commit, dirty = git_revision()
    return {
        "git_commit": commit,
        "git_dirty": int(dirty),
        "config_hash": config_hash(config),
        "scale": str(config.get("scale", "unknown")),
        "package_versions": json.dumps(package_versions(), sort_keys=True),
        "seeds": json.dumps(dict(seeds or {}), sort_keys=True),
        "nest_virtual_processes": int(config.get("nest", {}).get("virtual_processes", 0)),
        "slurm_job_id": os.environ.get("SLURM_JOB_ID", ""),
    }


def write_dataset(
    ds: xr.Dataset,
    path: Path | str,
    config: Mapping[str, Any],
    seeds: Mapping[str, int] | None = None,
    encoding: Mapping[str, Mapping[str, Any]] | None = None,
) -> Path:
    """Write `ds` to `path` atomically, with provenance attributes added.

    `encoding` is passed to `xarray.Dataset.to_netcdf` (e.g. compression per variable).

    The data is written to ``<path>.tmp-<pid>`` and renamed only when netCDF4 has
    closed it; on any error the temporary file is removed and the error re-raised.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds = ds.copy()
    ds.attrs.update(provenance(config, seeds))
    ds.attrs[COMPLETE_FLAG] = 1
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        ds.to_netcdf(tmp, engine="netcdf4", encoding=dict(encoding or {}))
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
