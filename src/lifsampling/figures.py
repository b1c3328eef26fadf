"""Figures of the study: one function per paper figure, reading only the Datasets it plots."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import xarray as xr  # noqa: E402

STP_COLOURS = {"static": "black", "renewing": "tab:green", "modulated": "tab:blue"}


def save_figure(fig: plt.Figure, pdf_path: Path | str, png_path: Path | str) -> None:
    """Write PDF and PNG atomically (temporary name, then rename) and close the figure."""
    for path in (Path(pdf_path), Path(png_path)):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")
        try:
            fig.savefig(tmp, dpi=150, bbox_inches="tight")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    plt.close(fig)


def l18_fig1(ds: xr.Dataset) -> plt.Figure:
    """L18 Fig 1d: membrane traces (left) and PSP-height envelopes (right) per STP set."""
    fig, (ax_v, ax_env) = plt.subplots(1, 2, figsize=(9, 3.4), constrained_layout=True)
    for name in ds["stp_set"].values:
        colour = STP_COLOURS.get(str(name))
        params = ds["stp_parameters"].sel(stp_set=name).values
        label = f"{name}: U0={params[0]:g}, τrec={params[1]:g} ms"
        ax_v.plot(ds["time"], ds["v"].sel(stp_set=name), color=colour, label=label)
        ax_env.plot(ds["spike"], ds["psp_height"].sel(stp_set=name), "o", ms=3, color=colour,
                    label=f"{name} (NEST)")
        ax_env.plot(ds["spike"], ds["psp_height_theory"].sel(stp_set=name), "-", lw=0.8,
                    color=colour)
    for t in ds["burst_spike_time"].values:
        ax_v.axvline(t, color="0.85", lw=0.6, zorder=0)
    ax_v.set(xlabel="time [ms]", ylabel="membrane potential [mV]",
             title="membrane, presynaptic burst at 1/τref")
    ax_v.legend(fontsize=7, frameon=False, loc="lower right")
    ax_env.set(xlabel="presynaptic spike number", ylabel="PSP height [mV]",
               title="PSP-height envelope (lines: eqs. 7-9)")
    ax_env.legend(fontsize=7, frameon=False)
    fig.suptitle("L18 Fig 1d: static, renewing and modulated synapses (NEST tsodyks2_synapse)",
                 fontsize=9)
    return fig
