"""Figure family l18_fig3: L18 Fig 3, the MNIST RBM."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import xarray as xr

from .panels import SAMPLER_STYLE


def l18_fig3(mnist: xr.Dataset, classification: xr.Dataset, classification_lif: xr.Dataset,
             tsne: xr.Dataset, scan_rec: xr.Dataset, scan_fac: xr.Dataset) -> plt.Figure:
    """L18 Fig 3: a ISL over two STP scans, b ISL against the number of samples (seeds, mean,
    OPT, POM), c ISL at 1e3 samples over seeds, d stays in one mode, e tSNE maps;
    classification accuracies in the title."""
    fig = _fig3_panels(mnist, tsne, (scan_rec, scan_fac))
    acc, lif = classification["accuracy"], classification_lif["accuracy"]
    fig.suptitle(f"L18 Fig 3: MNIST 784-600-10; classification: Gibbs "
                 f"{100 * float(acc.sel(classifier='gibbs')):.1f} %, exact posterior "
                 f"{100 * float(acc.sel(classifier='exact')):.1f} % (test set); LIF+STP "
                 f"{100 * float(lif.sel(classifier='lif_stp')):.1f} % "
                 f"({classification_lif.attrs['n_images']} images)", fontsize=9)
    return fig


def generative(generative: xr.Dataset, tsne: xr.Dataset, scan_rec: xr.Dataset,
               scan_fac: xr.Dataset, data: xr.Dataset) -> plt.Figure:
    """Target generative_<name>: L18 Fig 3's panels a-e for the RBM of your dataset (`data`:
    its patterns' shape and classes), without the MNIST classification."""
    fig = _fig3_panels(generative, tsne, (scan_rec, scan_fac),
                       tuple(int(n) for n in np.atleast_1d(data.attrs["image_shape"])))
    n_train = int((data["split"].values == "train").sum())
    fig.suptitle(f"L18 Fig 3's analysis of your dataset {data.attrs['dataset']}: "
                 f"{n_train} training patterns of {data.sizes['pixel']} pixels, "
                 f"{data.attrs['n_labels']} classes; ISL on the {data.attrs['isl_test_split']} "
                 "patterns", fontsize=9)
    return fig


def _fig3_panels(ds: xr.Dataset, tsne: xr.Dataset, scans: tuple[xr.Dataset, ...],
                 image_shape: tuple[int, ...] | None = None) -> plt.Figure:
    """L18 Fig 3's panels a-e of one member of the family (the MNIST RBM or yours)."""
    fig = plt.figure(figsize=(13, 13), layout="constrained")
    scan_fig, top, bottom = fig.subfigures(3, 1, height_ratios=[0.9, 1.0, 1.5])
    _scan_panels(scan_fig, scans)
    axes = top.subplots(1, 3)
    _tsne_panels(bottom.subplots(1, tsne.sizes["sampler"], sharex=True, sharey=True), tsne,
                 image_shape=image_shape)
    n = ds["n_used"].values
    ax = axes[0]
    for sampler in ds["sampler"].values:
        colour, label = SAMPLER_STYLE[str(sampler)]
        curves = ds["isl"].sel(sampler=sampler)
        for curve in curves.values:
            ax.plot(n, curve, "--", color=colour, lw=0.6, alpha=0.6)
        ax.plot(n, curves.mean("seed"), color=colour, lw=2,
                label=f"{label} ({ds.sizes['seed']} seeds)")
    for ref in ds["reference"].values:
        colour, label = SAMPLER_STYLE[str(ref)]
        ax.plot(n, ds["isl_reference"].sel(reference=ref), color=colour, lw=1.5, label=label)
    ax.set(xscale="log", xlabel="number of samples", ylabel="ISL [nat]")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(f"b  ISL of {ds.attrs['n_test']} test images", fontsize=9, loc="left")
    ax = axes[1]
    isl_at = ds["isl_1e3"]
    bins = np.linspace(float(isl_at.min()) - 1, float(isl_at.max()) + 1, 20)
    for sampler in ds["short_sampler"].values:
        colour, label = SAMPLER_STYLE[str(sampler)]
        ax.hist(isl_at.sel(short_sampler=sampler).values, bins=bins, color=colour, alpha=0.5,
                label=label)
    n_short = ds.attrs["isl_short_samples"]
    ax.set(xlabel=f"ISL at {n_short} samples [nat]", ylabel="number of seeds")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(f"c  ISL at {n_short} samples, {ds.sizes['short_seed']} seeds", fontsize=9,
                 loc="left")
    ax = axes[2]
    lower = ds["duration_bin"].values
    upper = ds["duration_bin_upper"].values
    for sampler in ds["sampler"].values:
        colour, label = SAMPLER_STYLE[str(sampler)]
        counts = ds["duration_histogram"].sel(sampler=sampler).values
        mean = float(ds["mean_mode_duration"].sel(sampler=sampler))
        ax.stairs(counts, np.append(lower, upper[-1]), color=colour, lw=1.5,
                  label=f"{label}: mean {mean:.1f}")
    ax.set(xscale="log", yscale="log", xlabel="stay in one mode [samples]",
           ylabel="number of stays")
    ax.legend(fontsize=7, frameon=False)
    short = ds["stay_1e3"]
    ax.text(0.98, 0.6, f"mean stay, short runs ({n_short} samples):\n" + "\n".join(
        f"{SAMPLER_STYLE[str(s)][1]}: {float(short.sel(short_sampler=s).mean()):.1f}"
        + (f" ± {float(short.sel(short_sampler=s).std(ddof=1)):.1f}"
           if short.sizes["short_seed"] > 1 else "")
        for s in short["short_sampler"].values), transform=ax.transAxes, ha="right",
        va="top", fontsize=6)
    ax.set_title("d  time spent in one mode", fontsize=9, loc="left")
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


def _tsne_panels(axes, tsne: xr.Dataset, every: int = 6,
                 image_shape: tuple[int, ...] | None = None) -> None:
    """L18 Fig 3e: consecutive samples joined in grey, coloured by mode, every 6th as image
    (square images unless `image_shape` says otherwise)."""
    from matplotlib.offsetbox import AnnotationBbox, OffsetImage

    side = int(np.sqrt(tsne.sizes["pixel"]))
    image_shape = image_shape or (side, side)
    colours = plt.get_cmap("tab10")
    for ax, sampler in zip(axes, tsne["sampler"].values, strict=True):
        xy = tsne["embedding"].sel(sampler=sampler).values
        modes = tsne["mode"].sel(sampler=sampler).values
        ax.plot(xy[:, 0], xy[:, 1], color="0.8", lw=0.3, zorder=0)
        ax.scatter(xy[:, 0], xy[:, 1], c=[colours(int(m)) for m in modes], s=3, zorder=1)
        images = tsne["image"].sel(sampler=sampler).values
        for i in range(0, len(xy), every):
            box = OffsetImage(images[i].reshape(image_shape), zoom=0.3, cmap="Greys", alpha=0.8)
            ax.add_artist(AnnotationBbox(box, xy[i], frameon=False, zorder=2))
        ax.set(xticks=[], yticks=[])
        name = SAMPLER_STYLE[str(sampler)][1]
        ax.set_title(f"e  {name}: {len(xy)} consecutive samples\nmodes "
                     f"{sorted(set(modes.tolist()))}", fontsize=9, loc="left")
