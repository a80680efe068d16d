"""Creating events through the window: from a selection in the article, Cite Selection,
New Event, a double-click on a lane, Duplicate; each one undo step, saved and read back."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import action, select_words

from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Citation
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.window.main_window import MainWindow

SATURDAY_SENTENCE = (
    "The head of General Intelligence Services (GIS) in Egypt, Abbas Kamel, conveyed, on "
    "Saturday, to the commander of the eastern Libyan forces, General Khalifa Haftar, a "
    "message of support from General Abdel Fattah al-Sisi to the Libyan people at various "
    "military and political levels."
)
SATURDAY_NOTE = ("Resolved from the article's publication date: 'on Saturday' → 2020-12-19: "
                 "the Saturday before publication on Tuesday 2020-12-22")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def discard_questions(message_boxes: list[QMessageBox]) -> None:
    """Questions (unsaved changes on close) are answered with Discard."""


def editor_runs(monkeypatch: pytest.MonkeyPatch,
                fill: Callable[[EventEditor], object] = lambda e: None,
                ok: bool = True) -> list[EventEditor]:
    """Replace the modal loop: the editor is shown, ``fill`` types into it, then OK (or
    Cancel) is clicked as a user would."""
    seen: list[EventEditor] = []

    def run(editor: EventEditor) -> int:
        seen.append(editor)
        editor.show()
        fill(editor)
        if ok:
            editor.ok_button.click()
        else:
            editor.reject()
        return editor.result()

    monkeypatch.setattr(EventEditor, "exec", run)
    return seen


def saved(window: MainWindow) -> dict:
    assert window.files.save()
    assert window.session.path is not None
    assert load_path(window.session.path).problems == []
    return json.loads(window.session.path.read_text(encoding="utf-8"))


def test_new_event_from_a_selection_cites_exactly_it_and_resolves_on_saturday(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    text = session.document.sources[0].text
    start = text.index(SATURDAY_SENTENCE)
    end = start + len(SATURDAY_SENTENCE)
    before = list(session.document.events)
    seen = editor_runs(monkeypatch)
    edit = select_words(qtbot, window, start, end)
    assert edit.textCursor().selectedText() == SATURDAY_SENTENCE
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_E, CTRL_SHIFT)  # the shortcut, focus in the article

    editor = seen[0]
    assert editor.findChild(type(editor.start), "startEdit").text() == "on Saturday"
    assert "'on Saturday' → 2020-12-19" in editor.preview.text()
    assert editor.windowTitle() == "New Event"
    event = session.document.events[-1]
    assert len(session.document.events) == len(before) + 1
    assert event.citations == [Citation("egyptwatch-2020-12-22", start, end, SATURDAY_SENTENCE)]
    assert text[start:end] == SATURDAY_SENTENCE
    assert event.start.iso() == "2020-12-19" and event.end is None
    assert event.date_note == SATURDAY_NOTE
    assert event.title.startswith("The head of General Intelligence Services")
    assert event.id == "the-head-of-general-intelligence-services"
    assert session.selected_id == event.id
    assert session.undo_stack.count() == 1
    assert "\n" not in session.undo_stack.undoText()

    written = saved(window)["events"][-1]
    assert written["start"] == "2020-12-19" and written["date_note"] == SATURDAY_NOTE
    assert written["citations"] == [{"source": "egyptwatch-2020-12-22", "start": start,
                                     "end": end, "quote": SATURDAY_SENTENCE}]
    window.actions_.undo.trigger()
    assert session.document.events == before
    window.actions_.redo.trigger()
    assert session.document.events[-1] == event


def test_the_context_menu_offers_the_selection_actions(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    from_selection = action(window, "actionEventFromSelection")
    assert not from_selection.isEnabled()  # nothing selected yet
    edit = select_words(qtbot, window, 71, 120)
    point = edit.cursorRect().center()
    QApplication.sendEvent(edit.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, edit.viewport().mapToGlobal(point)))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.objectName() == "sourceTextMenu"
    offered = [a.objectName() for a in menu.actions() if a.isEnabled()]
    menu.close()
    assert "actionEventFromSelection" in offered
    assert "actionCiteSelection" not in offered  # no event selected: nothing to cite in
    # selecting an event shows its own words (the selection goes), then the user selects
    window.session.select("kamel-visits-benghazi")
    assert not from_selection.isEnabled()
    select_words(qtbot, window, 71, 120)
    assert action(window, "actionCiteSelection").isEnabled() and from_selection.isEnabled()


def test_a_passage_without_a_date_says_the_publication_date_is_only_proposed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = window.session.document.sources[0].text
    quote = "This message was delivered during an unannounced visit of Minister Kamel"
    start = text.index(quote)
    seen = editor_runs(monkeypatch, ok=False)
    select_words(qtbot, window, start, start + len(quote))
    action(window, "actionEventFromSelection").trigger()
    editor = seen[0]
    assert editor.start.text() == "2020-12-22"
    assert editor.date_note.toPlainText() == ("No date in the cited words: the article's "
                                              "publication date, 2020-12-22, is only a "
                                              "proposal.")
    editor.start.setText("2020-12-19")  # the analyst dates it: the remark goes
    assert editor.date_note.toPlainText() == ""


def test_cancel_creates_nothing(qtbot: QtBot, window: MainWindow,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    editor_runs(monkeypatch, ok=False)
    select_words(qtbot, window, 71, 120)
    action(window, "actionEventFromSelection").trigger()
    action(window, "actionNewEvent").trigger()
    assert window.session.undo_stack.count() == 0
    assert len(window.session.document.events) == 5


def test_cite_selection_adds_the_span_to_the_selected_event_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = window.session
    text = session.document.sources[0].text
    quote = "With the support of Arab and European countries"
    start = text.index(quote)
    session.select("offensive-on-tripoli")
    before = session.selected_event()
    assert before is not None
    select_words(qtbot, window, start, start + len(quote))
    cite = action(window, "actionCiteSelection")
    assert cite.isEnabled()
    cite.trigger()
    after = session.document.event("offensive-on-tripoli")
    assert after is not None
    assert after.citations == [*before.citations,
                               Citation(before.citations[0].source, start, start + len(quote),
                                        quote)]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText().startswith("Cite in")
    cite.trigger()  # the same words again: nothing more
    assert session.undo_stack.count() == 1
    written = saved(window)
    offensive = next(e for e in written["events"] if e["id"] == "offensive-on-tripoli")
    assert offensive["citations"][-1]["quote"] == quote
    window.actions_.undo.trigger()
    assert session.document.event("offensive-on-tripoli") == before
    window.actions_.redo.trigger()
    assert session.document.event("offensive-on-tripoli") == after


def test_new_event_at_the_centre_of_the_view_in_the_selected_lane(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    view = window.timeline
    day = 86400.0
    centre = 1_600_000_000.0  # 2020-09-13
    view.set_scale(TimeScale(centre - 300 * 3600, 3600, 600))  # a day is 24 pixels
    view.set_scale(view.scale.centered_on(centre))
    session.select("ceasefire-5-plus-5")
    seen = editor_runs(monkeypatch, lambda e: e.title.setText("Talks in Sirte"))
    action(window, "actionNewEvent").trigger()
    event = session.document.events[-1]
    assert event.title == "Talks in Sirte" and event.id == "talks-in-sirte"
    assert event.start.iso() == "2020-09-13"
    ceasefire = session.document.event("ceasefire-5-plus-5")
    assert ceasefire is not None and event.actors == ceasefire.actors[:1]
    assert seen[0].windowTitle() == "New Event"
    # zoomed out to months, a new event is placed to the month
    view.set_scale(TimeScale(centre - 300 * 2 * day, 2 * day, 600))  # a month: 15 px
    view.set_scale(view.scale.centered_on(centre))
    action(window, "actionNewEvent").trigger()
    assert session.document.events[-1].start.iso() == "2020-09"
    assert session.document.events[-1].id == "talks-in-sirte-2"
    assert session.undo_stack.count() == 2
    added = session.document.events[-2:]
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    assert len(session.document.events) == 5 and session.undo_stack.isClean()
    window.actions_.redo.trigger()
    window.actions_.redo.trigger()
    assert session.document.events[-2:] == added


def test_a_new_event_needs_a_title(window: MainWindow,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    seen = editor_runs(monkeypatch)
    action(window, "actionNewEvent").trigger()
    assert not seen[0].ok_button.isEnabled()
    assert seen[0].findChild(type(seen[0].error), "titleMessage").text() \
        == "An event needs a title."
    assert window.session.undo_stack.count() == 0


def test_double_click_on_an_empty_lane_spot_creates_an_event_there(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    view = window.timeline
    frame = view.current_frame()
    lane = next(i for i, lane in enumerate(view.lane_set.lanes) if lane.key == "egypt")
    box = frame.lanes[lane]
    y = (box.y0 + box.y1) / 2
    x = next(x for x in range(int(view.width()) - 40, int(frame.x_origin), -7)
             if frame.hit(x, y).kind.value == "lane")
    t = frame.t_of(x)
    opened = editor_runs(monkeypatch, ok=False)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, int(y)))
    assert len(opened) == 1 and session.undo_stack.count() == 0  # cancelled: nothing
    proposed = opened[0].original
    assert proposed.actors == ["egypt"]
    assert proposed.start.to_seconds() <= t < proposed.start.end_seconds()

    editor_runs(monkeypatch, lambda e: e.title.setText("Egyptian delegation in Tripoli"))
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, int(y)))
    event = session.document.events[-1]
    assert event.title == "Egyptian delegation in Tripoli" and event.actors == ["egypt"]
    assert event.start == proposed.start
    assert session.undo_stack.count() == 1
    written = saved(window)["events"][-1]
    assert written["id"] == "egyptian-delegation-in-tripoli"
    assert written["actors"] == ["egypt"] and written["start"] == event.start.iso()
    window.actions_.undo.trigger()
    assert session.document.event(event.id) is None
    window.actions_.redo.trigger()
    assert session.document.events[-1] == event


def test_duplicate_copies_the_selected_event_under_a_new_id(window: MainWindow) -> None:
    session = window.session
    session.select("kamel-visits-benghazi")
    original = session.selected_event()
    assert original is not None
    action(window, "actionDuplicateEvent").trigger()
    copy = session.document.events[-1]
    assert copy.id == "egypt-s-intelligence-chief-abbas-kamel"
    from dataclasses import replace
    assert replace(copy, id=original.id) == original
    assert session.document.event("kamel-visits-benghazi") == original
    assert session.undo_stack.undoText().startswith("Duplicate")
    action(window, "actionDuplicateEvent").trigger()  # the copy is selected: copy it again
    assert session.document.events[-1].id == "egypt-s-intelligence-chief-abbas-kamel-2"
    ids = [e["id"] for e in saved(window)["events"]]
    assert len(ids) == len(set(ids)) == 7
    copies = session.document.events[-2:]
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    assert [e.id for e in session.document.events][-1] == "kamel-visits-benghazi"
    window.actions_.redo.trigger()
    window.actions_.redo.trigger()
    assert session.document.events[-2:] == copies


def test_object_names_and_shortcuts(window: MainWindow) -> None:
    assert action(window, "actionNewEvent").shortcut().toString() == "Ctrl+E"
    assert action(window, "actionEventFromSelection").shortcut().toString() == "Ctrl+Shift+E"
    for name in ("actionCiteSelection", "actionEditEvent", "actionDeleteEvent"):
        action(window, name)
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert action(window, "actionNewEvent") in edit_menu.actions()
    assert action(window, "actionDuplicateEvent") in edit_menu.actions()
