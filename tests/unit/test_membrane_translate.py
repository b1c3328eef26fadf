import numpy as np
import pytest
from scipy import integrate

from lifsampling import calibration, membrane, stp, translate


@pytest.mark.parametrize("tau_m", [0.1, 0.25, 5.0, 10.0, 20.0])
def test_psp_integrals_closed_forms(tau_m):
    cm, tau_s = 0.2, 10.0
    sq, _ = integrate.quad(lambda t: stp.psp_kernel(t, cm, tau_m, tau_s) ** 2, 0, 500,
                           limit=500)
    assert membrane.psp_square_integral(cm, tau_m, tau_s) == pytest.approx(sq, rel=1e-6)
    part, _ = integrate.quad(stp.psp_kernel, 0, 10.0, args=(cm, tau_m, tau_s), limit=200)
    assert translate.psp_integral(cm, tau_m, tau_s, 10.0) == pytest.approx(part, rel=1e-8)


def test_config_noise_weights_follow_their_derivation(smoke_cfg):
    neurons, noise = smoke_cfg["neurons"], smoke_cfg["noise"]
    for name in ("p16_coba", "l18_coba"):  # P16 eq. 71 at u = -55 mV
        w = membrane.inhibitory_noise_weight(noise[name], neurons[name], -55.0)
        assert noise[name]["weight_inh_uS"] == pytest.approx(w, rel=1e-4)
    coba = membrane.coba_free_membrane(neurons["l18_coba"], noise["l18_coba"])
    w_cuba = membrane.cuba_noise_weight_matching(coba.std, neurons["l18_cuba"],
                                                 noise["l18_cuba"]["rate_exc_hz"])
    assert noise["l18_cuba"]["weight_exc_nA"] == pytest.approx(w_cuba, rel=1e-4)
    cuba = membrane.cuba_free_membrane(neurons["l18_cuba"], noise["l18_cuba"], v_rest=-55.0)
    assert cuba.std == pytest.approx(coba.std, rel=1e-4)
    assert cuba.mean == pytest.approx(-55.0)  # balanced: the mean is the leak potential


def test_coba_moments_small_tau_eff_limit(smoke_cfg):
    """P16 eq. 4: for tau_eff -> 0 the variance is sum nu [w (E - mu)]^2 tau_syn / (2 g^2)."""
    neuron, noise = dict(smoke_cfg["neurons"]["p16_coba"]), dict(smoke_cfg["noise"]["p16_coba"])
    for key in ("rate_exc_hz", "rate_inh_hz"):
        noise[key] *= 100  # drives tau_eff = C / <g_tot> towards 0
    fm = membrane.coba_free_membrane(neuron, noise)
    g = membrane.coba_total_conductance(neuron, noise)
    var = sum(noise[f"rate_{k}_hz"] / 1000 * (noise[f"weight_{k}_uS"] * (neuron[e] - fm.mean)) ** 2
              for k, e in (("exc", "e_rev_E"), ("inh", "e_rev_I"))) * 10.0 / (2 * g**2)
    assert fm.tau_eff < 0.01
    assert fm.std**2 == pytest.approx(var, rel=2e-3)


def test_p16_mean_and_eq75(smoke_cfg):
    neuron, noise = smoke_cfg["neurons"]["p16_coba"], smoke_cfg["noise"]["p16_coba"]
    assert membrane.coba_free_membrane(neuron, noise).mean == pytest.approx(-55.1, abs=0.05)
    for target in (-60.0, -52.5, -45.0):
        i_ext = membrane.coba_current_for_mean(neuron, noise, target)
        assert membrane.coba_free_membrane(neuron, noise, i_ext).mean == pytest.approx(target)


def test_translation_signs_and_scaling(smoke_cfg):
    cuba, coba = smoke_cfg["neurons"]["l18_cuba"], smoke_cfg["neurons"]["p16_coba"]
    W = np.array([[0.0, 1.0], [-2.0, 0.0]])
    wc = translate.cuba_weights(W, cuba, alpha=2.0)
    assert wc[0, 1] > 0 > wc[1, 0] and wc[1, 0] == pytest.approx(-2 * wc[0, 1])
    wg = translate.coba_weights(W, coba, alpha=2.0, mu=-55.0, tau_eff=0.22)
    assert (wg >= 0).all() and wg[1, 0] > 0
    # inhibitory driving force (-35 mV) is smaller than the excitatory (55 mV)
    assert wg[1, 0] / wg[0, 1] == pytest.approx(2 * 55 / 35)
    b = np.array([-1.0, 0.5])
    means = translate.free_membrane_means(b, 2.0, -51.8)
    # the translated mean sits where the activation function gives the BM's sigma(b)
    np.testing.assert_allclose(calibration.logistic(means, -51.8, 2.0), 1 / (1 + np.exp(-b)),
                               rtol=1e-12)


def test_fit_logistic_recovers_parameters():
    u = np.linspace(-60, -40, 21)
    p = calibration.logistic(u, -51.7, 1.9)
    u0, alpha = calibration.fit_logistic(u, p)
    assert u0 == pytest.approx(-51.7, abs=1e-6) and alpha == pytest.approx(1.9, rel=1e-6)
