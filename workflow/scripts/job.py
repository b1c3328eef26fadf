"""The job entry point of every rule that writes one Dataset: the Dataset returned by
lifsampling.experiments.<family>.<rule>(job, **inputs) (input files by name; `stages` for the
shared stages), written to the rule's output. A rule named at run time (one per dataset of
yours) names its function in `params.function`."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    name = snakemake.params.get("function", snakemake.rule)
    family = experiments.family_of_rule(name)
    job = snakemake.params.job
    ds = getattr(family, name)(job, **dict(snakemake.input.items()))
    encoding = getattr(family, "OUTPUT_ENCODING", {}).get(name)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config, encoding=encoding)
