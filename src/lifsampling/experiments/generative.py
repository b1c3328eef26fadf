"""Trained RBMs as generative models (L18 Fig 3, 4): sampling a trained RBM with Gibbs and
with its LIF+STP network (same W, b), classification of MNIST, and the claims of the MNIST
and imbalanced-data experiments.

`gibbs_samples` and `lif_samples` are the two samplers every generative experiment uses
(`bars` for L18 Fig 2c as well). The spiking experiments of L18 Fig 3 and 4 (ISL, modes of
MNIST samples) are not built yet: their claims stay "not run" until they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from .. import states
from ..claims import Claim
from ..network import STPSet, rbm_network
from ..rbm import RBM, classify_by_sampling, classify_exact
from ..samplers import rbm_gibbs

CLAIMS = (
    Claim("l18_class_gibbs", "L18", "3", "Gibbs classifier accuracy on the MNIST test set",
          "93.4 %", "|acc - 93.4 %| <= {bound:.0%}", 0.01),
    Claim("l18_class_lif", "L18", "3", "LIF+STP classifier accuracy, same W, b", "93.2 %",
          "|acc - 93.2 %| <= {bound:.0%}", 0.01),
    Claim("l18_imbalanced_balance", "L18", "4a-c", "mode histogram more balanced for LIF+STP "
          "than Gibbs and AST (imbalanced set)", "more balanced", "normalised entropy"),
    Claim("l18_completion_balance", "L18", "4d-f", "pattern completion: LIF+STP visits 3 and "
          "5 more evenly than Gibbs and AST", "more balanced", "normalised entropy"),
    Claim("l18_ast_slower", "L18", "4", "AST ~20x slower in valid samples than Gibbs",
          "~20x", "fraction at beta = 1 in [1/30, 1/10]"),
)
CLAIM_INPUTS = ("classification_mnist",)


def gibbs_samples(rbm: RBM, n_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`n_samples` consecutive block-Gibbs samples of one chain from a random start:
    visible states (n_samples, n_visible) and label probabilities (n_samples, n_labels)."""
    v, label_p = rbm_gibbs(rbm, n_samples, np.random.default_rng(seed), n_chains=1)
    return v[:, 0], label_p[:, 0]


def sample_times(job: Mapping[str, Any]) -> np.ndarray:
    """One sample every tau_ref after the burn-in (L18: 1e3 samples are 10 s)."""
    tau = job["neuron"]["tau_refrac"]
    return job["burn_in_ms"] + tau * np.arange(1, job["n_samples"] + 1)


def lif_samples(job: Mapping[str, Any], rbm: RBM, calibration: xr.Dataset
                ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Samples of the RBM's LIF+STP network in NEST (same W, b as `gibbs_samples`): the
    visible state z read every tau_ref (z_k = 1 for tau_on = tau_ref after a spike), and
    the spike trains of all units (visible, labels, hidden)."""
    from .. import spiking

    spec = rbm_network(rbm, job["neuron"], job["noise"], calibration.attrs["alpha_mV"],
                       calibration.attrs["u0_mV"], STPSet.from_config(job["stp"]))
    times = sample_times(job)
    trains = spiking.simulate_network(spec, times[-1] + 1.0, job["nest"], job["seeds"]["lif"])
    z = states.sample_states(trains[:rbm.n_visible], job["neuron"]["tau_refrac"], times)
    return z, trains


def classification(job: Mapping[str, Any], rbm: RBM, mnist: xr.Dataset) -> xr.Dataset:
    """Test-set accuracy of a labelled RBM: exact label posterior and the Gibbs classifier
    (slice `slices.classification`)."""
    test = mnist.isel(sample=np.flatnonzero(mnist["split"].values == "test"))
    pixels, labels = test["image"].values.astype(np.float32), test["label"].values
    seed = job["seeds"]["classify"]
    exact = classify_exact(rbm, pixels)
    sampled = classify_by_sampling(rbm, pixels, job["n_steps"], np.random.default_rng(seed),
                                   burn_in=job["burn_in"])
    predictions = np.stack([exact, sampled]).astype(np.int8)
    return xr.Dataset(
        {
            "accuracy": (("classifier",), (predictions == labels).mean(axis=1),
                         {"long_name": "test-set classification accuracy", "units": "1"}),
            "prediction": (("classifier", "sample"), predictions,
                           {"long_name": "predicted digit"}),
            "label": (("sample",), labels.astype(np.int8), {"long_name": "true digit"}),
        },
        coords={"classifier": ("classifier", ["exact", "gibbs"],
                               {"long_name": "exact label posterior or Gibbs sampling"})},
        attrs={"n_steps": job["n_steps"], "burn_in": job["burn_in"],
               "title": "L18 Fig 3: MNIST test-set classification"},
    )


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Gibbs classification accuracy on the MNIST test set."""
    acc = datasets["classification_mnist"]["accuracy"]
    gibbs, exact = float(acc.sel(classifier="gibbs")), float(acc.sel(classifier="exact"))
    c = claims["l18_class_gibbs"]
    c.judge(f"{100 * gibbs:.1f} % (exact posterior {100 * exact:.1f} %)",
            abs(gibbs - 0.934) <= c.bound, scale)
