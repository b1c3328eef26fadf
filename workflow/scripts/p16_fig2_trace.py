"""One P16 neuron in the HCS: u, u_eff and spikes (P16 Fig 2A, C)."""
from lifsampling import io
from lifsampling.experiments import p16_fig2
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    io.write_dataset(p16_fig2.p16_fig2_trace(job), snakemake.output[0], job, snakemake.config)
