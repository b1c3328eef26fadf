"""L18 Fig 3's claims and how they are judged: classification, ISL at 1e3 samples and at the
end, the references, mode durations; the same tests on the RBM of a dataset of yours."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import xarray as xr

from ...claims import STUDY, Claim, Interval, binomial_accuracy, interval, over_seeds

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
