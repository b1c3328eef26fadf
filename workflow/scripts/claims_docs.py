"""docs/claims.md's claims table and README.md's summary line from results/claims.csv."""
import csv
from pathlib import Path

from lifsampling.claims import (
    SUMMARY_MARKERS,
    TABLE_MARKERS,
    docs_table,
    replace_section,
    summary_line,
)
from lifsampling.io import write_text_atomic
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    rows = list(csv.DictReader(open(snakemake.input[0])))
    table = docs_table(rows)
    Path(snakemake.output[0]).write_text(table)
    for path, content, markers in ((snakemake.params.claims_doc, table, TABLE_MARKERS),
                                   (snakemake.params.readme, summary_line(rows),
                                    SUMMARY_MARKERS)):
        write_text_atomic(path, replace_section(Path(path).read_text(), content, markers))
