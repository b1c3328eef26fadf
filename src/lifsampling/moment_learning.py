"""Training a fully visible Boltzmann machine by moment matching (P16 App. X).

P16 trains the 144-unit network of its inference demo with

    ΔI_b,k ∝ <z_k>_T - <z_k>,      Δw_kj ∝ <z_k z_j>_T - <z_k z_j>,

the moments <·> taken from samples of the LIF network itself ("in the loop"). The translation
from (W, b) to (w, I_b) is linear (P16 eqs. 64-65, 75), so the same rule is applied here to
(W, b) and the network re-translated after every step. The target statistics come from the
stored patterns read as pixel-wise probabilities (intensities in [0.05, 0.95]).
"""

from __future__ import annotations

import numpy as np


def target_moments(patterns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """<z_k>_T and <z_k z_j>_T of an equal mixture of the patterns, each pixel of a pattern an
    independent Bernoulli variable with the pattern's intensity (so <z_k z_k>_T = <z_k>_T)."""
    x = np.asarray(patterns, float)
    mean = x.mean(axis=0)
    second = x.T @ x / len(x)
    np.fill_diagonal(second, mean)
    return mean, second


def sample_moments(states: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """<z_k> and <z_k z_j> of binary samples (n_samples, n_units)."""
    z = np.asarray(states, float)
    return z.mean(axis=0), z.T @ z / len(z)


def moment_step(W: np.ndarray, b: np.ndarray, target: tuple[np.ndarray, np.ndarray],
                model: tuple[np.ndarray, np.ndarray], eta: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """One step of the rule: W += eta (<zz>_T - <zz>) off the diagonal, b += eta (<z>_T - <z>).
    W stays symmetric with a zero diagonal."""
    dW = eta * (target[1] - model[1])
    np.fill_diagonal(dW, 0.0)
    return W + (dW + dW.T) / 2, b + eta * (target[0] - model[0])


def moment_mismatch(target: tuple[np.ndarray, np.ndarray],
                    model: tuple[np.ndarray, np.ndarray]) -> float:
    """Largest absolute difference of first and (off-diagonal) second moments."""
    off = ~np.eye(len(target[0]), dtype=bool)
    return float(max(np.abs(target[0] - model[0]).max(),
                     np.abs(target[1] - model[1])[off].max()))
