"""The config -> job boundary: for every job, the part of the resolved config it reads.

Each function takes the validated, scale-resolved config and returns a plain dict with
sorted keys (the Snakemake `params` of one rule, so its rerun trigger sees exactly what the
job reads, and nothing else). Cross-references are resolved here, once: a job gets the
neuron, noise, STP set and NEST settings themselves, never their names to look up. Every
slice carries the `scale` (a change of scale re-runs every job) and the `seeds` it uses,
derived from the master seed and the job's name (`derive_seed`).

The library's entry points take these slices; no module outside `lifsampling.config` reads
the config tree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import derive_seed, jobs
from .references import BAR_SETS

Slice = dict[str, Any]


def canonical(value: Any) -> Any:
    """`value` with every mapping's keys sorted, recursively: Snakemake compares params by
    their repr, so the order in which a config file lists keys must not count."""
    if isinstance(value, Mapping):
        return {k: canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def job_slice(cfg: Mapping[str, Any], seeds: Mapping[str, Any] | None = None,
              **fields: Any) -> Any:
    """A job's slice: the scale, the given fields and seeds, keys sorted (`canonical`); a
    plain dict, typed by its caller's return annotation (a TypedDict of `jobs`)."""
    return canonical({"scale": cfg["scale"], **fields, "seeds": dict(seeds or {})})


def job_seed(cfg: Mapping[str, Any], *keys: object) -> int:
    return derive_seed(cfg["seed"], *keys)


def nest_settings(cfg: Mapping[str, Any], experiment: str | None = None) -> jobs.NestSettings:
    """NEST's time step, delays and virtual processes for a job of `experiment`: the large
    networks of `nest.large_networks.experiments` get that many virtual processes."""
    nest = {k: v for k, v in cfg["nest"].items() if k != "large_networks"}
    large = cfg["nest"].get("large_networks")
    if large and experiment in large["experiments"]:
        nest["virtual_processes"] = large["virtual_processes"]
    return nest


