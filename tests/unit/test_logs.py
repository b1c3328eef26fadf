"""A job's log ends with its own CPU time and peak memory, read back exactly."""
import hashlib
import os
import re
import threading
import time

import numpy as np

from lifsampling.logs import USAGE_PATTERN, job_log, own_usage, read_usage


def _burn_cpu_in_a_thread(seconds: float) -> None:
    """CPU time spent outside the main thread (hashlib releases the GIL), as NEST's virtual
    processes and BLAS threads spend theirs."""
    def burn():
        while time.thread_time() < seconds:  # this thread's own CPU time, whatever the load
            hashlib.sha256(b"x" * 2**20).digest()
    worker = threading.Thread(target=burn)
    worker.start()
    worker.join()


def _cpu_s_of(usage_line: str) -> float:
    return float(re.search(USAGE_PATTERN, usage_line).group(1))


def test_the_usage_counts_cpu_time_of_every_thread():
    before, main_thread_before = _cpu_s_of(own_usage()), time.thread_time()
    _burn_cpu_in_a_thread(0.5)
    spent = _cpu_s_of(own_usage()) - before
    # the worker thread's half second counts, though the main thread hardly ran
    assert time.thread_time() - main_thread_before < 0.2
    assert 0.49 <= spent <= 0.5 + 0.2 + 0.05  # seconds, not milliseconds or minutes


def test_job_log_ends_with_cpu_time_and_peak_memory(tmp_path):
    log = tmp_path / "job.log"
    with job_log(log):
        held = np.ones(300 * 2**20 // 8)  # 300 MB, every page written
    usage = read_usage(log)
    assert usage is not None
    # in seconds: at most this process's CPU time and that of its finished subprocesses (a
    # test session's earlier Snakemake runs) so far
    times = os.times()
    assert usage["cpu_s"] <= times.user + times.system + times.children_user \
        + times.children_system + 0.05
    # megabytes: at least the array, and not kilobytes read as megabytes
    meminfo_kb = int(open("/proc/meminfo").read().split()[1])
    assert held.nbytes / 2**20 <= usage["peak_mb"] < meminfo_kb / 1024
    assert "wall time" in log.read_text()


def test_a_log_without_the_usage_line_reads_none(tmp_path):
    log = tmp_path / "old.log"
    log.write_text("2026-12-01 10:00:00,000 INFO wall time 3.00 s\n")
    assert read_usage(log) is None
    assert read_usage(tmp_path / "missing.log") is None
