"""CAST training of RBMs (L18 Methods "Training"; Salakhutdinov 2010).

Coupled adaptive simulated tempering: a *slow* set of persistent chains at β = 1 provides the
model statistics of the gradient (persistent contrastive divergence); a *fast* set of chains
runs AST (`samplers.AdaptiveSimulatedTempering`) over 20 equidistant β ∈ [0.9, 1]. After each
step, every fast chain that sits at β = 1 swaps its state with its slow partner: both then
target the same distribution, so the swap is always accepted and lets the slow chains leave
local modes. Parameters follow the log-likelihood gradient

    ΔW = η_t (⟨v hᵀ⟩_data - ⟨v hᵀ⟩_slow),  Δb_v, Δb_h likewise,  η_t = η_a / (η_b + t),

with ⟨·⟩_data using p(h | v) of a mini-batch of N training vectors (labels one-hot, trained as
visible units). Initial state: W ~ N(0, 0.01²), b_v = logit of the data marginals (clipped),
b_h = 0 (Hinton 2010, A practical guide), chains started from random training vectors.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr
from scipy.special import logit
from tqdm import tqdm

from .data import training_rows
from .rbm import RBM, one_hot, sigmoid
from .samplers import AdaptiveSimulatedTempering, bernoulli, inverse_temperatures

log = logging.getLogger("lifsampling")


@dataclass(frozen=True)
class CastSchedule:
    """Hyper-parameters of one CAST run (config `training`, shared and per model)."""

    n_hidden: int
    n_iterations: int
    batch_size: int
    eta_a: float
    eta_b: float
    betas: tuple[float, ...]
    gamma_a: float = 90.0
    gamma_b: float = 150.0
    init_weight_std: float = 0.01
    n_curve_points: int = 200


    @classmethod
    def from_job(cls, job: Mapping[str, Any]) -> CastSchedule:
        """The schedule of one model from its job slice (`slices.train`)."""
        return cls(
            n_hidden=int(job["n_hidden"]),
            n_iterations=int(job["n_iterations"]),
            batch_size=int(job["batch_size"]),
            eta_a=float(job["eta"]["a"]),
            eta_b=float(job["eta"]["b"]),
            betas=tuple(inverse_temperatures(job["betas"])),
            gamma_a=float(job["gamma"]["a"]),
            gamma_b=float(job["gamma"]["b"]),
            init_weight_std=float(job["init_weight_std"]),
        )


def training_matrix(ds: xr.Dataset, n_classes: int = 10) -> tuple[np.ndarray, int]:
    """Rows to train on: binary images of the training split, then one-hot labels if present.

    Returns (matrix, n_labels); the label units are trained as visible units (L18). The
    number of classes is the file's `n_labels` attribute (your datasets), else `n_classes`.
    """
    ds = training_rows(ds)
    images = ds["image"].values.astype(np.float32)
    if "label" not in ds:
        return images, 0
    n_classes = int(ds.attrs.get("n_labels", n_classes))
    return np.hstack([images, one_hot(ds["label"].values, n_classes)]), n_classes


def initial_rbm(data: np.ndarray, n_hidden: int, n_labels: int, std: float,
                rng: np.random.Generator) -> RBM:
    marg = np.clip(data.mean(axis=0), 1e-3, 1 - 1e-3)
    W = rng.normal(0.0, std, (data.shape[1], n_hidden)).astype(np.float32)
    return RBM(W, logit(marg).astype(np.float32), np.zeros(n_hidden, np.float32), n_labels)


def train_cast(
    data: np.ndarray,
    n_labels: int,
    schedule: CastSchedule,
    rng: np.random.Generator,
    progress: bool = True,
) -> tuple[RBM, xr.Dataset]:
    """Train an RBM on binary rows of `data` (pixels then one-hot labels) with CAST.

    Returns the RBM and training curves (iteration dimension): reconstruction error of the
    mini-batch, fraction of fast chains at β = 1, fraction of swapped chains, mean |W|.
    """
    data = np.ascontiguousarray(data, dtype=np.float32)
    s = schedule
    N = s.batch_size
    rbm = initial_rbm(data, s.n_hidden, n_labels, s.init_weight_std, rng)
    W, b_v, b_h = rbm.W, rbm.b_v, rbm.b_h
    slow = data[rng.integers(0, len(data), N)].copy()
    fast = data[rng.integers(0, len(data), N)].copy()
    ast = AdaptiveSimulatedTempering(np.asarray(s.betas), N, s.gamma_a, s.gamma_b)
    record_at = set(np.unique(np.geomspace(1, s.n_iterations, s.n_curve_points).astype(int) - 1))
    names = ("iteration", "recon_error", "at_target", "swapped", "mean_abs_w")
    curve: dict[str, list[float]] = {k: [] for k in names}
    swapped_total = 0.0
    for t in tqdm(range(s.n_iterations), disable=not progress, mininterval=10, desc="CAST"):
        batch = data[rng.integers(0, len(data), N)]
        # one product for the data, the slow chains (β = 1) and the fast chains (their β)
        beta = ast.beta.astype(np.float32)[:, None]
        drive = np.vstack([batch, slow, fast]) @ W + b_h
        ph_data = sigmoid(drive[:N])
        h = bernoulli(sigmoid(np.vstack([drive[N:2 * N], beta * drive[2 * N:]])), rng)
        v_drive = h @ W.T + b_v
        v_drive[N:] *= beta
        slow, fast = np.vsplit(bernoulli(sigmoid(v_drive), rng), 2)
        drive_new = np.vstack([slow, fast]) @ W + b_h
        # AST move of the fast chains, energies E(v, h) of their new state
        energy = -np.einsum("ij,ij->i", drive_new[N:] - b_h, h[N:]) - fast @ b_v - h[N:] @ b_h
        ast.temper(energy, rng)
        swap = ast.at_target
        if swap.any():
            slow[swap], fast[swap] = fast[swap], slow[swap].copy()
            drive_new[:N][swap], drive_new[N:][swap] = drive_new[N:][swap], drive_new[:N][swap]
        ph_slow = sigmoid(drive_new[:N])
        eta = np.float32(s.eta_a / (s.eta_b + t))
        # <v h>_data - <v h>_slow as one product
        W += (eta / N) * (np.vstack([batch, slow]).T @ np.vstack([ph_data, -ph_slow]))
        b_v += (eta / N) * (batch.sum(axis=0) - slow.sum(axis=0))
        b_h += (eta / N) * (ph_data.sum(axis=0) - ph_slow.sum(axis=0))
        swapped_total += swap.mean()
        if t in record_at:
            recon = sigmoid(bernoulli(ph_data, rng) @ W.T + b_v)
            curve["iteration"].append(t + 1)
            curve["recon_error"].append(float(np.mean((recon - batch) ** 2)))
            curve["at_target"].append(float(ast.at_target.mean()))
            curve["swapped"].append(swapped_total / (t + 1))
            curve["mean_abs_w"].append(float(np.abs(W).mean()))
    log.info("CAST done: %d iterations, fraction of swaps %.3f", s.n_iterations,
             swapped_total / s.n_iterations)
    it = curve.pop("iteration")
    curves = xr.Dataset(
        {
            "recon_error": ("iteration", curve["recon_error"],
                            {"long_name": "mean squared reconstruction error of the batch"}),
            "at_target": ("iteration", curve["at_target"],
                          {"long_name": "fraction of fast chains at beta = 1"}),
            "swapped": ("iteration", curve["swapped"],
                        {"long_name": "running fraction of slow/fast swaps"}),
            "mean_abs_w": ("iteration", curve["mean_abs_w"], {"long_name": "mean |W|"}),
        },
        coords={"iteration": ("iteration", it, {"long_name": "CAST iteration"})},
        attrs={"ast_log_g": np.asarray(ast.log_g)},
    )
    return RBM(W, b_v, b_h, n_labels), curves