def spiking_samplers(cfg: Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    """The STP sets of a generative experiment's spiking samplers: its own (`stp`) and the
    renewing comparison (`renewing_stp`), as `experiments.generative.LIF_ARMS` reads them."""
    return {"stp": dict(cfg["stp"][entry["stp"]]),
            "stp_renewing": dict(cfg["stp"][entry["renewing_stp"]])}


def calibrated_cell(cfg: Mapping[str, Any], calibration_set: str) -> dict[str, Any]:
    """Neuron and noise parameters of a calibration set (an experiment samples with these)."""
    entry = cfg["calibration"]["sets"][calibration_set]
    return {"neuron": dict(cfg["neurons"][entry["neuron"]]),
            "noise": dict(cfg["noise"][entry["noise"]])}


# ----------------------------------------------------------------------------- data


def mnist(cfg: Mapping[str, Any]) -> jobs.MnistJob:
    m = cfg["data"]["mnist"]
    return job_slice(cfg, source=m["source"], wheel=dict(m["wheel"]), idx_dir=m["idx_dir"],
                binarize_threshold=m["binarize_threshold"])


def bars(cfg: Mapping[str, Any], difficulty: str) -> jobs.BarsJob:
    b = cfg["data"]["bars"]
    return job_slice(cfg, size=b["size"], angles_deg=list(b["angles_deg"]),
                     length_px=b["length_px"],
                pixels_per_bar=b["pixels_per_bar"], centres=b[difficulty]["centres"])


def mnist_subset(cfg: Mapping[str, Any], subset: str) -> jobs.MnistSubsetJob:
    return job_slice(cfg, {subset: job_seed(cfg, "data", subset)},
                counts=dict(cfg["data"][subset]["counts"]))


def p16_digits(cfg: Mapping[str, Any]) -> jobs.P16DigitsJob:
    return job_slice(cfg, **cfg["data"]["p16_digits"])


# ----------------------------------------------------------------------------- training


def training(cfg: Mapping[str, Any], model: str) -> jobs.TrainingJob:
    """CAST hyper-parameters of one model (L18 Methods): shared betas/gamma plus the model's."""
    t = cfg["training"]
    m = t["models"][model]
    return job_slice(cfg, {f"train_{model}": job_seed(cfg, "train", model)},
                model=model, betas=dict(t["betas"]), gamma=dict(t["gamma"]),
                init_weight_std=t["init_weight_std"], n_hidden=m["n_hidden"],
                batch_size=m["batch_size"], eta=dict(m["eta"]), n_iterations=m["n_iterations"],
                blas_threads=t["blas_threads"])


def classification(cfg: Mapping[str, Any], model: str) -> jobs.ClassificationJob:
    return job_slice(cfg, {"classify": job_seed(cfg, "classify", model)}, **cfg["classification"])


# ----------------------------------------------------------------------------- calibration


def calibration(cfg: Mapping[str, Any], set_name: str) -> jobs.CalibrationJob:
    """One activation sweep (P16 App. VIII): the neuron, its noise, the grid, NEST settings."""
    cal = cfg["calibration"]
    return job_slice(cfg, {f"calibrate_{set_name}": job_seed(cfg, "calibrate", set_name)},
                set=set_name, **calibrated_cell(cfg, set_name),
                mean_mV=dict(cal["sets"][set_name]["mean_mV"]), n_runs=cal["n_runs"],
                duration_ms=cal["duration_ms"], nest=nest_settings(cfg))


def simulator_calibration(cfg: Mapping[str, Any], run: str) -> jobs.SimulatorCalibrationJob:
    """The sweep of P16 Fig 6's first set on one simulator and time step (PyNN only)."""
    e = cfg["experiments"]["p16_fig6"]
    base = calibration(cfg, e["calibration_sets"][0])
    return job_slice(cfg, {f"calibrate_{run}": job_seed(cfg, "calibrate", run)},
                **{k: v for k, v in base.items()
                   if k not in ("scale", "seeds", "set", "nest", "duration_ms")},
                set=run, simulator=e["simulators"][run]["simulator"],
                resolution_ms=e["simulators"][run]["resolution_ms"], duration_ms=e["duration_ms"])


def calibration_grid(cfg: Mapping[str, Any]) -> jobs.CalibrationGridJob:
    return job_slice(cfg, sets=sorted(cfg["calibration"]["sets"]))


# ----------------------------------------------------------------------------- experiments


def l18_fig1(cfg: Mapping[str, Any]) -> jobs.L18Fig1Job:
    """L18 Fig 1d: the CUBA neuron, the named STP sets and the probe protocol."""
    e = cfg["experiments"]["l18_fig1"]
    protocol = {k: e[k] for k in ("first_psp_mV", "isi_ms", "n_envelope_spikes",
                                  "trace_burst_spikes", "trace_window_ms", "delay_ms")}
    return job_slice(cfg, {"l18_fig1": job_seed(cfg, "l18_fig1")}, neuron_name=e["neuron"],
                neuron=dict(cfg["neurons"][e["neuron"]]),
                stp={name: dict(cfg["stp"][name]) for name in e["stp_sets"]},
                **protocol, nest=nest_settings(cfg))


def in_blocks(items: Sequence[int], size: int) -> list[list[int]]:
    """`items` in consecutive blocks of `size` (the last one shorter): one job per block."""
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


def _sampling_counts(e: Mapping[str, Any]) -> dict[str, int]:
    return {"trial": e["n_trials"], "bm": e["n_bms"]}


def sampling_blocks(cfg: Mapping[str, Any], experiment: str, kind: str) -> list[list[int]]:
    """The runs of `kind` (trial or bm) of a sampling experiment, in blocks of
    `networks_per_job` (one NEST kernel each)."""
    e = cfg["experiments"]["sampling"][experiment]
    if kind not in ("trial", "bm"):
        raise ValueError(f"unknown sampling run kind {kind!r} (trial or bm)")
    return in_blocks(range(_sampling_counts(e)[kind]), e["networks_per_job"])


def sampling_block(cfg: Mapping[str, Any], experiment: str, kind: str,
                   block: int) -> jobs.SamplingBlockJob:
    """One NEST job of `experiments.sampling.<experiment>`: the networks of one block side by
    side, trials on the shared BM (``kind='trial'``) or runs on further random BMs (``kind='bm'``,
    P16 Fig 3D). Seeds: run r samples BM `bm` 0 (trials) or r + 1 (bms); the block's kernel
    seed draws every network's own Poisson background."""
    e = cfg["experiments"]["sampling"][experiment]
    runs = sampling_blocks(cfg, experiment, kind)[int(block)]
    bm_index = [0] * len(runs) if kind == "trial" else [r + 1 for r in runs]
    seeds = {"bm": [job_seed(cfg, experiment, "bm", i) for i in bm_index],
             "background": job_seed(cfg, experiment, f"{kind}_block", *runs)}
    return job_slice(cfg, seeds, experiment=experiment, kind=kind, runs=runs,
                     **calibrated_cell(cfg, e["calibration"]), stp=dict(cfg["stp"][e["stp"]]),
                     n_units=e["n_units"], weight_scale=e["weight_scale"],
                     duration_ms=e["trial_ms"] if kind == "trial" else e["bm_ms"],
                     burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg))


