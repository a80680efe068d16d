"""The Filters panel on a 10,000-event timeline: ticks, dates, hide or fade, clear, the
search among what is kept, undo, and the question it exists for: what did each actor do
in June 2020, and which outlet says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot
from window_driver import action

from bench.synthetic import write_file
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.view.search import EventFilter
from timeline_app.gui.timeline.filter_lists import ValueList
from timeline_app.gui.window.main_window import MainWindow

N = 10_000
JUNE_FROM, JUNE_TO = parse_iso("2020-06").to_seconds(), parse_iso("2020-06").end_seconds()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_file(N, tmp_path_factory.mktemp("filters") / "big.json")


@pytest.fixture
def window(qtbot: QtBot, open_window: Callable[..., MainWindow], big_file: Path) -> MainWindow:
    win = open_window(big_file)
    qtbot.waitUntil(lambda: len(win.session.document.events) == N, timeout=20_000)
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.findChild(type(win.filter_panel), "filterPanel").isVisible()
    return win


def tick(qtbot: QtBot, window: MainWindow, name: str, value: str, find: str = "") -> None:
    """Narrow the list ``name`` to ``find``, then tick ``value`` with the keyboard."""
    values = window.findChild(ValueList, name)
    if find:
        box = values.findChild(QLineEdit, f"{name}Find")
        box.clear()
        qtbot.keyClicks(box, find)
    row = values.row_of(value)
    assert row.isValid(), value
    values.view.setFocus()
    values.view.setCurrentIndex(row)
    qtbot.keyClick(values.view, Qt.Key.Key_Space)


def type_date(qtbot: QtBot, window: MainWindow, name: str, text: str) -> None:
    field = window.findChild(QLineEdit, name)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def status(window: MainWindow) -> str:
    return window.count_label.text()


def in_june(event) -> bool:
    return event.end_seconds() > JUNE_FROM and event.start_seconds() < JUNE_TO


def drawn(window: MainWindow) -> set[int]:
    return {m.index for m in window.timeline.current_frame().markers}


def test_tick_an_actor_and_type_june_2020_hide_fade_and_clear(
        qtbot: QtBot, window: MainWindow) -> None:
    doc = window.session.document
    assert status(window) == f"{N:,} events"
    tick(qtbot, window, "filterActors", "militia-a", find="milit")
    actors_list = window.findChild(ValueList, "filterActors")
    assert actors_list.proxy.rowCount() == 2  # "Militia A" and "Militia B"
    militia = [i for i, e in enumerate(doc.events) if "militia-a" in e.actors]
    assert status(window) == f"{len(militia):,} of {N:,} events shown"

    type_date(qtbot, window, "filterFrom", "2020-06")
    type_date(qtbot, window, "filterTo", "June 2020")
    kept = [i for i in militia if in_june(doc.events[i])]
    assert 0 < len(kept) < 40
    assert status(window) == f"{len(kept):,} of {N:,} events shown"
    frame = window.timeline.current_frame()
    # Hidden: no marker of a left-out event, every kept one in its lanes, lanes without
    # a kept event gone, the view fitted to June 2020.
    assert drawn(window) and drawn(window) <= set(kept)
    lanes_of = window.timeline.lane_set
    assert sum(lane.total for lane in frame.lanes) == sum(
        len(doc.events[i].actors) for i in kept)
    assert {lane.key for lane in frame.lanes} == {a for i in kept for a in doc.events[i].actors}
    assert all(not lanes_of.event_lanes[i] for i in range(N) if i not in set(kept))
    t0, t1 = window.timeline.visible_range()
    assert JUNE_FROM - 5 * 86400 < t0 <= JUNE_FROM and JUNE_TO <= t1 < JUNE_TO + 5 * 86400

    # Fade: every lane and event again, the left-out ones faint; the count stays.
    qtbot.mouseClick(window.findChild(QRadioButton, "filterFade"), Qt.MouseButton.LeftButton)
    frame = window.timeline.current_frame()
    assert frame.marks.faded == frozenset(range(N)) - set(kept)
    assert len(frame.lanes) == len(doc.actors)
    assert status(window) == f"{len(kept):,} of {N:,} events kept, the others faded"
    qtbot.mouseClick(window.findChild(QRadioButton, "filterHide"), Qt.MouseButton.LeftButton)
    assert drawn(window) <= set(kept) and not window.timeline.current_frame().marks.faded

    clear = window.findChild(QPushButton, "filterClear")
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert status(window) == f"{N:,} events"
    assert not window.filters.active and not clear.isEnabled()
    assert window.findChild(QLineEdit, "filterFrom").text() == ""
    assert not actors_list.model.checked
    assert len(window.timeline.current_frame().lanes) == len(doc.actors)


def test_search_finds_only_among_the_kept_events(qtbot: QtBot, window: MainWindow) -> None:
    doc = window.session.document
    tick(qtbot, window, "filterActors", "rebels")
    word = "clashes"
    qtbot.keyClick(window.timeline, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.findChild(QLineEdit, "searchField"), word)
    found = [i for i, e in enumerate(doc.events) if "rebels" in e.actors
             and word in (e.title + e.description + " ".join(e.tags)).casefold()]
    everywhere = [i for i, e in enumerate(doc.events)
                  if word in (e.title + e.description + " ".join(e.tags)).casefold()]
    count = window.findChild(QLabel, "searchCount")
    assert 0 < len(found) < len(everywhere)
    assert count.text() == f"{len(found):,} found"
    assert window.timeline.current_frame().marks.matched == frozenset(found)
    # Widening the filter widens the search's answer at once.
    qtbot.mouseClick(window.findChild(QPushButton, "filterClear"), Qt.MouseButton.LeftButton)
    assert count.text() == f"{len(everywhere):,} found"


def test_an_edit_and_its_undo_keep_the_filter(qtbot: QtBot, window: MainWindow) -> None:
    doc = window.session.document
    tick(qtbot, window, "filterActors", "un")
    kept = [i for i, e in enumerate(doc.events) if "un" in e.actors]
    assert status(window) == f"{len(kept):,} of {N:,} events shown"
    window.session.select(doc.events[kept[5]].id)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert len(doc.events) == N - 1
    assert status(window) == f"{len(kept) - 1:,} of {N - 1:,} events shown"
    action(window, "actionUndo").trigger()
    assert len(doc.events) == N
    assert status(window) == f"{len(kept):,} of {N:,} events shown"
    assert window.filters.filter.actors == frozenset({"un"})
    assert window.findChild(ValueList, "filterActors").model.checked == {"un"}
    # The index the search and the filters share was brought up to date, not rebuilt.
    assert window.search_index.get() is window.session.derived.search


def test_a_selected_event_the_filter_hides_is_unselected_a_faded_one_stays(
        qtbot: QtBot, window: MainWindow) -> None:
    doc = window.session.document
    outside = next(e for e in doc.events if "tribal" not in e.actors)
    inside = next(e for e in doc.events if "tribal" in e.actors)
    qtbot.mouseClick(window.findChild(QRadioButton, "filterFade"), Qt.MouseButton.LeftButton)
    window.session.select(outside.id)
    tick(qtbot, window, "filterActors", "tribal")
    assert window.session.selected_id == outside.id  # faded: still drawn, still selected
    qtbot.mouseClick(window.findChild(QRadioButton, "filterHide"), Qt.MouseButton.LeftButton)
    assert window.session.selected_id is None
    assert "hidden by the filters" in window.statusBar().currentMessage()
    window.session.select(inside.id)
    # Tab walks the shown events only.
    for _ in range(5):
        qtbot.keyClick(window.timeline, Qt.Key.Key_Tab)
        assert "tribal" in window.session.selected_event().actors


def test_a_filter_set_elsewhere_shows_in_the_panel_and_a_bad_date_is_refused(
        qtbot: QtBot, window: MainWindow) -> None:
    window.filters.set_filter(EventFilter(tags=frozenset({"airstrike"}),
                                          date_from=parse_iso("2019-03")))
    assert window.findChild(ValueList, "filterTags").model.checked == {"airstrike"}
    assert window.findChild(QLineEdit, "filterFrom").text() == "2019-03"
    before = window.filters.filter
    type_date(qtbot, window, "filterTo", "31 June 2020")
    problem = window.findChild(QLabel, "filterDateProblem")
    assert problem.isVisible() and problem.text().startswith("To:")
    assert window.filters.filter == before  # what applied stays until a date reads


def test_what_each_actor_did_in_june_2020_and_which_outlet_says_so(
        qtbot: QtBot, window: MainWindow) -> None:
    doc = window.session.document
    type_date(qtbot, window, "filterFrom", "June 2020")
    type_date(qtbot, window, "filterTo", "2020-06")
    june = [i for i, e in enumerate(doc.events) if in_june(e)]
    # Each actor's row counts its events of June 2020: the first half of the answer.
    actors = window.findChild(ValueList, "filterActors").model
    for value, _label, count in actors.rows:
        assert count == sum(value in doc.events[i].actors for i in june)
    # Pick an outlet: the timeline keeps only what it reports.
    outlets = {s.id: s.outlet or s.title or s.id for s in doc.sources}
    outlet = outlets[doc.events[june[0]].citations[0].source]
    tick(qtbot, window, "filterOutlets", outlet)
    said = [i for i in june if outlet in {outlets[c.source] for c in doc.events[i].citations}]
    assert status(window) == f"{len(said):,} of {N:,} events shown"
    # Click one of them on the timeline: the details name the outlet of its citation.
    frame = window.timeline.current_frame()
    box = next(m for m in frame.markers if m.index in said)
    x = (max(box.x0, frame.x_origin) + min(box.x1, frame.width)) / 2  # a bar may run off
    point = QPoint(int(x), int((box.y0 + box.y1) / 2))
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected_index() == box.index
    headings = [label.text() for label in window.detail.findChildren(QLabel, "citationSource")]
    assert any(outlet in text for text in headings), headings


def test_export_image_draws_what_the_filter_shows(qtbot: QtBot, window: MainWindow) -> None:
    from timeline_app.gui.timeline.export import ExportOptions, prepare

    doc = window.session.document
    tick(qtbot, window, "filterActors", "un")
    type_date(qtbot, window, "filterFrom", "2019")
    type_date(qtbot, window, "filterTo", "2019")
    kept = {i for i, e in enumerate(doc.events) if "un" in e.actors
            and e.end_seconds() > parse_iso("2019").to_seconds()
            and e.start_seconds() < parse_iso("2019").end_seconds()}
    # What File > Export Image lays out (the dialog itself is tested elsewhere).
    prepared = prepare(doc, ExportOptions(), grouping=window.timeline.grouping())
    drawn_there = {m.index for m in prepared.layout.frame.markers}
    assert drawn_there and drawn_there <= kept
    heading = " ".join(box.text for box in prepared.layout.heading)
    assert f"{len(kept):,} events" in heading


def test_merging_actors_moves_their_events_under_the_filter(
        qtbot: QtBot, window: MainWindow) -> None:
    from timeline_app.gui.document.actor_commands import MergeActorsCommand

    doc = window.session.document
    tick(qtbot, window, "filterActors", "gov")
    before = sum("gov" in e.actors for e in doc.events)
    assert status(window) == f"{before:,} of {N:,} events shown"
    gone, kept = doc.actor("tribal"), doc.actor("gov")
    window.session.undo_stack.push(MergeActorsCommand(window.session, gone, kept))
    after = sum("gov" in e.actors for e in doc.events)
    assert after > before
    assert status(window) == f"{after:,} of {N:,} events shown"
    rows = window.findChild(ValueList, "filterActors").model.rows
    assert "tribal" not in {value for value, _label, _count in rows}
    action(window, "actionUndo").trigger()
    assert status(window) == f"{before:,} of {N:,} events shown"
