import itertools

import numpy as np
import pytest

from lifsampling import boltzmann as bm


@pytest.fixture()
def small_bm():
    return bm.random_bm(10, 1.2, np.random.default_rng(11))


def test_enumeration_matches_brute_force():
    W, b = bm.random_bm(4, 2.0, np.random.default_rng(0))
    states = list(itertools.product([0, 1], repeat=4))
    weights = [np.exp(0.5 * np.array(z) @ W @ np.array(z) + np.array(z) @ b) for z in states]
    np.testing.assert_allclose(bm.exact_distribution(W, b), np.array(weights) / sum(weights),
                               rtol=1e-12)
    np.testing.assert_array_equal(bm.all_states(4), np.array(states))
    np.testing.assert_array_equal(bm.state_index(np.array(states)), np.arange(16))


def test_large_energies_are_safe():
    W, b = bm.random_bm(8, 2000.0, np.random.default_rng(1))
    p = bm.exact_distribution(W, b)
    assert np.isfinite(p).all() and p.sum() == pytest.approx(1.0)


def test_random_bm_distribution():
    W, b = bm.random_bm(200, 1.2, np.random.default_rng(2))
    bm.check_bm(W, b)
    off = W[np.triu_indices(200, 1)]
    assert off.min() >= -0.6 and off.max() <= 0.6
    # Beta(0.5, 0.5) - 0.5 has variance 1/8: scaled by 1.2 -> 0.18
    assert off.var() == pytest.approx(1.2**2 / 8, rel=0.03)
    assert abs(off.mean()) < 0.01


def test_marginals_and_subset_joint(small_bm):
    W, b = small_bm
    p = bm.exact_distribution(W, b)
    m = bm.marginals(p, 10)
    sub = bm.marginal_distribution(p, 10, [2, 7])
    assert sub.sum() == pytest.approx(1.0)
    # p(z2=1) = p(10) + p(11) in the (z2, z7) joint
    assert sub[2] + sub[3] == pytest.approx(m[2])
    assert sub[1] + sub[3] == pytest.approx(m[7])


def test_kl_divergence():
    p = np.array([0.5, 0.5, 0.0])
    assert bm.kl_divergence(p, p) == 0.0
    assert bm.kl_divergence(p, np.array([0.25, 0.25, 0.5])) == pytest.approx(np.log(2))
    assert bm.kl_divergence(np.array([0.5, 0.5]), np.array([1.0, 0.0])) == np.inf
