import numpy as np
import pytest

from lifsampling import activation_theory as at

NEURON = at.HCSNeuron(v_thresh=-52.0, v_reset=-53.0, tau_ref=10.0, tau_syn=10.0,
                      tau_eff=0.22, std=2.96)


def _ou_first_passage_monte_carlo(a, b, mu, s, tau, n=4000, dt=0.01, seed=0):
    rng = np.random.default_rng(seed)
    x = np.full(n, a, float)
    t = np.zeros(n)
    alive = np.ones(n, bool)
    decay, kick = np.exp(-dt / tau), s * np.sqrt(1 - np.exp(-2 * dt / tau))
    while alive.any():
        idx = np.flatnonzero(alive)
        x[idx] = mu + (x[idx] - mu) * decay + kick * rng.standard_normal(idx.size)
        t[idx] += dt
        alive[idx[x[idx] >= b]] = False
    return t.mean(), t.std() / np.sqrt(n)


@pytest.mark.parametrize(("a", "b", "mu"), [(-56.0, -52.0, -55.0), (-53.0, -52.0, -50.0),
                                            (-60.0, -55.0, -58.0)])
def test_mean_first_passage_time_against_monte_carlo(a, b, mu):
    exact = at.mean_first_passage_time(b, np.array([a]), mu, 2.0, 10.0)[0]
    mc, sem = _ou_first_passage_monte_carlo(a, b, mu, 2.0, 10.0)
    # the discrete-time walk overshoots the barrier: it crosses a little late (O(sqrt(dt)))
    assert mc == pytest.approx(exact, abs=4 * sem + 0.03 * exact)


def test_mean_first_passage_time_limits():
    assert at.mean_first_passage_time(-52.0, np.array([-52.0]), -55.0, 2.0, 10.0)[0] == 0.0
    times = at.mean_first_passage_time(-52.0, np.array([-60.0, -56.0, -53.0]), -55.0, 2.0, 10.0)
    assert np.all(np.diff(times) < 0)


def test_burst_probabilities_sum_to_one_and_are_consistent():
    for mu in (-60.0, -54.0, -50.0):
        st = at.burst_probabilities(mu, NEURON)
        assert st.P.sum() + st.tail == pytest.approx(1.0, abs=2e-3)
        assert (st.P >= 0).all() and (st.T > 0).all() and (st.tau_b >= 0).all()
    # longer bursts at higher mean potential
    low, high = at.burst_probabilities(-58.0, NEURON), at.burst_probabilities(-50.0, NEURON)
    assert low.P[0] > high.P[0]


def test_activation_is_monotone_with_the_right_limits():
    mu = np.linspace(-66.0, -40.0, 14)
    p = at.p16_activation(mu, NEURON)
    assert np.all(np.diff(p) > 0)
    assert p[0] < 1e-3 and 0.97 < p[-1] < 1.0
    assert at.quasistatic_activation(np.array([-70.0]), NEURON)[0] < 1e-4
    q = at.quasistatic_activation(mu, NEURON)
    assert np.all(np.diff(q) >= 0)


def test_effective_threshold_shift():
    shift = at.effective_threshold(NEURON) - NEURON.v_thresh
    assert shift == pytest.approx(1.4603545 * np.sqrt(0.22 / 10.0) * 2.96, rel=1e-6)
