"""L18 Fig 4: imbalanced training data (a-c) and pattern completion (d-f).

Two RBMs (784-400-10) trained on imbalanced MNIST subsets are sampled by a Gibbs chain, by
adaptive simulated tempering (AST, only its samples at beta = 1 count) and by the RBM's
LIF+STP network, all with the same (W, b). Per seed, each sampler gives `n_samples`
consecutive samples; the mode of a sample is its most active label unit (L18 Results). The
balance of a mode histogram over the classes of interest is its normalised entropy
(`modes.balance`: 1 = every class equally often, 0 = one class only).

* ``imbalanced``: 820 "1" and 45 each of "0", "2", "3", "8"; balance over the five trained
  classes; the LIF+STP samples of the first `tsne_ms`, `tsne_spacing_ms` apart, for Fig 4c.
* ``completion``: 800 each of 0, 1, 2, 3, 4, 6 and 200 "5"; the lower half of the visible
  layer clamped to the test image whose lower half the two `classes` (3 and 5) explain most
  evenly (`data.ambiguous_lower_half`); balance over those two classes.

AST is slower than Gibbs by the number of sweeps per valid sample, counted in the run; its
adaptive weights aim at equal time at every temperature, so this count is close to the number
of temperatures (20, L18 Methods) whenever the adaptation works. The AST samples of a seed are
its consecutive samples at beta = 1 (the sweeps at other temperatures in between dropped).
"""

# No `from __future__ import annotations`: the job types' TypedDicts read `NotRequired` only
# from evaluated annotations.

import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any, NotRequired

import numpy as np
import xarray as xr

from .. import io, spike_trains
from ..claims import CLAIM, STUDY, Claim, interval, over_seeds
from ..config import jobs, slices
from ..config.slices import L18_FIG4_MODELS
from ..grids import stack_by_coordinate
from ..modes import balance, label_modes, mode_durations, mode_histogram
from ..network import STPSet
from ..rbm import RBM
from .generative import (
    LIF_ARMS,
    ast_samples,
    completion_clamp,
    gibbs_samples,
    lif_arm_samples,
    lif_arms,
    mean_rate,
    read_best_scan_set,
    read_rbm,
    sample_grid,
    spiking_label_states,
    tsne_map,
)

# The type of each job's slice: the keys its job reads (plain dicts at run time).


class L18Fig4RunJob(jobs.GenerativeJob):
    """L18 Fig 4: Gibbs, AST and the spiking samplers of one model, one seed; the
    `completion` model clamps the lower half of an input."""

    model: str
    seed_index: int
    n_samples: int
    ast_burn_in: int
    betas: dict[str, float]
    gamma: dict[str, float]
    classes: NotRequired[list[int]]
    input_split: NotRequired[str]
    n_neighbours: NotRequired[int]
    clamp_mV: NotRequired[float]
    pixels: NotRequired[str]  # how the input is held (`generative.held_units`)


class L18Fig4AnalysisJob(jobs.Job):
    """What is read from one seed's stored Fig 4 samples (no simulation reads these keys)."""

    model: str
    balance_classes: list[int]
    mode_window: int  # samples (label states) per mode read-out
    burn_in_ms: float
    sample_interval_ms: float  # tau_ref: one sample per refractory time
    tsne_ms: NotRequired[float]
    tsne_spacing_ms: NotRequired[float]
    n_shown: NotRequired[int]
    shown_every: NotRequired[int]


class L18Fig4AggregateJob(jobs.Job):
    model: str
    n_seeds: int
    perplexity: NotRequired[float]
    n_evolution: NotRequired[int]

LOG = logging.getLogger(__name__)

DIRECT_SAMPLERS = ("gibbs", "ast")  # samplers of the RBM itself: modes from label probabilities
SAMPLERS = (*DIRECT_SAMPLERS, *LIF_ARMS, "lif_best")  # lif_best: the best set of L18 Fig 3a
MODELS = L18_FIG4_MODELS
TRAINED_MODELS = MODELS  # the claims these trained RBMs decide alone (generative_claims)

