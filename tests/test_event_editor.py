"""Editing an event in the app: the form, its checks, and one undo step per edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, default_timeline: Path,
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    path = tmp_path / "events.json"
    shutil.copyfile(default_timeline, path)
    win = MainWindow(path, settings=QSettings(str(tmp_path / "s.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_form_rejects_bad_dates_and_keeps_the_dialog_open(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    event = window.session.document.event("offensive-on-tripoli")
    assert event is not None
    editor = EventEditor(window.session.document, event, window)
    qtbot.addWidget(editor)
    editor.start.setText("2023-02-30")
    editor.accept()
    assert editor.result() == 0 and editor.error.isVisibleTo(editor)
    assert "2023-02 has 28 days" in editor.error.text()
    editor.start.setText("2021-01-01")
    editor.accept()
    assert "before the start" in editor.error.text()
    editor.title.setText("  ")
    editor.accept()
    assert "needs a title" in editor.error.text()
    assert editor.edited_event() is None


def test_edit_through_the_dialog_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_accept(self: EventEditor) -> int:
        self.title.setText("Tarhuna retaken by the GNA")
        self.start.setText("about June 2020")
        self.tags.setText("territorial control, Tarhuna")
        self.actors.item(2).setCheckState(Qt.CheckState.Checked)  # Egypt
        self.accept()
        return self.result()

    monkeypatch.setattr(EventEditor, "exec", fill_and_accept)
    session = window.session
    before = session.document.event("liberation-of-tarhuna")
    session.select("liberation-of-tarhuna")
    window.actions_.edit_event.trigger()
    after = session.document.event("liberation-of-tarhuna")
    assert after is not None and before is not None
    assert after.title == "Tarhuna retaken by the GNA"
    assert after.start.iso() == "2020-06~"
    assert after.tags == ["territorial control", "Tarhuna"]
    assert after.actors == ["gna", "lna", "egypt"]  # the order in the file is kept
    assert after.citations == before.citations
    assert session.undo_stack.count() == 1
    assert window.isWindowModified()
    window.actions_.undo.trigger()
    assert session.document.event("liberation-of-tarhuna") == before
    # saved edits load back exactly
    window.actions_.redo.trigger()
    assert window.files.save()
    saved = load_path(session.path).document  # type: ignore[arg-type]
    assert saved is not None and saved.event("liberation-of-tarhuna") == after


def test_double_click_opens_the_editor_and_delete_is_undoable(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def record(self: EventEditor) -> int:
        opened.append(self.original.id)
        return 0

    monkeypatch.setattr(EventEditor, "exec", record)
    view = window.timeline
    rect = view.event_rect("ceasefire-5-plus-5")
    assert rect is not None
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert opened == ["ceasefire-5-plus-5"]
    assert window.session.undo_stack.count() == 0  # cancelled: nothing pushed
    window.actions_.delete_event.trigger()
    assert window.session.document.event("ceasefire-5-plus-5") is None
    assert view.event_rect("ceasefire-5-plus-5") is None
    window.actions_.undo.trigger()
    assert window.session.document.event("ceasefire-5-plus-5") is not None
    assert window.session.document.events[3].id == "ceasefire-5-plus-5"  # same place


def test_changing_only_the_title_changes_nothing_else(qtbot: QtBot, window: MainWindow) -> None:
    event = window.session.document.event("liberation-of-tarhuna")
    assert event is not None
    editor = EventEditor(window.session.document, event, window)
    qtbot.addWidget(editor)
    editor.accept()
    assert editor.edited_event() is None  # untouched form: no edit at all
    editor = EventEditor(window.session.document, event, window)
    qtbot.addWidget(editor)
    editor.title.setText("New title")
    editor.accept()
    edited = editor.edited_event()
    assert edited is not None
    from dataclasses import replace

    assert edited == replace(event, title="New title")
