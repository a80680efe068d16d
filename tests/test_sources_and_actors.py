"""Sources and actors edited through the window: add a source (pasted, or from an .html
file that runs nothing and fetches nothing), edit it, edit its text under its citations;
add, rename, recolour, merge and delete actors.  Each step undoes and redoes, and the
saved file holds it."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_driver import action, in_dialog

from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Document
from timeline_app.gui.dialogs.actors_dialog import ActorsDialog
from timeline_app.gui.window.main_window import MainWindow

SOURCE_ID = "egyptwatch-2020-12-22"


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a window with unsaved edits asks; in tests the answer is Discard."""
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: QMessageBox.StandardButton.Discard.value)


def field(dialog: QWidget, name: str) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None, name
    return edit


def press_ok(dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.findChild(QLabel, "sourceError").text()
    ok.click()


def saved(win: MainWindow) -> Document:
    assert win.files.save()
    result = load_path(win.session.path)
    assert not result.problems, result.problems
    assert result.document is not None
    return result.document


def check_citations(doc: Document) -> None:
    for event in doc.events:
        for c in event.citations:
            assert doc.source(c.source).text[c.start:c.end] == c.quote


def test_add_source_by_pasting_text(qtbot: QtBot, window: MainWindow) -> None:
    text = "Cairo, 24 December.\n\nTalks resumed\u00a0on Wednesday in Cairo.\n"
    shown: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        assert dialog.objectName() == "sourceEditor"
        field(dialog, "outletEdit").setText("Cairo Daily")
        field(dialog, "headlineEdit").setText("Talks resume")
        field(dialog, "publishedEdit").setText("Dec. 24, 2020")
        shown["preview"] = dialog.findChild(QLabel, "publishedPreview").text()
        field(dialog, "urlEdit").setText("https://example.com/talks")
        box = dialog.findChild(QPlainTextEdit, "textEdit")
        QApplication.clipboard().setText(text)
        box.setFocus()
        box.paste()
        press_ok(dialog)

    in_dialog(fill)
    action(window, "actionAddSource").trigger()
    assert shown["preview"] == "Read as 24 December 2020 (day)"
    doc = window.session.document
    assert [s.id for s in doc.sources] == [SOURCE_ID, "cairo-daily-2020-12-24"]
    added = doc.sources[1]
    assert (added.outlet, added.title, added.url) == ("Cairo Daily", "Talks resume",
                                                     "https://example.com/talks")
    assert added.published.iso() == "2020-12-24" and added.text == text
    assert window.source.current_source() is added
    assert window.actions_.undo.text() == "&Undo Add Source “Cairo Daily”"
    assert window.isWindowModified()

    window.actions_.undo.trigger()
    assert [s.id for s in window.session.document.sources] == [SOURCE_ID]
    assert window.source.current_source().id == SOURCE_ID
    assert not window.isWindowModified()
    window.actions_.redo.trigger()
    assert window.session.document.sources[1] == added
    back = saved(window)
    assert back.sources[1] == added


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Haftar visits Cairo</title>
<script>window.ran = true; fetch("https://evil.example/x")</script>
<link rel="stylesheet" href="https://cdn.example.com/a.css"></head>
<body><h1>Haftar visits Cairo</h1><p>Haftar arrived in Cairo &amp; met officials
on Sunday.</p><img src="https://evil.example/pixel.gif"><p>Talks<br>went on.</p>
<script>document.write("injected")</script></body></html>"""


def test_add_source_from_an_html_file_runs_nothing_and_fetches_nothing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    attempts: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("no network in this test")

    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    window.sources_actors.choose_file = lambda: str(page)

    def fill(dialog: QDialog) -> None:
        dialog.findChild(QPushButton, "openFileButton").click()
        assert field(dialog, "headlineEdit").text() == "Haftar visits Cairo"
        field(dialog, "outletEdit").setText("Nile Post")
        field(dialog, "publishedEdit").setText("2020-12-27")
        press_ok(dialog)

    in_dialog(fill)
    action(window, "actionAddSource").trigger()
    added = window.session.document.sources[-1]
    assert added.id == "nile-post-2020-12-27"
    assert added.text == ("Haftar visits Cairo\n\nHaftar arrived in Cairo & met officials "
                          "on Sunday.\n\nTalks\nwent on.")
    assert attempts == []
    assert window.source.text_edit().toPlainText() == added.text


@pytest.mark.parametrize(("name", "data", "said"), [
    ("old.txt", b"Caf\xe9 du Nil", ("not UTF-8", "Save it as UTF-8")),
    # A codec that is no character set: it raised LookupError out of the button's slot.
    ("odd.html", b'<meta charset="base64"><p>Haftar visits Cairo</p>',
     ("odd.html declares the character set 'base64', which is unknown: save it as UTF-8 "
      "and open it again",)),
])
def test_a_file_that_cannot_be_read_as_text_is_refused_with_a_message(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        name: str, data: bytes, said: tuple[str, ...]) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    window.sources_actors.choose_file = lambda: str(bad)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text())
                        or QMessageBox.StandardButton.Discard.value)

    def fill(dialog: QDialog) -> None:
        dialog.findChild(QPushButton, "openFileButton").click()
        assert dialog.findChild(QPlainTextEdit, "textEdit").toPlainText() == ""
        dialog.reject()

    in_dialog(fill)
    action(window, "actionAddSource").trigger()
    assert len(told) == 1 and all(part in told[0] for part in said), told
    assert len(window.session.document.sources) == 1


def test_edit_source_metadata_undo_redo(qtbot: QtBot, window: MainWindow) -> None:
    before = window.session.document.sources[0]

    def fill(dialog: QDialog) -> None:
        field(dialog, "headlineEdit").setText("Al-Sisi backs Haftar")
        published = field(dialog, "publishedEdit")
        published.setText("22 Dec 2020")
        field(dialog, "urlEdit").setText("https://egyptwatch.example/haftar")
        assert dialog.findChild(QPlainTextEdit, "textEdit").toPlainText() == before.text
        press_ok(dialog)

    in_dialog(fill)
    action(window, "actionEditSource").trigger()
    after = window.session.document.sources[0]
    assert after.id == before.id and after.text == before.text
    assert (after.title, after.url) == ("Al-Sisi backs Haftar",
                                        "https://egyptwatch.example/haftar")
    assert window.actions_.undo.text() == "&Undo Edit Source “Egypt Watch”"
    window.actions_.undo.trigger()
    assert window.session.document.sources[0] == before
    window.actions_.redo.trigger()
    assert saved(window).sources[0] == after


LOST = "This message was delivered during an unannounced visit of Minister Kamel to the " \
       "Libyan city of Benghazi."


@pytest.mark.parametrize("choice", ["removeCitationsButton", "keepOldTextButton"])
def test_editing_the_text_moves_citations_and_asks_about_lost_ones(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        choice: str) -> None:
    doc = window.session.document
    old_source, old_events = doc.sources[0], list(doc.events)
    assert LOST in old_source.text
    new_text = "UPDATED 23 December. " + old_source.text.replace(LOST, "")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        if box.objectName() != "lostCitationsDialog":
            return QMessageBox.StandardButton.Discard.value  # closing the window
        asked.append(box.text())
        box.findChild(QPushButton, choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)

    def fill(dialog: QDialog) -> None:
        field(dialog, "headlineEdit").setText("Corrected")
        dialog.findChild(QPlainTextEdit, "textEdit").setPlainText(new_text)
        press_ok(dialog)

    in_dialog(fill)
    action(window, "actionEditSource").trigger()
    assert len(asked) == 1 and "This message was delivered" in asked[0]
    doc = window.session.document
    assert doc.sources[0].title == "Corrected"
    check_citations(doc)
    kamel = doc.event("kamel-visits-benghazi")
    if choice == "keepOldTextButton":
        assert doc.sources[0].text == old_source.text and doc.events == old_events
    else:
        assert doc.sources[0].text == new_text
        assert len(kamel.citations) == 1  # the lost one removed
        moved = doc.event("offensive-on-tripoli").citations[0]
        assert moved.start != old_events[0].citations[0].start
        # the source pane marks the moved spans in the new text
        spans = {(s[0], s[1]) for s in window.source.highlighted_spans()}
        assert (moved.start, moved.end) in spans
    window.actions_.undo.trigger()
    assert window.session.document.sources[0] == old_source
    assert window.session.document.events == old_events
    window.actions_.redo.trigger()
    back = saved(window)
    check_citations(back)
    assert back.events == window.session.document.events


def lane_labels(win: MainWindow) -> list[str]:
    return [lane.label for lane in win.timeline.lane_set.lanes]


def test_actors_add_rename_recolour_merge_delete_with_undo(
        qtbot: QtBot, window: MainWindow) -> None:
    action(window, "actionActors").trigger()
    dialog = window.findChild(ActorsDialog, "actorsDialog")
    assert dialog is not None and dialog.isVisible()
    name = field(dialog, "actorNameEdit")
    button = {b.objectName(): b for b in dialog.findChildren(QPushButton)}
    undo = window.actions_.undo
    start = window.session.document.actors[:]
    lanes0 = lane_labels(window)

    name.setText("Turkey")
    button["addActorButton"].click()
    assert window.session.document.actors[-1].id == "turkey"
    assert lane_labels(window) == [*lanes0, "Turkey"]
    assert undo.text() == "&Undo Add Actor “Turkey”"

    dialog.select_actor("egypt")
    name.setText("Arab Republic of Egypt")
    button["renameActorButton"].click()
    assert "Arab Republic of Egypt" in lane_labels(window)
    assert undo.text() == "&Undo Rename Actor “Arab Republic of Egypt”"

    dialog.pick_color = lambda initial, parent: QColor("#123456")
    button["colourActorButton"].click()
    assert window.session.document.actor("egypt").color == "#123456"
    assert window.timeline._colors["egypt"] == QColor("#123456")

    dialog.select_actor("lna")
    button["deleteActorButton"].click()
    message = dialog.findChild(QLabel, "actorMessage").text()
    assert "cannot be deleted" in message and "5 events name it" in message
    assert window.session.document.actor("lna") is not None

    dialog.select_actor("egypt")
    merge = dialog.merge_target
    merge.setCurrentIndex(merge.findData("lna"))
    button["mergeActorButton"].click()
    doc = window.session.document
    assert doc.actor("egypt") is None
    assert doc.event("kamel-visits-benghazi").actors == ["lna"]  # named both: lna once
    assert doc.event("ceasefire-5-plus-5").actors == ["lna", "gna"]
    assert "Arab Republic of Egypt" not in lane_labels(window)
    assert undo.text() == "&Undo Merge “Arab Republic of Egypt” into “Haftar's forces (LNA)”"

    dialog.select_actor("turkey")
    button["deleteActorButton"].click()
    assert doc.actor("turkey") is None
    after_all = window.session.document
    final = (list(after_all.actors), list(after_all.events))

    for _ in range(5):
        undo.trigger()
    assert window.session.document.actors == start
    assert lane_labels(window) == lanes0
    assert not window.isWindowModified()
    for _ in range(5):
        window.actions_.redo.trigger()
    assert (window.session.document.actors, window.session.document.events) == final
    back = saved(window)
    assert back.actors == final[0] and back.events == final[1]
