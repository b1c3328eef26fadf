"""The abstract neural sampler of Buesing et al. 2011 (P16 eq. 2): the reference of P16 Fig 3C.

Neuron k, when not refractory (z_k = 0), fires with instantaneous rate exp(v_k)/τ, with
v_k = b_k + Σ_j W_kj z_j(t) (P16 eq. 11); after a spike it stays in z_k = 1 for τ and cannot
fire. With these rectangular interactions the network samples exactly from p_B (P16 eq. 10).
Simulated exactly in continuous time (Gillespie): rates are constant between events.
"""

from __future__ import annotations

import numpy as np


def simulate_abstract_sampler(W: np.ndarray, b: np.ndarray, tau: float, duration: float,
                              rng: np.random.Generator) -> list[np.ndarray]:
    """Spike times (ms) of each neuron over [0, duration), starting with all z = 0."""
    K = len(b)
    z = np.zeros(K, bool)
    ends = np.full(K, np.inf)
    spikes: list[list[float]] = [[] for _ in range(K)]
    t = 0.0
    while t < duration:
        v = b + W @ z
        rates = np.where(z, 0.0, np.exp(v) / tau)
        total = rates.sum()
        wait = rng.exponential(1.0 / total) if total > 0 else np.inf
        next_end = ends.min()
        if t + wait < next_end:
            t += wait
            if t >= duration:
                break
            k = rng.choice(K, p=rates / total)
            z[k], ends[k] = True, t + tau
            spikes[k].append(t)
        else:
            t = next_end
            k = int(np.argmin(ends))
            z[k], ends[k] = False, np.inf
    return [np.asarray(s) for s in spikes]
