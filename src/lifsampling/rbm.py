"""Restricted Boltzmann machines with visible, label and hidden layers (L18 Fig 1a).

E(v, h) = -vᵀWh - b_vᵀv - b_hᵀh. The label units are the last `n_labels` visible units:
they are trained as visible units (L18 Results) and read out by classification.
All arrays are float32 in the samplers (speed); exact quantities use float64.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import xarray as xr
from scipy.special import logsumexp

from .boltzmann import MAX_ENUMERATED_UNITS, all_states


def softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function as (1 + tanh(x/2))/2 in the dtype of x, in a new array.

    The same function as scipy's expit, about 5x faster in float32 (numpy's SIMD tanh):
    it dominates the non-matmul time of the samplers and of CAST.
    """
    y = np.multiply(x, 0.5, dtype=np.result_type(x, np.float32))
    np.tanh(y, out=y)
    y += 1
    y *= 0.5
    return y


@dataclass
class RBM:
    """W (n_visible, n_hidden), biases b_v, b_h; the last `n_labels` visible units are labels."""

    W: np.ndarray
    b_v: np.ndarray
    b_h: np.ndarray
    n_labels: int = 0
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        nv, nh = self.W.shape
        if self.b_v.shape != (nv,) or self.b_h.shape != (nh,):
            raise ValueError(f"RBM shapes: W {self.W.shape}, b_v {self.b_v.shape}, "
                             f"b_h {self.b_h.shape}")

    @property
    def n_visible(self) -> int:
        return self.W.shape[0]

    @property
    def n_hidden(self) -> int:
        return self.W.shape[1]

    @property
    def n_pixels(self) -> int:
        return self.n_visible - self.n_labels

    # --------------------------------------------------------------- global scalings
    def weights_scaled(self, gain: float) -> RBM:
        """The RBM with W times `gain` and the biases as they are: what a synapse set that
        transmits `gain` times the translated weights samples (STP acts on weights, never on
        biases)."""
        return RBM(self.W * float(gain), self.b_v, self.b_h, self.n_labels, dict(self.meta))

    def tempered(self, beta: float) -> RBM:
        """The RBM at inverse temperature `beta`: W and both biases times beta, p_β ∝ p^β."""
        return RBM(self.W * float(beta), self.b_v * float(beta),
                   self.b_h * float(beta), self.n_labels, dict(self.meta))

    # --------------------------------------------------------------- conditionals
    def p_h(self, v: np.ndarray, beta: float = 1.0) -> np.ndarray:
        """p(h_j = 1 | v) = σ(β (vᵀW + b_h)_j)."""
        return sigmoid(beta * (v @ self.W + self.b_h))

    def p_v(self, h: np.ndarray, beta: float = 1.0) -> np.ndarray:
        """p(v_i = 1 | h) = σ(β (W h + b_v)_i)."""
        return sigmoid(beta * (h @ self.W.T + self.b_v))

    def energy(self, v: np.ndarray, h: np.ndarray) -> np.ndarray:
        """E(v, h) for rows of v and h."""
        # a product, not einsum(optimize=True): AST calls this every step, and einsum's path
        # search took 60 % of the call (L18 Fig 4's AST runs, 2026-12-06)
        return -((v @ self.W) * h).sum(axis=-1) - v @ self.b_v - h @ self.b_h

    def free_energy(self, v: np.ndarray) -> np.ndarray:
        """F(v) = -b_vᵀv - Σ_j softplus((vᵀW + b_h)_j), so p(v) ∝ exp(-F(v))."""
        v = np.asarray(v, dtype=np.float64)
        return -v @ self.b_v - softplus(v @ self.W.astype(np.float64) + self.b_h).sum(axis=-1)

    # --------------------------------------------------------------- exact (small RBMs)
    def log_partition(self) -> float:
        """log Z by enumerating the visible states (hidden summed out analytically)."""
        if self.n_visible > MAX_ENUMERATED_UNITS:
            raise ValueError("log Z by enumeration needs at most 20 visible units")
        return float(logsumexp(-self.free_energy(all_states(self.n_visible))))

    def log_likelihood(self, v: np.ndarray) -> float:
        """Mean exact log p(v) over rows of v (small RBMs)."""
        return float(np.mean(-self.free_energy(v)) - self.log_partition())

    def to_bm(self) -> tuple[np.ndarray, np.ndarray]:
        """The RBM as a general BM over z = (v, h): block weight matrix and bias vector."""
        nv, nh = self.W.shape
        W = np.zeros((nv + nh, nv + nh))
        W[:nv, nv:] = self.W
        W[nv:, :nv] = self.W.T
        return W, np.concatenate([self.b_v, self.b_h]).astype(float)

    # --------------------------------------------------------------- classification
    def label_log_posterior(self, pixels: np.ndarray) -> np.ndarray:
        """log p(l = one-hot k | pixels), hidden units summed out exactly.

        log p(l_k | v) = b_{l_k} + Σ_j softplus(c_j + vᵀW_{v,j} + W_{l_k,j}) - log-normaliser,
        restricted to one-hot label states (the classification read-out).
        """
        n_pix = self.n_pixels
        W = self.W.astype(np.float64)
        drive = np.asarray(pixels, np.float64) @ W[:n_pix] + self.b_h
        scores = np.stack(
            [self.b_v[n_pix + k] + softplus(drive + W[n_pix + k]).sum(axis=1)
             for k in range(self.n_labels)], axis=1)
        return scores - logsumexp(scores, axis=1, keepdims=True)

    # --------------------------------------------------------------- storage
    def to_dataset(self) -> xr.Dataset:
        return xr.Dataset(
            {
                "W": (("visible", "hidden"), self.W, {"long_name": "visible-hidden weights"}),
                "b_v": (("visible",), self.b_v, {"long_name": "visible (and label) biases"}),
                "b_h": (("hidden",), self.b_h, {"long_name": "hidden biases"}),
            },
            attrs={"n_labels": self.n_labels},
        )

    @classmethod
    def from_dataset(cls, ds: xr.Dataset) -> RBM:
        return cls(ds["W"].values, ds["b_v"].values, ds["b_h"].values, int(ds.attrs["n_labels"]))


