"""L18 Fig 1d: PSP-height envelopes and membrane traces of static, renewing and modulated
Tsodyks-Markram synapses (L18 eqs. 7-9), simulated in NEST and compared with the exact
superposition of PSP kernels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from .. import stp
from ..claims import Claim
from ..config import jobs, slices
from ..network import STPSet

# L18 Fig 1d: "Note how the latter [(0.01, 280 ms)] only weakly modulates the PSP height",
# beside static (1, 0) and renewing (1, tau_syn) envelopes. Read as the per-spike efficacy
# U_n R_n / U_1 R_1 (L18 eqs. 8-9; static: flat) in a long burst at 1 / tau_ref, its steady
# state (a burst-length-free number), against renewing synapses' (the factor 1/2 is the
# study's). The membrane peaks add the PSC pile-up of every set and are not the synapse's
# modulation. Deterministic: one value decides.
CLAIMS: tuple[Claim, ...] = (
    Claim("l18_fig1d_weak_modulation", "L18", "1d", "L18's set (U0 0.01, tau_rec 280 ms) "
          "only weakly modulates the PSP height", "weakly", "|steady-state efficacy in a "
          "burst at the envelope's ISI - 1| below {bound:g} x that of renewing synapses (the "
          "factor is the study's)", 0.5, ("quick", "paper")),
)
CLAIM_INPUTS: tuple[str, ...] = ("l18_fig1_stp",)
L18_SET, RENEWING_SET = "modulated", "renewing"  # keys of config `stp` (L18 Fig 1d's sets)


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """The efficacy change in a long burst of L18's set against renewing synapses'."""
    from ..fidelity import steady_state_efficacy

    ds = datasets["l18_fig1_stp"]
    isi = float(ds.attrs["isi_ms"])
    sets = {s: STPSet(*ds["stp_parameters"].sel(stp_set=s).values)
            for s in (L18_SET, RENEWING_SET)}
    # relative to the first spike's efficacy, U0 for a rested synapse
    change = {s: steady_state_efficacy(stp_set, isi) / stp_set.U0 - 1
              for s, stp_set in sets.items()}
    simulated = float(ds["efficacy"].sel(stp_set=L18_SET).isel(spike=-1) - 1)
    c = claims["l18_fig1d_weak_modulation"]
    c.judge(f"steady-state efficacy at {isi:g} ms: L18's set {change[L18_SET]:+.2f}, renewing "
            f"{change[RENEWING_SET]:+.2f} (L18's set after the {ds.sizes['spike']} spikes of "
            f"the envelope: {simulated:+.2f})",
            abs(change[L18_SET]) < c.bound * abs(change[RENEWING_SET]), scale)


def l18_fig1_stp(job: L18Fig1StpJob) -> xr.Dataset:
    """PSP envelopes and traces for each STP set of the job (slice `l18_fig1_stp_slice`).

    A presynaptic neuron in state z = 1 fires at 1/τ_ref (``isi_ms``). For each STP set a
    postsynaptic neuron (threshold lifted) receives it through its own synapse whose first
    PSP has ``first_psp_mV``. Simulated in NEST, compared with the exact superposition of
    PSP kernels weighted by the Tsodyks-Markram recursion (L18 eqs. 7-9).
    """
    from .. import spiking  # NEST is imported only where it is needed

    neuron = job["neuron"]
    cm, tau_m, tau_syn = neuron["cm"], neuron["tau_m"], neuron["tau_syn_E"]
    sets = {name: STPSet.from_config(entry) for name, entry in job["stp"].items()}
    amplitude = job["first_psp_mV"] / stp.psp_peak(cm, tau_m, tau_syn)
    delay, isi, seed = job["delay_ms"], job["isi_ms"], job["seeds"]["l18_fig1"]

    def run(n_spikes: int, tail_ms: float) -> tuple[np.ndarray, dict, np.ndarray]:
        spikes = isi * (1 + np.arange(n_spikes))
        out = spiking.simulate_stp_probe(neuron, sets, spikes, amplitude, delay,
                                         spikes[-1] + tail_ms, job["nest"], seed)
        return spikes, out, spikes + delay

    spikes, env, arrivals = run(job["n_envelope_spikes"], tail_ms=5 * tau_syn)
    burst_tail = job["trace_window_ms"] - isi * job["trace_burst_spikes"]
    burst, trace, burst_arrivals = run(job["trace_burst_spikes"], tail_ms=burst_tail)
    names = list(sets)
    eff, peak_sim, peak_theory, v_sim, v_theory = [], [], [], [], []
    for name in names:
        s = sets[name]
        e = stp.tm_efficacies(spikes, s.U0, s.tau_rec_ms, s.tau_fac_ms)
        eff.append(e / e[0])
        theory = stp.membrane_response(env["t"], arrivals, amplitude * e / e[0], cm, tau_m,
                                       tau_syn)
        peak_sim.append(stp.peaks_between_spikes(env["t"], env[name] - neuron["v_rest"],
                                                 arrivals))
        peak_theory.append(stp.peaks_between_spikes(env["t"], theory, arrivals))
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
            "v": (("stp_set", "sim_time"), np.array(v_sim),
                  {"long_name": "free membrane potential, NEST", "units": "mV"}),
            "v_theory": (("stp_set", "sim_time"), np.array(v_theory),
                         {"long_name": "free membrane potential, exact superposition",
                          "units": "mV"}),
            "stp_parameters": (("stp_set", "stp_parameter"), stp_params,
                               {"long_name": "(U0, tau_rec [ms], tau_fac [ms]) of the set"}),
            "burst_spike_time": (("burst_spike",), burst,
                                 {"long_name": "presynaptic spike times of the traced burst",
                                  "units": "ms"}),
        },
        coords={
            "stp_set": ("stp_set", names, {"long_name": "Tsodyks-Markram parameter set"}),
            "spike": ("spike", np.arange(1, spikes.size + 1),
                      {"long_name": "presynaptic spike number"}),
            "spike_time": ("spike", spikes, {"long_name": "presynaptic spike time",
                                             "units": "ms"}),
            "sim_time": ("sim_time", trace["t"], {"long_name": "simulated time", "units": "ms"}),
            "stp_parameter": ("stp_parameter", ["U0", "tau_rec_ms", "tau_fac_ms"],
                              {"long_name": "Tsodyks-Markram parameter"}),
        },
        attrs={"title": "L18 Fig 1d: Tsodyks-Markram PSP envelopes",
               "neuron": job["neuron_name"], "isi_ms": isi, "first_psp_mV": job["first_psp_mV"],
               "weight_first_psc_nA": amplitude},
    )


# The type of each job's slice: the keys its job reads (plain dicts at run time).


class L18Fig1StpJob(jobs.Job):
    neuron_name: str
    neuron: jobs.NeuronParameters
    nest: jobs.NestSettings
    stp: dict[str, jobs.STPParameters]
    first_psp_mV: float
    isi_ms: float
    delay_ms: float
    n_envelope_spikes: int
    trace_burst_spikes: int
    trace_window_ms: float


# ----------------------------------------------------------------------------- job slices
# What each job of the family reads of the resolved config (lifsampling.config.slices).


def l18_fig1_stp_slice(cfg: Mapping[str, Any]) -> L18Fig1StpJob:
    """L18 Fig 1d: the CUBA neuron, the named STP sets and the probe protocol."""
    e = cfg["experiments"]["l18_fig1"]
    protocol = {
        k: e[k]
        for k in (
            "first_psp_mV",
            "isi_ms",
            "n_envelope_spikes",
            "trace_burst_spikes",
            "trace_window_ms",
            "delay_ms",
        )
    }
    return slices.job_slice(
        cfg,
        {"l18_fig1": slices.job_seed(cfg, "l18_fig1")},
        neuron_name=e["neuron"],
        neuron=dict(cfg["neurons"][e["neuron"]]),
        stp={name: dict(cfg["stp"][name]) for name in e["stp_sets"]},
        **protocol,
        nest=slices.nest_settings(cfg),
    )


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family, by job name (built before any job: a config
    that cannot be sliced fails at load)."""
    return {"l18_fig1_stp": l18_fig1_stp_slice(cfg)}
