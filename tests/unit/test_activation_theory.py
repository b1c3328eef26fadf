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


# P16 Table I neuron; noise of P16 App. VII with synaptic charges w τ_syn scaled down 100x, so
# ⟨g_tot⟩ and the white-noise input stay fixed while τ_syn shrinks (τ_eff = 10.5 ms)
P16_NEURON = {"model": "IF_cond_exp", "cm": 0.1, "tau_m": 20.0, "v_rest": -65.0,
              "v_reset": -53.0, "v_thresh": -52.0, "e_rev_E": 0.0, "e_rev_I": -90.0,
              "tau_refrac": 10.0}


def _fast_synapse_cell(tau_syn: float) -> tuple[dict, dict]:
    neuron = {**P16_NEURON, "tau_syn_E": tau_syn, "tau_syn_I": tau_syn}
    noise = {"rate_exc_hz": 5000.0, "rate_inh_hz": 5000.0,
             "weight_exc_uS": 0.0035 * 0.1 / tau_syn, "weight_inh_uS": 0.0055 * 0.1 / tau_syn}
    return neuron, noise


def _white_noise_siegert(mu: float, neuron: dict, noise: dict) -> float:
    """Siegert rate × τ_ref of the white-noise LIF, from the input charges (Campbell)."""
    from scipy import integrate
    from scipy.special import erf

    from lifsampling import membrane

    free = membrane.coba_free_membrane(neuron, noise)
    tau_s = neuron["tau_syn_E"]
    charges = [(noise["rate_exc_hz"] / 1000, noise["weight_exc_uS"] * tau_s
                * (neuron["e_rev_E"] - free.mean)),
               (noise["rate_inh_hz"] / 1000, noise["weight_inh_uS"] * tau_s
                * (neuron["e_rev_I"] - free.mean))]
    var = sum(rate * q**2 for rate, q in charges) * free.tau_eff / (2 * neuron["cm"] ** 2)
    sigma = np.sqrt(2 * var)
    integral = integrate.quad(lambda x: np.exp(x**2) * (1 + erf(x)),
                              (neuron["v_reset"] - mu) / sigma,
                              (neuron["v_thresh"] - mu) / sigma)[0]
    t_free = free.tau_eff * np.sqrt(np.pi) * integral
    return neuron["tau_refrac"] / (neuron["tau_refrac"] + t_free)


@pytest.mark.parametrize("mu", [-54.0, -52.0, -50.0])
def test_brunel_sergi_tends_to_white_noise_siegert(mu):
    """[16] for τ_syn → 0: the white-noise Siegert rate, approached like √(τ_syn/τ_eff)
    (Fourcaud & Brunel 2002: first-order threshold shift)."""
    def deviation(tau_syn: float) -> tuple[float, float]:
        neuron, noise = _fast_synapse_cell(tau_syn)
        bs = at.brunel_sergi_activation(np.array([mu]), at.hcs_neuron(neuron, noise))[0]
        return bs, _white_noise_siegert(mu, neuron, noise)

    bs, siegert = deviation(1e-5)
    assert bs == pytest.approx(siegert, rel=2e-3)
    d_small = np.subtract(*deviation(0.01))
    d_large = np.subtract(*deviation(0.04))
    assert d_small < 0 and d_large < 0  # filtering raises the effective threshold
    assert d_small / d_large == pytest.approx(0.5, abs=0.05)  # √(0.01/0.04)


def test_p16_first_passage_runs_on_the_slower_time_constant():
    """Eqs. 59-61 are symmetric in τ_syn and τ_eff: swapping them leaves ϑ_eff unchanged."""
    swapped = at.HCSNeuron(NEURON.v_thresh, NEURON.v_reset, NEURON.tau_ref,
                           tau_syn=NEURON.tau_eff, tau_eff=NEURON.tau_syn, std=NEURON.std)
    assert at.effective_threshold(swapped) == pytest.approx(at.effective_threshold(NEURON))
    assert at.slow_and_fast_time_constants(swapped) == (10.0, 0.22)
