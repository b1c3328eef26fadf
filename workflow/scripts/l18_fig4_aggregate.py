"""All seeds of one L18 Fig 4 model and the tSNE of Fig 4c -> results/sims/l18_fig4_<model>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig4
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    runs = [io.read_dataset(f) for f in snakemake.input]
    io.write_dataset(l18_fig4.aggregate(job, runs), snakemake.output[0], job, snakemake.config)
