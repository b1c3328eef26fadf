"""The job entry point of a rule without a script of its own: the Dataset returned by
lifsampling.experiments.<family>.<rule>(job, **inputs) (input files by name), written to the
rule's output."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    family = experiments.family_of_rule(snakemake.rule)
    job = snakemake.params.job
    ds = getattr(family, snakemake.rule)(job, **dict(snakemake.input.items()))
    encoding = getattr(family, "OUTPUT_ENCODING", {}).get(snakemake.rule)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config, encoding=encoding)