def one_hot(labels: np.ndarray, n: int = 10) -> np.ndarray:
    out = np.zeros((len(labels), n), dtype=np.float32)
    out[np.arange(len(labels)), np.asarray(labels, int)] = 1.0
    return out


def classify_exact(rbm: RBM, pixels: np.ndarray) -> np.ndarray:
    """Most probable label under the exact label posterior."""
    return np.argmax(rbm.label_log_posterior(pixels), axis=1)


def classify_by_sampling(
    rbm: RBM, pixels: np.ndarray, n_steps: int, rng: np.random.Generator, burn_in: int = 0
) -> np.ndarray:
    """The paper's benchmark Gibbs classifier: pixels clamped, block Gibbs over (h, labels).

    Label units start at 0; after `burn_in` steps, the label probabilities p(l_k = 1 | h) of
    every step are summed, and the largest sum is the class (rows are independent chains).
    """
    n_pix = rbm.n_pixels
    W = rbm.W.astype(np.float32)
    pix = np.asarray(pixels, np.float32)
    drive = pix @ W[:n_pix] + rbm.b_h.astype(np.float32)
    W_l = W[n_pix:]
    b_l = rbm.b_v[n_pix:].astype(np.float32)
    labels = np.zeros((len(pix), rbm.n_labels), np.float32)
    votes = np.zeros_like(labels)
    for step in range(n_steps):
        h = (rng.random(drive.shape, dtype=np.float32) < sigmoid(drive + labels @ W_l)).astype(
            np.float32)
        p_l = sigmoid(h @ W_l.T + b_l)
        labels = (rng.random(p_l.shape, dtype=np.float32) < p_l).astype(np.float32)
        if step >= burn_in:
            votes += p_l
    return np.argmax(votes, axis=1)


def mean_interaction_strengths(rbm: RBM, patterns: np.ndarray) -> tuple[float, float]:
    """L18 Fig 2c: w_ij = ⟨z_i⟩ᵀ W ⟨z_j⟩ with z_i the mean network state while pattern i is shown.

    ⟨z_i⟩ = (v_i, p(h | v_i)); returns (mean over i of w_ii, mean over i ≠ j of w_ij).
    """
    W, _ = rbm.to_bm()
    z = np.hstack([patterns, rbm.p_h(patterns.astype(np.float64))])
    w = z @ W @ z.T
    off = ~np.eye(len(patterns), dtype=bool)
    return float(np.mean(np.diag(w))), float(np.mean(w[off]))
