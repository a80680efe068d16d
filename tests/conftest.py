"""Shared fixtures.  Qt tests run offscreen so the suite needs no display."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Recovery copies go to the application-data folder: the tests use their own, never
    the user's (a test that looks at copies sets a fresh one itself)."""
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEFAULT_TIMELINE = ROOT / "events.json"
# The article the default timeline is built from, byte for byte as received, and its
# SHA-256: the copy in tests/data must never drift from the original.
ARTICLE = DATA / "sources" / "egyptwatch-2020-12-22.txt"
ARTICLE_SHA256 = "11159d9006f33a851d33c03996aef39f8cbd717de48c823ce62e50bdd54d4f16"


@pytest.fixture
def default_timeline() -> Path:
    return DEFAULT_TIMELINE


@pytest.fixture(scope="session")
def article() -> str:
    """The text of the default timeline's article, checked against its SHA-256."""
    data = ARTICLE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == ARTICLE_SHA256, f"{ARTICLE} has changed"
    return data.decode("utf-8")


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