def sampling_aggregate(cfg: Mapping[str, Any], experiment: str) -> jobs.SamplingAggregateJob:
    """The analysis of one sampling experiment's stored spikes (D_KL over time, joints), plus
    the abstract sampler on its BM: no simulation reads these keys."""
    e = cfg["experiments"]["sampling"][experiment]
    seeds = {"bm": job_seed(cfg, experiment, "bm", 0),
             "abstract": [job_seed(cfg, experiment, "abstract", i) for i in range(e["n_trials"])]}
    return job_slice(cfg, seeds, experiment=experiment, **calibrated_cell(cfg, e["calibration"]),
                     n_units=e["n_units"], weight_scale=e["weight_scale"],
                     duration_ms=e["trial_ms"], bm_ms=e["bm_ms"], burn_in_ms=e["burn_in_ms"],
                     joint_ms=e["joint_ms"], n_trials=e["n_trials"], n_bms=e["n_bms"],
                     dkl_time_points=cfg["experiments"]["dkl_time_points"])


def l18_fig5_membranes(cfg: Mapping[str, Any]) -> jobs.L18Fig5MembranesJob:
    """L18 Fig 5e: the neuron sets compared at one free-membrane mean."""
    e = cfg["experiments"]["l18_fig5"]
    cells = {name: {"neuron": dict(cfg["neurons"][name]), "noise": dict(cfg["noise"][name])}
             for name in e["neuron_sets"]}
    return job_slice(cfg, {"membranes": job_seed(cfg, "l18_fig5", "membranes")}, cells=cells,
                mean_mV=e["mean_mV"], duration_ms=e["duration_ms"], nest=nest_settings(cfg))


def stp_grid_chunk(cfg: Mapping[str, Any], tau_fac: float, seed: int) -> jobs.STPGridChunkJob:
    """L18 Fig 2b: every (U0, tau_rec) network at one tau_fac, for one seed of the BM."""
    e = cfg["experiments"]["l18_fig2_grid"]
    seeds = {"bm": job_seed(cfg, "l18_fig2_grid", "bm", seed),
             "run": job_seed(cfg, "l18_fig2_grid", "run", tau_fac, seed)}
    return job_slice(cfg, seeds, **calibrated_cell(cfg, e["calibration"]), n_visible=e["n_visible"],
                n_hidden=e["n_hidden"], weight_scale=e["weight_scale"], U0=list(e["U0"]),
                tau_rec_ms=list(e["tau_rec_ms"]), tau_fac_ms=float(tau_fac),
                duration_ms=e["duration_ms"], burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg),
                seed_index=seed)


def stp_grid_chunks(cfg: Mapping[str, Any]) -> list[tuple[float, int]]:
    """(tau_fac, seed) of every chunk (`stp_grid.aggregate` combines them by coordinates)."""
    e = cfg["experiments"]["l18_fig2_grid"]
    return [(tf, seed) for tf in e["tau_fac_ms"] for seed in range(e["n_seeds"])]


def stp_grid(cfg: Mapping[str, Any]) -> jobs.STPGridJob:
    e = cfg["experiments"]["l18_fig2_grid"]
    return job_slice(cfg, tau_fac_ms=list(e["tau_fac_ms"]), n_seeds=e["n_seeds"])


