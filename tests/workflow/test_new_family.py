"""A new figure family is added in five places and nothing else (docs/figure_families.md):
its experiment module, its figure module, its .smk, its schema and its config.yaml entry.

The test copies the study, writes a toy family (one simulation rule, one figure, one claim)
into the copy, edits no existing file but config.yaml, and builds the toy's figure and its
claims at smoke scale through the workflow."""
import csv
import os
import shutil
from pathlib import Path

import xarray as xr
from dag_runs import snakemake

EXPERIMENT = '''"""A toy family: a seeded normal sample and its mean."""
from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from ..claims import STUDY, Claim
from ..config import slices

CLAIMS = (Claim("toy_mean_near_zero", "L18", "0", "a normal sample has a mean near 0",
                "0", "|mean| below {bound:g}", 1.0, ("smoke", "quick", "paper"), STUDY),)
CLAIM_INPUTS = ("toy_run",)


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    mean = float(datasets["toy_run"]["draw"].mean())
    claims["toy_mean_near_zero"].judge(f"{mean:.3f}", abs(mean) < 1.0, scale)


def toy_run(job: dict) -> xr.Dataset:
    draw = np.random.default_rng(job["seeds"]["toy"]).normal(size=job["size"])
    return xr.Dataset({"draw": ("draw_index", draw, {"long_name": "normal draw", "units": "1"})},
                      attrs={"title": "toy family"})


def toy_run_slice(cfg: Mapping[str, Any]) -> dict:
    return slices.job_slice(cfg, {"toy": slices.job_seed(cfg, "toy")},
                            size=cfg["experiments"]["toy"]["size"])


def job_slices(cfg: Mapping[str, Any]) -> dict:
    return {"toy_run": toy_run_slice(cfg)}
'''

FIGURE = '''import matplotlib.pyplot as plt
import xarray as xr


def toy(draws: xr.Dataset) -> plt.Figure:
    fig, ax = plt.subplots()
    ax.hist(draws["draw"].values)
    return fig
'''

RULES = '''CLAIM_INPUTS |= {"toy_run": "results/sims/toy_run.nc"}


rule toy_run:
    output:
        "results/sims/toy_run.nc",
    params:
        job=families.toy.toy_run_slice(CFG),
    log:
        f"{LOGS}/sims/toy_run.log",
    benchmark:
        f"{BENCH}/sims/toy_run.tsv"
    resources:
        **cluster_resources("toy_run"),
    script:
        "../scripts/job.py"


rule toy:
    input:
        draws="results/sims/toy_run.nc",
    output:
        pdf=f"{FIGDIR}/toy.pdf",
        png=f"{FIGDIR}/toy.png",
    log:
        f"{LOGS}/figures/toy.log",
    benchmark:
        f"{BENCH}/figures/toy.tsv"
    resources:
        **cluster_resources("toy"),
    script:
        "../scripts/figure.py"
'''

SCHEMA = '''type: object
additionalProperties: false
required: [size]
properties:
  size: {$ref: "#/$defs/scaled_count"}
'''


def _copy_of_the_study(repo: Path, to: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "results", "resources", ".snakemake",
                                    "__pycache__", "*.egg-info", ".pytest_cache", "runs",
                                    "rehearsal")
    shutil.copytree(repo, to, ignore=ignore)
    return to


def _add_toy_family(study: Path) -> list[Path]:
    """The toy's four files of its own, and its entry in config.yaml; returns what it wrote."""
    src = study / "src" / "lifsampling"
    written = {src / "experiments" / "toy.py": EXPERIMENT,
               src / "figures" / "toy.py": FIGURE,
               study / "workflow" / "rules" / "toy.smk": RULES,
               study / "workflow" / "schemas" / "families" / "toy.schema.yaml": SCHEMA}
    for path, text in written.items():
        assert not path.exists(), f"{path} exists: the toy must not overwrite the study"
        path.write_text(text)
    config = study / "config.yaml"
    text = config.read_text()
    assert "\nexperiments:\n" in text
    config.write_text(text.replace("\nexperiments:\n", "\nexperiments:\n  toy:\n"
                                   "    size: {smoke: 200, quick: 2000, paper: 20000}\n", 1))
    return [*written, config]


def test_a_toy_family_builds_from_five_places(repo, tmp_path):
    study = _copy_of_the_study(repo, tmp_path / "study")
    written = _add_toy_family(study)  # the five places; the build below needs no other
    assert len(written) == 5

    workdir = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": str(study / "src")}  # the copy's package, not the repo's
    snakemake(study, workdir, "toy", "results/claims/toy.csv", "--config", "scale=smoke",
              env=env)
    assert (workdir / "results" / "figures" / "toy.pdf").stat().st_size > 0
    with xr.open_dataset(workdir / "results" / "sims" / "toy_run.nc") as ds:
        assert ds.sizes["draw_index"] == 200
        assert "git_commit" in ds.attrs and ds.attrs["seeds"] != "{}"
    with open(workdir / "results" / "claims" / "toy.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == ["toy_mean_near_zero"]
    assert rows[0]["verdict"] == "pass" and rows[0]["scale"] == "smoke"

    # and the whole DAG takes it in: `all` draws the toy's figure with every other
    dry = snakemake(study, tmp_path / "dry", "-n", "--config", "scale=smoke", env=env)
    assert "toy_run" in dry.stdout and "rule toy:" in dry.stdout
