"""View > Event Table, as a user works with it: opening it, choosing rows, sorting,
filtering, editing cells with the keyboard, undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
)
from pytestqt.qtbot import QtBot
from window_driver import action, in_dialog

from bench.synthetic import write_file
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.view.event_table import Column
from timeline_app.core.view.search import EventFilter
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.document.actor_commands import EditActorCommand
from timeline_app.gui.timeline.filter_state import FilterMode
from timeline_app.gui.window.main_window import MainWindow

OFFENSIVE = "offensive-on-tripoli"  # 2019-04-04 – 2020-06-04: the earliest start
TARHUNA = "liberation-of-tarhuna"  # 2020-06-05
TARHUNA_TITLE = "GNA announces the liberation of Tarhuna"
KAMEL = "kamel-visits-benghazi"  # 2020-12-19: the latest
BY_DATE = [OFFENSIVE, "withdrawal-from-tripoli", TARHUNA, "ceasefire-5-plus-5", KAMEL]


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def open_table(qtbot: QtBot, window: MainWindow) -> QTableView:
    """View > Event Table, by its shortcut."""
    window.activateWindow()
    qtbot.keyClick(window.timeline, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    table = window.findChild(QTableView, "eventTable")
    assert table is not None
    qtbot.waitUntil(table.isVisible)
    return table


def ids(table: QTableView) -> list[str]:
    model = table.model()
    return [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]


def cell(table: QTableView, event_id: str, column: Column) -> QModelIndex:
    row = ids(table).index(event_id)
    return table.model().index(row, column)


def click(qtbot: QtBot, table: QTableView, index: QModelIndex, *, double: bool = False) -> None:
    table.scrollTo(index)
    pos = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def row_is_shown(table: QTableView, row: int) -> bool:
    rect = table.visualRect(table.model().index(row, 0))
    return table.viewport().rect().intersects(rect)


def type_in_cell(qtbot: QtBot, table: QTableView, text: str) -> None:
    """F2 on the current cell, replace its text, Enter."""
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and table.isAncestorOf(editor)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits after the key's event, as the event loop runs
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)


def test_view_menu_opens_the_table_of_every_event_by_date(
        qtbot: QtBot, window: MainWindow) -> None:
    table = window.findChild(QTableView, "eventTable")
    assert table is not None and not table.isVisible()
    assert action(window, "actionEventTable").shortcut().toString() == "Ctrl+Shift+T"
    table = open_table(qtbot, window)
    assert table.hasFocus()
    assert ids(table) == BY_DATE
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Date", "Title", "Actors", "Location", "Tags", "Sources", "Precision"]
    first = [model.index(0, c).data() for c in Column]
    assert first == ["4 April 2019 – 4 June 2020", "Haftar's offensive on Tripoli",
                     "Haftar's forces (LNA), Government of National Accord (GNA), Egypt",
                     "Tripoli", "offensive", "Egypt Watch", "day"]
    qtbot.keyClick(table, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not table.isVisible()


def test_a_clicked_row_is_selected_on_the_timeline_and_in_the_details(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    click(qtbot, table, cell(table, TARHUNA, Column.TITLE))
    assert window.session.selected_id == TARHUNA
    position = window.session.index_of(TARHUNA)
    assert window.timeline.current_frame().selected == position
    assert window.timeline.event_rect(TARHUNA) is not None  # brought into view
    assert window.detail.findChild(QLabel, "titleLabel").text() == TARHUNA_TITLE
    # the keyboard walks the rows, and the selection with them
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert window.session.selected_id == "ceasefire-5-plus-5"


def test_an_event_selected_on_the_timeline_selects_and_shows_its_row(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    view = window.timeline
    rect = view.event_rect(KAMEL)
    assert rect is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.session.selected_id == KAMEL
    assert table.currentIndex().row() == BY_DATE.index(KAMEL)
    assert table.selectionModel().isRowSelected(BY_DATE.index(KAMEL), QModelIndex())
    assert row_is_shown(table, table.currentIndex().row())
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # Esc on the timeline: no selection
    assert window.session.selected_id is None
    assert not table.selectionModel().hasSelection()


def test_a_title_edited_with_the_keyboard_is_one_undoable_change(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    stack = window.session.undo_stack
    click(qtbot, table, cell(table, TARHUNA, Column.TITLE))
    type_in_cell(qtbot, table, "Tarhuna taken by the GNA")
    assert window.session.event_by_id(TARHUNA).title == "Tarhuna taken by the GNA"
    assert cell(table, TARHUNA, Column.TITLE).data() == "Tarhuna taken by the GNA"
    assert stack.count() == 1 and stack.undoText().startswith("Edit title of")
    assert window.isWindowModified()
    action(window, "actionUndo").trigger()
    assert cell(table, TARHUNA, Column.TITLE).data() == "GNA announces the liberation of Tarhuna"
    action(window, "actionRedo").trigger()
    assert cell(table, TARHUNA, Column.TITLE).data() == "Tarhuna taken by the GNA"
    # the same text again is no change at all
    click(qtbot, table, cell(table, TARHUNA, Column.TITLE))
    type_in_cell(qtbot, table, "Tarhuna taken by the GNA")
    assert stack.count() == 1


def test_a_typed_date_moves_the_row_and_a_wrong_one_is_refused_with_the_reason(
        qtbot: QtBot, window: MainWindow, message_boxes: list[QMessageBox]) -> None:
    table = open_table(qtbot, window)
    stack = window.session.undo_stack
    click(qtbot, table, cell(table, TARHUNA, Column.DATE))
    type_in_cell(qtbot, table, "about June 2021 to 2021-07")
    event = window.session.event_by_id(TARHUNA)
    assert (event.start, event.end) == (parse_iso("2021-06~"), parse_iso("2021-07"))
    assert ids(table)[-1] == TARHUNA  # latest now
    assert table.currentIndex().row() == 4 and window.session.selected_id == TARHUNA
    assert cell(table, TARHUNA, Column.DATE).data() == "about June 2021 – July 2021"
    assert cell(table, TARHUNA, Column.PRECISION).data() == "month, approximate – month"

    type_in_cell(qtbot, table, "the 31st of Juno")
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert "not understood" in message_boxes[0].text()
    assert message_boxes[0].textFormat() == Qt.TextFormat.PlainText
    type_in_cell(qtbot, table, "2021-08 - 2021-07")
    qtbot.waitUntil(lambda: len(message_boxes) == 2)
    assert "end before it starts" in message_boxes[1].text()
    assert stack.count() == 1
    action(window, "actionUndo").trigger()
    assert ids(table) == BY_DATE
    assert table.currentIndex().row() == 2  # the row followed its event back


def test_tags_are_typed_with_commas_and_actors_open_the_event_editor(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    click(qtbot, table, cell(table, KAMEL, Column.TAGS))
    type_in_cell(qtbot, table, "diplomacy,  visit , diplomacy,")
    assert window.session.event_by_id(KAMEL).tags == ["diplomacy", "visit"]
    opened: list[QDialog] = []
    in_dialog(opened.append)
    click(qtbot, table, cell(table, KAMEL, Column.ACTORS), double=True)
    assert len(opened) == 1 and isinstance(opened[0], EventEditor)
    assert opened[0].original.id == KAMEL


def test_header_clicks_sort_by_title_and_by_time_both_ways(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    click(qtbot, table, cell(table, TARHUNA, Column.TITLE))
    header = table.horizontalHeader()

    def click_header(column: Column) -> None:
        pos = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)

    events = window.session.document.events
    click_header(Column.TITLE)
    titles = [window.session.event_by_id(i).title.casefold() for i in ids(table)]
    assert titles == sorted(e.title.casefold() for e in events)
    assert ids(table)[table.currentIndex().row()] == TARHUNA  # the selection stays
    click_header(Column.DATE)
    assert ids(table) == BY_DATE
    click_header(Column.DATE)
    assert ids(table) == BY_DATE[::-1]
    assert ids(table)[table.currentIndex().row()] == TARHUNA


def test_the_table_lists_only_what_the_filter_keeps(qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    click(qtbot, table, cell(table, TARHUNA, Column.TITLE))
    window.filters.set_filter(EventFilter(actors=frozenset({"egypt"})))
    assert ids(table) == [OFFENSIVE, "ceasefire-5-plus-5", KAMEL]
    assert not table.selectionModel().hasSelection()  # Tarhuna is not listed
    window.filters.set_mode(FilterMode.FADE)  # faded on the timeline, still not listed
    assert ids(table) == [OFFENSIVE, "ceasefire-5-plus-5", KAMEL]
    # an edit that takes Egypt out of an event takes its row out
    click(qtbot, table, cell(table, KAMEL, Column.ACTORS), double=False)
    assert window.session.selected_id == KAMEL

    def no_egypt(dialog: QDialog) -> None:
        assert isinstance(dialog, EventEditor)
        for i in range(dialog.actors.count()):
            item = dialog.actors.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == "egypt":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    in_dialog(no_egypt)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter: the event editor
    assert "egypt" not in window.session.event_by_id(KAMEL).actors
    assert ids(table) == [OFFENSIVE, "ceasefire-5-plus-5"]
    action(window, "actionUndo").trigger()
    assert ids(table) == [OFFENSIVE, "ceasefire-5-plus-5", KAMEL]
    window.filters.clear()
    assert ids(table) == BY_DATE
    assert ids(table)[table.currentIndex().row()] == KAMEL


def test_delete_in_the_table_removes_the_row_and_undo_brings_it_back(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    # the fourth of five events: the row after it shows the document's last event
    ceasefire = "ceasefire-5-plus-5"
    click(qtbot, table, cell(table, ceasefire, Column.LOCATION))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert ceasefire not in ids(table) and len(ids(table)) == 4
    assert window.session.selected_id is None and not table.selectionModel().hasSelection()
    action(window, "actionUndo").trigger()
    assert ids(table) == BY_DATE
    assert table.currentIndex().row() == 3
    table.viewport().repaint()
    assert cell(table, KAMEL, Column.TITLE).data() .startswith("Egypt's intelligence chief")


def test_ten_thousand_events_are_all_listed_in_time_order(
        qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    window = open_window(write_file(10_000, tmp_path / "big.json"))
    qtbot.waitUntil(lambda: len(window.session.document.events) == 10_000, timeout=20_000)
    table = open_table(qtbot, window)
    model = table.model()
    assert model.rowCount() == 10_000
    events = window.session.document.events
    listed = [window.session.event_by_id(i) for i in ids(table)]
    starts = [e.start_seconds() for e in listed]
    assert starts == sorted(starts) and {e.id for e in listed} == {e.id for e in events}
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == 9_999
    assert window.session.selected_id == listed[-1].id
    assert row_is_shown(table, 9_999)
    # the timeline's next event (Tab) is the next row
    qtbot.keyClick(window.timeline, Qt.Key.Key_Home)
    window.session.select(listed[5_000].id)
    assert table.currentIndex().row() == 5_000 and row_is_shown(table, 5_000)


def test_a_renamed_actor_is_renamed_in_the_rows_and_sorts_by_the_new_name(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    click(qtbot, table, cell(table, TARHUNA, Column.TITLE))
    table.sortByColumn(Column.ACTORS, Qt.SortOrder.AscendingOrder)
    assert ids(table)[0] == KAMEL  # "Egypt, Haftar's…" first
    egypt = window.session.document.actor("egypt")
    stack = window.session.undo_stack
    stack.push(EditActorCommand(window.session, replace(egypt, name="The Egyptian state"),
                                "Rename"))
    assert cell(table, KAMEL, Column.ACTORS).data().startswith("The Egyptian state")
    assert ids(table)[-1] == KAMEL
    assert ids(table)[table.currentIndex().row()] == TARHUNA
    action(window, "actionUndo").trigger()
    assert ids(table)[0] == KAMEL


def test_an_edited_row_moves_to_its_place_in_a_descending_order(
        qtbot: QtBot, window: MainWindow) -> None:
    table = open_table(qtbot, window)
    table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
    click(qtbot, table, cell(table, TARHUNA, Column.DATE))
    type_in_cell(qtbot, table, "2018")  # earliest: the last row
    assert ids(table) == [KAMEL, "ceasefire-5-plus-5", "withdrawal-from-tripoli", OFFENSIVE,
                          TARHUNA]
    assert table.currentIndex().row() == 4
    type_in_cell(qtbot, table, "2021-01-01")  # latest: the first row
    assert ids(table) == [TARHUNA, *BY_DATE[::-1][:2], *BY_DATE[::-1][3:]]
    assert table.currentIndex().row() == 0 and row_is_shown(table, 0)