def bars_sampling(cfg: Mapping[str, Any], difficulty: str, seed: int) -> jobs.BarsSamplingJob:
    """L18 Fig 2c: Gibbs and LIF+STP samples of one bars RBM, for one seed."""
    e = cfg["experiments"]["l18_fig2_bars"]
    seeds = {"gibbs": job_seed(cfg, "l18_fig2_bars", "gibbs", difficulty, seed),
             "lif": job_seed(cfg, "l18_fig2_bars", "lif", difficulty, seed)}
    return job_slice(cfg, seeds, difficulty=difficulty, **calibrated_cell(cfg, e["calibration"]),
                **spiking_samplers(cfg, e), n_samples=e["n_samples"], n_shown=e["n_shown"],
                burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg), seed_index=seed)


def bars_mixing(cfg: Mapping[str, Any]) -> jobs.BarsMixingJob:
    return job_slice(cfg, n_seeds=cfg["experiments"]["l18_fig2_bars"]["n_seeds"])


def _isl(cfg: Mapping[str, Any]) -> dict[str, Any]:
    e = cfg["experiments"]["l18_fig3"]
    return {"n_samples": e["n_samples"], "isl_points": e["isl_points"],
            "isl_beta": e["isl_beta"], "n_test_isl": cfg["data"]["mnist"]["n_test_isl"]}


def l18_fig3_run(cfg: Mapping[str, Any], seed: int) -> jobs.L18Fig3RunJob:
    """L18 Fig 3: Gibbs and LIF+STP samples of the MNIST RBM, for one seed (the simulation;
    `l18_fig3_analysis` reads them)."""
    e = cfg["experiments"]["l18_fig3"]
    seeds = {"gibbs": job_seed(cfg, "l18_fig3", "gibbs", seed),
             "lif": job_seed(cfg, "l18_fig3", "lif", seed)}
    return job_slice(cfg, seeds, **calibrated_cell(cfg, e["calibration"]),
                     **spiking_samplers(cfg, e), n_samples=e["n_samples"],
                     burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg, "l18_fig3"),
                     seed_index=seed)


def l18_fig3_analysis(cfg: Mapping[str, Any]) -> jobs.L18Fig3AnalysisJob:
    """L18 Fig 3b, d, e read from one seed's stored samples: ISL curve, modes, tSNE images."""
    e = cfg["experiments"]["l18_fig3"]
    simulated = calibrated_cell(cfg, e["calibration"])["neuron"]  # one sample per its tau_ref
    return job_slice(cfg, isl_points=e["isl_points"], isl_beta=e["isl_beta"],
                     n_test_isl=cfg["data"]["mnist"]["n_test_isl"],
                     mode_window_ms=e["mode_window_ms"], n_tsne=e["n_tsne"],
                     burn_in_ms=e["burn_in_ms"], sample_interval_ms=simulated["tau_refrac"])


def l18_fig3_isl_1e3_blocks(cfg: Mapping[str, Any]) -> list[list[int]]:
    """The seeds of L18 Fig 3c's short runs, in blocks of `seeds_per_job` (one job each)."""
    s = cfg["experiments"]["l18_fig3"]["isl_1e3"]
    return in_blocks(range(s["n_seeds"]), s["seeds_per_job"])


def l18_fig3_isl_1e3(cfg: Mapping[str, Any], block: int) -> jobs.L18Fig3ShortRunsJob:
    """L18 Fig 3c: 1e3 samples of Gibbs and of the spiking samplers for each seed of one
    block."""
    e = cfg["experiments"]["l18_fig3"]
    runs = l18_fig3_isl_1e3_blocks(cfg)[block]
    seeds = {kind: [job_seed(cfg, "l18_fig3", "isl_1e3", kind, r) for r in runs]
             for kind in ("gibbs", "lif")}
    return job_slice(cfg, seeds, **calibrated_cell(cfg, e["calibration"]),
                     **spiking_samplers(cfg, e), runs=runs, burn_in_ms=e["burn_in_ms"],
                     nest=nest_settings(cfg, "l18_fig3"))


def l18_fig3_isl_1e3_analysis(cfg: Mapping[str, Any]) -> jobs.L18Fig3ShortRunsAnalysisJob:
    """L18 Fig 3c-d read from one block's stored short runs: ISL at 1e3 samples, mode stays."""
    e = cfg["experiments"]["l18_fig3"]
    simulated = calibrated_cell(cfg, e["calibration"])["neuron"]  # one sample per its tau_ref
    return job_slice(cfg, isl_beta=e["isl_beta"], n_test_isl=cfg["data"]["mnist"]["n_test_isl"],
                     mode_window_ms=e["mode_window_ms"], burn_in_ms=e["burn_in_ms"],
                     sample_interval_ms=simulated["tau_refrac"])


