"""Figure family l18_fig4: L18 Fig 4, imbalanced data and pattern completion."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .panels import SAMPLER_STYLE, image_strip


def l18_fig4(imbalanced: xr.Dataset, completion: xr.Dataset) -> plt.Figure:
    """L18 Fig 4: imbalanced data (a mode histograms, b mode evolution, c tSNE of the LIF+STP
    samples) and pattern completion (d clamped input, e mode histograms, f image sequences)."""
    fig = plt.figure(figsize=(14, 10), layout="constrained")
    top, bottom = fig.subfigures(2, 1)
    ax_a, ax_b, ax_c = top.subplots(1, 3, width_ratios=[1.0, 1.4, 1.2])
    _mode_fraction_panel(ax_a, imbalanced, "a  imbalanced data")
    n_evo = min(int(imbalanced.attrs["n_evolution"]), imbalanced.sizes["sample"])
    for i, sampler in enumerate(imbalanced["sampler"].values):
        colour, label = SAMPLER_STYLE[str(sampler)]
        modes = imbalanced["mode"].sel(sampler=sampler).isel(seed=0).values[:n_evo]
        offset = 0.2 * (i - (imbalanced.sizes["sampler"] - 1) / 2)
        ax_b.plot(np.arange(n_evo), modes + offset, ".", ms=1.5, color=colour, label=label)
    ax_b.set(xlabel="sample", ylabel="mode (digit)", yticks=range(10))
    ax_b.legend(fontsize=7, frameon=False, markerscale=6)
    ax_b.set_title(f"b  mode of {n_evo} consecutive samples (seed 0)", fontsize=8,
                   loc="left")
    xy = imbalanced["tsne_embedding"].values
    colours = plt.get_cmap("tab10")
    ax_c.plot(xy[:, 0], xy[:, 1], color="0.8", lw=0.4, zorder=0)
    ax_c.scatter(xy[:, 0], xy[:, 1], s=6,
                 c=[colours(int(m)) for m in imbalanced["tsne_mode"].values])
    ax_c.set(xticks=[], yticks=[])
    ax_c.set_title(f"c  tSNE of {len(xy)} LIF+STP samples, "
                   f"{imbalanced.attrs['tsne_spacing_ms']:g} ms apart",
                   fontsize=9, loc="left")
    d_e, f = bottom.subfigures(1, 2, width_ratios=[1.0, 1.6])
    ax_d, ax_e = d_e.subplots(1, 2, width_ratios=[0.7, 1.0])
    side = int(np.sqrt(completion.sizes["pixel"]))
    shown = np.where(completion["clamped_input"].values < 0, 0.5,
                     completion["clamped_input"].values).astype(float)
    ax_d.imshow(shown.reshape(side, side), cmap="Greys", vmin=0, vmax=1)
    ax_d.axis("off")
    ax_d.set_title(f"d  clamped input\n({completion.attrs['input_split']} image "
                   f"{completion.attrs['input_index']}; grey: free)", fontsize=8, loc="left")
    _mode_fraction_panel(ax_e, completion, "e  pattern completion")
    ax_f = f.subplots(1, 1)
    strips = [image_strip(completion["shown_image"].sel(sampler=s).values, side)
              for s in completion["sampler"].values]
    gap = np.full((side // 2, strips[0].shape[1]), np.nan)
    ax_f.imshow(np.vstack([x for strip in strips for x in (strip, gap)][:-1]), cmap="Greys",
                vmin=0, vmax=1)
    ax_f.set_yticks([side / 2 + i * 1.5 * side for i in range(len(strips))],
                    [SAMPLER_STYLE[str(s)][1] for s in completion["sampler"].values])
    ax_f.set_xticks([])
    every = int(completion["shown"].values[1]) if completion.sizes["shown"] > 1 else 0
    ax_f.set_title(f"f  every {every}th sample (seed 0)", fontsize=9, loc="left")
    fig.suptitle("L18 Fig 4: Gibbs, AST, LIF+STP and renewing LIF (same W, b) on imbalanced "
                 "training data",
                 fontsize=10)
    return fig


def _mode_fraction_panel(ax, ds: xr.Dataset, title: str) -> None:
    """Relative time in each mode, mean over seeds (bars) and each seed (dots); the balance
    (normalised entropy over the classes of interest) in the legend."""
    digits = ds["digit"].values
    width = 0.8 / ds.sizes["sampler"]
    for i, sampler in enumerate(ds["sampler"].values):
        colour, label = SAMPLER_STYLE[str(sampler)]
        fractions = ds["mode_fraction"].sel(sampler=sampler)
        balance = ds["balance"].sel(sampler=sampler).values
        x = digits + (i - (ds.sizes["sampler"] - 1) / 2) * width
        ax.bar(x, fractions.mean("seed"), width, color=colour, alpha=0.7,
               label=f"{label}: balance {balance.mean():.2f} ± {balance.std():.2f}")
        for seed_values in fractions.values:
            ax.plot(x, seed_values, "k.", ms=1.5)
    ax.set(xticks=digits, xlabel="mode (digit)", ylabel="relative time in mode")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(f"{title}: {ds.sizes['sample']} samples x {ds.sizes['seed']} seeds\nbalance: "
                 f"normalised entropy over {ds.attrs['balance_classes']}", fontsize=8,
                 loc="left")
