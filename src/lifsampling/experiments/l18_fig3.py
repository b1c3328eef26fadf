"""L18 Fig 3: the MNIST RBM (784-600-10) as a generative model, Gibbs vs its LIF+STP network.

Per seed, one Gibbs chain and one run of the LIF+STP network (same W, b) produce `n_samples`
consecutive samples each (the network: one every tau_ref). From them: the ISL of the test
images against the number of samples (L18 eq. 11, panel b; at 1e3 samples, panel c), the mode
of every sample (the label with the highest activity, panel d) and the samples kept for the
tSNE embedding (panel e). OPT (random picks from an AST base set) and POM (product of the
training set's pixel marginals) are the references of panel b.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
import xarray as xr

from .. import io, isl, spike_trains
from ..claims import STUDY, Claim, Interval, binomial_accuracy, interval, over_seeds
from ..config import jobs, slices
from ..data import images_and_labels
from ..grids import stack_by_coordinate
from ..modes import label_modes, mode_durations
from ..network import Clamp, STPSet, clamp_current_nA, rbm_network
from ..rbm import RBM, classify_by_sampling, classify_exact
from ..samplers import opt_samples, pom_samples
from .generative import (
    LIF_ARMS,
    ast_samples,
    gibbs_samples,
    lif_arm_samples,
    lif_arms,
    mean_rate,
    sample_grid,
    spiking_label_states,
)

SAMPLERS = ("gibbs", *LIF_ARMS)
ISL_AT = 1000  # L18 Fig 3c: 1e3 samples, 10 s of the network

STP_SCANS = ("tau_rec", "tau_fac")  # L18 Fig 3a: the two 2D scans (experiments.l18_fig3.stp_scans)
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


def read_network_inputs(model: str, data: str, calibration: str
                        ) -> tuple[RBM, xr.Dataset, xr.Dataset]:
    """The trained RBM, the MNIST images and the calibration of a network run's rule inputs."""
    return (RBM.from_dataset(io.read_dataset(model, ["W", "b_v", "b_h"])),
            io.read_dataset(data, ["image", "split"]),
            io.read_dataset(calibration, ["p_mean"]))


def isl_points(n_samples: int, n_points: int) -> np.ndarray:
    """Log-spaced sample counts from 10 to n_samples, always holding 1e3 when reached."""
    points = np.geomspace(10, n_samples, n_points).round().astype(int)
    if n_samples >= ISL_AT:
        points = np.append(points, ISL_AT)
    return np.unique(points)


def test_images(data: xr.Dataset, n_test: int | None) -> np.ndarray:
    """The images the ISL (L18 eq. 11) is taken on: the first `n_test` (None: all) test images
    (L18: 2000); for one of your datasets, the split its file names (`isl_test_split`:
    held-out or training patterns)."""
    return images_and_labels(data, data.attrs.get("isl_test_split", "test"), n_test)[0]


def _rbm_name(job: Mapping[str, Any]) -> str:
    """What a member's files are about: the MNIST RBM, or the RBM of your dataset."""
    return f"the RBM of your dataset {job['dataset']}" if "dataset" in job else "MNIST RBM"


def _accuracy_dataset(predictions: np.ndarray, labels: np.ndarray,
                      classifiers: tuple[str, str], title: str,
                      **extra: tuple) -> xr.Dataset:
    """Accuracy, predictions and true labels of two classifiers on the same images."""
    predictions = np.asarray(predictions, np.int8)
    return xr.Dataset(
        {"accuracy": (("classifier",), (predictions == labels).mean(axis=1),
                      {"long_name": "classification accuracy on the shown test images",
                       "units": "1"}),
         "prediction": (("classifier", "sample"), predictions, {"long_name": "predicted digit"}),
         "label": (("sample",), labels.astype(np.int8), {"long_name": "true digit"}), **extra},
        coords={"classifier": ("classifier", list(classifiers),
                               {"long_name": "classification method"})},
        attrs={"title": title})


