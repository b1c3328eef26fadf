"""Your own data: binary pattern datasets and Boltzmann machines named in config.

A user entry names a file and its SHA-256; the file is read and checked when the config is
loaded, before any job, and every error names the config key, the file and the problem:

* ``datasets.<name>``: binary patterns (N, D), or images (N, h, w) flattened row by row, with
  or without integer labels, from ``.npz`` (arrays ``patterns`` and optional ``labels``),
  ``.npy`` (patterns only), an IDX file (``idx3``/``idx1`` ubyte, labels from ``labels_file``)
  or a CSV of 0/1 (one pattern per row; a last column ``label`` when the header names it).
  Checked: the values are 0 and 1 only, the pattern size is the entry's ``shape``, the labels
  are integers in ``[0, n_labels)``, one per pattern.
* ``boltzmann_machines.<name>``: ``file`` (``.npz`` or netCDF with ``W`` (K, K) and ``b`` (K,))
  or ``random`` (P16 App. IX: W, b ~ weight_scale (Beta(0.5, 0.5) - 0.5)). Checked: W square,
  symmetric, zero diagonal, finite; b of length K; K at most ``MAX_UNITS`` (the exact
  distribution over 2^K states is the target every sampler is judged against).
"""

from __future__ import annotations

import csv
import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from .config.errors import ConfigError

MAX_UNITS = 20  # 2^20 states: the exact target of P16 Fig 3's analysis stays affordable


def resolve_path(path: str | Path, root: Path) -> Path:
    """`path` as written in config: absolute, or relative to the repository root `root`."""
    path = Path(path)
    return path if path.is_absolute() else root / path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# the checksum key of each file key of an entry
SHA256_KEYS = {"file": "sha256", "labels_file": "labels_sha256"}


def checked_file(key: str, entry: Mapping[str, Any], root: Path, name: str = "file") -> Path:
    """The entry's file `name`, after checking that it exists and has the stated SHA-256."""
    path = resolve_path(entry[name], root)
    if not path.is_file():
        raise ConfigError(f"config key '{key}.{name}': file {path} does not exist")
    expected = entry[SHA256_KEYS[name]].lower()
    actual = file_sha256(path)
    if actual != expected:
        raise ConfigError(f"config key '{key}.{SHA256_KEYS[name]}': file {path} has SHA-256 "
                          f"{actual}, not {expected}")
    return path


def _read_idx(path: Path) -> np.ndarray:
    from .data import read_idx  # the MNIST reader: the same format

    return read_idx(path)


def _read_csv(path: Path) -> tuple[np.ndarray, np.ndarray | None]:
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0] if rows and not _is_number(rows[0][0]) else None
    body = rows[1:] if header else rows
    values = np.array([[float(x) for x in row] for row in body])
    if header and header[-1].strip().lower() == "label":
        return values[:, :-1], values[:, -1]
    return values, None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_patterns(path: Path, labels_file: Path | None = None
                  ) -> tuple[np.ndarray, np.ndarray | None]:
    """(patterns, labels or None) of a pattern file, as stored (no checks)."""
    suffix = "".join(path.suffixes[-2:]) if path.suffix == ".gz" else path.suffix
    if suffix == ".npz":
        with np.load(path) as archive:
            if "patterns" not in archive:
                raise KeyError(f"no array 'patterns' (it has {sorted(archive.files)})")
            labels = archive["labels"] if "labels" in archive else None
            return archive["patterns"], labels
    if suffix == ".npy":
        return np.load(path), None
    if suffix == ".csv":
        return _read_csv(path)
    if "idx" in path.name or suffix in (".idx", ".ubyte"):
        return _read_idx(path), (_read_idx(labels_file) if labels_file else None)
    raise ValueError(f"unknown format {suffix!r} (.npz, .npy, .csv or an IDX file)")


def load_dataset(key: str, entry: Mapping[str, Any], root: Path
                 ) -> tuple[np.ndarray, np.ndarray | None]:
    """The checked patterns (N, D) as uint8 0/1 and labels (N,) or None of `datasets.<name>`."""
    path = checked_file(key, entry, root)
    labels_file = checked_file(key, entry, root, "labels_file") if "labels_file" in entry \
        else None
    try:
        patterns, labels = read_patterns(path, labels_file)
    except (KeyError, ValueError, OSError) as err:
        raise ConfigError(f"config key '{key}.file': cannot read {path}: {err}") from None
    patterns = np.asarray(patterns)
    if patterns.ndim == 3:
        patterns = patterns.reshape(len(patterns), -1)
    size = int(np.prod(entry["shape"]))
    if patterns.ndim != 2 or patterns.shape[1] != size:
        raise ConfigError(f"config key '{key}.shape': {path} holds patterns of shape "
                          f"{patterns.shape[1:]}, not {size} pixels ({entry['shape']})")
    off_values = np.setdiff1d(np.unique(patterns), [0, 1])
    if off_values.size:
        raise ConfigError(f"config key '{key}.file': {path} is not binary: values "
                          f"{off_values[:5].tolist()} besides 0 and 1")
    if labels is not None:
        _check_labels(key, path, np.asarray(labels), len(patterns), entry.get("n_labels"))
        labels = np.asarray(labels).astype(np.int64)
    elif entry.get("n_labels"):
        raise ConfigError(f"config key '{key}.n_labels': {path} has no labels")
    return patterns.astype(np.uint8), labels


