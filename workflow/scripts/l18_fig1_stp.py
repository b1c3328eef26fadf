"""NEST simulation of L18 Fig 1d (STP envelopes, traces) -> results/sims/l18_fig1_stp.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig1
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    io.write_dataset(l18_fig1.l18_fig1(job), snakemake.output[0], job, snakemake.config)