def simulate(job: jobs.L18Fig3RunJob, rbm: RBM, calibration: xr.Dataset) -> xr.Dataset:
    """Gibbs, LIF+STP and renewing-LIF samples of the MNIST RBM for one seed (slice
    `l18_fig3_run_slice`), as `analyse` reads them: the pixels of every sample (sampler,
    sample, pixel), Gibbs' label states and the spiking samplers' label spike trains
    (`spike_trains` layout, network dim `spiking_sampler`)."""
    n, n_pix = job["n_samples"], rbm.n_pixels
    v_gibbs = gibbs_samples(rbm, n, job["seeds"]["gibbs"])
    lif = lif_arm_samples(job, rbm, calibration, lif_arms(job))
    pixels = np.stack([v_gibbs[:, :n_pix]] + [z[:, :n_pix] for z, _ in lif.values()])
    labels = spike_trains.trains_dataset([t[n_pix:rbm.n_visible] for _, t in lif.values()],
                                         "spiking_sampler", list(lif))
    ds = xr.Dataset(
        {"pixel_sample": (("sampler", "sample", "pixel"), pixels.astype(np.uint8),
                          {"long_name": "visible state of every sample (pixels)", "units": "1"}),
         "gibbs_label_sample": (("sample", "label_unit"), v_gibbs[:, n_pix:].astype(np.uint8),
                                {"long_name": "Gibbs: state of the label units", "units": "1"}),
         "mean_rate": ((), mean_rate(job, lif["lif_stp"][1]),
                       {"long_name": "mean rate of the visible neurons, LIF+STP network",
                        "units": "Hz"})},
        coords={"sampler": ("sampler", list(SAMPLERS), {"long_name": "sampling method"}),
                "seed": ((), job["seed_index"], {"long_name": "index of the seed"})},
        attrs={"title": f"L18 Fig 3: {_rbm_name(job)} samples, Gibbs vs LIF+STP, one seed",
               "n_samples": n})
    return ds.merge(labels.rename(unit="label_unit"))


SAMPLE_ENCODING = {"pixel_sample": {"zlib": True, "complevel": 4},
                   "gibbs_label_sample": {"zlib": True, "complevel": 4}} | spike_trains.ENCODING


def analyse(job: jobs.L18Fig3AnalysisJob, samples: xr.Dataset, data: xr.Dataset
            ) -> xr.Dataset:
    """One seed's samples read (slice `l18_fig3_analysis_slice`): the ISL of the test images
    against the number of samples (L18 eq. 11, panel b), the mode of every sample (the label
    unit on most often in the last `mode_window` samples, `modes.label_modes`, the same for
    every sampler, panel d) and the first `n_tsne` samples for the tSNE (panel e)."""
    n = samples.sizes["sample"]
    pixels = {s: samples["pixel_sample"].sel(sampler=s).values for s in SAMPLERS}
    times = sample_grid(job["burn_in_ms"], job["sample_interval_ms"], n)
    labels = samples.rename(label_unit="unit")
    label_states = [samples["gibbs_label_sample"].values] + [
        spiking_label_states(labels, "spiking_sampler", s, times, job["sample_interval_ms"])
        for s in SAMPLERS[1:]]
    modes = np.stack([label_modes(z, job["mode_window"]) for z in label_states])
    points = isl_points(n, job["isl_points"])
    test = test_images(data, job["n_test_isl"])
    curves = np.stack([isl.isl_curve(test, pixels[s], points, job["isl_beta"])
                       for s in SAMPLERS])
    kept = min(job["n_tsne"], n)
    return xr.Dataset(
        {
            "isl": (("sampler", "n_used"), curves,
                    {"long_name": "mean ISL log-likelihood of the test images (L18 eq. 11)",
                     "units": "nat"}),
            "mode": (("sampler", "sample"), modes,
                     {"long_name": "label with the highest activity (L18 Fig 3d)"}),
            "tsne_image": (("sampler", "tsne_sample", "pixel"),
                           np.stack([pixels[s][:kept] for s in SAMPLERS]),
                           {"long_name": "first consecutive samples, kept for tSNE",
                            "units": "1"}),
            "mean_rate": samples["mean_rate"],
        },
        coords={"sampler": samples["sampler"],
                "n_used": ("n_used", points, {"long_name": "number of samples used"}),
                "seed": samples["seed"]},
        attrs={"title": f"L18 Fig 3: {_rbm_name(job)}, Gibbs vs LIF+STP, one seed",
               "n_samples": n, "n_test": len(test)},
    )


