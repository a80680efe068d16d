"""What a user does in the window to change the timeline: edit, undo and redo, the event
editor, delete; and what each edit redraws or rebuilds (lanes, time index, source marks)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from window_driver import edit_in_dialog, view_of

from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.window.main_window import MainWindow

# Closing a window with unsaved edits asks; in tests the answer is Discard.
pytestmark = pytest.mark.usefixtures("message_boxes")


def test_edit_undo_redo_and_modified_marker(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    before = session.document.event("liberation-of-tarhuna")
    assert before is not None
    after = replace(before, title="Tarhuna retaken")
    session.undo_stack.push(EditEventCommand(session, before, after))
    assert session.document.event("liberation-of-tarhuna").title == "Tarhuna retaken"
    assert window.isWindowModified()
    window.actions_.undo.trigger()
    assert session.document.event("liberation-of-tarhuna").title == before.title
    assert not window.isWindowModified()
    window.actions_.redo.trigger()
    assert window.isWindowModified()


def test_a_retitled_event_keeps_the_index_and_shows_its_new_title(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An edit that keeps the event's span and lanes is drawn without rebuilding the
    lanes and index (an O(n) step at 100,000 events); one that moves it rebuilds."""
    from timeline_app.core.dates.partial import parse_iso

    session = window.session
    before = session.event_by_id("liberation-of-tarhuna")
    index = window.timeline.index
    session.undo_stack.push(EditEventCommand(session, before, replace(before, title="Retaken")))
    assert window.timeline.index is index
    i = session.index_of("liberation-of-tarhuna")
    frame = window.timeline.current_frame()
    assert any(box.index == i and box.label == "Retaken" for box in frame.markers)
    assert {e for _, _, e, _ in window.source.highlighted_spans()} >= {"liberation-of-tarhuna"}
    assert window.detail.findChild(QLabel, "titleLabel").text() == "Retaken"

    retitled = session.event_by_id("liberation-of-tarhuna")
    moved = replace(retitled, start=parse_iso("2020-07-15"))
    old_rect = window.timeline.event_rect("liberation-of-tarhuna")
    lanes = window.timeline.lane_set
    session.undo_stack.push(EditEventCommand(session, retitled, moved))
    assert window.timeline.index is not index
    assert window.timeline.lane_set is lanes  # same actors: only the index is redone
    assert window.timeline.event_rect("liberation-of-tarhuna").x() > old_rect.x()
    assert window.timeline.index.starts[i] == moved.start_seconds()

    regrouped = replace(moved, actors=["egypt"])
    session.undo_stack.push(EditEventCommand(session, moved, regrouped))
    assert window.timeline.lane_set is not lanes
    keys = [lane.key for lane in window.timeline.lane_set.lanes]
    assert window.timeline.lane_set.event_lanes[i] == [keys.index("egypt")]
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.event_by_id("liberation-of-tarhuna") is before
    assert window.timeline.event_rect("liberation-of-tarhuna").x() == old_rect.x()


def test_a_date_edit_in_the_editor_moves_the_event_and_undo_moves_it_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_of(window)
    session = window.session
    lanes, index = view.lane_set, view.index
    old_rect = view.event_rect("liberation-of-tarhuna")
    assert old_rect is not None
    edit_in_dialog(window, monkeypatch, "liberation-of-tarhuna",
                   lambda editor: editor.start.setText("2020-09-15"))
    i = session.index_of("liberation-of-tarhuna")
    assert view.lane_set is lanes and view.index is not index  # only the index is redone
    assert view.index.starts[i] == session.document.events[i].start_seconds()
    moved = view.event_rect("liberation-of-tarhuna")
    assert moved is not None and moved.x() > old_rect.x() + 50
    window.actions_.undo.trigger()
    assert view.event_rect("liberation-of-tarhuna") == old_rect
    assert view.index.starts[i] == session.document.events[i].start_seconds()


def test_an_actor_change_in_the_editor_moves_the_event_to_its_lane(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_of(window)
    session = window.session

    def only_egypt(editor) -> None:  # type: ignore[no-untyped-def]
        for row in range(editor.actors.count()):
            item = editor.actors.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() == "Egypt"
                               else Qt.CheckState.Unchecked)

    def lanes_of(event_id: str) -> list[str]:
        i = session.index_of(event_id)
        frame = view.current_frame()
        return sorted(frame.lanes[m.lane].label for m in frame.markers if m.index == i)

    assert lanes_of("liberation-of-tarhuna") == [
        "Government of National Accord (GNA)", "Haftar's forces (LNA)"]
    edit_in_dialog(window, monkeypatch, "liberation-of-tarhuna", only_egypt)
    assert session.event_by_id("liberation-of-tarhuna").actors == ["egypt"]
    assert lanes_of("liberation-of-tarhuna") == ["Egypt"]
    assert window.session.selected_id == "liberation-of-tarhuna"
    window.actions_.undo.trigger()
    assert lanes_of("liberation-of-tarhuna") == [
        "Government of National Accord (GNA)", "Haftar's forces (LNA)"]


def test_a_retitle_in_the_editor_shows_everywhere_without_new_indexes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_of(window)
    index, citations = view.index, window.session.derived.citations
    edit_in_dialog(window, monkeypatch, "ceasefire-5-plus-5",
                   lambda editor: editor.title.setText("Permanent ceasefire"))
    assert view.index is index and window.session.derived.citations is citations
    i = window.session.index_of("ceasefire-5-plus-5")
    assert any(box.index == i and box.label == "Permanent ceasefire"
               for box in view.current_frame().markers)
    assert window.detail.findChild(QLabel, "titleLabel").text() == "Permanent ceasefire"
    cited = [event.title for event, _ in citations.of("egyptwatch-2020-12-22")]
    assert "Permanent ceasefire" in cited  # the source pane's marks name it


def test_delete_and_undo_update_the_marks_in_the_source(window: MainWindow) -> None:
    """The citation index takes the deletion and its undo in place: the source pane
    marks the event's passages until it is deleted, and again once it is back."""
    session = window.session
    citations = session.derived.citations

    def marked() -> set[str]:
        return {event_id for _, _, event_id, _ in window.source.highlighted_spans()}

    assert "kamel-visits-benghazi" in marked()
    session.select("kamel-visits-benghazi")
    window.actions_.delete_event.trigger()
    assert "kamel-visits-benghazi" not in marked() and "ceasefire-5-plus-5" in marked()
    assert session.derived.citations is citations
    window.actions_.undo.trigger()
    assert "kamel-visits-benghazi" in marked()
    assert [e.id for e, _ in citations.of("egyptwatch-2020-12-22")] == [
        e.id for e in session.document.events for c in e.citations]
