import numpy as np
import pytest

from lifsampling import isl, modes, states


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


def test_mode_of_a_bars_sample_is_the_nearest_bar():
    bars = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 1, 1]])
    samples = np.array([[1, 1, 0, 0, 0, 0],   # 1 from bar 0, 4 from bar 1
                        [0, 0, 1, 1, 1, 1],   # 1 from bar 1, 2 from bar 2
                        [0, 0, 0, 0, 0, 0],   # 3, 3, 2: bar 2
                        [1, 1, 1, 1, 1, 1]])  # 3, 3, 4: tie of bars 0 and 1 -> 0
    assert modes.nearest_pattern(samples, bars).tolist() == [0, 1, 2, 0]


def test_label_mode_is_the_unit_on_most_often_in_the_window():
    z = np.array([[0, 1, 0],
                  [0, 0, 0],    # nothing on: keeps 1
                  [1, 0, 1],    # window 1: a tie of 0 and 2: keeps 1
                  [1, 0, 0],
                  [0, 0, 1]])
    assert modes.label_modes(z, window=1).tolist() == [1, 1, 1, 0, 2]
    # last 2 samples: (0,1,0); (0,1,0); (1,0,1) tie; (2,0,1) -> 0; (1,0,1) tie -> 0
    assert modes.label_modes(z, window=2).tolist() == [1, 1, 1, 0, 0]
    # an undecided start takes the lowest tied unit (nothing on: unit 0)
    assert modes.label_modes(np.array([[0, 1, 1], [0, 0, 0]]), 1).tolist() == [1, 1]
    assert modes.label_modes(np.zeros((3, 4), int), 2).tolist() == [0, 0, 0]
    with pytest.raises(ValueError, match="at least 1"):
        modes.label_modes(z, window=0)


def test_equal_label_activity_gives_equal_modes_whatever_the_sampler():
    """A network's label states read from spikes (on for tau_ref after each) and the same
    states drawn by a Gibbs chain give the same modes: one read-out for every sampler."""
    rng = np.random.default_rng(3)
    tau_ref, n = 10.0, 400
    times = 100.0 + tau_ref * np.arange(1, n + 1)
    gibbs_states = (rng.random((n, 10)) < 0.15).astype(np.uint8)
    # each on-state of the chain as one spike 3 ms before its sample time
    trains = [times[gibbs_states[:, k] == 1] - 3.0 for k in range(10)]
    network_states = states.sample_states(trains, tau_ref, times)
    for window in (1, 3, 10):
        np.testing.assert_array_equal(modes.label_modes(network_states, window),
                                      modes.label_modes(gibbs_states, window))
