"""Figure family parameter_sets: P16 Fig 6-7 (App. XI-XII), other parameter sets."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

THEORY_STYLES = {"p16": ("tab:red", "P16 theory"),
                 "brunel_sergi": ("tab:gray", "[16] Brunel & Sergi"),
                 "quasistatic": ("tab:orange", "[17] quasi-static")}


def p16_fig6(predictions: xr.Dataset) -> plt.Figure:
    """P16 Fig 6 (App. XI): per parameter set NEST, P16 theory, [16] and [17]."""
    ds = predictions
    sets = ds["calibration_set"].values
    ncol = 3
    nrow = int(np.ceil((len(sets) + 2) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(4.2 * ncol, 3.4 * nrow),
                             constrained_layout=True, squeeze=False)
    for ax, name in zip(axes.flat, sets, strict=False):
        d = ds.sel(calibration_set=name)
        ax.errorbar(d["u_sim"], d["p_sim"], yerr=d["p_sim_std"], fmt="o", ms=3,
                    color="tab:green", label="NEST")
        for theory, (colour, label) in THEORY_STYLES.items():
            ax.plot(d["u"], d[theory], color=colour,
                    label=f"{label}, RMS {float(d['rms_' + theory]):.3f}")
        ax.set(xlabel="ū [mV]", ylabel="p(z=1)", ylim=(-0.02, 1.02))
        ax.set_title(f"{name}: τ_syn {float(d['tau_syn']):g}, τ_ref {float(d['tau_ref']):g}, "
                     f"τ_eff {float(d['tau_eff']):.2f} ms", fontsize=8, loc="left")
        ax.legend(fontsize=6, frameon=False, loc="upper left")
    _simulator_panels(axes.flat[len(sets)], axes.flat[len(sets) + 1], ds)
    for ax in axes.flat[len(sets) + 2:]:
        ax.set_visible(False)
    return fig


def _simulator_panels(curves, midpoints, ds: xr.Dataset) -> None:
    """The first set on every simulator and time step: p(z=1) and u0 per run vs -55 mV."""
    for i, run in enumerate(ds["simulator_run"].values):
        d = ds.sel(simulator_run=run)
        curves.plot(d["sim_u"], d["sim_p"], "o-", ms=2, lw=0.8, label=str(run))
        u0 = d["sim_u0_per_run"].values
        midpoints.plot(np.full(u0.size, i), u0, "o", ms=3, alpha=0.7)
        midpoints.plot([i - 0.25, i + 0.25], [u0.mean()] * 2, color="k")
    curves.set(xlabel="ū [mV]", ylabel="p(z=1)")
    curves.legend(fontsize=6, frameon=False)
    curves.set_title(f"{ds['calibration_set'].values[0]}: one PyNN code, NEST and NEURON",
                     fontsize=8, loc="left")
    midpoints.axhspan(-55.5, -54.5, color="0.9", zorder=0, label="P16 App. VII: -55 mV")
    midpoints.set_xticks(range(ds.sizes["simulator_run"]), ds["simulator_run"].values,
                         rotation=15, fontsize=7)
    midpoints.set(ylabel="ū₀ per run [mV]")
    midpoints.legend(fontsize=6, frameon=False)
    midpoints.set_title("logistic midpoint per run", fontsize=8, loc="left")


def p16_fig7(sampling: xr.Dataset) -> plt.Figure:
    """P16 Fig 7 (App. XII): D_KL after the run per parameter set (one dot per BM), and the
    mean D_KL over time."""
    ds = sampling
    sets = [str(s) for s in ds["calibration_set"].values]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    rng = np.random.default_rng(0)  # horizontal jitter of the dots only
    for i, name in enumerate(sets):
        final = ds["dkl_final"].sel(calibration_set=name).values
        left.plot(i + rng.uniform(-0.15, 0.15, final.size), final, "o", ms=3, alpha=0.7)
        left.plot([i - 0.3, i + 0.3], [np.mean(final)] * 2, color="k")
        right.loglog(ds["integration_time"], ds["dkl"].sel(calibration_set=name).mean("bm"),
                     label=name)
    reference = ds["dkl_final"].sel(calibration_set=sets[0]).values
    left.axhline(np.quantile(reference, 0.975), color="k", ls=":", lw=0.8,
                 label=f"97.5 % quantile, {sets[0]}")
    left.set_xticks(range(len(sets)), sets, rotation=20, fontsize=7)
    left.set(yscale="log", ylabel=f"D_KL after {float(ds['integration_time'][-1]):g} ms")
    left.legend(fontsize=7, frameon=False)
    right.set(xlabel="integration time [ms]", ylabel="mean D_KL over BMs")
    right.legend(fontsize=7, frameon=False)
    return fig