CLAIMS = (
    Claim("l18_imbalanced_balance", "L18", "4a", "imbalanced data: LIF+STP mode histogram more "
          "balanced than Gibbs and AST", "more balanced", "normalised entropy over the 5 "
          "trained classes: 95 % intervals over seeds of LIF+STP - Gibbs and LIF+STP - AST "
          "above 0", None,
          ("quick", "paper")),
    Claim("l18_completion_balance", "L18", "4e", "pattern completion: LIF+STP visits 3 and 5 "
          "more evenly than Gibbs and AST", "more balanced", "normalised entropy over 3 and 5: "
          "95 % intervals over seeds of LIF+STP - Gibbs and LIF+STP - AST above 0", None,
          ("quick", "paper")),
    Claim("l18_imbalanced_balance_vs_renewing", "L18", "4a", "imbalanced data: LIF+STP mode "
          "histogram more balanced than the same network with renewing synapses", "implied",
          "95 % interval over seeds of the normalised-entropy difference LIF+STP - renewing "
          "above 0", None, ("quick", "paper"), table=STUDY),
    Claim("l18_completion_balance_vs_renewing", "L18", "4e", "pattern completion: LIF+STP "
          "visits 3 and 5 more evenly than the same network with renewing synapses", "implied",
          "95 % interval over seeds of the normalised-entropy difference LIF+STP - renewing "
          "above 0", None, ("quick", "paper"), table=STUDY),
    Claim("l18_imbalanced_balance_best", "L18", "4a (3a set)",
          "imbalanced data: the best STP set "
          "of the Fig 3a scans gives a mode histogram more balanced than Gibbs and AST",
          "more balanced", "normalised entropy over the 5 trained classes: 95 % intervals over "
          "seeds of best set - Gibbs and best set - AST above 0", None, ("quick", "paper"),
          table=STUDY),
    Claim("l18_imbalanced_balance_best_vs_renewing", "L18", "4a (3a set)",
          "imbalanced data: the best "
          "STP set more balanced than renewing synapses", "implied", "95 % interval over seeds "
          "of the normalised-entropy difference best set - renewing above 0", None,
          ("quick", "paper"), table=STUDY),
    Claim("l18_completion_balance_best", "L18", "4e (3a set)",
          "pattern completion: the best STP set "
          "of the Fig 3a scans visits 3 and 5 more evenly than Gibbs and AST", "more balanced",
          "normalised entropy over 3 and 5: 95 % intervals over seeds of best set - Gibbs and "
          "best set - AST above 0", None, ("quick", "paper"), table=STUDY),
    Claim("l18_completion_balance_best_vs_renewing", "L18", "4e (3a set)",
          "pattern completion: the "
          "best STP set visits 3 and 5 more evenly than renewing synapses", "implied",
          "95 % interval over seeds of the normalised-entropy difference best set - renewing "
          "above 0", None, ("quick", "paper"), table=STUDY),
    Claim("l18_imbalanced_switches_faster", "L18", "4b,c", "imbalanced data: the spiking "
          "network switches faster between modes", "faster", "95 % intervals over seeds of "
          "log(mean stay LIF+STP / mean stay Gibbs) and of log(... / AST) below 0", None,
          ("quick", "paper")),
    Claim("l18_completion_switches_faster", "L18", "4e,f", "pattern completion: swift "
          "transitions between modes in the spiking network", "faster", "95 % intervals over "
          "seeds of log(mean stay LIF+STP / mean stay Gibbs) and of log(... / AST) below 0",
          None, ("quick", "paper")),
    # L18: "Gibbs and AST strongly undersample the minority class" (5: 200 of 5000 images);
    # "strongly" read as less than a quarter of the samples in 3 or 5 (the data's own share
    # of 5 among 3 and 5 is 0.2; the bound is the study's)
    Claim("l18_completion_minority_undersampled", "L18", "4e", "pattern completion: Gibbs "
          "and AST strongly undersample the minority class 5", "strongly undersampled",
          "95 % intervals over seeds of the share of 5 among the samples in 3 or 5, Gibbs "
          "and AST, below {bound:g} (the bound is the study's)", 0.25, ("quick", "paper")),
    # a consistency check, not a finding: AST's adaptive weights aim at equal time at every
    # temperature, so its sweeps per valid sample are ~ the number of temperatures (20) by
    # construction, and fail only if the adaptation breaks
    Claim("l18_ast_slower", "L18", "4", "AST ~20x slower in valid samples than Gibbs", "~20x",
          "95 % interval over runs of sweeps per valid AST sample (Gibbs: 1) within "
          "{bound[0]:g}x-{bound[1]:g}x; ~ the number of temperatures by construction",
          (10.0, 30.0), ("quick", "paper"), table=CLAIM),
)
CLAIM_INPUTS = ("l18_fig4_imbalanced", "l18_fig4_completion")
# MNIST-sized networks (K = 500): NEST runs them on nest.large_networks' virtual processes
LARGE_NETWORKS = True


