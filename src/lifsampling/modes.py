"""Modes of generated sequences (L18 Fig 3d, 4): the class a sample represents.

The mode of a sample is the label unit with the highest activity (L18 Results), read the same
way for every sampler from the sampled states of the label units: Gibbs' and AST's label
layer at each step, a network's label neurons at each sample time (on for τ_ref after a spike,
`states.sample_states`). No sampler gets a window, a tie rule or a carry-over of its own.
"""

from __future__ import annotations

import numpy as np


def label_modes(label_states: np.ndarray, window: int) -> np.ndarray:
    """Mode of every sample from the label units' states (sample, label unit): the unit on in
    most of the last `window` samples, this one included. Where no label unit was on in the
    window, or the top count is shared, the previous sample's mode is kept (the first sample:
    the lowest of the tied units); the same rule for every sampler."""
    if window < 1:
        raise ValueError(f"mode window must be at least 1 sample, not {window}")
    z = np.asarray(label_states, np.int64)
    summed = np.cumsum(z, axis=0)
    counts = summed.copy()
    counts[window:] -= summed[:-window]
    top = counts.max(axis=1, keepdims=True)
    decided = ((counts == top).sum(axis=1) == 1) & (top[:, 0] > 0)
    modes = np.argmax(counts, axis=1)
    # each sample takes the mode of the last decided sample up to it (none: the first's)
    last_decided = np.maximum.accumulate(np.where(decided, np.arange(len(modes)), 0))
    return modes[last_decided]


def run_lengths(modes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mode, length) of each run of identical consecutive modes in a 1-D sequence."""
    modes = np.asarray(modes)
    if modes.size == 0:
        return np.empty(0, int), np.empty(0, int)
    change = np.flatnonzero(np.diff(modes) != 0) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [modes.size]])
    return modes[starts], ends - starts


def mode_durations(modes: np.ndarray, censor_last: bool = False) -> np.ndarray:
    """Lengths (in samples) of the stays in one mode; optionally drop the unfinished last stay."""
    _, lengths = run_lengths(modes)
    return lengths[:-1] if censor_last and lengths.size > 1 else lengths


def mode_histogram(modes: np.ndarray, n_classes: int = 10) -> np.ndarray:
    """Fraction of samples in each mode."""
    counts = np.bincount(np.asarray(modes).ravel(), minlength=n_classes)
    return counts / counts.sum()


def balance(histogram: np.ndarray, classes: list[int] | None = None) -> float:
    """Normalised entropy of the mode histogram over `classes` (1 = perfectly balanced; 0
    also when no sample fell in any of them)."""
    h = np.asarray(histogram, float)
    if classes is not None:
        h = h[classes]
    if h.sum() == 0:
        return 0.0
    h = h / h.sum()
    nz = h[h > 0]
    return float(-(nz * np.log(nz)).sum() / np.log(len(h)))


def nearest_pattern(samples: np.ndarray, patterns: np.ndarray) -> np.ndarray:
    """Index of the pattern at the smallest Hamming distance from each sample (the mode of a
    bars sample, L18 Fig 2c); ties go to the lower index."""
    s = np.asarray(samples, np.float32)
    p = np.asarray(patterns, np.float32)
    # |s - p|_1 = |s| + |p| - 2 s·p for binary vectors
    distance = s.sum(axis=1, keepdims=True) + p.sum(axis=1) - 2 * s @ p.T
    return np.argmin(distance, axis=1)