def short_runs(job: jobs.L18Fig3Isl1e3Job, rbm: RBM, calibration: xr.Dataset,
               best: STPSet) -> xr.Dataset:
    """L18 Fig 3c-d: one short run (1e3 samples, 10 s of network time) of Gibbs and of every
    spiking sampler per seed of the block (slice `l18_fig3_isl_1e3_slice`), stored as
    `short_run_statistics` reads them: pixels (short_seed, short_sampler, sample, pixel),
    Gibbs' label states and the networks' label spike trains (network dim
    `short_network`: seed after seed, the spiking samplers of each in order). Beside L18's set
    and renewing synapses, the `best` set of the Fig 3a scans, judged on seeds the scans never
    saw."""
    arms = lif_arms(job) | {"lif_best": asdict(best)}
    n_pix = rbm.n_pixels
    short = {**job, "n_samples": ISL_AT}
    pixels, gibbs_labels, trains = [], [], []
    for gibbs_seed, lif_seed in zip(job["seeds"]["gibbs"], job["seeds"]["lif"], strict=True):
        v = gibbs_samples(rbm, ISL_AT, gibbs_seed)
        lif = lif_arm_samples({**short, "seeds": {"lif": lif_seed}}, rbm, calibration, arms)
        pixels.append([v[:, :n_pix]] + [z[:, :n_pix] for z, _ in lif.values()])
        gibbs_labels.append(v[:, n_pix:])
        trains += [t[n_pix:rbm.n_visible] for _, t in lif.values()]
    networks = spike_trains.trains_dataset(trains, "short_network", list(range(len(trains))))
    return xr.Dataset(
        {"pixel_sample": (("short_seed", "short_sampler", "sample", "pixel"),
                          np.asarray(pixels, np.uint8),
                          {"long_name": "visible state of every sample (pixels)", "units": "1"}),
         "gibbs_label_sample": (("short_seed", "sample", "label_unit"),
                                np.asarray(gibbs_labels, np.uint8),
                                {"long_name": "Gibbs: state of the label units", "units": "1"})},
        coords={"short_seed": ("short_seed", job["runs"],
                               {"long_name": "seed of a short run (L18 Fig 3c)"}),
                "short_sampler": ("short_sampler", ["gibbs", *arms],
                                  {"long_name": "sampling method of the short runs"})},
        attrs={"title": f"L18 Fig 3c-d: {_rbm_name(job)}, short runs of 1e3 samples",
               **{f"best_{k}": v for k, v in asdict(best).items()}},
    ).merge(networks.rename(unit="label_unit"))


SHORT_RUN_ENCODING = {"pixel_sample": {"zlib": True, "complevel": 4},
                      "gibbs_label_sample": {"zlib": True, "complevel": 4}} | spike_trains.ENCODING


def short_run_statistics(job: jobs.L18Fig3Isl1e3AnalysisJob, samples: xr.Dataset,
                         data: xr.Dataset) -> xr.Dataset:
    """L18 Fig 3c-d read from one block's stored short runs (slice
    `l18_fig3_isl_1e3_analysis_slice`): the ISL of the test images after 1e3 samples and the
    mean stay in one mode, per seed and sampler (modes as in `analyse`)."""
    test = test_images(data, job["n_test_isl"])
    times = sample_grid(job["burn_in_ms"], job["sample_interval_ms"], samples.sizes["sample"])
    networks = samples.rename(label_unit="unit")
    n_spiking = samples.sizes["short_sampler"] - 1
    if samples.sizes["short_network"] != samples.sizes["short_seed"] * n_spiking:
        raise ValueError(f"short runs hold {samples.sizes['short_network']} networks, not "
                         f"{samples.sizes['short_seed']} seeds x {n_spiking} spiking samplers")
    isl_values, stays = [], []
    for i, seed in enumerate(samples["short_seed"].values):
        pixels = samples["pixel_sample"].sel(short_seed=seed).values
        isl_values.append([isl.log_likelihood(test, x, job["isl_beta"]).mean() for x in pixels])
        label_states = [samples["gibbs_label_sample"].sel(short_seed=seed).values] + [
            spiking_label_states(networks, "short_network", i * n_spiking + k, times,
                                 job["sample_interval_ms"]) for k in range(n_spiking)]
        stays.append([mode_durations(label_modes(z, job["mode_window"])).mean()
                      for z in label_states])
    dims = ("short_seed", "short_sampler")
    return xr.Dataset(
        {"isl_1e3": (dims, isl_values,
                     {"long_name": "mean ISL of the test images after 1e3 samples (L18 eq. 11)",
                      "units": "nat"}),
         "stay_1e3": (dims, stays,
                      {"long_name": "mean stay in one mode over 1e3 samples (L18 Fig 3d)",
                       "units": "1"})},
        coords={"short_seed": samples["short_seed"], "short_sampler": samples["short_sampler"]},
        attrs={"title": f"L18 Fig 3c-d: {_rbm_name(job)}, ISL and mode stays at 1e3 samples, "
                        "short runs",
               "n_test": len(test),
               **{k: v for k, v in samples.attrs.items() if k.startswith("best_")}})


