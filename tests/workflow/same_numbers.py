"""Do two runs of the workflow hold the same numbers? The check that a refactor changed none.

    python tests/workflow/same_numbers.py OLD_WORKDIR NEW_WORKDIR [OLD_NAME=NEW_NAME ...]

Compares every netCDF file under `results/` of OLD_WORKDIR with the file of the same path
under NEW_WORKDIR: every variable of the old file (data and coordinates, matched by name, so a
coordinate that became a variable still counts) must hold the same values, exactly, and its
attributes must be equal. Global attributes must be equal too, except those that record how and
when a file was made (commit, job hash and parameters, config hash, history, SLURM job id).
A dimension or variable renamed by the refactor is compared under its new name when given as
OLD_NAME=NEW_NAME. `results/claims.csv` must hold the same rows (matched by claim id; their
order may differ). Files only in the new run are listed (new outputs are allowed); files only
in the old run are an error. Exit status 1 on a difference.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np
import xarray as xr

# global attributes that say how and when, not what: a refactor changes them by design
HOW_AND_WHEN = {"git_commit", "git_dirty", "job_hash", "job_parameters", "config_hash",
                "history", "slurm_job_id", "package_versions"}


def _same_values(a: xr.DataArray, b: xr.DataArray) -> bool:
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" or b.dtype.kind in "fc":
        return bool(np.array_equal(a.values, b.values, equal_nan=True))
    return bool(np.array_equal(a.values, b.values))


def compare_dataset(old_path: Path, new_path: Path, renamed: dict[str, str] | None = None
                    ) -> list[str]:
    """Differences of the new file from the old one (empty: the same numbers); `renamed`
    {old name: new name} of dimensions and variables."""
    problems = []
    with xr.open_dataset(old_path) as old_file, xr.open_dataset(new_path) as new:
        names = {k: v for k, v in (renamed or {}).items()
                 if k in old_file.variables or k in old_file.dims}
        old = old_file.rename(names)
        for name in list(old.variables):
            if name not in new.variables:
                problems.append(f"variable {name} missing")
                continue
            if not _same_values(old[name], new[name]):
                problems.append(f"variable {name} differs")
            elif old[name].attrs != new[name].attrs:
                problems.append(f"attributes of {name} differ")
        for key in sorted(set(old.attrs) - HOW_AND_WHEN):
            if key not in new.attrs:
                problems.append(f"global attribute {key} missing")
            elif str(old.attrs[key]) != str(new.attrs[key]):
                problems.append(f"global attribute {key}: {old.attrs[key]!r} -> "
                                f"{new.attrs[key]!r}")
    return problems


def compare_runs(old: Path, new: Path, renamed: dict[str, str] | None = None
                 ) -> tuple[dict[str, list[str]], list[str]]:
    """(differences by file, files new in the new run) of two workdirs' results/."""
    old_files = {p.relative_to(old) for p in (old / "results").rglob("*.nc")}
    new_files = {p.relative_to(new) for p in (new / "results").rglob("*.nc")}
    diffs = {str(p): ["file missing in the new run"] for p in sorted(old_files - new_files)}
    for path in sorted(old_files & new_files):
        problems = compare_dataset(old / path, new / path, renamed)
        if problems:
            diffs[str(path)] = problems
    claims = Path("results") / "claims.csv"
    if (old / claims).exists():
        # rows by claim id: the table's order is presentation, its rows are the numbers
        rows = [{r["id"]: r for r in csv.DictReader(open(root / claims))} for root in (old, new)]
        changed = sorted(i for i in rows[0] if rows[1].get(i) != rows[0][i])
        if changed:
            diffs[str(claims)] = [f"rows differ: {', '.join(changed)}"]
    return diffs, sorted(str(p) for p in new_files - old_files)


def main(argv: list[str]) -> int:
    old, new = (Path(a) for a in argv[1:3])
    renamed = dict(a.split("=", 1) for a in argv[3:])
    diffs, added = compare_runs(old, new, renamed)
    for path, problems in diffs.items():
        print(f"{path}: " + "; ".join(problems))
    n_old = len(list((old / "results").rglob("*.nc")))
    print(f"same_numbers: {n_old - len(diffs)} of {n_old} files of {old} equal in {new}; "
          f"{len(added)} new files")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
