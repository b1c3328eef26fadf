"""Sampling fidelity: do the trained RBMs' LIF networks reproduce the RBMs' conditionals?

L18's generative claims compare the LIF+STP network with Gibbs sampling of the same (W, b).
Whether the network samples the RBM's distribution at all is measured here, per trained model
and per synapse set (`stp_sets`, including the best set of L18 Fig 3a's scans), in one NEST
kernel per (model, set) holding side by side:

* a network whose visible (and label) units are clamped to data images, one after the other:
  each hidden unit's on-fraction (`fidelity.on_fraction`) against the exact σ(b_h + Wᵀv);
* a network whose hidden units are clamped to states of a Gibbs chain: each visible unit's
  on-fraction against σ(b_v + W h);
* `n_free` free-running copies: on-pixels per sample and pixel marginals.

Per model × set × direction: the slope and intercept of logit p_LIF against the exact input
(an effective inverse temperature; one fit per clamped state, 95 % t-interval over states),
the *weight gain* (the slope on the weight input Σ W z alone, with the bias term fixed: the
factor by which the network scales the translated weights), and the RMS error. The theory of
the weight gain is `fidelity.burst_weight_factor` at the clamped units' measured inter-spike
interval. A separate job per model runs a long Gibbs chain for the pixel-marginal reference.

Seeds depend on the model only: every synapse set sees the same clamped states and the same
NEST seed, so sets differ by their synapses alone.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import xarray as xr

from .. import fidelity, io, states
from ..cast import training_matrix
from ..claims import CHECK, STUDY, Claim, Interval, interval
from ..config import jobs, slices
from ..data import images_and_labels, training_rows
from ..network import Clamp, STPSet, clamp_current_nA, rbm_network
from ..rbm import RBM, one_hot
from ..samplers import rbm_gibbs
from .generative import read_best_scan_set, read_rbm

LOG = logging.getLogger(__name__)

EXPERIMENT = "sampling_fidelity"
# MNIST-sized networks (K = 500): NEST runs them on nest.large_networks' virtual processes
LARGE_NETWORKS = True
# its claims are decided by trained RBMs alone (generative_claims); which: config
# experiments.sampling_fidelity.models
TRAINED_MODELS: tuple[str, ...] = ()
BEST_SCAN = "best_scan"  # the set chosen from L18 Fig 3a's scans (`generative.best_scan_set`)
DIRECTIONS = ("hidden_given_visible", "visible_given_hidden")
P_BIN_EDGES = np.linspace(0.0, 1.0, 11)
GIBBS_BURN_IN = 100  # sweeps of the reference chains before their samples count


# ----------------------------------------------------------------------------- jobs
# One function per rule, called by workflow/scripts/job.py with the rule's input files by name.


def probed_images(rbm: RBM, training: xr.Dataset, test_data: xr.Dataset
                  ) -> tuple[np.ndarray, np.ndarray | None]:
    """The images a model's probe clamps, with their labels: a labelled model's test images of
    the classes it learned (MNIST's, or your dataset's ISL test split); the bars' training
    images (no labels)."""
    if not rbm.n_labels:
        return training["image"].values, None
    images, labels = images_and_labels(test_data, test_data.attrs.get("isl_test_split", "test"))
    learned = np.isin(labels, np.unique(training_rows(training)["label"].values))
    return images[learned], labels[learned]


def sampling_fidelity_run(job: SamplingFidelityRunJob, *, model: str, training_data: str,
                          test_data: str, calibration: str, scans: Sequence[str] = ()
                          ) -> xr.Dataset:
    """One model's networks with one synapse set (`run`); the best scan set from `scans`."""
    rbm = read_rbm(model)
    stp = read_best_scan_set(scans) if job["stp"] is None else STPSet.from_config(job["stp"])
    images, labels = probed_images(rbm, io.read_dataset(training_data, ["image"]),
                                   io.read_dataset(test_data, ["image"]) if rbm.n_labels
                                   else None)
    LOG.info("%s with %s synapses %s", job["model"], job["stp_set"], stp)
    ds = run(job, rbm, images, labels, io.read_dataset(calibration, ["p_mean"]), stp)
    LOG.info("weight gain %s (theory %s), on-pixels %s",
             ds["weight_gain_per_state"].mean("clamped_state").values.round(2).tolist(),
             ds["theory_weight_gain"].values.round(2).tolist(),
             ds["on_pixels"].values.round(1).tolist())
    return ds


