"""The `quick` DAG on 2 cores: wall time against the 30-min budget, and where the time goes.

Runs `snakemake all claims_docs --cores 2` at `quick` in a fresh clone of HEAD (nothing else
should run beside it), or reads a finished run (`--from DIR`: the clone's folder). Per rule:
jobs, wall time, slot-minutes (wall x the job's threads: what it holds of the scheduler's
cores) and CPU time, exact from each job's log (`lifsampling.logs.own_usage`; Snakemake's
benchmark samples CPU every 30 s after the first 15 s). The DAG's wall time runs from the
first to the last time stamp of the newest Snakemake log (`--all-logs`: every log of the
folder, their spans summed).

    python benchmarks/quick_budget.py                 # clone, run (about 30-45 min), report
    python benchmarks/quick_budget.py --from DIR      # report a finished run
    python benchmarks/quick_budget.py --from rehearsal --all-logs --top 100   # any DAG run,
                                                      # resumed ones too: per-rule peak memory
"""
from __future__ import annotations

import argparse
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
sys.path.insert(0, str(REPO / "benchmarks"))

from paper_cost import Job, job_blocks, job_of_block, read_job_cost  # noqa: E402

from lifsampling.logs import read_usage  # noqa: E402

TARGET_MIN = 30.0
STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ [\d:]+ \d{4})\]$", re.MULTILINE)


def run_in_fresh_clone(workdir: Path) -> None:
    """Clone HEAD into `workdir` and build every target at `quick` on 2 cores."""
    print(f"running the quick DAG in {workdir}", flush=True)
    subprocess.run(["git", "clone", "-q", str(REPO), str(workdir)], check=True)
    subprocess.run([sys.executable, "-m", "snakemake", "all", "claims_docs", "--cores", "2",
                    "--config", "scale=quick"], cwd=workdir, check=True,
                   env={**os.environ, "PYTHONPATH": str(workdir / "src")})


def dag_wall_min(log_text: str) -> float:
    """Minutes from the first to the last time stamp of a Snakemake log."""
    stamps = [datetime.strptime(s, "%a %b %d %H:%M:%S %Y") for s in STAMP.findall(log_text)]
    return (max(stamps) - min(stamps)).total_seconds() / 60 if stamps else 0.0  # e.g. --unlock


def per_rule(workdir: Path, jobs: list[Job]) -> dict[str, dict[str, float]]:
    """Jobs, wall minutes, slot-minutes (wall x threads) and exact CPU minutes per rule, over
    the finished jobs; `no_usage` counts jobs whose log has no usage line (their CPU is the
    benchmark's sampled one)."""
    rules: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for job in jobs:
        if not job.benchmark or not (workdir / job.benchmark).exists():  # running, failed
            continue
        cost = read_job_cost(workdir, job)
        row = rules[job.rule]
        row["jobs"] += 1
        row["wall_min"] += cost["wall_s"] / 60
        row["slot_min"] += cost["wall_s"] * job.threads / 60
        row["cpu_min"] += cost["cpu_s"] / 60
        row["peak_mb"] = max(row["peak_mb"], cost["peak_mb"])
        row["no_usage"] += read_usage(workdir / job.log) is None if job.log else 1
    return rules


def cpu_model() -> str:
    """The CPU's model name, as the budget's host is named by it."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path,
                        help="the folder of a finished quick run")
    parser.add_argument("--top", type=int, default=15, help="rules listed")
    parser.add_argument("--all-logs", action="store_true",
                        help="every Snakemake log of the folder (a run resumed in several "
                             "invocations, e.g. the paper rehearsal), wall times summed")
    args = parser.parse_args()
    if args.source is None:
        args.source = Path(tempfile.mkdtemp(prefix="quick_budget_")) / "study"
        run_in_fresh_clone(args.source)
    logs = sorted((args.source / ".snakemake" / "log").glob("*.snakemake.log"),
                  key=lambda p: p.stat().st_mtime)
    logs = logs if args.all_logs else logs[-1:]
    texts = [p.read_text() for p in logs]
    by_benchmark = {}  # a job started again in a later invocation: its last start
    for text in texts:
        for rule, fields in job_blocks(text):
            if "jobid" in fields and "output" in fields:
                job = job_of_block(rule, fields)
                by_benchmark[job.benchmark] = job
    jobs = list(by_benchmark.values())
    rules = per_rule(args.source, jobs)
    total = {k: sum(r[k] for r in rules.values()) for k in ("jobs", "wall_min", "slot_min",
                                                            "cpu_min", "no_usage")}
    print(f"{'rule':32s} {'jobs':>4s} {'wall min':>9s} {'slot min':>9s} {'CPU min':>8s} "
          f"{'peak GB':>8s}")
    for name, r in sorted(rules.items(), key=lambda kv: -kv[1]["slot_min"])[:args.top]:
        print(f"{name:32s} {r['jobs']:4.0f} {r['wall_min']:9.2f} {r['slot_min']:9.2f} "
              f"{r['cpu_min']:8.2f} {r['peak_mb'] / 1000:8.2f}")
    peak_gb = max((r["peak_mb"] for r in rules.values()), default=0.0) / 1000
    print(f"{'all jobs':32s} {total['jobs']:4.0f} {total['wall_min']:9.2f} "
          f"{total['slot_min']:9.2f} {total['cpu_min']:8.2f} {peak_gb:8.2f}")
    if total["no_usage"]:
        print(f"{total['no_usage']:.0f} jobs logged no usage: their CPU is Snakemake's sampled "
              "benchmark value")
    print(f"CPU: 2 cores of {cpu_model()!r}")
    print(f"quick_dag: {sum(dag_wall_min(t) for t in texts):.1f} min wall on 2 cores "
          f"(target <= {TARGET_MIN:g})")


if __name__ == "__main__":
    main()
