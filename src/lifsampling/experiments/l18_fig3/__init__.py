"""L18 Fig 3: the MNIST RBM (784-600-10) as a generative model, Gibbs vs its LIF+STP network.

Per seed, one Gibbs chain and one run of the LIF+STP network (same W, b) produce `n_samples`
consecutive samples each (the network: one every tau_ref). From them: the ISL of the test
images against the number of samples (L18 eq. 11, panel b; at 1e3 samples, panel c), the mode
of every sample (the label with the highest activity, panel d) and the samples kept for the
tSNE embedding (panel e). OPT (random picks from an AST base set) and POM (product of the
training set's pixel marginals) are the references of panel b.

The family in three modules: `science` (runs and analyses), `config_slices` (each job's type
and config slice) and, here, what the workflow calls: the claims and how they are judged
(classification, ISL at 1e3 samples and at the end, the references, mode durations; the
same tests on the RBM of a dataset of yours) and one job function per rule.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np
import xarray as xr

from ... import io
from ...claims import STUDY, Claim, Interval, binomial_accuracy, interval, over_seeds
from ..generative import best_scan_set, read_best_scan_set, read_rbm
from .config_slices import (
    LARGE_NETWORKS,
    PAPER,
    STP_SCANS,
    ClassifyGibbsJob,
    ClassifyLifJob,
    L18Fig3AggregateJob,
    L18Fig3AnalysisJob,
    L18Fig3Isl1e3AnalysisJob,
    L18Fig3Isl1e3Job,
    L18Fig3ReferencesJob,
    L18Fig3RunJob,
    L18Fig3ScanBlockJob,
    L18Fig3ScanJob,
    L18Fig3TsneJob,
    classified_models,
    classify_gibbs_slice,
    classify_lif_slice,
    generative_experiments,
    job_slices,
    l18_fig3_aggregate_slice,
    l18_fig3_analysis_slice,
    l18_fig3_isl_1e3_analysis_slice,
    l18_fig3_isl_1e3_blocks,
    l18_fig3_isl_1e3_slice,
    l18_fig3_references_slice,
    l18_fig3_run_slice,
    l18_fig3_scan_block_slice,
    l18_fig3_scan_blocks,
    l18_fig3_scan_slice,
    l18_fig3_tsne_slice,
)
from .science import (
    ISL_AT,
    SAMPLE_ENCODING,
    SAMPLERS,
    SHORT_RUN_ENCODING,
    aggregate,
    analyse,
    classification,
    isl_points,
    lif_classification,
    read_network_inputs,
    references,
    scan_block,
    scan_grid,
    short_run_statistics,
    short_runs,
    simulate,
    test_images,
    tsne_embedding,
)

__all__ = [  # the family's interface (experiments.FAMILIES, the rules, the tests)
    "CLAIMS", "CLAIM_INPUTS", "ISL_AT", "LARGE_NETWORKS", "PAPER", "SAMPLERS", "STP_SCANS",
    "TRAINED_MODELS",
    "aggregate", "analyse", "best_scan_set", "classification", "classified_models",
    "classify_gibbs_slice", "classify_lif_slice", "generative_experiments", "isl_points",
    "job_slices", "judge_claims", "judge_generative", "judge_present_claims",
    "l18_fig3_aggregate_slice",
    "l18_fig3_analysis_slice", "l18_fig3_isl_1e3_analysis_slice", "l18_fig3_isl_1e3_blocks",
    "l18_fig3_isl_1e3_slice", "l18_fig3_references_slice", "l18_fig3_run_slice",
    "l18_fig3_scan_block_slice", "l18_fig3_scan_blocks", "l18_fig3_scan_slice",
    "l18_fig3_tsne_slice", "paired_accuracy_difference", "read_network_inputs", "references",
    "scan_block", "scan_grid", "short_run_statistics", "short_runs", "simulate",
    "test_images", "tsne_embedding", "user_generative_claims",
]

LOG = logging.getLogger(__name__)


# ----------------------------------------------------------------------------- claims

TRAINED_MODELS = ("mnist",)  # the claims this trained RBM decides alone (generative_claims)
# why quick cannot decide these (the sizes: config training.models.mnist.n_iterations,
# experiments.l18_fig3.classification.n_images, experiments.l18_fig3.n_samples)
CLASS_ONLY_PAPER = ("the accuracy is a property of the trained RBM: quick trains a fraction of "
                    "L18's 2e5 CAST iterations and classifies part of the 10,000 test images")
ISL_ONLY_PAPER = "the claim is about more than 1e5 samples per chain; quick draws far fewer"
CLAIMS = (
    Claim("l18_class_gibbs", "L18", "3", "Gibbs classifier accuracy on the MNIST test set",
          "93.4 %", "binomial 95 % interval within 93.4 +- {bound:.0%} (bound not in L18)",
          0.01,
          why_not_quick=CLASS_ONLY_PAPER),
    # L18: 93.2 % against Gibbs' 93.4 %, "only slightly worse": a claim about the sampler on
    # the same (W, b), judged as a difference on the same images, so the images' difficulty
    # (the first test images are harder) cancels
    Claim("l18_class_lif", "L18", "3", "LIF+STP classifier only slightly worse than Gibbs, "
          "same W, b", "93.2 % vs 93.4 %", "paired 95 % interval of the accuracy difference "
          "LIF+STP - Gibbs on the same test images within +-{bound:.0%} (bound not in L18)",
          0.01, ("quick", "paper")),
    Claim("l18_isl_lif_above_gibbs", "L18", "3b,c", "LIF+STP ISL > Gibbs ISL at 1e3 samples "
          "(over seeds)", "higher", "95 % interval over seeds of ISL(LIF+STP) - ISL(Gibbs) "
          "above 0", None, ("quick", "paper")),
    Claim("l18_isl_converge", "L18", "3b", "LIF+STP and Gibbs ISL converge for > 1e5 samples",
          "converge", "95 % interval over seeds of (ISL(LIF+STP) - ISL(Gibbs)) / |ISL(Gibbs)| "
          "within +- {bound:.0%} at the last point (bound not in L18)", 0.02,
          why_not_quick=ISL_ONLY_PAPER),
    Claim("l18_isl_opt_pom", "L18", "3b", "OPT highest, POM lowest ISL", "order (read off "
          "Fig 3b; the text only shows them for comparison)",
          "at the last point, 95 % intervals over seeds: OPT above both samplers, POM below",
          None, ("quick", "paper")),
    Claim("l18_mode_durations", "L18", "3d", "LIF+STP mode durations shorter than Gibbs",
          "shorter", "95 % interval over seeds of the mean stay, LIF+STP - Gibbs, below 0",
          None, ("quick", "paper")),
    Claim("l18_isl_best_above_gibbs", "L18", "3c (3a set)",
          "the best STP set of the Fig 3a scans: "
          "ISL > Gibbs ISL at 1e3 samples (set chosen on the scans, judged on fresh seeds)",
          "higher", "95 % interval over seeds of ISL(best set) - ISL(Gibbs) above 0", None,
          ("quick", "paper"), table=STUDY),
    Claim("l18_isl_best_above_renewing", "L18", "3c (3a set)",
          "the best STP set of the Fig 3a scans: "
          "ISL > renewing ISL at 1e3 samples (fresh seeds)", "implied",
          "95 % interval over seeds of ISL(best set) - ISL(renewing) above 0", None,
          ("quick", "paper"), table=STUDY),
    Claim("l18_isl_lif_above_renewing", "L18", "3b,c", "LIF+STP ISL > ISL of the same network "
          "with renewing synapses at 1e3 samples (STP, not spiking, helps)", "implied",
          "95 % interval over seeds of ISL(LIF+STP) - ISL(renewing) above 0", None,
          ("quick", "paper"), table=STUDY),
    Claim("l18_mode_durations_vs_renewing", "L18", "3d", "LIF+STP mode durations shorter than "
          "those of the same network with renewing synapses", "implied",
          "95 % interval over seeds of the mean stay, LIF+STP - renewing, below 0", None,
          ("quick", "paper"), table=STUDY),
    Claim("l18_mode_durations_best_vs_gibbs", "L18", "3d (3a set)",
          "the best STP set of the Fig 3a "
          "scans: mode durations shorter than Gibbs (fresh seeds, 1e3 samples)", "shorter",
          "95 % interval over seeds of the mean stay in the short runs, best set - Gibbs, "
          "below 0", None, ("quick", "paper"), table=STUDY),
    Claim("l18_mode_durations_best_vs_renewing", "L18", "3d (3a set)",
          "the best STP set of the Fig 3a "
          "scans: mode durations shorter than renewing (fresh seeds, 1e3 samples)", "implied",
          "95 % interval over seeds of the mean stay in the short runs, best set - renewing, "
          "below 0", None, ("quick", "paper"), table=STUDY),
    Claim("l18_fig3a_depression_essential", "L18", "3a", "short-term depression is "
          "essential for high ISL values; a small U0 with facilitation is beneficial",
          "essential; beneficial", "-", not_measured="the Fig 3a scans hold no set without "
          "depression (tau_rec -> 0) on the same seeds, and no interval over scan seeds"),
    Claim("l18_fig3e_more_diverse", "L18", "3e", "the spiking network covers a larger "
          "volume of sample space than the Gibbs chain", "larger", "-",
          not_measured="a diversity statistic of the samples (e.g. mean pairwise Hamming "
          "distance of 1800 consecutive samples) over seeds; t-SNE normalises the area"),
    Claim("l18_isl_beta_insensitive", "L18", "Methods", "the ISL comparison does not depend "
          "on the ISL's smoothing parameter beta", "insensitive", "-",
          not_measured="the ISL at 1e3 samples over a range of beta (one beta is computed)"),
)
CLAIM_INPUTS = ("l18_fig3", "classification_mnist", "classification_mnist_lif")


def _binomial_interval(accuracy: float, n: int) -> Interval:
    half = 1.96 * np.sqrt(accuracy * (1 - accuracy) / n)
    return Interval(accuracy, accuracy - half, accuracy + half, n)


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Classification (binomial intervals), ISL at 1e3 samples and at the end, the
    references, mode durations (intervals over seeds)."""
    _judge_classification(claims, datasets, scale)
    judge_generative(claims, datasets["l18_fig3"], scale, "l18_")