def scan_block(job: jobs.L18Fig3ScanBlockJob, rbm: RBM, data: xr.Dataset,
               calibration: xr.Dataset) -> xr.Dataset:
    """ISL of the LIF+STP network at a block of STP sets of one 2D scan, side by side in one
    NEST kernel (slice `l18_fig3_scan_block_slice`): `n_samples` samples each, the ISL of
    the test images at the end; dims (point), with each point's U0, tau_rec and tau_fac."""
    arms = {f"point_{k}": stp for k, stp in enumerate(job["stp_sets"])}
    lif = lif_arm_samples(job, rbm, calibration, arms)
    test = test_images(data, job["n_test_isl"])
    values = [isl.log_likelihood(test, z[:, :rbm.n_pixels], job["isl_beta"]).mean()
              for z, _ in lif.values()]
    point = np.arange(len(values))

    def stp_coordinate(key: str, name: str) -> tuple:
        return ("point", [stp[key] for stp in job["stp_sets"]], {"long_name": name,
                                                                 "units": "1" if key == "U0"
                                                                 else "ms"})

    return xr.Dataset(
        {"isl": (("point",), values, {"long_name": "mean ISL of the test images (L18 eq. 11)",
                                      "units": "nat"})},
        coords={"point": ("point", point, {"long_name": "STP set of the block"}),
                "U0": stp_coordinate("U0", "U_0 (utilisation)"),
                "tau_rec": stp_coordinate("tau_rec_ms", "tau_rec"),
                "tau_fac": stp_coordinate("tau_fac_ms", "tau_fac"),
                "seed": ((), job["seed_index"], {"long_name": "index of the seed"})},
        attrs={"scan": job["scan"], "n_samples": job["n_samples"],
               "title": f"L18 Fig 3a: {_rbm_name(job)}, a block of STP sets of a scan"})


def scan_grid(job: jobs.L18Fig3ScanJob, blocks: Sequence[xr.Dataset]) -> xr.Dataset:
    """The points of one scan's blocks as a grid, each placed by its own (seed, U0, scanned
    value): dims (seed, U0, tau_rec) or (seed, U0, tau_fac). A missing point is an error."""
    name, U0s, values = job["scan"], list(job["U0"]), list(job["values_ms"])
    grid = np.full((job["n_seeds"], len(U0s), len(values)), np.nan)
    for block in blocks:
        seed = int(block["seed"])
        for u0, value, isl_value in zip(block["U0"].values, block[name].values,
                                        block["isl"].values, strict=True):
            cell = seed, U0s.index(float(u0)), values.index(float(value))
            if not np.isnan(grid[cell]):
                raise ValueError(f"scan {name}: seed {seed}, U0 {u0}, {name} {value} ms in two "
                                 "blocks")
            grid[cell] = isl_value
    missing = np.argwhere(np.isnan(grid))
    if missing.size:
        seed, i, j = missing[0]
        raise ValueError(f"scan {name}: no block holds seed {seed}, U0 {U0s[i]}, "
                         f"{name} {values[j]} ms ({len(missing)} points missing)")
    fixed = {"tau_rec": ("tau_fac", job["fixed_ms"]), "tau_fac": ("tau_rec", job["fixed_ms"])}
    return xr.Dataset(
        {"isl": (("seed", "U0", name), grid,
                 {"long_name": "mean ISL of the test images (L18 eq. 11)", "units": "nat"})},
        coords={"seed": np.arange(job["n_seeds"]),
                "U0": ("U0", U0s, {"long_name": "U_0 (utilisation)", "units": "1"}),
                name: (name, values, {"long_name": f"{name} of the scan", "units": "ms"})},
        attrs={"title": f"L18 Fig 3a: {_rbm_name(job)}, ISL over (U0, {name})", "scan": name,
               f"{fixed[name][0]}_ms": fixed[name][1], "n_samples": job["n_samples"]},
    )


