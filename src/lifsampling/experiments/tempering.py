"""What STP buys beyond a global weight scale: temperature-matched controls (a question of
this study, not a figure of L18; docs/tempering.md).

L18 argues that short-term plasticity is not tempering: it weakens the efferent synapses of
the units active at that moment, while tempering rescales every weight at once. A network
whose synapses transmit, on average, g times the translated weights samples a distribution
near the RBM's with W × g and its biases unchanged: sharper for g > 1, mixing faster and
fainter for g < 1, whatever happens locally. So an STP set S helps *as STP* only if it beats
the same RBM at its own measured gain g_S (the model's `sampling_fidelity` run of the set:
the slope of the conditionals' logits on the weight input with the bias fixed, mean of the
two directions, because STP scales weights and never biases and a free network runs both
conditionals):

* **tempered Gibbs**: Gibbs on the RBM with W × g_S, b as it is (`RBM.weights_scaled`), and on
  the classically tempered RBM with (W, b) × g_S (`RBM.tempered`); AST with W × g_S where L18
  compares with AST (the Fig 4 models);
* **scaled renewing**: the same LIF network with renewing synapses and weights W × g_S / g_ren,
  so that its gain is g_S if it scales with W (g_ren: renewing synapses' own measured
  gain): a global, static scaling in the same substrate, in the same NEST kernel as S;
* **gain-corrected STP**: the `gain_corrected` set (L18's) with W / g_S: its mechanism without
  the global over-weighting.

Beside the controls, sweeps of a global weight scale (Gibbs with W × g and (W, b) × g over
`gibbs_scales`, renewing networks with W × c over `network_scales`, drawn at the nominal gain
c × g_ren) give the curve each STP set is placed on. Every sampler of one model and seed reads
its samples alike: ISL of the test images after all samples (MNIST, L18 eq. 11), the mean stay
in one mode (`modes.label_modes`, the window of L18 Fig 3d), on-pixels per sample, and the
balance of the mode histogram over the classes of interest (Fig 4 models, `modes.balance`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NotRequired

import numpy as np
import xarray as xr
from tqdm import tqdm

from .. import io, isl
from ..claims import STUDY, Claim, Interval, interval
from ..config import jobs, slices
from ..data import images_and_labels
from ..modes import balance, label_modes, mode_durations, mode_histogram
from ..rbm import RBM
from .generative import (
    ast_samples,
    completion_clamp,
    gibbs_samples,
    network_samples,
)

EXPERIMENT = "tempering"
# MNIST-sized networks (K = 500): NEST runs them on nest.large_networks' virtual processes
LARGE_NETWORKS = True
# its claims are decided by trained RBMs alone (generative_claims: the table of a run with
# L18's paper-trained RBMs); which: config experiments.tempering.models
TRAINED_MODELS: tuple[str, ...] = ()
FIDELITY = "sampling_fidelity"  # the dataset the gains come from
AST_MODELS = ("imbalanced", "completion")  # L18 Fig 4 compares with AST; Fig 3 does not
SWEEPS = ("gibbs_w", "gibbs_beta", "lif_renewing")  # samplers of the global-scale sweeps
# the arms of every STP set: itself and its controls at its gain
ARMS = ("stp", "tempered_gibbs_w", "tempered_gibbs_beta", "tempered_ast_w", "scaled_renewing",
        "gain_corrected")
TEMPERED = ("tempered_gibbs_w", "tempered_gibbs_beta", "tempered_ast_w")
STATISTICS = {  # name: (long name, units, better when higher; None: no direction)
    "isl": ("mean ISL of the test images after all samples (L18 eq. 11)", "nat", True),
    "stay": ("mean stay in one mode (L18 Fig 3d)", "1", False),
    "on_pixels": ("mean number of on-pixels per sample", "1", None),  # near the data's
    "balance": ("normalised entropy of the mode histogram over the classes of interest "
                "(L18 Fig 4a, e)", "1", True),
}


class TemperingRunJob(jobs.NetworkJob):
    """One model, one seed: every sampler of the sweeps and the controls."""

    model: str
    seed_index: int
    n_samples: int
    burn_in_ms: float
    stp_sets: list[str]
    renewing_stp: str
    gain_corrected: str
    gibbs_scales: list[float]
    network_scales: list[float]
    betas: dict[str, float]
    gamma: dict[str, float]
    ast_burn_in: int
    classes: NotRequired[list[int]]
    input_split: NotRequired[str]
    n_neighbours: NotRequired[int]
    clamp_mV: NotRequired[float]
    pixels: NotRequired[str]  # how the input is held (`generative.held_units`)


class TemperingAggregateJob(jobs.Job):
    """The read-out of every run and the grid."""

    models: list[str]
    n_seeds: int
    stp_sets: list[str]
    mode_window: int
    isl_beta: float
    n_test_isl: int
    balance_classes: dict[str, list[int]]
    gain_corrected: str


# ----------------------------------------------------------------------------- samplers


@dataclass(frozen=True)
class Sampler:
    """One sampler of a run: `kind` (gibbs, gibbs_tempered, ast, network), the weight factor
    applied to W (and to b for gibbs_tempered), the STP set of a network, the measured gain
    it is drawn at, and where it goes in the grid (sweep or arm of an STP set)."""

    name: str
    kind: str
    scale: float
    gain: float
    stp: str = ""
    sweep: str = ""
    arm: str = ""
    stp_set: str = ""


def measured_gain(probe: xr.Dataset) -> float:
    """g_S of one fidelity run (one model and set): its weight gain (bias fixed) averaged over
    the clamped states with a fit, then over the two directions; an undetermined gain is an
    error naming the cell."""
    per_direction = probe["weight_gain_per_state"].mean("clamped_state", skipna=True)
    gain = float(per_direction.mean())
    if not np.isfinite(gain) or gain <= 0:
        raise ValueError(f"{FIDELITY} run of model {probe['model'].values.tolist()}, set "
                         f"{probe['stp_set'].values.tolist()}: weight gains per direction "
                         f"{per_direction.values.ravel().tolist()}, no gain to match")
    return gain


def samplers(job: TemperingRunJob, gains: Mapping[str, float]) -> list[Sampler]:
    """Every sampler of one run (module doc): the sweeps, then each STP set's arms."""
    g_ren = gains[job["renewing_stp"]]
    out = [Sampler(f"gibbs_w_{g:g}", "gibbs", g, g, sweep="gibbs_w") for g in job["gibbs_scales"]]
    out += [Sampler(f"gibbs_beta_{g:g}", "gibbs_tempered", g, g, sweep="gibbs_beta")
            for g in job["gibbs_scales"]]
    out += [Sampler(f"lif_renewing_{c:g}", "network", c, c * g_ren, job["renewing_stp"],
                    sweep="lif_renewing") for c in job["network_scales"]]
    for s in job["stp_sets"]:
        g = gains[s]
        arm = {"stp_set": s}
        out += [Sampler(f"{s}:stp", "network", 1.0, g, s, arm="stp", **arm),
                Sampler(f"{s}:tempered_gibbs_w", "gibbs", g, g, arm="tempered_gibbs_w", **arm),
                Sampler(f"{s}:tempered_gibbs_beta", "gibbs_tempered", g, g,
                        arm="tempered_gibbs_beta", **arm),
                Sampler(f"{s}:scaled_renewing", "network", g / g_ren, g, job["renewing_stp"],
                        arm="scaled_renewing", **arm)]
        if job["model"] in AST_MODELS:
            out.append(Sampler(f"{s}:tempered_ast_w", "ast", g, g, arm="tempered_ast_w", **arm))
        if s == job["gain_corrected"]:
            out.append(Sampler(f"{s}:gain_corrected", "network", 1 / g, 1.0, s,
                               arm="gain_corrected", **arm))
    return out