def judge_present_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                         scale: str) -> None:
    """The claims a run of part of the family decides: the classification rows from the two
    classifications (10,000 images at paper: an hour), the rest from the aggregate of the
    1e5-sample runs (13.5 CPU-h at paper)."""
    if {"classification_mnist", "classification_mnist_lif"} <= set(datasets):
        _judge_classification(claims, datasets, scale)
    if "l18_fig3" in datasets:
        judge_generative(claims, datasets["l18_fig3"], scale, "l18_")


def _judge_classification(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                          scale: str) -> None:
    acc = datasets["classification_mnist"]["accuracy"]
    gibbs, exact = float(acc.sel(classifier="gibbs")), float(acc.sel(classifier="exact"))
    n_test = datasets["classification_mnist"].sizes["sample"]
    c = claims["l18_class_gibbs"]
    c.judge_interval(f"{binomial_accuracy(gibbs, n_test)} on {n_test} test images (exact "
                     f"posterior {100 * exact:.1f} %)", _binomial_interval(gibbs, n_test),
                     (0.934 - c.bound, 0.934 + c.bound), "within", scale)
    lif_ds = datasets["classification_mnist_lif"]
    lif, exact_lif = (float(lif_ds["accuracy"].sel(classifier=k)) for k in ("lif_stp", "exact"))
    n_lif = lif_ds.attrs["n_images"]
    difference = paired_accuracy_difference(lif_ds, datasets["classification_mnist"], "lif_stp",
                                            "gibbs")
    gibbs_same = lif - difference.mean
    c = claims["l18_class_lif"]
    c.judge_interval(f"{binomial_accuracy(lif, n_lif)} against Gibbs {100 * gibbs_same:.1f} % "
                     f"on the same {n_lif} test images (exact posterior {100 * exact_lif:.1f} "
                     f"%); difference {100 * difference.mean:+.1f} % [{100 * difference.low:+.1f}, "
                     f"{100 * difference.high:+.1f}]", difference, (-c.bound, c.bound), "within",
                     scale)


