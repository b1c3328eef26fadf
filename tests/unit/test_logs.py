"""A job's log ends with its own CPU time and peak memory, read back exactly."""
import time

import numpy as np

from lifsampling.logs import job_log, read_usage


def test_job_log_records_cpu_time_and_peak_memory_of_the_job(tmp_path):
    log = tmp_path / "job.log"
    cpu_before = time.process_time()
    with job_log(log):
        busy_until = time.process_time() + 0.5
        while time.process_time() < busy_until:
            pass
        held = np.ones(300 * 2**20 // 8)  # 300 MB, every page written
    usage = read_usage(log)
    assert usage is not None
    # getrusage counts from the process's start: at least this test's busy half second
    assert usage["cpu_s"] >= cpu_before + 0.5 - 0.01
    assert usage["peak_mb"] >= held.nbytes / 2**20  # the array alone is 300 MB
    assert "wall time" in log.read_text()


def test_a_log_without_the_usage_line_reads_none(tmp_path):
    log = tmp_path / "old.log"
    log.write_text("2026-12-01 10:00:00,000 INFO wall time 3.00 s\n")
    assert read_usage(log) is None