def l18_fig3_references(cfg: Mapping[str, Any]) -> jobs.L18Fig3ReferencesJob:
    """L18 Fig 3b: OPT (AST base set, CAST's temperatures) and POM."""
    e, t = cfg["experiments"]["l18_fig3"], cfg["training"]
    return job_slice(cfg, {"references": job_seed(cfg, "l18_fig3", "references")}, **_isl(cfg),
                n_opt_base=e["n_opt_base"], ast_chains=e["ast_chains"], betas=dict(t["betas"]),
                gamma=dict(t["gamma"]))


def classify_lif(cfg: Mapping[str, Any]) -> jobs.ClassifyLifJob:
    """L18 Fig 3: the LIF+STP network classifying test images, visible layer clamped."""
    e = cfg["experiments"]["l18_fig3"]
    c = e["classification"]
    return job_slice(cfg, {"lif": job_seed(cfg, "l18_fig3", "classify_lif")},
                **calibrated_cell(cfg, e["calibration"]), stp=dict(cfg["stp"][e["stp"]]), **c,
                burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg, "l18_fig3"))


def l18_fig3_scan_blocks(cfg: Mapping[str, Any], scan: str) -> list[tuple[int, list[list[int]]]]:
    """(seed, [[i, j], ...]) of every NEST job of one scan: its points (U0[i], values[j]) in
    blocks of `points_per_job`, one block per job and seed."""
    s = cfg["experiments"]["l18_fig3"]["stp_scans"]
    points = [[i, j] for i in range(len(s[scan]["U0"])) for j in range(len(s[scan]["values_ms"]))]
    blocks = [points[k:k + s["points_per_job"]]
              for k in range(0, len(points), s["points_per_job"])]
    return [(seed, block) for seed in range(s["n_seeds"]) for block in blocks]


def l18_fig3_scan_block(cfg: Mapping[str, Any], scan: str,
                        block: int) -> jobs.L18Fig3ScanBlockJob:
    """L18 Fig 3a: the LIF+STP networks at a block of points of one 2D STP scan, side by side
    in one NEST kernel (each with its own background; the block's seed draws them)."""
    e = cfg["experiments"]["l18_fig3"]
    s = e["stp_scans"][scan]
    seed, points = l18_fig3_scan_blocks(cfg, scan)[block]
    stp_sets = [{"U0": s["U0"][i], "tau_rec_ms": s["values_ms"][j], "tau_fac_ms": s["fixed_ms"]}
                if scan == "tau_rec" else
                {"U0": s["U0"][i], "tau_rec_ms": s["fixed_ms"], "tau_fac_ms": s["values_ms"][j]}
                for i, j in points]
    seeds = {"lif": job_seed(cfg, "l18_fig3", "scan", scan, seed, *(k for p in points for k in p))}
    return job_slice(cfg, seeds, **calibrated_cell(cfg, e["calibration"]), stp_sets=stp_sets,
                     scan=scan, seed_index=seed,
                     n_samples=e["stp_scans"]["n_samples"], isl_beta=e["isl_beta"],
                     n_test_isl=cfg["data"]["mnist"]["n_test_isl"], burn_in_ms=e["burn_in_ms"],
                     nest=nest_settings(cfg, "l18_fig3"))


def l18_fig3_scan(cfg: Mapping[str, Any], scan: str) -> jobs.L18Fig3ScanJob:
    s = cfg["experiments"]["l18_fig3"]["stp_scans"]
    return job_slice(cfg, scan=scan, **s[scan], n_seeds=s["n_seeds"], n_samples=s["n_samples"])


def l18_fig3_tsne(cfg: Mapping[str, Any]) -> jobs.L18Fig3TsneJob:
    return job_slice(cfg, {"tsne": job_seed(cfg, "l18_fig3", "tsne")},
                perplexity=cfg["experiments"]["l18_fig3"]["tsne_perplexity"])


def l18_fig3_aggregate(cfg: Mapping[str, Any]) -> jobs.L18Fig3AggregateJob:
    return job_slice(cfg, n_seeds=cfg["experiments"]["l18_fig3"]["n_seeds"])