def paired_accuracy_difference(first: xr.Dataset, second: xr.Dataset, classifier_1: str,
                               classifier_2: str) -> Interval:
    """Accuracy of `classifier_1` (in `first`) minus that of `classifier_2` (in `second`) on
    the images both classified (the first ones of the test set), with the t-interval of the
    per-image differences (each -1, 0 or +1): pairing removes the images' own difficulty."""
    n = min(first.sizes["sample"], second.sizes["sample"])
    labels = first["label"].values[:n]
    if not np.array_equal(labels, second["label"].values[:n]):
        raise ValueError("the two classifications do not share their first test images")
    right = [(ds["prediction"].sel(classifier=k).values[:n] == labels).astype(float)
             for ds, k in ((first, classifier_1), (second, classifier_2))]
    return interval(right[0] - right[1])


def judge_generative(claims: dict[str, Claim], ds: xr.Dataset, scale: str, prefix: str) -> None:
    """L18 Fig 3b-d's claims on one member's aggregate `ds` (claim ids `<prefix>isl_...`,
    `<prefix>mode_durations...`): ISL (L18 eq. 11) at 1e3 samples and at the end, the
    references, mode durations (intervals over seeds)."""
    n_used = ds["n_used"].values
    at = ds["isl_1e3"]
    best = ", ".join(f"{k} {ds.attrs[f'best_{k}']:g}" for k in ("U0", "tau_rec_ms",
                                                                "tau_fac_ms"))
    for arm, arm_name, claim in (("lif_stp", "LIF+STP", "isl_lif_above"),
                                 ("lif_best", f"best set ({best})", "isl_best_above")):
        values = at.sel(short_sampler=arm).values
        for other, name in (("gibbs", "Gibbs"), ("lif_renewing", "renewing")):
            ref = at.sel(short_sampler=other).values
            iv = interval(values - ref)
            claims[f"{prefix}{claim}_{name.lower()}"].judge_interval(
                f"{arm_name} {over_seeds(values)} vs {name} {over_seeds(ref)} nat at 1e3 "
                f"samples (short runs); difference {iv.text('.1f')}", iv, 0.0, "above", scale)
    last = ds["isl"].isel(n_used=-1)
    lif, gibbs = (last.sel(sampler=s).values for s in ("lif_stp", "gibbs"))
    c = claims[f"{prefix}isl_converge"]
    iv = interval((lif - gibbs) / np.abs(gibbs))
    c.judge_interval(f"LIF+STP {over_seeds(lif)} vs Gibbs {over_seeds(gibbs)} nat at "
                     f"{int(n_used[-1])} samples; relative difference {iv.text('.3f')}", iv,
                     (-c.bound, c.bound), "within", scale)
    ref = ds["isl_reference"].isel(n_used=-1)
    opt, pom = float(ref.sel(reference="opt")), float(ref.sel(reference="pom"))
    claims[f"{prefix}isl_opt_pom"].judge_intervals(
        f"OPT {opt:.1f}, LIF+STP {lif.mean():.1f}, Gibbs {gibbs.mean():.1f}, POM {pom:.1f} nat "
        f"(samplers: mean of {lif.size} seeds)",
        {"opt - lif": interval(opt - lif), "opt - gibbs": interval(opt - gibbs),
         "lif - pom": interval(lif - pom), "gibbs - pom": interval(gibbs - pom)}, 0.0,
        "above", scale)
    stay = ds["mean_mode_duration"]
    s_lif, s_gibbs = float(stay.sel(sampler="lif_stp")), float(stay.sel(sampler="gibbs"))
    per_seed = ds["seed_mode_duration"]
    iv = interval(per_seed.sel(sampler="lif_stp").values - per_seed.sel(sampler="gibbs").values)
    claims[f"{prefix}mode_durations"].judge_interval(
        f"LIF+STP {s_lif:.1f} vs Gibbs {s_gibbs:.1f} samples per stay, pooled; per seed "
        f"{over_seeds(per_seed.sel(sampler='lif_stp'))} vs "
        f"{over_seeds(per_seed.sel(sampler='gibbs'))}, difference {iv.text('.1f')}", iv, 0.0,
        "below", scale)
    s_ren = float(stay.sel(sampler="lif_renewing"))
    iv = interval(per_seed.sel(sampler="lif_stp").values
                  - per_seed.sel(sampler="lif_renewing").values)
    claims[f"{prefix}mode_durations_vs_renewing"].judge_interval(
        f"LIF+STP {s_lif:.1f} vs renewing {s_ren:.1f} samples per stay, pooled; per seed "
        f"difference {iv.text('.1f')}", iv, 0.0, "below", scale)
    short_stay = ds["stay_1e3"]
    best_stay = short_stay.sel(short_sampler="lif_best").values
    for other, name in (("gibbs", "Gibbs"), ("lif_renewing", "renewing")):
        ref = short_stay.sel(short_sampler=other).values
        iv = interval(best_stay - ref)
        claims[f"{prefix}mode_durations_best_vs_{name.lower()}"].judge_interval(
            f"best set ({best}) {over_seeds(best_stay)} vs {name} {over_seeds(ref)} samples "
            f"per stay over 1e3 samples (short runs); difference {iv.text('.1f')}", iv, 0.0,
            "below", scale)