def _direct_samples(job: TemperingRunJob, rbm: RBM, sampler: Sampler, clamp: Any) -> np.ndarray:
    """Visible states of a sampler of the RBM itself; every Gibbs chain (and every AST run)
    of a run starts from the same seed, so the sweep compares scales, not random streams."""
    if sampler.kind == "ast":
        v, _ = ast_samples(rbm.weights_scaled(sampler.scale), job["n_samples"], job["betas"], 1,
                           job["gamma"], np.random.default_rng(job["seeds"]["ast"]),
                           job["ast_burn_in"], clamp)
        return v
    scaled = (rbm.tempered(sampler.scale) if sampler.kind == "gibbs_tempered"
              else rbm.weights_scaled(sampler.scale))
    return gibbs_samples(scaled, job["n_samples"], job["seeds"]["gibbs"], clamp)


def simulate(job: TemperingRunJob, rbm: RBM, calibration: xr.Dataset, mnist: xr.Dataset,
             gains: Mapping[str, float], stp: Mapping[str, Mapping[str, float]]) -> xr.Dataset:
    """Every sampler of one model and seed (`samplers`), the networks side by side in one
    NEST kernel: their visible states (sampler, sample, visible unit), labels included.
    `stp`: the parameters of every set by name."""
    table = samplers(job, gains)
    clamp = None
    if job["model"] == "completion":
        clamp, _ = completion_clamp(job, mnist, rbm.n_pixels)
    networks = {s.name: (rbm.weights_scaled(s.scale), stp[s.stp])
                for s in table if s.kind == "network"}
    spiking = network_samples(job, calibration, networks, clamp)
    visible = [spiking[s.name][0] if s.kind == "network" else _direct_samples(job, rbm, s, clamp)
               for s in tqdm(table, desc="samplers of the RBM", mininterval=10)]
    return samples_dataset(job, table, np.asarray(visible, np.uint8), gains, rbm.n_pixels)


