"""The `quick` DAG on 2 cores: wall time against the 30-min budget, and where the time goes.

Runs `snakemake all claims_docs --cores 2` at `quick` in a fresh clone of HEAD (nothing else
should run beside it), or reads a finished run (`--from DIR`: the clone's folder). Per rule:
jobs, wall time, slot-minutes (wall x the job's threads: what it holds of the scheduler's
cores) and CPU time, exact from each job's log (`lifsampling.logs.own_usage`; Snakemake's
benchmark samples CPU every 30 s after the first 15 s). The DAG's wall time runs from the
Snakemake log's first job to its last.

    python benchmarks/quick_budget.py                 # clone, run (about 30-45 min), report
    python benchmarks/quick_budget.py --from DIR      # report a finished run
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lifsampling.logs import read_usage  # noqa: E402

TARGET_MIN = 30.0
STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ [\d:]+ \d{4})\]$", re.MULTILINE)


def run_in_fresh_clone(workdir: Path) -> None:
    subprocess.run(["git", "clone", "-q", str(REPO), str(workdir)], check=True)
    subprocess.run([sys.executable, "-m", "snakemake", "all", "claims_docs", "--cores", "2",
                    "--config", "scale=quick"], cwd=workdir, check=True,
                   env={**os.environ, "PYTHONPATH": str(workdir / "src")})


def jobs_of_run(log_text: str) -> list[dict[str, str]]:
    """rule, threads, benchmark and log of every job a Snakemake log started."""
    jobs = []
    for block in re.split(r"\n(?=[ \t]*(?:local)?rule \w+:)", log_text):
        head = re.match(r"[ \t]*(?:local)?rule (\w+):", block)
        if not head:
            continue
        fields = dict(re.findall(r"^\s+(\w+): (.*)$", block, re.MULTILINE))
        if "benchmark" in fields:
            jobs.append({"rule": head.group(1), "threads": fields.get("threads", "1"),
                         "benchmark": fields["benchmark"], "log": fields.get("log", "")})
    return jobs


def dag_wall_min(log_text: str) -> float:
    stamps = [datetime.strptime(s, "%a %b %d %H:%M:%S %Y") for s in STAMP.findall(log_text)]
    return (max(stamps) - min(stamps)).total_seconds() / 60


def per_rule(workdir: Path, jobs: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    rules: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for job in jobs:
        if not (workdir / job["benchmark"]).exists():  # still running, or failed
            continue
        with open(workdir / job["benchmark"]) as fh:
            wall = float(next(csv.DictReader(fh, delimiter="\t"))["s"])
        usage = read_usage(workdir / job["log"]) if job["log"] else None
        row = rules[job["rule"]]
        row["jobs"] += 1
        row["wall_min"] += wall / 60
        row["slot_min"] += wall * int(job["threads"]) / 60
        row["cpu_min"] += (usage["cpu_s"] if usage else float("nan")) / 60
    return rules


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path,
                        help="the folder of a finished quick run")
    parser.add_argument("--top", type=int, default=15, help="rules listed")
    args = parser.parse_args()
    if args.source is None:
        args.source = Path(tempfile.mkdtemp(prefix="quick_budget_")) / "study"
        run_in_fresh_clone(args.source)
    log_text = max((args.source / ".snakemake" / "log").glob("*.snakemake.log"),
                   key=lambda p: p.stat().st_mtime).read_text()
    rules = per_rule(args.source, jobs_of_run(log_text))
    total = {k: sum(r[k] for r in rules.values()) for k in ("jobs", "wall_min", "slot_min",
                                                            "cpu_min")}
    print(f"{'rule':32s} {'jobs':>4s} {'wall min':>9s} {'slot min':>9s} {'CPU min':>8s}")
    for name, r in sorted(rules.items(), key=lambda kv: -kv[1]["slot_min"])[:args.top]:
        print(f"{name:32s} {r['jobs']:4.0f} {r['wall_min']:9.2f} {r['slot_min']:9.2f} "
              f"{r['cpu_min']:8.2f}")
    print(f"{'all jobs':32s} {total['jobs']:4.0f} {total['wall_min']:9.2f} "
          f"{total['slot_min']:9.2f} {total['cpu_min']:8.2f}")
    print(f"CPU: 2 cores of {cpu_model()!r}")
    print(f"quick_dag: {dag_wall_min(log_text):.1f} min wall on 2 cores "
          f"(target <= {TARGET_MIN:g})")


if __name__ == "__main__":
    main()
