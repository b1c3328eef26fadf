"""Indirect sampling likelihood (L18 eq. 11; Breuleux et al. 2011).

For a test image y ∈ {0,1}^d and generated samples x_1 … x_N::

    p(y) = 1/N Σ_i Π_j β^{[y_j = x_ij]} (1 - β)^{[y_j ≠ x_ij]}              (11)

With m_i = number of pixels where y and x_i agree, log p(y) = logsumexp_i(m_i log β +
(d - m_i) log(1 - β)) - log N. The agreement counts of all pairs are one matrix product:
m = ((2Y - 1)(2X - 1)ᵀ + d) / 2, exact in float32 for d < 2^24.
"""

from __future__ import annotations

import numpy as np

DEFAULT_BETA = 0.95  # L18 Methods
CHUNK = 1000  # samples per block: keeps the (n_test, CHUNK) intermediates near the caches
MIN_EXPONENT = -45.0  # exp(-45) = 3e-20: terms below are negligible at 1e-10


def _plus_minus(images: np.ndarray) -> np.ndarray:
    return 2 * np.asarray(images, np.float32) - 1


def agreement_counts(test: np.ndarray, samples: np.ndarray) -> np.ndarray:
    """m[t, i] = number of pixels where test[t] and samples[i] agree (float32)."""
    d = test.shape[1]
    return (_plus_minus(test) @ _plus_minus(samples).T + d) * np.float32(0.5)


def _log_sum_kernel(y_pm: np.ndarray, x_pm: np.ndarray, beta: float) -> np.ndarray:
    """log Σ_i Π_j β^[y=x] (1-β)^[y≠x] over the rows of x, for each row of y (both ±1).

    Agreement counts are exact integers in float32; the row maximum is taken out before the
    exponential, evaluated in float64 (1e-10 accuracy against a double loop). Exponents
    below MIN_EXPONENT are raised to it: such terms are < 3e-20 of the largest, at most
    len(x)·3e-20 relative error, and exp never takes its slow underflow path.
    """
    d = y_pm.shape[1]
    a, c = np.log(beta) - np.log1p(-beta), d * np.log1p(-beta)
    # 2·(m - top) = y·x - max(y·x): integers, exact
    dots = y_pm @ x_pm.T
    top = dots.max(axis=1, keepdims=True)
    dots -= top
    np.maximum(dots, np.float32(2 * MIN_EXPONENT / a), out=dots)
    terms = np.multiply(dots, a / 2, dtype=np.float64)
    np.exp(terms, out=terms)
    top_counts = (top[:, 0].astype(np.float64) + d) / 2
    return a * top_counts + c + np.log(terms.sum(axis=1))


def _running_log_sums(test: np.ndarray, samples: np.ndarray, stops: np.ndarray,
                      beta: float) -> np.ndarray:
    """log Σ_{i < n} kernel(test, samples_i) for each n in `stops`, shape (len(stops), n_test)."""
    y_pm = _plus_minus(test)
    running = np.full(len(test), -np.inf)
    out = np.empty((len(stops), len(test)))
    start = 0
    for s, n in enumerate(stops):
        for lo in range(start, n, CHUNK):
            x_pm = _plus_minus(samples[lo:min(n, lo + CHUNK)])
            running = np.logaddexp(running, _log_sum_kernel(y_pm, x_pm, beta))
        start = n
        out[s] = running
    return out


def log_likelihood(test: np.ndarray, samples: np.ndarray,
                   beta: float = DEFAULT_BETA) -> np.ndarray:
    """log p(y) of eq. 11 for every test image."""
    n = len(samples)
    return _running_log_sums(test, samples, np.array([n]), beta)[0] - np.log(n)


def isl_curve(test: np.ndarray, samples: np.ndarray, n_points: np.ndarray,
              beta: float = DEFAULT_BETA) -> np.ndarray:
    """Mean ISL over test images using the first n samples, for each n in `n_points` (one pass)."""
    n_points = np.asarray(n_points, dtype=int)
    if np.any(np.diff(n_points) <= 0) or n_points[0] < 1 or n_points[-1] > len(samples):
        raise ValueError("n_points must increase within 1..len(samples)")
    sums = _running_log_sums(test, samples, n_points, beta)
    return (sums - np.log(n_points)[:, None]).mean(axis=1)
