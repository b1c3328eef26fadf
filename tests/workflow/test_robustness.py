"""Killed jobs, restarts and corrupted inputs (issue: the study tells its own verdict)."""
import os
import signal
import subprocess
import time

import numpy as np
import pytest
from dag_runs import snakemake, snakemake_cmd

from lifsampling import io

pytestmark = pytest.mark.workflow

TARGET = "results/sims/l18_fig5/trial_block_0.nc"
LONGER = ("experiments:\n  sampling:\n    l18_fig5:\n      trial_ms: "
          "{smoke: 40000.0, quick: 40000.0, paper: 40000.0}\n")


def _run(repo, workdir, *args, check=True):
    return snakemake(repo, workdir, *args, check=check, timeout=900, cores=1)


def test_killed_simulation_restarts_to_identical_results(repo, tmp_path):
    longer = tmp_path / "longer.yaml"
    longer.write_text(LONGER)
    args = (TARGET, "--configfile", str(repo / "config.yaml"), str(longer), "--config",
            "scale=smoke")
    reference = tmp_path / "reference"
    _run(repo, reference, *args)

    killed = tmp_path / "killed"
    proc = subprocess.Popen(snakemake_cmd(repo, killed, *args, cores=1), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    log = killed / "results" / "logs" / "sims" / "l18_fig5" / "trial_block_0.log"
    deadline = time.time() + 300
    while not (log.exists() and "wall time" not in log.read_text()) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # inside the NEST run
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert log.exists(), "the simulation job never started"
    assert not (killed / TARGET).exists(), "a killed job left an output under its final name"

    # a killed Snakemake leaves its lock: the documented restart is --unlock, then the same
    # command (rerun-incomplete is in the default profile)
    _run(repo, killed, *args, "--unlock")
    _run(repo, killed, *args)
    got, ref = (io.read_dataset(d / TARGET, ["spike_time", "spike_count"])
                for d in (killed, reference))
    np.testing.assert_array_equal(got["spike_time"].values, ref["spike_time"].values)
    np.testing.assert_array_equal(got["spike_count"].values, ref["spike_count"].values)


def test_corrupted_input_is_refused_by_name(repo, tmp_path):
    args = (TARGET, "--config", "scale=smoke")
    _run(repo, tmp_path, *args)
    calibration = tmp_path / "results" / "calibration" / "l18_coba.nc"
    data = calibration.read_bytes()
    calibration.write_bytes(data[: len(data) // 3])  # truncated: newer than the trial output
    proc = _run(repo, tmp_path, *args, "--rerun-triggers", "mtime", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "results/calibration/l18_coba.nc" in out and "not a readable netCDF" in out
    assert not (tmp_path / TARGET).exists()
