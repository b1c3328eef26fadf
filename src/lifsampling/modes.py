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
    """Normalised entropy of the mode histogram over `classes` (1 = perfectly balanced)."""
    h = np.asarray(histogram, float)
    if classes is not None:
        h = h[classes]
    h = h / h.sum()
    nz = h[h > 0]
    return float(-(nz * np.log(nz)).sum() / np.log(len(h)))
