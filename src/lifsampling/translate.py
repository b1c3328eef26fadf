"""Translation of a Boltzmann machine (W, b) into LIF parameters (P16 eqs. 12-13, 64-65, 74-75).

The activation function of a neuron in the HCS is p(z=1 | ū) ≈ σ((ū - ū₀)/α) (P16 eq. 9).

* Biases (eqs. 12, 74): the free-membrane mean must be ū_b = ū₀ + α b. For CUBA neurons
  with balanced noise the mean is the leak potential, so E_l = ū₀ + α b; for COBA neurons
  the external current of eq. 75 (`membrane.coba_current_for_mean`).
* Weights (eqs. 13, 64): the PSP integral over the refractory time τ_ref of the presynaptic
  neuron must equal W α τ_ref, i.e. on average the PSP shifts ū by α W while z_pre = 1.

  COBA (eq. 64): a conductance jump w gives a current w (E_rev - µ) on a membrane with τ_eff
  = C/⟨g_tot⟩, so ∫_0^{τ_ref} PSP = w (E_rev - µ) · I(τ_eff), with

      I(τ) = τ τ_s / (C (τ_s - τ)) · [τ_s (1 - e^{-τ_ref/τ_s}) - τ (1 - e^{-τ_ref/τ})]

  the integral over [0, τ_ref] of the PSP of a unit exponential current (re-derived; eq. 64
  in the seed is mangled). CUBA, the analogue asked for by the study: a current jump w (nA)
  on τ_m, so ∫_0^{τ_ref} PSP = w · I(τ_m), hence w = α W τ_ref / I(τ_m).

The sign of W selects the receptor: excitatory for W > 0, inhibitory for W < 0 (COBA: the
weight is a positive conductance onto the inhibitory reversal potential).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def psp_integral(cm: float, tau_m: float, tau_syn: float, duration: float) -> float:
    """∫_0^duration of the PSP (mV·ms) of a 1 nA exponential current (closed form above)."""
    if np.isclose(tau_m, tau_syn):
        # limit τ_m → τ_s of k(t) = t/C e^{-t/τ}
        tau = tau_syn
        return float((tau**2 - tau * (tau + duration) * np.exp(-duration / tau)) / cm)
    a = tau_m * tau_syn / (cm * (tau_syn - tau_m))
    return float(a * (tau_syn * (1 - np.exp(-duration / tau_syn))
                      - tau_m * (1 - np.exp(-duration / tau_m))))


def cuba_weights(W: np.ndarray, neuron: Mapping[str, float], alpha: float) -> np.ndarray:
    """Synaptic current amplitudes (nA, signed) for BM weights W on CUBA neurons.

    w_kj = α W_kj τ_ref / ∫_0^{τ_ref} PSP_unit (see module doc). Row k = postsynaptic.
    """
    tau_ref = neuron["tau_refrac"]
    area = psp_integral(neuron["cm"], neuron["tau_m"], neuron["tau_syn_E"], tau_ref)
    return alpha * np.asarray(W, float) * tau_ref / area


def coba_weights(W: np.ndarray, neuron: Mapping[str, float], alpha: float, mu: float,
                 tau_eff: float) -> np.ndarray:
    """Conductances (µS, ≥ 0) for BM weights W on COBA neurons (P16 eq. 64, τ_ref as given).

    Excitatory for W > 0 (driving force E_exc - µ), inhibitory for W < 0 (E_inh - µ).
    """
    W = np.asarray(W, float)
    tau_ref = neuron["tau_refrac"]
    area = psp_integral(neuron["cm"], tau_eff, neuron["tau_syn_E"], tau_ref)
    drive = np.where(W >= 0, neuron["e_rev_E"] - mu, neuron["e_rev_I"] - mu)
    return alpha * W * tau_ref / (drive * area)


def free_membrane_means(b: np.ndarray, alpha: float, u0: float) -> np.ndarray:
    """ū_b = ū₀ + α b: the free-membrane mean whose activation σ((ū - ū₀)/α) is σ(b)
    (P16 eqs. 9, 12). CUBA with balanced noise: the leak potential itself (eq. 74)."""
    return u0 + alpha * np.asarray(b, float)


def translation_sketch(neuron: Mapping[str, float | str], noise: Mapping[str, float],
                       alpha: float, n_points: int = 501
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L18 Fig 5b: PSP of a translated weight W = 1 and the rectangle it replaces.

    The PSP has the area α W τ_ref over [0, τ_ref] (P16 eq. 64); the abstract model's
    interaction is α W for τ_ref. Returns (t, PSP, rectangle) over 5 τ_ref.
    """
    from . import membrane, stp

    tau_ref = neuron["tau_refrac"]
    if neuron["model"] == "IF_cond_exp":
        tau = membrane.coba_free_membrane(neuron, noise).tau_eff
    else:
        tau = neuron["tau_m"]
    t = np.linspace(0.0, 5 * tau_ref, n_points)
    area = psp_integral(neuron["cm"], tau, neuron["tau_syn_E"], tau_ref)
    psp = alpha * tau_ref / area * stp.psp_kernel(t, neuron["cm"], tau, neuron["tau_syn_E"])
    rect = np.where(t < tau_ref, alpha, 0.0)
    return t, psp, rect
