"""L18 Fig 3's runs and analyses: the Gibbs chains and spiking samplers of the MNIST RBM,
ISL over samples, modes, the Fig 3a STP scans, OPT/POM/AST references, classification and
the tSNE map (the package docstring says what each panel shows)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
import xarray as xr

from ... import io, isl, spike_trains
from ...data import images_and_labels
from ...grids import stack_by_coordinate
from ...modes import label_modes, mode_durations
from ...network import (
    STPSet,
    rbm_network,
)
from ...rbm import RBM, classify_by_sampling, classify_exact
from ...samplers import opt_samples, pom_samples
from ..generative import (
    LIF_ARMS,
    ast_samples,
    gibbs_samples,
    held_units,
    lif_arm_samples,
    lif_arms,
    mean_rate,
    sample_grid,
    spiking_label_states,
    tsne_map,
)
from .config_slices import (
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
)

LOG = logging.getLogger(__name__)

SAMPLERS = ("gibbs", *LIF_ARMS)
ISL_AT = 1000  # L18 Fig 3c: 1e3 samples, 10 s of the network


def read_network_inputs(model: str, data: str, calibration: str
                        ) -> tuple[RBM, xr.Dataset, xr.Dataset]:
    """The trained RBM, the images and the calibration of a network run's rule inputs."""
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


def simulate(job: L18Fig3RunJob, rbm: RBM, calibration: xr.Dataset) -> xr.Dataset:
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


def analyse(job: L18Fig3AnalysisJob, samples: xr.Dataset, data: xr.Dataset
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


def short_runs(job: L18Fig3Isl1e3Job, rbm: RBM, calibration: xr.Dataset,
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
    pixels, gibbs_labels, trains = [], [], []
    for gibbs_seed, lif_seed in zip(job["seeds"]["gibbs"], job["seeds"]["lif"], strict=True):
        v = gibbs_samples(rbm, job["n_samples"], gibbs_seed)
        lif = lif_arm_samples({**job, "seeds": {"lif": lif_seed}}, rbm, calibration, arms)
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
               "isl_short_samples": job["n_samples"],
               **{f"best_{k}": v for k, v in asdict(best).items()}},
    ).merge(networks.rename(unit="label_unit"))


SHORT_RUN_ENCODING = {"pixel_sample": {"zlib": True, "complevel": 4},
                      "gibbs_label_sample": {"zlib": True, "complevel": 4}} | spike_trains.ENCODING


def short_run_statistics(job: L18Fig3Isl1e3AnalysisJob, samples: xr.Dataset,
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
               "n_test": len(test), "isl_short_samples": samples.attrs["isl_short_samples"],
               **{k: v for k, v in samples.attrs.items() if k.startswith("best_")}})


def scan_block(job: L18Fig3ScanBlockJob, rbm: RBM, data: xr.Dataset,
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


def scan_grid(job: L18Fig3ScanJob, blocks: Sequence[xr.Dataset]) -> xr.Dataset:
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


def references(job: L18Fig3ReferencesJob, rbm: RBM, data: xr.Dataset) -> xr.Dataset:
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


def aggregate(job: L18Fig3AggregateJob, runs: Sequence[xr.Dataset], refs: xr.Dataset,
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
                "isl_short_samples": short_runs[0].attrs["isl_short_samples"],
                **{k: v for k, v in short_runs[0].attrs.items() if k.startswith("best_")}}
    return ds


def classification(job: ClassifyGibbsJob, rbm: RBM, mnist: xr.Dataset) -> xr.Dataset:
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


def lif_classification(job: ClassifyLifJob, rbm: RBM, mnist: xr.Dataset,
                       calibration: xr.Dataset) -> xr.Dataset:
    """The LIF+STP network as a classifier (slice `classify_lif_slice`).

    Test images are shown one after the other for `image_ms` each, pixels held on or off.
    The class is the label neuron with the most spikes in [start + settle_ms, start +
    image_ms); the exact label posterior of the same images is the reference. Job key
    `pixels` says how a pixel is held (`generative.held_units`; before the first image,
    free or silent).
    """
    from ... import spiking

    pixels, labels = images_and_labels(mnist, "test", job["n_images"])
    starts = job["burn_in_ms"] + job["image_ms"] * np.arange(len(labels))
    end = starts[-1] + job["image_ms"]
    spec = rbm_network(rbm, job["neuron"], job["noise"], calibration.attrs["alpha_mV"],
                       calibration.attrs["u0_mV"], STPSet.from_config(job["stp"]))
    clamps, sources = held_units(job, np.arange(rbm.n_pixels), pixels, starts, end)
    # only the label neurons are read: recording all 1394 held 704 MB at 1000 images
    label_trains = spiking.simulate_network(spec, end, job["nest"], job["seeds"]["lif"],
                                            clamps=clamps, sources=sources,
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
    return ds.assign_attrs(n_images=len(labels), pixels=job["pixels"],
                           no_label_spike=int((counts.sum(axis=1) == 0).sum()))


def tsne_embedding(job: L18Fig3TsneJob, fig3: xr.Dataset) -> xr.Dataset:
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
