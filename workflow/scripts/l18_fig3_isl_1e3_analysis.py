"""ISL at 1e3 samples and mean mode stays of one block's stored short runs (L18 Fig 3c-d)
-> results/sims/l18_fig3/isl_1e3_block_<block>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    samples = io.read_dataset(snakemake.input.samples,
                              ["pixel_sample", "gibbs_label_sample", "spike_time"])
    data = io.read_dataset(snakemake.input.data, ["image", "split"])
    ds = l18_fig3.short_run_statistics(job, samples, data)
    log.info("seeds %s: ISL at 1e3 (%s) %s", ds["short_seed"].values.tolist(),
             ds["short_sampler"].values.tolist(), ds["isl_1e3"].values.round(2).tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
