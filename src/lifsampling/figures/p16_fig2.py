"""Figure family p16_fig2: P16 Fig 2, the LIF activation function and its theories."""

from __future__ import annotations

import matplotlib.pyplot as plt
import xarray as xr


def p16_fig2(trace: xr.Dataset, theory: xr.Dataset) -> plt.Figure:
    """P16 Fig 2: A trace and spikes, B theory vs simulation vs literature, C u and u_eff
    around refractory periods, D simulation, theory and logistic fit."""
    fig, axes = plt.subplots(2, 2, figsize=(10, 7), constrained_layout=True)
    ax = axes[0, 0]
    window = trace["sim_time"] < 500
    ax.plot(trace["sim_time"][window], trace["v"][window], lw=0.7, color="tab:blue")
    spikes = trace["spike_time"].values
    ax.vlines(spikes[spikes < 500], trace.attrs["v_thresh"], trace.attrs["v_thresh"] + 3,
              color="k", lw=0.8)
    ax.set(xlabel="time [ms]", ylabel="u [mV]")
    ax.set_title("A  LIF neuron in the HCS", fontsize=9, loc="left")
    ax = axes[0, 1]
    ax.errorbar(theory["u_sim"], theory["p_sim"], yerr=theory["p_sim_std"], fmt="o", ms=3,
                color="tab:green", label="NEST simulation")
    styles = {"p16": ("tab:red", "P16 theory"), "brunel_sergi": ("tab:gray", "Brunel & Sergi"),
              "quasistatic": ("tab:orange", "quasi-static (Moreno-Bote & Parga)")}
    for name, (colour, label) in styles.items():
        ax.plot(theory["u"], theory[name], color=colour,
                label=f"{label}, RMS {theory.attrs['rms_' + name]:.3f}")
    ax.set(xlabel="ū [mV]", ylabel="p(z=1)")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("B  activation function", fontsize=9, loc="left")
    ax = axes[1, 0]
    first = spikes[(spikes > 50) & (spikes < trace["sim_time"].values[-1] - 100)]
    t0 = first[0] - 20 if first.size else 0.0
    window = (trace["sim_time"] >= t0) & (trace["sim_time"] < t0 + 100)
    ax.plot(trace["sim_time"][window], trace["v"][window], color="tab:blue", label="u")
    ax.plot(trace["sim_time"][window], trace["u_eff"][window], color="tab:red", lw=0.8,
            label="u_eff")
    for s in spikes[(spikes >= t0) & (spikes < t0 + 100)]:
        ax.axvspan(s, s + trace.attrs["tau_ref"], color="0.85", zorder=0)
    ax.axhline(trace.attrs["v_thresh"], color="k", ls=":", lw=0.8)
    ax.set(xlabel="time [ms]", ylabel="[mV]")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("C  u and u_eff around refractory periods (grey)", fontsize=9, loc="left")
    ax = axes[1, 1]
    ax.plot(theory["u_sim"], theory["p_sim"], "o", ms=3, color="tab:green", label="simulation")
    ax.plot(theory["u"], theory["p16"], color="tab:red", label="P16 theory")
    ax.plot(theory["u"], theory["logistic"], "--", color="tab:blue",
            label=f"logistic fit, max dev {theory.attrs['max_dev_logistic']:.3f}")
    ax.set(xlabel="ū [mV]", ylabel="p(z=1)")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("D  high-noise regime: theory, simulation, logistic", fontsize=9, loc="left")
    return fig