def best_scan_set(scans: Sequence[xr.Dataset]) -> STPSet:
    """The (U0, tau_rec, tau_fac) of L18 Fig 3a's scans with the highest ISL (mean over the
    scans' seeds): chosen on the scans' samples, judged only on other runs and seeds (the
    short runs of Fig 3c, the sampling-fidelity networks)."""
    best, best_isl = None, -np.inf
    for scan in scans:
        name = scan.attrs["scan"]
        other = "tau_fac" if name == "tau_rec" else "tau_rec"
        mean = scan["isl"].mean("seed")
        if not np.isfinite(mean.values).any():
            continue
        i, j = np.unravel_index(int(np.nanargmax(mean.values)), mean.shape)
        if float(mean.values[i, j]) > best_isl:
            best_isl = float(mean.values[i, j])
            params = {"U0": float(scan["U0"].values[i]),
                      f"{name}_ms": float(scan[name].values[j]),
                      f"{other}_ms": float(scan.attrs[f"{other}_ms"])}
            best = STPSet(params["U0"], params["tau_rec_ms"], params["tau_fac_ms"])
    if best is None:
        raise ValueError("no finite ISL in the L18 Fig 3a scans")
    return best


def references(job: jobs.L18Fig3ReferencesJob, rbm: RBM, data: xr.Dataset) -> xr.Dataset:
    """ISL curves of OPT and POM (slice `l18_fig3_references_slice`).

    OPT: uniform random picks from a base set of `n_opt_base` AST samples at beta = 1 (perfect
    mixing with the RBM's own distribution); POM: pixels drawn independently with their
    marginals over the training images. AST's fraction of valid samples is recorded.
    """
    rng = np.random.default_rng(job["seeds"]["references"])
    base, valid = ast_samples(rbm, job["n_opt_base"], job["betas"], job["ast_chains"],
                              job["gamma"], rng)
    base = base[:, :rbm.n_pixels]
    n = job["n_samples"]
    train = images_and_labels(data, "train")[0]
    pixels = {"opt": opt_samples(base, n, rng), "pom": pom_samples(train, n, rng)}
    points = isl_points(n, job["isl_points"])
    test = test_images(data, job["n_test_isl"])
    curves = np.stack([isl.isl_curve(test, pixels[s], points, job["isl_beta"])
                       for s in ("opt", "pom")])
    return xr.Dataset(
        {"isl_reference": (("reference", "n_used"), curves,
                           {"long_name": "mean ISL of the test images (L18 eq. 11)",
                            "units": "nat"}),
         "ast_valid_fraction": ((), valid, {"long_name": "fraction of AST steps at beta = 1",
                                            "units": "1"})},
        coords={"reference": ("reference", ["opt", "pom"],
                              {"long_name": "reference sampler (L18 Methods)"}),
                "n_used": ("n_used", points, {"long_name": "number of samples used"})},
        attrs={"title": f"L18 Fig 3b: {_rbm_name(job)}, OPT and POM references",
               "n_opt_base": len(base)})


