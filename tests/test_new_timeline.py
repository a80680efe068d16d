"""Starting from nothing: File > New, a file that does not exist, the read-only sample.
Every question is answered by a click (the ``Answers`` helper of the no-lost-work tests)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar
from pytestqt.qtbot import QtBot
from test_no_lost_work import EDITED, edit_title, title_on_disk
from window_driver import Answers, action, wait_saved

from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.window.main_window import MainWindow
from timeline_app.paths import default_timeline_path

SB = QMessageBox.StandardButton


@pytest.fixture
def window(open_window: Callable[..., MainWindow], tmp_path: Path,
           default_timeline: Path, answers: Answers) -> MainWindow:
    path = tmp_path / "events.json"
    path.write_bytes(default_timeline.read_bytes())
    return open_window(path)


def save_dialog_returns(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """File dialogs answered with ``path``; returns the folders they started in."""
    asked: list[str] = []

    def get_save(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        asked.append(start)
        return (os.fspath(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    return asked


def test_new_is_in_the_file_menu_and_toolbar_with_ctrl_n(window: MainWindow) -> None:
    new = action(window, "actionNewTimeline")
    assert QKeySequence("Ctrl+N") in new.shortcuts()
    file_menu = window.menuBar().actions()[0].menu()
    assert new in file_menu.actions()
    assert new in window.findChild(QToolBar, "mainToolbar").actions()
    assert action(window, "actionSave") is window.actions_.save
    assert action(window, "actionSaveAs") is window.actions_.save_as


def test_new_asks_about_unsaved_changes_and_save_as_writes_an_empty_timeline(
    window: MainWindow, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_title(window)
    answers.expect(SB.Discard)
    action(window, "actionNewTimeline").trigger()
    assert answers.names() == ["unsavedChangesDialog"]
    assert window.session.document.events == [] and window.session.path is None
    assert window.windowTitle().startswith("Untitled")
    assert not window.isWindowModified()
    assert title_on_disk(tmp_path / "events.json") != "Tarhuna retaken"  # discarded

    target = tmp_path / "fresh"
    asked = save_dialog_returns(monkeypatch, target)
    action(window, "actionSave").trigger()  # untitled: Save is Save As
    wait_saved(window)
    assert asked == ["timeline.json"]
    written = tmp_path / "fresh.json"
    result = load_path(written)
    assert result.problems == [] and result.document is not None
    assert result.document.events == [] and result.document.sources == []
    assert window.session.path == written and written.name in window.windowTitle()


def test_new_cancelled_keeps_the_edited_timeline(window: MainWindow, answers: Answers) -> None:
    edit_title(window)
    answers.expect(SB.Cancel)
    action(window, "actionNewTimeline").trigger()
    assert window.session.event_by_id(EDITED).title == "Tarhuna retaken"
    assert window.isWindowModified()


def test_a_missing_file_is_offered_as_a_new_timeline_saved_there(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, settings: QSettings, answers: Answers,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nope.json"
    answers.expect("createButton")
    window = open_window(missing)
    assert answers.names() == ["missingFileDialog"]
    assert str(missing) in answers.seen[0][1] and "does not exist" in answers.seen[0][1]
    assert window.session.path == missing and window.session.document.events == []
    assert not missing.exists()  # nothing is written until Save
    assert "nope.json" in window.windowTitle()

    asked = save_dialog_returns(monkeypatch, None)
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert asked == []  # Save writes where the user asked to create it
    result = load_path(missing)
    assert result.problems == [] and result.document is not None
    assert result.document.events == []
    assert not window.isWindowModified()
    window.close()


def test_a_file_created_meanwhile_by_another_program_is_not_replaced_unasked(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, settings: QSettings, answers: Answers,
    default_timeline: Path
) -> None:
    missing = tmp_path / "nope.json"
    answers.expect("createButton")
    window = open_window(missing)
    missing.write_bytes(default_timeline.read_bytes())  # another program writes it
    answers.expect(SB.Cancel)
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert answers.names() == ["missingFileDialog", "externalChangeDialog"]
    assert missing.read_bytes() == default_timeline.read_bytes()
    answers.expect("keepButton")
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert load_path(missing).document.events == []
    assert (tmp_path / "nope.json.bak").read_bytes() == default_timeline.read_bytes()
    window.close()


def test_a_missing_file_cancelled_leaves_an_untitled_timeline_that_can_be_used(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, settings: QSettings, answers: Answers
) -> None:
    missing = tmp_path / "nope.json"
    answers.expect(SB.Cancel)
    window = open_window(missing)
    assert answers.names() == ["missingFileDialog"]
    assert window.session.path is None and not missing.exists()
    assert window.actions_.open.isEnabled() and action(window, "actionNewTimeline")
    window.close()


def test_open_recent_on_a_vanished_file_offers_to_create_it(
    window: MainWindow, answers: Answers, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.json"
    window.settings.setValue("recentFiles", [str(gone)])
    window.files.recentChanged.emit()
    edit_title(window)
    answers.expect("createButton", SB.Cancel)  # create it, but keep the unsaved edits
    window.actions_.recent_menu.actions()[0].trigger()
    assert answers.names() == ["missingFileDialog", "unsavedChangesDialog"]
    assert window.session.event_by_id(EDITED).title == "Tarhuna retaken"

    answers.expect("createButton", SB.Discard)
    window.actions_.recent_menu.actions()[0].trigger()
    assert window.session.path == gone and window.session.document.events == []
    assert not gone.exists()


def test_the_sample_is_read_only_and_save_asks_where(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, settings: QSettings, answers: Answers,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = default_timeline_path()
    before = sample.read_bytes()
    window = open_window(sample)
    assert window.session.read_only
    assert "read-only" in window.windowTitle()
    edit_title(window)
    mine = tmp_path / "mine.json"
    asked = save_dialog_returns(monkeypatch, mine)
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert asked == [os.fspath(Path.home() / sample.name)]
    assert sample.read_bytes() == before
    assert title_on_disk(mine) == "Tarhuna retaken"
    assert window.session.path == mine and not window.session.read_only
    assert "read-only" not in window.windowTitle()
    window.close()