def isl_test_count(name: str, fraction: float, n_patterns: int) -> int:
    """How many of a dataset's `n_patterns` its `generative.test_fraction` holds out as the
    ISL test set (L18 eq. 11); refused if that is none (with a fraction above 0) or all."""
    n_test = int(round(fraction * n_patterns))
    if n_test >= n_patterns or (fraction > 0 and n_test == 0):
        raise ConfigError(f"config key 'datasets.{name}.generative.test_fraction': {fraction} "
                          f"of {n_patterns} patterns holds out {n_test}; hold out at least one "
                          "and leave at least one for training (or 0: ISL on the training "
                          "patterns)")
    return n_test


def user_dataset(patterns: np.ndarray, labels: np.ndarray | None, job: Mapping[str, Any]
                 ) -> xr.Dataset:
    """Your patterns as results/data/dataset_<name>.nc (slice `slices.user_dataset`), in the
    layout of the study's MNIST file: image (sample, pixel), label, split. The ISL test set is
    `test_fraction` of the patterns, held out at random with the job's seed, or with 0 the
    training patterns themselves (attribute `isl_test_split` says which)."""
    n = len(patterns)
    n_test = (isl_test_count(job["name"], job["test_fraction"], n) if "test_fraction" in job
              else 0)  # no generative entry: nothing is held out
    split = np.full(n, "train", dtype=object)
    split[np.random.default_rng(job["seeds"]["split"]).choice(n, n_test, replace=False)] = "test"
    shape = list(job["shape"]) if len(job["shape"]) == 2 else [1, int(job["shape"][0])]
    data = {"image": (("sample", "pixel"), patterns.astype(np.uint8),
                      {"long_name": "binary pattern", "units": "1"}),
            "split": (("sample",), split.astype(str),
                      {"long_name": "part of the dataset (train, test)"})}
    if labels is not None:
        data["label"] = (("sample",), labels.astype(np.int8), {"long_name": "class"})
    return xr.Dataset(data, attrs={
        "title": f"your dataset {job['name']}", "dataset": job["name"], "image_shape": shape,
        "n_labels": int(job["n_labels"] or 0),
        "isl_test_split": "test" if n_test else "train"})


def read_user_dataset(job: Mapping[str, Any], path: Path, labels_path: Path | None = None
                      ) -> tuple[np.ndarray, np.ndarray | None]:
    """The checked (patterns, labels) of a user dataset job from its input files, each checked
    against the job's SHA-256 (the file may have changed since the config was loaded)."""
    entry = {"file": str(Path(path).resolve()), "sha256": job["sha256"], "shape": job["shape"],
             "n_labels": job["n_labels"]}
    if labels_path is not None:
        entry |= {"labels_file": str(Path(labels_path).resolve()),
                  "labels_sha256": job["labels_sha256"]}
    return load_dataset(f"datasets.{job['name']}", entry, Path("/"))


def _check_labels(key: str, path: Path, labels: np.ndarray, n: int, n_labels: int | None
                  ) -> None:
    if labels.shape != (n,):
        raise ConfigError(f"config key '{key}.file': {path} has {labels.shape} labels for "
                          f"{n} patterns")
    if n_labels is None:
        raise ConfigError(f"config key '{key}.n_labels': {path} has labels; state how many "
                          "classes")
    if not np.all(np.mod(labels, 1) == 0) or labels.min() < 0 or labels.max() >= n_labels:
        raise ConfigError(f"config key '{key}.n_labels': labels of {path} range over "
                          f"[{labels.min():g}, {labels.max():g}], not integers in "
                          f"[0, {n_labels})")


