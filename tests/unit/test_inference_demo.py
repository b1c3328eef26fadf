"""P16 App. X: star-plot projection, snapshots, moment-matching training."""
import numpy as np
import pytest

from lifsampling import boltzmann as bm
from lifsampling import moment_learning as ml
from lifsampling import star_plot


def test_star_projection_by_hand():
    patterns = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]], float)
    basis = star_plot.star_basis(patterns)
    np.testing.assert_allclose(basis[2], [0, 0, 2 ** -0.5, 2 ** -0.5])
    # z = (1, 0, 1, 0): z_034 = (1, 0, 1/sqrt 2) (eq. 79); eq. 80 with angles 0, 2pi/3, 4pi/3
    got = star_plot.star_projection(np.array([[1, 0, 1, 0]]), basis)
    x = np.sin(4 * np.pi / 3) / np.sqrt(2)   # -0.6124
    y = 1 + np.cos(4 * np.pi / 3) / np.sqrt(2)  # 0.6464
    np.testing.assert_allclose(got, [[x, y]], atol=1e-12)
    # each stored pattern points in its own direction
    angles = np.arctan2(*star_plot.star_projection(patterns[:2], basis).T)
    np.testing.assert_allclose(angles, [0, 2 * np.pi / 3], atol=1e-12)


def test_snapshot_is_the_on_fraction_of_the_window():
    # window [7.5, 32.5]: on during [10, 20) and [30, 32.5) -> 12.5 / 25; never-firing unit: 0
    got = star_plot.snapshot_means([np.array([10.0, 30.0]), np.array([])], 10.0,
                                   np.array([20.0, 100.0]))
    np.testing.assert_allclose(got, [[0.5, 0.0], [0.0, 0.0]])


def test_target_moments_of_patterns():
    patterns = np.array([[0.05, 0.95], [0.95, 0.95]])
    mean, second = ml.target_moments(patterns)
    np.testing.assert_allclose(mean, [0.5, 0.95])
    np.testing.assert_allclose(second, [[0.5, (0.05 * 0.95 + 0.95 * 0.95) / 2],
                                        [(0.05 * 0.95 + 0.95 * 0.95) / 2, 0.95]])


def _exact_moments(W, b):
    p = bm.exact_distribution(W, b)
    states = bm.all_states(len(b)).astype(float)
    return p @ states, states.T @ (p[:, None] * states)


def test_moment_matching_recovers_a_known_bm():
    # targets: the exact moments of a 5-unit BM; the rule with exact model moments is
    # gradient ascent on the likelihood, so it must close the mismatch and find (W*, b*)
    W_true, b_true = bm.random_bm(5, 1.0, np.random.default_rng(4))
    target = _exact_moments(W_true, b_true)
    W, b = np.zeros((5, 5)), np.zeros(5)
    start = ml.moment_mismatch(target, _exact_moments(W, b))
    for _ in range(3000):
        W, b = ml.moment_step(W, b, target, _exact_moments(W, b), eta=0.5)
    assert ml.moment_mismatch(target, _exact_moments(W, b)) < 1e-4 * start
    np.testing.assert_allclose(W, W_true, atol=1e-2)
    np.testing.assert_allclose(b, b_true, atol=1e-2)
    assert np.allclose(W, W.T) and np.all(np.diag(W) == 0)


def test_sample_moments_of_binary_states():
    z = np.array([[1, 0], [1, 1], [0, 0], [1, 1]])
    mean, second = ml.sample_moments(z)
    np.testing.assert_allclose(mean, [0.75, 0.5])
    assert second[0, 1] == pytest.approx(0.5) and second[1, 1] == pytest.approx(0.5)


def test_mismatch_is_the_rms_of_first_and_pairwise_moments():
    target = (np.array([0.5, 0.5]), np.array([[0.5, 0.25], [0.25, 0.5]]))
    model = (np.array([0.3, 0.5]), np.array([[0.3, 0.45], [0.45, 0.5]]))
    # differences 0.2, 0.0 (means) and -0.2 (the one pair); diagonal not counted
    assert ml.moment_mismatch(target, model) == pytest.approx(np.sqrt(0.08 / 3))


def test_gibbs_phase_reduces_the_exact_mismatch():
    # three stored patterns of six pixels (pairs on together): from independent units the
    # pair correlations are missing. Persistent Gibbs chains give noisy model moments; judged
    # by the exact moments of the learned BM (enumeration), the mismatch must halve
    # (measured in a probe: 0.096 -> 0.040 after 300 iterations, 0.028 after 1000)
    patterns = np.full((3, 6), 0.05)
    patterns[0, :2] = patterns[1, 2:4] = patterns[2, 4:] = 0.95
    target = ml.target_moments(patterns)
    W0, b0 = ml.initial_parameters(target)
    np.testing.assert_allclose(b0, np.log(target[0] / (1 - target[0])))
    start = ml.moment_mismatch(target, _exact_moments(W0, b0))
    W, b, curve = ml.train_with_gibbs(W0, b0, target, 32, 5, 600, (5.0, 20.0),
                                      np.random.default_rng(9))
    assert curve.shape == (600,)
    assert ml.moment_mismatch(target, _exact_moments(W, b)) < 0.5 * start
