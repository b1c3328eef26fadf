"""L18 Fig 2c: mixing of Gibbs sampling and of an STP-endowed LIF network on the bars RBMs.

Each RBM (400 visible, 30 hidden, CAST-trained on the easy or the hard bars) is sampled by a
Gibbs chain and by its LIF+STP network with the same (W, b): 5000 consecutive samples each
(one every tau_ref for the network). The mode of a sample is its nearest training bar
(Hamming distance); the time spent in one mode measures mixing. The mean interaction strengths
<z_i>^T W <z_j> of the trained models show how competitive the learned populations are.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from .. import io
from ..claims import STUDY, Claim, RateRatio, rate_ratio
from ..config import jobs, slices
from ..config.slices import BAR_SETS
from ..grids import stack_by_coordinate
from ..modes import mode_durations, nearest_pattern
from ..rbm import RBM, mean_interaction_strengths
from .generative import LIF_ARMS, gibbs_samples, lif_arm_samples, lif_arms, mean_rate

LOG = logging.getLogger(__name__)

SAMPLERS = ("gibbs", *LIF_ARMS)
L18_INTERACTIONS = {"easy": (92.75, -145.48), "hard": (102.82, -164.66)}  # L18 Fig 2c

# why quick cannot decide these (the size: config training.models.bars_*.n_iterations)
BARS_ONLY_PAPER = ("the interaction strengths are a property of the trained RBM: quick trains "
                   "a fraction of L18's 1e5 CAST iterations")
CLAIMS = (
    # a stay's mean length is 1 / (switch rate): switches per sample pooled over seeds, with
    # the exact interval of a ratio of two rates (claims.rate_ratio), so that a chain which
    # never switches within its run counts as what it is, exposure without a switch
    Claim("l18_bars_easy_mixing", "L18", "2c", "Gibbs on easy bars stays ~100x longer in a "
          "mode than LIF+STP", "~100x", "95 % interval of log10 (LIF+STP / Gibbs switch rate), "
          "switches per sample pooled over seeds, within ({bound[0]:g}, {bound[1]:g}): ~100x "
          "to half a decade", (1.5, 2.5), ("quick", "paper")),
    Claim("l18_bars_easy_mixing_vs_renewing", "L18", "2c", "on easy bars LIF+STP stays shorter "
          "in a mode than the same network with renewing synapses", "implied",
          "95 % interval of log10 (LIF+STP / renewing switch rate) above 0", None,
          ("quick", "paper"), table=STUDY),
    # L18 Fig 2c shows one Gibbs chain in one mode over 5000 samples of the hard bars, and
    # LIF+STP switching: "stuck" is read as switching at a tenth of LIF+STP's rate or less (the
    # factor is the study's)
    Claim("l18_bars_hard_stuck", "L18", "2c", "Gibbs on hard bars stays in its mode over 5000 "
          "samples, LIF+STP switches", "stuck / switches", "95 % interval of log10 (LIF+STP / "
          "Gibbs switch rate) above {bound:g} (a tenfold rate; the factor is the study's)", 1.0,
          ("quick", "paper")),
    Claim("l18_bars_interaction_easy", "L18", "2c", "mean within / between interaction "
          "strengths, easy bars", "92.75 / -145.48", "each within {bound:.0%}", 0.25,
          why_not_quick=BARS_ONLY_PAPER),
    Claim("l18_bars_interaction_hard", "L18", "2c", "mean within / between interaction "
          "strengths, hard bars", "102.82 / -164.66", "each within {bound:.0%}", 0.25,
          why_not_quick=BARS_ONLY_PAPER),
    Claim("l18_bars_hard_more_competitive", "L18", "2c", "hard bars: stronger within, more "
          "negative between than easy", "hard more competitive", "both inequalities",
          why_not_quick=BARS_ONLY_PAPER),
)
CLAIM_INPUTS = ("l18_fig2_bars",)


def run(job: L18Fig2BarsRunJob, rbm: RBM, patterns: np.ndarray,
        calibration: xr.Dataset) -> xr.Dataset:
    """Gibbs, LIF+STP and renewing-LIF samples of one bars RBM (slice
    `l18_fig2_bars_run_slice`): the mode of every sample, the time spent in each stay, and
    `n_shown` equally spaced images."""
    n = job["n_samples"]
    v_gibbs = gibbs_samples(rbm, n, job["seeds"]["gibbs"])
    lif = lif_arm_samples(job, rbm, calibration, lif_arms(job))
    samples = {"gibbs": v_gibbs} | {arm: z for arm, (z, _) in lif.items()}
    trains = lif["lif_stp"][1]
    modes = np.stack([nearest_pattern(samples[s], patterns) for s in SAMPLERS])
    shown = np.linspace(0, n - 1, job["n_shown"]).round().astype(int)
    durations = [mode_durations(m) for m in modes]
    return xr.Dataset(
        {
            "mode": (("sampler", "sample"), modes,
                     {"long_name": "nearest training bar (Hamming distance)"}),
            "shown_image": (("sampler", "shown", "pixel"),
                            np.stack([samples[s][shown] for s in SAMPLERS]),
                            {"long_name": "visible state of equally spaced samples",
                             "units": "1"}),
            "mean_mode_duration": (("sampler",), [d.mean() for d in durations],
                                   {"long_name": "mean stay in one mode in samples (last stay "
                                                 "censored)", "units": "1"}),
            "n_switches": (("sampler",), [d.size - 1 for d in durations],
                           {"long_name": "number of mode switches"}),
            "mode_fraction": (("sampler", "pattern"),
                              np.stack([np.bincount(m, minlength=len(patterns)) / n
                                        for m in modes]),
                              {"long_name": "fraction of samples in each mode", "units": "1"}),
            "mean_rate": ((), mean_rate(job, trains),
                          {"long_name": "mean rate of the visible neurons, LIF+STP network",
                           "units": "Hz"}),
        },
        coords={"sampler": ("sampler", list(SAMPLERS), {"long_name": "sampling method"}),
                "shown": ("shown", shown, {"long_name": "index of the shown sample"}),
                "pattern": ("pattern", np.arange(len(patterns)),
                            {"long_name": "training bar"}),
                "seed": ((), job["seed_index"], {"long_name": "seed index"})},
        attrs={"title": f"L18 Fig 2c: {job['bar_set']} bars, Gibbs, LIF+STP, renewing LIF",
               "bar_set": job["bar_set"], "n_samples": n},
    )


def aggregate(job: L18Fig2BarsAggregateJob, runs: Mapping[str, list[xr.Dataset]],
              models: Mapping[str, RBM], patterns: Mapping[str, np.ndarray]) -> xr.Dataset:
    """Runs of both bar sets over seeds: dims (bar_set, seed, sampler, ...), plus the
    training images and the mean interaction strengths of each trained model."""
    bar_sets = list(runs)
    stacked = xr.concat([stack_by_coordinate(runs[bar_set], "seed", range(job["n_seeds"]))
                         for bar_set in bar_sets], dim="bar_set")
    ds = stacked.drop_attrs(deep=False).assign_coords(
        bar_set=("bar_set", bar_sets, {"long_name": "bars data set"}))
    strengths = np.array([mean_interaction_strengths(models[s], patterns[s]) for s in bar_sets])
    ds["interaction"] = (("bar_set", "interaction_kind"), strengths,
                         {"long_name": "mean <z_i>^T W <z_j>, within (i = j) and between "
                                       "(i != j) bars", "units": "1"})
    ds["training_image"] = (("bar_set", "pattern", "pixel"),
                            np.stack([patterns[bar_set] for bar_set in bar_sets]),
                            {"long_name": "training bar images", "units": "1"})
    ds = ds.assign_coords(interaction_kind=("interaction_kind", ["within", "between"],
                                            {"long_name": "pair of populations"}))
    ds.attrs = {"title": "L18 Fig 2c: bars, Gibbs vs LIF+STP, interaction strengths",
                "image_side": int(np.sqrt(patterns[bar_sets[0]].shape[1]))}
    return ds


def switch_rate_ratio(ds: xr.Dataset, bar_set: str, fast: str, slow: str) -> RateRatio:
    """log10 of the mode-switch rate of sampler `fast` over that of `slow` on one bar set,
    pooled over seeds: the ratio of their mean stays in one mode, slow / fast. Counting
    switches over the samples run (the exposure) handles the last, unfinished stay and chains
    that never switch, which a mean of completed stays cannot (`claims.rate_ratio`)."""
    exposure = _exposure(ds)
    return rate_ratio(_switches(ds, bar_set, fast), exposure,
                      _switches(ds, bar_set, slow), exposure, ds.sizes["seed"])


def _exposure(ds: xr.Dataset) -> int:
    """Sample steps at which a chain can switch, over all seeds."""
    return (ds.sizes["sample"] - 1) * ds.sizes["seed"]


def _switches(ds: xr.Dataset, bar_set: str, sampler: str) -> int:
    return int(ds["n_switches"].sel(bar_set=bar_set, sampler=sampler).sum())


def _stays(ds: xr.Dataset, bar_set: str, sampler: str) -> str:
    """'k switches in n samples (one stay per m samples)' of one sampler over all seeds."""
    k, n = _switches(ds, bar_set, sampler), _exposure(ds)
    return f"{sampler} {k} switches in {n} samples" + (f" (one per {n / k:.0f})" if k else "")


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Mixing as switch-rate ratios (easy: ~100x; hard: stuck; renewing), interaction
    strengths."""
    ds = datasets["l18_fig2_bars"]
    for claim, bar_set, slow in (("l18_bars_easy_mixing", "easy", "gibbs"),
                                 ("l18_bars_easy_mixing_vs_renewing", "easy", "lif_renewing"),
                                 ("l18_bars_hard_stuck", "hard", "gibbs")):
        c = claims[claim]
        iv = switch_rate_ratio(ds, bar_set, "lif_stp", slow)
        wanted = "within" if isinstance(c.bound, tuple) else "above"
        c.judge_interval(f"{_stays(ds, bar_set, 'lif_stp')}, {_stays(ds, bar_set, slow)}; "
                         f"log10 rate ratio {iv.text('.2f')}", iv,
                         0.0 if c.bound is None else c.bound, wanted, scale)

    values = {}
    for bar_set in BAR_SETS:
        within, between = ds["interaction"].sel(bar_set=bar_set).values
        values[bar_set] = within, between
        paper = L18_INTERACTIONS[bar_set]
        c = claims[f"l18_bars_interaction_{bar_set}"]
        c.judge(f"{within:.2f} / {between:.2f}",
                abs(within - paper[0]) <= c.bound * abs(paper[0])
                and abs(between - paper[1]) <= c.bound * abs(paper[1]), scale)
    (ew, eb), (hw, hb) = values["easy"], values["hard"]
    claims["l18_bars_hard_more_competitive"].judge(
        f"within {hw:.1f} vs {ew:.1f}, between {hb:.1f} vs {eb:.1f}", hw > ew and hb < eb, scale)


