"""Reference samplers: Gibbs (general BMs and RBMs), adaptive simulated tempering, POM, OPT.

* `gibbs_bm`: sequential Gibbs for a general BM, many chains at once (P16's reference).
* `rbm_gibbs`: block Gibbs for an RBM, many chains at once, any visible units clamped.
* `AdaptiveSimulatedTempering`: AST of L18 Table 1 (Salakhutdinov 2010), re-derived since the
  table is lost in the paper's extracted text. Chains carry a temperature index k over equidistant
  β_1 < … < β_K = 1. After each Gibbs step at β_k a move to k ± 1 (probability 1/2 each,
  rejected outside the ladder, so q is symmetric) is accepted with probability
  min(1, exp(-(β_k' - β_k) E(z)) · g_k / g_k'); then the adaptive weights are updated,
  g_i ← g_i (1 + γ_t · (fraction of chains at i)), γ_t = γ_a/(γ_b + t) (L18: 90/(150 + t)).
  Samples of the target are those taken at β = 1.
* `pom_samples`: product of the pixel marginals of the training set (L18 Methods).
* `opt_samples`: random picks from a large base set of AST samples (L18 Methods).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np

from .rbm import RBM, sigmoid


def inverse_temperatures(betas: Mapping[str, float]) -> np.ndarray:
    """The AST/CAST ladder: `n` equidistant inverse temperatures in [low, high] (L18 Methods)."""
    return np.linspace(betas["low"], betas["high"], betas["n"])


def bernoulli(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Binary states (float32) drawn with probabilities `p`."""
    return (rng.random(p.shape, dtype=np.float32) < p).astype(np.float32)


# ----------------------------------------------------------------------------- general BM


def gibbs_sweep(
    z: np.ndarray,
    W: np.ndarray,
    b: np.ndarray,
    rng: np.random.Generator,
    beta: np.ndarray | float = 1.0,
    free_units: np.ndarray | None = None,
) -> np.ndarray:
    """One sequential sweep over `free_units` (default all) of chains z (n_chains, K), in place."""
    beta = np.broadcast_to(np.asarray(beta, dtype=float), (z.shape[0],))
    units = np.arange(z.shape[1]) if free_units is None else free_units
    for k in units:
        u = z @ W[:, k] + b[k]
        z[:, k] = rng.random(z.shape[0]) < sigmoid(beta * u)
    return z


def gibbs_bm(
    W: np.ndarray,
    b: np.ndarray,
    n_sweeps: int,
    rng: np.random.Generator,
    n_chains: int = 1,
    clamped: dict[int, int] | None = None,
    z0: np.ndarray | None = None,
) -> np.ndarray:
    """Sequential Gibbs samples (n_sweeps, n_chains, K) of a BM, one sample per sweep."""
    K = len(b)
    z = rng.integers(0, 2, (n_chains, K)).astype(float) if z0 is None else np.array(z0, float)
    free = np.arange(K)
    if clamped:
        for unit, value in clamped.items():
            z[:, unit] = value
        free = np.array([k for k in range(K) if k not in clamped])
    out = np.empty((n_sweeps, n_chains, K), dtype=np.uint8)
    for s in range(n_sweeps):
        gibbs_sweep(z, W, b, rng, free_units=free)
        out[s] = z
    return out


# ----------------------------------------------------------------------------- tempering


class AdaptiveSimulatedTempering:
    """Temperature indices and adaptive weights of AST chains (L18 Table 1, see module doc)."""

    def __init__(self, betas: np.ndarray, n_chains: int, gamma_a: float = 90.0,
                 gamma_b: float = 150.0) -> None:
        betas = np.asarray(betas, dtype=float)
        if np.any(np.diff(betas) <= 0) or betas[-1] != 1.0:
            raise ValueError("AST needs increasing inverse temperatures ending at 1")
        self.betas = betas
        self.k = np.full(n_chains, len(betas) - 1)  # start at the target, β = 1
        self.log_g = np.zeros(len(betas))  # g_k initialised to 1 (L18 Methods)
        self.gamma_a, self.gamma_b = gamma_a, gamma_b
        self.t = 0

    @property
    def beta(self) -> np.ndarray:
        """Current β of each chain."""
        return self.betas[self.k]

    @property
    def at_target(self) -> np.ndarray:
        """Chains at β = 1, whose states are samples of the target distribution."""
        return self.k == len(self.betas) - 1

    def temper(self, energies: np.ndarray, rng: np.random.Generator) -> None:
        """Metropolis move of each chain's temperature index, then the adaptive-weight update."""
        step = np.where(rng.random(self.k.size) < 0.5, -1, 1)
        proposal = self.k + step
        inside = (proposal >= 0) & (proposal < len(self.betas))
        proposal = np.where(inside, proposal, self.k)
        log_accept = (-(self.betas[proposal] - self.betas[self.k]) * energies
                      + self.log_g[self.k] - self.log_g[proposal])
        accept = inside & (np.log(rng.random(self.k.size)) < log_accept)
        self.k = np.where(accept, proposal, self.k)
        self.t += 1
        gamma = self.gamma_a / (self.gamma_b + self.t)
        occupancy = np.bincount(self.k, minlength=len(self.betas)) / self.k.size
        self.log_g += np.log1p(gamma * occupancy)


