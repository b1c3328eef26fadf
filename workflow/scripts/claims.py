"""Judge the claims of the study (or of the families in params.families) from the declared
inputs -> a CSV and a Markdown table (results/claims.csv, claims.md, or the family subset's)."""
from lifsampling import io
from lifsampling.claims import summarize, write_tables
from lifsampling.experiments import evaluate_claims
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    datasets = {name: io.read_dataset(path) for name, path in snakemake.input.items()}
    claims = evaluate_claims(datasets, job["scale"], snakemake.params.get("families"),
                             present_only=snakemake.params.get("present_only", False))
    context = ("Decided with RBMs trained for " + ", ".join(
        f"{n} CAST iterations ({model})" for model, n in job["n_iterations"].items()) + "."
        if "n_iterations" in job else "")
    write_tables(claims, snakemake.output.csv, snakemake.output.md, context)
    log.info("claims: %s", dict(summarize(claims)))
