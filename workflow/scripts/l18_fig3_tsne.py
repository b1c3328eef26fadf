"""tSNE map of Gibbs and LIF+STP samples (L18 Fig 3e) -> results/analysis/l18_fig3_tsne.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    fig3 = io.read_dataset(snakemake.input[0], ["tsne_image", "mode"])
    io.write_dataset(l18_fig3.tsne_embedding(job, fig3), snakemake.output[0], job, snakemake.config)
