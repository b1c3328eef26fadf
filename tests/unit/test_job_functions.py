"""Every rule run by workflow/scripts/job.py has exactly one job function, named after the
rule (or after its `params.function`), taking the rule's job and input files by name."""

import inspect
import re
from pathlib import Path

import pytest

from lifsampling import experiments

RULES = Path(__file__).resolve().parents[2] / "workflow" / "rules"


def _job_rules() -> list[str]:
    """Names of the rules (or their `function` params) whose script is job.py."""
    names = []
    for smk in sorted(RULES.glob("*.smk")):
        for body in re.split(r"\n(?=\s*rule\b)", smk.read_text()):
            if '"../scripts/job.py"' not in body:
                continue
            function = re.search(r'function="(\w+)"', body)
            named = re.match(r"\s*rule (\w+):", body)
            assert function or named, f"{smk.name}: a job.py rule names no function:\n{body}"
            names.append(function.group(1) if function else named.group(1))
    return names


JOB_RULES = _job_rules()


def test_job_py_runs_most_rules():
    assert len(JOB_RULES) >= 40, JOB_RULES


@pytest.mark.parametrize("rule", JOB_RULES)
def test_a_job_rule_has_one_function_that_takes_its_job_first(rule):
    function = getattr(experiments.family_of_rule(rule), rule)
    first = next(iter(inspect.signature(function).parameters))
    assert first == "job", f"{rule}: first parameter {first!r}"


def test_a_rule_without_a_job_function_is_named():
    with pytest.raises(KeyError, match="no_such_rule"):
        experiments.family_of_rule("no_such_rule")
