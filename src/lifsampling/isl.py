"""Indirect sampling likelihood (L18 eq. 11; Breuleux et al. 2011).

For a test image y ∈ {0,1}^d and generated samples x_1 … x_N::

    p(y) = 1/N Σ_i Π_j β^{[y_j = x_ij]} (1 - β)^{[y_j ≠ x_ij]}              (11)

With m_i = number of pixels where y and x_i agree, log p(y) = logsumexp_i(m_i log β +
(d - m_i) log(1 - β)) - log N. The agreement counts of all pairs are one matrix product:
m = ((2Y - 1)(2X - 1)ᵀ + d) / 2, exact in float32 for d < 2^24. The kernel depends on m
only, so the samples are counted per m (a histogram of d + 1 bins per test image) and the
sum over samples is a sum over m: no exponential per pair, and exact integer counts.
"""

from __future__ import annotations

import numpy as np

DEFAULT_BETA = 0.95  # L18 Methods
CHUNK = 4000  # samples per block: one bincount per block of n_test x CHUNK pairs


def _plus_minus(images: np.ndarray) -> np.ndarray:
    return 2 * np.asarray(images, np.float32) - 1


def _test_rows(test: np.ndarray) -> np.ndarray:
    """Test images as ±1 rows with one more column: the bin offset t (d + 1) + d/2 of row t."""
    n, d = test.shape
    return np.hstack([_plus_minus(test),
                      (np.arange(n, dtype=np.float32) * (d + 1) + np.float32(d / 2))[:, None]])


def _sample_rows(samples: np.ndarray) -> np.ndarray:
    """Samples as ±1/2 rows with a last column of ones (pairs with `_test_rows`)."""
    return np.hstack([_plus_minus(samples) * np.float32(0.5),
                      np.ones((len(samples), 1), np.float32)])


def _agreement_histogram(y_rows: np.ndarray, x_rows: np.ndarray) -> np.ndarray:
    """h[t, m] = number of samples that agree with test image t in exactly m pixels.

    The kernel of eq. 11 depends on a pair only through its agreement count m, so counting
    the pairs per m replaces an exponential per pair. One float32 product gives every pair's
    bin t (d + 1) + m directly: y·x/2 = m - d/2 plus the offset column, every partial sum a
    multiple of 1/2 (an integer for even d) below the offset n_test (d + 1), hence exact;
    one bincount counts them.
    """
    n, d = len(y_rows), y_rows.shape[1] - 1
    bins = (y_rows @ x_rows.T).astype(np.int32)
    return np.bincount(bins.ravel(), minlength=n * (d + 1)).reshape(n, d + 1)


def _log_sum_from_histogram(hist: np.ndarray, beta: float) -> np.ndarray:
    """log Σ_i Π_j β^[y=x] (1-β)^[y≠x] = logsumexp_m(log h[m] + m log β + (d - m) log(1-β))."""
    d = hist.shape[1] - 1
    m = np.arange(d + 1)
    log_kernel = m * np.log(beta) + (d - m) * np.log1p(-beta)
    with np.errstate(divide="ignore"):
        terms = np.log(hist) + log_kernel
    top = terms.max(axis=1, keepdims=True)
    return top[:, 0] + np.log(np.exp(terms - top).sum(axis=1))


def _running_log_sums(test: np.ndarray, samples: np.ndarray, stops: np.ndarray,
                      beta: float) -> np.ndarray:
    """log Σ_{i < n} kernel(test, samples_i) for each n in `stops`, shape (len(stops), n_test)."""
    y_rows = _test_rows(test)
    # bins are integers (d even) or half-integers (d odd): exact in float32 below 2^24 or 2^23
    if len(test) * (test.shape[1] + 1) >= 2 ** (24 - test.shape[1] % 2):
        raise ValueError(f"ISL: {len(test)} test images of {test.shape[1]} pixels exceed the "
                         "bins exact in float32 (n_test (d + 1) < 2^24)")
    hist = np.zeros((len(test), test.shape[1] + 1), np.int64)
    out = np.empty((len(stops), len(test)))
    start = 0
    for s, n in enumerate(stops):
        for lo in range(start, n, CHUNK):
            hist += _agreement_histogram(y_rows, _sample_rows(samples[lo:min(n, lo + CHUNK)]))
        start = n
        out[s] = _log_sum_from_histogram(hist, beta)
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