def user_generative_claims(name: str, ds: xr.Dataset, scale: str) -> list[Claim]:
    """L18 Fig 3b-d's tests on the RBM of your dataset `name` (`ds`: its aggregate,
    results/sims/generative_<name>.nc): a table of its own, ids `generative_<name>_...`."""
    prefix = f"generative_{name}_"
    claims = {}
    for template in CLAIMS:
        if template.id.startswith("l18_class") or template.not_measured:
            continue  # classification: MNIST's test set (rules classify_*); unmeasured rows
        cid = prefix + template.id.removeprefix("l18_")
        claims[cid] = template.for_member(f"generative_{name}", cid)
    judge_generative(claims, ds, scale, prefix)
    return list(claims.values())


# ----------------------------------------------------------------------------- job functions


OUTPUT_ENCODING = {"l18_fig3_run": SAMPLE_ENCODING, "l18_fig3_isl_1e3": SHORT_RUN_ENCODING}


def l18_fig3_scan_block(job: L18Fig3ScanBlockJob, *, model: str, data: str,
                        calibration: str) -> xr.Dataset:
    """A block of Fig 3a scan points in one NEST kernel (`scan_block`)."""
    ds = scan_block(job, *read_network_inputs(model, data, calibration))
    for stp, value in zip(job["stp_sets"], ds["isl"].values, strict=True):
        LOG.info("STP %s: ISL %.2f nat", stp, value)
    return ds


