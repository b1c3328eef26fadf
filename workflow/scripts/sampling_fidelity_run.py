"""One trained model's networks with one synapse set: clamped conditionals and free running
-> results/sims/sampling_fidelity/<model>/<stp_set>.nc."""
import numpy as np

from lifsampling import io
from lifsampling.data import images_and_labels, training_rows
from lifsampling.experiments import l18_fig3, sampling_fidelity
from lifsampling.logs import job_log
from lifsampling.network import STPSet
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    if job["stp"] is None:  # the best set of L18 Fig 3a's scans
        stp = l18_fig3.best_scan_set([io.read_dataset(f, ["isl"]) for f in snakemake.input.scans])
    else:
        stp = STPSet.from_config(job["stp"])
    training = io.read_dataset(snakemake.input.training_data, ["image"])
    if rbm.n_labels:  # labelled models: test images (with labels) of the classes they learned
        test_data = io.read_dataset(snakemake.input.test_data, ["image"])
        test_images, test_labels = images_and_labels(   # your dataset: its ISL test split
            test_data, test_data.attrs.get("isl_test_split", "test"))
        learned = np.isin(test_labels, np.unique(training_rows(training)["label"].values))
        images, labels = test_images[learned], test_labels[learned]
    else:  # the bars: clamped to the training images
        images, labels = training["image"].values, None
    log.info("%s with %s synapses %s", job["model"], job["stp_set"], stp)
    ds = sampling_fidelity.run(job, rbm, images, labels, calibration, stp)
    log.info("weight gain %s (theory %s), on-pixels %s",
             ds["weight_gain_per_state"].mean("clamped_state").values.round(2).tolist(),
             ds["theory_weight_gain"].values.round(2).tolist(),
             ds["on_pixels"].values.round(1).tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
