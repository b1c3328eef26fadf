"""The experiments of the two papers, one module per figure family.

Each module turns its job's config slice (`lifsampling.config.slices`) into xarray Datasets
(one per NEST run or analysis step), gathers runs into one gridded Dataset, and judges the
claims its datasets decide (``CLAIMS``, ``CLAIM_INPUTS``, ``judge_claims``). The science lives
in the concept modules (`boltzmann`, `membrane`, `translate`, `states`, `spiking`, ...);
these modules only assemble it, with dimensions, units and long names.

The families are found, not listed (`FAMILIES`): every module of this package with
`job_slices` and `CLAIMS`, each saying in its docstring which figure it makes (the README's
target table and docs/study.md map them to the figures). `generative` holds the samplers of
the trained RBMs that several families share, `stages` the job functions of the shared stages.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import ModuleType
from typing import Any

import xarray as xr

from ..claims import NOT_RUN, Claim
from ..config import jobs, slices

PAPER_ORDER = ("P16", "L18")  # the claims table: P16 first (it comes first), each by figure


def _discover_families() -> tuple[ModuleType, ...]:
    """Every module of this package that builds job slices (`job_slices`) and has claims
    (`CLAIMS`) is a figure family: adding a module adds the family, no list to edit."""
    modules = (importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__))
    return tuple(m for m in modules if hasattr(m, "job_slices") and hasattr(m, "CLAIMS"))


FAMILIES = _discover_families()


def _table_position(claim: Claim) -> tuple[int, int, str]:
    """(paper, figure number, panel) of a claim: P16 before L18, figures and panels in the
    papers' order."""
    number = re.match(r"\d+", claim.figure)
    if number is None:
        return PAPER_ORDER.index(claim.paper), 0, claim.figure
    return PAPER_ORDER.index(claim.paper), int(number.group()), claim.figure[number.end():]


def family_of_rule(rule: str) -> ModuleType:
    """The family (or `stages`, the shared stages) that defines the job function `rule`
    (workflow/scripts/job.py runs ``<family>.<rule>(job, **inputs)``); exactly one must."""
    from . import stages

    owners = [m for m in (*FAMILIES, stages)
              if getattr(getattr(m, rule, None), "__module__", None) == m.__name__]
    if len(owners) != 1:
        raise KeyError(f"job function {rule!r} is defined in {len(owners)} experiment modules "
                       f"({[m.__name__ for m in owners]}); exactly one must define it")
    return owners[0]


def generative_families() -> list[str]:
    """The families whose claims trained RBMs decide alone (they declare `TRAINED_MODELS`):
    the table of a run with L18's paper-trained RBMs (rule generative_claims)."""
    return [f.__name__.rsplit(".", 1)[-1] for f in FAMILIES if hasattr(f, "TRAINED_MODELS")]


def families_named(names: Sequence[str] | None = None) -> tuple[ModuleType, ...]:
    """The experiment modules called `names` (module names, e.g. ``"l18_fig3"``); all by default."""
    if names is None:
        return FAMILIES
    by_name = {family.__name__.rsplit(".", 1)[-1]: family for family in FAMILIES}
    unknown = sorted(set(names) - set(by_name))
    if unknown:
        raise KeyError(f"no experiment family {unknown}; the families are {sorted(by_name)}")
    return tuple(by_name[name] for name in names)


def claim_registry(families: Sequence[str] | None = None) -> dict[str, Claim]:
    """Every claim of the study's claims table (of `families`), unjudged, in table order
    (`_table_position`; within a figure, each family's own order)."""
    claims = [c for family in families_named(families) for c in family.CLAIMS]
    return {c.id: replace(c) for c in sorted(claims, key=_table_position)}


def claim_inputs(families: Sequence[str] | None = None) -> list[str]:
    """Names of the datasets the claims (of `families`) are judged from."""
    return sorted({name for family in families_named(families) for name in family.CLAIM_INPUTS})


def evaluate_claims(datasets: Mapping[str, xr.Dataset], scale: str,
                    families: Sequence[str] | None = None,
                    present_only: bool = False) -> list[Claim]:
    """Every claim (of `families`) judged from `datasets` (by name); a dataset a family needs
    must be there. With `present_only` (a run of part of a family, rule
    family_claims_present) a family lacking some of its datasets judges the claims the others
    decide if it can (its `judge_present_claims`); every other row stays "not run"."""
    missing = sorted(set(claim_inputs(families)) - set(datasets))
    if missing and not present_only:
        raise KeyError(f"the claims need the datasets {missing}: declare them as inputs of "
                       "the claims rule")
    claims = claim_registry(families)
    absent: dict[str, list[str]] = {}  # claim id -> its family's datasets this run lacks
    for family in families_named(families):
        lacking = sorted(set(family.CLAIM_INPUTS) - set(datasets))
        if not lacking:
            family.judge_claims(claims, datasets, scale)
            continue
        absent |= {c.id: lacking for c in family.CLAIMS}
        if len(lacking) < len(family.CLAIM_INPUTS) and hasattr(family, "judge_present_claims"):
            family.judge_present_claims(claims, datasets, scale)
    for claim in claims.values():
        claim.scale = scale
        if claim.not_measured:  # a row of the papers' statements, kept with what it lacks
            claim.verdict, claim.reason = NOT_RUN, f"not measured yet: {claim.not_measured}"
        elif claim.verdict == NOT_RUN and not claim.reason and claim.id in absent:
            claim.reason = f"its family's datasets {absent[claim.id]} are not in this run"
    return list(claims.values())


# ----------------------------------------------------------------------------- job slices


def generative_claims_slice(cfg: Mapping[str, Any]) -> jobs.GenerativeClaimsJob:
    """The claims of the trained models (the families that declare `TRAINED_MODELS` and the
    sampling fidelity of its models): the scale and the CAST iterations each model was trained
    for (the table says which models decided it: docs/paper_models.yaml trains L18's)."""
    models = cfg["training"]["models"]
    judged = {m for f in FAMILIES for m in getattr(f, "TRAINED_MODELS", ())}
    judged |= set(cfg["experiments"]["sampling_fidelity"]["models"])
    return slices.job_slice(cfg, n_iterations={m: models[m]["n_iterations"]
                                               for m in sorted(judged)})


def all_slices(cfg: Mapping[str, Any]) -> dict[str, slices.Slice]:
    """Every kind of job slice of the resolved config, by job name (first run of each kind):
    the shared stages' (`config.slices.shared_stage_slices`), the trained models' claims and
    each figure family's own (``<family>.job_slices``).

    The workflow builds them all before any job, so a config that cannot be sliced fails at
    once; the tests compare them across config edits.
    """
    out = slices.shared_stage_slices(cfg) | {"generative_claims": generative_claims_slice(cfg)}
    for family in FAMILIES:
        out |= family.job_slices(cfg)
    return out
