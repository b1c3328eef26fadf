"""Gibbs reference of the shown units of one K = 500 BM (P16 Fig 4)."""
from lifsampling import io
from lifsampling.experiments import p16_fig4
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    io.write_dataset(p16_fig4.reference(job), snakemake.output[0], job, snakemake.config)