# ----------------------------------------------------------------------------- RBM


def rbm_gibbs_step(
    rbm: RBM, v: np.ndarray, rng: np.random.Generator, beta: np.ndarray | float = 1.0,
    clamp_mask: np.ndarray | None = None, clamp_values: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One block-Gibbs step v → h → v' at inverse temperature β (per chain or scalar).

    Returns (v', h, p(v'=1 | h)); visible units in `clamp_mask` keep `clamp_values`.
    """
    beta = np.asarray(beta, dtype=np.float32)
    beta = beta[:, None] if beta.ndim == 1 else beta
    h = bernoulli(sigmoid(beta * (v @ rbm.W + rbm.b_h)), rng)
    p_v = sigmoid(beta * (h @ rbm.W.T + rbm.b_v))
    v_new = bernoulli(p_v, rng)
    if clamp_mask is not None:
        v_new[:, clamp_mask] = clamp_values
    return v_new, h, p_v


def rbm_gibbs(
    rbm: RBM,
    n_samples: int,
    rng: np.random.Generator,
    n_chains: int = 1,
    v0: np.ndarray | None = None,
    clamp_mask: np.ndarray | None = None,
    clamp_values: np.ndarray | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Block-Gibbs samples of the visible layer and the label probabilities p(l_k = 1 | h).

    Returns v (n_samples, n_chains, n_visible) uint8 and label_p (n_samples, n_chains,
    n_labels) float32; one sample per full v → h → v step.
    """
    v = (rng.random((n_chains, rbm.n_visible)) < 0.5).astype(np.float32) if v0 is None \
        else np.array(v0, np.float32)
    if clamp_mask is not None:
        v[:, clamp_mask] = clamp_values
    vs = np.empty((n_samples, n_chains, rbm.n_visible), np.uint8)
    label_p = np.empty((n_samples, n_chains, rbm.n_labels), np.float32)
    for s in range(n_samples):
        v, _, p_v = rbm_gibbs_step(rbm, v, rng, 1.0, clamp_mask, clamp_values)
        vs[s] = v
        label_p[s] = p_v[:, rbm.n_pixels:]
        if progress is not None:
            progress(s)
    return vs, label_p


def rbm_ast_steps(
    rbm: RBM,
    rng: np.random.Generator,
    betas: np.ndarray,
    n_chains: int = 1,
    gamma: tuple[float, float] = (90.0, 150.0),
    clamp_mask: np.ndarray | None = None,
    clamp_values: np.ndarray | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """AST on an RBM as an endless stream of (v, p(l | h), k) per step, one chain per row.

    One chain state and one set of adaptive weights for the whole stream: consume as many
    steps as needed without restarting the chains. Only rows with k at β = 1 (index
    len(betas) - 1) are samples of the target. Visible units in `clamp_mask` keep
    `clamp_values` (the tempered distribution is then the conditional one).
    """
    ast = AdaptiveSimulatedTempering(betas, n_chains, *gamma)
    v = (rng.random((n_chains, rbm.n_visible)) < 0.5).astype(np.float32)
    if clamp_mask is not None:
        v[:, clamp_mask] = clamp_values
    while True:
        v, h, p_v = rbm_gibbs_step(rbm, v, rng, ast.beta, clamp_mask, clamp_values)
        ast.temper(rbm.energy(v, h), rng)
        yield v, p_v[:, rbm.n_pixels:], ast.k


# ----------------------------------------------------------------------------- baselines


def pom_samples(train_images: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """POM: every pixel drawn independently with its marginal over the training set."""
    p = np.asarray(train_images, np.float64).mean(axis=0)
    return (rng.random((n, p.size)) < p).astype(np.uint8)


def opt_samples(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """OPT: `n` uniform random picks from a base set of (AST) samples: perfect mixing."""
    return np.asarray(base)[rng.integers(0, len(base), n)]


def gibbs_marginal_reference(W: np.ndarray, b: np.ndarray, units: Sequence[int], n_chains: int,
                             n_sweeps: int, rng: np.random.Generator
                             ) -> tuple[np.ndarray, np.ndarray]:
    """Joint of `units` and the marginals p(z_k = 1) of every unit, estimated by `n_chains`
    Gibbs chains of `n_sweeps` sweeps each (the P16 Fig 4 reference for a BM too large to
    enumerate).

    The first max(10, n_sweeps/10) sweeps are burn-in. Counts get a pseudo-count of 1/2 per
    state (Jeffreys) so that D_KL(p_N ‖ p_Gibbs) stays finite for states the finite
    reference never visited; at 1e6 samples its weight is at most 2^|units| · 0.5 / 1e6.
    """
    from .boltzmann import state_index

    z = rng.integers(0, 2, (n_chains, len(b))).astype(float)
    burn_in = max(10, n_sweeps // 10)
    counts = np.full(2 ** len(units), 0.5)
    on = np.zeros(len(b))
    for sweep in range(burn_in + n_sweeps):
        gibbs_sweep(z, W, b, rng)
        if sweep >= burn_in:
            counts += np.bincount(state_index(z[:, list(units)]), minlength=counts.size)
            on += z.sum(axis=0)
    return counts / counts.sum(), on / (n_sweeps * n_chains)
