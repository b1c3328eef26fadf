"""What `--config scale=paper` costs: jobs, CPU-hours and peak memory per figure target.

1. The paper DAG, job by job, from a Snakemake dry run (rule, wildcards, inputs, outputs).
2. Jobs are grouped in size classes (`lifsampling.config.costs.size_class`: jobs that
   differ only in seeds, run indices or model parameters cost the same). One representative
   per class is run at two fractions f1 < f2 of its paper work (`work_fraction`: biological
   time, samples, iterations) through the workflow itself; the two sizes give the job's fixed
   cost (imports, network build) and its cost per unit of work, extrapolated to f = 1. A
   class whose larger run is dearer per unit than linear is flagged ("superlinear"); one
   whose larger run is mostly fixed cost (its work under `MIN_WORK_SHARE` of its CPU time)
   and could cost materially more at f = 1 (`MATERIAL_CPU_S`) is flagged "unresolved": its
   slope is within the noise of the fixed cost. Its CPU-h stay in the sums, a guess; the
   table counts its jobs in a column of their own until it is measured at larger fractions.
   A class whose job slice is the same at every fraction (its work has no key of
   `lifsampling.config.WORK_KEYS`: the fidelity probe's clamped states, for one) does the
   paper's work in any run of the paper DAG: `--from-rehearsal` reads it from the paper
   rehearsal's finished jobs (`make rehearse-paper`) instead.
3. Jobs that read many runs (aggregates, figures, claims and what follows them) are timed
   from the benchmark files of finished runs of the same code (`--aggregates-from
   rehearsal/results:paper:0.02`: the paper's input counts, each input of the rehearsal's
   fraction; or `results:quick` and `smoke/results:smoke`, default `results/` of a `quick`
   run): on the line through their costs at two input counts, extrapolated to the paper's
   count (`fit_to_inputs`); a job found at one count below the paper's only is scaled by
   its input count (marked so). None sees work per input that grows with the scale.
4. Per target (each figure and the claims, with every job it needs) and for the whole DAG:
   jobs, CPU-h, peak memory of one job. The class costs go to
   `profiles/slurm/paper_cost.csv`, which sets the SLURM resources of every rule.

    python benchmarks/paper_cost.py                # measure (25 min on 2 cores, alone), print
    python benchmarks/paper_cost.py --rules a b    # re-measure only the classes of rules a, b;
                                                   # the other rows of the table stay
    python benchmarks/paper_cost.py --rules a --fractions 0.25 1   # at larger fractions
    python benchmarks/paper_cost.py --rules a --upstream-from rehearsal   # their inputs from
                                                   # a finished run, not run again
    python benchmarks/paper_cost.py --rules a --fractions 0.005 0.02 --runs-at rehearsal:0.02
                                                   # one fraction read from the rehearsal
    python benchmarks/paper_cost.py --aggregates-only --aggregates-from q/results:quick \
        --aggregates-from s/results:smoke          # re-time only the jobs reading many runs
    python benchmarks/paper_cost.py --aggregates-only --aggregates-from rehearsal/results:paper:0.02
                                                   # ... at the paper's input counts
    python benchmarks/paper_cost.py --from-paper-run runs/p16_fig4 --rules p16_fig4_run
                                                   # classes measured whole in a paper run
    python benchmarks/paper_cost.py --from-rehearsal rehearsal:0.02   # the classes whose jobs
                                                   # do paper work at any fraction, read from
                                                   # the paper rehearsal's finished jobs
    python benchmarks/paper_cost.py --table-only   # print from profiles/slurm/paper_cost.csv
                                                   # (--markdown: the README's table too)
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lifsampling.config import load_config  # noqa: E402
from lifsampling.config.costs import COSTS_PATH, size_class  # noqa: E402
from lifsampling.experiments import all_slices  # noqa: E402
from lifsampling.logs import read_usage  # noqa: E402

FRACTIONS = (0.005, 0.015)
FIGDIR = "results/figures/"
TARGET_CPU_H = 16.0
# below this share of work in the larger run's CPU time a class's slope is not resolved
# (`extrapolate`): measure it again at larger fractions; unless even all of that run as work,
# scaled to f = 1, would add less than MATERIAL_CPU_S (an analysis of a few seconds)
MIN_WORK_SHARE = 0.25
MATERIAL_CPU_S = 180.0
# a dry run caps every job's threads at --cores (1 unless given): enough to print each rule's own
DRY_RUN_CORES = 64


@dataclass
class Job:
    rule: str
    jobid: int
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    wildcards: dict[str, str] = field(default_factory=dict)
    benchmark: str = ""
    log: str = ""
    threads: int = 1

    @property
    def size_class(self) -> str:
        return size_class(self.rule, self.wildcards)


def snakemake(workdir: Path, config: dict[str, object], *args: str) -> str:
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"),
           "--directory", str(workdir), *args, "--config",  # --config last: it takes lists
           *(f"{k}={v}" for k, v in config.items())]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"snakemake {' '.join(args)} failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
    return proc.stdout + proc.stderr


def job_blocks(log_text: str) -> list[tuple[str, dict[str, str]]]:
    """(rule, fields) of every job a Snakemake dry run or log prints; a job of a group
    (`group:` in the rule) is printed indented under its group job."""
    blocks = []
    for block in re.split(r"\n(?=[ \t]*(?:local)?rule \w+:)", log_text):
        head = re.match(r"[ \t]*(?:local)?rule (\w+):", block)
        if not head:
            continue
        fields = {}
        for line in block.splitlines()[1:]:  # the job's fields, up to the next other line
            field_line = re.match(r"^\s+(\w+): (.*)$", line)
            if not field_line:
                break
            fields[field_line.group(1)] = field_line.group(2)
        blocks.append((head.group(1), fields))
    return blocks


def job_of_block(rule: str, fields: dict[str, str]) -> Job:
    return Job(
        rule=rule, jobid=int(fields["jobid"]),
        inputs=fields.get("input", "").split(", ") if fields.get("input") else [],
        outputs=fields["output"].split(", "),
        wildcards=dict(kv.split("=", 1) for kv in fields["wildcards"].split(", "))
        if "wildcards" in fields else {},
        benchmark=fields.get("benchmark", ""), log=fields.get("log", ""),
        threads=int(fields.get("threads", 1)))


def dag_jobs(scale: str) -> list[Job]:
    """Every job of the `scale` DAG (a dry run in an empty folder)."""
    with tempfile.TemporaryDirectory() as empty:
        text = snakemake(Path(empty), {"scale": scale}, "--dry-run", "all",
                         "--cores", str(DRY_RUN_CORES))
    return [job_of_block(rule, fields) for rule, fields in job_blocks(text) if rule != "all"]


def producers(jobs: list[Job]) -> dict[str, Job]:
    return {out: job for job in jobs for out in job.outputs}


def upstream(job: Job, made_by: dict[str, Job]) -> dict[int, Job]:
    """`job` and every job it needs."""
    return {j.jobid: j for j in upstream_first([job], made_by)}


# NEST runs that also read an aggregate (the best STP set of the L18 Fig 3a scans), and the
# read-outs of their stored samples: their own work is measured as a class, though they come
# after a job that reads many runs
RUNS_AFTER_AGGREGATES = ("l18_fig3_isl_1e3", "l18_fig3_isl_1e3_analysis", "l18_fig4_run",
                         "l18_fig4_analysis", "sampling_fidelity_run", "tempering_run")


def reading_many_runs(jobs: list[Job], made_by: dict[str, Job]) -> set[int]:
    """Jobs that take the outputs of several jobs of one rule, and every job after them but
    the runs of `RUNS_AFTER_AGGREGATES`."""
    direct = {j.jobid for j in jobs
              if max(Counter(made_by[f].rule for f in j.inputs if f in made_by).values(),
                     default=0) > 1 and j.rule not in RUNS_AFTER_AGGREGATES}
    return {j.jobid for j in jobs if direct & set(upstream(j, made_by))
            and j.rule not in RUNS_AFTER_AGGREGATES}


def read_job_cost(workdir: Path, job: Job) -> dict[str, float]:
    """Wall time, CPU time and peak memory of a finished job: Snakemake's benchmark, with the
    CPU time and peak RSS its log ends with where it has them (`lifsampling.logs.own_usage`:
    exact, where the benchmark samples every 30 s after the first 15 s)."""
    with open(workdir / job.benchmark) as fh:
        row = next(csv.DictReader(fh, delimiter="\t"))
    cost = {"wall_s": float(row["s"]), "cpu_s": float(row["cpu_time"]),
            "peak_mb": float(row["max_rss"])}
    usage = read_usage(workdir / job.log) if job.log and (workdir / job.log).exists() else None
    if usage:
        cost["cpu_s"] = usage["cpu_s"]
        cost["peak_mb"] = max(cost["peak_mb"], usage["peak_mb"])
    return cost


def on_line(x1: float, y1: float, x2: float, y2: float, x: float) -> float:
    """y at x on the line from (x1, y1) towards (x2, y2), its slope never below 0 (a cost that
    falls with more work is noise, not a saving: then y1 throughout)."""
    slope = max((y2 - y1) / (x2 - x1), 0.0)
    return y1 + slope * (x - x1)


def work_share(small: float, large: float, f1: float, f2: float) -> float:
    """The share of the larger run's cost that its work makes, on the line through (f1,
    small) and (f2, large): 0 when the two runs cost the same (all fixed cost) or the larger
    costs less, 1 when the cost is proportional to the work, above 1 when superlinear."""
    if large <= 0:
        return 0.0
    return max(large - small, 0.0) / (f2 - f1) * f2 / large


def extrapolate(small: dict[str, float], large: dict[str, float], f1: float, f2: float
                ) -> tuple[dict[str, float], str]:
    """Each measure at f = 1 on the line through (f1, small) and (f2, large), never below the
    larger measurement; and its flag: "superlinear" when the fixed cost (f = 0) came out
    negative, "unresolved" when the work is under `MIN_WORK_SHARE` of the larger run's CPU
    time and the bound `large / f2` (all of that run as work) lies `MATERIAL_CPU_S` above
    the line's value. The slope is then mostly the noise of the fixed cost: a tempering run
    at 0.005 and 0.02 of its work, 70.8 and 77.4 CPU-s, gives 509 CPU-s, and 5 CPU-s more or
    less in either run's fixed cost moves that by 330."""
    out, flag = {}, ""
    for key in small:
        fixed = on_line(f1, small[key], f2, large[key], 0.0)
        if key == "cpu_s" and fixed < -0.1 * small[key]:
            flag = "superlinear"
        out[key] = max(on_line(f1, small[key], f2, large[key], 1.0), large[key])
    share = work_share(small["cpu_s"], large["cpu_s"], f1, f2)
    bound = large["cpu_s"] / f2
    if not flag and share < MIN_WORK_SHARE and bound - out["cpu_s"] > MATERIAL_CPU_S:
        flag = (f"unresolved (work {100 * share:.1f} % of the larger run; at most "
                f"{bound:.0f} CPU-s)")
    return out, flag


