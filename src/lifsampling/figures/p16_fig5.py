"""Figure family p16_fig5: P16 Fig 5, the inference demo."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from ..star_plot import STAR_ANGLES
from .panels import image_strip


def p16_fig5(model: xr.Dataset, inference: xr.Dataset) -> plt.Figure:
    """P16 Fig 5: training curve and stored digits (top); C prior and D posterior as star
    plots (eqs. 78-80: states every 2 ms in blue, a 200 ms trajectory in red) with 25 ms
    snapshots along the trajectory (eq. 81) below each."""
    fig = plt.figure(figsize=(12, 10), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[0.6, 1.4])
    ax_curve, ax_digits = top.subplots(1, 2, width_ratios=[1.6, 1.0])
    n_gibbs = model.sizes["gibbs_iteration"]
    ax_curve.plot(np.arange(n_gibbs), model["gibbs_mismatch"], color="tab:gray", lw=0.8,
                  label="Gibbs chains of the BM")
    ax_curve.plot(n_gibbs + np.arange(model.sizes["lif_iteration"]), model["lif_mismatch"],
                  color="tab:blue", lw=1.2, label="LIF networks (in the loop)")
    ax_curve.set(xlabel="iteration", ylabel="RMS moment mismatch", yscale="log")
    ax_curve.legend(fontsize=7, frameon=False)
    ax_curve.set_title("training: RMS of <z>_T - <z> and <z_k z_j>_T - <z_k z_j>", fontsize=9,
                       loc="left")
    side = int(np.sqrt(inference.sizes["unit"]))
    ax_digits.imshow(image_strip(inference["pattern"].values, side), cmap="Greys", vmin=0,
                     vmax=1)
    ax_digits.axis("off")
    ax_digits.set_title(f"stored digits {inference['digit'].values.tolist()} (<z_k>_T); input "
                        f"pixels {inference.attrs['input_units']}", fontsize=9, loc="left")
    step = float(inference["sample_time"].diff("sample_time")[0])
    n_traj = round(inference.attrs["trajectory_ms"] / step)
    for panel, sub, condition in zip("CD", bottom.subfigures(1, 2), ("prior", "posterior"),
                                     strict=True):
        ax_star, ax_snap = sub.subplots(2, 1, height_ratios=[4.0, 1.0])
        ds = inference.sel(condition=condition).isel(seed=0)
        xy = ds["projection"].values
        ax_star.plot(xy[:, 0], xy[:, 1], ".", ms=2, color="tab:blue", alpha=0.4)
        ax_star.plot(xy[:n_traj, 0], xy[:n_traj, 1], "-", color="tab:red", lw=0.8)
        reach = 1.1 * np.abs(xy).max()
        for angle, digit in zip(STAR_ANGLES, ds["digit"].values, strict=True):
            ax_star.annotate(str(digit), (reach * np.sin(angle), reach * np.cos(angle)),
                             fontsize=12, ha="center", va="center", color="k")
        ax_star.set(aspect="equal", xticks=[], yticks=[], xlim=(-1.15 * reach, 1.15 * reach),
                    ylim=(-1.15 * reach, 1.15 * reach))
        fractions = inference["digit_fraction"].sel(condition=condition).mean("seed").values
        n_states = inference.sizes["sample_time"]
        ax_star.set_title(f"{panel}  {condition}: {n_states} states (seed 0); "
                          "closest digit " + ", ".join(
                              f"{d}: {f:.2f}" for d, f in zip(ds["digit"].values, fractions,
                                                               strict=True))
                          + f" (mean of {inference.sizes['seed']} seeds)", fontsize=8, loc="left")
        ax_snap.imshow(image_strip(inference["snapshot"].sel(condition=condition).values, side),
                       cmap="Greys", vmin=0, vmax=1)
        ax_snap.axis("off")
        ax_snap.set_title(f"{inference.attrs['snapshot_ms']:g} ms snapshots along the red "
                          "trajectory (eq. 81)", fontsize=8, loc="left")
    fig.suptitle("P16 Fig 5: 144 LIF units storing 0, 3, 4 (P16 App. X); A, B (graphical "
                 "model, likelihood) are schematics, not drawn", fontsize=10)
    return fig
