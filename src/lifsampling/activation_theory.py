"""Activation function of a LIF neuron in the high-conductance state: P16 theory (eqs. 5-8,
46-61) and the two literature predictions P16 Fig 2B compares it with.

The effective membrane potential u_eff is an Ornstein-Uhlenbeck process with time constant
τ_syn (P16 eq. 41), mean µ and stationary standard deviation s (`lifsampling.membrane`).
Over a refractory period τ_ref its transition density is Gaussian (P16 eq. 32)::

    u(t) | u(0) ~ N(µ + (u(0) - µ) e^{-t/τ_syn},  s² (1 - e^{-2t/τ_syn}))

A burst starts with a spike at u_0 = ϑ. After the k-th refractory period the neuron spikes
again (within τ^b_k) if u_k ≥ ϑ, otherwise it evolves freely until u_eff first reaches ϑ.
Burst-length probabilities P_n (eqs. 47, 50, 53), mean free times T_n (eqs. 48, 51, 54) and
in-burst drift times τ^b_k (eqs. 56-57) give (eq. 46)::

    p(z=1 | µ) = Σ_n P_n n τ_ref / Σ_n P_n (n τ_ref + Σ_{k<n} τ^b_k + T_n)

Re-derived details (the paper's extracted text is mangled, and a few factors were lost):

* T_n and τ^b_k use *conditional* densities (normalised to u_n < ϑ, resp. u_k ≥ ϑ), as in
  eqs. 51, 54, 57; eq. 48 is read the same way.
* The drift from the reset ρ to ϑ under a frozen u_k > ϑ takes τ_eff ln((u_k - ρ)/(u_k - ϑ))
  (eq. 56 without its τ_eff factor).
* Mean first-passage time of the OU process from a to b (eqs. 49, 60; Siegert)::

      ⟨T(b, a)⟩ = τ_syn √π ∫_{(a-µ)/(s√2)}^{(b-µ)/(s√2)} erfcx(-x) dx,
      erfcx(-x) = exp(x²) (1 + erf x)

* Two time constants (eqs. 59-61): the first passage runs on the larger of τ_syn and τ_eff,
  τ, and the smaller, τ', shifts the threshold to ϑ_eff = ϑ + |ζ(1/2)| √(τ'/τ) s
  (Fourcaud & Brunel 2002; P16: eq. 59 is symmetric in the two, so in the HCS, τ = τ_syn).

Densities are propagated on a grid (`n_grid` points over µ ± 10 s); the recursion stops when
the probability of a longer burst is below `tol`, or when the conditional density has
converged, after which the tail is summed in closed form (geometric burst lengths).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import integrate
from scipy.special import erfcx, zeta

ZETA_HALF = float(zeta(0.5))  # ζ(1/2) = -1.4603545...


@dataclass(frozen=True)
class HCSNeuron:
    """What the theories need: threshold, reset, refractory time, τ_syn, τ_eff, OU std s."""

    v_thresh: float
    v_reset: float
    tau_ref: float
    tau_syn: float
    tau_eff: float
    std: float


def mean_first_passage_time(b: float, a: np.ndarray, mu: float, std: float, tau: float
                            ) -> np.ndarray:
    """⟨T(b, a)⟩ of an OU process (time constant τ, mean µ, stationary std s), a ≤ b (eq. 49)."""
    upper = (b - mu) / (std * np.sqrt(2))
    lower = (np.atleast_1d(np.asarray(a, float)) - mu) / (std * np.sqrt(2))

    def integral(x0: float) -> float:
        return integrate.quad(lambda x: erfcx(-x), x0, upper, limit=200)[0] if x0 < upper else 0.0

    return tau * np.sqrt(np.pi) * np.array([integral(x0) for x0 in lower])


def slow_and_fast_time_constants(neuron: HCSNeuron) -> tuple[float, float]:
    """(τ, τ'): the larger and the smaller of τ_syn and τ_eff (P16 eqs. 59-60)."""
    return max(neuron.tau_syn, neuron.tau_eff), min(neuron.tau_syn, neuron.tau_eff)


def effective_threshold(neuron: HCSNeuron) -> float:
    """P16 eq. 61: ϑ_eff = ϑ - ζ(1/2) √(τ'/τ) s (first-order colored-noise correction)."""
    slow, fast = slow_and_fast_time_constants(neuron)
    return neuron.v_thresh - ZETA_HALF * np.sqrt(fast / slow) * neuron.std


@dataclass(frozen=True)
class BurstStatistics:
    """Burst-length probabilities P_n, mean free times T_n and drift times τ^b_k (n, k ≥ 1).

    `tail` is the probability of bursts longer than len(P), summed in closed form.
    """

    P: np.ndarray
    T: np.ndarray
    tau_b: np.ndarray
    p_on: float
    tail: float


def burst_probabilities(mu: float, neuron: HCSNeuron, n_grid: int = 800, tol: float = 1e-12,
                        max_bursts: int = 10_000) -> BurstStatistics:
    """P16 eqs. 46-57 at free-membrane mean µ: burst statistics and p(z = 1 | µ)."""
    from scipy.stats import norm  # here, not at the top: it doubles the workflow's start

    s, theta = neuron.std, neuron.v_thresh
    decay = np.exp(-neuron.tau_ref / neuron.tau_syn)
    spread = s * np.sqrt(1 - decay**2)
    u = np.linspace(min(mu, theta) - 10 * s, max(mu, theta) + 10 * s, n_grid)
    du = u[1] - u[0]
    below = u < theta
    above = ~below
    # column j: density of u_{k+1} given u_k = u[j] (P16 eq. 32), times du
    kernel = norm.pdf(u[:, None], mu + (u[None, :] - mu) * decay, spread) * du
    mfpt = mean_first_passage_time(effective_threshold(neuron), u[below], mu, s,
                                   slow_and_fast_time_constants(neuron)[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        drift = np.where(above, neuron.tau_eff * np.log((u - neuron.v_reset) / (u - theta)), 0.0)
    drift[above & ~np.isfinite(drift)] = 0.0  # u = ϑ exactly: integrable log singularity
    density = norm.pdf(u, mu + (theta - mu) * decay, spread) * du  # u_1 given u_0 = ϑ
    P, T, tau_b = [], [], []
    remaining = 1.0
    for _ in range(max_bursts):
        total = density.sum()
        ending = density[below].sum() / total  # I_n
        P.append(remaining * ending)
        T.append(float(density[below] @ mfpt / max(density[below].sum(), 1e-300)))
        cont = np.where(above, density, 0.0)
        if cont.sum() <= 0:
            break
        tau_b.append(float(cont @ drift / cont.sum()))  # τ^b of this continuation
        remaining *= 1 - ending
        new = kernel @ (cont / cont.sum())
        converged = np.abs(new / new.sum() - density / total).sum() < 1e-10
        density = new
        if remaining < tol or converged:
            break
    P, T, tau_b = np.array(P), np.array(T), np.array(tau_b)
    n = np.arange(1, P.size + 1)
    drift_sums = np.concatenate([[0.0], np.cumsum(tau_b)])[: P.size]  # Σ_{k<n} τ^b_k
    on = np.sum(P * n) * neuron.tau_ref
    cycle = np.sum(P * (n * neuron.tau_ref + drift_sums + T))
    tail = 0.0
    if remaining >= tol and tau_b.size:
        tail = remaining
        # converged: bursts longer than N = P.size are geometric, P_{N+m} = R r^{m-1} I
        # with the last I, T and τ^b; E[m] = 1/I, E[m - 1] = r/I
        N, i_inf = P.size, max(ending, 1e-300)
        mean_length = N + 1 / i_inf
        on += remaining * mean_length * neuron.tau_ref
        cycle += remaining * (mean_length * neuron.tau_ref + tau_b.sum()
                              + (1 - i_inf) / i_inf * tau_b[-1] + T[-1])
    return BurstStatistics(P, T, tau_b, float(on / cycle), float(tail))


def p16_activation(mu: np.ndarray, neuron: HCSNeuron, **kwargs) -> np.ndarray:
    """P16 eq. 46 over an array of free-membrane means."""
    return np.array([burst_probabilities(float(m), neuron, **kwargs).p_on
                     for m in np.atleast_1d(mu)])


def white_noise_std(neuron: HCSNeuron) -> float:
    """Std of the membrane if each synaptic charge arrived at once (τ_syn → 0, same input).

    Synaptic filtering lowers the membrane variance by τ_eff / (τ_eff + τ_syn)
    (`membrane.psp_square_integral`); [16] states its σ for the unfiltered input.
    """
    return neuron.std * np.sqrt((neuron.tau_eff + neuron.tau_syn) / neuron.tau_eff)


def brunel_sergi_activation(mu: np.ndarray, neuron: HCSNeuron) -> np.ndarray:
    """P16's [16]: colored-noise LIF rate (Brunel & Sergi 1998; Fourcaud & Brunel 2002) × τ_ref.

    Siegert formula (eq. 60) with the membrane as the integrator (τ_eff), the white-noise
    std s_w of the same input (`white_noise_std`), and threshold and reset both shifted by
    |ζ(1/2)| √(τ_syn/τ_eff) s_w, first order in √(τ_syn/τ_eff): valid for τ_syn ≪ τ_eff,
    not in the HCS. For τ_syn → 0 it is the white-noise Siegert rate.
    """
    s_w = white_noise_std(neuron)
    shift = -ZETA_HALF * np.sqrt(neuron.tau_syn / neuron.tau_eff) * s_w
    out = []
    for m in np.atleast_1d(mu):
        t = mean_first_passage_time(neuron.v_thresh + shift, neuron.v_reset + shift, m,
                                    s_w, neuron.tau_eff)[0]
        out.append(neuron.tau_ref / (neuron.tau_ref + t))
    return np.array(out)


def quasistatic_activation(mu: np.ndarray, neuron: HCSNeuron, n_points: int = 2001
                           ) -> np.ndarray:
    """Quasi-static long-τ_syn prediction (Moreno-Bote & Parga 2004 style) times τ_ref.

    For a frozen u_eff > ϑ the neuron fires regularly at 1/(τ_ref + τ_eff ln((u-ρ)/(u-ϑ))),
    else not at all; the rate is averaged over the stationary N(µ, s²) of u_eff.
    """
    from scipy.stats import norm  # here, not at the top: it doubles the workflow's start

    out = []
    for m in np.atleast_1d(mu):
        u = np.linspace(neuron.v_thresh + 1e-9, m + 10 * neuron.std + 10, n_points)
        rate = 1 / (neuron.tau_ref + neuron.tau_eff * np.log((u - neuron.v_reset)
                                                             / (u - neuron.v_thresh)))
        out.append(neuron.tau_ref * np.trapezoid(rate * norm.pdf(u, m, neuron.std), u))
    return np.array(out)


def hcs_neuron(neuron: Mapping[str, float], noise: Mapping[str, float]) -> HCSNeuron:
    """The parameters the activation theories need, from a COBA neuron set and its noise
    (τ_eff and s of the free membrane, P16 eqs. 42-43)."""
    from . import membrane

    free = membrane.coba_free_membrane(neuron, noise)
    return HCSNeuron(neuron["v_thresh"], neuron["v_reset"], neuron["tau_refrac"],
                     neuron["tau_syn_E"], free.tau_eff, free.std)