def read_bm(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(W, b) of a BM file (.npz or netCDF with variables W and b), as stored."""
    if path.suffix == ".npz":
        with np.load(path) as archive:
            return archive["W"], archive["b"]
    with xr.open_dataset(path) as ds:
        return ds["W"].values, ds["b"].values


def load_bm(key: str, entry: Mapping[str, Any], root: Path) -> tuple[np.ndarray, np.ndarray]:
    """The checked (W, b) of a `boltzmann_machines.<name>` file entry."""
    path = checked_file(key, entry, root)
    try:
        W, b = (np.asarray(x, dtype=float) for x in read_bm(path))
    except (KeyError, ValueError, OSError) as err:
        raise ConfigError(f"config key '{key}.file': cannot read W and b from {path}: "
                          f"{err}") from None
    check_bm(key, str(path), W, b)
    return W, b


def check_bm(key: str, source: str, W: np.ndarray, b: np.ndarray) -> None:
    """W square, symmetric, zero diagonal, finite; b of length K; K <= MAX_UNITS."""
    problem = None
    if W.ndim != 2 or W.shape[0] != W.shape[1]:
        problem = f"W has shape {W.shape}, not (K, K)"
    elif b.shape != (W.shape[0],):
        problem = f"b has shape {b.shape}, not ({W.shape[0]},)"
    elif not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        problem = "W or b is not finite"
    elif not np.allclose(W, W.T, rtol=0, atol=1e-12):
        i, j = np.unravel_index(np.argmax(np.abs(W - W.T)), W.shape)
        problem = f"W is not symmetric (W[{i},{j}] = {W[i, j]:g}, W[{j},{i}] = {W[j, i]:g})"
    elif np.any(np.diag(W) != 0):
        problem = f"W has a non-zero diagonal ({np.count_nonzero(np.diag(W))} entries)"
    elif W.shape[0] > MAX_UNITS:
        problem = f"K = {W.shape[0]} units, more than {MAX_UNITS} (2^K exact states)"
    if problem:
        raise ConfigError(f"config key '{key}': {source}: {problem}")


def check_user_entries(config: Mapping[str, Any], root: Path) -> None:
    """Read and check every user dataset and BM file of `config` (at load, before any job)."""
    for name, entry in config.get("datasets", {}).items():
        patterns, labels = load_dataset(f"datasets.{name}", entry, root)
        if "generative" not in entry:
            continue
        if labels is None:
            raise ConfigError(f"config key 'datasets.{name}.generative': {entry['file']} has "
                              "no labels; target generative_<name> reads a sample's mode from "
                              "the label neurons (L18 Fig 3d)")
        isl_test_count(name, entry["generative"]["test_fraction"], len(patterns))
    for name, entry in config.get("boltzmann_machines", {}).items():
        if "file" in entry:
            load_bm(f"boltzmann_machines.{name}", entry, root)
        elif entry["random"]["n_units"] > MAX_UNITS:
            raise ConfigError(f"config key 'boltzmann_machines.{name}.random.n_units': "
                              f"{entry['random']['n_units']} units, more than {MAX_UNITS}")


def bm_units(entry: Mapping[str, Any], root: Path | None = None) -> int:
    """K of a `boltzmann_machines` entry: its `random.n_units`, or the size of its file's W."""
    if "random" in entry:
        return int(entry["random"]["n_units"])
    from .config import REPO_ROOT

    return _file_units(str(resolve_path(entry["file"], root or REPO_ROOT)), entry["sha256"])


@functools.lru_cache(maxsize=64)
def _file_units(path: str, sha256: str) -> int:  # sha256: a new file is read again
    return len(read_bm(Path(path))[1])


def user_bm_dataset(W: np.ndarray, b: np.ndarray, name: str) -> xr.Dataset:
    """A user BM as results/data/bm_<name>.nc: W (unit, unit_pre) and b (unit)."""
    K = len(b)
    return xr.Dataset(
        {"W": (("unit", "unit_pre"), W, {"long_name": "BM weight W_kj", "units": "1"}),
         "b": ("unit", b, {"long_name": "BM bias b_k", "units": "1"})},
        coords={"unit": ("unit", np.arange(K), {"long_name": "unit"}),
                "unit_pre": ("unit_pre", np.arange(K), {"long_name": "presynaptic unit"})},
        attrs={"title": f"your Boltzmann machine {name}", "boltzmann_machine": name})


def user_bm(job: Mapping[str, Any], path: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(W, b) of a user BM job (slice `sampling.user_bm_slice`): drawn as P16 App. IX from its
    seed, or read from `path` and checked against the job's SHA-256."""
    key = f"boltzmann_machines.{job['name']}"
    if "random" in job:
        from .boltzmann import random_bm

        r = job["random"]
        return random_bm(r["n_units"], r["weight_scale"], np.random.default_rng(job["seeds"]["bm"]))
    if path is None:
        raise ValueError(f"{key}: the BM file is an input of this job")
    return load_bm(key, {"file": str(Path(path).resolve()), "sha256": job["sha256"]}, Path("/"))