def aggregate(job: jobs.L18Fig3AggregateJob, runs: Sequence[xr.Dataset], refs: xr.Dataset,
              short_runs: Sequence[xr.Dataset]) -> xr.Dataset:
    """Seeds and references in one Dataset, runs placed by their own seed coordinates (in
    any order): ISL (seed, sampler, n_used), modes (seed, sampler, sample), the histogram of
    stays pooled over seeds; tSNE images of seed 0 only; the ISL at 1e3 samples of the short
    runs (short_seed, sampler)."""
    ds = stack_by_coordinate([r.drop_vars("tsne_image") for r in runs], "seed",
                             range(job["n_seeds"])).drop_attrs(deep=False)
    short = xr.concat([r[["isl_1e3", "stay_1e3"]] for r in short_runs],
                      dim="short_seed").sortby("short_seed")
    ds["isl_1e3"], ds["stay_1e3"] = short["isl_1e3"], short["stay_1e3"]
    ds["tsne_image"] = next(r for r in runs if int(r["seed"]) == 0)["tsne_image"].drop_vars("seed")
    ds["isl_reference"] = refs["isl_reference"]
    ds["ast_valid_fraction"] = refs["ast_valid_fraction"]
    ds = ds.assign_coords(reference=refs["reference"])
    durations = {s: np.concatenate([mode_durations(m) for m in ds["mode"].sel(sampler=s).values])
                 for s in SAMPLERS}
    # bins up to the longest possible stay (a whole run), not the longest measured one: the
    # coordinate is fixed by the run length
    edges = np.unique(np.geomspace(1, ds["mode"].sizes["sample"] + 1, 30).astype(int))
    ds["duration_histogram"] = (("sampler", "duration_bin"),
                                np.stack([np.histogram(durations[s], edges)[0] for s in SAMPLERS]),
                                {"long_name": "number of stays in one mode, pooled over seeds"})
    ds["mean_mode_duration"] = (("sampler",), [durations[s].mean() for s in SAMPLERS],
                                {"long_name": "mean stay in one mode in samples, pooled over "
                                              "seeds", "units": "1"})
    ds["seed_mode_duration"] = (
        ("seed", "sampler"),
        [[mode_durations(m).mean() for m in run] for run in ds["mode"].transpose(
            "seed", "sampler", ...).values],
        {"long_name": "mean stay in one mode in samples, per seed", "units": "1"})
    ds = ds.assign_coords(
        duration_bin=("duration_bin", edges[:-1], {"long_name": "stay of at least (samples)"}),
        duration_bin_upper=("duration_bin", edges[1:],
                            {"long_name": "stay of less than (samples)"}))
    ds.attrs = {"title": f"L18 Fig 3: {_rbm_name(job)}, Gibbs, LIF+STP and renewing LIF over "
                         "seeds",
                "n_samples": runs[0].attrs["n_samples"], "n_test": runs[0].attrs["n_test"],
                "isl_short_samples": ISL_AT,
                **{k: v for k, v in short_runs[0].attrs.items() if k.startswith("best_")}}
    return ds


def classification(job: jobs.ClassifyGibbsJob, rbm: RBM, mnist: xr.Dataset) -> xr.Dataset:
    """Test-set accuracy of a labelled RBM: exact label posterior and the Gibbs classifier
    (slice `classify_gibbs_slice`)."""
    pixels, labels = images_and_labels(mnist, "test")
    pixels = pixels.astype(np.float32)
    seed = job["seeds"]["classify"]
    exact = classify_exact(rbm, pixels)
    sampled = classify_by_sampling(rbm, pixels, job["n_steps"], np.random.default_rng(seed),
                                   burn_in=job["burn_in"])
    ds = _accuracy_dataset(np.stack([exact, sampled]), labels, ("exact", "gibbs"),
                           "L18 Fig 3: MNIST test-set classification")
    return ds.assign_attrs(n_steps=job["n_steps"], burn_in=job["burn_in"])


def classify_lif(job: jobs.ClassifyLifJob, rbm: RBM, mnist: xr.Dataset,
                 calibration: xr.Dataset) -> xr.Dataset:
    """The LIF+STP network as a classifier (slice `classify_lif_slice`).

    Test images are shown one after the other for `image_ms` each: every pixel neuron gets a
    current that shifts its membrane by +clamp_mV (pixel on) or -clamp_mV (off), which holds
    it in state 1 or 0 (tested in tests/integration). The class is the label neuron with the
    most spikes in [start + settle_ms, start + image_ms); the exact label posterior of the same
    images is the reference.
    """
    from .. import spiking

    neuron = job["neuron"]
    amplitude = clamp_current_nA(neuron, job["clamp_mV"])
    pixels, labels = images_and_labels(mnist, "test", job["n_images"])
    starts = job["burn_in_ms"] + job["image_ms"] * np.arange(len(labels))
    clamp = Clamp(np.arange(rbm.n_pixels), np.append(starts, starts[-1] + job["image_ms"]),
                  np.vstack([np.where(pixels > 0, amplitude, -amplitude),
                             np.zeros(rbm.n_pixels)]))
    spec = rbm_network(rbm, neuron, job["noise"], calibration.attrs["alpha_mV"],
                       calibration.attrs["u0_mV"], STPSet.from_config(job["stp"]))
    # only the label neurons are read: recording all 1394 held 704 MB at 1000 images
    label_trains = spiking.simulate_network(spec, starts[-1] + job["image_ms"], job["nest"],
                                            job["seeds"]["lif"], clamps=[clamp],
                                            recorded=range(rbm.n_pixels, rbm.n_visible))
    counts = np.stack([np.searchsorted(t, starts + job["image_ms"])
                       - np.searchsorted(t, starts + job["settle_ms"]) for t in label_trains],
                      axis=1)
    predictions = np.stack([np.argmax(counts, axis=1),
                            classify_exact(rbm, pixels.astype(np.float32))])
    ds = _accuracy_dataset(
        predictions, labels, ("lif_stp", "exact"),
        "L18 Fig 3: MNIST classification by the LIF+STP network",
        label_spikes=(("sample", "label_unit"), counts,
                      {"long_name": "spikes of each label neuron in the read-out window"}))
    ds = ds.assign_coords(label_unit=("label_unit", np.arange(rbm.n_labels),
                                      {"long_name": "label neuron (digit)"}))
    return ds.assign_attrs(n_images=len(labels), clamp_nA=amplitude,
                           no_label_spike=int((counts.sum(axis=1) == 0).sum()))


