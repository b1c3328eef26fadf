"""The LIF network of a trained RBM (L18): its samples, read every tau_ref, follow the RBM."""
import numpy as np
import pytest

from lifsampling import boltzmann as bm
from lifsampling.calibration import measured_calibration
from lifsampling.experiments import generative, l18_fig2_bars
from lifsampling.rbm import RBM

pytest.importorskip("lifsampling.spiking")

pytestmark = pytest.mark.nest

# activation function of l18_cuba measured by the calibration rule (quick scale)
CALIBRATION = measured_calibration("l18_cuba")


def _job(smoke_cfg, n_samples, stp="renewing"):
    job = l18_fig2_bars.l18_fig2_bars_run_slice(smoke_cfg, "easy", 0)
    return {**job, "stp": smoke_cfg["stp"][stp], "n_samples": n_samples}


def test_lif_samples_follow_the_rbm_visible_distribution(smoke_cfg):
    rng = np.random.default_rng(11)
    rbm = RBM(rng.normal(0, 1.0, (3, 2)), rng.normal(0, 0.5, 3), rng.normal(0, 0.5, 2))
    z, trains = generative.lif_samples(_job(smoke_cfg, 4000), rbm, CALIBRATION)
    assert z.shape == (4000, 3) and len(trains) == rbm.n_visible  # hidden units unrecorded
    sampled = np.bincount(bm.state_index(z), minlength=8) / len(z)
    exact = np.exp(-rbm.free_energy(bm.all_states(3)))
    exact /= exact.sum()
    # measured 0.007 after 4000 samples (40 s); a uniform guess is at 0.19
    assert bm.kl_divergence(sampled, exact) < 0.03


def test_samples_are_read_every_tau_ref_after_burn_in(smoke_cfg):
    job = _job(smoke_cfg, 5)
    times = generative.sample_times(job)
    tau = smoke_cfg["neurons"]["l18_cuba"]["tau_refrac"]
    np.testing.assert_allclose(times, job["burn_in_ms"] + tau * np.arange(1, 6))
