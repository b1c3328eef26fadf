"""Judge every claim of STUDY.md §4 from the declared inputs -> results/claims.csv, claims.md."""
from lifsampling import io
from lifsampling.claims import summarize, write_tables
from lifsampling.experiments import evaluate_claims
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    datasets = {name: io.read_dataset(path) for name, path in snakemake.input.items()}
    claims = evaluate_claims(datasets, snakemake.params.job["scale"])
    write_tables(claims, snakemake.output.csv, snakemake.output.md)
    log.info("claims: %s", dict(summarize(claims)))
