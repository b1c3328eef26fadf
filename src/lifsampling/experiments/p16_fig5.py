"""P16 Fig 5: the inference demo on 12x12 digits (P16 App. X).

A fully visible, fully connected BM of 144 LIF units stores the digits 0, 3, 4 (pixel
intensities mapped to [0.05, 0.95] as target statistics <z_k>_T, <z_k z_j>_T). Its weights and
biases are learned with the moment-matching rule of P16 App. X (`moment_learning`): first
with persistent Gibbs chains of the abstract BM, then *in the loop*, the model moments taken
from the running LIF networks themselves (`spiking.LiveNetworks`), which corrects what the
translation to LIF neurons distorts. The trained network then samples for `duration_ms` from
the prior (no input) and from the posterior (input currents into the pixels `input_units`),
states read every `sample_interval_ms`; each state is projected on the star plot (eqs.
78-80) and assigned to the digit whose basis vector it overlaps most; snapshots average the
states over 25 ms (eq. 81).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr
from tqdm import tqdm

from .. import io
from .. import moment_learning as ml
from ..claims import Claim, interval, over_seeds
from ..config import jobs, slices
from ..network import Clamp, NetworkSpec, STPSet, bm_network
from ..star_plot import snapshot_means, star_basis, star_projection
from ..states import sample_states

LOG = logging.getLogger(__name__)

CONDITIONS = ("prior", "posterior")

CLAIMS = (
    Claim("p16_fig5_prior", "P16", "5C", "prior visits 0, 3, 4 about equally", "equal",
          "95 % interval over seeds of each digit's fraction of states within 1/3 +- {bound} "
          "(bound not in P16)", 0.1, ("quick", "paper")),
    # P16: the posterior "has a suppressed 0-mode, but preserves the 3 and 4 modes"; a mode
    # is read as suppressed when it keeps less than half its prior mass, preserved otherwise
    # (the factor 2 is the study's)
    Claim("p16_fig5_posterior", "P16", "5D", "posterior suppresses 0, keeps 3 and 4",
          "0 suppressed, 3 and 4 preserved", "95 % intervals over seeds (same network) of "
          "posterior / prior fraction of states: 0 below {bound:g}, 3 and 4 above {bound:g} "
          "(a mode suppressed keeps less than half its prior mass; the factor is the study's)",
          0.5, ("quick", "paper")),
    Claim("p16_fig5_little_blurred", "P16", "5C-D", "the network spends little time in "
          "'blurred' states that cannot be assigned to one digit", "little", "-",
          not_measured="a 'blurred' class: every state is now assigned to its nearest digit; "
          "a distance threshold (or a fourth, non-digit class) is needed"),
)
CLAIM_INPUTS = ("p16_fig5",)


def _network(job: Mapping[str, Any], calibration: xr.Dataset, W: np.ndarray, b: np.ndarray
             ) -> NetworkSpec:
    return bm_network(W, b, job["neuron"], job["noise"], calibration.attrs["alpha_mV"],
                      calibration.attrs["u0_mV"], STPSet.from_config(job["stp"]))


def _states(trains: list[list[np.ndarray]], tau_on: float, times: np.ndarray) -> np.ndarray:
    """States of every copy at `times`, stacked (copies x times, units)."""
    return np.concatenate([sample_states(t, tau_on, times) for t in trains])


def train_in_the_loop(job: P16Fig5TrainJob, patterns: np.ndarray, calibration: xr.Dataset
          ) -> xr.Dataset:
    """Weights and biases of the 144-unit BM learned from the patterns' moments, first with
    Gibbs chains, then in the loop with the LIF networks' own samples (slice
    `p16_fig5_train_slice`); the moment mismatch of every iteration is the training curve."""
    from .. import spiking

    target = ml.target_moments(patterns)
    g, lif = job["gibbs"], job["lif"]
    with tqdm(total=g["iterations"], desc="Gibbs phase", mininterval=10) as bar:
        W, b, gibbs_curve = ml.train_with_gibbs(
            *ml.initial_parameters(target), target, g["n_chains"], g["sweeps"],
            g["iterations"], (g["eta"]["a"], g["eta"]["b"]),
            np.random.default_rng(job["seeds"]["gibbs"]), lambda _: bar.update())
    tau_on = job["neuron"]["tau_refrac"]
    lif_curve = np.empty(lif["iterations"])
    with spiking.LiveNetworks(_network(job, calibration, W, b), lif["n_networks"], job["nest"],
                              job["seeds"]["lif"]) as networks:
        networks.run(lif["burn_in_ms"])
        for it in tqdm(range(lif["iterations"]), desc="in the loop", mininterval=10):
            start = networks.time_ms
            trains = networks.run(lif["run_ms"])
            # states from tau_on into the run: earlier ones would need the last run's spikes
            times = start + np.arange(tau_on, lif["run_ms"], job["sample_interval_ms"])
            model = ml.sample_moments(_states(trains, tau_on, times))
            lif_curve[it] = ml.moment_mismatch(target, model)
            W, b = ml.moment_step(W, b, target, model,
                                  ml.learning_rate((lif["eta"]["a"], lif["eta"]["b"]), it))
            networks.set_parameters(_network(job, calibration, W, b))
    units = np.arange(len(b))
    return xr.Dataset(
        {"W": (("unit", "unit_pre"), W, {"long_name": "BM weight", "units": "1"}),
         "b": (("unit",), b, {"long_name": "BM bias", "units": "1"}),
         "gibbs_mismatch": (("gibbs_iteration",), gibbs_curve,
                            {"long_name": "RMS moment mismatch, Gibbs samples",
                             "units": "1"}),
         "lif_mismatch": (("lif_iteration",), lif_curve,
                          {"long_name": "RMS moment mismatch, LIF network samples",
                           "units": "1"})},
        coords={"unit": ("unit", units, {"long_name": "pixel (row-wise from the top left)"}),
                "unit_pre": ("unit_pre", units, {"long_name": "presynaptic pixel"}),
                "gibbs_iteration": ("gibbs_iteration", np.arange(g["iterations"]),
                                    {"long_name": "iteration with Gibbs samples"}),
                "lif_iteration": ("lif_iteration", np.arange(lif["iterations"]),
                                  {"long_name": "iteration with LIF samples (in the loop)"})},
        attrs={"title": "P16 Fig 5: the 144-unit BM trained in the loop"})


def sample(job: P16Fig5SamplingJob, model: xr.Dataset, patterns: np.ndarray,
           calibration: xr.Dataset) -> xr.Dataset:
    """Prior and posterior runs of the trained network for every seed, side by side in one
    NEST run (slice `p16_fig5_sampling_slice`): states every `sample_interval_ms`, their
    star-plot projection and digit, and 25 ms snapshots along the trajectory of seed 0."""
    from .. import spiking

    spec = _network(job, calibration, model["W"].values, model["b"].values)
    n_seeds, tau_on = job["n_seeds"], job["neuron"]["tau_refrac"]
    units = np.asarray(job["input_units"])
    inputs = {"prior": [], "posterior": [Clamp.hold(units, np.ones(units.size),
                                                    job["input_current_nA"])]}
    runs = [(c, s) for c in CONDITIONS for s in range(n_seeds)]
    end = job["burn_in_ms"] + job["duration_ms"]
    trains = spiking.simulate_networks([spec] * len(runs), end, job["nest"], job["seeds"]["lif"],
                                       [inputs[c] for c, _ in runs])
    times = job["burn_in_ms"] + np.arange(job["sample_interval_ms"], job["duration_ms"] + 1e-9,
                                          job["sample_interval_ms"])
    z = np.stack([sample_states(t, tau_on, times) for t in trains])
    basis = star_basis(patterns)
    projection = star_projection(z.reshape(-1, z.shape[-1]), basis).reshape(*z.shape[:2], 2)
    digit = np.argmax(z @ basis.T, axis=-1)
    fractions = np.stack([np.bincount(d, minlength=len(basis)) / d.size for d in digit])
    window = job["snapshot_ms"]
    centres = times[0] + np.arange(0, job["trajectory_ms"], window)  # within the trajectory
    snapshots = np.stack([snapshot_means(trains[runs.index((c, 0))], tau_on, centres, window)
                          for c in CONDITIONS])
    shape = (len(CONDITIONS), n_seeds)
    return xr.Dataset(
        {"state": (("condition", "seed", "sample_time", "unit"), z.reshape(*shape, *z.shape[1:]),
                   {"long_name": "network state z(t)", "units": "1"}),
         "projection": (("condition", "seed", "sample_time", "plane"),
                        projection.reshape(*shape, *projection.shape[1:]),
                        {"long_name": "star-plot projection (P16 eq. 80)", "units": "1"}),
         "digit_fraction": (("condition", "seed", "digit"),
                            fractions.reshape(*shape, len(basis)),
                            {"long_name": "fraction of states closest to each stored digit",
                             "units": "1"}),
         "snapshot": (("condition", "snapshot_time", "unit"), snapshots,
                      {"long_name": "state averaged over snapshot_ms (P16 eq. 81), seed 0",
                       "units": "1"}),
         "pattern": (("digit", "unit"), np.asarray(patterns, float),
                     {"long_name": "target activation <z_k>_T", "units": "1"})},
        coords={"condition": ("condition", list(CONDITIONS),
                              {"long_name": "prior (no input) or posterior (input)"}),
                "seed": ("seed", np.arange(n_seeds), {"long_name": "seed index"}),
                "sample_time": ("sample_time", times, {"long_name": "time of the state",
                                                       "units": "ms"}),
                "snapshot_time": ("snapshot_time", centres,
                                  {"long_name": "centre of the snapshot window", "units": "ms"}),
                "plane": ("plane", ["x", "y"], {"long_name": "star-plot coordinate"}),
                "digit": ("digit", np.asarray(job["digits"]), {"long_name": "stored digit"})},
        attrs={"title": "P16 Fig 5: prior and posterior of the trained 144-unit LIF network",
               "input_units": units.tolist(), "input_current_nA": job["input_current_nA"],
               "trajectory_ms": job["trajectory_ms"], "snapshot_ms": window})


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Fractions of states closest to each digit, prior and posterior, over seeds."""
    frac = datasets["p16_fig5"]["digit_fraction"]

    def fractions(condition: str) -> tuple[xr.DataArray, str]:
        f = frac.sel(condition=condition)
        return f, f"{condition} fractions " + "; ".join(
            f"{int(d)}: {over_seeds(f.sel(digit=d), '.2f')}" for d in frac["digit"].values)

    prior, text = fractions("prior")
    c = claims["p16_fig5_prior"]
    equal = 1 / frac.sizes["digit"]
    c.judge_intervals(text, {int(d): interval(prior.sel(digit=d).values)
                             for d in frac["digit"].values},
                      (equal - c.bound, equal + c.bound), "within", scale)
    post, text = fractions("posterior")
    kept = {int(d): interval((post / prior).sel(digit=d).values) for d in frac["digit"].values}
    wanted = {int(d): "below" if int(d) == 0 else "above" for d in frac["digit"].values}
    c = claims["p16_fig5_posterior"]
    c.judge_intervals(f"{text}; posterior / prior: " + ", ".join(
        f"{d}: {iv.text('.2f')}" for d, iv in kept.items()),
        kept, c.bound, wanted, scale)


