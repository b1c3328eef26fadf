"""Logging of workflow jobs: everything a job prints goes to its Snakemake `log:` file."""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path


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
            logger.info("wall time %.2f s", time.perf_counter() - start)
            logger.removeHandler(handler)
            sys.stdout.flush()
