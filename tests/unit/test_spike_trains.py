"""Spike trains of several networks stored flat with their counts, read back per network."""
import numpy as np
import pytest

from lifsampling import io, spike_trains


def test_trains_round_trip_through_a_netcdf_file(tmp_path, cf_errors):
    rng = np.random.default_rng(0)
    trains = [[np.sort(rng.uniform(0, 1000, n)) for n in counts]
              for counts in ([3, 0, 5], [1, 2, 0], [0, 0, 4])]
    ds = spike_trains.trains_dataset(trains, "run", [2, 4, 7])
    path = tmp_path / "spikes.nc"
    io.write_dataset(ds, path, {"scale": "smoke", "seeds": {}}, {},
                     encoding=spike_trains.ENCODING)
    back = io.read_dataset(path, ["spike_time"])
    for i, run in enumerate([2, 4, 7]):
        got = spike_trains.network_trains(back, "run", run)
        assert len(got) == 3
        for a, b in zip(got, trains[i], strict=True):
            np.testing.assert_array_equal(a, b)
    assert cf_errors(path) == []


def test_networks_of_different_sizes_are_refused():
    with pytest.raises(ValueError, match="different sizes"):
        spike_trains.trains_dataset([[np.zeros(1)], [np.zeros(1), np.zeros(2)]], "run", [0, 1])
