"""Logging of workflow jobs: everything a job prints goes to its Snakemake `log:` file."""

from __future__ import annotations

import contextlib
import logging
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

USAGE_FORMAT = "CPU time {cpu_s:.2f} s, peak RSS {peak_mb:.1f} MB"
USAGE_PATTERN = r"CPU time ([\d.]+) s, peak RSS ([\d.]+) MB"  # reads USAGE_FORMAT back


def own_usage() -> str:
    """This process's CPU time (user + system, every thread: NEST's virtual processes and
    BLAS included) and peak resident memory, exact from the kernel. Snakemake's benchmark
    samples both, after its first 15 s only every 30 s: a job of 15-45 s reports the CPU time
    of its first 15 s, and a peak between samples is missed."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return USAGE_FORMAT.format(cpu_s=usage.ru_utime + usage.ru_stime,
                               peak_mb=usage.ru_maxrss / 1024)  # Linux: kB


def read_usage(log_path: Path | str) -> dict[str, float] | None:
    """The CPU time (s) and peak RSS (MB) a job's log ends with (`job_log`), or None if the
    log has none (a job of an older version, or one killed before its end)."""
    found = re.findall(USAGE_PATTERN, Path(log_path).read_text())
    if not found:
        return None
    cpu_s, peak_mb = found[-1]
    return {"cpu_s": float(cpu_s), "peak_mb": float(peak_mb)}


@contextlib.contextmanager
def job_log(path: Path | str) -> Iterator[logging.Logger]:
    """Send stdout, stderr (tqdm progress included) and the `lifsampling` logger to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger("lifsampling")
    with open(path, "w", buffering=1) as fh, contextlib.redirect_stdout(fh), \
            contextlib.redirect_stderr(fh):
        handler = logging.StreamHandler(fh)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        start = time.perf_counter()
        try:
            yield logger
        except BaseException:
            logger.exception("job failed")
            raise
        finally:
            logger.info("wall time %.2f s; %s", time.perf_counter() - start, own_usage())
            logger.removeHandler(handler)
            sys.stdout.flush()
