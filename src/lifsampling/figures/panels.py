"""Shared panel helpers and styles of the study's figures."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

STP_COLOURS = {"static": "black", "renewing": "tab:green", "modulated": "tab:blue"}


SAMPLER_STYLE = {"gibbs": ("tab:gray", "Gibbs"), "lif_stp": ("tab:blue", "LIF+STP"),
                 "lif_renewing": ("tab:green", "LIF renewing"), "ast": ("tab:orange", "AST"),
                 "lif_best": ("tab:red", "LIF best scan set"),
                 "opt": ("k", "OPT"), "pom": ("tab:brown", "POM")}


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


def state_labels(K: int) -> list[str]:
    return ["".join(str((i >> (K - 1 - k)) & 1) for k in range(K)) for i in range(2**K)]


def image_strip(images: np.ndarray, side: int, gap: int = 2) -> np.ndarray:
    """Images (n, side²) side by side with `gap` blank columns (NaN) between them."""
    n = len(images)
    strip = np.full((side, n * (side + gap) - gap), np.nan)
    for i, img in enumerate(images):
        strip[:, i * (side + gap):i * (side + gap) + side] = img.reshape(side, side)
    return strip