# ----------------------------------------------------------------------------- jobs
# One function per rule, called by workflow/scripts/job.py with the rule's input files by name.


def _patterns(digits: str) -> np.ndarray:
    return io.read_dataset(digits, ["activation"])["activation"].values


def p16_fig5_train(job: P16Fig5TrainJob, *, digits: str, calibration: str) -> xr.Dataset:
    """The BM of the digits, trained with the LIF network in the loop (`train`)."""
    ds = train_in_the_loop(job, _patterns(digits), io.read_dataset(calibration, ["p_mean"]))
    LOG.info("moment mismatch: Gibbs phase %.3f -> %.3f, in the loop %.3f -> %.3f",
             *(float(ds[v][i]) for v in ("gibbs_mismatch", "lif_mismatch") for i in (0, -1)))
    return ds


def p16_fig5_sampling(job: P16Fig5SamplingJob, *, model: str, digits: str,
                      calibration: str) -> xr.Dataset:
    """Prior and posterior runs of the trained network (`sample`)."""
    ds = sample(job, io.read_dataset(model, ["W", "b"]), _patterns(digits),
                io.read_dataset(calibration, ["p_mean"]))
    LOG.info("fractions of states per digit (seed mean): %s",
             ds["digit_fraction"].mean("seed").round(3).values.tolist())
    return ds


