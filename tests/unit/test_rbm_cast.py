import numpy as np
import pytest
from scipy.special import logsumexp

from lifsampling import boltzmann as bm
from lifsampling import rbm as rbm_mod
from lifsampling.cast import CastSchedule, initial_rbm, train_cast
from lifsampling.rbm import RBM


def _labelled_rbm(seed=0):
    rng = np.random.default_rng(seed)
    n_pix, n_lab, n_h = 5, 3, 4
    return RBM(rng.normal(0, 1.5, (n_pix + n_lab, n_h)), rng.normal(0, 1, n_pix + n_lab),
               rng.normal(0, 1, n_h), n_lab)


def test_label_posterior_matches_enumeration():
    rbm = _labelled_rbm()
    W, b = rbm.to_bm()
    states = bm.all_states(12)
    logp = -bm.energy(states, W, b)
    pixels = np.array([[1, 0, 1, 1, 0], [0, 0, 0, 1, 1]])
    post = rbm.label_log_posterior(pixels)
    for row, pix in enumerate(pixels):
        scores = []
        for k in range(3):
            lab = np.eye(3)[k]
            keep = (states[:, :5] == pix).all(1) & (states[:, 5:8] == lab).all(1)
            scores.append(logsumexp(logp[keep]))
        np.testing.assert_allclose(post[row], np.array(scores) - logsumexp(scores), atol=1e-10)


def test_sampling_classifier_agrees_with_exact():
    rbm = _labelled_rbm(1)
    pixels = bm.all_states(5)
    exact = rbm_mod.classify_exact(rbm, pixels)
    margin = np.sort(rbm.label_log_posterior(pixels), axis=1)
    clear = (margin[:, -1] - margin[:, -2]) > 0.5
    sampled = rbm_mod.classify_by_sampling(rbm, np.repeat(pixels, 1, 0), 3000,
                                           np.random.default_rng(2), burn_in=100)
    assert (sampled[clear] == exact[clear]).mean() > 0.9


def test_free_energy_definition():
    rbm = _labelled_rbm(2)
    W, b = rbm.to_bm()
    p = bm.exact_distribution(W, b)
    p_v = bm.marginal_distribution(p, 12, list(range(8)))
    v = bm.all_states(8)
    np.testing.assert_allclose(np.exp(-rbm.free_energy(v) - rbm.log_partition()), p_v,
                               rtol=1e-8)


def test_cast_raises_exact_log_likelihood():
    rng = np.random.default_rng(3)
    prototypes = np.array([[1] * 6 + [0] * 6, [0] * 6 + [1] * 6, [1, 0] * 6], dtype=np.float32)
    data = prototypes[rng.integers(0, 3, 300)]
    flips = rng.random(data.shape) < 0.05
    data = np.abs(data - flips).astype(np.float32)
    schedule = CastSchedule(n_hidden=4, n_iterations=3000, batch_size=10, eta_a=100.0,
                            eta_b=2000.0, betas=tuple(np.linspace(0.9, 1.0, 20)))
    start = initial_rbm(data, 4, 0, 0.01, np.random.default_rng(4))
    trained, curves = train_cast(data, 0, schedule, np.random.default_rng(4), progress=False)
    before, after = start.log_likelihood(data), trained.log_likelihood(data)
    # optimum: -(log 3 + 12 H(0.05)) = -3.5 nats; the data marginals alone give -7.8
    assert after > before + 2.0, (before, after)
    assert curves["swapped"].values[-1] > 0
    assert curves.sizes["iteration"] > 10


def test_cast_is_deterministic():
    data = (np.random.default_rng(5).random((50, 8)) < 0.5).astype(np.float32)
    schedule = CastSchedule(n_hidden=3, n_iterations=200, batch_size=5, eta_a=10.0,
                            eta_b=2000.0, betas=tuple(np.linspace(0.9, 1.0, 20)))
    a, _ = train_cast(data, 0, schedule, np.random.default_rng(6), progress=False)
    b, _ = train_cast(data, 0, schedule, np.random.default_rng(6), progress=False)
    np.testing.assert_array_equal(a.W, b.W)
    np.testing.assert_array_equal(a.b_v, b.b_v)


def test_initial_rbm_matches_data_marginals():
    data = (np.random.default_rng(6).random((1000, 5)) < [0.1, 0.3, 0.5, 0.7, 0.9])
    rbm = initial_rbm(data.astype(np.float32), 7, 0, 0.0, np.random.default_rng(0))
    v = bm.all_states(5)
    p = np.exp(-rbm.free_energy(v) - rbm.log_partition())
    np.testing.assert_allclose(p @ v, data.mean(axis=0), atol=1e-6)
    assert rbm.W.dtype == np.float32
    assert rbm_mod.one_hot(np.array([2, 0]), 3).tolist() == [[0, 0, 1], [1, 0, 0]]


def test_rbm_round_trip_dataset():
    rbm = _labelled_rbm(4)
    back = RBM.from_dataset(rbm.to_dataset())
    np.testing.assert_array_equal(back.W, rbm.W)
    assert back.n_labels == 3
    with pytest.raises(ValueError):
        RBM(np.zeros((3, 2)), np.zeros(2), np.zeros(2))
