"""What each job of L18 Fig 3 reads of the resolved config (lifsampling.config.slices)."""

# No `from __future__ import annotations`: the job types' TypedDicts read `NotRequired` only
# from evaluated annotations.

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

from ...config import jobs, slices

# family's members: L18 Fig 3 on MNIST (`PAPER`) and one per dataset of yours with a
# `generative` entry (`generative_<name>`), the same runs and analysis on the RBM trained on it.

PAPER = "l18_fig3"
STP_SCANS = ("tau_rec", "tau_fac")  # L18 Fig 3a: the two 2D scans (experiments.l18_fig3.stp_scans)
# MNIST-sized networks (K = 500): NEST runs them on nest.large_networks' virtual processes
LARGE_NETWORKS = True


def generative_experiments(cfg: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every member of the family, by name: `experiments.l18_fig3` with the model and the data
    it samples and judges. Your datasets' members take the sizes of
    `experiments.user_generative` and take the ISL on all their test patterns."""
    e = cfg["experiments"]["l18_fig3"]
    out = {PAPER: {**e, "model": "mnist", "data": "mnist",
                   "n_test_isl": cfg["data"]["mnist"]["n_test_isl"]}}
    for member, name in slices.user_generative_members(cfg).items():
        model = slices.user_model(name)
        out[member] = {**e, **cfg["experiments"]["user_generative"], "model": model,
                       "data": model, "n_test_isl": None, "dataset": name}
    return out


def _member(cfg: Mapping[str, Any], experiment: str) -> dict[str, Any]:
    return generative_experiments(cfg)[experiment]


def _yours(e: Mapping[str, Any]) -> dict[str, str]:
    """The dataset name of one of your members (titles of its files); nothing for the paper's."""
    return {"dataset": e["dataset"]} if "dataset" in e else {}


def _isl(e: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "n_samples": e["n_samples"],
        "isl_points": e["isl_points"],
        "isl_beta": e["isl_beta"],
        "n_test_isl": e["n_test_isl"],
    }


# The type of each job's slice: the keys its job reads (plain dicts at run time).


class ISLSettings(TypedDict):
    """How the ISL (L18 eq. 11) of samples is read: on the first `n_test_isl` test images
    (None: all test patterns of your dataset)."""

    isl_beta: float
    n_test_isl: int | None


class Member(TypedDict):
    """A job of L18 Fig 3's family on one of your datasets names it (`generative_<name>`)."""

    dataset: NotRequired[str]


class L18Fig3RunJob(jobs.GenerativeJob, Member):
    n_samples: int
    seed_index: int


class L18Fig3AnalysisJob(jobs.Job, ISLSettings, Member):
    """What is read from one seed's stored samples (no simulation reads these keys)."""

    isl_points: int
    mode_window: int  # samples (label states) per mode read-out
    n_tsne: int
    burn_in_ms: float
    sample_interval_ms: float  # tau_ref: one sample per refractory time


class L18Fig3Isl1e3Job(jobs.GenerativeJob, Member):
    """L18 Fig 3c-d: 1e3 samples of every sampler for a block of seeds (`runs`)."""

    runs: list[int]
    n_samples: int  # per short run (l18_fig3.isl_1e3.n_samples)


class L18Fig3Isl1e3AnalysisJob(jobs.Job, ISLSettings, Member):
    """What is read from one block's stored short runs (no simulation reads these keys)."""

    mode_window: int  # samples (label states) per mode read-out
    burn_in_ms: float
    sample_interval_ms: float  # tau_ref: one sample per refractory time


class L18Fig3ReferencesJob(jobs.Job, ISLSettings, Member):
    n_samples: int
    isl_points: int
    n_opt_base: int
    ast_chains: int
    betas: dict[str, float]
    gamma: dict[str, float]


class L18Fig3ScanBlockJob(jobs.NetworkJob, ISLSettings, Member):
    """A block of points of one L18 Fig 3a scan: one network per STP set, one kernel."""

    scan: str
    seed_index: int
    stp_sets: list[jobs.STPParameters]
    n_samples: int
    burn_in_ms: float


class L18Fig3ScanJob(jobs.Job, Member):
    scan: str
    U0: list[float]
    values_ms: list[float]
    fixed_ms: float
    n_seeds: int
    n_samples: int


class L18Fig3AggregateJob(jobs.Job, Member):
    n_seeds: int


class L18Fig3TsneJob(jobs.Job, Member):
    perplexity: float


class ClassifyGibbsJob(jobs.Job):
    burn_in: int
    n_steps: int


class ClassifyLifJob(jobs.NetworkJob):
    stp: jobs.STPParameters
    n_images: int
    image_ms: float
    settle_ms: float
    clamp_mV: float
    pixels: str  # how a pixel is held: clamped_neurons or spike_sources (`generative.held_units`)
    burn_in_ms: float


def l18_fig3_run_slice(cfg: Mapping[str, Any], experiment: str, seed: int
                       ) -> L18Fig3RunJob:
    """L18 Fig 3: Gibbs and LIF+STP samples of the member's RBM, for one seed (the
    simulation; `l18_fig3_analysis` reads them)."""
    e = _member(cfg, experiment)
    seeds = {
        "gibbs": slices.job_seed(cfg, experiment, "gibbs", seed),
        "lif": slices.job_seed(cfg, experiment, "lif", seed),
    }
    return slices.job_slice(
        cfg,
        seeds,
        **slices.calibrated_cell(cfg, e["calibration"]),
        **slices.spiking_samplers(cfg, e),
        **_yours(e),
        n_samples=e["n_samples"],
        burn_in_ms=e["burn_in_ms"],
        nest=slices.nest_settings(cfg, LARGE_NETWORKS),
        seed_index=seed,
    )


def _sample_read_out(cfg: Mapping[str, Any], e: Mapping[str, Any]) -> dict[str, Any]:
    """What an analysis of stored samples reads: the ISL's test images and beta, the mode
    window, the burn-in and the sampling interval (one sample per tau_ref)."""
    neuron = slices.calibrated_cell(cfg, e["calibration"])["neuron"]
    return {**_yours(e), "isl_beta": e["isl_beta"], "n_test_isl": e["n_test_isl"],
            "mode_window": e["mode_window"], "burn_in_ms": e["burn_in_ms"],
            "sample_interval_ms": neuron["tau_refrac"]}


def l18_fig3_analysis_slice(cfg: Mapping[str, Any], experiment: str
                            ) -> L18Fig3AnalysisJob:
    """L18 Fig 3b, d, e read from one seed's stored samples: ISL curve, modes, tSNE images."""
    e = _member(cfg, experiment)
    return slices.job_slice(cfg, **_sample_read_out(cfg, e), isl_points=e["isl_points"],
                            n_tsne=e["n_tsne"])


def l18_fig3_isl_1e3_blocks(cfg: Mapping[str, Any], experiment: str) -> list[list[int]]:
    """The seeds of L18 Fig 3c's short runs, in blocks of `seeds_per_job` (one job each)."""
    s = _member(cfg, experiment)["isl_1e3"]
    return slices.in_blocks(range(s["n_seeds"]), s["seeds_per_job"])


def l18_fig3_isl_1e3_slice(cfg: Mapping[str, Any], experiment: str, block: int
                           ) -> L18Fig3Isl1e3Job:
    """L18 Fig 3c: 1e3 samples of Gibbs and of the spiking samplers for each seed of one
    block."""
    e = _member(cfg, experiment)
    runs = l18_fig3_isl_1e3_blocks(cfg, experiment)[block]
    seeds = {
        kind: [slices.job_seed(cfg, experiment, "isl_1e3", kind, r) for r in runs]
        for kind in ("gibbs", "lif")
    }
    return slices.job_slice(
        cfg,
        seeds,
        **slices.calibrated_cell(cfg, e["calibration"]),
        **slices.spiking_samplers(cfg, e),
        **_yours(e),
        runs=runs,
        n_samples=e["isl_1e3"]["n_samples"],
        burn_in_ms=e["burn_in_ms"],
        nest=slices.nest_settings(cfg, LARGE_NETWORKS),
    )


def l18_fig3_isl_1e3_analysis_slice(cfg: Mapping[str, Any], experiment: str
                                    ) -> L18Fig3Isl1e3AnalysisJob:
    """L18 Fig 3c-d read from one block's stored short runs: ISL at 1e3 samples, mode stays."""
    return slices.job_slice(cfg, **_sample_read_out(cfg, _member(cfg, experiment)))


def l18_fig3_references_slice(cfg: Mapping[str, Any], experiment: str
                              ) -> L18Fig3ReferencesJob:
    """L18 Fig 3b: OPT (AST base set, CAST's temperatures) and POM."""
    e, t = _member(cfg, experiment), cfg["training"]
    return slices.job_slice(
        cfg,
        {"references": slices.job_seed(cfg, experiment, "references")},
        **_isl(e),
        **_yours(e),
        n_opt_base=e["n_opt_base"],
        ast_chains=e["ast_chains"],
        betas=dict(t["betas"]),
        gamma=dict(t["gamma"]),
    )


def classify_lif_slice(cfg: Mapping[str, Any]) -> ClassifyLifJob:
    """L18 Fig 3: the LIF+STP network classifying test images, visible layer clamped."""
    e = cfg["experiments"]["l18_fig3"]
    c = e["classification"]
    return slices.job_slice(
        cfg,
        {"lif": slices.job_seed(cfg, "l18_fig3", "classify_lif")},
        **slices.calibrated_cell(cfg, e["calibration"]),
        stp=dict(cfg["stp"][e["stp"]]),
        **c,
        burn_in_ms=e["burn_in_ms"],
        nest=slices.nest_settings(cfg, LARGE_NETWORKS),
    )


def l18_fig3_scan_blocks(cfg: Mapping[str, Any], experiment: str, scan: str
                         ) -> list[tuple[int, list[list[int]]]]:
    """(seed, [[i, j], ...]) of every NEST job of one scan: its points (U0[i], values[j]) in
    blocks of `points_per_job`, one block per job and seed."""
    s = _member(cfg, experiment)["stp_scans"]
    points = [[i, j] for i in range(len(s[scan]["U0"])) for j in range(len(s[scan]["values_ms"]))]
    blocks = [
        points[k : k + s["points_per_job"]] for k in range(0, len(points), s["points_per_job"])
    ]
    return [(seed, block) for seed in range(s["n_seeds"]) for block in blocks]


def l18_fig3_scan_block_slice(
    cfg: Mapping[str, Any], experiment: str, scan: str, block: int
) -> L18Fig3ScanBlockJob:
    """L18 Fig 3a: the LIF+STP networks at a block of points of one 2D STP scan, side by side
    in one NEST kernel (each with its own background; the block's seed draws them)."""
    e = _member(cfg, experiment)
    s = e["stp_scans"][scan]
    seed, points = l18_fig3_scan_blocks(cfg, experiment, scan)[block]
    stp_sets = [
        {"U0": s["U0"][i], "tau_rec_ms": s["values_ms"][j], "tau_fac_ms": s["fixed_ms"]}
        if scan == "tau_rec"
        else {"U0": s["U0"][i], "tau_rec_ms": s["fixed_ms"], "tau_fac_ms": s["values_ms"][j]}
        for i, j in points
    ]
    seeds = {
        "lif": slices.job_seed(cfg, experiment, "scan", scan, seed,
                               *(k for p in points for k in p))
    }
    return slices.job_slice(
        cfg,
        seeds,
        **slices.calibrated_cell(cfg, e["calibration"]),
        **_yours(e),
        stp_sets=stp_sets,
        scan=scan,
        seed_index=seed,
        n_samples=e["stp_scans"]["n_samples"],
        isl_beta=e["isl_beta"],
        n_test_isl=e["n_test_isl"],
        burn_in_ms=e["burn_in_ms"],
        nest=slices.nest_settings(cfg, LARGE_NETWORKS),
    )


def l18_fig3_scan_slice(cfg: Mapping[str, Any], experiment: str, scan: str
                        ) -> L18Fig3ScanJob:
    e = _member(cfg, experiment)
    s = e["stp_scans"]
    return slices.job_slice(
        cfg, **_yours(e), scan=scan, **s[scan], n_seeds=s["n_seeds"], n_samples=s["n_samples"]
    )


def l18_fig3_tsne_slice(cfg: Mapping[str, Any], experiment: str) -> L18Fig3TsneJob:
    e = _member(cfg, experiment)
    return slices.job_slice(
        cfg,
        {"tsne": slices.job_seed(cfg, experiment, "tsne")},
        **_yours(e),
        perplexity=e["tsne_perplexity"],
    )


def l18_fig3_aggregate_slice(cfg: Mapping[str, Any], experiment: str
                             ) -> L18Fig3AggregateJob:
    e = _member(cfg, experiment)
    return slices.job_slice(cfg, **_yours(e), n_seeds=e["n_seeds"])


def classified_models(cfg: Mapping[str, Any]) -> list[str]:
    """The models classified on the MNIST test set: those trained on all ten classes."""
    return [m for m, entry in cfg["training"]["models"].items() if entry["data"] == "mnist"]


def classify_gibbs_slice(cfg: Mapping[str, Any], model: str) -> ClassifyGibbsJob:
    """L18 Fig 3: the exact label posterior and L18's benchmark Gibbs classifier of a model."""
    return slices.job_slice(cfg, {"classify": slices.job_seed(cfg, "classify", model)},
                            **cfg["experiments"]["l18_fig3"]["gibbs_classification"])


def job_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """One slice of every job kind of the family, by job name (and member, for yours); built
    before any job: a config that cannot be sliced fails at load."""
    out: dict[str, slices.Slice] = {"classify_lif": classify_lif_slice(cfg)}
    for model in classified_models(cfg):
        out[f"classify_gibbs:{model}"] = classify_gibbs_slice(cfg, model)
    for experiment in generative_experiments(cfg):
        key = "" if experiment == PAPER else f":{experiment}"
        out |= {
            f"l18_fig3_run{key}": l18_fig3_run_slice(cfg, experiment, 0),
            f"l18_fig3_analysis{key}": l18_fig3_analysis_slice(cfg, experiment),
            f"l18_fig3_references{key}": l18_fig3_references_slice(cfg, experiment),
            f"l18_fig3_aggregate{key}": l18_fig3_aggregate_slice(cfg, experiment),
            f"l18_fig3_isl_1e3{key}": l18_fig3_isl_1e3_slice(cfg, experiment, 0),
            f"l18_fig3_isl_1e3_analysis{key}": l18_fig3_isl_1e3_analysis_slice(cfg, experiment),
            f"l18_fig3_tsne{key}": l18_fig3_tsne_slice(cfg, experiment),
        }
        for scan in STP_SCANS:
            out[f"l18_fig3_scan_block:{scan}{key}"] = l18_fig3_scan_block_slice(
                cfg, experiment, scan, 0)
            out[f"l18_fig3_scan:{scan}{key}"] = l18_fig3_scan_slice(cfg, experiment, scan)
    return out
