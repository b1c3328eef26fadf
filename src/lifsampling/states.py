"""Network states from spike trains (P16 eq. 1; L18 Fig 1b) and their distributions over time.

z_k(t) = 1 if neuron k spiked in (t - τ_on, t], else 0, with τ_on = τ_ref. The joint
distribution p_N is the fraction of time spent in each of the 2^K states, computed exactly
from the event times (spikes and spike + τ_on), not by binning.

D_KL(p_N ‖ p_B) needs no pseudo-counts: states never visited have p_N = 0 and contribute
0 log 0 = 0, and p_B > 0 for every state of a Boltzmann distribution.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .boltzmann import kl_divergence, state_index


def state_segments(
    spike_trains: Sequence[np.ndarray], tau_on: float, t_start: float, t_stop: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Piecewise-constant network state between t_start and t_stop.

    Returns (segment start times, segment durations, state index) with the state indexed as in
    `boltzmann.all_states` (unit 0 = most significant bit). Spikes before t_start count
    (a neuron that fired at t_start - 1 ms is still on).
    """
    K = len(spike_trains)
    times, units, steps = [], [], []
    for k, train in enumerate(spike_trains):
        train = np.asarray(train, float)
        train = train[(train > t_start - tau_on) & (train < t_stop)]
        times += [train, train + tau_on]
        units += [np.full(train.size, k), np.full(train.size, k)]
        steps += [np.ones(train.size, int), -np.ones(train.size, int)]
    times = np.concatenate(times + [np.array([t_start])])
    units = np.concatenate(units + [np.array([0])])
    steps = np.concatenate(steps + [np.array([0])])
    order = np.argsort(times, kind="stable")
    times, units, steps = times[order], units[order], steps[order]
    # active-spike count per unit after each event; equal times are applied together
    counts = np.zeros((times.size, K), int)
    counts[np.arange(times.size), units] = steps
    counts = np.cumsum(counts, axis=0)
    last_of_time = np.append(times[1:] != times[:-1], True)
    times, counts = times[last_of_time], counts[last_of_time]
    weights = 1 << np.arange(K - 1, -1, -1)
    index = (counts > 0).astype(int) @ weights
    starts = np.clip(times, t_start, t_stop)
    ends = np.append(starts[1:], t_stop)
    keep = (ends > starts) & (starts >= t_start)
    return starts[keep], (ends - starts)[keep], index[keep]


def joint_distribution(spike_trains: Sequence[np.ndarray], tau_on: float, t_start: float,
                       t_stop: float) -> np.ndarray:
    """p_N(z): fraction of [t_start, t_stop) spent in each of the 2^K states."""
    _, durations, index = state_segments(spike_trains, tau_on, t_start, t_stop)
    hist = np.bincount(index, weights=durations, minlength=2 ** len(spike_trains))
    return hist / hist.sum()


def dkl_over_time(spike_trains: Sequence[np.ndarray], tau_on: float, t_start: float,
                  times: np.ndarray, p_target: np.ndarray) -> np.ndarray:
    """D_KL(p_N ‖ p_B) with p_N from [t_start, t_start + T) for each T in `times`."""
    joints = joint_over_time(spike_trains, tau_on, t_start, times)
    return np.array([kl_divergence(p, p_target) for p in joints])


def dkl_of_samples(samples: np.ndarray, sample_interval_ms: float, times: np.ndarray,
                   p_target: np.ndarray) -> np.ndarray:
    """D_KL(p ‖ p_B) of the empirical distribution of the samples (n, K) drawn up to each T in
    `times`, one sample per `sample_interval_ms`: a discrete-time sampler (Gibbs) on the time
    axis of the LIF networks."""
    index = state_index(samples)
    counts = [max(int(T // sample_interval_ms), 1) for T in times]
    return np.array([kl_divergence(np.bincount(index[:n], minlength=len(p_target)) / n,
                                   p_target) for n in counts])


def sample_states(spike_trains: Sequence[np.ndarray], tau_on: float,
                  sample_times: np.ndarray) -> np.ndarray:
    """z(t) at each of `sample_times` (n_samples, K) uint8: one sample every τ_ref (L18)."""
    sample_times = np.asarray(sample_times, float)
    out = np.zeros((sample_times.size, len(spike_trains)), np.uint8)
    for k, train in enumerate(spike_trains):
        train = np.sort(np.asarray(train, float))
        # last spike at or before t
        last = np.searchsorted(train, sample_times, side="right") - 1
        valid = last >= 0
        on = np.zeros(sample_times.size, bool)
        on[valid] = sample_times[valid] - train[last[valid]] < tau_on
        out[:, k] = on
    return out


def dkl_time_grid(duration_ms: float, n_points: int) -> np.ndarray:
    """Log-spaced integration times from 100 ms to the run length (P16 Fig 3C)."""
    return np.geomspace(100.0, duration_ms, n_points)


def joint_over_time(spike_trains: Sequence[np.ndarray], tau_on: float, t_start: float,
                    times: np.ndarray) -> np.ndarray:
    """p_N(z) over [t_start, t_start + T) for each T in `times`: shape (len(times), 2^K).

    `dkl_over_time` against any reference follows from it (`boltzmann.kl_divergence`), so a
    run can be stored without knowing the reference it will be compared with.
    """
    K = len(spike_trains)
    starts, durations, index = state_segments(spike_trains, tau_on, t_start,
                                              t_start + float(np.max(times)))
    out = np.empty((len(times), 2**K))
    for i, T in enumerate(times):
        clipped = np.clip(t_start + T - starts, 0.0, durations)
        hist = np.bincount(index, weights=clipped, minlength=2**K)
        out[i] = hist / hist.sum()
    return out