def simulate(job: L18Fig4RunJob, rbm: RBM, mnist: xr.Dataset, calibration: xr.Dataset,
             best: STPSet) -> xr.Dataset:
    """Gibbs, AST and the spiking samplers (L18's set, renewing, the `best` set of the L18 Fig
    3a scans) of one Fig 4 model for one seed (slice `l18_fig4_run_slice`), stored as
    `analyse` reads them: the pixels of every sample (sampler, sample, pixel), Gibbs' and AST's
    label states, the spiking samplers' label spike trains (`spike_trains` layout,
    network dim `spiking_sampler`), AST's sweeps per valid sample and the clamped input."""
    n, n_pix = job["n_samples"], rbm.n_pixels
    clamp, input_index = (completion_clamp(job, mnist, n_pix) if job["model"] == "completion"
                          else (None, -1))
    v_gibbs = gibbs_samples(rbm, n, job["seeds"]["gibbs"], clamp)
    v_ast, ast_valid = ast_samples(rbm, n, job["betas"], 1, job["gamma"],
                                   np.random.default_rng(job["seeds"]["ast"]),
                                   job["ast_burn_in"], clamp)
    arms = lif_arms(job) | {"lif_best": asdict(best)}
    lif = lif_arm_samples(job, rbm, calibration, arms, clamp)
    pixels = np.stack([v_gibbs[:, :n_pix], v_ast[:, :n_pix]]
                      + [z[:, :n_pix] for z, _ in lif.values()])
    labels = spike_trains.trains_dataset([t[n_pix:rbm.n_visible] for _, t in lif.values()],
                                         "spiking_sampler", list(lif))
    ds = xr.Dataset(
        {
            "pixel_sample": (("sampler", "sample", "pixel"), pixels.astype(np.uint8),
                             {"long_name": "visible state of every sample (pixels)",
                              "units": "1"}),
            "label_sample": (("direct_sampler", "sample", "label_unit"),
                             np.stack([v_gibbs[:, n_pix:], v_ast[:, n_pix:]]).astype(np.uint8),
                             {"long_name": "state of the label units, Gibbs and AST",
                              "units": "1"}),
            "ast_sweeps_per_sample": ((), 1 / ast_valid,
                                      {"long_name": "AST sweeps per sample at beta = 1 "
                                                    "(Gibbs: 1)", "units": "1"}),
            "mean_rate": ((), mean_rate(job, lif["lif_stp"][1]),
                          {"long_name": "mean rate of the visible neurons, LIF+STP network",
                           "units": "Hz"}),
        },
        coords={"sampler": ("sampler", list(SAMPLERS), {"long_name": "sampling method"}),
                "direct_sampler": ("direct_sampler", list(DIRECT_SAMPLERS),
                                   {"long_name": "sampler of the RBM itself"}),
                "seed": ((), job["seed_index"], {"long_name": "seed index"})},
        attrs={"title": f"L18 Fig 4: {job['model']} model samples, one seed",
               "model": job["model"], "n_samples": n,
               **{f"best_{k}": v for k, v in asdict(best).items()}},
    )
    if clamp is not None:
        image = np.full(n_pix, -1, np.int8)  # -1: free (upper half), 0/1: clamped
        image[clamp.units] = clamp.values
        ds["clamped_input"] = (("pixel",), image,
                               {"long_name": "clamped visible state, -1 where free",
                                "units": "1"})
        ds.attrs |= {"input_index": input_index, "input_split": job["input_split"]}
    return ds.merge(labels.rename(unit="label_unit"))


SAMPLE_ENCODING = {"pixel_sample": {"zlib": True, "complevel": 4},
                   "label_sample": {"zlib": True, "complevel": 4}} | spike_trains.ENCODING


