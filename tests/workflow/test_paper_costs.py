"""The measured paper costs (profiles/slurm/paper_cost.csv) set the SLURM resources of the
paper DAG's jobs by size class: a class renamed in the workflow (a new wildcard, a renamed
rule) silently drops its jobs to the minimum request, which a cluster kills."""
import re
import tempfile
from pathlib import Path

import pytest
from dag_runs import snakemake

from lifsampling.config.costs import load_costs, size_class

pytestmark = pytest.mark.workflow


def _paper_size_classes(repo) -> set[str]:
    with tempfile.TemporaryDirectory() as empty:
        out = snakemake(repo, Path(empty), "--dry-run", "all", "--config", "scale=paper").stdout
    classes = set()
    for block in re.split(r"\n(?=(?:local)?rule \w+:)", out):
        head = re.match(r"(?:local)?rule (\w+):", block)
        if head and head.group(1) != "all":
            wildcards = re.search(r"^\s+wildcards: (.*)$", block, re.MULTILINE)
            pairs = re.findall(r"(\w+)=([^,]+)", wildcards.group(1)) if wildcards else []
            classes.add(size_class(head.group(1), dict(pairs)))
    return classes


def test_every_measured_cost_belongs_to_a_job_of_the_paper_dag(repo):
    measured = set(load_costs(repo / "profiles" / "slurm" / "paper_cost.csv"))
    assert measured, "paper_cost.csv is empty"
    assert sorted(measured - _paper_size_classes(repo)) == []
