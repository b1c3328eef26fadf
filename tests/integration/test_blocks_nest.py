"""Blocks of small networks in one NEST kernel (P16 Fig 3): each network samples its BM as it
would alone, and a block is reproducible from its seed."""
import numpy as np
import pytest
from scipy.stats import mannwhitneyu

from lifsampling import spike_trains
from lifsampling.boltzmann import exact_distribution, kl_divergence
from lifsampling.calibration import measured_calibration
from lifsampling.states import joint_distribution

sampling = pytest.importorskip("lifsampling.experiments.sampling")

pytestmark = pytest.mark.nest

N_NETWORKS, DURATION_MS = 16, 5000.0


def _block_job(cfg, runs, seed):
    job = sampling.sampling_block_slice(cfg, "p16_fig3", "trial", 0)
    return {**job, "runs": list(runs), "duration_ms": DURATION_MS,
            "seeds": {"bm": [job["seeds"]["bm"][0]] * len(runs), "background": seed}}


def _final_dkl(job, ds):
    W, b = ds["W"].values[0], ds["b"].values[0]
    burn, tau = job["burn_in_ms"], job["neuron"]["tau_refrac"]
    return [kl_divergence(joint_distribution(spike_trains.network_trains(ds, "run", r), tau,
                                             burn, burn + DURATION_MS), exact_distribution(W, b))
            for r in ds["run"].values]


def test_networks_in_one_block_sample_like_networks_alone(smoke_cfg):
    """D_KL after 5 s of 16 trials on one BM, side by side in one kernel and each in a kernel
    of its own: the same distribution (Mann-Whitney U, two-sided, level 0.01: a true null is
    rejected in 1 % of seed choices)."""
    calibration = measured_calibration("p16_coba")
    job = _block_job(smoke_cfg, range(N_NETWORKS), seed=11)
    together = _final_dkl(job, sampling.simulate_block(job, calibration))
    alone = []
    for r in range(N_NETWORKS):
        single = _block_job(smoke_cfg, [r], seed=100 + r)
        alone += _final_dkl(single, sampling.simulate_block(single, calibration))
    assert len(set(together)) == N_NETWORKS  # every network has its own background
    assert mannwhitneyu(np.log(together), np.log(alone)).pvalue > 0.01
    # both sample the BM: D_KL after 5 s is ~(2^5 - 1) / (2 N_eff), far below a wrong target
    assert np.median(together) < 0.1 and np.median(alone) < 0.1


def test_a_block_repeated_with_its_seed_is_identical(smoke_cfg):
    calibration = measured_calibration("p16_coba")
    job = {**_block_job(smoke_cfg, range(3), seed=5), "duration_ms": 1000.0}
    first, second = (sampling.simulate_block(job, calibration) for _ in range(2))
    assert first["spike_time"].size > 100
    np.testing.assert_array_equal(first["spike_time"].values, second["spike_time"].values)
    np.testing.assert_array_equal(first["spike_count"].values, second["spike_count"].values)
