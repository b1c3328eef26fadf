"""The smoke DAG's job kinds through the SLURM profile on the localhost cluster of
.ci/start_slurm.sh, against the local smoke run of the same config and seed.

The local run (the session's `smoke_run`) is the reference. One job of every rule of its DAG
(the cheapest, by the local run's benchmark) runs again through `profiles/slurm`, forced, in a
copy of the local run's folder: its inputs are the local run's files, so it must write what
the local run wrote. A forced job re-runs every job between it and another forced one
(Snakemake re-runs what depends on a job that runs), so the chosen jobs go in waves of equal
depth in the DAG (no job of a wave needs another of it), each wave in its own copy as one
group job, three waves at a time. The rules' own groups (`group:`, sized by the profile's
`group-components`) are checked by planning the smoke and paper DAGs with the profile; its
retries by a job killed at its time limit, which sleeps beside the waves.

Skipped where no cluster answers, unless LIFSAMPLING_REQUIRE_SLURM=1 (set by .ci/run),
where a missing cluster is a failure.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xarray as xr
from dag_runs import snakemake, snakemake_cmd

from lifsampling import io

pytestmark = [pytest.mark.slurm, pytest.mark.workflow]
# attributes that say when and where a file was written, not what it holds
WHEN_AND_WHERE = ("history", "slurm_job_id")
SLURM_PROFILE = ("--workflow-profile",
                 str(Path(__file__).resolve().parents[2] / "profiles" / "slurm"))


# The waves share the test node's cores (.ci/start_slurm.sh offers more CPUs than it has):
# NEST's OpenMP threads must sleep, not spin, while they wait for each other, or a 2-thread run
# takes 10x longer beside another (classify_lif at smoke: 142 s instead of 14 s spinning,
# 30 s sleeping, with two busy processes on the 2 cores). Numbers do not depend on it.
SHARED_NODE = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}


def _cluster_up() -> bool:
    if shutil.which("sinfo") is None:
        return False
    proc = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True,
                          timeout=30)
    return proc.returncode == 0 and "idle" in proc.stdout


@pytest.fixture(scope="module")
def cluster():
    if not _cluster_up():
        if os.environ.get("LIFSAMPLING_REQUIRE_SLURM") == "1":
            pytest.fail("LIFSAMPLING_REQUIRE_SLURM=1 but no SLURM cluster answers (sinfo)")
        pytest.skip("no SLURM cluster (start one with .ci/start_slurm.sh)")


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import paper_cost  # noqa: E402  (the cost benchmark's reading of a DAG: a dry run)


def _depths(jobs) -> dict[int, int]:
    """Longest chain of jobs above each job (0: it needs no job's output)."""
    made_by = paper_cost.producers(jobs)
    depth: dict[int, int] = {}

    def of(job) -> int:
        if job.jobid not in depth:
            above = [of(made_by[f]) + 1 for f in job.inputs if f in made_by]
            depth[job.jobid] = max(above, default=0)
        return depth[job.jobid]

    for job in jobs:
        of(job)
    return depth


def _wall_s(benchmark: Path) -> float:
    with open(benchmark) as fh:
        return float(next(csv.DictReader(fh, delimiter="\t"))["s"])


def _one_job_per_rule(jobs, local_run: Path) -> dict[str, object]:
    """The job of each rule that took least wall time in the local run."""
    chosen = {}
    for job in sorted(jobs, key=lambda j: _wall_s(local_run / j.benchmark)):
        chosen.setdefault(job.rule, job)
    return chosen


def _rules_run_in_slurm_jobs(workdir: Path) -> set[str]:
    """Rules whose jobs ran inside a SLURM job: the jobs each SLURM job's log lists."""
    logs = (workdir / ".snakemake" / "slurm_logs").rglob("*.log")
    return {rule for log in logs
            for rule in re.findall(r"^[ \t]*(?:local)?rule (\w+):", log.read_text(),
                                   re.MULTILINE)}


def _one_group(rules: set[str]) -> list[str]:
    """`--groups` and `--group-components` that put the jobs of a wave in one group job: one
    Snakemake start in SLURM per wave, not one per job (the rules' own groups are checked at
    paper shape by `test_the_dag_plans_with_the_slurm_profile`)."""
    return ["--groups", *(f"{rule}=proof" for rule in sorted(rules)),
            "--group-components", f"proof={len(rules)}"]


def _run_at_most(commands: dict[Path, list[str]], at_once: int, timeout_s: float = 1800
                 ) -> dict[Path, str]:
    """Run the commands in the order given, `at_once` of them side by side; the output of
    each (a failure raises with the end of it)."""
    waiting, running, done = list(commands), {}, {}
    deadline = time.monotonic() + timeout_s
    try:
        _drive(commands, at_once, waiting, running, done, deadline)
    finally:
        for proc in running.values():  # a failed or late wave stops the others
            proc.terminate()
    return done


def _drive(commands, at_once, waiting, running, done, deadline) -> None:
    while waiting or running:
        assert time.monotonic() < deadline, f"waves still running: {sorted(running)}"
        while waiting and len(running) < at_once:
            workdir = waiting.pop(0)
            with open(workdir / "snakemake.out", "w") as out:
                running[workdir] = subprocess.Popen(commands[workdir], stdout=out,
                                                    stderr=subprocess.STDOUT, env=SHARED_NODE)
        finished = [w for w, proc in running.items() if proc.poll() is not None]
        for workdir in finished:
            proc = running.pop(workdir)
            done[workdir] = (workdir / "snakemake.out").read_text()
            assert proc.returncode == 0, f"{workdir.name} failed:\n{done[workdir][-4000:]}"
        time.sleep(0 if finished else 1)


@pytest.fixture(scope="module")
def slurm_proof(retried_run, repo, smoke_run, tmp_path_factory):
    """(jobs of the DAG, the job run per rule, {wave folder: (its jobs, Snakemake's log)})."""
    jobs = paper_cost.dag_jobs("smoke")
    chosen = _one_job_per_rule(jobs, smoke_run)
    depth = _depths(jobs)
    waves: dict[int, list] = {}
    for job in chosen.values():
        waves.setdefault(depth[job.jobid], []).append(job)
    groups = _one_group(set(chosen))
    commands, wave_of = {}, {}
    # the longest waves first: their jobs set the end
    for level, wave in sorted(waves.items(), key=lambda kv: -sum(
            _wall_s(smoke_run / job.benchmark) for job in kv[1])):
        workdir = tmp_path_factory.mktemp(f"slurm_wave{level}")
        shutil.copytree(smoke_run, workdir, dirs_exist_ok=True, symlinks=True,
                        ignore=shutil.ignore_patterns("slurm_logs"))
        targets = [job.outputs[0] for job in wave]
        # not mtime: a test that re-ran a job of the local run (whatever the test order)
        # must not make the jobs after it due here
        commands[workdir] = snakemake_cmd(repo, workdir, *SLURM_PROFILE, *groups,
                                          "--slurm-keep-successful-logs", "--rerun-triggers",
                                          "code", "params", "input", "software-env", "--force",
                                          *targets, "--config", "scale=smoke")
        wave_of[workdir] = wave
    # three group jobs of 2 CPUs and the retry test's job fit the test node's 8 CPUs
    logs = _run_at_most(commands, at_once=3)
    return jobs, chosen, {workdir: (wave_of[workdir], log) for workdir, log in logs.items()}


def _what_it_holds(path):
    ds = io.read_dataset(path)
    where = {k: ds.attrs.pop(k) for k in WHEN_AND_WHERE}
    return ds, where


def test_every_rule_of_the_smoke_dag_ran_in_a_slurm_job(slurm_proof):
    jobs, chosen, runs = slurm_proof
    rules = {job.rule for job in jobs}
    assert len(chosen) == len(rules) > 40
    in_slurm = set().union(*(_rules_run_in_slurm_jobs(workdir) for workdir in runs))
    assert sorted(rules - in_slurm) == []
    for workdir, (wave, log) in runs.items():
        # exactly the wave's jobs ran: nothing else of the DAG re-ran around them
        total = int(re.search(r"^total\s+(\d+)", log, re.MULTILINE).group(1))
        assert total == len(wave), (workdir.name, [j.rule for j in wave], log[-3000:])
    # one group job per wave
    for _, log in runs.values():
        assert len(set(re.findall(r"submitted with SLURM jobid (\d+)", log))) == 1, log[-3000:]


def test_slurm_results_equal_the_local_run(slurm_proof, smoke_run):
    _, _, runs = slurm_proof
    compared = 0
    for workdir, (wave, _) in runs.items():
        for name in (out for job in wave for out in job.outputs):
            if name.endswith(".nc"):
                local, _ = _what_it_holds(smoke_run / name)
                on_slurm, where = _what_it_holds(workdir / name)
                assert where["slurm_job_id"].isdigit(), name
                try:
                    xr.testing.assert_identical(on_slurm, local)
                except AssertionError as err:
                    raise AssertionError(f"{name} differs between SLURM and local runs") from err
                compared += 1
            elif name.endswith((".csv", ".md")):
                assert (workdir / name).read_text() == (smoke_run / name).read_text(), name
                assert (workdir / name).stat().st_mtime > (smoke_run / name).stat().st_mtime
                compared += 1
            else:  # figures and the MNIST wheel: written again (a PDF holds its date)
                assert (workdir / name).stat().st_mtime > (smoke_run / name).stat().st_mtime
    assert compared > 40


RETRIED_SNAKEFILE = '''
from lifsampling.config import costs

# a job of 90 s whose measured cost (20 s, twice that requested) rounds to a 1-min limit:
# killed by 90 s (SLURM checks limits every ~30 s), done within the second attempt's 2 min
# though Snakemake starts twice in it beside the waves
COSTS = {"sleeper": {"wall_s": 20.0, "cpu_s": 20.0, "peak_mb": 100.0}}

rule sleeper:
    output: "done.txt"
    resources: **costs.snakemake_resources(COSTS, "sleeper", min_runtime_min=1)
    shell: "sleep 90 && echo {resources.runtime} > {output}"
'''


@pytest.fixture(scope="module")
def retried_run(cluster, repo, tmp_path_factory):
    """The retry test's run, started before the waves: it sleeps while they compute."""
    workdir = tmp_path_factory.mktemp("slurm_retry")
    (workdir / "Snakefile").write_text(RETRIED_SNAKEFILE)
    cmd = snakemake_cmd(repo, workdir, *SLURM_PROFILE, snakefile=workdir / "Snakefile")
    with open(workdir / "snakemake.out", "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    yield workdir, proc
    proc.terminate()  # no-op once it ended


def test_a_job_killed_at_its_time_limit_is_retried_with_more(retried_run):
    """The SLURM profile's retries with the study's resource function: killed at 1 min (SLURM
    enforces limits every ~30 s), resubmitted with 2 min, done."""
    workdir, proc = retried_run
    proc.wait(timeout=900)
    log = (workdir / "snakemake.out").read_text()
    assert proc.returncode == 0, log[-4000:]
    assert (workdir / "done.txt").read_text().strip() == str(2 * 1)  # the second attempt's limit
    assert len(set(re.findall(r"submitted with SLURM jobid (\d+)", log))) == 2, log[-4000:]


@pytest.mark.parametrize("scale", ["smoke", "paper"])
def test_the_dag_plans_with_the_slurm_profile(cluster, repo, tmp_path, scale):
    """The rules' groups hold at every scale: a group that feeds itself through a job
    outside it (Snakemake refuses it) fails here, not on a user's cluster."""
    proc = snakemake(repo, tmp_path, *SLURM_PROFILE, "--dry-run", "--config", f"scale={scale}")
    assert re.search(r"^total\s+\d{3}", proc.stdout, re.MULTILINE), proc.stdout[-2000:]