def representatives(jobs: list[Job]) -> dict[str, Job]:
    """One job per size class, the same whatever order the dry run printed the jobs in (the
    first by benchmark path): a measurement reading a partial run finds the jobs it ran."""
    reps: dict[str, Job] = {}
    for job in sorted(jobs, key=lambda j: (j.benchmark, j.jobid)):
        reps.setdefault(job.size_class, job)
    return reps


def measure_classes(jobs: list[Job], skip: set[int], workroot: Path, cores: int,
                    fractions: tuple[float, float] = FRACTIONS,
                    paper_size: frozenset[int] = frozenset(),
                    upstream: Path | None = None,
                    finished: dict[float, Path] | None = None) -> dict[str, dict]:
    """Paper cost of each size class (outside `skip`) from its first job run at `fractions`;
    a job of `paper_size` (`paper_size_jobs` at both fractions) does the paper's work at both:
    the larger of its two measurements, not a line through them (a line through their noise,
    extrapolated, made 50 CPU-s of 2). With `upstream` (`reuse_upstream`), the jobs the
    representatives read come from that finished run instead of being run again. A fraction
    of `finished` ({fraction: folder of a finished run of the paper DAG at it, such as the
    rehearsal}) is read from that run's jobs, not run."""
    reps = representatives([j for j in jobs if j.jobid not in skip])
    runs = {}
    for f in fractions:
        if f in (finished or {}):
            print(f"reading {len(reps)} representatives at work fraction {f:g} from "
                  f"{finished[f]}", flush=True)
            unfinished = [j.benchmark for j in reps.values()
                          if not (finished[f] / j.benchmark).exists()]
            if unfinished:
                sys.exit(f"{finished[f]} has not run {len(unfinished)} of the measured jobs: "
                         f"{', '.join(unfinished[:5])}")
            runs[f] = {c: read_job_cost(finished[f], j) for c, j in reps.items()}
            continue
        workdir = workroot / f"f{f:g}"
        print(f"running {len(reps)} representatives at work fraction {f:g} in {workdir}",
              flush=True)
        reuse = []
        if upstream is not None:
            reuse_upstream(upstream, workdir, [f for j in reps.values()
                                               for f in (*j.outputs, j.log, j.benchmark) if f])
            reuse = ["--rerun-triggers", "mtime"]
        snakemake(workdir, {"scale": "paper", "work_fraction": f},
                  *[j.outputs[0] for j in reps.values()], "--cores", str(cores), *reuse)
        runs[f] = {c: read_job_cost(workdir, j) for c, j in reps.items()}
    out = {}
    for c, job in reps.items():
        small, large = runs[fractions[0]][c], runs[fractions[1]][c]
        at = " & ".join(f"{f:g}" for f in fractions)
        if job.jobid in paper_size:
            cost, how = {k: max(small[k], large[k]) for k in small}, f"paper (fixed work) x {at}"
        else:
            cost, flag = extrapolate(small, large, *fractions)
            how = f"paper x {at}" + f" {flag}" * bool(flag)
        out[c] = class_row(job.rule, cost, how)
    return out


