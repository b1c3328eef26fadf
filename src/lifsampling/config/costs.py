"""Measured job costs at `paper` scale, and the cluster resources derived from them.

`benchmarks/paper_cost.py` measures one representative job per *size class* of every rule
(jobs of a rule that differ only in seeds, run indices or model parameters, not in their
length, share a class) and writes `COSTS_PATH`. The workflow turns each job's class cost
into its SLURM `runtime` and `mem_mb` with the margins below (`job_resources`).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Mapping
from pathlib import Path

from . import REPO_ROOT

COSTS_PATH = REPO_ROOT / "profiles" / "slurm" / "paper_cost.csv"
RUNTIME_MARGIN, MEMORY_MARGIN = 2.0, 1.5   # requested = margin x measured paper cost
MIN_RUNTIME_MIN, MIN_MEM_MB = 5, 1000       # a job never asks for less
# A job killed at its limit (the extrapolated cost was short on that cluster) is resubmitted
# (the SLURM profile's `retries`) with this factor more time and memory per attempt.
RETRY_GROWTH = 2

# Wildcards that only pick a replica (seed, run, grid index, block of seeds) or a model
# parameter that leaves a job's length alone (weight scale, tau_fac, STP set). Every other
# wildcard of a rule (model, scan, experiment, calibration set, ...) sets the job's length,
# so a new family's rules are classed by their own wildcards without being listed here.
REPLICA_WILDCARDS = frozenset({"seed", "run", "block", "weight_scale", "tau_fac",
                               "stp_set"})


def size_class(rule: str, wildcards: Mapping[str, str]) -> str:
    """The class key of a job: its rule and the values of its size wildcards (sorted by name)."""
    keys = sorted(k for k in wildcards.keys() if k not in REPLICA_WILDCARDS)
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
                  wildcards: Mapping[str, str], attempt: int = 1,
                  min_runtime_min: int = MIN_RUNTIME_MIN) -> dict[str, int]:
    """SLURM runtime (min) and mem_mb of a job from its class's paper cost and the margins
    (wall time measured with the job's own threads), `RETRY_GROWTH` times more for each
    attempt after the first. A class without a measurement gets the minimum request."""
    growth = RETRY_GROWTH ** (attempt - 1)
    cost = costs.get(size_class(rule, wildcards))
    if cost is None:
        return {"runtime": min_runtime_min * growth, "mem_mb": MIN_MEM_MB * growth}
    minutes = RUNTIME_MARGIN * cost["wall_s"] / 60
    return {"runtime": max(min_runtime_min, math.ceil(minutes)) * growth,
            "mem_mb": max(MIN_MEM_MB, math.ceil(MEMORY_MARGIN * cost["peak_mb"])) * growth}


def snakemake_resources(costs: Mapping[str, Mapping[str, float]], rule: str,
                        min_runtime_min: int = MIN_RUNTIME_MIN) -> dict[str, Callable]:
    """A rule's `resources:` (runtime, mem_mb growing with Snakemake's `attempt`, one CPU
    per thread) from the paper costs `costs`."""
    def resource(key: str) -> Callable:
        return lambda wildcards, attempt: job_resources(costs, rule, wildcards, attempt,
                                                        min_runtime_min)[key]

    return {"runtime": resource("runtime"), "mem_mb": resource("mem_mb"),
            "cpus_per_task": lambda wildcards, threads: threads}