def samples_dataset(job: TemperingRunJob, table: Sequence[Sampler], visible: np.ndarray,
                    gains: Mapping[str, float], n_pixels: int) -> xr.Dataset:
    """One run's stored samples: the visible states (sampler, sample, visible unit) with each
    sampler's description (`Sampler`) as coordinates, and the gains it was run at."""
    def column(field: str, long_name: str, units: str | None = None) -> tuple:
        attrs = {"long_name": long_name} | ({"units": units} if units else {})
        return ("sampler", [getattr(s, field) for s in table], attrs)

    return xr.Dataset(
        {"visible_sample": (("sampler", "sample", "visible"), visible,
                            {"long_name": "state of the visible units (pixels, then labels)",
                             "units": "1"}),
         "measured_gain": (("gain_set",), list(gains.values()),
                           {"long_name": "weight gain of the set's network (sampling_fidelity)",
                            "units": "1"})},
        coords={"sampler": ("sampler", [s.name for s in table], {"long_name": "sampler"}),
                "kind": column("kind", "sampler of the RBM (gibbs, gibbs_tempered, ast) or "
                                       "LIF network"),
                "weight_scale": column("scale", "factor on W (on W and b: gibbs_tempered)",
                                       "1"),
                "effective_gain": column("gain", "weight gain the sampler is drawn at: "
                                                 "measured (the sets), nominal (the scaled "
                                                 "networks: factor x measured gain)", "1"),
                "sweep": column("sweep", "global-scale sweep of the sampler ('' if none)"),
                "arm": column("arm", "arm of an STP set ('' if none)"),
                "stp_set": column("stp_set", "STP set the arm belongs to ('' if none)"),
                "gain_set": ("gain_set", list(gains), {"long_name": "synapse set"}),
                "seed": ((), job["seed_index"], {"long_name": "seed index"})},
        attrs={"title": f"Tempering controls: {job['model']} model, one seed",
               "model": job["model"], "n_pixels": n_pixels,
               "renewing_stp": job["renewing_stp"]},
    )


SAMPLE_ENCODING = {"visible_sample": {"zlib": True, "complevel": 4}}


# ----------------------------------------------------------------------------- read-out


def sampler_statistics(visible: np.ndarray, n_pixels: int, window: int,
                       test: np.ndarray | None, isl_beta: float,
                       classes: Sequence[int] | None) -> dict[str, float]:
    """The statistics of one sampler's visible states (sample, visible unit): ISL (with test
    images), mean stay, on-pixels, balance (with classes of interest); NaN where not asked."""
    pixels, labels = visible[:, :n_pixels], visible[:, n_pixels:]
    modes = label_modes(labels, window)
    n_labels = labels.shape[1]
    return {
        "isl": (float(isl.log_likelihood(test, pixels, isl_beta).mean())
                if test is not None else float("nan")),
        "stay": float(mode_durations(modes).mean()),
        "on_pixels": float(pixels.sum(axis=1).mean()),
        "balance": (balance(mode_histogram(modes, n_labels), list(classes))
                    if classes is not None else float("nan")),
    }