L18_FIG4_MODELS = ("imbalanced", "completion")  # L18 Fig 4a-c and 4d-f


def l18_fig4_run(cfg: Mapping[str, Any], model: str, seed: int) -> jobs.L18Fig4RunJob:
    """L18 Fig 4: Gibbs, AST and LIF+STP samples of one imbalanced model, for one seed."""
    e, fig3 = cfg["experiments"]["l18_fig4"], cfg["experiments"]["l18_fig3"]
    seeds = {kind: job_seed(cfg, "l18_fig4", model, kind, seed) for kind in ("gibbs", "ast", "lif")}
    part = {k: v for k, v in e[model].items() if k not in L18_FIG4_READ_OUT}
    if model == "completion":  # the lower half of the input clamped
        part["clamp_mV"] = fig3["classification"]["clamp_mV"]
    return job_slice(cfg, seeds, model=model, **calibrated_cell(cfg, e["calibration"]),
                **spiking_samplers(cfg, e), **part, burn_in_ms=e["burn_in_ms"],
                ast_burn_in=e["ast_burn_in"], betas=dict(cfg["training"]["betas"]),
                gamma=dict(cfg["training"]["gamma"]), nest=nest_settings(cfg, "l18_fig4"),
                seed_index=seed)


# keys of experiments.l18_fig4.<model> that only the read-out of stored samples (or the
# figure) uses: an edit re-runs no simulation
L18_FIG4_READ_OUT = ("n_evolution", "tsne_ms", "tsne_spacing_ms", "n_shown", "shown_every")


def l18_fig4_analysis(cfg: Mapping[str, Any], model: str) -> jobs.L18Fig4AnalysisJob:
    """L18 Fig 4a-f read from one seed's stored samples: modes, histograms and their balance,
    the tSNE samples (imbalanced) or the shown images (completion)."""
    e, fig3 = cfg["experiments"]["l18_fig4"], cfg["experiments"]["l18_fig3"]
    part = {k: v for k, v in e[model].items() if k in L18_FIG4_READ_OUT and k != "n_evolution"}
    if model == "imbalanced":  # balance over the trained classes
        classes = sorted(int(d) for d in cfg["data"]["imbalanced"]["counts"])
    else:  # over the two classes the clamped input is ambiguous between
        classes = sorted(e[model]["classes"])
    simulated = calibrated_cell(cfg, e["calibration"])["neuron"]  # one sample per its tau_ref
    return job_slice(cfg, model=model, balance_classes=classes, **part,
                     mode_window_ms=fig3["mode_window_ms"], burn_in_ms=e["burn_in_ms"],
                     sample_interval_ms=simulated["tau_refrac"])


def l18_fig4_aggregate(cfg: Mapping[str, Any], model: str) -> jobs.L18Fig4AggregateJob:
    e = cfg["experiments"]["l18_fig4"]
    if model != "imbalanced":
        return job_slice(cfg, model=model, n_seeds=e["n_seeds"])
    return job_slice(cfg, {"tsne": job_seed(cfg, "l18_fig4", model, "tsne")}, model=model,
                n_seeds=e["n_seeds"], perplexity=e["tsne_perplexity"],
                n_evolution=e[model]["n_evolution"])  # Fig 4b, 4c: the imbalanced model


def _fig4_bm(cfg: Mapping[str, Any]) -> dict[str, Any]:
    e = cfg["experiments"]["p16_fig4"]
    return {"n_units": e["n_units"], "bias_scale": e["bias_scale"],
            "shown_units": list(e["shown_units"])}


def p16_fig4_reference(cfg: Mapping[str, Any], weight_scale: str) -> jobs.P16Fig4ReferenceJob:
    """P16 Fig 4: the Gibbs reference of the shown units of one K = 500 BM."""
    e = cfg["experiments"]["p16_fig4"]
    seeds = {"bm": job_seed(cfg, "p16_fig4", "bm"),  # one BM family for all scales
             "gibbs": job_seed(cfg, "p16_fig4", "gibbs", weight_scale)}
    return job_slice(cfg, seeds, **_fig4_bm(cfg), weight_scale=float(weight_scale),
                gibbs_sweeps=e["gibbs_sweeps"], gibbs_chains=e["gibbs_chains"])


