"""Feedback: a browser that cannot start, and a window with no display to open on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from timeline_app.gui.window.display import missing_display_message
from timeline_app.gui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def test_open_in_browser_that_fails_says_so_in_the_status_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    tried: list[QUrl] = []

    def no_browser(url: QUrl) -> bool:
        tried.append(url)
        return False  # what QDesktopServices.openUrl returns when nothing could start

    window.source.url_opener = no_browser
    window.session.select(window.session.document.events[0].id)
    button = window.source.findChild(QToolButton, "openInBrowserButton")
    assert button is not None and button.isEnabled()
    assert window.statusBar().currentMessage() == ""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(tried) == 1
    message = window.statusBar().currentMessage()
    assert "no web browser could be started" in message
    assert tried[0].host() in message


def test_open_in_browser_that_works_says_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.source.url_opener = lambda url: True
    window.session.select(window.session.document.events[0].id)
    button = window.source.findChild(QToolButton, "openInBrowserButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == ""


def no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
@pytest.mark.parametrize("args", [[], [str(ROOT / "events.json")]])
def test_with_no_display_the_app_says_a_display_is_needed(tmp_path: Path,
                                                          args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "timeline_app", *args], env=no_display_env(),
                          capture_output=True, text=True, timeout=60, cwd=tmp_path, check=False)
    assert done.returncode != 0
    assert "needs a display" in done.stderr
    assert "--check" in done.stderr and "--export-filename" in done.stderr
    assert "xcb" not in done.stderr  # Qt's misleading abort never came


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_with_no_display_check_and_export_still_work(tmp_path: Path) -> None:
    env = no_display_env()
    check = subprocess.run([sys.executable, "-m", "timeline_app", "--check",
                            str(ROOT / "events.json")], env=env, capture_output=True,
                           text=True, timeout=60, check=False)
    assert check.returncode == 0, check.stderr
    out = tmp_path / "out.png"
    export = subprocess.run([sys.executable, "-m", "timeline_app", str(ROOT / "events.json"),
                             "--export-filename", str(out)], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert export.returncode == 0, export.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("env", "platform", "needed"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_which_environments_have_a_display(env: dict[str, str], platform: str,
                                           needed: bool) -> None:
    message = missing_display_message("timeline-app", env, platform)
    assert (message is not None) == needed