def reuse_upstream(run: Path, workdir: Path, measured: list[str]) -> None:
    """`workdir`'s results/ as a copy of a finished run's (hard links, times kept), less the
    `measured` jobs' files (outputs, and logs and benchmarks, which are written in place: a
    link would write into the run's): with Snakemake's mtime trigger only, those jobs run. The
    inputs were made at the run's own fraction (a model trained for fewer iterations fires
    somewhat otherwise): for classes whose upstream would cost more than they do."""
    if not (run / "results").is_dir():
        sys.exit(f"--upstream-from {run}: no results/ in it")
    target = workdir / "results"
    if target.exists():
        shutil.rmtree(target)
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(run / "results", target, copy_function=os.link)
    for output in measured:
        (workdir / output).unlink(missing_ok=True)


# stages whose output does not grow with the work: the MNIST download, a trained model, a
# calibration, the best STP set of the L18 Fig 3a scans
FIXED_SIZE_OUTPUTS = frozenset({"mnist_wheel", "train", "calibrate", "l18_fig3_scan"})


def rules_of_fixed_work(fraction: float) -> set[str]:
    """Rules whose every job slice is the same at `fraction` of the paper work as at the
    whole: a run of the paper DAG at that fraction runs their jobs at paper size."""
    return rules_of_same_work(fraction, 1.0)


