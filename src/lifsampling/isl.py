"""Indirect sampling likelihood (L18 eq. 11; Breuleux et al. 2011).

For a test image y ∈ {0,1}^d and generated samples x_1 … x_N::

    p(y) = 1/N Σ_i Π_j β^{[y_j = x_ij]} (1 - β)^{[y_j ≠ x_ij]}              (11)

With m_i = number of pixels where y and x_i agree, log p(y) = logsumexp_i(m_i log β +
(d - m_i) log(1 - β)) - log N. The agreement counts of all pairs are one matrix product:
m = ((2Y - 1)(2X - 1)ᵀ + d) / 2, exact in float32 for d < 2^24.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp

DEFAULT_BETA = 0.95  # L18 Methods


def agreement_counts(test: np.ndarray, samples: np.ndarray) -> np.ndarray:
    """m[t, i] = number of pixels where test[t] and samples[i] agree (float32)."""
    d = test.shape[1]
    y = 2 * np.asarray(test, np.float32) - 1
    x = 2 * np.asarray(samples, np.float32) - 1
    return (y @ x.T + d) * np.float32(0.5)


def _log_kernel(test: np.ndarray, samples: np.ndarray, beta: float) -> np.ndarray:
    # counts are exact integers in float32; the kernel is formed in float64 (1e-10 accuracy)
    d = test.shape[1]
    a, c = np.log(beta) - np.log1p(-beta), d * np.log1p(-beta)
    return agreement_counts(test, samples).astype(np.float64) * a + c


def log_likelihood(test: np.ndarray, samples: np.ndarray, beta: float = DEFAULT_BETA,
                   chunk: int = 10_000) -> np.ndarray:
    """log p(y) of eq. 11 for every test image, samples processed in chunks."""
    total = np.full(len(test), -np.inf)
    for start in range(0, len(samples), chunk):
        part = _log_kernel(test, samples[start:start + chunk], beta)
        total = np.logaddexp(total, logsumexp(part, axis=1))
    return total - np.log(len(samples))


def isl_curve(test: np.ndarray, samples: np.ndarray, n_points: np.ndarray,
              beta: float = DEFAULT_BETA) -> np.ndarray:
    """Mean ISL over test images using the first n samples, for each n in `n_points`.

    One pass over the samples: the running log-sum is advanced chunk by chunk between
    consecutive entries of `n_points` (increasing).
    """
    n_points = np.asarray(n_points, dtype=int)
    if np.any(np.diff(n_points) <= 0) or n_points[0] < 1 or n_points[-1] > len(samples):
        raise ValueError("n_points must increase within 1..len(samples)")
    running = np.full(len(test), -np.inf)
    out = np.empty(len(n_points))
    start = 0
    for i, n in enumerate(n_points):
        for lo in range(start, n, 10_000):
            part = _log_kernel(test, samples[lo:min(n, lo + 10_000)], beta)
            running = np.logaddexp(running, logsumexp(part, axis=1))
        start = n
        out[i] = float(np.mean(running - np.log(n)))
    return out
