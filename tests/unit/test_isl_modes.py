import numpy as np
import pytest

from lifsampling import isl, modes


def test_isl_equals_brute_force_double_loop():
    rng = np.random.default_rng(0)
    test = (rng.random((7, 30)) < 0.4).astype(np.uint8)
    samples = (rng.random((isl.CHUNK + 200, 30)) < 0.4).astype(np.uint8)  # two chunks
    beta = 0.95
    brute = []
    for y in test:
        total = 0.0
        for x in samples:
            prod = 1.0
            for yj, xj in zip(y, x, strict=True):
                prod *= beta if yj == xj else 1 - beta
            total += prod
        brute.append(np.log(total / len(samples)))
    got = isl.log_likelihood(test, samples, beta)
    np.testing.assert_allclose(got, brute, rtol=0, atol=1e-10)


def test_isl_curve_ends_at_full_estimate():
    rng = np.random.default_rng(1)
    test = (rng.random((20, 50)) < 0.3).astype(np.uint8)
    samples = (rng.random((25_000, 50)) < 0.3).astype(np.uint8)
    points = np.array([1, 10, 100, 12_345, 25_000])
    curve = isl.isl_curve(test, samples, points)
    assert curve[-1] == pytest.approx(isl.log_likelihood(test, samples).mean(), abs=1e-9)
    assert curve[2] == pytest.approx(isl.log_likelihood(test, samples[:100]).mean(), abs=1e-9)
    with pytest.raises(ValueError):
        isl.isl_curve(test, samples, np.array([10, 5]))


def test_isl_perfect_sample_bound():
    # a sample set containing every test image: log p >= d log(beta) - log N
    test = np.eye(8, dtype=np.uint8)
    got = isl.log_likelihood(test, test, 0.95)
    assert (got >= 8 * np.log(0.95) - np.log(8) - 1e-12).all()


def test_run_lengths_and_durations():
    m = np.array([3, 3, 3, 1, 1, 3, 0, 0, 0, 0])
    values, lengths = modes.run_lengths(m)
    assert values.tolist() == [3, 1, 3, 0] and lengths.tolist() == [3, 2, 1, 4]
    assert modes.mode_durations(m, censor_last=True).tolist() == [3, 2, 1]
    hist = modes.mode_histogram(m, 4)
    np.testing.assert_allclose(hist, [0.4, 0.2, 0, 0.4])
    assert modes.balance(np.array([0.25] * 4)) == pytest.approx(1.0)
    assert modes.balance(np.array([1.0, 0, 0, 0])) == pytest.approx(0.0)
    assert modes.balance(np.array([1.0, 0, 0, 0]), classes=[1, 2]) == 0.0  # none of them
    assert modes.modes_from_label_activity(np.array([[0.1, 0.9], [0.8, 0.2]])).tolist() == [1, 0]


def test_mode_of_a_bars_sample_is_the_nearest_bar():
    bars = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 1, 1]])
    samples = np.array([[1, 1, 0, 0, 0, 0],   # 1 from bar 0, 4 from bar 1
                        [0, 0, 1, 1, 1, 1],   # 1 from bar 1, 2 from bar 2
                        [0, 0, 0, 0, 0, 0],   # 3, 3, 2: bar 2
                        [1, 1, 1, 1, 1, 1]])  # 3, 3, 4: tie of bars 0 and 1 -> 0
    assert modes.nearest_pattern(samples, bars).tolist() == [0, 1, 2, 0]


def test_label_mode_is_the_label_neuron_with_most_spikes_in_the_window():
    trains = [np.array([5.0, 12.0, 14.0]), np.array([25.0, 27.0, 29.0]), np.array([26.0])]
    t = np.array([10.0, 15.0, 20.0, 30.0, 40.0, 50.0])
    # window (t - 10, t]: t=10 {0: 1}; t=15 {0: 3}... t=20 {0: 2}; t=30 {1: 3, 2: 1};
    # t=40 {}: keeps 1; t=50 {}: keeps 1
    got = modes.label_modes_from_spikes(trains, t, window_ms=10.0)
    assert got.tolist() == [0, 0, 0, 1, 1, 1]
    # a tie keeps the previous mode
    tie = [np.array([1.0, 21.0]), np.array([2.0, 22.0, 23.0]), np.array([24.0])]
    assert modes.label_modes_from_spikes(tie, np.array([5.0, 25.0]), 10.0).tolist() == [0, 1]
    tie2 = [np.array([1.0, 21.0]), np.array([22.0])]
    assert modes.label_modes_from_spikes(tie2, np.array([5.0, 25.0]), 10.0).tolist() == [0, 0]
