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
