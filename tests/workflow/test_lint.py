"""Snakemake's linter has nothing to say about the workflow, and the README keeps up with it."""
import re

import pytest
from dag_runs import figure_targets, snakemake

pytestmark = pytest.mark.workflow


def test_snakemake_lint_is_clean(repo):
    proc = snakemake(repo, repo, "--lint", check=False, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Lints for" not in out, out[-3000:]


def test_the_readme_names_every_figure_target_and_no_other(repo):
    """The README's target table is read by people, so it is written by hand; it may not
    fall behind the figure rules the families define (nor name a removed one)."""
    text = (repo / "README.md").read_text()
    table = text[text.index("## Targets"):text.index("## Results")]
    named = {name for row in table.splitlines() if row.startswith("| `")
             for name in re.findall(r"`(\w+)`", row.split("|")[1])}
    assert named == set(figure_targets(repo))
