"""Pictures of a sampling network's states in the P16 inference demo (P16 App. X).

The star plot projects the 144-dimensional states z(t) onto the three stored digits and then
onto a plane, one direction per digit (eqs. 78-80); snapshots average z over 25 ms (eq. 81).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

STAR_ANGLES = (0.0, 2 * np.pi / 3, 4 * np.pi / 3)  # (phi_0, phi_3, phi_4) of eq. 80


def star_basis(patterns: np.ndarray) -> np.ndarray:
    """The basis vectors B_i of eq. 78: the stored patterns <z>_T, each scaled to unit norm."""
    patterns = np.asarray(patterns, float)
    return patterns / np.linalg.norm(patterns, axis=1, keepdims=True)


def star_projection(states: np.ndarray, basis: np.ndarray,
                    angles: Sequence[float] = STAR_ANGLES) -> np.ndarray:
    """z_proj(t) of eq. 80 for each state, shape (n_states, 2).

    Eq. 79 projects z on the basis, z_034 = (B_0·z, B_3·z, B_4·z); eq. 80 maps that onto the
    plane: x = Σ_i sin(phi_i) (B_i·z), y = Σ_i cos(phi_i) (B_i·z), so a state equal to pattern
    i lies in the direction phi_i.
    """
    z034 = np.asarray(states, float) @ np.asarray(basis, float).T
    plane = np.array([np.sin(angles), np.cos(angles)])
    return z034 @ plane.T


def snapshot_means(spike_trains: Sequence[np.ndarray], tau_on: float, centres: np.ndarray,
                   window_ms: float = 25.0) -> np.ndarray:
    """z̄_k(t) of eq. 81: the fraction of [t - window/2, t + window/2] in which unit k is on
    (z_k = 1 for tau_on after each spike), shape (len(centres), n_units).

    Spikes of one neuron are at least tau_ref >= tau_on apart, so their on-intervals do not
    overlap and the on-time is the sum of each interval's overlap with the window.
    """
    centres = np.asarray(centres, float)
    lo, hi = centres - window_ms / 2, centres + window_ms / 2
    out = np.empty((centres.size, len(spike_trains)))
    for k, train in enumerate(spike_trains):
        s = np.asarray(train, float)[None, :]
        overlap = np.minimum(s + tau_on, hi[:, None]) - np.maximum(s, lo[:, None])
        out[:, k] = np.clip(overlap, 0, None).sum(axis=1) / window_ms
    return out
