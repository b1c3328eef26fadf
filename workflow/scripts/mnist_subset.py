"""Class-imbalanced MNIST subsets of L18 Fig 4 -> results/data/<subset>.nc."""
import numpy as np

from lifsampling import data, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job, subset = snakemake.params.job, snakemake.wildcards.subset
    mnist = io.read_dataset(snakemake.input[0], required_vars=("image", "label", "split"))
    train_labels = mnist["label"].values[mnist["split"].values == "train"]
    rng = np.random.default_rng(job["seeds"][subset])
    idx = data.class_subset(train_labels, job["counts"], rng)
    ds = data.subset_dataset(mnist, idx)
    log.info("%s: %d images, classes %s", subset, idx.size,
             dict(zip(*np.unique(ds["label"].values, return_counts=True), strict=True)))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
