"""Judge every claim of STUDY.md §4 from the results -> results/claims.csv and claims.md."""
from lifsampling.claims import evaluate, summarize, write_tables
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    claims = evaluate("results", snakemake.params.scale)
    write_tables(claims, snakemake.output.csv, snakemake.output.md)
    log.info("claims: %s", dict(summarize(claims)))
