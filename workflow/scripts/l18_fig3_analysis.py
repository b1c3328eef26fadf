"""ISL curve, modes and tSNE images of one seed's stored samples (L18 Fig 3b, d, e)
-> results/sims/l18_fig3/seed_<seed>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    samples = io.read_dataset(snakemake.input.samples,
                              ["pixel_sample", "gibbs_label_sample", "spike_time"])
    data = io.read_dataset(snakemake.input.data, ["image", "split"])
    ds = l18_fig3.analyse(job, samples, data)
    log.info("ISL at %d samples: %s; mean rate %.1f Hz", int(ds["n_used"][-1]),
             ds["isl"].isel(n_used=-1).values.round(2).tolist(), float(ds["mean_rate"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
