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


# ----------------------------------------------------------------------------- BM sampling


def dkl_time_grid(duration_ms: float, n_points: int) -> np.ndarray:
    """Log-spaced integration times from 100 ms to the run length (P16 Fig 3C)."""
    return np.geomspace(100.0, duration_ms, n_points)


def random_bm_for(exp: Mapping[str, Any], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The random BM (P16 App. IX) of one experiment, drawn from `seed`."""
    from .boltzmann import random_bm

    return random_bm(exp["n_units"], exp["weight_scale"], np.random.default_rng(seed))


def sampling_run(cfg: Mapping[str, Any], name: str, bm_seed: int, run_seed: int,
                 duration_ms: float, calibration: xr.Dataset) -> xr.Dataset:
    """One NEST run of the LIF network of `experiments.sampling.<name>` sampling a random BM.

    Returns the spikes, the exact target p_B, the sampled joint p_N after burn-in and over the
    first `joint_ms`, and D_KL(p_N ‖ p_B) on the log time grid (P16 Fig 3).
    """
    from . import boltzmann, spiking, states
    from .network import STPSet, bm_network

    exp = cfg["experiments"]["sampling"][name]
    W, b = random_bm_for(exp, bm_seed)
    spec = bm_network(W, b, cfg["neurons"][exp["neuron"]], cfg["noise"][exp["neuron"]],
                      calibration.attrs["alpha_mV"], calibration.attrs["u0_mV"],
                      STPSet.from_config(cfg["stp"][exp["stp"]]))
    burn = exp["burn_in_ms"]
    trains = spiking.simulate_network(spec, burn + duration_ms, cfg["nest"], run_seed)
    tau_on = cfg["neurons"][exp["neuron"]]["tau_refrac"]
    p_b = boltzmann.exact_distribution(W, b)
    times = dkl_time_grid(duration_ms, cfg["experiments"]["dkl_time_points"])
    dkl = states.dkl_over_time(trains, tau_on, burn, times, p_b)
    joint_ms = min(exp["joint_ms"], duration_ms)
    K = exp["n_units"]
    sketch_t, psp, rect = translation_sketch(cfg["neurons"][exp["neuron"]],
                                             cfg["noise"][exp["neuron"]],
                                             calibration.attrs["alpha_mV"])
    units = np.concatenate([np.full(t.size, k) for k, t in enumerate(trains)])
    return xr.Dataset(
        {
            "dkl": ("time", dkl, {"long_name": "D_KL(p_N || p_B)", "units": "nat"}),
            "p_target": ("state", p_b, {"long_name": "p_B(z), exact"}),
            "p_sampled": ("state", states.joint_distribution(trains, tau_on, burn,
                                                             burn + duration_ms),
                          {"long_name": "p_N(z), whole run"}),
            "p_joint_window": ("state", states.joint_distribution(trains, tau_on, burn,
                                                                  burn + joint_ms),
                               {"long_name": f"p_N(z) over the first {joint_ms:g} ms"}),
            "W": (("unit", "unit_pre"), W),
            "b": ("unit", b),
            "spike_time": ("spike", np.concatenate(trains), {"units": "ms"}),
            "spike_unit": ("spike", units),
            "psp_translated": ("sketch_time", psp,
                               {"long_name": "PSP of a translated weight W = 1", "units": "mV"}),
            "psp_rectangle": ("sketch_time", rect,
                              {"long_name": "abstract model: alpha W over tau_ref",
                               "units": "mV"}),
        },
        coords={"time": ("time", times, {"units": "ms", "long_name": "integration time"}),
                "sketch_time": ("sketch_time", sketch_t, {"units": "ms"}),
                "state": np.arange(2**K), "unit": np.arange(K), "unit_pre": np.arange(K)},
        attrs={"experiment": name, "bm_seed": bm_seed, "run_seed": run_seed,
               "burn_in_ms": burn, "alpha_mV": calibration.attrs["alpha_mV"],
               "u0_mV": calibration.attrs["u0_mV"]},
    )


def translation_sketch(neuron: Mapping[str, Any], noise: Mapping[str, float], alpha: float
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L18 Fig 5b: PSP of a translated weight W = 1 and the rectangle it replaces.

    The PSP has the area α W τ_ref over [0, τ_ref] (P16 eq. 64); the abstract model's
    interaction is α W for τ_ref.
    """
    from . import membrane, translate

    tau_ref = neuron["tau_refrac"]
    if neuron["model"] == "IF_cond_exp":
        tau = membrane.coba_free_membrane(neuron, noise).tau_eff
    else:
        tau = neuron["tau_m"]
    t = np.linspace(0.0, 5 * tau_ref, 501)
    area = translate.psp_integral(neuron["cm"], tau, neuron["tau_syn_E"], tau_ref)
    psp = alpha * tau_ref / area * stp.psp_kernel(t, neuron["cm"], tau, neuron["tau_syn_E"])
    rect = np.where(t < tau_ref, alpha, 0.0)
    return t, psp, rect


def abstract_dkl(cfg: Mapping[str, Any], name: str, bm_seed: int, seed: int,
                 duration_ms: float) -> np.ndarray:
    """D_KL over time of the abstract neural sampler (P16 eq. 2) on the same BM."""
    from . import boltzmann, states
    from .abstract import simulate_abstract_sampler

    exp = cfg["experiments"]["sampling"][name]
    W, b = random_bm_for(exp, bm_seed)
    tau = cfg["neurons"][exp["neuron"]]["tau_refrac"]
    trains = simulate_abstract_sampler(W, b, tau, duration_ms, np.random.default_rng(seed))
    times = dkl_time_grid(duration_ms, cfg["experiments"]["dkl_time_points"])
    return states.dkl_over_time(trains, tau, 0.0, times, boltzmann.exact_distribution(W, b))


def aggregate_sampling(trials: list[xr.Dataset], bms: list[xr.Dataset],
                       abstract: np.ndarray) -> xr.Dataset:
    """One Dataset per experiment: DKL curves (trial, time), joints (trial, state), final DKLs."""
    trial = xr.concat([t.drop_vars(["spike_time", "spike_unit"]) for t in trials], dim="trial")
    out = xr.Dataset(
        {
            "dkl": trial["dkl"],
            "p_target": trials[0]["p_target"],
            "p_joint_window": trial["p_joint_window"],
            "p_sampled": trial["p_sampled"],
            "dkl_abstract": (("abstract_trial", "time"), abstract,
                             {"long_name": "D_KL, abstract neural sampler (P16 eq. 2)",
                              "units": "nat"}),
            "raster_time": ("spike", trials[0]["spike_time"].values, {"units": "ms"}),
            "raster_unit": ("spike", trials[0]["spike_unit"].values),
            "psp_translated": trials[0]["psp_translated"],
            "psp_rectangle": trials[0]["psp_rectangle"],
        },
        attrs=dict(trials[0].attrs),
    )
    if bms:
        out["dkl_bm"] = (("bm",), [float(ds["dkl"].values[-1]) for ds in bms],
                         {"long_name": "final D_KL per random BM", "units": "nat"})
        out["dkl_bm_curve"] = (("bm", "bm_time"), np.stack([ds["dkl"].values for ds in bms]))
        out = out.assign_coords(bm_time=("bm_time", bms[0]["time"].values, {"units": "ms"}))
    return out


def free_membranes(cfg: Mapping[str, Any], names: list[str], mean_mV: float,
                   duration_ms: float, seed: int) -> xr.Dataset:
    """Free membranes of several neuron sets at the same target mean (L18 Fig 5e)."""
    from . import spiking
    from .calibration import sweep_values

    cells = []
    for name in names:
        neuron, noise = cfg["neurons"][name], cfg["noise"][name]
        parameter, values = sweep_values(neuron, noise, np.array([mean_mV]))
        cells.append((neuron, noise, parameter, float(values[0])))
    t, traces = spiking.simulate_free_membranes(cells, duration_ms, cfg["nest"], seed)
    return xr.Dataset(
        {"v": (("neuron_set", "time"), np.stack(traces),
               {"long_name": "free membrane potential (threshold lifted)", "units": "mV"})},
        coords={"neuron_set": names, "time": ("time", t, {"units": "ms"})},
        attrs={"target_mean_mV": mean_mV},
    )


# ----------------------------------------------------------------------------- STP grid


def grid_bm(exp: Mapping[str, Any], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Random RBM-structured BM (visible-hidden weights only) of L18 Fig 2a-b."""
    from .boltzmann import random_bm

    nv, nh = exp["n_visible"], exp["n_hidden"]
    W, b = random_bm(nv + nh, exp["weight_scale"], np.random.default_rng(seed))
    W[:nv, :nv] = 0.0
    W[nv:, nv:] = 0.0
    return W, b


def stp_grid_chunk(cfg: Mapping[str, Any], tau_fac: float, bm_seed: int, run_seed: int,
                   calibration: xr.Dataset) -> xr.Dataset:
    """All (U0, τ_rec) networks at one τ_fac, plus the static network, in one NEST run.

    Returns D_KL(p_N ‖ p_B) on the (U0, tau_rec) grid, the static network's D_KL and the
    sampled joints (L18 Fig 2a-b).
    """
    from . import boltzmann, spiking, states
    from .network import STPSet, bm_network

    exp = cfg["experiments"]["l18_fig2_grid"]
    neuron, noise = cfg["neurons"][exp["neuron"]], cfg["noise"][exp["neuron"]]
    W, b = grid_bm(exp, bm_seed)
    alpha, u0 = calibration.attrs["alpha_mV"], calibration.attrs["u0_mV"]
    grid = [(U0, tr) for U0 in exp["U0"] for tr in exp["tau_rec_ms"]]
    sets = [STPSet(U0, tr, tau_fac) for U0, tr in grid] + [STPSet(1.0, 0.0, 0.0)]
    specs = [bm_network(W, b, neuron, noise, alpha, u0, s) for s in sets]
    burn, duration = exp["burn_in_ms"], exp["duration_ms"]
    runs = spiking.simulate_networks(specs, burn + duration, cfg["nest"], run_seed)
    p_b = boltzmann.exact_distribution(W, b)
    tau_on = neuron["tau_refrac"]
    joints = np.stack([states.joint_distribution(t, tau_on, burn, burn + duration)
                       for t in runs])
    dkl = np.array([boltzmann.kl_divergence(p, p_b) for p in joints])
    shape = (len(exp["U0"]), len(exp["tau_rec_ms"]))
    return xr.Dataset(
        {
            "dkl": (("U0", "tau_rec"), dkl[:-1].reshape(shape),
                    {"long_name": "D_KL(p_N || p_B)", "units": "nat"}),
            "dkl_static": ((), dkl[-1], {"long_name": "D_KL, static synapses (1, 0, 0)"}),
            "p_sampled": (("U0", "tau_rec", "state"), joints[:-1].reshape(*shape, -1)),
            "p_static": ("state", joints[-1]),
            "p_target": ("state", p_b),
        },
        coords={"U0": ("U0", list(exp["U0"]), {"long_name": "U_0"}),
                "tau_rec": ("tau_rec", list(exp["tau_rec_ms"]), {"units": "ms"}),
                "tau_fac": tau_fac, "state": np.arange(p_b.size)},
        attrs={"bm_seed": bm_seed, "run_seed": run_seed, "duration_ms": duration},
    )


# ----------------------------------------------------------------------------- K = 500


def large_bm(exp: Mapping[str, Any], weight_scale: float, seed: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """P16 Fig 4 BM: b ~ bias_scale (Beta - 0.5), W ~ weight_scale (Beta - 0.5), K units."""
    from .boltzmann import random_bm

    rng = np.random.default_rng(seed)
    W, _ = random_bm(exp["n_units"], weight_scale, rng)
    _, b = random_bm(exp["n_units"], exp["bias_scale"], rng)
    return W, b


def gibbs_reference(exp: Mapping[str, Any], W: np.ndarray, b: np.ndarray, seed: int
                    ) -> np.ndarray:
    """Joint of the shown units estimated by Gibbs sampling (P16 Fig 4 reference).

    Counts get a pseudo-count of 1/2 per state (Jeffreys) so that D_KL(p_N ‖ p_Gibbs) stays
    finite for states the finite reference never visited; at 1e6 samples its weight is
    at most 32 · 0.5 / 1e6.
    """
    from .boltzmann import state_index
    from .samplers import gibbs_sweep

    rng = np.random.default_rng(seed)
    z = rng.integers(0, 2, (exp["gibbs_chains"], len(b))).astype(float)
    burn_in = max(10, exp["gibbs_sweeps"] // 10)
    counts = np.full(2 ** len(exp["shown_units"]), 0.5)
    for sweep in range(burn_in + exp["gibbs_sweeps"]):
        gibbs_sweep(z, W, b, rng)
        if sweep >= burn_in:
            counts += np.bincount(state_index(z[:, exp["shown_units"]]), minlength=counts.size)
    return counts / counts.sum()


def large_network_run(cfg: Mapping[str, Any], weight_scale: float, bm_seed: int,
                      run_seed: int, calibration: xr.Dataset, reference: np.ndarray
                      ) -> xr.Dataset:
    """One NEST run of the K = 500 network: marginal joint of the shown units, DKL over time."""
    from . import spiking, states
    from .network import STPSet, bm_network

    exp = cfg["experiments"]["p16_fig4"]
    W, b = large_bm(exp, weight_scale, bm_seed)
    spec = bm_network(W, b, cfg["neurons"][exp["neuron"]], cfg["noise"][exp["neuron"]],
                      calibration.attrs["alpha_mV"], calibration.attrs["u0_mV"],
                      STPSet.from_config(cfg["stp"][exp["stp"]]))
    burn, duration = exp["burn_in_ms"], exp["duration_ms"]
    trains = spiking.simulate_network(spec, burn + duration, cfg["nest"], run_seed)
    shown = [trains[k] for k in exp["shown_units"]]
    tau_on = cfg["neurons"][exp["neuron"]]["tau_refrac"]
    times = dkl_time_grid(duration, cfg["experiments"]["dkl_time_points"])
    raster = [(t, k) for k, train in enumerate(trains[:50]) for t in train if t < burn + 2000]
    raster_t, raster_k = (np.array(x) for x in zip(*raster, strict=True)) if raster else (
        np.empty(0), np.empty(0, int))
    return xr.Dataset(
        {
            "p_sampled": ("state", states.joint_distribution(shown, tau_on, burn,
                                                             burn + duration)),
            "dkl": ("time", states.dkl_over_time(shown, tau_on, burn, times, reference),
                    {"long_name": "D_KL(p_N || p_Gibbs) of the shown units", "units": "nat"}),
            "rate": ("unit", [t.size / (burn + duration) * 1000 for t in trains],
                     {"units": "Hz"}),
            "raster_time": ("spike", raster_t, {"units": "ms"}),
            "raster_unit": ("spike", raster_k),
        },
        coords={"time": ("time", times, {"units": "ms"}),
                "state": np.arange(reference.size)},
        attrs={"weight_scale": weight_scale, "bm_seed": bm_seed, "run_seed": run_seed},
    )


# ----------------------------------------------------------------------------- P16 Fig 2


def hcs_neuron(neuron: Mapping[str, Any], noise: Mapping[str, float]):
    """The parameters the activation theories need, from a COBA neuron set and its noise."""
    from . import membrane
    from .activation_theory import HCSNeuron

    free = membrane.coba_free_membrane(neuron, noise)
    return HCSNeuron(neuron["v_thresh"], neuron["v_reset"], neuron["tau_refrac"],
                     neuron["tau_syn_E"], free.tau_eff, free.std)


def activation_predictions(cfg: Mapping[str, Any], set_name: str, calibration: xr.Dataset,
                           n_grid: int = 121) -> xr.Dataset:
    """P16 Fig 2B/D: the P16 theory, the two literature predictions and the logistic fit,
    on a dense grid and at the simulated points, with RMS errors against the simulation."""
    from . import activation_theory as at
    from .calibration import logistic

    entry = cfg["calibration"]["sets"][set_name]
    neuron = hcs_neuron(cfg["neurons"][entry["neuron"]], cfg["noise"][entry["noise"]])
    u_sim, p_sim = calibration["u_free"].values, calibration["p_mean"].values
    grid = np.linspace(u_sim.min(), u_sim.max(), n_grid)
    theories = {
        "p16": lambda u: at.p16_activation(u, neuron),
        "brunel_sergi": lambda u: at.brunel_sergi_activation(u, neuron),
        "quasistatic": lambda u: at.quasistatic_activation(u, neuron),
        "logistic": lambda u: logistic(u, calibration.attrs["u0_mV"],
                                       calibration.attrs["alpha_mV"]),
    }
    data, attrs = {}, {}
    for name, f in theories.items():
        data[name] = ("u", f(grid), {"long_name": f"p(z=1), {name}"})
        at_points = f(u_sim)
        data[f"{name}_at_sim"] = ("u_sim", at_points)
        attrs[f"rms_{name}"] = float(np.sqrt(np.mean((at_points - p_sim) ** 2)))
        attrs[f"max_dev_{name}"] = float(np.max(np.abs(at_points - p_sim)))
    data["p_sim"] = ("u_sim", p_sim)
    data["p_sim_std"] = ("u_sim", calibration["p_std"].values)
    return xr.Dataset(data, coords={"u": ("u", grid, {"units": "mV"}),
                                    "u_sim": ("u_sim", u_sim, {"units": "mV"})},
                      attrs={**attrs, "tau_eff_ms": neuron.tau_eff, "std_mV": neuron.std,
                             "set": set_name})


def p16_fig2_trace(cfg: Mapping[str, Any], set_name: str, mean_mV: float, duration_ms: float,
                   seed: int) -> xr.Dataset:
    """P16 Fig 2A, C: u(t), u_eff(t) and spikes of one neuron in the HCS."""
    from . import membrane, spiking

    entry = cfg["calibration"]["sets"][set_name]
    neuron, noise = cfg["neurons"][entry["neuron"]], cfg["noise"][entry["noise"]]
    i_ext = membrane.coba_current_for_mean(neuron, noise, mean_mV)
    out = spiking.simulate_coba_trace(neuron, noise, i_ext, duration_ms, cfg["nest"], seed)
    g_l = neuron["cm"] / neuron["tau_m"]
    g_e, g_i = out["gsyn_exc"], out["gsyn_inh"]
    u_eff = ((g_l * neuron["v_rest"] + g_e * neuron["e_rev_E"] + g_i * neuron["e_rev_I"]
              + i_ext) / (g_l + g_e + g_i))
    return xr.Dataset(
        {"v": ("time", out["v"], {"units": "mV", "long_name": "membrane potential u"}),
         "u_eff": ("time", u_eff, {"units": "mV", "long_name": "effective potential (P16 eq. 21)"}),
         "spike_time": ("spike", out["spikes"], {"units": "ms"})},
        coords={"time": ("time", out["t"], {"units": "ms"})},
        attrs={"mean_mV": mean_mV, "i_ext_nA": i_ext, "v_thresh": neuron["v_thresh"],
               "tau_ref": neuron["tau_refrac"]})