def sample_modes(samples: xr.Dataset, times: np.ndarray, tau_on: float, window: int
                 ) -> np.ndarray:
    """The mode of every sample of every sampler (sampler, sample), read alike from the
    label states (`modes.label_modes`, last `window` samples): Gibbs' and AST's label layer,
    the networks' label neurons at the sample `times` (on for `tau_on` after a spike)."""
    labels = samples.rename(label_unit="unit")
    direct = [samples["label_sample"].sel(direct_sampler=s).values
              for s in samples["direct_sampler"].values]
    spiking = [spiking_label_states(labels, "spiking_sampler", s, times, tau_on)
               for s in samples["spiking_sampler"].values]
    return np.stack([label_modes(z, window) for z in direct + spiking]).astype(np.int8)


def analyse(job: L18Fig4AnalysisJob, samples: xr.Dataset) -> xr.Dataset:
    """One seed's stored samples read (slice `l18_fig4_analysis_slice`): the mode of every
    sample, the mode histograms and their balance over the classes of interest (L18 Fig 4a,
    e), the tSNE samples (Fig 4c) or the shown images (Fig 4f)."""
    n = samples.sizes["sample"]
    times = sample_grid(job["burn_in_ms"], job["sample_interval_ms"], n)
    modes = sample_modes(samples, times, job["sample_interval_ms"], job["mode_window"])
    n_labels = samples.sizes["label_unit"]
    histograms = np.stack([mode_histogram(m, n_labels) for m in modes])
    ds = xr.Dataset(
        {
            "mode": (("sampler", "sample"), modes,
                     {"long_name": "label with the highest activity (L18 Fig 4b)"}),
            "mode_fraction": (("sampler", "digit"), histograms,
                              {"long_name": "relative time spent in each mode (L18 Fig 4a, e)",
                               "units": "1"}),
            "balance": (("sampler",), [balance(h, list(job["balance_classes"]))
                                       for h in histograms],
                        {"long_name": "normalised entropy of the mode histogram over the "
                                      "classes of interest", "units": "1"}),
            "ast_sweeps_per_sample": samples["ast_sweeps_per_sample"],
            "mean_rate": samples["mean_rate"],
        },
        coords={"sampler": samples["sampler"],
                "digit": ("digit", np.arange(n_labels), {"long_name": "mode (digit)"}),
                "seed": samples["seed"]},
        attrs={**{k: v for k, v in samples.attrs.items()
                  if k in ("model", "n_samples", "input_index", "input_split")
                  or k.startswith("best_")},
               "title": f"L18 Fig 4: {samples.attrs['model']} model, Gibbs, AST and LIF+STP, "
                        "one seed",
               "balance_classes": list(job["balance_classes"])},
    )
    pixels = samples["pixel_sample"].values
    if "tsne_ms" in job:
        stp = SAMPLERS.index("lif_stp")
        ds = ds.merge(_tsne_samples(job, pixels[stp], modes[stp]))
        ds.attrs["tsne_spacing_ms"] = job["tsne_spacing_ms"]
    if "clamped_input" in samples:
        ds = ds.merge(_shown_images(job, pixels)).assign(clamped_input=samples["clamped_input"])
    return ds


def _tsne_samples(job: L18Fig4AnalysisJob, pixels: np.ndarray, modes: np.ndarray
                  ) -> xr.Dataset:
    """The LIF+STP samples of the first `tsne_ms`, `tsne_spacing_ms` apart (L18 Fig 4c)."""
    tau = job["sample_interval_ms"]  # one sample per tau_ref
    index = np.arange(0, int(job["tsne_ms"] / tau), int(round(job["tsne_spacing_ms"] / tau)))
    index = index[index < len(pixels)]
    return xr.Dataset(
        {"tsne_image": (("tsne_sample", "pixel"), pixels[index],
                        {"long_name": "LIF+STP samples tsne_spacing_ms apart", "units": "1"}),
         "tsne_mode": (("tsne_sample",), modes[index],
                       {"long_name": "label with the highest activity"})},
        coords={"tsne_sample": ("tsne_sample", index, {"long_name": "index of the sample"})})


