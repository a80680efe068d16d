"""The core must never import Qt: it is what the command line and the tests load headless.
And no module grows past 500 lines: a longer one is split along its topics."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import timeline_app.core

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 500
CHECKED_FOLDERS = ("timeline_app", "tests", "bench", "packaging")


def core_modules() -> list[str]:
    return [
        f"timeline_app.core.{info.name}"
        for info in pkgutil.iter_modules(timeline_app.core.__path__)
    ]


def test_core_has_modules() -> None:
    assert "timeline_app.core.model" in core_modules()


def test_importing_the_core_and_cli_checks_loads_no_qt() -> None:
    imports = "; ".join(f"import {m}" for m in [*core_modules(), "timeline_app.cli"])
    code = (
        f"{imports}; import sys; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_contracts_hold() -> None:
    """The same rule, as import-linter contracts in pyproject.toml (catches lazy imports too)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a dev dependency; run the README's test command"
    proc = subprocess.run([lint, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is a dev dependency; run the README's test command"
    proc = subprocess.run([ruff, "check", "."], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_module_is_longer_than_the_limit() -> None:
    too_long = []
    for folder in CHECKED_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                too_long.append(f"{path.relative_to(ROOT).as_posix()} ({lines} lines)")
    assert not too_long, (
        f"modules over {MAX_LINES} lines, to be split by topic: " + ", ".join(too_long)
    )
