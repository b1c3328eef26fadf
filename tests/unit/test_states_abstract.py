import numpy as np
import pytest

from lifsampling import boltzmann as bm
from lifsampling import states
from lifsampling.abstract import simulate_abstract_sampler


def test_joint_from_hand_made_spikes():
    # unit 0 on [0,10) and [25,35); unit 1 on [5,15); window [0, 40)
    trains = [np.array([0.0, 25.0]), np.array([5.0])]
    starts, durations, index = states.state_segments(trains, 10.0, 0.0, 40.0)
    assert starts.tolist() == [0.0, 5.0, 10.0, 15.0, 25.0, 35.0]
    assert durations.tolist() == [5.0, 5.0, 5.0, 10.0, 10.0, 5.0]
    assert index.tolist() == [2, 3, 1, 0, 2, 0]  # z = (z0, z1), z0 the high bit
    p = states.joint_distribution(trains, 10.0, 0.0, 40.0)
    np.testing.assert_allclose(p, np.array([15, 5, 15, 5]) / 40)


def test_burst_at_max_rate_stays_on_and_earlier_spikes_count():
    trains = [np.array([-5.0, 5.0, 15.0])]  # refractory back to back from -5 to 25
    p = states.joint_distribution(trains, 10.0, 0.0, 50.0)
    np.testing.assert_allclose(p, [25 / 50, 25 / 50])
    z = states.sample_states(trains, 10.0, np.array([0.0, 4.9, 24.9, 25.0, 30.0]))
    assert z[:, 0].tolist() == [1, 1, 1, 0, 0]


def test_dkl_with_unvisited_states_is_finite_and_exact():
    trains = [np.array([0.0]), np.array([], float)]
    target = np.array([0.4, 0.1, 0.4, 0.1])
    d = states.dkl_over_time(trains, 10.0, 0.0, np.array([10.0, 20.0]), target)
    # T=10: always state 10 (index 2): log(1/0.4); T=20: half in 00, half in 10
    np.testing.assert_allclose(d, [np.log(1 / 0.4), np.log(0.5 / 0.4)])


def test_abstract_sampler_is_exact_on_a_5_unit_bm():
    W, b = bm.random_bm(5, 1.2, np.random.default_rng(0))
    trains = simulate_abstract_sampler(W, b, 10.0, 6e5, np.random.default_rng(1))
    p_b = bm.exact_distribution(W, b)
    p_n = states.joint_distribution(trains, 10.0, 0.0, 6e5)
    assert bm.kl_divergence(p_n, p_b) < 0.01
    dkl = states.dkl_over_time(trains, 10.0, 0.0, np.array([1e3, 1e4, 1e5, 6e5]), p_b)
    assert dkl[-1] < dkl[0]
    # refractoriness: no two spikes of one neuron closer than tau
    assert min(np.diff(t).min() for t in trains) >= 10.0


def test_abstract_sampler_rate_of_single_neuron():
    # K = 1: p(z=1) = sigma(b)
    trains = simulate_abstract_sampler(np.zeros((1, 1)), np.array([0.7]), 10.0, 5e5,
                                       np.random.default_rng(2))
    p = states.joint_distribution(trains, 10.0, 0.0, 5e5)
    assert p[1] == pytest.approx(1 / (1 + np.exp(-0.7)), abs=0.01)
