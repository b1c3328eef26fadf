"""Where the sampling-fidelity probe's logit offsets come from: one clamped input, delivered
with the same mean and different time courses (a question of this study, docs/clamp_delivery.md).

The fidelity probe (`sampling_fidelity`) finds logit p_LIF above the exact logit b + W z by
+0.2 to +0.6 for every synapse set, with the weights' slope fitted (`gain_offset`). Its
clamped units are LIF neurons held on by a current: each fires every τ_ref + dt, all in phase
after a switch. Here a random RBM's hidden layer (no trained model needed) gets the same
clamped visible states through five deliveries, in one NEST kernel per synapse set:

* ``lif_clamped``: visible LIF neurons held on or off by a current (the probe as it is);
* ``periodic_locked``: one spike every τ_ref + dt per unit held on, every unit in phase;
* ``periodic_staggered``: the same trains, each unit's phase drawn from U(0, τ_ref + dt);
* ``poisson``: Poisson trains of the same rate;
* ``current``: no spikes: W z as a constant current, the input the translation assumes
  (a unit on for τ_ref shifts its targets by α W on average, P16 eq. 59-60).

All deliveries have the same mean input per hidden unit (up to the STP set's efficacy, which
the spike deliveries share); they differ in the input's fluctuations. Per delivery and state:
the intercept with the weight slope fitted and the bias fixed (`fidelity.conditional_fits`),
and the variance of the delivered input (`input_variance`).
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from .. import fidelity, network
from ..claims import STUDY, Claim, interval
from ..config import jobs, slices
from ..network import Clamp, SpikeSources, STPSet, clamp_current_nA, rbm_network
from ..rbm import RBM

EXPERIMENT = "clamp_delivery"
DELIVERIES = ("lif_clamped", "periodic_locked", "periodic_staggered", "poisson", "current")
SPIKE_DELIVERIES = DELIVERIES[:-1]

# the intercept the translation should give: the study's tolerance of
# `fidelity_renewing_conditionals` (sampling_fidelity)
OFFSET_BOUND = 0.1
_FIDELITY = "1d; P16 App. V"
CLAIMS = (
    Claim("clamp_delivery_current_unbiased", "L18", _FIDELITY,
          "a clamped input delivered as a constant current gives the exact conditionals",
          "-", "95 % interval over states of the logit intercept (weight slope fitted, bias "
          "fixed) of the current delivery within +-{bound:g}, every synapse set",
          OFFSET_BOUND, ("quick", "paper"), table=STUDY),
    Claim("clamp_delivery_offset_from_spikes", "L18", _FIDELITY,
          "the logit offset comes with delivering the input as spikes", "-",
          "95 % interval over states of intercept(spike delivery) - intercept(current) "
          "above 0, every spike delivery and synapse set", 0.0, ("quick", "paper"),
          table=STUDY),
    # the hypothesis the offsets were first read with: the spike trains add input variance
    # to the background's; Poisson trains carry the most (`input_variance`)
    Claim("clamp_delivery_offset_tracks_variance", "L18", _FIDELITY,
          "the offset grows with the variance the spike trains add to the input", "-",
          "95 % interval over states of intercept(poisson) - intercept(periodic delivery) "
          "above 0 for both periodic deliveries and every synapse set (Poisson trains carry "
          "the largest input variance)", 0.0, ("quick", "paper"), table=STUDY),
)
CLAIM_INPUTS = (EXPERIMENT,)


class ClampDeliveryRunJob(jobs.NetworkJob):
    """The probe's one job: a random RBM, its clamped states, every delivery and set."""

    stp: dict[str, jobs.STPParameters]
    n_visible: int
    n_hidden: int
    weight_sd: float
    bias_sd: float
    density: float
    n_states: int
    state_ms: float
    settle_ms: float
    burn_in_ms: float
    clamp_mV: float


# ----------------------------------------------------------------------------- the probe


