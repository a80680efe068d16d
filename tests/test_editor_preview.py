"""The event editor shows how it read each date as you type, marks an invalid entry at
its field until it is fixed, and lets the date note follow a resolved phrase."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Document, Event, ModelError
from timeline_app.gui.dialogs.event_editor import INVALID_STYLE, EventEditor


@pytest.fixture
def document(default_timeline: Path) -> Document:
    result = load_path(default_timeline)
    assert result.document is not None
    return result.document


def open_editor(qtbot: QtBot, document: Document, event_id: str, **changes: object
                ) -> EventEditor:
    event = document.event(event_id)
    assert event is not None
    editor = EventEditor(document, replace(event, **changes) if changes else event)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def child(editor: EventEditor, kind: type, name: str) -> Any:
    found = editor.findChild(kind, name)
    assert found is not None, name
    return found


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def test_the_preview_follows_the_typing(qtbot: QtBot, document: Document) -> None:
    editor = open_editor(qtbot, document, "liberation-of-tarhuna")
    preview = child(editor, QLabel, "datePreview")
    start = child(editor, QLineEdit, "startEdit")
    assert preview.textFormat() == Qt.TextFormat.PlainText
    type_into(qtbot, start, "about June 2020")
    assert "Start: about June 2020 · month · approximate" in preview.text()
    type_into(qtbot, start, "4 April 2019")
    assert "Start: 4 April 2019 · day · exact" in preview.text()
    end = child(editor, QLineEdit, "endEdit")
    type_into(qtbot, end, "2020")
    assert "End: 2020 · year · exact" in preview.text()


def test_a_relative_phrase_is_explained_and_written_into_the_note(
    qtbot: QtBot, document: Document
) -> None:
    editor = open_editor(qtbot, document, "kamel-visits-benghazi", date_note="")
    start = child(editor, QLineEdit, "startEdit")
    type_into(qtbot, start, "three days ago")
    preview = child(editor, QLabel, "datePreview").text()
    assert "'three days ago' → 2020-12-19: 3 days before publication on Tuesday 2020-12-22" \
        in preview
    assert editor.date_note.toPlainText() == (
        "Resolved from the article's publication date: 'three days ago' → 2020-12-19: "
        "3 days before publication on Tuesday 2020-12-22")
    type_into(qtbot, start, "yesterday")
    assert "'yesterday' → 2020-12-21" in editor.date_note.toPlainText()  # the note follows
    type_into(qtbot, start, "2020-12-18")
    assert editor.date_note.toPlainText() == ""  # no phrase: the proposal is withdrawn
    type_into(qtbot, start, "on Saturday")
    editor.date_note.setPlainText("Confirmed by a GNA statement.")  # written by hand
    type_into(qtbot, start, "yesterday")
    assert editor.date_note.toPlainText() == "Confirmed by a GNA statement."
    editor.ok_button.click()
    edited = editor.edited_event()
    assert edited is not None and edited.start == PartialDate(2020, 12, 21)
    assert edited.date_note == "Confirmed by a GNA statement."


def test_an_error_is_marked_at_its_field_and_clears_when_fixed(
    qtbot: QtBot, document: Document
) -> None:
    editor = open_editor(qtbot, document, "liberation-of-tarhuna")
    start = child(editor, QLineEdit, "startEdit")
    message = child(editor, QLabel, "startMessage")
    assert not message.isVisible() and editor.ok_button.isEnabled()
    type_into(qtbot, start, "2023-02-30")
    assert message.isVisible() and "2023-02 has 28 days" in message.text()
    assert start.styleSheet() == INVALID_STYLE and start.actions()
    assert not editor.ok_button.isEnabled()
    assert "Start: not understood" in child(editor, QLabel, "datePreview").text()
    qtbot.keyClick(start, Qt.Key.Key_Backspace)
    qtbot.keyClick(start, Qt.Key.Key_Backspace)
    qtbot.keyClicks(start, "28")  # fixed
    assert not message.isVisible() and start.styleSheet() == "" and not start.actions()
    assert editor.ok_button.isEnabled() and not editor.error.isVisible()
    end = child(editor, QLineEdit, "endEdit")
    type_into(qtbot, end, "2020")
    end_message = child(editor, QLabel, "endMessage")
    assert "is before the start" in end_message.text() and end_message.isVisible()
    assert not editor.ok_button.isEnabled()
    end.clear()
    assert not end_message.isVisible() and editor.ok_button.isEnabled()
    title = child(editor, QLineEdit, "titleEdit")
    title.clear()
    assert child(editor, QLabel, "titleMessage").text() == "An event needs a title."
    assert not editor.ok_button.isEnabled()


def test_a_model_error_is_shown_at_its_field(qtbot: QtBot, document: Document,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.gui.dialogs import event_editor

    def refuse(event: Event, **changes: object) -> Event:
        raise ModelError("Event", "end", "the end is refused")

    monkeypatch.setattr(event_editor, "replace", refuse)
    editor = open_editor(qtbot, document, "liberation-of-tarhuna")
    type_into(qtbot, child(editor, QLineEdit, "endEdit"), "2021")
    editor.ok_button.click()
    assert editor.result() == 0
    assert child(editor, QLabel, "endMessage").text() == "Event.end: the end is refused"


def test_actors_are_completed_from_the_document(qtbot: QtBot, document: Document) -> None:
    editor = open_editor(qtbot, document, "liberation-of-tarhuna")
    entry = child(editor, QLineEdit, "actorEdit")
    completer = entry.completer()
    completer.setCompletionPrefix("egy")
    assert completer.currentCompletion() == "Egypt"
    qtbot.keyClicks(entry, "Egypt")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert "egypt" in editor._checked_actors() and entry.text() == ""
    editor.ok_button.click()
    edited = editor.edited_event()
    assert edited is not None and edited.actors[-1] == "egypt"