def _cells(run: xr.Dataset, scales: np.ndarray, stp_sets: Sequence[str]
           ) -> list[tuple[bool, int, int]]:
    """Where each sampler of a run goes, by position (two close scales may print alike):
    (True, sweep, scale index) on the sweep grid, (False, set, arm) on the arm grid."""
    cells = []
    for sweep, scale, stp_set, arm in zip(run["sweep"].values, run["weight_scale"].values,
                                          run["stp_set"].values, run["arm"].values, strict=True):
        if sweep:
            cells.append((True, SWEEPS.index(sweep),
                          int(np.flatnonzero(np.isclose(scales, scale))[0])))
        else:
            cells.append((False, list(stp_sets).index(stp_set), ARMS.index(arm)))
    return cells


def _grid(run: xr.Dataset, values: Mapping[str, np.ndarray], scales: np.ndarray,
          stp_sets: Sequence[str]) -> dict[str, tuple]:
    """One run's statistics on the grid: sweeps (sweep, weight_scale) and arms (stp_set, arm);
    NaN where a sampler was not run (renewing at a Gibbs-only scale, AST on MNIST)."""
    cells = _cells(run, scales, stp_sets)
    out = {}
    for stat, per_sampler in values.items():
        sweep = np.full((len(SWEEPS), len(scales)), np.nan)
        arms = np.full((len(stp_sets), len(ARMS)), np.nan)
        for (on_sweep, i, j), value in zip(cells, per_sampler, strict=True):
            (sweep if on_sweep else arms)[i, j] = value
        out[stat] = (sweep, arms)
    return out


def aggregate(job: TemperingAggregateJob, runs: Sequence[xr.Dataset],
              mnist: xr.Dataset | None) -> xr.Dataset:
    """Every run read alike (`sampler_statistics`) and gridded: sweep statistics
    (model, seed, sweep, weight_scale), arm statistics (model, seed, stp_set, arm), the
    measured gains (model, stp_set) and the renewing gain (model)."""
    test = (images_and_labels(mnist, "test", job["n_test_isl"])[0]
            if mnist is not None and "mnist" in job["models"] else None)
    scales = np.unique(np.concatenate([r["weight_scale"].values[r["sweep"].values != ""]
                                       for r in runs]))
    models, seeds, sets = job["models"], range(job["n_seeds"]), job["stp_sets"]
    shape_sweep = (len(models), len(seeds), len(SWEEPS), len(scales))
    shape_arms = (len(models), len(seeds), len(sets), len(ARMS))
    grids = {stat: (np.full(shape_sweep, np.nan), np.full(shape_arms, np.nan))
             for stat in STATISTICS}
    gains = np.full((len(models), len(sets)), np.nan)
    renewing_gain = np.full(len(models), np.nan)
    for run in tqdm(runs, desc="runs read", mininterval=10):
        m, seed = models.index(run.attrs["model"]), int(run["seed"])
        visible = run["visible_sample"].values
        classes = job["balance_classes"].get(run.attrs["model"])
        stats = [sampler_statistics(v, run.attrs["n_pixels"], job["mode_window"],
                                    test if run.attrs["model"] == "mnist" else None,
                                    job["isl_beta"], classes) for v in visible]
        values = {stat: np.array([s[stat] for s in stats]) for stat in STATISTICS}
        for stat, (sweep, arms) in _grid(run, values, scales, sets).items():
            grids[stat][0][m, seed], grids[stat][1][m, seed] = sweep, arms
        measured = run["measured_gain"]
        gains[m] = [float(measured.sel(gain_set=s)) for s in sets]
        renewing_gain[m] = float(measured.sel(gain_set=run.attrs["renewing_stp"]))
    data = {}
    for stat, (long_name, units, _) in STATISTICS.items():
        data[f"sweep_{stat}"] = (("model", "seed", "sweep", "weight_scale"), grids[stat][0],
                                 {"long_name": f"{long_name}, global-scale sweep",
                                  "units": units})
        data[f"arm_{stat}"] = (("model", "seed", "stp_set", "arm"), grids[stat][1],
                               {"long_name": f"{long_name}, STP set and its controls",
                                "units": units})
    data["measured_gain"] = (("model", "stp_set"), gains,
                             {"long_name": "weight gain g_S of the set's network, mean of "
                                           "both directions (sampling_fidelity)", "units": "1"})
    data["renewing_gain"] = (("model",), renewing_gain,
                             {"long_name": "weight gain of the renewing network", "units": "1"})
    return xr.Dataset(data, coords={
        "model": ("model", list(models), {"long_name": "trained RBM"}),
        "seed": ("seed", list(seeds), {"long_name": "seed index"}),
        "sweep": ("sweep", list(SWEEPS), {"long_name": "sampler of the global-scale sweep"}),
        "weight_scale": ("weight_scale", scales,
                         {"long_name": "global factor on W (gibbs_beta: on W and b)",
                          "units": "1"}),
        "stp_set": ("stp_set", list(sets), {"long_name": "STP set"}),
        "arm": ("arm", list(ARMS), {"long_name": "the STP set or one of its controls at its "
                                                 "gain"}),
    }, attrs={"title": "What STP buys beyond a global weight scale: sweeps and controls",
              "mode_window": job["mode_window"], "isl_beta": job["isl_beta"],
              "gain_corrected": job["gain_corrected"]})