def random_rbm(job: Mapping[str, Any]) -> RBM:
    """The probe's RBM: W ~ N(0, weight_sd²), b_h ~ N(0, bias_sd²), b_v = 0 (the visible
    layer is clamped)."""
    rng = np.random.default_rng(job["seeds"]["rbm"])
    nv, nh = job["n_visible"], job["n_hidden"]
    return RBM(rng.normal(0.0, job["weight_sd"], (nv, nh)), np.zeros(nv),
               rng.normal(0.0, job["bias_sd"], nh))


def clamped_states(job: Mapping[str, Any]) -> np.ndarray:
    """(state, visible unit): each unit on with probability `density`."""
    rng = np.random.default_rng(job["seeds"]["states"])
    return (rng.random((job["n_states"], job["n_visible"])) < job["density"]).astype(float)


def state_windows(job: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(switch times, read-out starts, read-out ends) of the states (as the fidelity probe)."""
    starts = job["burn_in_ms"] + job["state_ms"] * np.arange(job["n_states"])
    switches = np.append(0.0, starts[1:])
    return switches, starts + job["settle_ms"], starts + job["state_ms"]


def delivered_trains(delivery: str, states: np.ndarray, switches: np.ndarray, end_ms: float,
                     period_ms: float, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Spike times of every visible unit: while on, one spike per `period_ms` on average,
    in phase from each switch (`periodic_locked`), with a random phase per unit and state
    (`periodic_staggered`), or Poisson (`poisson`)."""
    if delivery == "periodic_locked":
        return network.held_unit_trains(states, switches, end_ms, period_ms)
    bounds = np.append(switches, end_ms)
    trains: list[list[np.ndarray]] = [[] for _ in range(states.shape[1])]
    for i, (start, stop) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        for k in np.flatnonzero(states[i]):
            if delivery == "poisson":
                n = rng.poisson((stop - start) / period_ms)
                t = np.sort(rng.uniform(start, stop, n))
            else:
                t = np.arange(start + rng.uniform(0.0, period_ms), stop, period_ms)
            trains[k].append(t)
    return tuple(np.concatenate(t) if t else np.empty(0) for t in trains)


def input_variance(trains: Sequence[np.ndarray], W: np.ndarray, starts: np.ndarray,
                   stops: np.ndarray, tau_syn_ms: float, tau_ref_ms: float, dt_ms: float
                   ) -> np.ndarray:
    """(state, hidden unit): the variance over each read window of the input Σ_j W_jk x_j(t),
    x_j the trains filtered by the synaptic kernel and scaled so that a unit firing every
    τ_ref has mean 1 (the input before STP; a constant current has variance 0)."""
    from scipy.signal import lfilter

    out = np.empty((len(starts), W.shape[1]))
    decay = np.exp(-dt_ms / tau_syn_ms)
    for i, (start, stop) in enumerate(zip(starts, stops, strict=True)):
        # from one kernel length before the window, so it opens with the input's history
        edges = np.arange(start - 5 * tau_syn_ms, stop + dt_ms / 2, dt_ms)
        counts = np.stack([np.histogram(t, edges)[0] for t in trains], axis=1).astype(float)
        x = lfilter([tau_ref_ms / tau_syn_ms], [1.0, -decay], counts, axis=0)
        drive = x[edges[:-1] >= start] @ W
        out[i] = drive.var(axis=0)
    return out


def _networks(job: Mapping[str, Any], rbm: RBM, states: np.ndarray, calibration: xr.Dataset,
              stp: STPSet) -> tuple[list, list, list]:
    """Specs, clamps and spike sources of the five deliveries (order: `DELIVERIES`)."""
    neuron = job["neuron"]
    alpha, u0 = calibration.attrs["alpha_mV"], calibration.attrs["u0_mV"]
    switches, _, stops = state_windows(job)
    nv = rbm.n_visible
    visible, hidden = np.arange(nv), nv + np.arange(rbm.n_hidden)
    spec = rbm_network(rbm, neuron, job["noise"], alpha, u0, stp)
    hold = clamp_current_nA(neuron, job["clamp_mV"])
    period = float(neuron["tau_refrac"]) + job["nest"]["resolution_ms"]
    rng = np.random.default_rng(job["seeds"]["trains"])
    specs, clamps, sources = [spec], [[Clamp(visible, switches,
                                             np.where(states > 0, hold, -hold))]], [None]
    for delivery in SPIKE_DELIVERIES[1:]:
        specs.append(spec)
        clamps.append([Clamp(visible, np.array([0.0]), np.full((1, nv), -hold))])
        sources.append(SpikeSources(visible, delivered_trains(delivery, states, switches,
                                                              float(stops[-1]), period, rng)))
    # the current delivery: no visible-hidden synapses, W z as a current into each hidden unit
    silent = rbm_network(RBM(np.zeros_like(rbm.W), rbm.b_v, rbm.b_h), neuron, job["noise"],
                         alpha, u0, stp)
    currents = np.array([[clamp_current_nA(neuron, alpha * d) for d in row]
                         for row in states @ rbm.W])
    specs.append(silent)
    clamps.append([Clamp(visible, np.array([0.0]), np.full((1, nv), -hold)),
                   Clamp(hidden, switches, currents)])
    sources.append(None)
    return specs, clamps, sources


def clamp_delivery_run(job: ClampDeliveryRunJob, *, calibration: str) -> xr.Dataset:
    """Every delivery and synapse set (slice `clamp_delivery_run_slice`): per state, the
    hidden units' fits and the delivered input's variance (module doc)."""
    from .. import io, spiking

    cal = io.read_dataset(calibration)
    rbm, states = random_rbm(job), clamped_states(job)
    _, starts, stops = state_windows(job)
    neuron, dt = job["neuron"], job["nest"]["resolution_ms"]
    tau_ref, nv = float(neuron["tau_refrac"]), rbm.n_visible
    sets = {name: STPSet.from_config(p) for name, p in job["stp"].items()}
    drive = states @ rbm.W
    exact = 1.0 / (1.0 + np.exp(-(rbm.b_h + drive)))
    fits = {k: np.full((len(DELIVERIES), len(sets), job["n_states"]), np.nan)
            for k in ("slope", "offset", "weight_gain", "gain_offset", "variance",
                      "rms", "clamp_error")}
    for s, stp in enumerate(sets.values()):
        specs, clamps, sources = _networks(job, rbm, states, cal, stp)
        trains = spiking.simulate_networks(specs, float(stops[-1]), job["nest"],
                                           job["seeds"]["lif"], clamps, sources=sources)
        for d, delivery in enumerate(DELIVERIES):
            p_hidden = fidelity.on_fraction(trains[d][nv:], tau_ref, starts, stops)
            for key, value in fidelity.conditional_fits(p_hidden, rbm.b_h, drive).items():
                fits[key][d, s] = value
            fits["rms"][d, s] = np.sqrt(((p_hidden - exact) ** 2).mean(axis=1))
            delivered = (trains[d][:nv] if delivery == "lif_clamped"
                         else sources[d].trains if sources[d] is not None else None)
            if delivered is None:
                fits["variance"][d, s] = 0.0
                continue
            fits["variance"][d, s] = input_variance(
                delivered, rbm.W, starts, stops, float(neuron["tau_syn_E"]), tau_ref,
                dt).mean(axis=1)
            fits["clamp_error"][d, s] = np.abs(
                fidelity.on_fraction(delivered, tau_ref, starts, stops) - states).mean(axis=1)
    dims = ("delivery", "stp_set", "clamped_state")
    described = {
        "slope": ("slope of logit p_LIF on the exact input b + W z", "1"),
        "offset": ("intercept of logit p_LIF on the exact input b + W z", "1"),
        "weight_gain": ("slope of logit p_LIF on W z with the bias fixed", "1"),
        "gain_offset": ("intercept of logit p_LIF on W z with the bias fixed", "1"),
        "variance": ("variance of the delivered input sum_j W_jk x_j over the read window, "
                     "mean over hidden units (before STP)", "1"),
        "rms": ("RMS of p_LIF - exact conditional over hidden units", "1"),
        "clamp_error": ("mean |on-fraction of a visible unit's delivered train - its state|",
                        "1"),
    }
    return xr.Dataset(
        {k: (dims, fits[k], {"long_name": long, "units": units})
         for k, (long, units) in described.items()},
        coords={"delivery": ("delivery", list(DELIVERIES),
                             {"long_name": "time course of the clamped input"}),
                "stp_set": ("stp_set", list(sets), {"long_name": "synapse set"}),
                "clamped_state": ("clamped_state", np.arange(job["n_states"]),
                                  {"long_name": "clamped visible state"})},
        attrs={"title": "Sampling fidelity: one clamped input, five time courses",
               "n_visible": rbm.n_visible, "n_hidden": rbm.n_hidden,
               "mean_on_units": float(states.sum(axis=1).mean())},
    )


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Intercepts per delivery, intervals over the clamped states."""
    ds = datasets[EXPERIMENT]
    offset = ds["gain_offset"]
    sets = [str(s) for s in ds["stp_set"].values]

    def text(delivery: str) -> str:
        return f"{delivery} " + ", ".join(
            f"{s} {interval(offset.sel(delivery=delivery, stp_set=s).values).text('.2f')}"
            for s in sets)

    current = {s: interval(offset.sel(delivery="current", stp_set=s).values) for s in sets}
    c = claims["clamp_delivery_current_unbiased"]
    c.judge_intervals(f"intercept, {text('current')}", current, (-c.bound, c.bound), "within",
                      scale)
    above = {(d, s): interval((offset.sel(delivery=d, stp_set=s)
                               - offset.sel(delivery="current", stp_set=s)).values)
             for d in SPIKE_DELIVERIES for s in sets}
    claims["clamp_delivery_offset_from_spikes"].judge_intervals(
        "intercept, " + "; ".join(text(d) for d in SPIKE_DELIVERIES), above, 0.0, "above",
        scale)
    variance = ds["variance"].mean(["clamped_state", "stp_set"])
    periodic = ("periodic_locked", "periodic_staggered")
    poisson = {(d, s): interval((offset.sel(delivery="poisson", stp_set=s)
                                 - offset.sel(delivery=d, stp_set=s)).values)
               for d in periodic for s in sets}
    claims["clamp_delivery_offset_tracks_variance"].judge_intervals(
        "poisson - periodic intercept: " + ", ".join(f"{d} {s} {iv.text('.2f')}"
                                                     for (d, s), iv in poisson.items())
        + "; input variance " + ", ".join(f"{d} {float(variance.sel(delivery=d)):.2f}"
                                          for d in DELIVERIES),
        poisson, 0.0, "above", scale)


# ----------------------------------------------------------------------------- job slices


def clamp_delivery_run_slice(cfg: Mapping[str, Any]) -> ClampDeliveryRunJob:
    """The probe: a random RBM, its clamped states, every delivery and synapse set."""
    e = cfg["experiments"][EXPERIMENT]
    seeds = {k: slices.job_seed(cfg, EXPERIMENT, k) for k in ("rbm", "states", "trains", "lif")}
    return slices.job_slice(
        cfg, seeds, **slices.calibrated_cell(cfg, e["calibration"]),
        stp={name: dict(cfg["stp"][name]) for name in e["stp_sets"]},
        **{k: e[k] for k in ("n_visible", "n_hidden", "weight_sd", "bias_sd", "density",
                             "n_states", "state_ms", "settle_ms", "burn_in_ms")},
        clamp_mV=cfg["experiments"]["l18_fig3"]["classification"]["clamp_mV"],
        nest=slices.nest_settings(cfg))


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family (built before any job)."""
    return {"clamp_delivery_run": clamp_delivery_run_slice(cfg)}