def tsne_map(images: np.ndarray, perplexity: float, seed: int) -> tuple[np.ndarray, float]:
    """2D tSNE coordinates of images (n, pixels) and the perplexity used: scikit-learn's
    Barnes-Hut tSNE with PCA initialisation and a fixed seed (deterministic). The perplexity
    is capped at (n - 1) / 3, so that the 3-perplexity neighbourhoods tSNE builds fit in the
    n points (smoke-scale runs have few)."""
    from sklearn.manifold import TSNE

    perplexity = min(perplexity, (len(images) - 1) / 3)
    return TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed
                ).fit_transform(np.asarray(images, np.float32)), perplexity


def tsne_embedding(job: jobs.L18Fig3TsneJob, fig3: xr.Dataset) -> xr.Dataset:
    """L18 Fig 3e: a 2D tSNE map of the consecutive samples of both samplers (seed 0).

    One embedding holds both samplers' samples, so the areas they cover compare (L18 notes
    that separate tSNE maps normalise the area away). scikit-learn's exact-gradient-free
    Barnes-Hut tSNE with PCA initialisation and a fixed seed: deterministic.
    """
    images = fig3["tsne_image"]
    n = images.sizes["tsne_sample"]
    embedding, perplexity = tsne_map(images.values.reshape(-1, images.sizes["pixel"]),
                                     job["perplexity"], job["seeds"]["tsne"])
    return xr.Dataset(
        {"embedding": (("sampler", "tsne_sample", "component"),
                       embedding.reshape(images.sizes["sampler"], n, 2),
                       {"long_name": "tSNE coordinates of consecutive samples", "units": "1"}),
         "mode": (("sampler", "tsne_sample"), fig3["mode"].isel(seed=0, sample=slice(0, n)).values,
                  {"long_name": "label with the highest activity"}),
         "image": images.assign_attrs(long_name="sample", units="1")},
        coords={"sampler": fig3["sampler"],
                "component": ("component", [0, 1], {"long_name": "tSNE component"})},
        attrs={"title": f"L18 Fig 3e: {_rbm_name(job)}, tSNE of consecutive samples, Gibbs "
                        "and LIF+STP, seed 0",
               "perplexity": perplexity},
    )


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


# ----------------------------------------------------------------------------- job slices
# What each job of the family reads of the resolved config (lifsampling.config.slices). The
# family's members: L18 Fig 3 on MNIST (`PAPER`) and one per dataset of yours with a
# `generative` entry (`generative_<name>`), the same runs and analysis on the RBM trained on it.

PAPER = "l18_fig3"


