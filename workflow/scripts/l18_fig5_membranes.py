"""COBA vs CUBA free membranes at one mean (L18 Fig 5e) -> results/sims/l18_fig5_membranes.nc."""
from lifsampling import io
from lifsampling.experiments import p16_fig2
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    io.write_dataset(p16_fig2.free_membranes(job), snakemake.output[0], job, snakemake.config)
