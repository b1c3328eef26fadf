"""Test-set accuracy of a labelled RBM: exact label posterior and the Gibbs classifier."""
import numpy as np
import xarray as xr

from lifsampling import io
from lifsampling.logs import job_log
from lifsampling.rbm import RBM, classify_by_sampling, classify_exact

with job_log(snakemake.log[0]) as log:
    cfg, seed = snakemake.params.cfg, snakemake.params.seed
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    mnist = io.read_dataset(snakemake.input.data, ["image", "label", "split"])
    test = mnist.isel(sample=np.flatnonzero(mnist["split"].values == "test"))
    pixels, labels = test["image"].values.astype(np.float32), test["label"].values
    c = cfg["classification"]
    exact = classify_exact(rbm, pixels)
    sampled = classify_by_sampling(rbm, pixels, c["n_steps"], np.random.default_rng(seed),
                                   burn_in=c["burn_in"])
    acc = {"exact": float(np.mean(exact == labels)), "gibbs": float(np.mean(sampled == labels))}
    log.info("test accuracy: %s", acc)
    ds = xr.Dataset(
        {
            "accuracy": (("classifier",), [acc["exact"], acc["gibbs"]],
                         {"long_name": "test-set classification accuracy", "units": "1"}),
            "prediction": (("classifier", "sample"), np.stack([exact, sampled]).astype(np.int8)),
            "label": (("sample",), labels),
        },
        coords={"classifier": ["exact", "gibbs"]},
        attrs={"n_steps": c["n_steps"], "burn_in": c["burn_in"]},
    )
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"classify": seed})
