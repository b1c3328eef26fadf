"""Sampling fidelity of a LIF network: how faithfully its units reproduce an RBM's conditionals.

A trained RBM's LIF network samples p(v, h) only if every unit's activation, given the states
of the units it listens to, is the RBM's conditional σ(b_k + Σ_j W_kj z_j). Two things can
break it, and this module measures and predicts both:

* **The effective weight of a bursting neuron.** The translation (P16 eqs. 13, 64; CUBA
  analogue in `lifsampling.translate`) sizes ONE postsynaptic current so that its PSP, integrated
  over τ_ref, is α W τ_ref. A presynaptic neuron that stays in z = 1 fires every Δ ≈ τ_ref; its
  PSCs (time constant τ_syn) pile up (P16 App. V, L18 Fig 1d) and a Tsodyks-Markram synapse
  transmits u·R of its weight at each spike (L18 eqs. 7-9). In the steady state of such a burst
  the mean PSP is `burst_weight_factor` times the translated one:

      f = (u* R* / U0) · (τ_ref / Δ) · ∫_0^∞ PSP / ∫_0^τref PSP,

  with the steady state of L18 eqs. 8-9 for spikes every Δ (re-derived here)::

      u* = U0 / (1 - (1 - U0) e^{-Δ/τ_fac}),
      R* = (1 - e^{-Δ/τ_rec}) / (1 - (1 - u*) e^{-Δ/τ_rec}),

  and U0 in the denominator because the study's synapses carry w/U0 (`stp.rested_weight`: a
  rested synapse's first PSC is the translated weight). Static synapses (u* = U0, R* = 1) give
  f = 1/(1 - e^{-τ_ref/τ_syn}) ≈ 1.58 at τ_ref = τ_syn; renewing synapses (U0 = 1, τ_rec =
  τ_syn) give f = 1: exactly what the abstract neuron (rectangular PSP of height α W) transmits.

* **The activation itself.** p(z = 1 | input) is only approximately logistic; its slope and
  offset against the exact logit are read from spikes (`fit_logit`).

`on_fraction` turns spike trains into the fraction of a window a unit spends in z = 1
(z_k = 1 for τ_on after each spike, P16 eq. 1), the quantity compared with the exact
conditional.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .network import STPSet
from .stp import tm_efficacies
from .translate import psp_integral


def _relaxation(interval_ms: float, tau_ms: float) -> float:
    """e^{-Δ/τ}; τ = 0 relaxes at once (no memory)."""
    return 0.0 if tau_ms == 0 else float(np.exp(-interval_ms / tau_ms))


def steady_state_efficacy(stp: STPSet, isi_ms: float) -> float:
    """u* R*: the fraction of the weight a synapse transmits at every spike of a long periodic
    train with interval `isi_ms` (L18 eqs. 8-9 at their fixed point; module doc)."""
    fac, rec = _relaxation(isi_ms, stp.tau_fac_ms), _relaxation(isi_ms, stp.tau_rec_ms)
    u = stp.U0 / (1.0 - (1.0 - stp.U0) * fac)
    return u * (1.0 - rec) / (1.0 - (1.0 - u) * rec)


def burst_weight_factor(stp: STPSet, isi_ms: float, neuron: dict) -> float:
    """Mean PSP of a presynaptic neuron firing every `isi_ms` relative to the translated one,
    α W (module doc): pile-up of the exponential PSCs times the steady-state efficacy over the
    rested synapse's U0. `neuron` gives cm, tau_m, tau_syn_E, tau_refrac (the CUBA kernel
    of `translate.psp_integral`)."""
    tau_ref = float(neuron["tau_refrac"])
    kernel = (float(neuron["cm"]), float(neuron["tau_m"]), float(neuron["tau_syn_E"]))
    whole, translated = psp_integral(*kernel, np.inf), psp_integral(*kernel, tau_ref)
    return (steady_state_efficacy(stp, isi_ms) / stp.U0) * (tau_ref / isi_ms) * whole / translated


def on_fraction(trains: Sequence[np.ndarray], tau_on_ms: float, starts_ms: np.ndarray,
                stops_ms: np.ndarray) -> np.ndarray:
    """Fraction of each window [start, stop) every unit spends in z = 1 (τ_on after each of its
    spikes; P16 eq. 1): shape (window, unit). Exact from the spike times, no binning; the
    on-periods of one unit never overlap, since τ_on = τ_ref."""
    starts, stops = np.asarray(starts_ms, float), np.asarray(stops_ms, float)
    out = np.empty((starts.size, len(trains)))
    for k, train in enumerate(trains):
        t = np.asarray(train, float)
        on_from = np.maximum(t[None, :], starts[:, None])
        on_to = np.minimum(t[None, :] + tau_on_ms, stops[:, None])
        out[:, k] = np.clip(on_to - on_from, 0.0, None).sum(axis=1)
    return out / (stops - starts)[:, None]


def _log_likelihood(design: np.ndarray, coef: np.ndarray, offset: np.ndarray,
                    p: np.ndarray) -> float:
    eta = design @ coef + offset
    return float(np.sum(p * eta - np.logaddexp(0.0, eta)))


# The fits use units whose exact conditional lies in [0.02, 0.98] (|logit| < 3.9): beyond it
# a window of 50 tau_ref holds about one on-period, so the on-fraction carries no slope, and
# the activation's tails are not logistic (the calibration: logit 0.5-1.2 below the fit at
# p < 0.02); the intercept is then read inside the data, not extrapolated to it. A state with
# fewer informative units has no fit (the bars' conditionals are saturated).
INFORMATIVE_LOGIT = float(np.log(0.98 / 0.02))
MIN_INFORMATIVE = 10


def informative(exact_input: np.ndarray) -> np.ndarray:
    """Mask of the units whose exact conditional σ(input) lies in [0.02, 0.98]."""
    return np.abs(np.asarray(exact_input, float)) <= INFORMATIVE_LOGIT


def fit_logit(x: np.ndarray, p: np.ndarray, offset: np.ndarray | float = 0.0,
              max_steps: int = 100) -> tuple[float, float]:
    """(slope a, intercept c) of p ≈ σ(a x + c + offset) by maximum (quasi-)likelihood.

    `p` are measured on-fractions in [0, 1]; the binomial log-likelihood is concave in (a, c)
    and takes saturated points as they are (an on-fraction of 0 where the model predicts
    σ(-20) costs nothing; clipping it to a finite logit would drag the slope down). Newton's
    method from (0, 0), each step halved until the likelihood does not fall, converges unless
    the points are perfectly separable, where the slope has no finite estimate: (nan, nan).
    """
    x = np.asarray(x, float).ravel()
    offset = np.broadcast_to(np.asarray(offset, float), x.shape).ravel()
    p = np.asarray(p, float).ravel()
    design = np.column_stack([x, np.ones_like(x)])
    coef = np.zeros(2)
    current = _log_likelihood(design, coef, offset, p)
    for _ in range(max_steps):
        mu = 1.0 / (1.0 + np.exp(-(design @ coef + offset)))
        hessian = design.T @ (design * (mu * (1.0 - mu))[:, None])
        try:
            step = np.linalg.solve(hessian, design.T @ (p - mu))
        except np.linalg.LinAlgError:
            break
        for _ in range(30):  # step halving: never downhill
            trial = _log_likelihood(design, coef + step, offset, p)
            if trial >= current - 1e-12:
                break
            step = step / 2
        coef, current = coef + step, trial
        if np.max(np.abs(step)) < 1e-10:
            return float(coef[0]), float(coef[1])
    return float("nan"), float("nan")


def conditional_fits(p_lif: np.ndarray, bias: np.ndarray, drive: np.ndarray
                    ) -> dict[str, np.ndarray]:
    """Per clamped state: slope and intercept of logit p_LIF on the exact input b + drive, and
    the weight gain (slope on the drive with the bias fixed) with its intercept, fitted on the
    informative units (`informative`); nan where a state has too few of them."""
    fits = {k: [] for k in ("slope", "offset", "weight_gain", "gain_offset")}
    for p, d in zip(p_lif, drive, strict=True):
        keep = informative(bias + d)
        if keep.sum() < MIN_INFORMATIVE:
            values = (np.nan,) * 4
        else:
            values = (*fit_logit(bias[keep] + d[keep], p[keep]),
                      *fit_logit(d[keep], p[keep], offset=bias[keep]))
        for key, value in zip(fits, values, strict=True):
            fits[key].append(value)
    return {k: np.asarray(v) for k, v in fits.items()}


def transmitted_gain(trains: Sequence[np.ndarray], stp: STPSet, starts_ms: np.ndarray,
                     stops_ms: np.ndarray, on: np.ndarray, neuron: dict) -> float:
    """`burst_weight_factor` evaluated on measured spike trains: the mean over the read windows
    and the units clamped on of (efficacy u_n R_n / U0 of each spike in the window, L18 eqs.
    8-9 from the unit's whole train) x (tau_ref / the unit's mean ISI in the window), times
    the pile-up of the PSC. Unlike the steady state, it counts synapses still depressing
    after a unit was switched on (slow tau_rec) and the real inter-spike intervals."""
    tau_ref = float(neuron["tau_refrac"])
    kernel = (float(neuron["cm"]), float(neuron["tau_m"]), float(neuron["tau_syn_E"]))
    pile_up = psp_integral(*kernel, np.inf) / psp_integral(*kernel, tau_ref)
    efficacy = {}
    gains = []
    for i, (a, b) in enumerate(zip(starts_ms, stops_ms, strict=True)):
        for k in np.flatnonzero(on[i]):
            t = np.asarray(trains[k], float)
            if k not in efficacy:
                efficacy[k] = tm_efficacies(t, stp.U0, stp.tau_rec_ms, stp.tau_fac_ms)
            inside = (t >= a) & (t < b)
            if inside.sum() < 2:
                continue
            isi = np.diff(t[inside]).mean()
            gains.append(efficacy[k][inside].mean() / stp.U0 * tau_ref / isi * pile_up)
    return float(np.mean(gains)) if gains else float("nan")


def rms_error(p_measured: np.ndarray, p_exact: np.ndarray) -> float:
    """Root-mean-square difference of measured and exact conditionals."""
    return float(np.sqrt(np.mean((np.asarray(p_measured) - np.asarray(p_exact)) ** 2)))


def binned_curve(p_exact: np.ndarray, p_measured: np.ndarray, edges: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean exact and mean measured conditional in each bin of the exact one, and the number of
    points per bin (NaN means where a bin is empty): the calibration curve of a sampler."""
    p_exact, p_measured = np.ravel(p_exact), np.ravel(p_measured)
    index = np.clip(np.digitize(p_exact, edges) - 1, 0, len(edges) - 2)
    count = np.bincount(index, minlength=len(edges) - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        exact = np.bincount(index, p_exact, len(edges) - 1) / count
        measured = np.bincount(index, p_measured, len(edges) - 1) / count
    return exact, measured, count