def sampling_fidelity_reference(job: SamplingFidelityReferenceJob, *, model: str,
                                training_data: str) -> xr.Dataset:
    """The Gibbs reference of one model (`reference`)."""
    return reference(job, read_rbm(model), io.read_dataset(training_data, ["image"]))


def sampling_fidelity_aggregate(job: SamplingFidelityAggregateJob, *, runs: Sequence[str],
                                references: Sequence[str]) -> xr.Dataset:
    """Every model and synapse set in one Dataset (`aggregate`)."""
    return aggregate(job, [io.read_dataset(f, ["on_pixels", "gain_offset_per_state"])
                           for f in runs],
                     [io.read_dataset(f, ["gibbs_marginal"]) for f in references])


# ----------------------------------------------------------------------------- job slices


def _entry(cfg: Mapping[str, Any]) -> Mapping[str, Any]:
    return cfg["experiments"][EXPERIMENT]


def runs(cfg: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(model, synapse set) of every NEST job."""
    e = _entry(cfg)
    return [(model, stp) for model in e["models"] for stp in e["stp_sets"]]


# The type of each job's slice: the keys its job reads (plain dicts at run time).


class SamplingFidelityRunJob(jobs.NetworkJob):
    """One trained RBM's network with one synapse set: clamped conditionals, free running.
    `stp` is None for the best set of the L18 Fig 3a scans (read from the scans at run time)."""

    model: str
    stp_set: str
    stp: jobs.STPParameters | None
    n_states: int
    state_ms: float
    settle_ms: float
    n_free: int
    burn_in_ms: float
    clamp_mV: float


class SamplingFidelityReferenceJob(jobs.Job):
    model: str
    gibbs_chains: int
    gibbs_sweeps: int


class SamplingFidelityAggregateJob(jobs.Job):
    models: list[str]
    stp_sets: list[str]
    l18_stp_set: str


def sampling_fidelity_run_slice(cfg: Mapping[str, Any], model: str,
                                stp_set: str) -> SamplingFidelityRunJob:
    """One NEST job: a trained model's networks with one synapse set. The best scan set's
    parameters are read from the scans at run time (`generative.best_scan_set`)."""
    e = _entry(cfg)
    seeds = {kind: slices.job_seed(cfg, EXPERIMENT, model, kind) for kind in ("lif", "states")}
    stp = None if stp_set == BEST_SCAN else dict(cfg["stp"][stp_set])
    return slices.job_slice(
        cfg, seeds, model=model, stp_set=stp_set, stp=stp,
        **slices.calibrated_cell(cfg, e["calibration"]),
        n_states=e["n_states"], state_ms=e["state_ms"], settle_ms=e["settle_ms"],
        n_free=e["n_free"], burn_in_ms=e["burn_in_ms"],
        clamp_mV=cfg["experiments"]["l18_fig3"]["classification"]["clamp_mV"],
        nest=slices.nest_settings(cfg, LARGE_NETWORKS))


def sampling_fidelity_reference_slice(cfg: Mapping[str, Any],
                                      model: str) -> SamplingFidelityReferenceJob:
    """The long Gibbs chains of one model: its pixel-marginal reference."""
    e = _entry(cfg)
    return slices.job_slice(cfg, {"gibbs": slices.job_seed(cfg, EXPERIMENT, model, "gibbs")},
                            model=model, gibbs_chains=e["gibbs_chains"],
                            gibbs_sweeps=e["gibbs_sweeps"])


def sampling_fidelity_aggregate_slice(cfg: Mapping[str, Any], models: Sequence[str] | None = None
                                      ) -> SamplingFidelityAggregateJob:
    """The grid's axes, and which set is L18's (its check): the configured models, or the
    given ones (the RBM of one of your datasets: target generative_<name>)."""
    e = _entry(cfg)
    models = list(e["models"]) if models is None else list(models)
    return slices.job_slice(cfg, models=models, stp_sets=list(e["stp_sets"]),
                            l18_stp_set=cfg["experiments"]["l18_fig3"]["stp"])


def user_fidelity_models(cfg: Mapping[str, Any]) -> dict[str, str]:
    """{model: member} of your datasets' RBMs: each is probed like the paper's models, on its
    own grid (results/sims/generative_<name>_fidelity.nc), its best scan set from its own
    scans."""
    return {slices.user_model(name): member
            for member, name in slices.user_generative_members(cfg).items()}


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family (built before any job: a config that cannot
    be sliced fails at load)."""
    e = _entry(cfg)
    out = {f"{EXPERIMENT}_run:{m}:{s}": sampling_fidelity_run_slice(cfg, m, s)
           for m, s in runs(cfg)}
    out |= {f"{EXPERIMENT}_reference:{m}": sampling_fidelity_reference_slice(cfg, m)
            for m in e["models"]}
    out[f"{EXPERIMENT}_aggregate"] = sampling_fidelity_aggregate_slice(cfg)
    for model, member in user_fidelity_models(cfg).items():
        out |= {f"{EXPERIMENT}_run:{model}:{s}": sampling_fidelity_run_slice(cfg, model, s)
                for s in e["stp_sets"]}
        out[f"{EXPERIMENT}_reference:{model}"] = sampling_fidelity_reference_slice(cfg, model)
        out[f"{EXPERIMENT}_aggregate:{member}"] = sampling_fidelity_aggregate_slice(cfg, [model])
    return out


def user_fidelity_claims(name: str, ds: xr.Dataset, scale: str) -> list[Claim]:
    """The fidelity checks and claims on the RBM of your dataset `name` (`ds`: its own
    grid), ids `generative_<name>_fidelity_...`: rows of its claims table."""
    claims = {c.id: replace(c) for c in CLAIMS}  # fresh copies: judging fills them
    judge_claims(claims, {EXPERIMENT: ds}, scale)
    return [c.for_member(f"generative_{name}", f"generative_{name}_{c.id}")
            for c in claims.values()]


# ----------------------------------------------------------------------------- NEST run


def clamped_visible_states(rbm: RBM, images: np.ndarray, labels: np.ndarray | None,
                           n_states: int) -> np.ndarray:
    """n_states visible vectors (pixels, then one-hot labels of a labelled RBM), the images
    taken in order and repeated if there are fewer."""
    rows = np.arange(n_states) % len(images)
    v = np.asarray(images, float)[rows]
    if rbm.n_labels:
        v = np.hstack([v, one_hot(np.asarray(labels)[rows], rbm.n_labels)])
    return v


def clamped_hidden_states(rbm: RBM, n_states: int, seed: int) -> np.ndarray:
    """n_states hidden vectors of one Gibbs chain of the RBM, GIBBS_BURN_IN sweeps apart."""
    rng = np.random.default_rng(seed)
    v, _ = rbm_gibbs(rbm, GIBBS_BURN_IN * n_states, rng)
    v = v[GIBBS_BURN_IN - 1::GIBBS_BURN_IN, 0].astype(np.float32)
    return (rng.random((n_states, rbm.n_hidden)) < rbm.p_h(v)).astype(float)


def state_windows(job: SamplingFidelityRunJob) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(clamp switch times, read-out starts, read-out ends): state i is held from the i-th
    switch on (the first from t = 0, through the burn-in) and read after `settle_ms`."""
    starts = job["burn_in_ms"] + job["state_ms"] * np.arange(job["n_states"])
    switches = np.append(0.0, starts[1:])
    return switches, starts + job["settle_ms"], starts + job["state_ms"]


def _hold(units: np.ndarray, values: np.ndarray, switches: np.ndarray, amplitude: float
          ) -> Clamp:
    """Units held on (+amplitude) or off (-amplitude), row i of `values` from switch i on."""
    return Clamp(units, switches, np.where(values > 0, amplitude, -amplitude))


def _clamped_isi(trains: Sequence[np.ndarray], on: np.ndarray, starts: np.ndarray,
                 stops: np.ndarray) -> float:
    """Mean inter-spike interval (ms) of the units while clamped on, over the read windows."""
    gaps = []
    for i, (a, b) in enumerate(zip(starts, stops, strict=True)):
        for k in np.flatnonzero(on[i]):
            t = trains[k]
            gaps.append(np.diff(t[(t >= a) & (t < b)]))
    gaps = np.concatenate(gaps) if gaps else np.array([])
    return float(gaps.mean()) if gaps.size else float("nan")


def run(job: SamplingFidelityRunJob, rbm: RBM, images: np.ndarray, labels: np.ndarray | None,
        calibration: xr.Dataset, stp: STPSet) -> xr.Dataset:
    """The clamped and free networks of one model and synapse set in one NEST kernel (module
    doc); `images`/`labels` are the data the visible units are clamped to."""
    from .. import spiking

    neuron, tau = job["neuron"], float(job["neuron"]["tau_refrac"])
    nv, nh = rbm.n_visible, rbm.n_hidden
    visible_units, hidden_units = np.arange(nv), nv + np.arange(nh)
    v_states = clamped_visible_states(rbm, images, labels, job["n_states"])
    h_states = clamped_hidden_states(rbm, job["n_states"], job["seeds"]["states"])
    switches, starts, stops = state_windows(job)
    amplitude = clamp_current_nA(neuron, job["clamp_mV"])
    spec = rbm_network(rbm, neuron, job["noise"], calibration.attrs["alpha_mV"],
                       calibration.attrs["u0_mV"], stp)
    clamps = [[_hold(visible_units, v_states, switches, amplitude)],
              [_hold(hidden_units, h_states, switches, amplitude)]] + [[]] * job["n_free"]
    trains = spiking.simulate_networks([spec] * len(clamps), float(stops[-1]), job["nest"],
                                       job["seeds"]["lif"], clamps)
    n_eff = (job["state_ms"] - job["settle_ms"]) / tau
    W = rbm.W.astype(float)
    p_hidden = fidelity.on_fraction(trains[0][nv:], tau, starts, stops)
    p_visible = fidelity.on_fraction(trains[1][:nv], tau, starts, stops)
    drives = {"hidden_given_visible": v_states @ W, "visible_given_hidden": h_states @ W.T}
    biases = {"hidden_given_visible": rbm.b_h.astype(float),
              "visible_given_hidden": rbm.b_v.astype(float)}
    measured = {"hidden_given_visible": p_hidden, "visible_given_hidden": p_visible}
    clamped = {"hidden_given_visible": (trains[0][:nv], v_states),
               "visible_given_hidden": (trains[1][nv:], h_states)}
    isi = {d: _clamped_isi(t, on > 0, starts, stops) for d, (t, on) in clamped.items()}
    transmitted = {d: fidelity.transmitted_gain(t, stp, starts, stops, on > 0, neuron)
                   for d, (t, on) in clamped.items()}
    clamp_error = {d: float(np.abs(fidelity.on_fraction(t, tau, starts, stops) - on).mean())
                   for d, (t, on) in clamped.items()}
    ds = xr.Dataset(coords={
        "model": ("model", [job["model"]], {"long_name": "trained RBM"}),
        "stp_set": ("stp_set", [job["stp_set"]], {"long_name": "synapse set of the network"}),
        "direction": ("direction", list(DIRECTIONS),
                      {"long_name": "conditional measured: free units given clamped units"}),
        "clamped_state": ("clamped_state", np.arange(job["n_states"]),
                          {"long_name": "clamped state index"}),
        "p_bin": ("p_bin", (P_BIN_EDGES[:-1] + P_BIN_EDGES[1:]) / 2,
                  {"long_name": "bin centre of the exact conditional", "units": "1"}),
        "free_network": ("free_network", np.arange(job["n_free"]),
                         {"long_name": "free-running network (own background) index"}),
        "pixel": ("pixel", np.arange(rbm.n_pixels)),
    })
    per_direction: dict[str, list] = {k: [] for k in (
        "slope", "offset", "weight_gain", "gain_offset", "rms", "curve_exact", "curve_lif",
        "curve_count", "isi", "theory_gain", "transmitted", "clamp_error")}
    for d in DIRECTIONS:
        exact = 1.0 / (1.0 + np.exp(-(biases[d] + drives[d])))
        fits = fidelity.conditional_fits(measured[d], biases[d], drives[d])
        for key in ("slope", "offset", "weight_gain", "gain_offset"):
            per_direction[key].append(fits[key])
        per_direction["rms"].append(fidelity.rms_error(measured[d], exact))
        for key, value in zip(("curve_exact", "curve_lif", "curve_count"),
                              fidelity.binned_curve(exact, measured[d], P_BIN_EDGES),
                              strict=True):
            per_direction[key].append(value)
        per_direction["isi"].append(isi[d])
        per_direction["theory_gain"].append(fidelity.burst_weight_factor(stp, isi[d], neuron))
        per_direction["transmitted"].append(transmitted[d])
        per_direction["clamp_error"].append(clamp_error[d])
    lead = ("model", "stp_set", "direction")

    def put(name: str, dims: tuple[str, ...], values: Any, long_name: str, units: str = "1"):
        ds[name] = (lead + dims, np.asarray(values, float)[None, None],
                    {"long_name": long_name, "units": units})

    put("slope_per_state", ("clamped_state",), per_direction["slope"],
        "slope of logit p_LIF on the exact input (effective inverse temperature), per state")
    put("offset_per_state", ("clamped_state",), per_direction["offset"],
        "intercept of logit p_LIF on the exact input, per state")
    put("weight_gain_per_state", ("clamped_state",), per_direction["weight_gain"],
        "slope of logit p_LIF on the weight input with the bias fixed, per state")
    put("gain_offset_per_state", ("clamped_state",), per_direction["gain_offset"],
        "intercept of logit p_LIF on the weight input with the bias fixed, per state")
    put("rms", (), per_direction["rms"], "RMS of p_LIF - exact conditional")
    put("curve_exact", ("p_bin",), per_direction["curve_exact"],
        "mean exact conditional in the bin")
    put("curve_lif", ("p_bin",), per_direction["curve_lif"],
        "mean on-fraction of the LIF units whose exact conditional is in the bin")
    put("curve_count", ("p_bin",), per_direction["curve_count"],
        "number of (unit, state) points in the bin")
    put("clamped_isi", (), per_direction["isi"],
        "mean inter-spike interval of the clamped-on units", "ms")
    put("theory_weight_gain", (), per_direction["theory_gain"],
        "weight gain of a long burst at the clamped ISI (PSC pile-up x steady-state STP)")
    put("transmitted_gain", (), per_direction["transmitted"],
        "weight gain of the clamped units' measured trains (PSC pile-up x L18 eqs. 8-9 per "
        "spike), mean over read windows")
    put("clamp_error", (), per_direction["clamp_error"],
        "mean |on-fraction of a clamped unit - its clamped state|")
    free = [states.sample_states(t[:rbm.n_pixels], tau, starts[0] + tau * np.arange(
        int((stops[-1] - starts[0]) // tau))) for t in trains[2:]]
    ds["on_pixels"] = (("model", "stp_set", "free_network"),
                       [[[z.sum(axis=1).mean() for z in free]]],
                       {"long_name": "mean number of on-pixels per sample, free network",
                        "units": "1"})
    ds["pixel_marginal"] = (("model", "stp_set", "free_network", "pixel"),
                            [[[z.mean(axis=0) for z in free]]],
                            {"long_name": "fraction of samples with the pixel on, free network",
                             "units": "1"})
    ds["stp_parameters"] = (("stp_set", "stp_parameter"),
                            [[stp.U0, stp.tau_rec_ms, stp.tau_fac_ms]],
                            {"long_name": "U0 (1), tau_rec (ms), tau_fac (ms) of the set"})
    ds = ds.assign_coords(stp_parameter=("stp_parameter", ["U0", "tau_rec_ms", "tau_fac_ms"],
                                         {"long_name": "Tsodyks-Markram parameter"}))
    return ds.assign_attrs(title=f"Sampling fidelity of {job['model']} with {job['stp_set']} "
                                 "synapses", n_eff_samples=n_eff,
                           free_samples=int(free[0].shape[0]) if free else 0)


# ----------------------------------------------------------------------------- Gibbs reference


def reference(job: SamplingFidelityReferenceJob, rbm: RBM,
              training_data: xr.Dataset) -> xr.Dataset:
    """Pixel marginals and on-pixels per sample of long Gibbs chains, and of the training data
    (what the RBM was trained to reproduce)."""
    rng = np.random.default_rng(job["seeds"]["gibbs"])
    v, _ = rbm_gibbs(rbm, GIBBS_BURN_IN + job["gibbs_sweeps"], rng, n_chains=job["gibbs_chains"])
    pixels = v[GIBBS_BURN_IN:, :, :rbm.n_pixels]  # uint8: a float copy is 8x the memory
    data = training_matrix(training_data)[0][:, :rbm.n_pixels]
    return xr.Dataset(
        {"gibbs_marginal": (("model", "pixel"), [pixels.mean(axis=(0, 1), dtype=np.float64)],
                            {"long_name": "fraction of Gibbs samples with the pixel on",
                             "units": "1"}),
         "gibbs_on_pixels": (("model", "gibbs_chain"),
                             [pixels.sum(axis=2, dtype=np.int64).mean(axis=0)],
                             {"long_name": "mean number of on-pixels per Gibbs sample",
                              "units": "1"}),
         "data_on_pixels": (("model",), [data.sum(axis=1).mean()],
                            {"long_name": "mean number of on-pixels per training image",
                             "units": "1"}),
         "data_marginal": (("model", "pixel"), [data.mean(axis=0)],
                           {"long_name": "fraction of training images with the pixel on",
                            "units": "1"})},
        coords={"model": ("model", [job["model"]], {"long_name": "trained RBM"}),
                "pixel": np.arange(rbm.n_pixels),
                "gibbs_chain": ("gibbs_chain", np.arange(job["gibbs_chains"]),
                                {"long_name": "Gibbs chain index"})},
        attrs={"title": f"Gibbs reference of {job['model']}", "gibbs_sweeps": job["gibbs_sweeps"]})


# ----------------------------------------------------------------------------- aggregate


def _interval_vars(ds: xr.Dataset, name: str, per_state: str, long_name: str) -> None:
    """Mean over clamped states and its 95 % t-interval, on (model, stp_set, direction)."""
    values = ds[per_state].transpose(..., "clamped_state").values
    flat = values.reshape(-1, values.shape[-1])
    stats = np.array([[iv.mean, iv.low, iv.high, iv.n] for iv in map(interval, flat)])
    shape = values.shape[:-1]
    dims = ds[per_state].transpose(..., "clamped_state").dims[:-1]
    for k, suffix, text in ((0, "", ""), (1, "_low", ", 95 % interval low"),
                            (2, "_high", ", 95 % interval high"),
                            (3, "_n", ": number of states with a finite fit")):
        ds[name + suffix] = (dims, stats[:, k].reshape(shape),
                             {"long_name": long_name + text, "units": "1"})


def aggregate(job: SamplingFidelityAggregateJob, runs: Sequence[xr.Dataset],
              references: Sequence[xr.Dataset]) -> xr.Dataset:
    """Every (model, synapse set) run and every model's Gibbs reference, combined by their
    coordinates into one grid (model, stp_set, direction); pixel variables padded with NaN
    where a model has fewer pixels (the bars)."""
    parts = [r.drop_attrs(deep=False) for r in (*runs, *references)]
    # each part holds one model (and set): merged by coordinates, disjoint cells filled in
    ds = xr.merge(parts, compat="no_conflicts", join="outer", combine_attrs="override")
    ds = ds.reindex(model=list(job["models"]), stp_set=list(job["stp_sets"]))
    for name, per_state, text in (
            ("slope", "slope_per_state", "effective inverse temperature (slope of logit p_LIF "
             "on the exact input), mean over clamped states"),
            ("offset", "offset_per_state", "intercept of logit p_LIF on the exact input, mean "
             "over clamped states"),
            ("weight_gain", "weight_gain_per_state", "weight gain (slope on the weight input, "
             "bias fixed), mean over clamped states"),
            ("gain_offset", "gain_offset_per_state", "intercept of logit p_LIF on the weight "
             "input with the bias fixed, mean over clamped states")):
        _interval_vars(ds, name, per_state, text)
    error = np.abs(ds["pixel_marginal"] - ds["gibbs_marginal"]).mean("pixel", skipna=True)
    ds["marginal_error"] = error.assign_attrs(
        long_name="mean |pixel marginal of the free network - of the long Gibbs chains|",
        units="1")
    ds.attrs = {"title": "Sampling fidelity of the trained RBMs' LIF networks per synapse set",
                "l18_stp_set": job["l18_stp_set"]}
    return ds


# ----------------------------------------------------------------------------- checks

CLAIMS = (
    Claim("fidelity_renewing_conditionals", "L18", "1d; P16 App. V",
          "renewing synapses reproduce the RBM's conditionals (the faithful spiking sampler)",
          "slope 1, offset 0", "for every model and direction with determined fits, the 95 % "
          "interval over clamped states of the slope within 1 +- {bound[0]:g} and of the "
          "offset within 0 +- {bound[1]:g} (study's tolerance: 10 % of the weight scale; a "
          "logit offset of 0.25 moves p = 0.5 by 0.06; where the offset comes from: the "
          "clamp_delivery rows)", (0.1, 0.25), ("quick", "paper"), CHECK),
    Claim("fidelity_theory_gain", "L18", "1d; P16 App. V",
          "the measured weight gain of every synapse set follows the burst theory (PSC "
          "pile-up x L18 eqs. 8-9 on the clamped units' measured trains)", "theory",
          "for every model, set and direction with a finite fit, |measured / theory - 1| < "
          "{bound} (study's tolerance: 10 % of the weight scale)", 0.1, ("quick", "paper"),
          CHECK),
    Claim("fidelity_l18_set_sharper", "L18", "3",
          "with L18's set (U0 = 0.01, tau_rec = 280 ms, weights / U0) the network samples a "
          "sharper distribution than the RBM (weight gain > 1)", "study finding",
          "95 % interval over clamped states of the weight gain above 1 for every model and "
          "direction with determined fits", None, ("quick", "paper"), STUDY),
)
CLAIM_INPUTS = (EXPERIMENT,)


def _cells(ds: xr.Dataset, stp_set: str, var: str) -> dict[tuple[str, str], float]:
    """`var` of one synapse set for every (model, direction)."""
    return {(str(m), str(d)): float(ds[var].sel(model=m, stp_set=stp_set, direction=d))
            for m in ds["model"].values for d in ds["direction"].values}


def _intervals(ds: xr.Dataset, stp_set: str, var: str) -> dict[tuple[str, str], Interval]:
    """The per-state interval of `var` (mean, low, high, n) for every (model, direction) with
    at least two determined fits (saturated conditionals, as the bars', have none)."""
    parts = [_cells(ds, stp_set, var + suffix) for suffix in ("", "_low", "_high", "_n")]
    return {k: Interval(parts[0][k], parts[1][k], parts[2][k], int(parts[3][k]))
            for k in parts[0] if parts[3][k] >= 2}


def _text(intervals: Mapping[tuple[str, str], Interval]) -> str:
    return "; ".join(f"{m} {d.split('_')[0]}: {iv.mean:.2f} [{iv.low:.2f}, {iv.high:.2f}]"
                     for (m, d), iv in intervals.items())


def _judge_renewing(claim: Claim, slopes: Mapping[Any, Interval],
                    offsets: Mapping[Any, Interval], scale: str) -> None:
    """Equivalence: every slope interval inside 1 +- bound[0] and every offset interval inside
    0 +- bound[1] passes; one wholly outside fails; otherwise undecided (too wide)."""
    slope_bound, offset_bound = claim.bound
    sides = [iv.side((1 - slope_bound, 1 + slope_bound), "within") for iv in slopes.values()]
    sides += [iv.side((-offset_bound, offset_bound), "within") for iv in offsets.values()]
    claim.judge(f"slope {_text(slopes)} / offset {_text(offsets)}",
                bool(sides) and all(side == "pass" for side in sides), scale)
    if scale in claim.decided_at and "fail" not in sides and not all(
            side == "pass" for side in sides):
        claim.undecided("an interval reaches beyond the equivalence bounds (too few states)")


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Renewing's conditionals (equivalence), the weight gains against the theory, L18's
    set's gain above 1."""
    ds = datasets[EXPERIMENT]
    sets = [str(s) for s in ds["stp_set"].values]
    if "renewing" in sets:
        _judge_renewing(claims["fidelity_renewing_conditionals"],
                        _intervals(ds, "renewing", "slope"), _intervals(ds, "renewing", "offset"),
                        scale)
    ratio = ds["weight_gain"] / ds["transmitted_gain"]
    c = claims["fidelity_theory_gain"]
    finite = np.isfinite(ratio)
    if not finite.any():  # saturated conditionals everywhere: no gain was measured
        c.not_reached("no finite weight-gain fit", scale)
    else:
        c.judge("; ".join(f"{s}: measured/theory {float(ratio.sel(stp_set=s).min()):.2f}-"
                          f"{float(ratio.sel(stp_set=s).max()):.2f} (theory "
                          f"{float(ds['transmitted_gain'].sel(stp_set=s).mean()):.2f})"
                          for s in sets),
                bool((np.abs(ratio.where(finite, 1.0) - 1) < c.bound).all()),
                scale)
    l18 = ds.attrs.get("l18_stp_set", "modulated")
    if l18 in sets and _intervals(ds, l18, "weight_gain"):
        gains = _intervals(ds, l18, "weight_gain")
        claims["fidelity_l18_set_sharper"].judge_intervals(
            f"weight gain of {l18!r} {_text(gains)}", gains, 1.0, "above", scale)