# ----------------------------------------------------------------------------- job entries


def tempering_run(job: TemperingRunJob, *, model: str, calibration: str,
                  fidelity: Sequence[str], data: str) -> xr.Dataset:
    """Rule tempering_run (input files by name): the RBM, calibration and MNIST read, the
    gains and parameters of every set from its fidelity run of this model (`fidelity`, one
    file per set: an edit elsewhere in the probe re-runs nothing here); every sampler run."""
    rbm = RBM.from_dataset(io.read_dataset(model, ["W", "b_v", "b_h"]))
    probes = [io.read_dataset(path, ["weight_gain_per_state", "stp_parameters"])
              for path in fidelity]
    names = [str(p["stp_set"].item()) for p in probes]
    gains = {name: measured_gain(p) for name, p in zip(names, probes, strict=True)}
    missing = sorted({*job["stp_sets"], job["renewing_stp"]} - set(gains))
    if missing:
        raise ValueError(f"tempering_run: no fidelity run of the sets {missing} among {fidelity}")
    stp = {name: dict(zip(p["stp_parameter"].values.tolist(),
                          map(float, p["stp_parameters"].values[0]), strict=True))
           for name, p in zip(names, probes, strict=True)}
    return simulate(job, rbm, io.read_dataset(calibration, ["p_mean"]),
                    io.read_dataset(data, ["image", "split"]), gains, stp)


def tempering_aggregate(job: TemperingAggregateJob, *, runs: Sequence[str], data: str
                        ) -> xr.Dataset:
    """Rule tempering_aggregate (input files by name): every run's samples read and gridded."""
    stored = [io.read_dataset(path, ["visible_sample", "measured_gain"]) for path in runs]
    return aggregate(job, stored, io.read_dataset(data, ["image", "split"]))


OUTPUT_ENCODING = {"tempering_run": SAMPLE_ENCODING}


# ----------------------------------------------------------------------------- claims
# Questions of this study, not claims of L18: for each STP set, one row per statistic and
# kind of control; each control's interval is over seeds of the per-seed difference (set minus
# control, signed so that > 0 means the set is better), and the set must beat every one.

_SET_NAMES = {"modulated": "L18's set", "best_scan": "the best scan set"}
_QUESTIONS = (  # (id part, model, statistic, L18 figure)
    ("isl_1e3", "mnist", "isl", "3c"),
    ("stay", "mnist", "stay", "3d"),
    ("balance_imbalanced", "imbalanced", "balance", "4a"),
    ("balance_completion", "completion", "balance", "4e"),
)
_CONTROLS = {"vs_tempered_gibbs": TEMPERED, "vs_scaled_renewing": ("scaled_renewing",)}
_SET_IDS = {"modulated": "l18_set", "best_scan": "best_set"}


