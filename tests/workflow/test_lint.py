"""Snakemake's linter has nothing to say about the workflow."""
import pytest
from dag_runs import snakemake

pytestmark = pytest.mark.workflow


def test_snakemake_lint_is_clean(repo):
    proc = snakemake(repo, repo, "--lint", check=False, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Lints for" not in out, out[-3000:]
