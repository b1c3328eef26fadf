"""All seeds of L18 Fig 3 with the references -> results/sims/l18_fig3.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    runs = [io.read_dataset(f, ["isl", "mode"]) for f in snakemake.input.runs]
    refs = io.read_dataset(snakemake.input.references, ["isl_reference"])
    short_runs = [io.read_dataset(f, ["isl_1e3"]) for f in snakemake.input.short_runs]
    io.write_dataset(l18_fig3.aggregate(job, runs, refs, short_runs), snakemake.output[0], job,
                     snakemake.config)
