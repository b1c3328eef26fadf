"""L18 Fig 2a-b: a 10-unit RBM-structured BM (5 visible + 5 hidden) sampled by LIF networks
with every Tsodyks-Markram set of a (U0, tau_rec, tau_fac) grid; D_KL(p_N ‖ p_B) per set.

One NEST run (`chunk`) holds every (U0, tau_rec) network at one tau_fac, plus the static
network; `aggregate` stacks the chunks into one gridded Dataset (seed, tau_fac, U0, tau_rec).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from .. import boltzmann, io, states
from ..claims import Claim, interval
from ..config import jobs, slices
from ..network import STPSet, bm_network

LOG = logging.getLogger(__name__)

TAU_SYN_MS = 10.0  # L18 Table 2 (both neurons): the optimum is claimed slightly above it
# The optimum and the best set at tau_rec = tau_syn are chosen on the grid's seeds and
# judged on fresh BMs (`judge`): choosing and judging on the same seeds favours the chosen set
CLAIMS = (
    Claim("l18_fig2b_optimum", "L18", "2b", "D_KL optimum of the STP grid slightly above "
          "tau_syn, near tau_rec = 15 ms", "tau_rec ~ 15 ms", "{bound[0]:g} < tau_rec <= "
          "{bound[1]:g} ms at the minimum of the grid seeds' mean D_KL, and on fresh BMs the "
          "95 % interval of log D_KL(best set at tau_rec = tau_syn) / D_KL(optimum) above 0",
          (TAU_SYN_MS, 22.0), ("quick", "paper")),
    Claim("l18_fig2b_static_not_optimal", "L18", "2b", "static synapses (1, 0, 0) are not "
          "optimal", "not optimal", "on fresh BMs, 95 % interval of log D_KL(static) / "
          "D_KL(optimum of the grid seeds) above {bound}", 0.0, ("quick", "paper")),
    Claim("l18_fig2b_many_near_optimal", "L18", "2b", "many STP configurations sample close "
          "to optimally, biologically observed parameters among them", "many, biological",
          "-", not_measured="a tolerance for 'close to optimal' judged on fresh BMs, and the "
          "biological parameter range of L18's ref. 40 as a region of the grid"),
)
CLAIM_INPUTS = ("l18_fig2_grid", "l18_fig2_grid_judged")

STATIC = STPSet(1.0, 0.0, 0.0)  # L18: static synapses (U, tau_rec, tau_fac) = (1, 0, 0)


def _random_bm(job: Mapping[str, Any], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The 10-unit RBM-structured BM (W, b) of one seed."""
    return boltzmann.random_rbm_structured_bm(job["n_visible"], job["n_hidden"],
                                              job["weight_scale"], np.random.default_rng(seed))


def sampled_joints(job: Mapping[str, Any], calibration: xr.Dataset,
                   networks: Sequence[tuple[tuple[np.ndarray, np.ndarray], STPSet]],
                   seed: int) -> list[np.ndarray]:
    """p_N(z) of LIF networks, one per (BM (W, b), STP set), side by side in one NEST run."""
    from .. import spiking

    neuron, noise = job["neuron"], job["noise"]
    alpha, u0 = calibration.attrs["alpha_mV"], calibration.attrs["u0_mV"]
    specs = [bm_network(W, b, neuron, noise, alpha, u0, s) for (W, b), s in networks]
    burn, duration = job["burn_in_ms"], job["duration_ms"]
    runs = spiking.simulate_networks(specs, burn + duration, job["nest"], seed)
    return [states.joint_distribution(t, neuron["tau_refrac"], burn, burn + duration)
            for t in runs]


