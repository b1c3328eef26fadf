"""Single LIF neurons in NEST against the OU description and the translation formulas."""
import numpy as np
import pytest

from lifsampling import membrane, translate

spiking = pytest.importorskip("lifsampling.spiking")

pytestmark = pytest.mark.nest


@pytest.mark.parametrize("name", ["l18_cuba", "l18_coba", "p16_coba"])
def test_free_membrane_moments_match_ou_theory(smoke_cfg, name):
    neuron, noise = smoke_cfg["neurons"][name], smoke_cfg["noise"][name]
    if neuron["model"] == "IF_curr_exp":
        theory, parameter, value = membrane.cuba_free_membrane(neuron, noise), "v_rest", -55.0
        theory = membrane.cuba_free_membrane(neuron, noise, v_rest=value)
    else:
        parameter, value = "i_offset", 0.0
        theory = membrane.coba_free_membrane(neuron, noise)
    out = spiking.simulate_activation(neuron, noise, parameter, [value], 2, 30_000.0,
                                      smoke_cfg["nest"], seed=5, record_interval_ms=0.5)
    assert out["free_mean"][0] == pytest.approx(theory.mean, abs=0.2)
    assert out["free_std"][0] == pytest.approx(theory.std, rel=0.05)


def test_background_trains_are_independent(smoke_cfg):
    """PyNN's parrot neuron would give every neuron the same noise: identical spike counts."""
    neuron, noise = smoke_cfg["neurons"]["l18_cuba"], smoke_cfg["noise"]["l18_cuba"]
    out = spiking.simulate_activation(neuron, noise, "v_rest", [-52.0], 8, 2000.0,
                                      smoke_cfg["nest"], seed=6)
    assert len(set(out["spike_counts"][0])) > 3
    assert len(set(np.round(out["free_std"], 6))) == 1  # one free twin per value


def _psp_areas(trace, arrivals, tau_ref):
    t, d = trace["t"], trace["with"] - trace["without"]
    areas = []
    for a in arrivals:
        window = (t >= a) & (t <= a + tau_ref)
        areas.append(np.trapezoid(d[window], t[window]))
    return np.array(areas)


def test_cuba_weight_translation_matches_simulated_psp(smoke_cfg):
    neuron, noise = smoke_cfg["neurons"]["l18_cuba"], smoke_cfg["noise"]["l18_cuba"]
    alpha, W = 2.0, 0.7
    w = translate.cuba_weights(np.array([[W]]), neuron, alpha)[0, 0]
    spikes = 100.0 + 100.0 * np.arange(20)
    trace = spiking.simulate_psp_response(neuron, noise, w, "excitatory", spikes,
                                          spikes[-1] + 100, smoke_cfg["nest"], seed=7)
    areas = _psp_areas(trace, spikes + 0.1, neuron["tau_refrac"])
    # eq. 64 analogue: the PSP integral over tau_ref is W alpha tau_ref
    assert areas.mean() == pytest.approx(W * alpha * neuron["tau_refrac"], rel=0.01)


def test_coba_weight_translation_without_background(smoke_cfg):
    neuron = dict(smoke_cfg["neurons"]["p16_coba"])
    alpha, W = 2.0, 0.05
    # no background: <g_tot> = g_l, tau_eff = tau_m, mu = E_l
    w = translate.coba_weights(np.array([[W]]), neuron, alpha, neuron["v_rest"],
                               neuron["tau_m"])[0, 0]
    spikes = 100.0 + 200.0 * np.arange(5)
    trace = spiking.simulate_psp_response(neuron, None, w, "excitatory", spikes,
                                          spikes[-1] + 200, smoke_cfg["nest"], seed=8)
    areas = _psp_areas(trace, spikes + 0.1, neuron["tau_refrac"])
    assert areas.mean() == pytest.approx(W * alpha * neuron["tau_refrac"], rel=0.01)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_coba_weight_translation_in_hcs(smoke_cfg, sign):
    """P16 eq. 64 in the HCS: PSP integral W alpha tau_ref, averaged over 200 PSPs.

    Eq. 64 is linear in the driving force E_rev - mu; the PSP itself moves u and so shrinks
    it: measured here, W = 1 (alpha W = 2 mV) gives 2.6 % less than eq. 64. W = 0.3 keeps
    that below 1 %.
    """
    neuron, noise = smoke_cfg["neurons"]["p16_coba"], smoke_cfg["noise"]["p16_coba"]
    free = membrane.coba_free_membrane(neuron, noise)
    alpha, W = 2.0, sign * 0.3
    w = translate.coba_weights(np.array([[W]]), neuron, alpha, free.mean, free.tau_eff)[0, 0]
    spikes = 50.0 + 50.0 * np.arange(200)
    receptor = "excitatory" if sign > 0 else "inhibitory"
    trace = spiking.simulate_psp_response(neuron, noise, w, receptor, spikes, spikes[-1] + 50,
                                          smoke_cfg["nest"], seed=9)
    areas = _psp_areas(trace, spikes + 0.1, neuron["tau_refrac"])
    sem = areas.std(ddof=1) / np.sqrt(areas.size)
    target = W * alpha * neuron["tau_refrac"]
    assert sem < 0.01 * abs(target)
    assert areas.mean() == pytest.approx(target, abs=max(0.01 * abs(target), 3 * sem))


def test_one_pynn_code_gives_the_same_neuron_on_nest_and_neuron(smoke_cfg):
    """P16's simulator (NEURON) and this study's (NEST) behind one PyNN code, dt = 0.1 ms:
    the P16 neuron's activation function and free membrane agree (measured: |dp| <= 0.01,
    |du| <= 0.3 mV over 8 runs x 10 s); both match the native-NEST path's moments."""
    from lifsampling.calibration import sweep_values

    neuron, noise = smoke_cfg["neurons"]["p16_coba"], smoke_cfg["noise"]["p16_coba"]
    parameter, values = sweep_values(neuron, noise, np.array([-56.0, -53.7, -51.0]))
    out = {sim: spiking.simulate_activation_portable(sim, neuron, noise, parameter, values, 8,
                                                     10_000.0, 0.1, seed=9)
           for sim in ("nest", "neuron")}
    p = {sim: o["spike_counts"].mean(axis=1) * neuron["tau_refrac"] / 10_000.0
         for sim, o in out.items()}
    assert np.all(np.diff(p["neuron"]) > 0.2)  # a real activation function on NEURON
    np.testing.assert_allclose(p["neuron"], p["nest"], atol=0.04)
    np.testing.assert_allclose(out["neuron"]["free_mean"], out["nest"]["free_mean"], atol=0.5)
    theory = [membrane.coba_free_membrane(neuron, noise, v).mean for v in values]
    np.testing.assert_allclose(out["neuron"]["free_mean"], theory, atol=0.5)