def _question_claims() -> tuple[Claim, ...]:
    out = []
    for stp_set, set_id in _SET_IDS.items():
        for part, model, stat, figure in _QUESTIONS:
            for control in _CONTROLS:
                what = ("Gibbs on the RBM tempered to its gain (W x g, and W, b x g"
                        + (", AST with W x g)" if model in AST_MODELS else ")")
                        if control == "vs_tempered_gibbs" else
                        "renewing synapses with the weights scaled to its gain")
                better = "higher" if STATISTICS[stat][2] else "shorter"
                out.append(Claim(
                    f"{part}_{set_id}_{control}", "L18", figure,
                    f"{_SET_NAMES[stp_set]} gives a {better} {stat.replace('_', '-')} "
                    f"({model}) than {what}: STP beyond a global weight scale",
                    "(study question)", "per seed, the set minus each control; every 95 % "
                    "interval over seeds above 0 (signed: > 0 = the set better)", 0.0,
                    ("quick", "paper"), STUDY))
    for part, model, stat, figure in _QUESTIONS:
        for control, arm in (("vs_gibbs", "gibbs_w"), ("vs_renewing", "lif_renewing")):
            out.append(Claim(
                f"{part}_gain_corrected_{control}", "L18", figure,
                f"the gain-corrected set (L18's, W divided by its gain) beats "
                f"{'Gibbs' if arm == 'gibbs_w' else 'renewing synapses'} at scale 1 on "
                f"{stat.replace('_', '-')} ({model})", "(study question)",
                "per seed, signed difference; the 95 % interval over seeds above 0", 0.0,
                ("quick", "paper"), STUDY))
    return tuple(out)


CLAIMS = _question_claims()
CLAIM_INPUTS = (EXPERIMENT,)


def _signed(values: np.ndarray, stat: str) -> np.ndarray:
    higher_is_better = STATISTICS[stat][2]
    if higher_is_better is None:
        raise ValueError(f"{stat} has no better direction to judge")
    return values if higher_is_better else -values


def set_advantage(ds: xr.Dataset, model: str, stat: str, stp_set: str, control: str
                  ) -> np.ndarray:
    """Per seed: the set's statistic minus the `control` arm's, signed so that > 0 means the
    set is better."""
    arms = ds[f"arm_{stat}"].sel(model=model, stp_set=stp_set)
    return _signed(arms.sel(arm="stp").values, stat) - _signed(arms.sel(arm=control).values,
                                                               stat)


def gain_corrected_advantage(ds: xr.Dataset, model: str, stat: str, sweep: str,
                             stp_set: str) -> np.ndarray:
    """Per seed: the gain-corrected set minus the `sweep` sampler at scale 1, signed."""
    own = ds[f"arm_{stat}"].sel(model=model, stp_set=stp_set, arm="gain_corrected").values
    other = ds[f"sweep_{stat}"].sel(model=model, sweep=sweep, weight_scale=1.0).values
    return _signed(own, stat) - _signed(other, stat)


def _judge(claim: Claim, diffs: Mapping[str, np.ndarray], text: str, scale: str) -> None:
    """Pass only if the set beats every control (each 95 % interval of the per-seed
    difference above 0), fail if it loses to one (an interval below 0)."""
    intervals: dict[str, Interval] = {k: interval(d) for k, d in diffs.items()}
    shown = "; ".join(f"{k} {iv.text('.3g')}" for k, iv in intervals.items())
    claim.judge_intervals(f"{text}: {shown}", intervals, 0.0, "above", scale)


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    ds = datasets[EXPERIMENT]
    models = set(ds["model"].values)
    for part, model, stat, _ in _QUESTIONS:
        if model not in models:
            for own in CLAIMS:
                if own.id.startswith(f"{part}_"):
                    claims[own.id].not_run(
                        f"{model!r} is not among experiments.tempering.models at {scale} "
                        "scale", scale)
            continue
        for stp_set, set_id in _SET_IDS.items():
            if stp_set not in ds["stp_set"].values:
                continue
            gain = float(ds["measured_gain"].sel(model=model, stp_set=stp_set))
            for control, arms in _CONTROLS.items():
                present = [a for a in arms
                           if np.isfinite(ds[f"arm_{stat}"].sel(model=model, arm=a)).any()]
                if not present:  # the statistic was not read for this model: not run
                    continue
                _judge(claims[f"{part}_{set_id}_{control}"],
                       {a: set_advantage(ds, model, stat, stp_set, a) for a in present},
                       f"g_S {gain:.2f}; set minus", scale)
        gc = ds.attrs["gain_corrected"]
        if gc in ds["stp_set"].values and 1.0 in ds["weight_scale"].values:
            for control, sweep in (("vs_gibbs", "gibbs_w"), ("vs_renewing", "lif_renewing")):
                _judge(claims[f"{part}_gain_corrected_{control}"],
                       {sweep: gain_corrected_advantage(ds, model, stat, sweep, gc)},
                       "gain-corrected minus scale 1", scale)


