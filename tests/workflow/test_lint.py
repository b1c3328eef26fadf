"""Snakemake's linter has nothing to say about the workflow."""
import subprocess
import sys

import pytest

pytestmark = pytest.mark.workflow


def test_snakemake_lint_is_clean(repo):
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--lint", "--snakefile",
                           str(repo / "Snakefile")], capture_output=True, text=True, cwd=repo,
                          timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Lints for" not in out, out[-3000:]
