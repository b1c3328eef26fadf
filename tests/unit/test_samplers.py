import numpy as np
import pytest

from lifsampling import boltzmann as bm
from lifsampling import samplers
from lifsampling.rbm import RBM

BETAS = np.linspace(0.9, 1.0, 20)


def _empirical(states, K):
    idx = bm.state_index(states.reshape(-1, K))
    return np.bincount(idx, minlength=2**K) / idx.size


@pytest.fixture()
def bm10():
    return bm.random_bm(10, 1.2, np.random.default_rng(11))


def test_gibbs_reaches_target(bm10):
    W, b = bm10
    # 40 chains x 5000 sweeps = 2e5 samples; DKL bias ~ (1024 - 1) / (2 * 2e5) = 0.003
    samples = samplers.gibbs_bm(W, b, 5000, np.random.default_rng(0), n_chains=40)
    dkl = bm.kl_divergence(_empirical(samples[100:], 10), bm.exact_distribution(W, b))
    assert dkl < 0.01


def _ast_bm(W, b, betas, n_sweeps, rng, n_chains):
    """AST on a general BM with the library's tempering: states and temperature indices."""
    ast = samplers.AdaptiveSimulatedTempering(betas, n_chains)
    z = rng.integers(0, 2, (n_chains, len(b))).astype(float)
    states = np.empty((n_sweeps, n_chains, len(b)), dtype=np.uint8)
    ks = np.empty((n_sweeps, n_chains), dtype=np.int16)
    for s in range(n_sweeps):
        samplers.gibbs_sweep(z, W, b, rng, beta=ast.beta)
        ast.temper(bm.energy(z, W, b), rng)
        states[s], ks[s] = z, ast.k
    return states, ks


def _rbm_ast(rbm, n_steps, rng, betas, n_chains):
    """`n_steps` of the library's `rbm_ast_steps`: visible states and temperature indices."""
    steps = samplers.rbm_ast_steps(rbm, rng, betas, n_chains)
    vs, _, ks = zip(*(next(steps) for _ in range(n_steps)), strict=True)
    return np.array(vs, np.uint8), None, np.array(ks)


def test_ast_reaches_target_and_visits_every_beta(bm10):
    W, b = bm10
    states, ks = _ast_bm(W, b, BETAS, 8000, np.random.default_rng(1), n_chains=400)
    assert set(np.unique(ks)) == set(range(20))
    occupancy = np.bincount(ks[2000:].ravel(), minlength=20) / ks[2000:].size
    assert occupancy.min() > 0.02  # adaptive weights flatten the time spent per beta
    target = states[2000:][ks[2000:] == 19]
    # ~1/20 of the samples are at beta = 1; DKL bias ~ 1023 / (2 * 1.2e5) = 0.004
    assert len(target) > 100_000
    dkl = bm.kl_divergence(_empirical(target, 10), bm.exact_distribution(W, b))
    assert dkl < 0.01


def test_clamped_gibbs_matches_exact_conditional(bm10):
    W, b = bm10
    clamp = {0: 1, 4: 0, 9: 1}
    samples = samplers.gibbs_bm(W, b, 4000, np.random.default_rng(2), n_chains=50,
                                clamped=clamp)
    assert (samples[:, :, 0] == 1).all() and (samples[:, :, 4] == 0).all()
    exact = bm.conditional_distribution(W, b, clamp)
    assert bm.kl_divergence(_empirical(samples[50:], 10), exact) < 0.005


def _tiny_rbm(n_v=6, n_h=4, n_labels=0, seed=3, scale=1.5):
    rng = np.random.default_rng(seed)
    return RBM(rng.normal(0, scale, (n_v, n_h)).astype(np.float32),
               rng.normal(0, 1, n_v).astype(np.float32), rng.normal(0, 1, n_h).astype(np.float32),
               n_labels)


def test_rbm_block_gibbs_matches_visible_marginal():
    rbm = _tiny_rbm()
    W, b = rbm.to_bm()
    exact_v = bm.marginal_distribution(bm.exact_distribution(W, b), 10, list(range(6)))
    v, _ = samplers.rbm_gibbs(rbm, 3000, np.random.default_rng(4), n_chains=50)
    assert bm.kl_divergence(_empirical(v[50:], 6), exact_v) < 0.005
    # the RBM's own enumeration agrees with the BM's
    assert rbm.log_partition() == pytest.approx(bm.log_partition(W, b), rel=1e-6)


def test_rbm_clamped_sampling_matches_conditional():
    rbm = _tiny_rbm()
    W, b = rbm.to_bm()
    mask = np.zeros(6, bool)
    mask[[1, 3]] = True
    v, _ = samplers.rbm_gibbs(rbm, 3000, np.random.default_rng(5), n_chains=50,
                              clamp_mask=mask, clamp_values=np.array([1.0, 0.0], np.float32))
    exact = bm.conditional_distribution(W, b, {1: 1, 3: 0})
    exact_v = bm.marginal_distribution(exact, 10, list(range(6)))
    assert bm.kl_divergence(_empirical(v[50:], 6), exact_v) < 0.005


def test_rbm_ast_samples_target():
    rbm = _tiny_rbm(seed=6, scale=3.0)
    W, b = rbm.to_bm()
    exact_v = bm.marginal_distribution(bm.exact_distribution(W, b), 10, list(range(6)))
    v, _, ks = _rbm_ast(rbm, 6000, np.random.default_rng(7), BETAS, n_chains=100)
    assert set(np.unique(ks)) == set(range(20))
    target = v[1000:][ks[1000:] == 19]
    assert bm.kl_divergence(_empirical(target, 6), exact_v) < 0.01


def test_pom_and_opt():
    rng = np.random.default_rng(8)
    train = (rng.random((500, 30)) < np.linspace(0.05, 0.95, 30)).astype(np.uint8)
    pom = samplers.pom_samples(train, 40_000, rng)
    np.testing.assert_allclose(pom.mean(axis=0), train.mean(axis=0), atol=0.01)
    # POM discards correlations
    assert abs(np.corrcoef(pom[:, 0], pom[:, 1])[0, 1]) < 0.02
    base = np.arange(100)[:, None]
    picks = samplers.opt_samples(base, 10_000, rng)
    assert set(picks.ravel()) == set(range(100))
