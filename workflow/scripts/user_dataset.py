"""One of your datasets, checked against its SHA-256 and split for the ISL
-> results/data/dataset_<name>.nc."""
from lifsampling import io, user_data
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    patterns, labels = user_data.read_user_dataset(job, snakemake.input.file,
                                                   snakemake.input.get("labels_file"))
    ds = user_data.user_dataset(patterns, labels, job)
    log.info("%s: %d patterns of %d pixels, %s labels; ISL on the %s split",
             job["name"], *patterns.shape, job["n_labels"], ds.attrs["isl_test_split"])
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