def _shown_images(job: L18Fig4AnalysisJob, pixels: np.ndarray) -> xr.Dataset:
    """Every `shown_every`-th sample of every sampler (L18 Fig 4f)."""
    shown = np.arange(job["n_shown"]) * job["shown_every"]
    shown = shown[shown < pixels.shape[1]]
    return xr.Dataset(
        {"shown_image": (("sampler", "shown", "pixel"), pixels[:, shown],
                         {"long_name": "every shown_every-th sample", "units": "1"})},
        coords={"shown": ("shown", shown, {"long_name": "index of the shown sample"})})


def aggregate(job: L18Fig4AggregateJob, runs: Sequence[xr.Dataset]) -> xr.Dataset:
    """The seeds of one model in one Dataset (slice `l18_fig4_aggregate_slice`): dims (seed,
    sampler, ...); the images kept for the figure (shown images, tSNE samples, the clamped
    input) from seed 0 only, and the tSNE embedding of seed 0's LIF+STP samples (Fig 4c)."""
    kept = ("shown_image", "tsne_image", "tsne_mode", "clamped_input")
    ds = stack_by_coordinate([r.drop_vars([k for k in kept if k in r]) for r in runs], "seed",
                             range(job["n_seeds"]), combine_attrs="drop_conflicts")
    first = next(r for r in runs if int(r["seed"]) == 0)
    for name in kept:
        if name in first:
            ds[name] = first[name].drop_vars("seed")
    ds.attrs["title"] = f"L18 Fig 4: {first.attrs['model']} model over seeds"
    if "n_evolution" in job:
        ds.attrs["n_evolution"] = job["n_evolution"]
    if "tsne_image" not in first:
        return ds
    embedding, perplexity = tsne_map(first["tsne_image"].values, job["perplexity"],
                                     job["seeds"]["tsne"])
    ds["tsne_embedding"] = (("tsne_sample", "component"), embedding,
                            {"long_name": "tSNE coordinates of the LIF+STP samples, seed 0",
                             "units": "1"})
    ds = ds.assign_coords(component=("component", [0, 1], {"long_name": "tSNE component"}))
    return ds.assign_attrs(tsne_perplexity=perplexity)


def _arm_name(ds: xr.Dataset, arm: str) -> str:
    if arm == "lif_stp":
        return "LIF+STP"
    return "best set (" + ", ".join(f"{k} {ds.attrs[f'best_{k}']:g}"
                                    for k in ("U0", "tau_rec_ms", "tau_fac_ms")) + ")"


def _balance_claim(claim: Claim, ds: xr.Dataset, scale: str, arm: str = "lif_stp") -> None:
    """Per seed (all samplers on the same RBM), the balance of spiking sampler `arm` minus
    Gibbs' and AST's."""
    b = {s: ds["balance"].sel(sampler=s).values for s in ("gibbs", "ast", arm)}
    wins = (b[arm] > b["gibbs"]) & (b[arm] > b["ast"])
    margins = {other: interval(b[arm] - b[other]) for other in ("gibbs", "ast")}
    name = _arm_name(ds, arm)
    claim.judge_intervals(
        f"{name} {over_seeds(b[arm], '.2f')}, Gibbs {over_seeds(b['gibbs'], '.2f')}, "
        f"AST {over_seeds(b['ast'], '.2f')}; highest in {int(wins.sum())} of "
        f"{wins.size} seeds; - Gibbs {margins['gibbs'].text('.2f')}, - AST "
        f"{margins['ast'].text('.2f')}", margins, 0.0, "above", scale)


def _balance_vs_renewing(claim: Claim, ds: xr.Dataset, scale: str,
                         arm: str = "lif_stp") -> None:
    """Per seed, the balance of spiking sampler `arm` minus that of the same network with
    renewing synapses."""
    stp, renewing = (ds["balance"].sel(sampler=s).values for s in (arm, "lif_renewing"))
    iv = interval(stp - renewing)
    claim.judge_interval(f"{_arm_name(ds, arm)} {over_seeds(stp, '.2f')}, renewing "
                         f"{over_seeds(renewing, '.2f')}; difference {iv.text('.2f')}", iv, 0.0,
                         "above", scale)


