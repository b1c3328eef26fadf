"""Shared fixtures: the repository's config, resolved at smoke scale."""
from pathlib import Path

import pytest

from lifsampling.config import load_config

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def smoke_cfg() -> dict:
    return load_config(REPO / "config.yaml", overrides={"scale": "smoke"})


def _cf_errors(path: Path) -> list[str]:
    """Messages of the CF-1.8 errors (high priority) the IOOS compliance-checker finds."""
    import json
    import subprocess
    import sys

    checker = Path(sys.executable).with_name("compliance-checker")
    proc = subprocess.run([str(checker), "--test", "cf:1.8", "-f", "json_new", "-o", "-",
                           str(path)], capture_output=True, text=True, check=False)
    report = json.loads(proc.stdout[proc.stdout.index("{"):])
    (result,) = report.values()
    cf = result["cf:1.8"]
    return [f"{p['name']}: {m}" for p in cf["high_priorities"] for m in p["msgs"]] or (
        [f"{cf['high_count']} errors"] if cf["high_count"] else [])


@pytest.fixture(scope="session")
def cf_errors():
    return _cf_errors