def chunk(job: L18Fig2GridChunkJob, calibration: xr.Dataset) -> xr.Dataset:
    """All (U0, tau_rec) networks at one tau_fac, plus the static network, in one NEST run
    (slice `l18_fig2_grid_chunk_slice`)."""
    tau_fac = job["tau_fac_ms"]
    grid = [(U0, tr) for U0 in job["U0"] for tr in job["tau_rec_ms"]]
    sets = [STPSet(U0, tr, tau_fac) for U0, tr in grid] + [STATIC]
    bm = _random_bm(job, job["seeds"]["bm"])
    joints = np.stack(sampled_joints(job, calibration, [(bm, s) for s in sets],
                                     job["seeds"]["run"]))
    p_b = boltzmann.exact_distribution(*bm)
    dkl = np.array([boltzmann.kl_divergence(p, p_b) for p in joints])
    shape = (len(job["U0"]), len(job["tau_rec_ms"]))
    return xr.Dataset(
        {
            "dkl": (("U0", "tau_rec"), dkl[:-1].reshape(shape),
                    {"long_name": "D_KL(p_N || p_B)", "units": "nat"}),
            "dkl_static": ((), dkl[-1], {"long_name": "D_KL, static synapses (1, 0, 0)",
                                         "units": "nat"}),
            "p_sampled": (("U0", "tau_rec", "state"), joints[:-1].reshape(*shape, -1),
                          {"long_name": "p_N(z) per STP set", "units": "1"}),
            "p_static": ("state", joints[-1], {"long_name": "p_N(z), static synapses",
                                               "units": "1"}),
            "p_target": ("state", p_b, {"long_name": "p_B(z), exact", "units": "1"}),
        },
        coords={"U0": ("U0", list(job["U0"]), {"long_name": "U_0 (utilisation)", "units": "1"}),
                "tau_rec": ("tau_rec", list(job["tau_rec_ms"]),
                            {"long_name": "recovery time constant tau_rec", "units": "ms"}),
                "tau_fac": ((), tau_fac, {"long_name": "facilitation time constant tau_fac",
                                          "units": "ms"}),
                "seed": ((), job["seed_index"], {"long_name": "index of the random BM"}),
                "state": np.arange(p_b.size)},
        attrs={"bm_seed": job["seeds"]["bm"], "run_seed": job["seeds"]["run"],
               "duration_ms": job["duration_ms"],
               "title": "L18 Fig 2b: one tau_fac slice, one seed"},
    )


def aggregate(job: L18Fig2GridAggregateJob, chunks: Sequence[xr.Dataset]) -> xr.Dataset:
    """Chunks, in any order, combined by their coordinates (seed, tau_fac) into one Dataset
    with dims (seed, tau_fac, U0, tau_rec); joints kept for seed 0."""
    n_seeds = job["n_seeds"]
    if len(chunks) != n_seeds * len(job["tau_fac_ms"]):
        raise ValueError(f"{len(chunks)} chunks for {len(job['tau_fac_ms'])} tau_fac values "
                         f"x {n_seeds} seeds")
    ds = xr.combine_by_coords([c.expand_dims(["seed", "tau_fac"]) for c in chunks],
                              combine_attrs="override")  # variables keep units, long names
    ds = ds.drop_vars(["p_sampled"]).assign(
        p_sampled_seed0=ds["p_sampled"].sel(seed=0, drop=True),
        **{v: ds[v].isel(tau_fac=0, drop=True) for v in ("p_static", "dkl_static", "p_target")})
    ds["p_sampled_seed0"].attrs["long_name"] = "p_N(z) per STP set, seed 0"
    ds.attrs = {"title": "L18 Fig 2b: D_KL over the STP grid"}
    return ds


def chosen_sets(grid: xr.Dataset) -> dict[str, STPSet]:
    """The sets the grid's seeds choose: the minimum of the seed-mean D_KL (`optimum`) and the
    best set with tau_rec = tau_syn (`at_tau_syn`; None when the grid has no such column)."""
    mean = grid["dkl"].mean("seed")

    def at_minimum(dkl: xr.DataArray) -> STPSet:
        best = dkl.where(dkl == dkl.min(), drop=True)
        return STPSet(*(float(best[k].values[0]) for k in ("U0", "tau_rec", "tau_fac")))

    chosen = {"optimum": at_minimum(mean), "static": STATIC}
    if TAU_SYN_MS in grid["tau_rec"].values:
        chosen["at_tau_syn"] = at_minimum(mean.sel(tau_rec=[TAU_SYN_MS]))
    return chosen


