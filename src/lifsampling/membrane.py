"""Free membrane of LIF neurons under Poisson background: OU moments (P16 eqs. 3-4, 41-43).

A neuron receives excitatory and inhibitory Poisson trains with rates ν_i and weights w_i
through exponential synapses (τ_syn). Its free membrane (threshold lifted) is shot noise: by
Campbell's theorem its mean is the rate-weighted integral and its variance the rate-weighted
integral of the squared PSP kernel. In the high-conductance state it is well described by an
Ornstein-Uhlenbeck process with time constant τ_syn (P16 eq. 41).

COBA (P16 eqs. 42-43), linearised around the mean µ::

    ⟨g_tot⟩ = g_l + Σ_i ν_i w_i τ_syn,   τ_eff = C_m / ⟨g_tot⟩
    µ       = (I_ext + g_l E_l + Σ_i ν_i w_i E_i τ_syn) / ⟨g_tot⟩                     (42)
    Var u   = Σ_i ν_i ∫ k_i(t)² dt,  k_i = PSP of a current w_i (E_i - µ) with τ_eff  (43)

which for τ_eff → 0 is Σ_i ν_i [w_i (E_i - µ)]² τ_syn / (2 ⟨g_tot⟩²) (P16 eq. 4 for the
OU variance σ²τ_syn/2). CUBA: the same with current amplitudes w_i and τ_m instead of τ_eff.

Units: nF, µS, mV, nA, ms, Hz (rates are converted to 1/ms).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FreeMembrane:
    """Mean (mV), standard deviation (mV) and effective time constant (ms) of the free membrane."""

    mean: float
    std: float
    tau_eff: float


def psp_square_integral(cm: float, tau_m: float, tau_syn: float) -> float:
    """∫ k(t)² dt (mV²·ms) of the PSP of a unit (1 nA) exponential current, closed form.

    k(t) = A (e^{-t/τ_s} - e^{-t/τ_m}) with A = τ_m τ_s / (C (τ_s - τ_m)) gives
    ∫k² = A² (τ_s/2 + τ_m/2 - 2 τ_s τ_m / (τ_s + τ_m)).
    """
    if np.isclose(tau_m, tau_syn):
        return tau_syn**3 / (4 * cm**2)  # ∫ (t/C)² e^{-2t/τ} dt
    a = tau_m * tau_syn / (cm * (tau_syn - tau_m))
    return a**2 * (tau_syn / 2 + tau_m / 2 - 2 * tau_syn * tau_m / (tau_syn + tau_m))


def _rates_per_ms(noise: Mapping[str, float]) -> tuple[float, float]:
    return noise["rate_exc_hz"] / 1000.0, noise["rate_inh_hz"] / 1000.0


def coba_mean_conductances(neuron: Mapping[str, float], noise: Mapping[str, float]
                           ) -> tuple[float, float, float]:
    """(g_l, ⟨g_exc⟩, ⟨g_inh⟩) in µS of a COBA neuron in its Poisson background: the leak and
    ν_i w_i τ_syn of each noise source (P16 eq. 20)."""
    nu_e, nu_i = _rates_per_ms(noise)
    return (neuron["cm"] / neuron["tau_m"], nu_e * noise["weight_exc_uS"] * neuron["tau_syn_E"],
            nu_i * noise["weight_inh_uS"] * neuron["tau_syn_I"])


def coba_total_conductance(neuron: Mapping[str, float], noise: Mapping[str, float]) -> float:
    """⟨g_tot⟩ (µS) = g_l + Σ ν_i w_i τ_syn."""
    return sum(coba_mean_conductances(neuron, noise))


def coba_free_membrane(
    neuron: Mapping[str, float], noise: Mapping[str, float], i_ext_nA: float = 0.0
) -> FreeMembrane:
    """OU moments of a COBA neuron's free membrane (P16 eqs. 42-43, finite τ_eff)."""
    nu_e, nu_i = _rates_per_ms(noise)
    g_l = neuron["cm"] / neuron["tau_m"]
    g_tot = coba_total_conductance(neuron, noise)
    w_e, w_i = noise["weight_exc_uS"], noise["weight_inh_uS"]
    mean = (i_ext_nA + g_l * neuron["v_rest"]
            + nu_e * w_e * neuron["e_rev_E"] * neuron["tau_syn_E"]
            + nu_i * w_i * neuron["e_rev_I"] * neuron["tau_syn_I"]) / g_tot
    tau_eff = neuron["cm"] / g_tot
    var = (nu_e * (w_e * (neuron["e_rev_E"] - mean)) ** 2
           * psp_square_integral(neuron["cm"], tau_eff, neuron["tau_syn_E"])
           + nu_i * (w_i * (neuron["e_rev_I"] - mean)) ** 2
           * psp_square_integral(neuron["cm"], tau_eff, neuron["tau_syn_I"]))
    return FreeMembrane(float(mean), float(np.sqrt(var)), float(tau_eff))