def rules_of_same_work(f1: float, f2: float) -> set[str]:
    """Rules whose every job slice is the same at fractions `f1` and `f2` of the paper work
    (a count such as 10 clamped states rounds to 1 at both 0.005 and 0.02): two runs of them
    at those fractions give no line to extrapolate on."""
    at = {f: all_slices(load_config(REPO / "config.yaml", {"scale": "paper",
                                                          "work_fraction": f}))
          for f in (f1, f2)}
    same: dict[str, bool] = defaultdict(lambda: True)
    for name, at_f2 in at[f2].items():
        rule = name.split(":")[0]
        same[rule] &= at[f1].get(name) == at_f2
    return {rule for rule, is_same in same.items() if is_same}


def paper_size_jobs(jobs: list[Job], many: set[int], fraction: float) -> set[int]:
    """The jobs that do the paper's work in a run at `fraction`: a rule of fixed work
    (`rules_of_fixed_work`), reading no many runs, whose inputs all come from such jobs or
    from stages of fixed-size output (a model trained for fewer iterations is as large, though
    its networks may fire otherwise than the paper's)."""
    fixed = rules_of_fixed_work(fraction)
    made_by = producers(jobs)
    chosen: set[int] = set()
    for job in upstream_first(jobs, made_by):
        if job.rule in fixed and job.jobid not in many and all(
                made_by[f].jobid in chosen or made_by[f].rule in FIXED_SIZE_OUTPUTS
                for f in job.inputs if f in made_by):
            chosen.add(job.jobid)
    return chosen