def l18_fig3_scan(job: L18Fig3ScanJob, *, blocks: Sequence[str]) -> xr.Dataset:
    """One Fig 3a scan as a grid (`scan_grid`)."""
    return scan_grid(job, [io.read_dataset(f, ["isl"]) for f in blocks])


def l18_fig3_run(job: L18Fig3RunJob, *, model: str, calibration: str) -> xr.Dataset:
    """Gibbs and the spiking samplers of one seed, stored for the analysis (`simulate`)."""
    ds = simulate(job, read_rbm(model), io.read_dataset(calibration, ["p_mean"]))
    LOG.info("%d samples per sampler; on-pixels per sample %s; mean rate %.1f Hz",
             job["n_samples"], ds["pixel_sample"].sum("pixel").mean("sample").values.round(1)
             .tolist(), float(ds["mean_rate"]))
    return ds


def l18_fig3_analysis(job: L18Fig3AnalysisJob, *, samples: str, data: str) -> xr.Dataset:
    """ISL over samples, modes and rates of one seed's samples (`analyse`)."""
    ds = analyse(job, io.read_dataset(samples, ["pixel_sample", "gibbs_label_sample",
                                                "spike_time"]),
                 io.read_dataset(data, ["image", "split"]))
    LOG.info("ISL at %d samples: %s; mean rate %.1f Hz", int(ds["n_used"][-1]),
             ds["isl"].isel(n_used=-1).values.round(2).tolist(), float(ds["mean_rate"]))
    return ds


