"""The measured paper costs (profiles/slurm/paper_cost.csv) set the SLURM resources of the
paper DAG's jobs by size class: a class renamed in the workflow (a new wildcard, a renamed
rule) silently drops its jobs to the minimum request, which a cluster kills."""
import sys

import pytest

from lifsampling.config.costs import load_costs

pytestmark = pytest.mark.workflow


def test_every_measured_cost_belongs_to_a_job_of_the_paper_dag(repo):
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost  # the benchmark's own reading of the paper DAG

    measured = set(load_costs(repo / "profiles" / "slurm" / "paper_cost.csv"))
    assert measured, "paper_cost.csv is empty"
    assert sorted(measured - {job.size_class for job in paper_cost.dag_jobs("paper")}) == []