def upstream_first(jobs: list[Job], made_by: dict[str, Job]) -> list[Job]:
    """`jobs` ordered so that every job comes after the jobs it reads."""
    done: dict[int, Job] = {}

    def visit(job: Job) -> None:
        if job.jobid in done:
            return
        for f in job.inputs:
            if f in made_by:
                visit(made_by[f])
        done[job.jobid] = job

    for job in jobs:
        visit(job)
    return list(done.values())


def largest_of_finished(jobs: list[Job], chosen: set[int], runs: list[Path], how: str
                        ) -> dict[str, dict]:
    """Per size class of the `chosen` jobs that the `runs` finished: the largest wall, CPU and
    peak of its jobs there, each measure on its own."""
    found: dict[str, list[dict[str, float]]] = defaultdict(list)
    for run in runs:
        for job in jobs:
            if job.jobid in chosen and job.benchmark and (run / job.benchmark).exists():
                found[job.size_class].append(read_job_cost(run, job))
    rule_of = {j.size_class: j.rule for j in jobs}
    return {c: class_row(rule_of[c], {k: max(m[k] for m in measured) for k in measured[0]},
                         f"{how}, largest of {len(measured)} job{'s' * (len(measured) > 1)}")
            for c, measured in found.items()}


def costs_from_rehearsal(jobs: list[Job], many: set[int], run: Path, fraction: float
                         ) -> dict[str, dict]:
    """Paper cost of the classes of `paper_size_jobs` from the finished jobs of a run of the
    paper DAG at `fraction` (the rehearsal)."""
    return largest_of_finished(jobs, paper_size_jobs(jobs, many, fraction), [run],
                               f"paper: rehearsal at {fraction:g} (fixed work)")


def costs_from_paper_run(jobs: list[Job], runs: list[Path]) -> dict[str, dict]:
    """Paper cost of every class with a job finished in one of `runs`, runs at paper scale and
    full work (`--config scale=paper`, such as the runs behind docs/claims_paper.md; nothing
    in a run's files tells its work fraction: a rehearsal's folder would be read as paper):
    measured, not extrapolated; a job reading many runs read all of the paper's."""
    return largest_of_finished(jobs, {j.jobid for j in jobs}, runs,
                               f"paper: full-size run {' & '.join(r.name for r in runs)}")


def wall_at_least_cpu_over_threads(costs: dict[str, dict], jobs: list[Job]
                                   ) -> dict[str, dict]:
    """Each class's wall time raised to its CPU time / its jobs' threads where below: wall
    and CPU are extrapolated on lines of their own, and a job that used more cores than its
    threads here (BLAS) gets only its threads on a cluster; the SLURM time limit is drawn
    from the wall time."""
    threads = {j.size_class: j.threads for j in jobs}
    return {c: {**row, "wall_s": max(row["wall_s"], row["cpu_s"] / threads.get(c, 1))}
            for c, row in costs.items()}


