"""Bars training set of L18 Fig 2c (easy or hard) -> results/data/bars_<bar_set>.nc."""
from lifsampling import data, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    ds = data.bars_dataset(job["size"], job["angles_deg"], job["centres"], job["length_px"],
                           job["pixels_per_bar"])
    log.info("pairwise overlaps:\n%s", data.pairwise_overlap(ds["image"].values))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
