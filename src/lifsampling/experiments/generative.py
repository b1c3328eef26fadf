"""Trained RBMs as generative models: the two samplers of every generative experiment
(`bars`, L18 Fig 2c; `mnist`, L18 Fig 3), a Gibbs chain and the RBM's LIF+STP network with
the same (W, b), and the claims of L18 Fig 4 (imbalanced data, pattern completion), which are
not built yet: they stay "not run" until they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from .. import states
from ..claims import Claim
from ..network import STPSet, rbm_network
from ..rbm import RBM
from ..samplers import rbm_gibbs

CLAIMS = (
    Claim("l18_imbalanced_balance", "L18", "4a-c", "mode histogram more balanced for LIF+STP "
          "than Gibbs and AST (imbalanced set)", "more balanced", "normalised entropy"),
    Claim("l18_completion_balance", "L18", "4d-f", "pattern completion: LIF+STP visits 3 and "
          "5 more evenly than Gibbs and AST", "more balanced", "normalised entropy"),
    Claim("l18_ast_slower", "L18", "4", "AST ~20x slower in valid samples than Gibbs",
          "~20x", "fraction at beta = 1 in [1/30, 1/10]"),
)
CLAIM_INPUTS: tuple[str, ...] = ()


def gibbs_samples(rbm: RBM, n_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`n_samples` consecutive block-Gibbs samples of one chain from a random start:
    visible states (n_samples, n_visible) and label probabilities (n_samples, n_labels)."""
    v, label_p = rbm_gibbs(rbm, n_samples, np.random.default_rng(seed), n_chains=1)
    return v[:, 0], label_p[:, 0]


def sample_times(job: Mapping[str, Any]) -> np.ndarray:
    """One sample every tau_ref after the burn-in (L18: 1e3 samples are 10 s)."""
    tau = job["neuron"]["tau_refrac"]
    return job["burn_in_ms"] + tau * np.arange(1, job["n_samples"] + 1)


def simulated_ms(job: Mapping[str, Any]) -> float:
    """Length of the NEST run of `lif_samples`: burn-in and the last sample time."""
    return float(sample_times(job)[-1] + 1.0)


def mean_rate(job: Mapping[str, Any], trains: list[np.ndarray]) -> float:
    """Mean firing rate (Hz) of the network over the whole run of `lif_samples`."""
    return float(np.mean([t.size for t in trains]) * 1000.0 / simulated_ms(job))


def lif_samples(job: Mapping[str, Any], rbm: RBM, calibration: xr.Dataset
                ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Samples of the RBM's LIF+STP network in NEST (same W, b as `gibbs_samples`): the
    visible state z read every tau_ref (z_k = 1 for tau_on = tau_ref after a spike), and
    the spike trains of all units (visible, labels, hidden)."""
    from .. import spiking

    spec = rbm_network(rbm, job["neuron"], job["noise"], calibration.attrs["alpha_mV"],
                       calibration.attrs["u0_mV"], STPSet.from_config(job["stp"]))
    trains = spiking.simulate_network(spec, simulated_ms(job), job["nest"], job["seeds"]["lif"])
    z = states.sample_states(trains[:rbm.n_visible], job["neuron"]["tau_refrac"],
                             sample_times(job))
    return z, trains


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Nothing to judge until the L18 Fig 4 experiments are built."""
