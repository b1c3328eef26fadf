"""Modes, balances and shown images of one L18 Fig 4 seed's stored samples
-> results/sims/l18_fig4/<model>_seed_<seed>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig4
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    samples = io.read_dataset(snakemake.input.samples,
                              ["pixel_sample", "label_sample", "spike_time"])
    ds = l18_fig4.analyse(job, samples)
    balance = dict(zip(l18_fig4.SAMPLERS, ds["balance"].values.round(3).tolist(), strict=True))
    log.info("%s: balance %s", job["model"], balance)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
