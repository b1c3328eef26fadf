"""Spike trains of several networks in one netCDF: what a NEST job stores, analyses read.

Layout (CF-clean, no ragged-array conventions needed): `spike_count(network, unit)` spikes per
train, and `spike_time(spike)` all times, train after train in (network, unit) order, each
train sorted. The trains of one network are the consecutive slices the counts give. Times are
compressed (zlib): a 10^6 ms run of a 5-unit network holds ~10^5 spikes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xarray as xr

ENCODING = {"spike_time": {"zlib": True, "complevel": 4, "shuffle": True}}


def trains_dataset(trains: Sequence[Sequence[np.ndarray]], network_dim: str,
                   networks: Sequence[int | str]) -> xr.Dataset:
    """The spike trains `trains[i][k]` (ms) of unit k of network `networks[i]` (an index,
    increasing, or a name)."""
    if len(trains) != len(networks):
        raise ValueError(f"{len(trains)} networks of trains for {len(networks)} coordinates")
    n_units = {len(t) for t in trains}
    if len(n_units) != 1:
        raise ValueError(f"networks of different sizes {sorted(n_units)} in one dataset")
    counts = np.array([[len(t) for t in net] for net in trains], np.int64)
    flat = [np.sort(np.asarray(t, float)) for net in trains for t in net]
    times = np.concatenate(flat) if flat else np.empty(0)
    return xr.Dataset(
        {"spike_count": ((network_dim, "unit"), counts,
                         {"long_name": "number of spikes of the unit"}),
         "spike_time": (("spike",), times,
                        {"long_name": "spike time, train after train in (network, unit) order",
                         "units": "ms"})},
        coords={network_dim: (network_dim, list(networks), {"long_name": f"{network_dim} of "
                                                                         f"the trains"}),
                "unit": ("unit", np.arange(n_units.pop()), {"long_name": "neuron"})})


def network_trains(ds: xr.Dataset, network_dim: str, network: int | str) -> list[np.ndarray]:
    """The spike trains (one array per unit, ms) of one network of a `trains_dataset`."""
    counts = ds["spike_count"].transpose(network_dim, "unit").values
    index = int(np.flatnonzero(ds[network_dim].values == network)[0])
    ends = np.cumsum(counts.ravel())
    start = int(ends[index * counts.shape[1] - 1]) if index else 0
    times = ds["spike_time"].values
    edges = start + np.concatenate([[0], np.cumsum(counts[index])])
    return [times[a:b] for a, b in zip(edges[:-1], edges[1:], strict=True)]
