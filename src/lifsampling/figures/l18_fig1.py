"""Figure family l18_fig1: L18 Fig 1d, Tsodyks-Markram PSP envelopes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import xarray as xr

from .panels import STP_COLOURS


def l18_fig1(l18_fig1_stp: xr.Dataset) -> plt.Figure:
    """L18 Fig 1d: membrane traces (left) and PSP-height envelopes (right) per STP set."""
    ds = l18_fig1_stp
    fig, (ax_v, ax_env) = plt.subplots(1, 2, figsize=(9, 3.4), constrained_layout=True)
    for name in ds["stp_set"].values:
        colour = STP_COLOURS.get(str(name))
        params = ds["stp_parameters"].sel(stp_set=name).values
        label = f"{name}: U0={params[0]:g}, τrec={params[1]:g} ms"
        ax_v.plot(ds["sim_time"], ds["v"].sel(stp_set=name), color=colour, label=label)
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
