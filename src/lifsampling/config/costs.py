"""Measured job costs at `paper` scale, and the cluster resources derived from them.

`benchmarks/paper_cost.py` measures one representative job per *size class* of every rule
(jobs of a rule that differ only in seeds, run indices or model parameters, not in their
length, share a class) and writes `COSTS_PATH`. The workflow turns each job's class cost
into its SLURM `runtime` and `mem_mb` with the margins below (`job_resources`).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from pathlib import Path

from . import REPO_ROOT

COSTS_PATH = REPO_ROOT / "profiles" / "slurm" / "paper_cost.csv"
RUNTIME_MARGIN, MEMORY_MARGIN = 2.0, 1.5   # requested = margin x measured paper cost
MIN_RUNTIME_MIN, MIN_MEM_MB = 5, 1000       # a job never asks for less

# Wildcards that set a job's length; the others (run, seed, grid indices, weight scale,
# tau_fac) change only seeds or model parameters. A rule not listed has one class.
SIZE_WILDCARDS: dict[str, tuple[str, ...]] = {
    "bars": ("difficulty",),
    "calibrate": ("cal_set",),
    "simulator_calibration": ("sim_run",),
    "sampling_run": ("exp", "kind"),
    "sampling_aggregate": ("exp",),
    "p16_fig4_run": ("variant",),
    "p16_fig7_set": ("cal_set",),
    "train": ("model",),
    "bars_sampling": ("difficulty",),
    "mnist_subset": ("subset",),
    "l18_fig3_scan_point": ("scan",),
    "l18_fig3_scan": ("scan",),
    "classify": ("model",),
    "l18_fig4_run": ("model",),
    "l18_fig4_aggregate": ("model",),
    "sampling_fidelity_run": ("model",),
    "sampling_fidelity_reference": ("model",),
}


def size_class(rule: str, wildcards: Mapping[str, str]) -> str:
    """The class key of a job: its rule and the values of its size wildcards."""
    keys = SIZE_WILDCARDS.get(rule, ())
    return ":".join([rule, *(str(wildcards[k]) for k in keys)])


def load_costs(path: Path | str = COSTS_PATH) -> dict[str, dict[str, float]]:
    """Paper cost per size class: {class: {"cpu_s", "wall_s", "peak_mb", ...}}; empty if the
    table has not been measured."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, newline="") as fh:
        return {row["size_class"]: {k: float(v) for k, v in row.items()
                                    if k not in ("size_class", "rule", "measured_at")}
                for row in csv.DictReader(fh)}


def job_resources(costs: Mapping[str, Mapping[str, float]], rule: str,
                  wildcards: Mapping[str, str]) -> dict[str, int]:
    """SLURM runtime (min) and mem_mb of a job from its class's paper cost and the margins
    (wall time measured with the job's own threads). A class without a measurement gets the
    minimum request."""
    cost = costs.get(size_class(rule, wildcards))
    if cost is None:
        return {"runtime": MIN_RUNTIME_MIN, "mem_mb": MIN_MEM_MB}
    minutes = RUNTIME_MARGIN * cost["wall_s"] / 60
    return {"runtime": max(MIN_RUNTIME_MIN, math.ceil(minutes)),
            "mem_mb": max(MIN_MEM_MB, math.ceil(MEMORY_MARGIN * cost["peak_mb"]))}
