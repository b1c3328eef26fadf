import numpy as np
import pytest
from scipy import integrate

from lifsampling import stp

ISI = 10.0
TIMES = ISI * np.arange(1, 31)


def test_static_synapse_transmits_U0_always():
    np.testing.assert_allclose(stp.tm_efficacies(TIMES, 1.0, 0.0, 0.0), 1.0)
    np.testing.assert_allclose(stp.tm_efficacies(TIMES, 0.3, 0.0, 0.0), 0.3)


def test_renewing_synapse_closed_form():
    # U = 1: R is emptied at each spike and recovers to 1 - exp(-ISI/tau_rec)
    eff = stp.tm_efficacies(TIMES, 1.0, 10.0, 0.0)
    assert eff[0] == 1.0
    np.testing.assert_allclose(eff[1:], 1 - np.exp(-1.0), rtol=1e-12)


def test_depression_steady_state():
    # fixed point of R' = 1 - (1 - R(1-U)) e^{-d}:  R* = (1-e^{-d}) / (1-(1-U)e^{-d})
    U, tau = 0.2, 50.0
    d = np.exp(-ISI / tau)
    eff = stp.tm_efficacies(ISI * np.arange(1, 400), U, tau, 0.0)
    assert eff[-1] == pytest.approx(U * (1 - d) / (1 - (1 - U) * d), rel=1e-10)


def test_facilitation_first_spikes():
    U, tf = 0.1, 100.0
    eff = stp.tm_efficacies(np.array([10.0, 20.0]), U, 1e-9, tf)
    u2 = U + U * (1 - U) * np.exp(-ISI / tf)
    np.testing.assert_allclose(eff, [U, u2], rtol=1e-12)


def test_rested_weight():
    assert stp.rested_weight(2.0, 0.01) == pytest.approx(200.0)
    with pytest.raises(ValueError):
        stp.rested_weight(1.0, 0.0)


@pytest.mark.parametrize("tau_m", [0.1, 5.0, 10.0, 20.0])
def test_psp_kernel_integral_and_peak(tau_m):
    cm, tau_syn = 0.2, 10.0
    area, _ = integrate.quad(stp.psp_kernel, 0, 400, args=(cm, tau_m, tau_syn), limit=400)
    # integral of the PSP = integral of the PSC / g_l = tau_syn * tau_m / C
    assert area == pytest.approx(tau_syn * tau_m / cm, rel=1e-6)
    t = np.linspace(0, 100, 200_001)
    assert stp.psp_peak(cm, tau_m, tau_syn) == pytest.approx(
        stp.psp_kernel(t, cm, tau_m, tau_syn).max(), rel=1e-6)


def test_superposition_of_static_psps_converges_to_geometric_sum():
    # with tau_m << tau_syn the PSP follows the PSC, whose peaks sum geometrically
    cm, tau_m, tau_syn = 0.2, 0.01, 10.0
    t = np.arange(0, 320, 0.005)
    v = stp.membrane_response(t, TIMES, np.ones(TIMES.size), cm, tau_m, tau_syn)
    peaks = stp.peaks_between_spikes(t, v, TIMES)
    assert peaks[-1] / peaks[0] == pytest.approx(1 / (1 - np.exp(-ISI / tau_syn)), rel=2e-3)