def generative_experiments(cfg: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every member of the family, by name: `experiments.l18_fig3` with the model and the data
    it samples and judges. Your datasets' members take the sizes of
    `experiments.user_generative` and take the ISL on all their test patterns."""
    e = cfg["experiments"]["l18_fig3"]
    out = {PAPER: {**e, "model": "mnist", "data": "mnist",
                   "n_test_isl": cfg["data"]["mnist"]["n_test_isl"]}}
    for name, entry in cfg.get("datasets", {}).items():
        if "generative" in entry:
            model = slices.user_model(name)
            out[f"generative_{name}"] = {**e, **cfg["experiments"]["user_generative"],
                                         "model": model, "data": model, "n_test_isl": None,
                                         "dataset": name}
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


def l18_fig3_run_slice(cfg: Mapping[str, Any], experiment: str, seed: int
                       ) -> jobs.L18Fig3RunJob:
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
        nest=slices.nest_settings(cfg, PAPER),
        seed_index=seed,
    )


def l18_fig3_analysis_slice(cfg: Mapping[str, Any], experiment: str
                            ) -> jobs.L18Fig3AnalysisJob:
    """L18 Fig 3b, d, e read from one seed's stored samples: ISL curve, modes, tSNE images."""
    e = _member(cfg, experiment)
    simulated = slices.calibrated_cell(cfg, e["calibration"])[
        "neuron"
    ]  # one sample per its tau_ref
    return slices.job_slice(
        cfg,
        **_yours(e),
        isl_points=e["isl_points"],
        isl_beta=e["isl_beta"],
        n_test_isl=e["n_test_isl"],
        mode_window=e["mode_window"],
        n_tsne=e["n_tsne"],
        burn_in_ms=e["burn_in_ms"],
        sample_interval_ms=simulated["tau_refrac"],
    )


def l18_fig3_isl_1e3_blocks(cfg: Mapping[str, Any], experiment: str) -> list[list[int]]:
    """The seeds of L18 Fig 3c's short runs, in blocks of `seeds_per_job` (one job each)."""
    s = _member(cfg, experiment)["isl_1e3"]
    return slices.in_blocks(range(s["n_seeds"]), s["seeds_per_job"])


def l18_fig3_isl_1e3_slice(cfg: Mapping[str, Any], experiment: str, block: int
                           ) -> jobs.L18Fig3Isl1e3Job:
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
        burn_in_ms=e["burn_in_ms"],
        nest=slices.nest_settings(cfg, PAPER),
    )


def l18_fig3_isl_1e3_analysis_slice(cfg: Mapping[str, Any], experiment: str
                                    ) -> jobs.L18Fig3Isl1e3AnalysisJob:
    """L18 Fig 3c-d read from one block's stored short runs: ISL at 1e3 samples, mode stays."""
    e = _member(cfg, experiment)
    simulated = slices.calibrated_cell(cfg, e["calibration"])[
        "neuron"
    ]  # one sample per its tau_ref
    return slices.job_slice(
        cfg,
        **_yours(e),
        isl_beta=e["isl_beta"],
        n_test_isl=e["n_test_isl"],
        mode_window=e["mode_window"],
        burn_in_ms=e["burn_in_ms"],
        sample_interval_ms=simulated["tau_refrac"],
    )


def l18_fig3_references_slice(cfg: Mapping[str, Any], experiment: str
                              ) -> jobs.L18Fig3ReferencesJob:
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


def classify_lif_slice(cfg: Mapping[str, Any]) -> jobs.ClassifyLifJob:
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
        nest=slices.nest_settings(cfg, "l18_fig3"),
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
) -> jobs.L18Fig3ScanBlockJob:
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
        nest=slices.nest_settings(cfg, PAPER),
    )


def l18_fig3_scan_slice(cfg: Mapping[str, Any], experiment: str, scan: str
                        ) -> jobs.L18Fig3ScanJob:
    e = _member(cfg, experiment)
    s = e["stp_scans"]
    return slices.job_slice(
        cfg, **_yours(e), scan=scan, **s[scan], n_seeds=s["n_seeds"], n_samples=s["n_samples"]
    )


def l18_fig3_tsne_slice(cfg: Mapping[str, Any], experiment: str) -> jobs.L18Fig3TsneJob:
    e = _member(cfg, experiment)
    return slices.job_slice(
        cfg,
        {"tsne": slices.job_seed(cfg, experiment, "tsne")},
        **_yours(e),
        perplexity=e["tsne_perplexity"],
    )


def l18_fig3_aggregate_slice(cfg: Mapping[str, Any], experiment: str
                             ) -> jobs.L18Fig3AggregateJob:
    e = _member(cfg, experiment)
    return slices.job_slice(cfg, **_yours(e), n_seeds=e["n_seeds"])


def classified_models(cfg: Mapping[str, Any]) -> list[str]:
    """The models classified on the MNIST test set: those trained on all ten classes."""
    return [m for m, entry in cfg["training"]["models"].items() if entry["data"] == "mnist"]


def classify_gibbs_slice(cfg: Mapping[str, Any], model: str) -> jobs.ClassifyGibbsJob:
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
