"""Figure of the tempering family: does an STP set lie above the curve of a global weight scale?"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .sampling_fidelity import SET_COLOURS

SWEEP_STYLE = {"gibbs_w": ("tab:gray", "-", "Gibbs, W × g"),
               "gibbs_beta": ("0.6", ":", "Gibbs, (W, b) × g"),
               "lif_renewing": ("tab:green", "-", "renewing, W × c (at c · g_ren)")}
ARM_MARKERS = {"stp": ("o", "the set"), "tempered_gibbs_w": ("s", "Gibbs W × g_S"),
               "tempered_gibbs_beta": ("D", "Gibbs (W, b) × g_S"),
               "tempered_ast_w": ("v", "AST W × g_S"),
               "scaled_renewing": ("^", "renewing W × g_S/g_ren"),
               "gain_corrected": ("*", "the set, W / g_S (drawn at 1)")}
PANELS = (("mnist", "isl", "ISL after 1e3 samples (nat)"),
          ("mnist", "stay", "mean stay in a mode (samples)"),
          ("mnist", "on_pixels", "on-pixels per sample"),
          ("imbalanced", "balance", "balance, imbalanced"),
          ("completion", "balance", "balance, completion (3 vs 5)"),
          ("imbalanced", "stay", "mean stay, imbalanced"))


def _mean_and_error(values: np.ndarray) -> tuple[float, float]:
    """Mean and standard error over seeds (the claims use the 95 % interval; with 5 seeds it
    is 2.8 standard errors wide on each side and would hide the curves)."""
    v = np.asarray(values, float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return float("nan"), 0.0
    return float(v.mean()), float(v.std(ddof=1) / np.sqrt(v.size)) if v.size > 1 else 0.0


def _sweep_curves(ax, ds: xr.Dataset, model: str, stat: str) -> None:
    g_ren = float(ds["renewing_gain"].sel(model=model))
    for sweep, (colour, style, label) in SWEEP_STYLE.items():
        cell = ds[f"sweep_{stat}"].sel(model=model, sweep=sweep)
        ran = np.isfinite(cell).any("seed").values
        if not ran.any():
            continue
        x = ds["weight_scale"].values[ran] * (g_ren if sweep == "lif_renewing" else 1.0)
        stats = [_mean_and_error(cell.isel(weight_scale=i).values) for i in np.flatnonzero(ran)]
        mean, err = np.array(stats).T
        if x.size == 1:  # a sweep of one scale (quick's renewing network): a point
            ax.errorbar(x, mean, yerr=err, fmt="s", color=colour, ms=4, capsize=2, label=label)
            continue
        ax.plot(x, mean, style, color=colour, lw=1.2, label=label)
        ax.fill_between(x, mean - err, mean + err, color=colour, alpha=0.15, lw=0)


def _arm_points(ax, ds: xr.Dataset, model: str, stat: str) -> None:
    """Each set and its controls at its gain, the sets a little apart (equal gains overlap)."""
    for k, stp_set in enumerate(ds["stp_set"].values):
        gain = float(ds["measured_gain"].sel(model=model, stp_set=stp_set))
        for arm, (marker, label) in ARM_MARKERS.items():
            values = ds[f"arm_{stat}"].sel(model=model, stp_set=stp_set, arm=arm).values
            if not np.isfinite(values).any():
                continue
            mean, err = _mean_and_error(values)
            x = (1.0 if arm == "gain_corrected" else gain) + 0.006 * k
            ax.errorbar(x, mean, yerr=err, marker=marker, ms=6 if arm == "stp" else 4,
                        color=SET_COLOURS.get(str(stp_set), "k"), ls="none", capsize=2,
                        mfc="white" if arm != "stp" else None,
                        label=f"{stp_set}: {label}")


def tempering(tempering: xr.Dataset) -> plt.Figure:
    """Each statistic against the weight gain: the sweeps' curves (mean and standard error
    over seeds), each STP set at its measured gain with its controls (open markers)."""
    ds = tempering
    models = set(ds["model"].values)
    panels = [p for p in PANELS if p[0] in models]
    fig, axes = plt.subplots(2, 3, figsize=(12, 7), squeeze=False)
    for ax, (model, stat, ylabel) in zip(axes.flat, panels, strict=False):
        _sweep_curves(ax, ds, model, stat)
        _arm_points(ax, ds, model, stat)
        ax.axvline(1.0, color="0.85", lw=0.8, zorder=0)
        ax.set(xlabel="weight gain (measured, or the global factor)", ylabel=ylabel,
               title=model)
        if stat == "stay":
            ax.set_yscale("log")
    for ax in axes.flat[len(panels):]:
        ax.axis("off")
    legend = {}
    for ax in axes.flat:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            legend.setdefault(label, handle)
    fig.legend(list(legend.values()), list(legend), loc="lower center", ncol=4, fontsize=7,
               frameon=False)
    fig.suptitle("What STP buys beyond a global weight scale: each set at its measured gain, "
                 "its controls at the same gain")
    fig.tight_layout(rect=(0, 0.12, 1, 0.96))
    return fig