def p16_fig4_run(cfg: Mapping[str, Any], variant: str, weight_scale: str,
                 run: int) -> jobs.P16Fig4RunJob:
    """P16 Fig 4: one NEST run of the K = 500 network in one translation variant. Run r of
    every variant has the same background seed: the variants are compared run by run."""
    e = cfg["experiments"]["p16_fig4"]
    v = e["variants"][variant]
    seeds = {"bm": job_seed(cfg, "p16_fig4", "bm"),
             "run": job_seed(cfg, "p16_fig4", "run", weight_scale, run)}
    return job_slice(cfg, seeds, **_fig4_bm(cfg), weight_scale=float(weight_scale),
                variant=variant, translation=v["translation"],
                **calibrated_cell(cfg, v["calibration"]),
                stp=dict(cfg["stp"][e["stp"]]), duration_ms=e["duration_ms"],
                burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg, "p16_fig4"), run_index=run)


def p16_fig4_scales(cfg: Mapping[str, Any]) -> list[str]:
    """Weight scales of P16 Fig 4 as they appear in file names (wildcards)."""
    return [f"{s:g}" for s in cfg["experiments"]["p16_fig4"]["weight_scales"]]


def p16_fig4_runs(cfg: Mapping[str, Any]) -> list[tuple[str, str, int]]:
    """(variant, weight scale, run) of every NEST run, in the order
    `large_network.aggregate` expects."""
    e = cfg["experiments"]["p16_fig4"]
    return [(v, w, run) for v in sorted(e["variants"]) for w in p16_fig4_scales(cfg)
            for run in range(e["n_runs"])]


def p16_fig4_aggregate(cfg: Mapping[str, Any]) -> jobs.P16Fig4AggregateJob:
    e = cfg["experiments"]["p16_fig4"]
    return job_slice(cfg, variants=sorted(e["variants"]), judged_variant=e["judged_variant"],
                     weight_scales=list(e["weight_scales"]), n_runs=e["n_runs"],
                     dkl_time_points=cfg["experiments"]["dkl_time_points"])


def p16_fig5_training(cfg: Mapping[str, Any]) -> jobs.P16Fig5TrainingJob:
    """P16 Fig 5: the 144-unit BM learned with Gibbs chains, then in the loop."""
    e = cfg["experiments"]["p16_fig5"]
    seeds = {k: job_seed(cfg, "p16_fig5", "train", k) for k in ("gibbs", "lif")}
    return job_slice(cfg, seeds, **calibrated_cell(cfg, e["calibration"]),
                     stp=dict(cfg["stp"][e["stp"]]),
                **e["training"], sample_interval_ms=e["sample_interval_ms"],
                nest=nest_settings(cfg))


def p16_fig5_sampling(cfg: Mapping[str, Any]) -> jobs.P16Fig5SamplingJob:
    """P16 Fig 5C, D: prior and posterior runs of the trained network, every seed."""
    e = cfg["experiments"]["p16_fig5"]
    fields = {k: e[k] for k in ("sample_interval_ms", "duration_ms", "burn_in_ms", "n_seeds",
                                "input_units", "input_current_nA", "trajectory_ms",
                                "snapshot_ms")}
    return job_slice(cfg, {"lif": job_seed(cfg, "p16_fig5", "sample")},
                     **calibrated_cell(cfg, e["calibration"]),
                stp=dict(cfg["stp"][e["stp"]]), **fields,
                digits=list(cfg["data"]["p16_digits"]["digits"]), nest=nest_settings(cfg))


def p16_fig2_trace(cfg: Mapping[str, Any]) -> jobs.P16Fig2TraceJob:
    """P16 Fig 2A, C: one neuron of the Fig 2 calibration set near p(z=1) = 1/2."""
    e = cfg["experiments"]["p16_fig2"]
    return job_slice(cfg, {"trace": job_seed(cfg, "p16_fig2", "trace")},
                **calibrated_cell(cfg, e["calibration"]), mean_mV=e["trace_mean_mV"],
                duration_ms=e["trace_ms"], nest=nest_settings(cfg))


def activation_predictions(cfg: Mapping[str, Any]) -> jobs.ActivationPredictionsJob:
    """P16 Fig 2B, D: the neuron and noise the theories are evaluated for."""
    e = cfg["experiments"]["p16_fig2"]
    return job_slice(cfg, set=e["calibration"], **calibrated_cell(cfg, e["calibration"]))