def l18_fig3_isl_1e3(job: L18Fig3Isl1e3Job, *, model: str, calibration: str,
                     scans: Sequence[str]) -> xr.Dataset:
    """Short runs of 1e3 samples of a block of seeds (`short_runs`)."""
    ds = short_runs(job, read_rbm(model), io.read_dataset(calibration, ["p_mean"]),
                    read_best_scan_set(scans))
    LOG.info("seeds %s (%s): on-pixels per sample %s", job["runs"],
             ds["short_sampler"].values.tolist(),
             ds["pixel_sample"].sum("pixel").mean("sample").values.round(1).tolist())
    return ds


def l18_fig3_isl_1e3_analysis(job: L18Fig3Isl1e3AnalysisJob, *, samples: str, data: str
                              ) -> xr.Dataset:
    """ISL at 1e3 samples of a block of short runs (`short_run_statistics`)."""
    ds = short_run_statistics(job, io.read_dataset(samples, ["pixel_sample",
                                                             "gibbs_label_sample",
                                                             "spike_time"]),
                              io.read_dataset(data, ["image", "split"]))
    LOG.info("seeds %s: ISL at 1e3 (%s) %s", ds["short_seed"].values.tolist(),
             ds["short_sampler"].values.tolist(), ds["isl_1e3"].values.round(2).tolist())
    return ds


def l18_fig3_references(job: L18Fig3ReferencesJob, *, model: str, data: str
                        ) -> xr.Dataset:
    """OPT, POM and AST of the member's RBM (`references`)."""
    ds = references(job, read_rbm(model), io.read_dataset(data, ["image", "split"]))
    LOG.info("ISL OPT, POM: %s; AST valid fraction %.3f",
             ds["isl_reference"].isel(n_used=-1).values.round(2).tolist(),
             float(ds["ast_valid_fraction"]))
    return ds


def l18_fig3_aggregate(job: L18Fig3AggregateJob, *, runs: Sequence[str], references: str,
                       short_runs: Sequence[str]) -> xr.Dataset:
    """Every seed, the references and the short runs in one Dataset (`aggregate`)."""
    return aggregate(job, [io.read_dataset(f, ["isl", "mode"]) for f in runs],
                     io.read_dataset(references, ["isl_reference"]),
                     [io.read_dataset(f, ["isl_1e3"]) for f in short_runs])


def l18_fig3_tsne(job: L18Fig3TsneJob, *, fig3: str) -> xr.Dataset:
    """The t-SNE map of Fig 3d (`tsne_embedding`)."""
    return tsne_embedding(job, io.read_dataset(fig3, ["tsne_image", "mode"]))


def classify_gibbs(job: ClassifyGibbsJob, *, model: str, data: str) -> xr.Dataset:
    """Exact and Gibbs classification of the test images (`classification`)."""
    ds = classification(job, read_rbm(model), io.read_dataset(data, ["image", "label", "split"]))
    LOG.info("test accuracy: %s", dict(zip(ds["classifier"].values.tolist(),
                                           ds["accuracy"].values.round(4).tolist(), strict=True)))
    return ds


def classify_lif(job: ClassifyLifJob, *, model: str, data: str, calibration: str
                 ) -> xr.Dataset:
    """The LIF+STP network as a classifier (`lif_classification`)."""
    ds = lif_classification(job, read_rbm(model),
                            io.read_dataset(data, ["image", "label", "split"]),
                            io.read_dataset(calibration, ["p_mean"]))
    LOG.info("accuracy %s on %d images; %d without label spike",
             ds["accuracy"].values.round(4).tolist(), ds.attrs["n_images"],
             ds.attrs["no_label_spike"])
    return ds
