"""The smoke DAG run once per session, locally: the reference of the workflow tests."""
import pytest
from dag_runs import snakemake


@pytest.fixture(scope="session")
def smoke_run(repo, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("smoke")
    snakemake(repo, workdir, "--config", "scale=smoke")
    return workdir
