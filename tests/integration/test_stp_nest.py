"""NEST's tsodyks2_synapse, driven through PyNN, against L18 eqs. 7-9 (lifsampling.stp)."""
import numpy as np
import pytest

from lifsampling import network, stp

spiking = pytest.importorskip("lifsampling.spiking")

pytestmark = pytest.mark.nest

REGULAR = 10.0 * np.arange(1, 41)
# bursts of different lengths and gaps, as a sampling neuron produces them
IRREGULAR = np.array([5.0, 15.0, 25.0, 62.3, 72.3, 140.0, 150.0, 160.0, 170.0, 181.7, 400.0,
                      410.0])


def _simulate(cfg, sets, spikes, amplitude=1.0):
    neuron = cfg["neurons"]["l18_cuba"]
    delay = 0.1
    out = spiking.simulate_stp_probe(neuron, sets, spikes, amplitude, delay,
                                     spikes[-1] + 80.0, cfg["nest"], seed=1)
    return neuron, out, spikes + delay


@pytest.mark.parametrize("spikes", [REGULAR, IRREGULAR], ids=["regular", "irregular"])
def test_psp_envelope_matches_tsodyks_markram_recursion(smoke_cfg, spikes):
    sets = {name: network.STPSet.from_config(smoke_cfg["stp"][name])
            for name in ("static", "renewing", "modulated")}
    sets["facilitating"] = network.STPSet(U0=0.1, tau_rec_ms=50.0, tau_fac_ms=100.0)
    neuron, out, arrivals = _simulate(smoke_cfg, sets, spikes)
    cm, tau_m, tau_syn = neuron["cm"], neuron["tau_m"], neuron["tau_syn_E"]
    for name, s in sets.items():
        amplitudes = stp.tm_efficacies(spikes, s.U0, s.tau_rec_ms, s.tau_fac_ms) / s.U0
        theory = neuron["v_rest"] + stp.membrane_response(out["t"], arrivals, amplitudes, cm,
                                                          tau_m, tau_syn)
        sim_peaks = stp.peaks_between_spikes(out["t"], out[name] - neuron["v_rest"], arrivals)
        theory_peaks = stp.peaks_between_spikes(out["t"], theory - neuron["v_rest"], arrivals)
        rel = np.abs(sim_peaks / theory_peaks - 1)
        assert rel.max() < 0.01, f"{name}: PSP heights deviate by {rel.max():.2e}"
        # NEST integrates this linear membrane exactly: agreement to rounding
        assert np.abs(out[name] - theory).max() < 1e-6, name


def test_study_facts_about_envelopes(smoke_cfg):
    """docs/study.md §6: static PSCs pile up to w/(1-e^-1), renewing ones restart at w."""
    sets = {name: network.STPSet.from_config(smoke_cfg["stp"][name])
            for name in ("static", "renewing", "modulated")}
    neuron, out, arrivals = _simulate(smoke_cfg, sets, REGULAR)
    peaks = {n: stp.peaks_between_spikes(out["t"], out[n] - neuron["v_rest"], arrivals)
             for n in sets}
    first = stp.psp_peak(neuron["cm"], neuron["tau_m"], neuron["tau_syn_E"])
    for name in sets:  # first PSP of a rested synapse has the same size whatever U0
        # sampled every 0.1 ms: the continuous peak is missed by < 0.1 %
        assert peaks[name][0] == pytest.approx(first, rel=1e-3)
    assert peaks["static"][-1] / peaks["static"][0] == pytest.approx(1 / (1 - np.exp(-1)),
                                                                       rel=0.01)
    assert np.ptp(peaks["renewing"][1:]) < 1e-9
    assert peaks["renewing"][-1] / peaks["renewing"][0] == pytest.approx(1.0, abs=0.01)
    # modulated: weak depression after the initial pile-up
    assert peaks["modulated"][-1] < peaks["modulated"][5] < peaks["static"][5]
