"""P16 Fig 5: the inference demo on 12x12 digits (P16 App. X).

Not built yet. The pieces exist: the 12x12 digit patterns (`data.p16_digit_patterns`), the
moment-matching rule of the in-the-loop training (`moment_learning`) and the star-plot
projection and snapshots (`star_plot`, eqs. 78-81). The runs (training the 144-unit LIF network
with its own samples, prior and posterior) come with the issue "Imbalanced data and pattern
completion, and the P16 inference demo"; the claims stay "not run" until then.
"""

from __future__ import annotations

from collections.abc import Mapping

import xarray as xr

from ..claims import Claim

CLAIMS = (
    Claim("p16_fig5_prior", "P16", "5C", "prior visits 0, 3, 4 about equally", "equal",
          "each 1/3 +- {bound}", 0.1),
    Claim("p16_fig5_posterior", "P16", "5D", "posterior suppresses 0, keeps 3 and 4",
          "0 suppressed", "p(0) < {bound[0]}, p(3), p(4) > {bound[1]}", (0.1, 0.3)),
)
CLAIM_INPUTS: tuple[str, ...] = ()


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Nothing to judge until the inference demo is built."""