# ----------------------------------------------------------------------------- jobs
# One function per rule, called by workflow/scripts/job.py with the rule's input files by name.


def l18_fig2_bars_run(job: L18Fig2BarsRunJob, *, model: str, data: str, calibration: str
                      ) -> xr.Dataset:
    """One seed on one bar set (`run`)."""
    rbm = RBM.from_dataset(io.read_dataset(model, ["W", "b_v", "b_h"]))
    ds = run(job, rbm, io.read_dataset(data, ["image"])["image"].values,
             io.read_dataset(calibration, ["p_mean"]))
    LOG.info("mean stay (samples): %s; switches: %s",
             ds["mean_mode_duration"].values.round(1).tolist(), ds["n_switches"].values.tolist())
    return ds


def l18_fig2_bars_aggregate(job: L18Fig2BarsAggregateJob, **inputs: Any) -> xr.Dataset:
    """Both bar sets over seeds, with interaction strengths (`aggregate`); inputs
    `<bar_set>_runs`, `<bar_set>_model`, `<bar_set>_data` per bar set."""
    runs = {s: [io.read_dataset(f, ["mode"]) for f in inputs[f"{s}_runs"]] for s in BAR_SETS}
    models = {s: RBM.from_dataset(io.read_dataset(inputs[f"{s}_model"], ["W"]))
              for s in BAR_SETS}
    patterns = {s: io.read_dataset(inputs[f"{s}_data"], ["image"])["image"].values
                for s in BAR_SETS}
    return aggregate(job, runs, models, patterns)


