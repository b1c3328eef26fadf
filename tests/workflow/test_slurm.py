"""l18_fig1 through the SLURM profile on the localhost cluster of .ci/start_slurm.sh.

Skipped where no cluster answers, unless LIFSAMPLING_REQUIRE_SLURM=1 (set by .ci/run),
where a missing cluster is a failure.
"""
import os
import shutil
import subprocess
import sys

import pytest

from lifsampling import io

pytestmark = [pytest.mark.slurm, pytest.mark.workflow]


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


def test_l18_fig1_runs_as_slurm_jobs(cluster, repo, tmp_path):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(repo / "Snakefile"),
           "--directory", str(tmp_path), "--workflow-profile", str(repo / "profiles" / "slurm"),
           "l18_fig1", "--config", "scale=smoke"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-5000:]
    submitted = [line for line in out.splitlines() if "submitted with SLURM jobid" in line]
    assert len(submitted) == 2, out[-3000:]
    sim = io.read_dataset(tmp_path / "results" / "sims" / "l18_fig1_stp.nc")
    # written inside a SLURM allocation: the job id is in the provenance
    assert sim.attrs["slurm_job_id"].isdigit()
    assert (tmp_path / "results" / "figures" / "l18_fig1.pdf").stat().st_size > 10_000