def fit_to_inputs(points: list[tuple[int, dict[str, float]]], n: int
                  ) -> tuple[dict[str, float], str]:
    """Each measure of a job that reads `n` runs, from runs of it that read fewer: on the line
    through the (inputs, measure) points with the fewest and the most inputs (its fixed cost
    and its cost per input), never below the largest measurement; with one input count only,
    the largest measurement: as it is where that count is n or more (a run of the paper DAG
    such as the rehearsal reads the paper's count), else scaled by n / that count (marked
    "scaled from one input count": its fixed cost is scaled too). Also how it was obtained.
    Work per input that grows with the scale (longer runs per input file) is not in it."""
    points = sorted(points, key=lambda p: p[0])
    n1, n2 = points[0][0], points[-1][0]
    keys = points[0][1]
    largest = {k: max(m[k] for _, m in points) for k in keys}
    if n2 > n1:
        small = {k: max(m[k] for c, m in points if c == n1) for k in keys}
        large = {k: max(m[k] for c, m in points if c == n2) for k in keys}
        return ({k: max(on_line(n1, small[k], n2, large[k], n), largest[k]) for k in keys},
                f"fit on {n1} and {n2} inputs")
    if n2 >= n:
        return largest, (f"at its {n} inputs" if n2 == n
                         else f"at {n2} inputs (the job reads {n})")
    factor = n / max(n2, 1)
    return ({k: v * factor for k, v in largest.items()},
            f"x {factor:.3g} inputs, scaled from one input count")


def measure_many_run_jobs(jobs: list[Job], many: set[int],
                          sources: list[tuple[Path, str, str]]) -> dict[str, dict]:
    """Cost of the jobs that read many runs, from the benchmarks of finished runs of the same
    code (`sources`: (results folder, its scale, how the table names it)): fitted on the
    input counts of two of them (`fit_to_inputs`; e.g. a smoke and a quick run), or taken from
    one (the rehearsal: the paper's counts)."""
    measured: dict[str, list[tuple[int, dict[str, float], str]]] = defaultdict(list)
    for results, scale, label in sources:
        there = representatives(dag_jobs(scale))
        for job in jobs:
            ref = there.get(job.size_class)
            if job.jobid in many and ref and (results.parent / ref.benchmark).exists():
                measured[job.size_class].append((len(ref.inputs),
                                                 read_job_cost(results.parent, ref), label))
    out = {}
    for job in jobs:
        points = measured.get(job.size_class)
        if job.jobid not in many or not points or job.size_class in out:
            continue
        cost, how = fit_to_inputs([(n, m) for n, m, _ in points], len(job.inputs))
        labels = " & ".join(dict.fromkeys(label for _, _, label in points))
        out[job.size_class] = class_row(job.rule, cost, f"{labels}: {how}")
    return out


def class_row(rule: str, cost: dict[str, float], how: str) -> dict:
    """One size class's row of the cost table: its rule, measures and how they were taken."""
    return {"rule": rule, **cost, "measured_at": how}


def write_costs(costs: dict[str, dict], path: Path = COSTS_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="") as fh:
        writer = csv.DictWriter(fh, ["size_class", "rule", "wall_s", "cpu_s", "peak_mb",
                                     "measured_at"], lineterminator="\n")
        writer.writeheader()
        for c in sorted(costs):
            writer.writerow({"size_class": c, **{k: (f"{v:.1f}" if isinstance(v, float) else v)
                                                 for k, v in costs[c].items()}})
    tmp.replace(path)


def read_costs(path: Path = COSTS_PATH) -> dict[str, dict]:
    with open(path, newline="") as fh:
        return {row.pop("size_class"): {k: (v if k in ("rule", "measured_at") else float(v))
                                        for k, v in row.items()}
                for row in csv.DictReader(fh)}


def is_scaled(measured_at: str) -> bool:
    """A many-run job's cost scaled from one input count (`fit_to_inputs`)."""
    return "scaled from one" in measured_at


def is_unresolved(measured_at: str) -> bool:
    """A class whose larger run's work share is under `MIN_WORK_SHARE` (`extrapolate`)."""
    return "unresolved" in measured_at


def cost_table(jobs: list[Job], costs: dict[str, dict]
               ) -> list[tuple[str, int, float, float, int, int, int]]:
    """(target, jobs, CPU-h, peak GB of one job, jobs without a measurement, jobs whose cost is
    scaled from one input count, jobs whose class is unresolved) per target, then the whole
    DAG."""
    made_by = producers(jobs)
    by_rule = defaultdict(list)
    for job in jobs:
        by_rule[job.rule].append(job)

    def row(name: str, members: list[Job]) -> tuple[str, int, float, float, int, int, int]:
        known = [costs[j.size_class] for j in members if j.size_class in costs]
        return (name, len(members), sum(c["cpu_s"] for c in known) / 3600,
                max((c["peak_mb"] for c in known), default=0.0) / 1024,
                len(members) - len(known),
                sum(is_scaled(c["measured_at"]) for c in known),
                sum(is_unresolved(c["measured_at"]) for c in known))

    # the targets: every figure rule of the DAG (as the Snakefile finds them), then the claims
    figures = sorted({j.rule for j in jobs if any(o.startswith(FIGDIR) for o in j.outputs)})
    rows = [row(t, list(upstream(by_rule[t][0], made_by).values()))
            for t in [*figures, "claims"]]
    return rows + [row("total (every job once)", jobs)]


