"""Modes of generated sequences (L18 Fig 3d, 4): the class a sample represents.

The mode of a sample is the label unit with the highest activity: for Gibbs and AST the label
probabilities p(l_k = 1 | h), for spiking networks the label neuron with the highest rate in
the sample window (L18 Results).
"""

from __future__ import annotations

import numpy as np


def modes_from_label_activity(label_activity: np.ndarray) -> np.ndarray:
    """Index of the most active label unit for each sample (last axis = label units)."""
    return np.argmax(label_activity, axis=-1)


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


def label_modes_from_spikes(label_trains: list[np.ndarray], sample_times: np.ndarray,
                            window_ms: float) -> np.ndarray:
    """Mode of each sample of a spiking network: the label neuron with the most spikes in
    (t - window_ms, t] (L18: the label unit with the highest rate). Where no label neuron
    fired in the window, or the top count is shared, the previous mode is kept (the first
    sample then takes the lowest tied index)."""
    t = np.asarray(sample_times, float)
    counts = np.stack([np.searchsorted(np.sort(np.asarray(tr, float)), t, side="right")
                       - np.searchsorted(np.sort(np.asarray(tr, float)), t - window_ms,
                                         side="right") for tr in label_trains], axis=1)
    top = counts.max(axis=1, keepdims=True)
    unique = ((counts == top).sum(axis=1) == 1) & (top[:, 0] > 0)
    modes = np.argmax(counts, axis=1)
    for i in range(1, len(modes)):
        if not unique[i]:
            modes[i] = modes[i - 1]
    return modes
