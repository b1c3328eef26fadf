"""The LIF+STP network of the MNIST RBM as a classifier -> classification_mnist_lif.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    data = io.read_dataset(snakemake.input.data, ["image", "label", "split"])
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    ds = l18_fig3.classify_lif(job, rbm, data, calibration)
    log.info("accuracy %s on %d images; %d without label spike",
             ds["accuracy"].values.round(4).tolist(), ds.attrs["n_images"],
             ds.attrs["no_label_spike"])
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
