"""Self-consistent COBA translation (lifsampling.mean_field) against its defining equations."""
import numpy as np
import pytest

from lifsampling import boltzmann, membrane, translate
from lifsampling import mean_field as mf

NEURON = {"model": "IF_cond_exp", "cm": 0.1, "tau_m": 20.0, "v_rest": -65.0, "v_reset": -53.0,
          "v_thresh": -52.0, "e_rev_E": 0.0, "e_rev_I": -90.0, "tau_syn_E": 10.0,
          "tau_syn_I": 10.0, "tau_refrac": 10.0}  # P16 Table I
NOISE = {"rate_exc_hz": 5000.0, "rate_inh_hz": 5000.0, "weight_exc_uS": 0.0035,
         "weight_inh_uS": 0.0055}  # P16 App. VII
ALPHA, U0 = 1.84, -53.7


def _bm(K, scale, seed=0):
    W, b = boltzmann.random_bm_separate_scales(K, scale, 1.2, np.random.default_rng(seed))
    p_on = np.random.default_rng(seed + 1).uniform(0.2, 0.8, K)
    return W, b, p_on


def test_burst_efficacy_limits():
    # single spikes: the rested efficacy U0; long bursts: the steady state U0 (1 - d)/(1 - (1-U0) d)
    assert mf.burst_efficacy(np.array([1.0]), 1.0, 10.0, 10.0)[0] == pytest.approx(1.0)
    assert mf.burst_efficacy(np.array([1e9]), 1.0, 10.0, 10.0)[0] == pytest.approx(
        1 - np.exp(-1.0), rel=1e-6)
    assert mf.burst_efficacy(np.array([3.0]), 0.5, 0.0, 10.0)[0] == 0.5  # static synapse


def test_fixed_point_solves_its_equations():
    W, b, p_on = _bm(20, 0.6)
    eff = np.full(20, 0.8)
    tr = mf.self_consistent_coba(W, b, NEURON, NOISE, ALPHA, U0, p_on, eff, rtol=1e-12)
    assert tr.fixed_point
    # <g_tot> = background + mean recurrent conductance of the weights it yields
    g_rec = mf.recurrent_conductance(tr.weights, p_on, eff, 10.0, 10.0)
    assert tr.g_total == pytest.approx(tr.g_background + g_rec, rel=1e-9)
    # every PSP has the area alpha W tau_ref at the neuron's own tau_eff (P16 eq. 64)
    mu = U0 + ALPHA * (b + W @ p_on)
    k, j = 3, 7
    drive = (NEURON["e_rev_E"] if W[k, j] >= 0 else NEURON["e_rev_I"]) - mu[k]
    area = translate.psp_integral(0.1, 0.1 / tr.g_total[k], 10.0, 10.0)
    assert abs(tr.weights[k, j]) * abs(drive) * area == pytest.approx(
        ALPHA * abs(W[k, j]) * 10.0, rel=1e-9)


def test_without_recurrent_weights_the_bias_is_eq75():
    W, b, p_on = _bm(6, 0.0)
    tr = mf.self_consistent_coba(W, b, NEURON, NOISE, ALPHA, U0, p_on, np.ones(6))
    expected = [membrane.coba_current_for_mean(NEURON, NOISE, U0 + ALPHA * bk) for bk in b]
    assert tr.fixed_point and tr.currents == pytest.approx(expected, rel=1e-12)


def test_no_fixed_point_when_the_needed_conductance_exceeds_the_total():
    """K = 500 at P16's smallest scale: the background weights alone bring ~3x the
    background conductance, and eq. 64 at a larger <g_tot> needs still more."""
    W, b, p_on = _bm(500, 0.6)
    eff = np.full(500, 0.8)
    tr = mf.self_consistent_coba(W, b, NEURON, NOISE, ALPHA, U0, p_on, eff)
    fallback = mf.mean_field_bias(W, b, NEURON, NOISE, ALPHA, U0, p_on, eff)
    assert not tr.fixed_point
    assert np.median(fallback.recurrent_over_background) > 1.0
    np.testing.assert_array_equal(tr.weights, fallback.weights)
    np.testing.assert_array_equal(tr.currents, fallback.currents)
