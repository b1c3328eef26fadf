"""Sampling-fidelity maths: the burst theory, on-fractions, the logit fit (exact answers)."""
import numpy as np
import pytest

from lifsampling import fidelity, stp
from lifsampling.network import STPSet

NEURON = {"cm": 0.2, "tau_m": 0.1, "tau_syn_E": 10.0, "tau_refrac": 10.0}


@pytest.mark.parametrize("synapse", [STPSet(1.0, 10.0, 0.0), STPSet(0.01, 280.0, 0.0),
                                     STPSet(0.1, 100.0, 50.0), STPSet(0.5, 30.0, 1000.0)])
def test_steady_state_efficacy_is_the_limit_of_the_spike_by_spike_model(synapse):
    """The fixed point of L18 eqs. 8-9 equals the efficacy of `stp.tm_efficacies` after many
    spikes of a periodic train (the independent, iterative implementation)."""
    spikes = 10.1 * np.arange(4000)
    iterated = stp.tm_efficacies(spikes, synapse.U0, synapse.tau_rec_ms, synapse.tau_fac_ms)
    assert fidelity.steady_state_efficacy(synapse, 10.1) == pytest.approx(iterated[-1],
                                                                          rel=1e-9)


def test_static_synapse_piles_up_by_one_over_one_minus_e():
    """Static: no depression; PSCs every tau_syn = tau_ref sum to 1/(1 - e^-1) of one, up to
    the membrane's own tau_m = 0.1 ms (1 % here)."""
    factor = fidelity.burst_weight_factor(STPSet(1.0, 0.0, 0.0), 10.0, NEURON)
    assert factor == pytest.approx(1 / (1 - np.exp(-1)), rel=0.01)


def test_renewing_synapse_transmits_the_translated_weight():
    """U = 1, tau_rec = tau_syn: the recovered fraction 1 - e^-1 cancels the pile-up exactly
    (P16 App. V); the remaining 1 % is tau_m."""
    factor = fidelity.burst_weight_factor(STPSet(1.0, 10.0, 0.0), 10.0, NEURON)
    assert factor == pytest.approx(1.0, abs=0.012)


def test_l18_set_with_rested_weights_is_between_renewing_and_static():
    """U0 = 0.01, tau_rec = 280 ms, weights w/U0: R* = 0.785, gain 1.24 at ISI 10 ms."""
    gain = fidelity.burst_weight_factor(STPSet(0.01, 280.0, 0.0), 10.0, NEURON)
    r_star = (1 - np.exp(-10 / 280)) / (1 - 0.99 * np.exp(-10 / 280))
    assert gain == pytest.approx(r_star / (1 - np.exp(-1)), rel=0.01)
    assert 1.2 < gain < 1.3


def test_on_fraction_counts_tau_on_after_each_spike_within_the_window():
    trains = [np.array([5.0, 20.0, 95.0]), np.array([]), np.array([-5.0])]
    frac = fidelity.on_fraction(trains, 10.0, np.array([0.0, 50.0]), np.array([100.0, 100.0]))
    # unit 0: [5, 15) + [20, 30) + [95, 100) in the first window; [95, 100) in the second
    np.testing.assert_allclose(frac[:, 0], [25 / 100, 5 / 50])
    np.testing.assert_allclose(frac[:, 1], [0.0, 0.0])
    np.testing.assert_allclose(frac[:, 2], [5 / 100, 0.0])  # on from before the window


def test_fit_logit_recovers_slope_and_intercept_of_noisy_on_fractions():
    rng = np.random.default_rng(3)
    x = rng.normal(0, 3, 2000)
    n_eff = 90
    p = rng.binomial(n_eff, 1 / (1 + np.exp(-(1.3 * x - 0.4)))) / n_eff
    slope, intercept = fidelity.fit_logit(x, p)
    assert slope == pytest.approx(1.3, abs=0.05)
    assert intercept == pytest.approx(-0.4, abs=0.08)


def test_fit_logit_with_a_fixed_offset_recovers_the_weight_gain():
    rng = np.random.default_rng(4)
    bias, drive = rng.normal(0, 2, 3000), rng.normal(0, 3, 3000)
    n_eff = 90
    p = rng.binomial(n_eff, 1 / (1 + np.exp(-(bias + 1.58 * drive)))) / n_eff
    gain, intercept = fidelity.fit_logit(drive, p, offset=bias)
    assert gain == pytest.approx(1.58, abs=0.06)
    assert intercept == pytest.approx(0.0, abs=0.08)


def test_saturated_points_do_not_drag_the_slope_down():
    """Units far beyond the window's resolution (exact logits of +-15, on-fractions 0 or 1)
    carry no information on the slope: the fit stays at the slope of the others."""
    rng = np.random.default_rng(5)
    x = np.concatenate([rng.normal(0, 1.5, 300), rng.choice([-15.0, 15.0], 300)])
    p = rng.binomial(90, 1 / (1 + np.exp(-0.8 * x))) / 90
    slope, _ = fidelity.fit_logit(x, p)
    assert slope == pytest.approx(0.8, abs=0.08)


def test_separable_points_have_no_finite_slope():
    slope, intercept = fidelity.fit_logit(np.array([-2.0, -1.0, 1.0, 2.0]),
                                          np.array([0.0, 0.0, 1.0, 1.0]))
    assert np.isnan(slope) and np.isnan(intercept)


def test_binned_curve_of_a_perfect_sampler_is_the_diagonal():
    p = np.linspace(0.01, 0.99, 99)
    exact, measured, count = fidelity.binned_curve(p, p, np.linspace(0, 1, 11))
    np.testing.assert_allclose(exact, measured)
    assert count.sum() == 99


def test_transmitted_gain_of_periodic_trains_is_the_burst_factor_or_its_transient():
    """A unit switched on at t = 0 and firing every 10.1 ms: static and renewing synapses are
    in their steady state from the second spike on, so the measured-train gain is the burst
    factor; L18's set depresses with tau ~ 220 ms, so over 100-600 ms it transmits more
    than in the steady state, and over 3-4 s the steady state."""
    train = [10.1 * np.arange(400)]
    on = np.ones((1, 1), bool)
    for synapse in (STPSet(1.0, 0.0, 0.0), STPSet(1.0, 10.0, 0.0)):
        gain = fidelity.transmitted_gain(train, synapse, np.array([100.0]), np.array([600.0]),
                                         on, NEURON)
        assert gain == pytest.approx(fidelity.burst_weight_factor(synapse, 10.1, NEURON),
                                     rel=1e-6)
    l18 = STPSet(0.01, 280.0, 0.0)
    steady = fidelity.burst_weight_factor(l18, 10.1, NEURON)
    early = fidelity.transmitted_gain(train, l18, np.array([100.0]), np.array([600.0]), on,
                                      NEURON)
    late = fidelity.transmitted_gain(train, l18, np.array([3000.0]), np.array([4000.0]), on,
                                     NEURON)
    assert early > 1.05 * steady
    assert late == pytest.approx(steady, rel=1e-3)