def cuba_free_membrane(neuron: Mapping[str, float], noise: Mapping[str, float],
                       v_rest: float | None = None) -> FreeMembrane:
    """Moments of a CUBA neuron's free membrane under exc./inh. current shot noise."""
    nu_e, nu_i = _rates_per_ms(noise)
    cm, tau_m = neuron["cm"], neuron["tau_m"]
    g_l = cm / tau_m
    w_e, w_i = noise["weight_exc_nA"], noise["weight_inh_nA"]
    e_l = neuron["v_rest"] if v_rest is None else v_rest
    mean = e_l + (nu_e * w_e * neuron["tau_syn_E"] - nu_i * w_i * neuron["tau_syn_I"]) / g_l
    var = (nu_e * w_e**2 * psp_square_integral(cm, tau_m, neuron["tau_syn_E"])
           + nu_i * w_i**2 * psp_square_integral(cm, tau_m, neuron["tau_syn_I"]))
    return FreeMembrane(float(mean), float(np.sqrt(var)), float(tau_m))


def inhibitory_noise_weight(noise: Mapping[str, float], neuron: Mapping[str, float],
                            u_bar: float) -> float:
    """P16 eq. 71: w_inh = w_exc |E_exc - ū| / |E_inh - ū| (balanced at the mean ū)."""
    return noise["weight_exc_uS"] * abs(neuron["e_rev_E"] - u_bar) / abs(neuron["e_rev_I"] - u_bar)


def coba_current_for_mean(neuron: Mapping[str, float], noise: Mapping[str, float],
                          target_mean: float) -> float:
    """P16 eq. 75: I_ext (nA) giving the free-membrane mean `target_mean` (eq. 42 inverted)."""
    zero = coba_free_membrane(neuron, noise, 0.0).mean
    return (target_mean - zero) * coba_total_conductance(neuron, noise)


def cuba_noise_weight_matching(std_mV: float, neuron: Mapping[str, float],
                               rate_hz: float) -> float:
    """Current amplitude (nA) of balanced exc./inh. noise at `rate_hz` each giving std `std_mV`.

    The CUBA analogue of the COBA background (L18 Methods, Fig 5e): same mean (balanced
    weights leave it at E_l) and same standard deviation of the free membrane.
    """
    per_unit = 2 * rate_hz / 1000.0 * psp_square_integral(
        neuron["cm"], neuron["tau_m"], neuron["tau_syn_E"])
    return float(std_mV / np.sqrt(per_unit))


def effective_potential(neuron: Mapping[str, float], g_exc: np.ndarray, g_inh: np.ndarray,
                        i_ext_nA: float) -> np.ndarray:
    """u_eff = (g_l E_l + g_e E_e + g_i E_i + I_ext) / g_tot of a COBA neuron (P16 eq. 21)."""
    g_l = neuron["cm"] / neuron["tau_m"]
    return ((g_l * neuron["v_rest"] + g_exc * neuron["e_rev_E"] + g_inh * neuron["e_rev_I"]
             + i_ext_nA) / (g_l + g_exc + g_inh))