def l18_fig2_grid_judge(job: L18Fig2GridJudgeJob, *, grid: str, calibration: str
                        ) -> xr.Dataset:
    """The sets chosen on the grid's seeds, each on `n_seeds` fresh BMs (slice
    `l18_fig2_grid_judge_slice`): D_KL per (seed, chosen set), all in one NEST run."""
    chosen = chosen_sets(io.read_dataset(grid, ["dkl"]))
    names = list(chosen)
    bms = [_random_bm(job, seed) for seed in job["seeds"]["bms"]]
    joints = sampled_joints(job, io.read_dataset(calibration),
                            [(bm, chosen[k]) for bm in bms for k in names], job["seeds"]["run"])
    dkl = np.array([boltzmann.kl_divergence(p, boltzmann.exact_distribution(*bms[i // len(names)]))
                    for i, p in enumerate(joints)]).reshape(len(bms), len(names))
    return xr.Dataset(
        {"dkl": (("seed", "chosen"), dkl, {"long_name": "D_KL(p_N || p_B) on a fresh BM",
                                           "units": "nat"}),
         **{f"chosen_{k}": (("chosen",), [getattr(chosen[n], k) for n in names],
                            {"long_name": f"{k} of the chosen set", "units": units})
            for k, units in (("U0", "1"), ("tau_rec_ms", "ms"), ("tau_fac_ms", "ms"))}},
        coords={"seed": ("seed", np.arange(len(bms)), {"long_name": "index of the fresh BM"}),
                "chosen": ("chosen", names, {"long_name": "set chosen on the grid's seeds"})},
        attrs={"title": "L18 Fig 2b: the grid's chosen sets on fresh BMs",
               "duration_ms": job["duration_ms"]},
    )


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Where the grid seeds' mean D_KL is smallest; on fresh BMs, the chosen optimum against
    the best set at tau_rec = tau_syn and against static synapses."""
    grid, fresh = datasets["l18_fig2_grid"], datasets["l18_fig2_grid_judged"]
    optimum = chosen_sets(grid)["optimum"]
    dkl = fresh["dkl"]
    at_optimum = dkl.sel(chosen="optimum").values  # per fresh BM
    c = claims["l18_fig2b_optimum"]
    low, high = c.bound
    grid_mean = float(grid["dkl"].mean("seed").min())
    text = (f"tau_rec = {optimum.tau_rec_ms:g} ms (U0 = {optimum.U0:g}, tau_fac = "
            f"{optimum.tau_fac_ms:g} ms), grid mean D_KL {grid_mean:.4f}")
    if "at_tau_syn" in dkl["chosen"].values and low < optimum.tau_rec_ms <= high:
        iv = interval(np.log(dkl.sel(chosen="at_tau_syn").values / at_optimum))
        c.judge_interval(f"{text}; on fresh BMs log D_KL(tau_rec = {low:g}) / D_KL(optimum) "
                         f"= {iv.text('.2f')}", iv, 0.0, "above", scale)
    else:
        c.judge(text, False, scale)
    c = claims["l18_fig2b_static_not_optimal"]
    iv = interval(np.log(dkl.sel(chosen="static").values / at_optimum))
    c.judge_interval(f"on fresh BMs: static {float(dkl.sel(chosen='static').mean()):.4f} vs "
                     f"optimum {float(at_optimum.mean()):.4f}; log ratio {iv.text('.2f')}", iv,
                     c.bound, "above", scale)


# ----------------------------------------------------------------------------- jobs
# One function per rule, called by workflow/scripts/job.py with the rule's input files by name.


def l18_fig2_grid_chunk(job: L18Fig2GridChunkJob, *, calibration: str) -> xr.Dataset:
    """One tau_fac slice of the grid for one seed (`chunk`)."""
    ds = chunk(job, io.read_dataset(calibration, ["p_mean"]))
    LOG.info("min D_KL %.4g, static %.4g", float(ds["dkl"].min()), float(ds["dkl_static"]))
    return ds


def l18_fig2_grid_aggregate(job: L18Fig2GridAggregateJob, *, chunks: Sequence[str]
                            ) -> xr.Dataset:
    """Every chunk in one grid (`aggregate`)."""
    return aggregate(job, [io.read_dataset(f, ["dkl"]) for f in chunks])


# The type of each job's slice: the keys its job reads (plain dicts at run time).


class L18Fig2GridChunkJob(jobs.NetworkJob):
    """L18 Fig 2b: every (U0, tau_rec) network at one tau_fac, one seed of the BM."""

    n_visible: int
    n_hidden: int
    weight_scale: float
    U0: list[float]
    tau_rec_ms: list[float]
    tau_fac_ms: float
    duration_ms: float
    burn_in_ms: float
    seed_index: int


class L18Fig2GridAggregateJob(jobs.Job):
    tau_fac_ms: list[float]
    n_seeds: int


class L18Fig2GridJudgeJob(jobs.NetworkJob):
    """L18 Fig 2b: the sets the grid's seeds choose, run on fresh BMs."""

    n_visible: int
    n_hidden: int
    weight_scale: float
    duration_ms: float
    burn_in_ms: float


# ----------------------------------------------------------------------------- job slices
# What each job of the family reads of the resolved config (lifsampling.config.slices).


def l18_fig2_grid_chunk_slice(
    cfg: Mapping[str, Any], tau_fac: float, seed: int
) -> L18Fig2GridChunkJob:
    """L18 Fig 2b: every (U0, tau_rec) network at one tau_fac, for one seed of the BM."""
    e = cfg["experiments"]["l18_fig2_grid"]
    seeds = {
        "bm": slices.job_seed(cfg, "l18_fig2_grid", "bm", seed),
        "run": slices.job_seed(cfg, "l18_fig2_grid", "run", tau_fac, seed),
    }
    return slices.job_slice(cfg, seeds, **_networks_of_the_grid(cfg), U0=list(e["U0"]),
                            tau_rec_ms=list(e["tau_rec_ms"]), tau_fac_ms=float(tau_fac),
                            seed_index=seed)


def _networks_of_the_grid(cfg: Mapping[str, Any]) -> dict[str, Any]:
    """What every network of the family shares: cell, BM size and scale, run length."""
    e = cfg["experiments"]["l18_fig2_grid"]
    return {**slices.calibrated_cell(cfg, e["calibration"]),
            **{k: e[k] for k in ("n_visible", "n_hidden", "weight_scale", "duration_ms",
                                 "burn_in_ms")},
            "nest": slices.nest_settings(cfg)}


def l18_fig2_grid_chunks(cfg: Mapping[str, Any]) -> list[tuple[float, int]]:
    """(tau_fac, seed) of every chunk (`aggregate` combines them by coordinates)."""
    e = cfg["experiments"]["l18_fig2_grid"]
    return [(tf, seed) for tf in e["tau_fac_ms"] for seed in range(e["n_seeds"])]


def l18_fig2_grid_aggregate_slice(cfg: Mapping[str, Any]) -> L18Fig2GridAggregateJob:
    e = cfg["experiments"]["l18_fig2_grid"]
    return slices.job_slice(cfg, tau_fac_ms=list(e["tau_fac_ms"]), n_seeds=e["n_seeds"])


def l18_fig2_grid_judge_slice(cfg: Mapping[str, Any]) -> L18Fig2GridJudgeJob:
    """L18 Fig 2b: the grid's chosen sets on fresh BMs (seeds apart from the grid's)."""
    e = cfg["experiments"]["l18_fig2_grid"]
    seeds = {"bms": [slices.job_seed(cfg, "l18_fig2_grid", "judge_bm", s)
                     for s in range(e["n_judge_seeds"])],
             "run": slices.job_seed(cfg, "l18_fig2_grid", "judge_run")}
    return slices.job_slice(cfg, seeds, **_networks_of_the_grid(cfg))


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family, by job name (built before any job: a config
    that cannot be sliced fails at load)."""
    out: dict[str, slices.Slice] = {"l18_fig2_grid_aggregate": l18_fig2_grid_aggregate_slice(cfg),
                                    "l18_fig2_grid_judge": l18_fig2_grid_judge_slice(cfg)}
    out |= {
        f"l18_fig2_grid_chunk:{tf:g}": l18_fig2_grid_chunk_slice(cfg, tf, 0)
        for tf in cfg["experiments"]["l18_fig2_grid"]["tau_fac_ms"]
    }
    return out
