"""Shared fixtures.  Qt tests run offscreen so the suite needs no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEFAULT_TIMELINE = ROOT / "events.json"
ARTICLE = ROOT.parent / "shared" / "sources" / "egyptwatch-2020-12-22.txt"


@pytest.fixture
def default_timeline() -> Path:
    return DEFAULT_TIMELINE


@pytest.fixture
def cli_env() -> dict[str, str]:
    """Environment for running the command line in a subprocess from the checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture
def python() -> str:
    return sys.executable