# ----------------------------------------------------------------------------- job slices


def _entry(cfg: Mapping[str, Any]) -> Mapping[str, Any]:
    return cfg["experiments"][EXPERIMENT]


def gain_sets(cfg: Mapping[str, Any]) -> list[str]:
    """The synapse sets whose fidelity runs give a run its gains and STP parameters."""
    e = _entry(cfg)
    return list(dict.fromkeys([*e["stp_sets"], e["renewing_stp"]]))


def tempering_runs(cfg: Mapping[str, Any]) -> list[tuple[str, int]]:
    """(model, seed) of every run."""
    e = _entry(cfg)
    return [(m, s) for m in e["models"] for s in range(e["n_seeds"])]


def tempering_run_slice(cfg: Mapping[str, Any], model: str, seed: int) -> TemperingRunJob:
    e, fig3, fig4 = (_entry(cfg), cfg["experiments"]["l18_fig3"],
                     cfg["experiments"]["l18_fig4"])
    part = {}
    if model == "completion":  # L18 Fig 4d-f's input, clamped as there
        part = {k: fig4["completion"][k] for k in ("classes", "input_split", "n_neighbours")}
        part.update({k: fig3["classification"][k] for k in ("clamp_mV", "pixels")})
    return slices.job_slice(
        cfg,
        {kind: slices.job_seed(cfg, EXPERIMENT, model, kind, seed)
         for kind in ("gibbs", "ast", "lif")},
        model=model, seed_index=seed, n_samples=e["n_samples"], burn_in_ms=e["burn_in_ms"],
        **slices.calibrated_cell(cfg, e["calibration"]),
        stp_sets=list(e["stp_sets"]), renewing_stp=e["renewing_stp"],
        gain_corrected=e["gain_corrected"],
        gibbs_scales=list(e["gibbs_scales"]), network_scales=list(e["network_scales"]),
        betas=dict(cfg["training"]["betas"]), gamma=dict(cfg["training"]["gamma"]),
        ast_burn_in=fig4["ast_burn_in"], nest=slices.nest_settings(cfg, LARGE_NETWORKS), **part)


def tempering_aggregate_slice(cfg: Mapping[str, Any]) -> TemperingAggregateJob:
    e, fig3 = _entry(cfg), cfg["experiments"]["l18_fig3"]
    classes = {"imbalanced": sorted(int(d) for d in cfg["data"]["imbalanced"]["counts"]),
               "completion": sorted(cfg["experiments"]["l18_fig4"]["completion"]["classes"])}
    return slices.job_slice(
        cfg, models=list(e["models"]), n_seeds=e["n_seeds"], stp_sets=list(e["stp_sets"]),
        mode_window=fig3["mode_window"], isl_beta=fig3["isl_beta"],
        n_test_isl=cfg["data"]["mnist"]["n_test_isl"],
        balance_classes={m: c for m, c in classes.items() if m in e["models"]},
        gain_corrected=e["gain_corrected"])


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    out: dict[str, slices.Slice] = {
        f"tempering_run:{m}": tempering_run_slice(cfg, m, 0) for m in _entry(cfg)["models"]}
    out["tempering_aggregate"] = tempering_aggregate_slice(cfg)
    return out
