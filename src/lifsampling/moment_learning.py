"""Training a fully visible Boltzmann machine by moment matching (P16 App. X).

P16 trains the 144-unit network of its inference demo with

    ΔI_b,k ∝ <z_k>_T - <z_k>,      Δw_kj ∝ <z_k z_j>_T - <z_k z_j>,

the moments <·> taken from samples of the LIF network itself ("in the loop"). The translation
from (W, b) to (w, I_b) is linear (P16 eqs. 64-65, 75), so the same rule is applied here to
(W, b) and the network re-translated after every step. P16 gives neither learning rate nor
number of steps; here the rate decays as eta_t = a / (b + t) (as CAST's, L18 Methods), and
`train_with_gibbs` runs the same rule with persistent Gibbs chains of the abstract BM (a cheap
start for the network's own, in-the-loop, steps). The target statistics come from the
stored patterns read as pixel-wise probabilities (intensities in [0.05, 0.95]).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .samplers import gibbs_sweep


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
    """Root mean square of the differences of the first moments and of the second moments
    of distinct pairs (k < j), all counted once. The root mean square, not the largest
    difference: with a few thousand correlated samples, the largest of 10^4 noisy entries
    would measure the sampling noise more than the fit."""
    upper = np.triu_indices(len(target[0]), k=1)
    diff = np.concatenate([target[0] - model[0], (target[1] - model[1])[upper]])
    return float(np.sqrt(np.mean(diff ** 2)))


def learning_rate(eta: tuple[float, float], step: int) -> float:
    """eta_t = a / (b + t)."""
    return eta[0] / (eta[1] + step)


def initial_parameters(target: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """No couplings and biases logit(<z_k>_T): independent units with the target means."""
    mean = np.asarray(target[0], float)
    return np.zeros((mean.size, mean.size)), np.log(mean / (1 - mean))


def train_with_gibbs(W: np.ndarray, b: np.ndarray, target: tuple[np.ndarray, np.ndarray],
                     n_chains: int, sweeps: int, iterations: int, eta: tuple[float, float],
                     rng: np.random.Generator,
                     progress: Callable[[int], None] | None = None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rule with persistent Gibbs chains: per iteration `sweeps` sweeps of `n_chains`
    chains give the model moments, then one `moment_step`. Returns W, b and the mismatch
    (`moment_mismatch`) of each iteration's samples, before its step."""
    z = (rng.random((n_chains, len(b))) < 0.5).astype(float)
    curve = np.empty(iterations)
    for it in range(iterations):
        states = np.concatenate([gibbs_sweep(z, W, b, rng).copy() for _ in range(sweeps)])
        model = sample_moments(states)
        curve[it] = moment_mismatch(target, model)
        W, b = moment_step(W, b, target, model, learning_rate(eta, it))
        if progress is not None:
            progress(it)
    return W, b, curve
