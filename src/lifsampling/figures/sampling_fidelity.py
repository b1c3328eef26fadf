"""Figure of the sampling-fidelity family: do the trained RBMs' LIF networks sample the RBMs?"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .panels import STP_COLOURS

SET_COLOURS = {**STP_COLOURS, "best_scan": "tab:orange"}
DIRECTION_STYLE = {"hidden_given_visible": "-", "visible_given_hidden": "--"}


def _set_label(ds: xr.Dataset, stp_set: str) -> str:
    U0, tau_rec, tau_fac = ds["stp_parameters"].sel(stp_set=stp_set).values
    return f"{stp_set}\n(U0 {U0:g}, τrec {tau_rec:g}, τfac {tau_fac:g} ms)"


def _conditional_panels(axes, ds: xr.Dataset) -> None:
    """Per synapse set: mean p_LIF against the exact conditional (binned), per model."""
    models = [str(m) for m in ds["model"].values]
    colours = dict(zip(models, plt.cm.viridis(np.linspace(0, 0.9, len(models))), strict=True))
    for ax, stp_set in zip(axes, ds["stp_set"].values, strict=True):
        for model in models:
            for direction, style in DIRECTION_STYLE.items():
                cell = ds.sel(model=model, stp_set=stp_set, direction=direction)
                ax.plot(cell["curve_exact"], cell["curve_lif"], style, marker=".", ms=3,
                        color=colours[model], lw=1,
                        label=model if direction == "hidden_given_visible" else None)
        ax.plot([0, 1], [0, 1], color="0.6", lw=0.6, zorder=0)
        ax.set(title=_set_label(ds, str(stp_set)), xlabel="exact conditional", xlim=(0, 1),
               ylim=(0, 1))
        ax.title.set_fontsize(8)
    axes[0].set_ylabel("LIF on-fraction")
    axes[0].legend(fontsize=6, frameon=False, title="solid: h|v, dashed: v|h",
                   title_fontsize=6)


def _gain_panel(ax, ds: xr.Dataset, var: str, ylabel: str, theory: bool,
                reference: float = 1.0) -> None:
    """`var` with its 95 % interval over clamped states per set (x) and model (side by side),
    a line at the faithful value `reference`."""
    models = list(ds["model"].values)
    sets = list(ds["stp_set"].values)
    width = 0.8 / (len(models) * len(DIRECTION_STYLE))
    for i, stp_set in enumerate(sets):
        slot = 0
        for model in models:
            for direction, style in DIRECTION_STYLE.items():
                cell = ds.sel(model=model, stp_set=stp_set, direction=direction)
                x = i - 0.4 + width * (slot + 0.5)
                mean = float(cell[var])
                err = [[mean - float(cell[f"{var}_low"])], [float(cell[f"{var}_high"]) - mean]]
                ax.errorbar(x, mean, yerr=err, fmt="o" if style == "-" else "s", ms=2.5,
                            color=SET_COLOURS.get(str(stp_set), "tab:red"), lw=0.8)
                slot += 1
        if theory:
            steady = ds["theory_weight_gain"].sel(stp_set=stp_set)
            ax.hlines(float(steady.mean()), i - 0.45, i + 0.45, color="tab:red", lw=1.5,
                      label="long burst (steady state)" if i == 0 else None)
            slot = 0
            for model in models:
                for direction in DIRECTION_STYLE:
                    x = i - 0.4 + width * (slot + 0.5)
                    ax.plot(x, float(ds["transmitted_gain"].sel(
                        model=model, stp_set=stp_set, direction=direction)), "_", ms=7,
                        color="tab:red", label="measured trains" if i == slot == 0 else None)
                    slot += 1
    ax.axhline(reference, color="0.6", lw=0.6, zorder=0)
    ax.set_xticks(range(len(sets)), [str(s) for s in sets], fontsize=7)
    ax.set_ylabel(ylabel)
    if theory:
        ax.legend(fontsize=7, frameon=False)


def _on_pixel_panel(ax, ds: xr.Dataset) -> None:
    """On-pixels per sample: training data, Gibbs and every synapse set, per model."""
    models = list(ds["model"].values)
    sets = list(ds["stp_set"].values)
    bars = [("data", "0.75"), ("gibbs", "tab:purple")] + [
        (str(s), SET_COLOURS.get(str(s), "tab:red")) for s in sets]
    width = 0.8 / len(bars)
    for j, (name, colour) in enumerate(bars):
        if name == "data":
            values, spread = ds["data_on_pixels"].values, np.zeros(len(models))
        elif name == "gibbs":
            values = ds["gibbs_on_pixels"].mean("gibbs_chain").values
            spread = ds["gibbs_on_pixels"].std("gibbs_chain").values
        else:
            cell = ds["on_pixels"].sel(stp_set=name)
            values, spread = cell.mean("free_network").values, _spread(cell, "free_network")
        ax.bar(np.arange(len(models)) - 0.4 + width * (j + 0.5), values, width, yerr=spread,
               color=colour, label=name, error_kw={"lw": 0.6})
    ax.set_xticks(range(len(models)), models, fontsize=7, rotation=30, ha="right")
    ax.set(ylabel="on-pixels per sample", title="free running (error: sd over networks)")
    ax.legend(fontsize=6, frameon=False, ncol=2)


def _spread(values: xr.DataArray, dim: str) -> np.ndarray | None:
    """The sd over `dim` as error bars, none from a single network (an sd of 0 would read as
    a perfect measurement)."""
    return values.std(dim, ddof=1).values if values.sizes[dim] > 1 else None


def _marginal_panel(ax, ds: xr.Dataset) -> None:
    """Mean |pixel marginal of the free network - of long Gibbs chains| per set and model."""
    models = list(ds["model"].values)
    for stp_set in ds["stp_set"].values:
        error = ds["marginal_error"].sel(stp_set=stp_set)
        ax.errorbar(np.arange(len(models)), error.mean("free_network"),
                    yerr=_spread(error, "free_network"), fmt="o-", ms=3, lw=0.8,
                    color=SET_COLOURS.get(str(stp_set), "tab:red"), label=str(stp_set))
    ax.set_xticks(range(len(models)), models, fontsize=7, rotation=30, ha="right")
    ax.set(ylabel="mean |Δ pixel marginal|", title="free network vs long Gibbs chains")
    ax.legend(fontsize=6, frameon=False)


def _clamp_error_panel(ax, ds: xr.Dataset) -> None:
    """Mean |on-fraction of a clamped unit - its clamped state| per set, model and direction."""
    models = list(ds["model"].values)
    for stp_set in ds["stp_set"].values:
        for direction, style in DIRECTION_STYLE.items():
            error = ds["clamp_error"].sel(stp_set=stp_set, direction=direction)
            ax.plot(np.arange(len(models)), error, style, marker="o", ms=3, lw=0.8,
                    color=SET_COLOURS.get(str(stp_set), "tab:red"),
                    label=str(stp_set) if direction == "hidden_given_visible" else None)
    ax.set_xticks(range(len(models)), models, fontsize=7, rotation=30, ha="right")
    ax.set(ylabel="mean |on-fraction - clamped state|", title="clamp leakage (solid: visible "
           "clamped, dashed: hidden)")
    ax.title.set_fontsize(8)
    ax.legend(fontsize=6, frameon=False)


def sampling_fidelity(fidelity: xr.Dataset) -> plt.Figure:
    """Top: the conditionals of clamped networks per synapse set. Middle: effective weight gain
    beside the burst theory, effective inverse temperature, on-pixels per sample, pixel
    marginals against Gibbs. Bottom: the logit intercepts (bias free, bias fixed) and the
    clamped units' leakage."""
    ds = fidelity
    n_sets = ds.sizes["stp_set"]
    fig = plt.figure(figsize=(3.0 * max(n_sets, 4), 10.5), constrained_layout=True)
    top, bottom, last = fig.subfigures(3, 1, height_ratios=[1, 1, 1])
    _conditional_panels(np.atleast_1d(top.subplots(1, n_sets, sharey=True)), ds)
    ax_gain, ax_slope, ax_pix, ax_marg = bottom.subplots(1, 4)
    ax_offset, ax_gain_offset, ax_clamp = last.subplots(1, 3)
    _gain_panel(ax_offset, ds, "offset", "intercept of logit p_LIF (bias free)", theory=False,
                reference=0.0)
    ax_offset.set_title("offset on the exact input", fontsize=9)
    _gain_panel(ax_gain_offset, ds, "gain_offset", "intercept (bias fixed)", theory=False,
                reference=0.0)
    ax_gain_offset.set_title("offset beside the weight gain", fontsize=9)
    _clamp_error_panel(ax_clamp, ds)
    _gain_panel(ax_gain, ds, "weight_gain", "weight gain (o: h|v, s: v|h)", theory=True)
    ax_gain.set_title("effective weight vs theory", fontsize=9)
    _gain_panel(ax_slope, ds, "slope", "slope of logit p_LIF on exact input", theory=False)
    ax_slope.set_title("effective inverse temperature", fontsize=9)
    _on_pixel_panel(ax_pix, ds)
    _marginal_panel(ax_marg, ds)
    fig.suptitle("Sampling fidelity of the trained RBMs' LIF networks (same W, b; per synapse "
                 "set)", fontsize=10)
    return fig
