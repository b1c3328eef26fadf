"""Figure of the clamp-delivery probe: the logit intercept of one clamped input delivered five
ways, and the input variance each delivery adds."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .sampling_fidelity import SET_COLOURS


def clamp_delivery(clamp_delivery: xr.Dataset) -> plt.Figure:
    """Left: intercept (weight slope fitted, bias fixed) per delivery and synapse set, mean
    and 95 % interval over the clamped states. Right: intercept against the delivered
    input's variance, one point per state."""
    from scipy import stats

    ds = clamp_delivery
    deliveries = [str(d) for d in ds["delivery"].values]
    sets = [str(s) for s in ds["stp_set"].values]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    width = 0.8 / len(sets)
    for i, stp_set in enumerate(sets):
        offsets = ds["gain_offset"].sel(stp_set=stp_set)
        mean = offsets.mean("clamped_state").values
        n = offsets.sizes["clamped_state"]
        half = stats.t.ppf(0.975, n - 1) * offsets.std("clamped_state", ddof=1).values / np.sqrt(n)
        colour = SET_COLOURS.get(stp_set, f"C{i}")
        left.bar(np.arange(len(deliveries)) + (i - (len(sets) - 1) / 2) * width, mean, width,
                 yerr=half, color=colour, label=stp_set, capsize=2)
        right.scatter(ds["variance"].sel(stp_set=stp_set).values.ravel(), offsets.values.ravel(),
                      s=10, color=colour, label=stp_set)
    left.axhline(0.0, color="k", lw=0.8)
    left.set_xticks(np.arange(len(deliveries)), deliveries, rotation=20, fontsize=8)
    left.set(ylabel="logit intercept, bias fixed", title="one input, five time courses")
    left.legend(fontsize=8, frameon=False)
    right.axhline(0.0, color="k", lw=0.8)
    right.set(xlabel="variance of the delivered input (logit², before STP)",
              ylabel="logit intercept, bias fixed", title="intercept against input variance")
    fig.suptitle("Where the fidelity probe's logit offsets come from "
                 f"({ds.attrs['n_visible']} clamped units, {ds.attrs['n_hidden']} read)")
    fig.tight_layout()
    return fig
