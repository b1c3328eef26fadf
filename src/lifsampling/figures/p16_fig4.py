"""Figure family p16_fig4: P16 Fig 4, K = 500 networks against a Gibbs reference."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .panels import state_labels


def p16_fig4(network: xr.Dataset) -> plt.Figure:
    """P16 Fig 4: per weight scale a raster, the 5-unit joint vs Gibbs and D_KL over time of
    P16's network (the judged variant); bottom: final D_KL of every translation variant."""
    ds = network
    own = ds.attrs["judged_variant"]
    n = ds.sizes["weight_scale"]
    fig, axes = plt.subplots(4, n, figsize=(4.2 * n, 12), constrained_layout=True,
                             squeeze=False)
    K = int(np.log2(ds.sizes["state"]))
    for col, scale in enumerate(ds["weight_scale"].values):
        d = ds.sel(weight_scale=scale)
        t, u = d["raster_time"].values, d["raster_unit"].values
        keep = np.isfinite(t)
        axes[0, col].plot(t[keep], u[keep], "|", color="k", ms=2)
        axes[0, col].set(xlabel="time [ms]", ylabel="neuron (first 50 of 500)")
        axes[0, col].set_title(f"W ~ {scale:g}·(B(0.5,0.5) - 0.5), {own}", fontsize=9,
                               loc="left")
        x = np.arange(ds.sizes["state"])
        p = d["p_sampled"].sel(variant=own).values
        axes[1, col].bar(x - 0.2, d["p_reference"], 0.4, color="tab:red", label="Gibbs reference")
        axes[1, col].bar(x + 0.2, p.mean(axis=0), 0.4,
                         yerr=p.std(axis=0) if p.shape[0] > 1 else None, color="tab:blue",
                         label=f"LIF ({p.shape[0]} runs)")
        axes[1, col].set_xticks(x, state_labels(K), rotation=90, fontsize=5)
        axes[1, col].set(ylabel="p(z) of 5 units", yscale="log")
        axes[1, col].legend(fontsize=7, frameon=False)
        for curve in d["dkl"].sel(variant=own).values:
            axes[2, col].loglog(ds["integration_time"], curve, color="tab:blue", alpha=0.7)
        axes[2, col].set(xlabel="integration time [ms]", ylabel="D_KL(p_N || p_Gibbs)")
        ax = axes[3, col]
        for i, variant in enumerate(ds["variant"].values):
            final = d["dkl"].sel(variant=variant).isel(integration_time=-1).values
            ax.plot(np.full(final.size, i), final, "o", ms=4, alpha=0.7)
            ax.plot([i - 0.25, i + 0.25], [final.mean()] * 2, color="k")
        ratio = d["recurrent_over_background"].max().item()
        fixed = d["fixed_point"].max().item()
        ax.set_xticks(range(ds.sizes["variant"]), ds["variant"].values, rotation=15, fontsize=7)
        ax.set(yscale="log", ylabel="final D_KL")
        ax.set_title(f"recurrent / background <g_tot> = {ratio:.1f}, fixed point: "
                     f"{'yes' if fixed == 1 else 'no'}", fontsize=8, loc="left")
    return fig
