"""Figure family l18_fig2: L18 Fig 2, the STP grid and the bars RBMs."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .panels import SAMPLER_STYLE, image_strip


def l18_fig2(grid: xr.Dataset, bars: xr.Dataset) -> plt.Figure:
    """L18 Fig 2: a sampled joints with static vs best STP synapses; b D_KL over the STP grid;
    c bars: training sets, Gibbs and LIF+STP image sequences, time spent in one mode."""
    n_fac = grid.sizes["tau_fac"]
    fig = plt.figure(figsize=(4.2 * (1 + n_fac), 9.5), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.0, 1.25])
    _stp_grid_panels(top, grid)
    _bars_panels(bottom, bars)
    return fig


def _stp_grid_panels(fig, grid: xr.Dataset) -> None:
    mean_dkl = grid["dkl"].mean("seed")
    n_fac = grid.sizes["tau_fac"]
    axes = fig.subplots(1, 1 + n_fac)
    best = mean_dkl.where(mean_dkl == mean_dkl.min(), drop=True)
    best_point = {k: float(best[k].values[0]) for k in ("tau_fac", "U0", "tau_rec")}
    ax = axes[0]
    target = grid["p_target"].isel(seed=0).values
    order = np.argsort(target)[::-1]
    ax.semilogy(target[order], "r-", lw=1.5, label="target p_B")
    ax.semilogy(grid["p_static"].isel(seed=0).values[order], ".", ms=2, color="k",
                label=f"static: D_KL = {float(grid['dkl_static'].isel(seed=0)):.3f}")
    best_joint = grid["p_sampled_seed0"].sel(**best_point).values
    best_dkl = float(grid["dkl"].isel(seed=0).sel(**best_point))
    ax.semilogy(best_joint[order], ".", ms=2, color="tab:blue",
                label=f"U0={best_point['U0']:g}, τrec={best_point['tau_rec']:g} ms, "
                      f"τfac={best_point['tau_fac']:g} ms: {best_dkl:.3f}")
    ax.set(xlabel="state (sorted by p_B)", ylabel="p(z)", ylim=(1e-5, None))
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("a  10-unit network (5 v + 5 h), seed 0", fontsize=9, loc="left")
    static = float(grid["dkl_static"].mean())
    vmin, vmax = float(mean_dkl.min()), max(float(mean_dkl.max()), static)
    for ax, tau_fac in zip(axes[1:], grid["tau_fac"].values, strict=True):
        sl = mean_dkl.sel(tau_fac=tau_fac)
        mesh = ax.pcolormesh(np.arange(grid.sizes["tau_rec"] + 1), np.arange(grid.sizes["U0"] + 1),
                             sl.values, cmap="viridis_r",
                             norm=matplotlib.colors.LogNorm(vmin, vmax))
        ax.set_xticks(np.arange(grid.sizes["tau_rec"]) + 0.5,
                      [f"{v:g}" for v in grid["tau_rec"].values], fontsize=7)
        ax.set_yticks(np.arange(grid.sizes["U0"]) + 0.5, [f"{v:g}" for v in grid["U0"].values],
                      fontsize=7)
        if tau_fac == best_point["tau_fac"]:
            i = list(grid["U0"].values).index(best_point["U0"])
            j = list(grid["tau_rec"].values).index(best_point["tau_rec"])
            ax.plot(j + 0.5, i + 0.5, "wx", ms=10, mew=2)
        ax.set(xlabel="τrec [ms]", ylabel="U0")
        ax.set_title(f"b  mean D_KL, τfac = {tau_fac:g} ms (static: {static:.3f})", fontsize=9,
                     loc="left")
    fig.colorbar(mesh, ax=axes[1:], label="D_KL(p_N || p_B)")


def _bars_panels(fig, bars: xr.Dataset) -> None:
    side = int(bars.attrs["image_side"])
    axes = fig.subplots(2, 3, width_ratios=[1.0, 7.0, 2.0])
    samplers = [str(s) for s in bars["sampler"].values]
    names = [SAMPLER_STYLE[s][1] for s in samplers]
    for row, bar_set in enumerate(bars["bar_set"].values):
        d = bars.sel(bar_set=bar_set)
        ax = axes[row, 0]
        ax.imshow(d["training_image"].values.sum(axis=0).reshape(side, side), cmap="Greys")
        within, between = d["interaction"].values
        ax.set_title(f"c  {bar_set} bars\nw_ii {within:.0f}, w_ij {between:.0f}", fontsize=8,
                     loc="left")
        ax.axis("off")
        ax = axes[row, 1]
        seed0 = d.isel(seed=0)
        strips = [image_strip(seed0["shown_image"].sel(sampler=s).values, side)
                  for s in samplers]
        gap = np.full((side // 2, strips[0].shape[1]), np.nan)
        stacked = [part for strip in strips for part in (strip, gap)][:-1]
        ax.imshow(np.vstack(stacked), cmap="Greys", vmin=0, vmax=1)
        ax.set_yticks([side / 2 + i * 1.5 * side for i in range(len(samplers))], names)
        ax.set_xticks([])
        ax.set_title(f"{bars.sizes['shown']} equally spaced of {bars.sizes['sample']} "
                     "consecutive samples (seed 0)", fontsize=8,
                     loc="left")
        ax = axes[row, 2]
        durations = d["mean_mode_duration"]
        for i, sampler in enumerate(samplers):
            values = durations.sel(sampler=sampler).values
            ax.bar(i, values.mean(), color=SAMPLER_STYLE[sampler][0], alpha=0.6)
            ax.plot(np.full(values.size, i), values, "k.", ms=3)
        ax.set_xticks(range(len(samplers)), names, fontsize=7, rotation=30, ha="right")
        ax.set(yscale="log", ylabel="mean stay in a mode [samples]")
        ax.set_title(f"{bars.sizes['seed']} seeds", fontsize=8, loc="left")
