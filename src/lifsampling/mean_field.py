"""Self-consistent BM → LIF translation of COBA networks: the recurrent input in ⟨g_tot⟩.

P16 defines the free membrane with *all* synaptic input (eqs. 42-43): in a network the
recurrent synapses add the mean conductance

    ḡ_kj = w_kj · τ_syn · ε_j · p_j / τ_ref                                (mean field)

to ⟨g_tot⟩_k (p_j / τ_ref is the rate of a unit that is on with probability p_j; each spike
delivers the charge w τ_syn of an exponential conductance, times the mean Tsodyks-Markram
efficacy ε_j of a burst, `burst_efficacy`). `translate` uses the background alone, so in a
large network the real ⟨g_tot⟩ is larger, τ_eff shorter and every PSP smaller than
translated.

The self-consistent translation (`self_consistent_coba`) iterates: ⟨g_tot⟩_k → τ_eff,k →
weights of eq. 64 → ḡ_kj → ⟨g_tot⟩_k. In the HCS (τ_eff ≪ τ_syn) the PSP area is about
w ΔE τ_syn (1 - e^{-τ_ref/τ_syn}) / ⟨g_tot⟩, so the weights a given area needs grow like
⟨g_tot⟩, and so does ḡ: ⟨g_tot⟩ = g_bg + β ⟨g_tot⟩ has the fixed point g_bg / (1 - β) only
while β < 1, i.e. while the recurrent conductance the translation needs stays below the
total. `recurrent_ratio` measures β per neuron. Where no fixed point exists,
`mean_field_bias` keeps the background weights and corrects only the bias currents, so
the *mean* membrane of every neuron at the expected network state is right (eq. 42 with
network input).

Expected states p_j come from the target BM (a Gibbs estimate of its marginals).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import activation_theory, membrane, translate


def mean_burst_length(mu: np.ndarray, neuron: activation_theory.HCSNeuron,
                      n_grid: int = 25) -> np.ndarray:
    """Mean number of spikes per burst (P16 eqs. 47-53: Σ n P_n) at free means `mu`,
    interpolated from a grid over the range of `mu`."""
    mu = np.asarray(mu, float)
    grid = np.linspace(mu.min(), mu.max(), n_grid) if np.ptp(mu) > 0 else mu[:1]
    lengths = []
    for m in grid:
        st = activation_theory.burst_probabilities(float(m), neuron)
        n = np.arange(1, st.P.size + 1)
        lengths.append(float((np.sum(st.P * n) + st.tail * (n[-1] + 1)) /
                             (st.P.sum() + st.tail)))
    return np.interp(mu, grid, lengths)


def burst_efficacy(n_bar: np.ndarray, U0: float, tau_rec: float, tau_ref: float) -> np.ndarray:
    """Mean Tsodyks-Markram efficacy per spike of bursts of mean length n̄ (L18 eqs. 7-9,
    τ_fac = 0): a rested first spike transmits U0, the following ones, τ_ref apart, the
    steady-state U0 R with R = (1 - d) / (1 - (1 - U0) d), d = e^{-τ_ref/τ_rec}."""
    n_bar = np.asarray(n_bar, float)
    if tau_rec == 0:
        return np.full_like(n_bar, U0)
    d = np.exp(-tau_ref / tau_rec)
    steady = U0 * (1 - d) / (1 - (1 - U0) * d)
    return (U0 + (n_bar - 1) * steady) / n_bar


def recurrent_conductance(weights: np.ndarray, p_on: np.ndarray, efficacy: np.ndarray,
                          tau_syn: float, tau_ref: float) -> np.ndarray:
    """Σ_j ḡ_kj (µS): mean conductance each neuron receives from the network (module doc)."""
    return np.abs(weights) @ (tau_syn * np.asarray(efficacy) * np.asarray(p_on) / tau_ref)


@dataclass(frozen=True)
class CobaTranslation:
    """Signed conductances (µS), bias currents (nA) and the ⟨g_tot⟩ (µS) they assume."""

    weights: np.ndarray
    currents: np.ndarray
    g_total: np.ndarray
    g_background: float
    fixed_point: bool
    iterations: int

    @property
    def recurrent_over_background(self) -> np.ndarray:
        return (self.g_total - self.g_background) / self.g_background


def _operating_point(W: np.ndarray, b: np.ndarray, alpha: float, u0: float,
                     p_on: np.ndarray) -> np.ndarray:
    """Target mean membrane at the expected state: ū₀ + α (b_k + Σ_j W_kj p_j) (P16 eq. 12)."""
    return u0 + alpha * (np.asarray(b, float) + np.asarray(W, float) @ np.asarray(p_on, float))


def _eq64_weights(W: np.ndarray, neuron: Mapping, alpha: float, mu: np.ndarray,
                  g_total: np.ndarray) -> np.ndarray:
    """Signed conductances of P16 eq. 64, per postsynaptic neuron k at its own μ_k, τ_eff,k."""
    areas = np.array([translate.psp_integral(neuron["cm"], neuron["cm"] / g, neuron["tau_syn_E"],
                                             neuron["tau_refrac"]) for g in g_total])
    drive = np.where(W >= 0, neuron["e_rev_E"] - mu[:, None], neuron["e_rev_I"] - mu[:, None])
    magnitudes = alpha * W * neuron["tau_refrac"] / (drive * areas[:, None])
    return np.where(W >= 0, magnitudes, -magnitudes)


def _bias_currents(neuron: Mapping, noise: Mapping, mu: np.ndarray,
                   g_recurrent_exc: np.ndarray, g_recurrent_inh: np.ndarray) -> np.ndarray:
    """I_k of eq. 42 with network input: μ_k ⟨g_tot⟩_k minus every conductance times its
    reversal potential (leak, background, mean recurrent)."""
    g_l, g_bg_e, g_bg_i = membrane.coba_mean_conductances(neuron, noise)
    g_total = g_l + g_bg_e + g_bg_i + g_recurrent_exc + g_recurrent_inh
    return (mu * g_total - g_l * neuron["v_rest"] - (g_bg_e + g_recurrent_exc) * neuron["e_rev_E"]
            - (g_bg_i + g_recurrent_inh) * neuron["e_rev_I"])


def _split_recurrent(weights: np.ndarray, p_on: np.ndarray, efficacy: np.ndarray,
                     neuron: Mapping) -> tuple[np.ndarray, np.ndarray]:
    exc = recurrent_conductance(np.where(weights > 0, weights, 0.0), p_on, efficacy,
                                neuron["tau_syn_E"], neuron["tau_refrac"])
    inh = recurrent_conductance(np.where(weights < 0, weights, 0.0), p_on, efficacy,
                                neuron["tau_syn_I"], neuron["tau_refrac"])
    return exc, inh


def self_consistent_coba(W: np.ndarray, b: np.ndarray, neuron: Mapping, noise: Mapping,
                         alpha: float, u0: float, p_on: np.ndarray, efficacy: np.ndarray,
                         max_iterations: int = 500, rtol: float = 1e-9,
                         divergence: float = 1e3) -> CobaTranslation:
    """Fixed point of ⟨g_tot⟩ → weights (eq. 64) → mean recurrent conductance → ⟨g_tot⟩.

    The map is increasing, so from the background it climbs monotonically to the smallest
    fixed point, or grows past `divergence` × the background where there is none; then
    `fixed_point` is False and the weights and currents are those of `mean_field_bias`.
    """
    W = np.asarray(W, float)
    g_bg = membrane.coba_total_conductance(neuron, noise)
    mu = _operating_point(W, b, alpha, u0, p_on)
    g_total = np.full(len(b), g_bg)
    for iteration in range(1, max_iterations + 1):
        weights = _eq64_weights(W, neuron, alpha, mu, g_total)
        exc, inh = _split_recurrent(weights, p_on, efficacy, neuron)
        new = g_bg + exc + inh
        if np.any(new > divergence * g_bg) or not np.all(np.isfinite(new)):
            break
        if np.max(np.abs(new - g_total) / new) < rtol:
            currents = _bias_currents(neuron, noise, mu, exc, inh)
            return CobaTranslation(weights, currents, new, g_bg, True, iteration)
        g_total = new
    fallback = mean_field_bias(W, b, neuron, noise, alpha, u0, p_on, efficacy)
    return CobaTranslation(fallback.weights, fallback.currents, fallback.g_total, g_bg, False,
                           iteration)


def mean_field_bias(W: np.ndarray, b: np.ndarray, neuron: Mapping, noise: Mapping,
                    alpha: float, u0: float, p_on: np.ndarray, efficacy: np.ndarray
                    ) -> CobaTranslation:
    """Background weights (eq. 64 at the background τ_eff), bias currents of eq. 42 with the
    mean recurrent conductance those weights bring at the expected state."""
    W = np.asarray(W, float)
    g_bg = membrane.coba_total_conductance(neuron, noise)
    mu = _operating_point(W, b, alpha, u0, p_on)
    weights = _eq64_weights(W, neuron, alpha, mu, np.full(len(b), g_bg))
    exc, inh = _split_recurrent(weights, p_on, efficacy, neuron)
    currents = _bias_currents(neuron, noise, mu, exc, inh)
    return CobaTranslation(weights, currents, g_bg + exc + inh, g_bg, False, 0)


def expected_efficacy(W: np.ndarray, b: np.ndarray, neuron: Mapping, noise: Mapping,
                      alpha: float, u0: float, p_on: np.ndarray, U0: float, tau_rec: float
                      ) -> np.ndarray:
    """ε_j of every presynaptic unit: bursts of the P16 theory (eq. 46 ff.) at the unit's
    operating point, under the background alone, through its Tsodyks-Markram synapses."""
    mu = _operating_point(W, b, alpha, u0, p_on)
    hcs = activation_theory.hcs_neuron(neuron, noise)
    return burst_efficacy(mean_burst_length(mu, hcs), U0, tau_rec, neuron["tau_refrac"])
