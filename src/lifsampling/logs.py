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
    """This job's CPU time (user + system of the process, every thread: NEST's virtual
    processes and BLAS included, plus its finished subprocesses such as ``pip`` or ``git``) and
    peak resident memory (the larger of the process's and its largest subprocess's), exact
    from the kernel. Snakemake's benchmark samples both, after its first 15 s only every 30 s:
    a job of 15-45 s reports the CPU time of its first 15 s, and a peak between samples is
    missed."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = sum(u.ru_utime + u.ru_stime for u in (own, children))
    peak_kb = max(own.ru_maxrss, children.ru_maxrss)  # Linux: kB
    return USAGE_FORMAT.format(cpu_s=cpu_s, peak_mb=peak_kb / 1024)


def read_usage(log_path: Path | str) -> dict[str, float] | None:
    """The usage a job's log ends with (`job_log`).

    Parameters
    ----------
    log_path
        The job's log file.

    Returns
    -------
    dict or None
        ``cpu_s`` (CPU seconds) and ``peak_mb`` (MB), or None if the log is missing or has no
        usage line (a job of an older version, or one killed before its end).
    """
    path = Path(log_path)
    found = re.findall(USAGE_PATTERN, path.read_text()) if path.is_file() else []
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
