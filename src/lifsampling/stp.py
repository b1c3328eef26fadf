"""Tsodyks-Markram short-term plasticity (L18 eqs. 7-9) and exact PSPs of CUBA LIF neurons.

L18 eqs. 7-9 (re-derived; the paper's extracted text is mangled)::

    PSP  ∝ w · U · R                                   (7)
    dR/dt = (1 - R) / τ_rec - U · R · δ(t - t_s)        (8)
    dU/dt = -U / τ_fac + U_0 · (1 - U) · δ(t - t_s)     (9)

At a presynaptic spike U first jumps by U_0 (1 - U), the synapse transmits w·U·R, then R
loses the fraction U. Between spikes R recovers to 1 with τ_rec and U decays to 0 with
τ_fac. A rested synapse therefore transmits w·U_0 at its first spike; τ_fac = 0 means no
facilitation (U = U_0 at every spike) and τ_rec = 0 means full recovery before every
spike. NEST's ``tsodyks2_synapse`` (3.8 and later) follows the same order, with its
state initialised to u = U_0, x = 1 for a rested synapse; the spiking module uses it.
"""

from __future__ import annotations

import numpy as np


def _decay(interval: np.ndarray | float, tau: float) -> np.ndarray:
    """exp(-interval/tau), with tau = 0 read as instantaneous relaxation."""
    interval = np.asarray(interval, dtype=float)
    if tau == 0:
        return np.zeros_like(interval)
    return np.exp(-interval / tau)


def tm_efficacies(
    spike_times: np.ndarray, U0: float, tau_rec: float, tau_fac: float
) -> np.ndarray:
    """Transmitted fraction U_n·R_n at each presynaptic spike of a rested synapse (L18 eqs. 8-9).

    Parameters
    ----------
    spike_times : sorted spike times (ms)
    U0, tau_rec, tau_fac : Tsodyks-Markram parameters (ms for the time constants)

    Returns
    -------
    Array of U_n R_n, so that the n-th PSC amplitude is w·U_n·R_n.
    """
    spike_times = np.asarray(spike_times, dtype=float)
    eff = np.empty(spike_times.size)
    u, r = 0.0, 1.0  # rested: no facilitation left, all resources available
    last = -np.inf
    for n, t in enumerate(spike_times):
        gap = t - last
        u *= float(_decay(gap, tau_fac)) if np.isfinite(gap) else 0.0
        r = 1.0 - (1.0 - r) * (float(_decay(gap, tau_rec)) if np.isfinite(gap) else 0.0)
        u = u + U0 * (1.0 - u)
        eff[n] = u * r
        r -= u * r
        last = t
    return eff


def rested_weight(first_amplitude: float, U0: float) -> float:
    """Synaptic weight w whose first transmission from a rested synapse is `first_amplitude`.

    A rested synapse transmits w·U_0 (eq. 7 with R = 1, U = U_0), so w = amplitude / U_0.
    This keeps the translated BM interaction for the first spike of a burst whatever U_0
    is (docs/study.md §6: with U_0 = 0.01 NEST's first PSC is 0.01·w).
    """
    if not 0 < U0 <= 1:
        raise ValueError(f"U0 must lie in (0, 1], got {U0}")
    return first_amplitude / U0


def psp_kernel(t: np.ndarray, cm: float, tau_m: float, tau_syn: float) -> np.ndarray:
    """Membrane response (mV) of a CUBA LIF neuron to a unit (1 nA) exponential PSC at t = 0.

    Solves C dV/dt = -C (V - E_l)/τ_m + e^{-t/τ_syn} H(t) exactly::

        k(t) = τ_m τ_syn / (C (τ_syn - τ_m)) · (e^{-t/τ_syn} - e^{-t/τ_m}),

    with C in nF and times in ms (nA·ms/nF = mV). For τ_m = τ_syn the limit t/C e^{-t/τ}.
    """
    t = np.asarray(t, dtype=float)
    tp = np.clip(t, 0.0, None)
    if np.isclose(tau_m, tau_syn):
        k = tp / cm * np.exp(-tp / tau_syn)
    else:
        scale = tau_m * tau_syn / (cm * (tau_syn - tau_m))
        k = scale * (np.exp(-tp / tau_syn) - np.exp(-tp / tau_m))
    return np.where(t >= 0, k, 0.0)


def psp_peak(cm: float, tau_m: float, tau_syn: float) -> float:
    """Height (mV) of the PSP of a unit PSC: k(t*) at t* = ln(τ_syn/τ_m) τ_m τ_syn/(τ_syn - τ_m)."""
    if np.isclose(tau_m, tau_syn):
        t_peak = tau_syn
    else:
        t_peak = np.log(tau_syn / tau_m) * tau_m * tau_syn / (tau_syn - tau_m)
    return float(psp_kernel(np.array([t_peak]), cm, tau_m, tau_syn)[0])


def membrane_response(
    t: np.ndarray,
    arrival_times: np.ndarray,
    amplitudes: np.ndarray,
    cm: float,
    tau_m: float,
    tau_syn: float,
) -> np.ndarray:
    """Free membrane deflection (mV) from PSCs of given amplitudes (nA) by linear superposition."""
    t = np.asarray(t, dtype=float)[:, None]
    return (psp_kernel(t - np.asarray(arrival_times)[None, :], cm, tau_m, tau_syn)
            * np.asarray(amplitudes)[None, :]).sum(axis=1)


def peaks_between_spikes(t: np.ndarray, v: np.ndarray, arrival_times: np.ndarray) -> np.ndarray:
    """Maximum of `v` in each interval [t_n, t_{n+1}) between arrivals (last: to the end)."""
    t = np.asarray(t)
    edges = np.append(np.asarray(arrival_times, dtype=float), np.inf)
    windows = zip(edges[:-1], edges[1:], strict=True)
    return np.array([v[(t >= a) & (t < b)].max() for a, b in windows])
