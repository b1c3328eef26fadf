"""Trained RBMs as generative models (L18 Fig 2c, 3, 4): classification of MNIST, interaction
strengths of the bars models, and the claims of the generative experiments.

The spiking experiments of L18 Fig 2c, 3 and 4 (LIF+STP networks of the trained RBMs, ISL,
mode statistics) are not built yet: their claims stay "not run" until they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from ..claims import Claim
from ..rbm import RBM, classify_by_sampling, classify_exact, mean_interaction_strengths

L18_INTERACTIONS = {"easy": (92.75, -145.48), "hard": (102.82, -164.66)}  # L18 Fig 2c

CLAIMS = (
    Claim("l18_class_gibbs", "L18", "3", "Gibbs classifier accuracy on the MNIST test set",
          "93.4 %", "|acc - 93.4 %| <= {bound:.0%}", 0.01),
    Claim("l18_class_lif", "L18", "3", "LIF+STP classifier accuracy, same W, b", "93.2 %",
          "|acc - 93.2 %| <= {bound:.0%}", 0.01),
    Claim("l18_isl_lif_above_gibbs", "L18", "3b,c", "LIF+STP ISL > Gibbs ISL at 1e3 samples "
          "(over seeds)", "higher", "mean over seeds, one-sided"),
    Claim("l18_isl_converge", "L18", "3b", "LIF+STP and Gibbs ISL converge for > 1e5 samples",
          "converge", "|difference| < 2 % at 1e5"),
    Claim("l18_isl_opt_pom", "L18", "3b", "OPT highest, POM lowest ISL", "order", "order"),
    Claim("l18_mode_durations", "L18", "3d", "LIF+STP mode durations shorter than Gibbs",
          "shorter", "mean duration ratio < 1"),
    Claim("l18_bars_easy_mixing", "L18", "2c", "Gibbs on easy bars stays ~100x longer in a "
          "mode than LIF+STP", "~100x", "ratio within 30x-300x"),
    Claim("l18_bars_hard_stuck", "L18", "2c", "Gibbs on hard bars never leaves its mode",
          "never", "no mode switch in 5000 samples"),
    Claim("l18_bars_interaction_easy", "L18", "2c", "mean within / between interaction "
          "strengths, easy bars", "92.75 / -145.48", "each within {bound:.0%}", 0.25),
    Claim("l18_bars_interaction_hard", "L18", "2c", "mean within / between interaction "
          "strengths, hard bars", "102.82 / -164.66", "each within {bound:.0%}", 0.25),
    Claim("l18_bars_hard_more_competitive", "L18", "2c", "hard bars: stronger within, more "
          "negative between than easy", "hard more competitive", "both inequalities"),
    Claim("l18_imbalanced_balance", "L18", "4a-c", "mode histogram more balanced for LIF+STP "
          "than Gibbs and AST (imbalanced set)", "more balanced", "normalised entropy"),
    Claim("l18_completion_balance", "L18", "4d-f", "pattern completion: LIF+STP visits 3 and "
          "5 more evenly than Gibbs and AST", "more balanced", "normalised entropy"),
    Claim("l18_ast_slower", "L18", "4", "AST ~20x slower in valid samples than Gibbs",
          "~20x", "fraction at beta = 1 in [1/30, 1/10]"),
)
CLAIM_INPUTS = ("classification_mnist", "bars_easy_model", "bars_hard_model", "bars_easy_data",
                "bars_hard_data")


def classification(job: Mapping[str, Any], rbm: RBM, mnist: xr.Dataset) -> xr.Dataset:
    """Test-set accuracy of a labelled RBM: exact label posterior and the Gibbs classifier
    (slice `slices.classification`)."""
    test = mnist.isel(sample=np.flatnonzero(mnist["split"].values == "test"))
    pixels, labels = test["image"].values.astype(np.float32), test["label"].values
    seed = job["seeds"]["classify"]
    exact = classify_exact(rbm, pixels)
    sampled = classify_by_sampling(rbm, pixels, job["n_steps"], np.random.default_rng(seed),
                                   burn_in=job["burn_in"])
    predictions = np.stack([exact, sampled]).astype(np.int8)
    return xr.Dataset(
        {
            "accuracy": (("classifier",), (predictions == labels).mean(axis=1),
                         {"long_name": "test-set classification accuracy", "units": "1"}),
            "prediction": (("classifier", "sample"), predictions,
                           {"long_name": "predicted digit"}),
            "label": (("sample",), labels.astype(np.int8), {"long_name": "true digit"}),
        },
        coords={"classifier": ("classifier", ["exact", "gibbs"],
                               {"long_name": "exact label posterior or Gibbs sampling"})},
        attrs={"n_steps": job["n_steps"], "burn_in": job["burn_in"],
               "title": "L18 Fig 3: MNIST test-set classification"},
    )


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Gibbs classification accuracy and the interaction strengths of the bars models."""
    acc = datasets["classification_mnist"]["accuracy"]
    gibbs, exact = float(acc.sel(classifier="gibbs")), float(acc.sel(classifier="exact"))
    c = claims["l18_class_gibbs"]
    c.judge(f"{100 * gibbs:.1f} % (exact posterior {100 * exact:.1f} %)",
            abs(gibbs - 0.934) <= c.bound, scale)

    values = {}
    for level in ("easy", "hard"):
        rbm = RBM.from_dataset(datasets[f"bars_{level}_model"])
        values[level] = mean_interaction_strengths(rbm, datasets[f"bars_{level}_data"]["image"]
                                                   .values)
        within, between = values[level]
        paper = L18_INTERACTIONS[level]
        c = claims[f"l18_bars_interaction_{level}"]
        c.judge(f"{within:.2f} / {between:.2f}",
                abs(within - paper[0]) <= c.bound * abs(paper[0])
                and abs(between - paper[1]) <= c.bound * abs(paper[1]), scale)
    (ew, eb), (hw, hb) = values["easy"], values["hard"]
    claims["l18_bars_hard_more_competitive"].judge(
        f"within {hw:.1f} vs {ew:.1f}, between {hb:.1f} vs {eb:.1f}", hw > ew and hb < eb, scale)