# The type of each job's slice: the keys its job reads (plain dicts at run time).


class L18Fig2BarsRunJob(jobs.GenerativeJob):
    bar_set: str
    n_samples: int
    n_shown: int
    seed_index: int


class L18Fig2BarsAggregateJob(jobs.Job):
    n_seeds: int


# ----------------------------------------------------------------------------- job slices
# What each job of the family reads of the resolved config (lifsampling.config.slices).


def l18_fig2_bars_run_slice(
    cfg: Mapping[str, Any], bar_set: str, seed: int
) -> L18Fig2BarsRunJob:
    """L18 Fig 2c: Gibbs and LIF+STP samples of one bars RBM, for one seed."""
    e = cfg["experiments"]["l18_fig2_bars"]
    seeds = {
        "gibbs": slices.job_seed(cfg, "l18_fig2_bars", "gibbs", bar_set, seed),
        "lif": slices.job_seed(cfg, "l18_fig2_bars", "lif", bar_set, seed),
    }
    return slices.job_slice(
        cfg,
        seeds,
        bar_set=bar_set,
        **slices.calibrated_cell(cfg, e["calibration"]),
        **slices.spiking_samplers(cfg, e),
        n_samples=e["n_samples"],
        n_shown=e["n_shown"],
        burn_in_ms=e["burn_in_ms"],
        nest=slices.nest_settings(cfg),
        seed_index=seed,
    )


def l18_fig2_bars_aggregate_slice(cfg: Mapping[str, Any]) -> L18Fig2BarsAggregateJob:
    return slices.job_slice(cfg, n_seeds=cfg["experiments"]["l18_fig2_bars"]["n_seeds"])


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family, by job name (built before any job: a config
    that cannot be sliced fails at load)."""
    out: dict[str, slices.Slice] = {
        f"l18_fig2_bars_run:{d}": l18_fig2_bars_run_slice(cfg, d, 0) for d in slices.BAR_SETS
    }
    out["l18_fig2_bars_aggregate"] = l18_fig2_bars_aggregate_slice(cfg)
    return out
