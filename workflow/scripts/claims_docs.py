"""docs/claims.md's claims table and README.md's summary line from results/claims.csv."""
import csv
import os
from pathlib import Path

from lifsampling.claims import (
    SUMMARY_MARKERS,
    TABLE_MARKERS,
    docs_table,
    replace_section,
    summary_line,
)
from lifsampling.logs import job_log


def rewrite(path: Path, content: str, markers: tuple[str, str]) -> None:
    """Replace the marked part of `path`, through a temporary file (never half written)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(replace_section(path.read_text(), content, markers))
    os.replace(tmp, path)


with job_log(snakemake.log[0]):
    rows = list(csv.DictReader(open(snakemake.input[0])))
    table = docs_table(rows)
    Path(snakemake.output[0]).write_text(table)
    rewrite(Path(snakemake.params.claims_doc), table, TABLE_MARKERS)
    rewrite(Path(snakemake.params.readme), summary_line(rows), SUMMARY_MARKERS)
