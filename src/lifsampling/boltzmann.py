"""Boltzmann machines: energies, exact distributions by enumeration, random BMs, DKL.

A BM over binary z ∈ {0,1}^K has p(z) ∝ exp(-β E(z)) with E(z) = -zᵀWz/2 - zᵀb, W symmetric
with zero diagonal (L18 eq. 1; P16 eq. 1). States are indexed by reading z as a binary
number with unit 0 as the most significant bit: index(z) = Σ_k z_k 2^{K-1-k}.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp

MAX_ENUMERATED_UNITS = 20


def check_bm(W: np.ndarray, b: np.ndarray) -> None:
    """Raise ValueError unless W is square, symmetric, zero-diagonal and matches b."""
    W, b = np.asarray(W), np.asarray(b)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or b.shape != (W.shape[0],):
        raise ValueError(f"W {W.shape} and b {b.shape} do not describe one BM")
    if not np.allclose(W, W.T) or np.any(np.diag(W) != 0):
        raise ValueError("W must be symmetric with zero diagonal")


def energy(z: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """E(z) = -zᵀWz/2 - zᵀb for one state (K,) or many (n, K)."""
    z = np.asarray(z, dtype=float)
    return -0.5 * np.einsum("...i,ij,...j->...", z, W, z) - z @ b


def all_states(K: int) -> np.ndarray:
    """All 2^K binary states, row i being the state of index i (uint8, shape (2^K, K))."""
    if K > MAX_ENUMERATED_UNITS:
        raise ValueError(f"enumerating 2^{K} states: at most {MAX_ENUMERATED_UNITS} units")
    idx = np.arange(2**K, dtype=np.int64)[:, None]
    shifts = np.arange(K - 1, -1, -1, dtype=np.int64)[None, :]
    return ((idx >> shifts) & 1).astype(np.uint8)


def state_index(z: np.ndarray) -> np.ndarray:
    """Index of each state (rows of z) in the order of `all_states`."""
    z = np.asarray(z, dtype=np.int64)
    K = z.shape[-1]
    return z @ (1 << np.arange(K - 1, -1, -1, dtype=np.int64))


def log_unnormalized(W: np.ndarray, b: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """-β E(z) for every state, in `all_states` order."""
    return -beta * energy(all_states(len(b)), W, b)


def exact_distribution(W: np.ndarray, b: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """p_B(z) for all 2^K states by enumeration (log-sum-exp normalised)."""
    check_bm(W, b)
    logp = log_unnormalized(W, b, beta)
    return np.exp(logp - logsumexp(logp))


def log_partition(W: np.ndarray, b: np.ndarray, beta: float = 1.0) -> float:
    """log Z = log Σ_z exp(-β E(z)) by enumeration."""
    return float(logsumexp(log_unnormalized(W, b, beta)))


def marginals(p: np.ndarray, K: int) -> np.ndarray:
    """p(z_k = 1) for each unit from a joint over all 2^K states."""
    return p @ all_states(K)


def conditional_distribution(
    W: np.ndarray, b: np.ndarray, clamped: dict[int, int]
) -> np.ndarray:
    """Joint over all 2^K states given z_i = v for (i, v) in `clamped` (zero elsewhere)."""
    p = exact_distribution(W, b)
    states = all_states(len(b))
    keep = np.ones(len(p), dtype=bool)
    for unit, value in clamped.items():
        keep &= states[:, unit] == value
    p = np.where(keep, p, 0.0)
    return p / p.sum()


def marginal_distribution(p: np.ndarray, K: int, units: list[int]) -> np.ndarray:
    """Joint of a subset of units (in `all_states(len(units))` order) from a joint over K units."""
    sub = state_index(all_states(K)[:, units])
    return np.bincount(sub, weights=p, minlength=2 ** len(units))


def random_bm(K: int, scale: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """W, b with entries scale·(Beta(0.5, 0.5) - 0.5) (P16 App. IX), W symmetric, zero diagonal."""
    upper = np.triu(scale * (rng.beta(0.5, 0.5, (K, K)) - 0.5), k=1)
    W = upper + upper.T
    b = scale * (rng.beta(0.5, 0.5, K) - 0.5)
    return W, b


def kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """D_KL(p ‖ q) = Σ p log(p/q) in nats; terms with p = 0 contribute 0, q = 0 < p gives inf."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    support = p > 0
    if np.any(q[support] == 0):
        return float("inf")
    return float(np.sum(p[support] * np.log(p[support] / q[support])))


def random_rbm_structured_bm(n_visible: int, n_hidden: int, scale: float,
                             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A random BM (`random_bm`) with the layer structure of an RBM: visible-hidden weights
    only (L18 Fig 2a-b: 5 visible + 5 hidden units)."""
    W, b = random_bm(n_visible + n_hidden, scale, rng)
    W[:n_visible, :n_visible] = 0.0
    W[n_visible:, n_visible:] = 0.0
    return W, b


def random_bm_separate_scales(K: int, weight_scale: float, bias_scale: float,
                              rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """P16 Fig 4: W ~ weight_scale·(Beta(0.5, 0.5) - 0.5), b ~ bias_scale·(Beta(0.5, 0.5) - 0.5)."""
    W, _ = random_bm(K, weight_scale, rng)
    _, b = random_bm(K, bias_scale, rng)
    return W, b
