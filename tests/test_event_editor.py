"""Editing an event in the app: the form, its checks, and one undo step per edit."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def discard_questions(message_boxes: list[QMessageBox]) -> None:
    """Questions (unsaved changes on close) are answered with Discard."""


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
        self.tags.setPlainText("territorial control\nTarhuna")
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
    assert edited == replace(event, title="New title")


TRICKY = {
    "title": "  Spaced title  ",
    "location": "  Tarhuna, Libya  ",
    "tags": ["Tripoli, Libya", " spaced tag ", "territorial control"],
    "description": "one\r\ntwo\rthree\u2028four\u2029five\u00a0six  \n",
    "date_note": "from\r\nthe\u00a0article\u2028and\rlater",
}


@pytest.fixture
def tricky(window: MainWindow, tmp_path: Path, default_timeline: Path) -> MainWindow:
    """The window on a file whose Tarhuna event holds what editors tend to rewrite."""
    doc = json.loads(default_timeline.read_text(encoding="utf-8"))
    event = next(e for e in doc["events"] if e["id"] == "liberation-of-tarhuna")
    event.update(TRICKY)
    path = tmp_path / "tricky.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert window.files.open_path(path)
    window.session.select("liberation-of-tarhuna")
    return window


def edit_through_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                        fill: Callable[[EventEditor], None]) -> EventEditor:
    """Edit > Edit Event on the selected event; ``fill`` does what the user does."""
    opened: list[EventEditor] = []

    def run(self: EventEditor) -> int:
        opened.append(self)
        fill(self)
        self.accept()
        return self.result()

    monkeypatch.setattr(EventEditor, "exec", run)
    window.actions_.edit_event.trigger()
    return opened[0]


def saved_event(window: MainWindow, event_id: str) -> dict:
    assert window.files.save()
    assert window.session.path is not None
    doc = json.loads(window.session.path.read_text(encoding="utf-8"))
    return next(e for e in doc["events"] if e["id"] == event_id)


def test_changing_only_the_title_keeps_every_other_field_to_the_character(
    tricky: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = tricky.session
    before = session.event_by_id("liberation-of-tarhuna")
    edit_through_dialog(tricky, monkeypatch, lambda e: e.title.setText("Tarhuna retaken"))
    after = session.event_by_id("liberation-of-tarhuna")
    assert after == replace(before, title="Tarhuna retaken")
    assert after.tags == TRICKY["tags"]  # "Tripoli, Libya" is still one tag
    assert session.undo_stack.count() == 1
    written = saved_event(tricky, "liberation-of-tarhuna")
    assert written["title"] == "Tarhuna retaken"
    for key in ("location", "tags", "description", "date_note"):
        assert written[key] == TRICKY[key], key
    reloaded = load_path(session.path).document  # type: ignore[arg-type]
    assert reloaded is not None and reloaded.event("liberation-of-tarhuna") == after


def test_changing_only_the_location_keeps_the_spaces_of_the_title(
    tricky: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tricky.session.event_by_id("liberation-of-tarhuna")
    edit_through_dialog(tricky, monkeypatch, lambda e: e.location.setText("Tarhuna"))
    after = tricky.session.event_by_id("liberation-of-tarhuna")
    assert after == replace(before, location="Tarhuna")
    assert saved_event(tricky, "liberation-of-tarhuna")["title"] == TRICKY["title"]


def test_tags_are_one_per_line_and_keep_their_commas(
    tricky: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tricky.session.event_by_id("liberation-of-tarhuna")

    def add_tag(editor: EventEditor) -> None:
        editor.tags.setPlainText(editor.tags.toPlainText() + "\n  Misrata, Libya \n\n")

    edit_through_dialog(tricky, monkeypatch, add_tag)
    after = tricky.session.event_by_id("liberation-of-tarhuna")
    assert after == replace(before, tags=[*TRICKY["tags"], "Misrata, Libya"])
    assert saved_event(tricky, "liberation-of-tarhuna")["tags"] == after.tags


def test_an_event_with_an_empty_title_can_be_edited(
    window: MainWindow, tmp_path: Path, default_timeline: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = json.loads(default_timeline.read_text(encoding="utf-8"))
    doc["events"][0]["title"] = ""
    path = tmp_path / "untitled.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    assert window.files.open_path(path)
    event_id = doc["events"][0]["id"]
    window.session.select(event_id)
    before = window.session.event_by_id(event_id)
    editor = edit_through_dialog(window, monkeypatch, lambda e: e.location.setText("Sirte"))
    assert editor.result() == 1 and not editor.error.isVisibleTo(editor)
    assert window.session.event_by_id(event_id) == replace(before, location="Sirte")
    written = saved_event(window, event_id)
    assert written["title"] == "" and written["location"] == "Sirte"


def test_a_value_the_model_refuses_is_explained_in_the_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model raises a ValueError for a value it refuses: the dialog stays open and
    says why, and the document is unchanged."""
    from timeline_app.gui.dialogs import event_editor

    def refuse(event: Any, **changes: Any) -> Any:
        raise ValueError("title: a title must not hold a NUL character")

    monkeypatch.setattr(event_editor, "replace", refuse)
    window.session.select("liberation-of-tarhuna")
    before = window.session.event_by_id("liberation-of-tarhuna")
    editor = edit_through_dialog(window, monkeypatch, lambda e: e.title.setText("A\0B"))
    assert editor.result() == 0
    assert editor.error.isVisibleTo(editor)
    assert editor.error.text() == "title: a title must not hold a NUL character"
    assert window.session.event_by_id("liberation-of-tarhuna") is before
    assert window.session.undo_stack.count() == 0
