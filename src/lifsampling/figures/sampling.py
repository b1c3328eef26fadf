"""Figure family sampling: P16 Fig 3 and L18 Fig 5, small LIF networks sampling BMs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .panels import state_labels

MAX_SHOWN_STATES = 64  # above 2^6 states, the most probable ones under the target


def _joint_panel(ax, ds: xr.Dataset) -> None:
    K = ds.sizes["unit"] if "unit" in ds.sizes else int(np.log2(ds.sizes["state"]))
    target, joint = ds["p_target"].values, ds["p_joint_window"].values
    shown = np.arange(target.size)
    if target.size > MAX_SHOWN_STATES:
        shown = np.sort(np.argsort(target)[::-1][:MAX_SHOWN_STATES // 2])
    x = np.arange(shown.size)
    ax.bar(x - 0.2, target[shown], 0.4, color="tab:red", label="target p_B")
    ax.bar(x + 0.2, joint.mean(axis=0)[shown], 0.4,
           yerr=joint.std(axis=0)[shown] if len(joint) > 1 else None,
           color="tab:blue", label=f"LIF p_N ({len(joint)} runs)")
    labels = state_labels(K)
    ax.set_xticks(x, [labels[i] for i in shown], rotation=90, fontsize=6)
    if shown.size < target.size:
        ax.set_xlabel(f"the {shown.size} most probable of {target.size} states", fontsize=7)
    ax.set(ylabel="p(z)", yscale="log")
    ax.legend(fontsize=7, frameon=False)


def _dkl_panel(ax, ds: xr.Dataset) -> None:
    t = ds["integration_time"].values
    for i, curve in enumerate(ds["dkl"].values):
        ax.loglog(t, curve, color="tab:blue", alpha=0.6, lw=1, label="LIF network" if i == 0
                  else None)
    ax.loglog(t, ds["dkl_abstract"].mean("abstract_trial"), "r:", lw=2,
              label="abstract model (P16 eq. 2)")
    ax.set(xlabel="integration time T [ms]", ylabel="D_KL(p_N || p_B)")
    ax.legend(fontsize=7, frameon=False)


def _raster_panel(ax, ds: xr.Dataset, window_ms: float = 2000.0) -> None:
    t0 = float(ds.attrs.get("burn_in_ms", 0.0))
    keep = (ds["raster_time"] >= t0) & (ds["raster_time"] < t0 + window_ms)
    ax.plot(ds["raster_time"][keep] - t0, ds["raster_unit"][keep], "|", color="k", ms=6)
    ax.set(xlabel="time [ms]", ylabel="neuron", yticks=range(int(ds["raster_unit"].max()) + 1))


def p16_fig3(sampling: xr.Dataset) -> plt.Figure:
    """P16 Fig 3: raster, sampled vs target joint, DKL vs time, DKL over random BMs."""
    ds = sampling
    fig, axes = plt.subplots(2, 2, figsize=(9, 6.5), constrained_layout=True)
    _raster_panel(axes[0, 0], ds)
    axes[0, 0].set_title("A  K = 5 LIF network (renewing synapses)", fontsize=9, loc="left")
    _joint_panel(axes[0, 1], ds)
    axes[0, 1].set_title("B  joint over network states", fontsize=9, loc="left")
    _dkl_panel(axes[1, 0], ds)
    axes[1, 0].set_title("C  convergence", fontsize=9, loc="left")
    ax = axes[1, 1]
    if "dkl_bm" in ds:
        ax.hist(ds["dkl_bm"].values, bins=15, color="tab:blue")
        ax.set(xlabel=f"D_KL after {float(ds['bm_time'][-1]):g} ms", ylabel="number of BMs")
    ax.set_title(f"D  {ds.sizes.get('bm', 0)} random BMs", fontsize=9, loc="left")
    return fig


def l18_fig5(cal_coba: xr.Dataset, cal_cuba: xr.Dataset, sampling: xr.Dataset,
             membranes: xr.Dataset) -> plt.Figure:
    """L18 Fig 5: activation function + fit, translation sketch, 4-unit network, COBA vs CUBA."""
    ds = sampling
    fig, axes = plt.subplots(2, 3, figsize=(12, 6.5), constrained_layout=True)
    ax = axes[0, 0]
    for cal, colour in ((cal_coba, "tab:green"), (cal_cuba, "tab:purple")):
        label = f"{cal.attrs['set']}: α={cal.attrs['alpha_mV']:.2f} mV, ū₀={cal.attrs['u0_mV']:.2f}"
        ax.errorbar(cal["u_free"], cal["p_mean"], yerr=cal["p_std"], fmt="o", ms=3,
                    color=colour, label=label)
        ax.plot(cal["u_free"], cal["p_logistic"], color=colour, lw=1)
    ax.set(xlabel="mean free membrane ū [mV]", ylabel="p(z=1)")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("a  activation function, logistic fit", fontsize=9, loc="left")
    ax = axes[0, 1]
    ax.plot(ds["sketch_time"], ds["psp_translated"], label="PSP, translated W = 1")
    ax.plot(ds["sketch_time"], ds["psp_rectangle"], "k--", label="abstract: α W for τref")
    ax.set(xlabel="time after spike [ms]", ylabel="membrane shift [mV]")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("b  weight translation (equal area over τref)", fontsize=9, loc="left")
    _joint_panel(axes[0, 2], ds)
    axes[0, 2].set_title("c  4-unit network vs target", fontsize=9, loc="left")
    _dkl_panel(axes[1, 0], ds)
    axes[1, 0].set_title(f"d  D_KL, {ds.sizes['trial']} seeds", fontsize=9, loc="left")
    ax = axes[1, 1]
    window = membranes["sim_time"] < 300
    for name in membranes["neuron_set"].values:
        ax.plot(membranes["sim_time"][window], membranes["v"].sel(neuron_set=name)[window], lw=0.8,
                label=str(name))
    ax.set(xlabel="time [ms]", ylabel="free membrane [mV]")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("e  COBA vs CUBA free membrane", fontsize=9, loc="left")
    ax = axes[1, 2]
    for name in membranes["neuron_set"].values:
        v = membranes["v"].sel(neuron_set=name).values
        ax.hist(v[len(v) // 20:], bins=60, density=True, histtype="step",
                label=f"{name}: {v.mean():.2f} ± {v.std():.2f} mV")
    ax.set(xlabel="free membrane [mV]", ylabel="density")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("e  distributions", fontsize=9, loc="left")
    return fig


def user_bm(**variants: xr.Dataset) -> plt.Figure:
    """Your BM (target bm_<name>), as P16 Fig 3: per network variant, the sampled joint against
    the exact target and D_KL over time against the abstract sampler and Gibbs chains."""
    fig, axes = plt.subplots(2, len(variants), figsize=(4.5 * len(variants), 6.5),
                             constrained_layout=True, squeeze=False)
    for col, (variant, ds) in enumerate(variants.items()):
        _joint_panel(axes[0, col], ds)
        axes[0, col].set_title(f"{variant}: joint over network states", fontsize=9, loc="left")
        _dkl_panel(axes[1, col], ds)
        t = ds["integration_time"].values
        axes[1, col].loglog(t, ds["dkl_gibbs"].mean("gibbs_chain"), "g--", lw=1.5,
                            label="Gibbs, one sweep per tau_ref")
        axes[1, col].legend(fontsize=7, frameon=False)
        axes[1, col].set_title(f"{variant}: convergence", fontsize=9, loc="left")
    name = next(iter(variants.values())).attrs.get("boltzmann_machine", "")
    fig.suptitle(f"Your Boltzmann machine {name}, sampled as P16 Fig 3", fontsize=10)
    return fig