def p16_fig6(cfg: Mapping[str, Any]) -> jobs.P16Fig6Job:
    """P16 Fig 6: neuron and noise of every set the theories are evaluated for, and the
    simulator runs of the first set."""
    e = cfg["experiments"]["p16_fig6"]
    sets = list(e["calibration_sets"])
    return job_slice(cfg, calibration_sets=sets, cells={s: calibrated_cell(cfg, s) for s in sets},
                simulators={k: dict(v) for k, v in e["simulators"].items()})


def p16_fig7_set(cfg: Mapping[str, Any], calibration_set: str) -> jobs.P16Fig7SetJob:
    """P16 Fig 7: the K-unit networks of one set; the BM seeds are the same in every set."""
    e = cfg["experiments"]["p16_fig7"]
    seeds = {"bms": [job_seed(cfg, "p16_fig7", "bm", i) for i in range(e["n_bms"])],
             "background": job_seed(cfg, "p16_fig7", "background", calibration_set)}
    return job_slice(cfg, seeds, set=calibration_set, **calibrated_cell(cfg, calibration_set),
                stp=dict(cfg["stp"][e["stp"]]), n_units=e["n_units"],
                weight_scale=e["weight_scale"], duration_ms=e["duration_ms"],
                burn_in_ms=e["burn_in_ms"], nest=nest_settings(cfg))


def p16_fig7(cfg: Mapping[str, Any]) -> jobs.P16Fig7Job:
    """P16 Fig 7: D_KL of every set's stored networks against the shared random BMs."""
    e = cfg["experiments"]["p16_fig7"]
    seeds = {"bms": [job_seed(cfg, "p16_fig7", "bm", i) for i in range(e["n_bms"])]}
    return job_slice(cfg, seeds, calibration_sets=list(e["calibration_sets"]),
                     n_units=e["n_units"], weight_scale=e["weight_scale"],
                     dkl_time_points=cfg["experiments"]["dkl_time_points"])


def claims(cfg: Mapping[str, Any]) -> jobs.Job:
    return job_slice(cfg)


GENERATIVE_MODELS = ("mnist", "imbalanced", "completion")  # the RBMs of L18 Fig 3-4


def generative_claims(cfg: Mapping[str, Any]) -> jobs.GenerativeClaimsJob:
    """The claims of the trained models (L18 Fig 3-4 and the sampling fidelity of its models):
    the scale and the CAST iterations each model was trained for (the table says which models
    decided it: docs/paper_models.yaml trains L18's)."""
    models = cfg["training"]["models"]
    judged = set(GENERATIVE_MODELS) | set(cfg["experiments"]["sampling_fidelity"]["models"])
    return job_slice(cfg, n_iterations={m: models[m]["n_iterations"] for m in sorted(judged)})


def shared_stage_slices(cfg: Mapping[str, Any]) -> dict[str, Slice]:
    """One slice of every job kind of the shared stages (data, training, calibration, claims),
    by job name."""
    out = {"mnist": mnist(cfg), "p16_digits": p16_digits(cfg),
           "calibration_grid": calibration_grid(cfg), "claims": claims(cfg),
           "generative_claims": generative_claims(cfg)}
    out |= {f"bars:{d}": bars(cfg, d) for d in BAR_SETS}
    out |= {f"mnist_subset:{s}": mnist_subset(cfg, s) for s in L18_FIG4_MODELS}
    out |= {f"training:{m}": training(cfg, m) for m in cfg["training"]["models"]}
    out |= {f"classification:{m}": classification(cfg, m) for m in cfg["training"]["models"]}
    out |= {f"calibration:{s}": calibration(cfg, s) for s in cfg["calibration"]["sets"]}
    return out


def all_slices(cfg: Mapping[str, Any]) -> dict[str, Slice]:
    """Every kind of job slice of the resolved config, by job name (first run of each kind):
    the shared stages' and each figure family's own (``experiments.<family>.job_slices``).

    The workflow builds them all before any job, so a config that cannot be sliced fails at
    once; the tests compare them across config edits.
    """
    from .. import experiments  # the families build their slices from this module's pieces

    out = shared_stage_slices(cfg)
    for family in experiments.FAMILIES:
        out |= family.job_slices(cfg)
    return out
