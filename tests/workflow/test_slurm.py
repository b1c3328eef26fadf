"""The whole smoke DAG through the SLURM profile on the localhost cluster of
.ci/start_slurm.sh, against the local smoke run of the same config and seed.

Skipped where no cluster answers, unless LIFSAMPLING_REQUIRE_SLURM=1 (set by .ci/run),
where a missing cluster is a failure.
"""
import os
import re
import shutil
import subprocess

import pytest
import xarray as xr
from dag_runs import snakemake

from lifsampling import io

pytestmark = [pytest.mark.slurm, pytest.mark.workflow]
# attributes that say when and where a file was written, not what it holds
WHEN_AND_WHERE = ("history", "slurm_job_id")


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


@pytest.fixture(scope="module")
def slurm_run(cluster, repo, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("slurm")
    proc = snakemake(repo, workdir, "--workflow-profile", str(repo / "profiles" / "slurm"),
                     "--config", "scale=smoke", timeout=3600)
    return workdir, proc.stdout + proc.stderr


def _what_it_holds(path):
    ds = io.read_dataset(path)
    where = {k: ds.attrs.pop(k) for k in WHEN_AND_WHERE}
    return ds, where


def test_every_job_of_the_smoke_dag_ran_in_a_slurm_job(slurm_run, smoke_run):
    workdir, log = slurm_run
    files = sorted(p.relative_to(workdir) for p in (workdir / "results").rglob("*.nc"))
    assert files == sorted(p.relative_to(smoke_run) for p in (smoke_run / "results").rglob("*.nc"))
    assert len(files) > 60
    for name in files:
        _, where = _what_it_holds(workdir / name)
        assert where["slurm_job_id"].isdigit(), name
    def figures(root):
        return sorted(p.name for p in (root / "results" / "figures").glob("*.p[dn][fg]"))

    assert figures(workdir) == figures(smoke_run) and len(figures(workdir)) >= 2 * 12
    # short runs went to the cluster in groups: fewer submissions than jobs
    submitted = re.findall(r"submitted with SLURM jobid (\d+)", log)
    total = int(re.search(r"^total\s+(\d+)", log, re.MULTILINE).group(1))
    assert len(set(submitted)) < total - 10, (len(submitted), total)
    assert any("group_runs" in line for line in log.splitlines() if "submitted" in line)


def test_slurm_results_equal_the_local_run(slurm_run, smoke_run):
    workdir, _ = slurm_run
    for path in sorted((smoke_run / "results").rglob("*.nc")):
        name = path.relative_to(smoke_run)
        local, _ = _what_it_holds(path)
        on_slurm, _ = _what_it_holds(workdir / name)
        try:
            xr.testing.assert_identical(on_slurm, local)
        except AssertionError as err:
            raise AssertionError(f"{name} differs between SLURM and local runs") from err
    claims = "results/claims.csv"
    assert (workdir / claims).read_text() == (smoke_run / claims).read_text()


RETRIED_SNAKEFILE = '''
from lifsampling.config import costs

# a job of 100 s whose measured cost (20 s, twice that requested) rounds to a 1-min limit
COSTS = {"sleeper": {"wall_s": 20.0, "cpu_s": 20.0, "peak_mb": 100.0}}

rule sleeper:
    output: "done.txt"
    resources: **costs.snakemake_resources(COSTS, "sleeper", min_runtime_min=1)
    shell: "sleep 100 && echo {resources.runtime} > {output}"
'''


def test_a_job_killed_at_its_time_limit_is_retried_with_more(cluster, repo, tmp_path):
    """The SLURM profile's retries with the study's resource function: killed at 1 min (SLURM
    enforces limits every ~30 s), resubmitted with 2 min, done."""
    (tmp_path / "Snakefile").write_text(RETRIED_SNAKEFILE)
    proc = snakemake(repo, tmp_path, "--workflow-profile", str(repo / "profiles" / "slurm"),
                     snakefile=tmp_path / "Snakefile", check=False, timeout=900)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    assert (tmp_path / "done.txt").read_text().strip() == str(2 * 1)  # the second attempt's limit
    assert len(set(re.findall(r"submitted with SLURM jobid (\d+)", log))) == 2, log[-4000:]