def print_table(rows, costs: dict[str, dict]) -> None:
    print(f"{'target':<24} {'jobs':>5} {'CPU-h':>7} {'peak GB':>8}  unmeasured  scaled  "
          "unresolved")
    for name, n, cpu_h, peak, missing, bounds, unresolved in rows:
        print(f"{name:<24} {n:>5} {cpu_h:>7.2f} {peak:>8.2f}  {missing or '':>10}  "
              f"{bounds or '':>6}  {unresolved or '':>10}")
    print("\nmost expensive classes (CPU-h per job x jobs is in the target rows):")
    for c, v in sorted(costs.items(), key=lambda kv: -kv[1]["cpu_s"])[:10]:
        print(f"  {c:<40} {v['cpu_s'] / 3600:7.3f} CPU-h/job  {v['peak_mb']:7.0f} MB  "
              f"({v['measured_at']})")
    total = rows[-1][2]
    print(f"paper_cost: {total:.1f} CPU-h (target <= {TARGET_CPU_H:g})")


def markdown_table(rows) -> str:
    """The README's cost table (`--markdown`)."""
    lines = ["| target | jobs | CPU-h | peak GB of one job | jobs unmeasured | jobs scaled from "
             "one input count | jobs unresolved |", "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {name} | {n} | {cpu_h:.2f} | {peak:.2f} | {missing} | {bounds} | "
              f"{unresolved} |" for name, n, cpu_h, peak, missing, bounds, unresolved in rows]
    return "\n".join(lines)


def run_at(argument: str, parser: argparse.ArgumentParser) -> tuple[float, Path]:
    """(fraction, folder) of a DIR:FRACTION argument naming a finished run."""
    run, _, fraction = argument.rpartition(":")
    if not run or not re.fullmatch(r"0?\.\d+|1(\.0*)?", fraction):
        parser.error(f"{argument!r}: expected DIR:FRACTION, e.g. rehearsal:0.02")
    if not Path(run).is_dir():
        parser.error(f"{argument!r}: no folder {run}")
    return float(fraction), Path(run)


def aggregate_source(argument: str) -> tuple[Path, str, str]:
    """(results folder, scale, table label) of a RESULTS[:SCALE[:FRACTION]] argument: scale
    quick unless given; the label names the run's folder and, if given, its work fraction."""
    results, scale, fraction = (argument.split(":") + ["", ""])[:3]
    at = f" at {fraction}" if fraction else ""
    run = Path(results).resolve().parent.name
    return Path(results), scale or "quick", f"{scale or 'quick'}{at} ({run})"


