"""The tempering controls in NEST: every network of one kernel samples with its own weights."""
import numpy as np
import pytest

from lifsampling.boltzmann import all_states
from lifsampling.calibration import measured_calibration
from lifsampling.experiments import tempering
from lifsampling.rbm import RBM

pytest.importorskip("lifsampling.spiking")

pytestmark = pytest.mark.nest

GAINS = {"modulated": 1.3, "best_scan": 0.85, "renewing": 1.0}


def _exact_visible_marginals(rbm: RBM) -> np.ndarray:
    """p(v_i = 1) by enumerating the visible states (hidden units summed out)."""
    v = all_states(rbm.n_visible)
    logp = -rbm.free_energy(v)
    p = np.exp(logp - logp.max())
    return (p / p.sum()) @ v


def test_each_network_of_a_kernel_samples_its_own_scaled_rbm(smoke_cfg):
    """A 7-unit visible layer (4 pixels, 3 labels) with strong weights: the renewing network
    at W x 0 samples the uncoupled units (sigma(b_v)), the one at W x 1 beside it the RBM.
    Each lies nearer its own exact marginals than the other's, by a margin the RBM makes
    large (mean |difference| of the two targets about 0.3; measured errors 0.015 and 0.046
    against 0.34 from the other target, NEST 3, 2000 samples)."""
    rng = np.random.default_rng(2)
    rbm = RBM(rng.choice([-1.5, 1.5], (7, 6)), rng.normal(0.0, 0.3, 7),
              rng.normal(0.0, 0.3, 6), n_labels=3)
    job = tempering.tempering_run_slice(smoke_cfg, "imbalanced", 0)
    job = {**job, "n_samples": 2000, "network_scales": [0.0, 1.0], "gibbs_scales": [1.0],
           "nest": {**job["nest"], "virtual_processes": 1}}
    stp = {"modulated": smoke_cfg["stp"]["modulated"], "renewing": smoke_cfg["stp"]["renewing"],
           "best_scan": {"U0": 0.1, "tau_rec_ms": 100.0, "tau_fac_ms": 0.0}}
    ds = tempering.simulate(job, rbm, measured_calibration("l18_cuba"), None, GAINS, stp)
    uncoupled = 1 / (1 + np.exp(-rbm.b_v))
    coupled = _exact_visible_marginals(rbm)
    assert np.abs(coupled - uncoupled).mean() > 0.2  # the two targets differ
    for name, own, other in (("lif_renewing_0", uncoupled, coupled),
                             ("lif_renewing_1", coupled, uncoupled)):
        measured = ds["visible_sample"].sel(sampler=name).values.mean(axis=0)
        err_own, err_other = np.abs(measured - own).mean(), np.abs(measured - other).mean()
        assert err_own < 0.08 and err_own < err_other / 2, (name, err_own, err_other)
    # the samplers of the RBM itself ran beside the networks, labels included
    assert ds["visible_sample"].sizes["visible"] == 7
    assert set(ds["arm"].values) >= set(tempering.ARMS)