# The type of each job's slice: the keys its job reads (plain dicts at run time).


class P16Fig5TrainJob(jobs.NetworkJob):
    stp: jobs.STPParameters
    gibbs: dict[str, Any]
    lif: dict[str, Any]
    sample_interval_ms: float


class P16Fig5SamplingJob(jobs.NetworkJob):
    stp: jobs.STPParameters
    digits: list[int]
    input_units: list[int]
    input_current_nA: float
    n_seeds: int
    duration_ms: float
    burn_in_ms: float
    sample_interval_ms: float
    snapshot_ms: float
    trajectory_ms: float


# ----------------------------------------------------------------------------- job slices
# What each job of the family reads of the resolved config (lifsampling.config.slices).


def p16_fig5_train_slice(cfg: Mapping[str, Any]) -> P16Fig5TrainJob:
    """P16 Fig 5: the 144-unit BM learned with Gibbs chains, then in the loop."""
    e = cfg["experiments"]["p16_fig5"]
    seeds = {k: slices.job_seed(cfg, "p16_fig5", "train", k) for k in ("gibbs", "lif")}
    return slices.job_slice(
        cfg,
        seeds,
        **slices.calibrated_cell(cfg, e["calibration"]),
        stp=dict(cfg["stp"][e["stp"]]),
        **e["training"],
        sample_interval_ms=e["sample_interval_ms"],
        nest=slices.nest_settings(cfg),
    )


def p16_fig5_sampling_slice(cfg: Mapping[str, Any]) -> P16Fig5SamplingJob:
    """P16 Fig 5C, D: prior and posterior runs of the trained network, every seed."""
    e = cfg["experiments"]["p16_fig5"]
    fields = {
        k: e[k]
        for k in (
            "sample_interval_ms",
            "duration_ms",
            "burn_in_ms",
            "n_seeds",
            "input_units",
            "input_current_nA",
            "trajectory_ms",
            "snapshot_ms",
        )
    }
    return slices.job_slice(
        cfg,
        {"lif": slices.job_seed(cfg, "p16_fig5", "sample")},
        **slices.calibrated_cell(cfg, e["calibration"]),
        stp=dict(cfg["stp"][e["stp"]]),
        **fields,
        digits=list(cfg["data"]["p16_digits"]["digits"]),
        nest=slices.nest_settings(cfg),
    )


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family, by job name (built before any job: a config
    that cannot be sliced fails at load)."""
    return {
        "p16_fig5_train": p16_fig5_train_slice(cfg),
        "p16_fig5_sampling": p16_fig5_sampling_slice(cfg),
    }