def report_changes(old: dict[str, dict], new: dict[str, dict]) -> None:
    """Each class whose CPU time a reading changed, so a wrong folder shows at once (at the
    table's 0.1 CPU-s: the table keeps one decimal)."""
    for c in sorted(new):
        before = f"{old[c]['cpu_s']:.1f}" if c in old else "-"
        if before != f"{new[c]['cpu_s']:.1f}":
            print(f"  {c}: {before} -> {new[c]['cpu_s']:.1f} CPU-s ({new[c]['measured_at']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--table-only", action="store_true",
                      help=f"print from {COSTS_PATH.relative_to(REPO)}, measure nothing")
    parser.add_argument("--markdown", action="store_true",
                        help="also print the table as the README's markdown table")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=REPO / "results" / "paper_cost")
    parser.add_argument("--aggregates-from", action="append",
                        metavar="RESULTS[:SCALE[:FRACTION]]",
                        help="results/ of a finished run of this code (scale: quick unless "
                             "given; the work fraction, if not 1, for the table's label) whose "
                             "benchmarks time the jobs that read many runs; repeatable: two "
                             "input counts give a fit (default: results:quick)")
    mode.add_argument("--aggregates-only", action="store_true",
                      help="re-time only the jobs that read many runs (from "
                           "--aggregates-from); every measured class keeps its row")
    parser.add_argument("--rules", nargs="+", metavar="RULE",
                        help="re-measure only the size classes of these rules (after a change "
                             "to them); every other class keeps its row of the table")
    mode.add_argument("--from-rehearsal", metavar="DIR:FRACTION",
                      help="read the classes of fixed work (`rules_of_fixed_work`) from a "
                           "run of the paper DAG at FRACTION in DIR; measure nothing")
    parser.add_argument("--fractions", nargs=2, type=float, default=FRACTIONS,
                        metavar=("F1", "F2"),
                        help="the two work fractions of the measurement runs (default "
                             f"{FRACTIONS[0]:g} {FRACTIONS[1]:g}); larger ones for classes "
                             "whose memory at f = 1 the short runs' noise would decide")
    parser.add_argument("--runs-at", metavar="DIR:FRACTION",
                        help="one of --fractions read from a finished run of the paper DAG at "
                             "FRACTION in DIR (the rehearsal's jobs, exact CPU from their "
                             "logs), not run")
    mode.add_argument("--from-paper-run", type=Path, action="append", metavar="DIR",
                      help="read the classes of every job finished in DIR, a run with "
                           "--config scale=paper at full work, as measured (`--rules`: only "
                           "theirs); repeatable (the largest over the runs); measure nothing")
    parser.add_argument("--upstream-from", type=Path, metavar="DIR",
                        help="with --rules: the measured jobs' inputs from a finished run in "
                             "DIR (e.g. the paper rehearsal), not run again (`reuse_upstream`)")
    args = parser.parse_args()
    jobs = dag_jobs("paper")
    chosen = [j for j in jobs if not args.rules or j.rule in args.rules]
    if not args.table_only:
        many = reading_many_runs(jobs, producers(jobs))
        old = read_costs()
        costs = dict(old) if args.rules or args.aggregates_only or args.from_rehearsal \
            or args.from_paper_run else {}
        if args.from_rehearsal:
            fraction, run = run_at(args.from_rehearsal, parser)
            costs |= costs_from_rehearsal(jobs, many, run, fraction)  # the whole DAG's chains
        elif args.from_paper_run:
            for run in args.from_paper_run:
                if not (run / "results").is_dir():
                    parser.error(f"--from-paper-run {run}: no results/ in it")
            costs |= costs_from_paper_run(chosen, args.from_paper_run)
        else:
            if not args.aggregates_only:
                fractions = tuple(sorted(args.fractions))
                flat = (rules_of_same_work(*fractions) - rules_of_fixed_work(fractions[1])) & {
                    j.rule for j in chosen if j.jobid not in many}
                if flat:
                    parser.error(f"the work of {sorted(flat)} is the same at {fractions[0]:g} "
                                 f"and {fractions[1]:g} (a count rounded to the same number): "
                                 "measure them with --rules at fractions where it differs")
                paper_size = frozenset.intersection(*(frozenset(paper_size_jobs(jobs, many, f))
                                                      for f in fractions))
                finished = dict([run_at(args.runs_at, parser)]) if args.runs_at else {}
                if not set(finished) <= set(fractions):
                    parser.error(f"--runs-at {args.runs_at}: its fraction is none of "
                                 "--fractions")
                costs |= measure_classes(chosen, many, args.workdir, args.cores, fractions,
                                         paper_size, args.upstream_from, finished)
            sources = [aggregate_source(a)
                       for a in args.aggregates_from or [str(REPO / "results")]]
            costs |= measure_many_run_jobs(chosen, many, sources)
        costs = wall_at_least_cpu_over_threads(costs, jobs)
        report_changes(old, costs)
        write_costs(costs)
    costs = read_costs()
    rows = cost_table(jobs, costs)
    if args.markdown:
        print(markdown_table(rows) + "\n")
    print_table(rows, costs)


if __name__ == "__main__":
    main()
