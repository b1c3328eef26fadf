"""Experiments of the two papers: each turns the resolved config into one xarray Dataset.

One function per figure panel group; they call the science modules and only assemble
results with dimensions, units and long names. The workflow scripts are thin wrappers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from . import network, stp


def l18_fig1(cfg: Mapping[str, Any], seed: int) -> xr.Dataset:
    """L18 Fig 1d: PSP-height envelopes and membrane traces for static/renewing/modulated synapses.

    A presynaptic neuron in state z = 1 fires at 1/τ_ref (``isi_ms``). For each STP set a
    postsynaptic neuron (threshold lifted) receives it through its own synapse whose first
    PSP has ``first_psp_mV``. Simulated in NEST, compared with the exact superposition of
    PSP kernels weighted by the Tsodyks-Markram recursion (L18 eqs. 7-9).
    """
    from . import spiking  # NEST is imported only where it is needed

    exp = cfg["experiments"]["l18_fig1"]
    neuron = cfg["neurons"][exp["neuron"]]
    cm, tau_m, tau_syn = neuron["cm"], neuron["tau_m"], neuron["tau_syn_E"]
    sets = {name: network.STPSet.from_config(cfg["stp"][name]) for name in exp["stp_sets"]}
    amplitude = exp["first_psp_mV"] / stp.psp_peak(cm, tau_m, tau_syn)
    delay, isi = exp["delay_ms"], exp["isi_ms"]

    def run(n_spikes: int, tail_ms: float) -> tuple[np.ndarray, dict, np.ndarray]:
        spikes = isi * (1 + np.arange(n_spikes))
        duration = spikes[-1] + tail_ms
        out = spiking.simulate_stp_probe(neuron, sets, spikes, amplitude, delay, duration,
                                         cfg["nest"], seed)
        return spikes, out, spikes + delay

    spikes, env, arrivals = run(exp["n_envelope_spikes"], tail_ms=5 * tau_syn)
    t_env = env["t"]
    burst_tail = exp["trace_window_ms"] - isi * exp["trace_burst_spikes"]
    burst, trace, burst_arrivals = run(exp["trace_burst_spikes"], tail_ms=burst_tail)
    names = list(sets)
    eff, peak_sim, peak_theory, v_sim, v_theory = [], [], [], [], []
    for name in names:
        s = sets[name]
        e = stp.tm_efficacies(spikes, s.U0, s.tau_rec_ms, s.tau_fac_ms)
        eff.append(e / e[0])
        theory = stp.membrane_response(t_env, arrivals, amplitude * e / e[0], cm, tau_m, tau_syn)
        peak_sim.append(stp.peaks_between_spikes(t_env, env[name] - neuron["v_rest"], arrivals))
        peak_theory.append(stp.peaks_between_spikes(t_env, theory, arrivals))
        eb = stp.tm_efficacies(burst, s.U0, s.tau_rec_ms, s.tau_fac_ms)
        v_sim.append(trace[name])
        v_theory.append(neuron["v_rest"] + stp.membrane_response(
            trace["t"], burst_arrivals, amplitude * eb / eb[0], cm, tau_m, tau_syn))
    stp_params = np.array([[sets[n].U0, sets[n].tau_rec_ms, sets[n].tau_fac_ms] for n in names])
    return xr.Dataset(
        {
            "efficacy": (("stp_set", "spike"), np.array(eff),
                         {"long_name": "U_n R_n / U_1 R_1 (L18 eqs. 8-9)", "units": "1"}),
            "psp_height": (("stp_set", "spike"), np.array(peak_sim),
                           {"long_name": "peak membrane deflection after spike n, NEST",
                            "units": "mV"}),
            "psp_height_theory": (("stp_set", "spike"), np.array(peak_theory),
                                  {"long_name": "peak deflection, exact PSP superposition",
                                   "units": "mV"}),
            "v": (("stp_set", "time"), np.array(v_sim),
                  {"long_name": "free membrane potential, NEST", "units": "mV"}),
            "v_theory": (("stp_set", "time"), np.array(v_theory),
                         {"long_name": "free membrane potential, exact superposition",
                          "units": "mV"}),
            "stp_parameters": (("stp_set", "stp_parameter"), stp_params),
            "burst_spike_time": (("burst_spike",), burst, {"units": "ms"}),
        },
        coords={
            "stp_set": names,
            "spike": ("spike", np.arange(1, spikes.size + 1), {"long_name": "spike number"}),
            "spike_time": ("spike", spikes, {"units": "ms"}),
            "time": ("time", trace["t"], {"units": "ms"}),
            "stp_parameter": ["U0", "tau_rec_ms", "tau_fac_ms"],
        },
        attrs={"title": "L18 Fig 1d: Tsodyks-Markram PSP envelopes",
               "neuron": exp["neuron"], "isi_ms": isi, "first_psp_mV": exp["first_psp_mV"],
               "weight_first_psc_nA": amplitude},
    )
