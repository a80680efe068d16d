"""Every malformed file in tests/data/bad gives exactly the problems its manifest lists.

The manifest (``expected.json``, written by ``make_bad.py``) gives for each file the
problems a user must see: a fragment of the message, the line and column, and the JSON
path.  Positions there come from the text itself, not from the loader.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.problems import Problem, format_path

BAD = Path(__file__).resolve().parent / "data" / "bad"
MANIFEST: dict[str, list[dict[str, Any]]] = json.loads(
    (BAD / "expected.json").read_text(encoding="utf-8")
)
NOT_CASES = {"expected.json"}  # and the scripts that write the files (*.py)


def _path_text(problem: Problem) -> str | None:
    return format_path(problem.path) if problem.path else None


def _matches(problem: Problem, expected: dict[str, Any]) -> bool:
    return (
        expected["fragment"] in problem.message
        and problem.line == expected["line"]
        and problem.column == expected["column"]
        and _path_text(problem) == expected["path"]
    )


def test_every_file_is_in_the_manifest_and_every_entry_has_a_file() -> None:
    files = {
        p.name for p in BAD.iterdir()
        if p.is_file() and p.name not in NOT_CASES and p.suffix != ".py"
    }
    assert files == set(MANIFEST)
    assert len(files) >= 45
    assert all(MANIFEST[name] for name in files), "each case expects at least one problem"


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_bad_file_gives_the_expected_problems(name: str) -> None:
    result = load_path(BAD / name, display_name=name)
    assert result.document is None
    assert not result.ok
    shown = "\n".join(str(p) for p in result.problems)
    for expected in MANIFEST[name]:
        assert any(_matches(p, expected) for p in result.problems), (
            f"{name}: expected {expected}\ngot:\n{shown}"
        )
    assert len(result.problems) == len(MANIFEST[name]), f"{name}: unexpected problems:\n{shown}"
    for problem in result.problems:
        assert problem.file == name
        assert "internal error" not in problem.message
        str(problem).encode("utf-8")  # printable: no lone surrogates in messages or paths


@pytest.mark.slow
def test_check_command_reports_every_bad_file_without_traceback(cli_env: dict[str, str]) -> None:
    """One process for all files: ``--check`` takes many and prints every problem."""
    names = sorted(MANIFEST)
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--check", *names],
        cwd=BAD,
        env=cli_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output
    assert proc.returncode == 1, output[-2000:]
    lines = output.splitlines()
    for name in names:
        assert any(line.startswith(f"{name}:") for line in lines), f"{name} not reported"
        for expected in MANIFEST[name]:
            location = name
            if expected["line"] is not None:
                location += f":{expected['line']}:{expected['column']}"
            prefix = f"{location}: {expected['path']}: " if expected["path"] else f"{location}: "
            assert any(
                line.startswith(prefix) and expected["fragment"] in line for line in lines
            ), f"{name}: no line starting {prefix!r} containing {expected['fragment']!r}"
