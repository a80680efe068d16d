"""The analyst's whole job, through the widgets alone: from an empty timeline and the bare
article pasted as a source, build the default timeline, save it, and get the same events,
dates, actors and citations as the shipped events.json (ids and notes may differ)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot
from window_driver import action, in_dialog, select_words, wait_saved

from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.dialogs.actors_dialog import ActorsDialog
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def answer_questions(message_boxes: list) -> None:
    """Any question (unsaved changes on close) is answered with Discard."""


def test_an_analyst_builds_the_default_timeline_from_the_bare_article(
    qtbot: QtBot, window: MainWindow, article: str, default_timeline: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = json.loads(default_timeline.read_text(encoding="utf-8"))
    facts = {key: value for key, value in shipped["sources"][0].items() if key != "text"}

    # 1. A new, empty timeline.
    action(window, "actionNewTimeline").trigger()
    assert window.session.document.events == [] and window.session.path is None

    # 2. The bare article, pasted, with what is known about it.
    def fill_source(dialog: QDialog) -> None:
        assert dialog.objectName() == "sourceEditor"
        for name, value in (("outletEdit", facts["outlet"]), ("headlineEdit", facts["title"]),
                            ("publishedEdit", "22 December 2020"), ("urlEdit", facts["url"]),
                            ("languageEdit", facts["language"])):
            edit = dialog.findChild(QLineEdit, name)
            assert edit is not None, name
            edit.setText(value)
        box = dialog.findChild(QPlainTextEdit, "textEdit")
        QApplication.clipboard().setText(article)
        box.setFocus()
        box.paste()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled()
        ok.click()

    in_dialog(fill_source)
    action(window, "actionAddSource").trigger()
    (source,) = window.session.document.sources
    assert source.text == article
    assert window.source.current_source() == source

    # 3. The actors, named and coloured in the Actors window.
    action(window, "actionActors").trigger()
    actors_window = window.findChild(ActorsDialog)
    assert actors_window is not None and actors_window.isVisible()
    for actor in shipped["actors"]:
        actors_window.findChild(QLineEdit, "actorNameEdit").setText(actor["name"])
        actors_window.findChild(QPushButton, "addActorButton").click()
        colour = actor["color"]
        actors_window.pick_color = lambda _initial, _parent, colour=colour: QColor(colour)
        actors_window.findChild(QPushButton, "colourActorButton").click()
    actors_window.close()
    actor_id = {a.name: a.id for a in window.session.document.actors}
    shipped_names = {a["id"]: a["name"] for a in shipped["actors"]}

    # 4. Each event: select its words, New Event from Selection, fill the editor; then
    #    Cite Selection for the other passages that report it.
    def editor_fills(event: dict) -> Callable[[EventEditor], None]:
        def fill(editor: EventEditor) -> None:
            assert editor.objectName() == "eventEditor"
            editor.findChild(QLineEdit, "titleEdit").setText(event["title"])
            if event["id"] == "kamel-visits-benghazi":
                # The date is the one the article gives: its "on Saturday", read against
                # the publication date; the editor proposes it without typing.
                assert editor.findChild(QLineEdit, "startEdit").text() == "on Saturday"
                assert "2020-12-19" in editor.preview.text()
            else:
                editor.findChild(QLineEdit, "startEdit").setText(event["start"])
            editor.findChild(QLineEdit, "endEdit").setText(event.get("end", ""))
            wanted = {actor_id[shipped_names[a]] for a in event["actors"]}
            actors = editor.findChild(QListWidget)
            for i in range(actors.count()):
                item = actors.item(i)
                item.setCheckState(Qt.CheckState.Checked
                                   if item.data(Qt.ItemDataRole.UserRole) in wanted
                                   else Qt.CheckState.Unchecked)
            editor.location.setText(event["location"])
            assert editor.ok_button.isEnabled(), editor.findChild(QLineEdit, "startEdit").text()
            editor.ok_button.click()
        return fill

    def run_editor_with(fill: Callable[[EventEditor], None]) -> None:
        def run(editor: EventEditor) -> int:
            editor.show()
            fill(editor)
            return editor.result()
        monkeypatch.setattr(EventEditor, "exec", run)

    for event in shipped["events"]:
        first, *others = event["citations"]
        select_words(qtbot, window, first["start"], first["end"])
        run_editor_with(editor_fills(event))
        action(window, "actionEventFromSelection").trigger()
        made = window.session.selected_event()
        assert made is not None and made.title == event["title"]
        for citation in others:
            select_words(qtbot, window, citation["start"], citation["end"])
            action(window, "actionCiteSelection").trigger()

    # 5. Save (a new timeline: Save asks where), and read the file back.
    out = tmp_path / "built.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(out), "")))
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert not window.isWindowModified()
    result = load_path(out)
    assert result.problems == [] and result.document is not None
    built = result.document

    def summary(events: list, source_text: str, actor_name: Callable[[str], str]) -> list:
        return sorted(
            (e["title"], e["start"], e.get("end"), e["location"],
             frozenset(actor_name(a) for a in e["actors"]),
             frozenset((c["start"], c["end"], c["quote"]) for c in e["citations"]))
            for e in events
        )

    written = json.loads(out.read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in written["actors"]}
    assert summary(written["events"], article, names.__getitem__) == \
        summary(shipped["events"], article, shipped_names.__getitem__)
    assert [(a.name, a.color) for a in built.actors] == \
        [(a["name"], a["color"]) for a in shipped["actors"]]
    (saved_source,) = built.sources
    assert saved_source.text == shipped["sources"][0]["text"]
    assert (saved_source.outlet, saved_source.title, saved_source.url,
            saved_source.published.iso(), saved_source.language) == (
        facts["outlet"], facts["title"], facts["url"], facts["published"], facts["language"])