def _minority_claim(claim: Claim, ds: xr.Dataset, scale: str, minority: int = 5,
                    majority: int = 3) -> None:
    """Per seed, the share of the minority class among the samples in either class, for
    Gibbs and AST."""
    shares = {}
    for sampler in ("gibbs", "ast"):
        f = ds["mode_fraction"].sel(sampler=sampler)
        pair = f.sel(digit=minority) + f.sel(digit=majority)
        shares[sampler] = interval((f.sel(digit=minority) / pair.where(pair > 0)).values)
    claim.judge_intervals("share of 5 among 3 or 5: " + ", ".join(
        f"{s} {iv.text('.2f')}" for s, iv in shares.items()), shares, claim.bound, "below",
        scale)


def _switch_claim(claim: Claim, ds: xr.Dataset, scale: str) -> None:
    """Per seed, the mean stay in one mode of LIF+STP against Gibbs' and AST's (log ratio)."""
    stay = {s: np.array([mode_durations(m).mean() for m in
                         ds["mode"].sel(sampler=s).transpose("seed", "sample").values])
            for s in ("gibbs", "ast", "lif_stp")}
    ratios = {other: interval(np.log(stay["lif_stp"] / stay[other])) for other in ("gibbs", "ast")}
    claim.judge_intervals(
        f"mean stay LIF+STP {over_seeds(stay['lif_stp'])}, Gibbs {over_seeds(stay['gibbs'])}, "
        f"AST {over_seeds(stay['ast'])} samples; log ratio to Gibbs "
        f"{ratios['gibbs'].text('.2f')}, to AST {ratios['ast'].text('.2f')}", ratios, 0.0,
        "below", scale)


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Balance of the mode histograms (mean over seeds) and AST's sweeps per valid sample."""
    _balance_claim(claims["l18_imbalanced_balance"], datasets["l18_fig4_imbalanced"], scale)
    _balance_claim(claims["l18_completion_balance"], datasets["l18_fig4_completion"], scale)
    for model in MODELS:
        ds = datasets[f"l18_fig4_{model}"]
        _balance_vs_renewing(claims[f"l18_{model}_balance_vs_renewing"], ds, scale)
        _balance_claim(claims[f"l18_{model}_balance_best"], ds, scale, "lif_best")
        _balance_vs_renewing(claims[f"l18_{model}_balance_best_vs_renewing"], ds, scale,
                             "lif_best")
        _switch_claim(claims[f"l18_{model}_switches_faster"], ds, scale)
    _minority_claim(claims["l18_completion_minority_undersampled"],
                    datasets["l18_fig4_completion"], scale)
    sweeps = np.concatenate([datasets[f"l18_fig4_{m}"]["ast_sweeps_per_sample"].values
                             for m in MODELS])
    c = claims["l18_ast_slower"]
    iv = interval(sweeps)
    c.judge_interval(f"{iv.text('.1f')} AST sweeps per valid sample (both models, all seeds); "
                     "Gibbs: 1", iv, c.bound, "within", scale)


# ----------------------------------------------------------------------------- jobs
# One function per rule, called by workflow/scripts/job.py with the rule's input files by name.


OUTPUT_ENCODING = {"l18_fig4_run": SAMPLE_ENCODING}


def l18_fig4_run(job: L18Fig4RunJob, *, model: str, data: str, calibration: str,
                 scans: Sequence[str]) -> xr.Dataset:
    """Gibbs, AST and the spiking samplers of one model and seed (`simulate`)."""
    ds = simulate(job, read_rbm(model), io.read_dataset(data, ["image", "split"]),
                  io.read_dataset(calibration, ["p_mean"]), read_best_scan_set(scans))
    LOG.info("%s: %d samples per sampler; on-pixels per sample %s; AST %.1f sweeps per valid "
             "sample; mean rate %.1f Hz", job["model"], job["n_samples"],
             ds["pixel_sample"].sum("pixel").mean("sample").values.round(1).tolist(),
             float(ds["ast_sweeps_per_sample"]), float(ds["mean_rate"]))
    return ds


def l18_fig4_analysis(job: L18Fig4AnalysisJob, *, samples: str) -> xr.Dataset:
    """Modes and balance of one run's samples (`analyse`)."""
    ds = analyse(job, io.read_dataset(samples, ["pixel_sample", "label_sample", "spike_time"]))
    LOG.info("%s: balance %s", job["model"],
             dict(zip(SAMPLERS, ds["balance"].values.round(3).tolist(), strict=True)))
    return ds


