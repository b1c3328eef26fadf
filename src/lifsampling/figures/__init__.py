"""Figures of the study: one function per figure target, reading only the Datasets it plots.

`save_figure` writes them; the workflow calls `figures.<rule>` (workflow/scripts/figure.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

from ..experiments.mnist import ISL_AT  # noqa: E402
from ..star_plot import STAR_ANGLES  # noqa: E402

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


def l18_fig1(stp_probe: xr.Dataset) -> plt.Figure:
    """L18 Fig 1d: membrane traces (left) and PSP-height envelopes (right) per STP set."""
    ds = stp_probe
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


def _state_labels(K: int) -> list[str]:
    return ["".join(str((i >> (K - 1 - k)) & 1) for k in range(K)) for i in range(2**K)]


def _joint_panel(ax, ds: xr.Dataset) -> None:
    K = ds.sizes["unit"] if "unit" in ds.sizes else int(np.log2(ds.sizes["state"]))
    x = np.arange(ds.sizes["state"])
    joint = ds["p_joint_window"].values
    ax.bar(x - 0.2, ds["p_target"], 0.4, color="tab:red", label="target p_B")
    ax.bar(x + 0.2, joint.mean(axis=0), 0.4, yerr=joint.std(axis=0) if len(joint) > 1 else None,
           color="tab:blue", label=f"LIF p_N ({len(joint)} runs)")
    ax.set_xticks(x, _state_labels(K), rotation=90, fontsize=6)
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


def _image_strip(images: np.ndarray, side: int, gap: int = 2) -> np.ndarray:
    """Images (n, side²) side by side with `gap` blank columns (NaN) between them."""
    n = len(images)
    strip = np.full((side, n * (side + gap) - gap), np.nan)
    for i, img in enumerate(images):
        strip[:, i * (side + gap):i * (side + gap) + side] = img.reshape(side, side)
    return strip


def _bars_panels(fig, bars: xr.Dataset) -> None:
    side = int(bars.attrs["image_side"])
    axes = fig.subplots(2, 3, width_ratios=[1.0, 7.0, 2.0])
    samplers = [str(s) for s in bars["sampler"].values]
    names = [SAMPLER_STYLE[s][1] for s in samplers]
    for row, level in enumerate(bars["difficulty"].values):
        d = bars.sel(difficulty=level)
        ax = axes[row, 0]
        ax.imshow(d["training_image"].values.sum(axis=0).reshape(side, side), cmap="Greys")
        within, between = d["interaction"].values
        ax.set_title(f"c  {level} bars\nw_ii {within:.0f}, w_ij {between:.0f}", fontsize=8,
                     loc="left")
        ax.axis("off")
        ax = axes[row, 1]
        seed0 = d.isel(seed=0)
        strips = [_image_strip(seed0["shown_image"].sel(sampler=s).values, side)
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


SAMPLER_STYLE = {"gibbs": ("tab:gray", "Gibbs"), "lif_stp": ("tab:blue", "LIF+STP"),
                 "lif_renewing": ("tab:green", "LIF renewing"), "ast": ("tab:orange", "AST"),
                 "lif_best": ("tab:red", "LIF best scan set"),
                 "opt": ("k", "OPT"), "pom": ("tab:brown", "POM")}


def l18_fig3(mnist: xr.Dataset, classification: xr.Dataset, classification_lif: xr.Dataset,
             tsne: xr.Dataset, scan_rec: xr.Dataset, scan_fac: xr.Dataset) -> plt.Figure:
    """L18 Fig 3: a ISL over two STP scans, b ISL against the number of samples (seeds, mean,
    OPT, POM), c ISL at 1e3 samples over seeds, d stays in one mode, e tSNE maps;
    classification accuracies in the title."""
    fig = plt.figure(figsize=(13, 13), layout="constrained")
    scans, top, bottom = fig.subfigures(3, 1, height_ratios=[0.9, 1.0, 1.5])
    _scan_panels(scans, (scan_rec, scan_fac))
    axes = top.subplots(1, 3)
    _tsne_panels(bottom.subplots(1, tsne.sizes["sampler"], sharex=True, sharey=True), tsne)
    n = mnist["n_used"].values
    ax = axes[0]
    for sampler in mnist["sampler"].values:
        colour, label = SAMPLER_STYLE[str(sampler)]
        curves = mnist["isl"].sel(sampler=sampler)
        for curve in curves.values:
            ax.plot(n, curve, "--", color=colour, lw=0.6, alpha=0.6)
        ax.plot(n, curves.mean("seed"), color=colour, lw=2,
                label=f"{label} ({mnist.sizes['seed']} seeds)")
    for ref in mnist["reference"].values:
        colour, label = SAMPLER_STYLE[str(ref)]
        ax.plot(n, mnist["isl_reference"].sel(reference=ref), color=colour, lw=1.5, label=label)
    ax.set(xscale="log", xlabel="number of samples", ylabel="ISL [nat]")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(f"b  ISL of {mnist.attrs['n_test']} test images", fontsize=9, loc="left")
    ax = axes[1]
    isl_at = mnist["isl_1e3"]
    bins = np.linspace(float(isl_at.min()) - 1, float(isl_at.max()) + 1, 20)
    for sampler in mnist["short_sampler"].values:
        colour, label = SAMPLER_STYLE[str(sampler)]
        ax.hist(isl_at.sel(short_sampler=sampler).values, bins=bins, color=colour, alpha=0.5,
                label=label)
    ax.set(xlabel=f"ISL at {ISL_AT} samples [nat]", ylabel="number of seeds")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(f"c  ISL at {ISL_AT} samples, {mnist.sizes['short_seed']} seeds", fontsize=9,
                 loc="left")
    ax = axes[2]
    lower = mnist["duration_bin"].values
    upper = mnist["duration_bin_upper"].values
    for sampler in mnist["sampler"].values:
        colour, label = SAMPLER_STYLE[str(sampler)]
        counts = mnist["duration_histogram"].sel(sampler=sampler).values
        mean = float(mnist["mean_mode_duration"].sel(sampler=sampler))
        ax.stairs(counts, np.append(lower, upper[-1]), color=colour, lw=1.5,
                  label=f"{label}: mean {mean:.1f}")
    ax.set(xscale="log", yscale="log", xlabel="stay in one mode [samples]",
           ylabel="number of stays")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title("d  time spent in one mode", fontsize=9, loc="left")
    acc, lif = classification["accuracy"], classification_lif["accuracy"]
    fig.suptitle(f"L18 Fig 3: MNIST 784-600-10; classification: Gibbs "
                 f"{100 * float(acc.sel(classifier='gibbs')):.1f} %, exact posterior "
                 f"{100 * float(acc.sel(classifier='exact')):.1f} % (test set); LIF+STP "
                 f"{100 * float(lif.sel(classifier='lif_stp')):.1f} % "
                 f"({classification_lif.attrs['n_images']} images)", fontsize=9)
    return fig


def _scan_panels(fig, scans: tuple[xr.Dataset, ...]) -> None:
    """L18 Fig 3a: mean ISL (over seeds) on each 2D STP scan; white cross: best point."""
    axes = fig.subplots(1, len(scans))
    for ax, scan in zip(axes, scans, strict=True):
        name = scan.attrs["scan"]
        isl_mean = scan["isl"].mean("seed")
        mesh = ax.pcolormesh(np.arange(scan.sizes[name] + 1), np.arange(scan.sizes["U0"] + 1),
                             isl_mean.values, cmap="viridis")
        ax.set_xticks(np.arange(scan.sizes[name]) + 0.5, [f"{v:g}" for v in scan[name].values],
                      fontsize=7)
        ax.set_yticks(np.arange(scan.sizes["U0"]) + 0.5, [f"{v:g}" for v in scan["U0"].values],
                      fontsize=7)
        i, j = np.unravel_index(np.argmax(isl_mean.values), isl_mean.shape)
        ax.plot(j + 0.5, i + 0.5, "wx", ms=10, mew=2)
        fixed = next(k for k in scan.attrs if k.endswith("_ms") and k != f"{name}_ms")
        ax.set(xlabel=f"{name.replace('_', '')} [ms]", ylabel="U0")
        ax.set_title(f"a  ISL after {scan.attrs['n_samples']} samples, {fixed[:-3]} = "
                     f"{scan.attrs[fixed]:g} ms", fontsize=9, loc="left")
        fig.colorbar(mesh, ax=ax, label="ISL [nat]")


def _tsne_panels(axes, tsne: xr.Dataset, every: int = 6) -> None:
    """L18 Fig 3e: consecutive samples joined in grey, coloured by mode, every 6th as image."""
    from matplotlib.offsetbox import AnnotationBbox, OffsetImage

    side = int(np.sqrt(tsne.sizes["pixel"]))
    colours = plt.get_cmap("tab10")
    for ax, sampler in zip(axes, tsne["sampler"].values, strict=True):
        xy = tsne["embedding"].sel(sampler=sampler).values
        modes = tsne["mode"].sel(sampler=sampler).values
        ax.plot(xy[:, 0], xy[:, 1], color="0.8", lw=0.3, zorder=0)
        ax.scatter(xy[:, 0], xy[:, 1], c=[colours(int(m)) for m in modes], s=3, zorder=1)
        images = tsne["image"].sel(sampler=sampler).values
        for i in range(0, len(xy), every):
            box = OffsetImage(images[i].reshape(side, side), zoom=0.3, cmap="Greys", alpha=0.8)
            ax.add_artist(AnnotationBbox(box, xy[i], frameon=False, zorder=2))
        ax.set(xticks=[], yticks=[])
        name = SAMPLER_STYLE[str(sampler)][1]
        ax.set_title(f"e  {name}: {len(xy)} consecutive samples\nmodes "
                     f"{sorted(set(modes.tolist()))}", fontsize=9, loc="left")


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
    strips = [_image_strip(completion["shown_image"].sel(sampler=s).values, side)
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


def p16_fig4(network: xr.Dataset) -> plt.Figure:
    """P16 Fig 4: per weight scale a raster, the 5-unit joint vs Gibbs and D_KL over time of
    P16's network (the judged variant); bottom: final D_KL of every translation variant."""
    ds = network
    own = ds.attrs["judged_variant"]
    n = ds.sizes["weight_scale"]
    fig, axes = plt.subplots(4, n, figsize=(4.2 * n, 12), constrained_layout=True,
                             squeeze=False)
    K = int(np.log2(ds.sizes["state"]))
    for col, scale in enumerate(ds["weight_scale"].values):
        d = ds.sel(weight_scale=scale)
        t, u = d["raster_time"].values, d["raster_unit"].values
        keep = np.isfinite(t)
        axes[0, col].plot(t[keep], u[keep], "|", color="k", ms=2)
        axes[0, col].set(xlabel="time [ms]", ylabel="neuron (first 50 of 500)")
        axes[0, col].set_title(f"W ~ {scale:g}·(B(0.5,0.5) - 0.5), {own}", fontsize=9,
                               loc="left")
        x = np.arange(ds.sizes["state"])
        p = d["p_sampled"].sel(variant=own).values
        axes[1, col].bar(x - 0.2, d["p_reference"], 0.4, color="tab:red", label="Gibbs reference")
        axes[1, col].bar(x + 0.2, p.mean(axis=0), 0.4,
                         yerr=p.std(axis=0) if p.shape[0] > 1 else None, color="tab:blue",
                         label=f"LIF ({p.shape[0]} runs)")
        axes[1, col].set_xticks(x, _state_labels(K), rotation=90, fontsize=5)
        axes[1, col].set(ylabel="p(z) of 5 units", yscale="log")
        axes[1, col].legend(fontsize=7, frameon=False)
        for curve in d["dkl"].sel(variant=own).values:
            axes[2, col].loglog(ds["integration_time"], curve, color="tab:blue", alpha=0.7)
        axes[2, col].set(xlabel="integration time [ms]", ylabel="D_KL(p_N || p_Gibbs)")
        ax = axes[3, col]
        for i, variant in enumerate(ds["variant"].values):
            final = d["dkl"].sel(variant=variant).isel(integration_time=-1).values
            ax.plot(np.full(final.size, i), final, "o", ms=4, alpha=0.7)
            ax.plot([i - 0.25, i + 0.25], [final.mean()] * 2, color="k")
        ratio = d["recurrent_over_background"].max().item()
        fixed = d["fixed_point"].max().item()
        ax.set_xticks(range(ds.sizes["variant"]), ds["variant"].values, rotation=15, fontsize=7)
        ax.set(yscale="log", ylabel="final D_KL")
        ax.set_title(f"recurrent / background <g_tot> = {ratio:.1f}, fixed point: "
                     f"{'yes' if fixed == 1 else 'no'}", fontsize=8, loc="left")
    return fig


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
    ax_digits.imshow(_image_strip(inference["pattern"].values, side), cmap="Greys", vmin=0,
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
        ax_snap.imshow(_image_strip(inference["snapshot"].sel(condition=condition).values, side),
                       cmap="Greys", vmin=0, vmax=1)
        ax_snap.axis("off")
        ax_snap.set_title(f"{inference.attrs['snapshot_ms']:g} ms snapshots along the red "
                          "trajectory (eq. 81)", fontsize=8, loc="left")
    fig.suptitle("P16 Fig 5: 144 LIF units storing 0, 3, 4 (P16 App. X); A, B (graphical "
                 "model, likelihood) are schematics, not drawn", fontsize=10)
    return fig


THEORY_STYLES = {"p16": ("tab:red", "P16 theory"),
                 "brunel_sergi": ("tab:gray", "[16] Brunel & Sergi"),
                 "quasistatic": ("tab:orange", "[17] quasi-static")}


def p16_fig6(predictions: xr.Dataset) -> plt.Figure:
    """P16 Fig 6 (App. XI): per parameter set NEST, P16 theory, [16] and [17]."""
    ds = predictions
    sets = ds["parameter_set"].values
    ncol = 3
    nrow = int(np.ceil((len(sets) + 2) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(4.2 * ncol, 3.4 * nrow),
                             constrained_layout=True, squeeze=False)
    for ax, name in zip(axes.flat, sets, strict=False):
        d = ds.sel(parameter_set=name)
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
    curves.set_title(f"{ds['parameter_set'].values[0]}: one PyNN code, NEST and NEURON",
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
    sets = [str(s) for s in ds["parameter_set"].values]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    rng = np.random.default_rng(0)  # horizontal jitter of the dots only
    for i, name in enumerate(sets):
        final = ds["dkl_final"].sel(parameter_set=name).values
        left.plot(i + rng.uniform(-0.15, 0.15, final.size), final, "o", ms=3, alpha=0.7)
        left.plot([i - 0.3, i + 0.3], [np.mean(final)] * 2, color="k")
        right.loglog(ds["integration_time"], ds["dkl"].sel(parameter_set=name).mean("bm"),
                     label=name)
    reference = ds["dkl_final"].sel(parameter_set=sets[0]).values
    left.axhline(np.quantile(reference, 0.975), color="k", ls=":", lw=0.8,
                 label=f"97.5 % quantile, {sets[0]}")
    left.set_xticks(range(len(sets)), sets, rotation=20, fontsize=7)
    left.set(yscale="log", ylabel=f"D_KL after {float(ds['integration_time'][-1]):g} ms")
    left.legend(fontsize=7, frameon=False)
    right.set(xlabel="integration time [ms]", ylabel="mean D_KL over BMs")
    right.legend(fontsize=7, frameon=False)
    return fig


# figure families in modules of their own (the paper figures above move there one by one)
from .sampling_fidelity import sampling_fidelity  # noqa: E402, F401
