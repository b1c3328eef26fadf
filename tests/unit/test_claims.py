import csv

import numpy as np
import pytest

from lifsampling import claims
from lifsampling.rbm import RBM


def test_registry_covers_the_study():
    reg = claims.registry()
    assert len(reg) >= 25
    assert {c.paper for c in reg.values()} == {"P16", "L18"}
    assert all(c.verdict == claims.NOT_RUN for c in reg.values())


def test_verdicts_depend_on_scale():
    c = claims.registry()["l18_fig2b_optimum"]
    assert c.judge("15 ms", True, "smoke").verdict == claims.UNDECIDED
    assert c.judge("15 ms", True, "quick").verdict == "pass"
    assert c.judge("40 ms", False, "paper").verdict == "fail"
    assert c.reproduced_value == "40 ms"


def test_interaction_strengths_closed_form():
    # one visible unit per pattern, one hidden unit each: z_i = (e_i, sigma(W_ii + c))
    W = np.diag([2.0, 2.0])
    rbm = RBM(W, np.zeros(2), np.zeros(2))
    within, between = claims.mean_interaction_strengths(rbm, np.eye(2))
    s = 1 / (1 + np.exp(-2.0))
    # z_i^T W_bm z_i = 2 * 2 * sigma(2); between: v_i W h_j + v_j W h_i with h_j = (0.5 .. )
    assert within == pytest.approx(2 * 2.0 * s)
    assert between == pytest.approx(2.0 * 0.5 + 2.0 * 0.5)


def test_tables_without_results(tmp_path):
    result = claims.evaluate(tmp_path, "quick")
    claims.write_tables(result, tmp_path / "c.csv", tmp_path / "c.md")
    rows = list(csv.DictReader(open(tmp_path / "c.csv")))
    assert len(rows) >= 25 and all(r["verdict"] == claims.NOT_RUN for r in rows)
    assert all(r["scale"] == "quick" for r in rows)
    md = (tmp_path / "c.md").read_text()
    assert md.count("\n| ") == len(rows) + 1


def test_readme_section_is_replaced_between_markers():
    rows = [c.row() for c in claims.evaluate("/nonexistent", "quick")]
    table = claims.readme_table(rows)
    readme = f"intro\n{claims.README_START}\nold\n{claims.README_END}\nrest\n"
    new = claims.replace_readme_section(readme, table)
    assert new.startswith("intro\n") and new.endswith(f"{claims.README_END}\nrest\n")
    assert "old" not in new and table in new
    assert claims.replace_readme_section(new, table) == new  # idempotent