def l18_fig4_aggregate(job: L18Fig4AggregateJob, *, runs: Sequence[str]) -> xr.Dataset:
    """One model's seeds in one Dataset (`aggregate`)."""
    return aggregate(job, [io.read_dataset(f) for f in runs])


# ----------------------------------------------------------------------------- job slices
# What each job of the family reads of the resolved config (lifsampling.config.slices).
def l18_fig4_run_slice(cfg: Mapping[str, Any], model: str, seed: int) -> L18Fig4RunJob:
    """L18 Fig 4: Gibbs, AST and LIF+STP samples of one imbalanced model, for one seed."""
    e, fig3 = cfg["experiments"]["l18_fig4"], cfg["experiments"]["l18_fig3"]
    seeds = {
        kind: slices.job_seed(cfg, "l18_fig4", model, kind, seed)
        for kind in ("gibbs", "ast", "lif")
    }
    part = {k: v for k, v in e[model].items() if k not in L18_FIG4_READ_OUT}
    if model == "completion":  # the lower half of the input clamped
        part.update({k: fig3["classification"][k] for k in ("clamp_mV", "pixels")})
    return slices.job_slice(
        cfg,
        seeds,
        model=model,
        **slices.calibrated_cell(cfg, e["calibration"]),
        **slices.spiking_samplers(cfg, e),
        **part,
        burn_in_ms=e["burn_in_ms"],
        ast_burn_in=e["ast_burn_in"],
        betas=dict(cfg["training"]["betas"]),
        gamma=dict(cfg["training"]["gamma"]),
        nest=slices.nest_settings(cfg, LARGE_NETWORKS),
        seed_index=seed,
    )


# keys of experiments.l18_fig4.<model> that only the read-out of stored samples (or the
# figure) uses: an edit re-runs no simulation
L18_FIG4_READ_OUT = ("n_evolution", "tsne_ms", "tsne_spacing_ms", "n_shown", "shown_every")


def l18_fig4_analysis_slice(cfg: Mapping[str, Any], model: str) -> L18Fig4AnalysisJob:
    """L18 Fig 4a-f read from one seed's stored samples: modes, histograms and their balance,
    the tSNE samples (imbalanced) or the shown images (completion)."""
    e, fig3 = cfg["experiments"]["l18_fig4"], cfg["experiments"]["l18_fig3"]
    part = {k: v for k, v in e[model].items() if k in L18_FIG4_READ_OUT and k != "n_evolution"}
    if model == "imbalanced":  # balance over the trained classes
        classes = sorted(int(d) for d in cfg["data"]["imbalanced"]["counts"])
    else:  # over the two classes the clamped input is ambiguous between
        classes = sorted(e[model]["classes"])
    simulated = slices.calibrated_cell(cfg, e["calibration"])[
        "neuron"
    ]  # one sample per its tau_ref
    return slices.job_slice(
        cfg,
        model=model,
        balance_classes=classes,
        **part,
        mode_window=fig3["mode_window"],
        burn_in_ms=e["burn_in_ms"],
        sample_interval_ms=simulated["tau_refrac"],
    )


def l18_fig4_aggregate_slice(cfg: Mapping[str, Any], model: str) -> L18Fig4AggregateJob:
    e = cfg["experiments"]["l18_fig4"]
    if model != "imbalanced":
        return slices.job_slice(cfg, model=model, n_seeds=e["n_seeds"])
    return slices.job_slice(
        cfg,
        {"tsne": slices.job_seed(cfg, "l18_fig4", model, "tsne")},
        model=model,
        n_seeds=e["n_seeds"],
        perplexity=e["tsne_perplexity"],
        n_evolution=e[model]["n_evolution"],
    )  # Fig 4b, 4c: the imbalanced model


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family, by job name (built before any job: a config
    that cannot be sliced fails at load)."""
    out: dict[str, slices.Slice] = {}
    for model in L18_FIG4_MODELS:
        out[f"l18_fig4_run:{model}"] = l18_fig4_run_slice(cfg, model, 0)
        out[f"l18_fig4_analysis:{model}"] = l18_fig4_analysis_slice(cfg, model)
        out[f"l18_fig4_aggregate:{model}"] = l18_fig4_aggregate_slice(cfg, model)
    return out
