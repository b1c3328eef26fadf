"""Write the README's claims table from results/claims.csv (between the claims markers)."""
import csv
import os
from pathlib import Path

from lifsampling.claims import readme_table, replace_readme_section
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    rows = list(csv.DictReader(open(snakemake.input[0])))
    table = readme_table(rows)
    Path(snakemake.output[0]).write_text(table)
    readme = Path(snakemake.params.readme)
    tmp = readme.with_name(f".{readme.name}.tmp-{os.getpid()}")
    tmp.write_text(replace_readme_section(readme.read_text(), table))
    os.replace(tmp, readme)
