"""Shared fixtures.  Qt tests run offscreen so the suite needs no display."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import Answers

from timeline_app.gui.window.main_window import MainWindow

# Helper modules shared by test files: their asserts explain a failure like a test's own.
pytest.register_assert_rewrite("loader_helpers")


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


# --- the window, as tests open it -------------------------------------------------------


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def timeline_copy(tmp_path: Path, default_timeline: Path) -> Path:
    """A copy of the default timeline that tests may edit and save."""
    path = tmp_path / "events.json"
    shutil.copyfile(default_timeline, path)
    return path


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Every message box the window opens, recorded as it would be shown and answered
    with Discard (the answer that never blocks a test)."""
    boxes: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        boxes.append(box)
        return QMessageBox.StandardButton.Discard.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return boxes


@pytest.fixture
def open_window(qtbot: QtBot, settings: QSettings) -> Iterator[Callable[..., MainWindow]]:
    """Open main windows as the app does, on a path (or on none), with the test's own
    settings; each is shown at the default size and closed after the test."""
    opened: list[MainWindow] = []

    def open_(path: Path | None, *, size: tuple[int, int] = (1400, 860)) -> MainWindow:
        win = MainWindow(path, settings=settings)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        opened.append(win)
        return win

    yield open_
    for win in opened:
        win.session.undo_stack.setClean()  # closes without asking
        win.close()
        # A modal dialog a test left open (the problems dialog) would block the shortcuts
        # of the next test's window: close them with their window, as quitting would.
        for dialog in win.findChildren(QDialog):
            dialog.close()


@pytest.fixture
def window(open_window: Callable[..., MainWindow], timeline_copy: Path) -> MainWindow:
    """The main window on a copy of the default timeline, shown at its default size."""
    return open_window(timeline_copy)


@pytest.fixture
def answers() -> Iterator[Answers]:
    """Answers the window's dialogs by clicking, in the order a test expects them."""
    answerer = Answers()
    yield answerer
    answerer.timer.stop()
