"""Arranging lanes in the window: drag a lane's name, its menu, its colour, the legend's list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QColorDialog, QDialog, QListWidget, QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import action, in_dialog

from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.timeline.export import ExportOptions, prepare
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def discard_questions(message_boxes: list[QMessageBox]) -> None:
    """Questions (unsaved changes on close) are answered with Discard."""


def _labels(view: TimelineView) -> list[str]:
    return [lane.label for lane in view.current_frame().lanes]


def _name_point(view: TimelineView, lane: int) -> QPoint:
    box = view.current_frame().lanes[lane]
    return QPoint(30, int(box.y0 + 10))


def test_dragging_a_lane_name_moves_the_lane_in_one_undo_step(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    view = window.timeline
    before = _labels(view)
    assert len(before) == 3
    steps = window.session.undo_stack.count()
    last = view.current_frame().lanes[-1]
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=_name_point(view, 0))
    for y in range(int(view.current_frame().lanes[0].y0 + 14), int(last.y1 - 4), 20):
        qtbot.mouseMove(view, QPoint(30, y))
    qtbot.mouseMove(view, QPoint(30, int(last.y1 - 4)))
    assert window.session.undo_stack.count() == steps  # nothing is pushed while dragging
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(30, int(last.y1 - 4)))
    assert _labels(view) == [before[1], before[2], before[0]]
    assert window.session.undo_stack.count() == steps + 1
    assert window.isWindowModified() or not window.session.undo_stack.isClean()
    action(window, "actionUndo").trigger()
    assert _labels(view) == before
    action(window, "actionRedo").trigger()
    assert _labels(view) == [before[1], before[2], before[0]]


def test_a_click_on_a_lane_name_moves_nothing(window: MainWindow, qtbot: QtBot) -> None:
    view = window.timeline
    before = _labels(view)
    steps = window.session.undo_stack.count()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_name_point(view, 1))
    assert _labels(view) == before
    assert window.session.undo_stack.count() == steps


def _right_click_name(view: TimelineView, lane: int, choose: str) -> None:
    """Right-click lane ``lane``'s name and choose the menu entry called ``choose``."""
    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is not None and menu.objectName() == "laneMenu"
        found = menu.findChild(QAction, choose)
        assert found is not None and found.isEnabled(), choose
        menu.close()
        found.trigger()

    QTimer.singleShot(50, pick)
    point = _name_point(view, lane)
    QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                   view.mapToGlobal(point)))


def test_the_lane_menu_collapses_hides_and_shows_lanes(window: MainWindow) -> None:
    view = window.timeline
    geo = view.frame_geometry
    before = _labels(view)
    _right_click_name(view, 1, "laneCollapse")
    lane = view.current_frame().lanes[1]
    assert lane.label == before[1]
    assert lane.y1 - lane.y0 == geo.row_height + geo.lane_padding  # one thin row
    assert any(m.lane == 1 for m in view.current_frame().markers) or lane.overflow
    _right_click_name(view, 0, "laneHide")
    assert _labels(view) == before[1:]
    assert view.lane_menu(0).findChild(QAction, "laneShowAll").isEnabled()
    _right_click_name(view, 0, "laneMoveDown")
    assert _labels(view) == [before[2], before[1]]
    view.lane_menu(0).findChild(QAction, "laneShowAll").trigger()
    assert sorted(_labels(view)) == sorted(before)
    for _ in range(4):
        action(window, "actionUndo").trigger()
    assert _labels(view) == before
    assert window.session.document.layout == {}


def test_an_actor_lanes_colour_is_the_actors_and_undoes(window: MainWindow) -> None:
    view = window.timeline
    key = view.lane_set.lanes[0].key
    old = window.session.document.actor(key).color

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, QColorDialog)
        dialog.setCurrentColor(QColor("#123456"))
        dialog.accept()

    in_dialog(choose)
    view.lane_menu(0).findChild(QAction, "laneColour").trigger()
    assert window.session.document.actor(key).color == "#123456"
    assert window.session.document.layout == {}
    action(window, "actionUndo").trigger()
    assert window.session.document.actor(key).color == old


def test_a_tag_lanes_colour_is_kept_in_the_file(window: MainWindow, tmp_path: Path) -> None:
    window.set_group_by(GroupBy.TAG)
    view = window.timeline
    tag = view.lane_set.lanes[0].key
    view.set_lane_colour(tag, QColor("#00aa44"), tag)
    assert window.session.document.layout == {"tag": {"colors": {tag: "#00aa44"}}}
    assert view.lane_colour_overrides()[tag] == QColor("#00aa44")
    path = tmp_path / "coloured.json"
    window.session.save_as(path)
    assert load_path(path).document.layout == {"tag": {"colors": {tag: "#00aa44"}}}
    action(window, "actionUndo").trigger()
    assert window.session.document.layout == {}


def test_a_tag_lanes_colour_is_the_colour_of_its_events_in_exports(window: MainWindow) -> None:
    """Recoloured in the window, a tag's lane draws its events in that colour in an
    exported image too (from the window's lanes, and from the file's as the command
    line exports it)."""
    window.set_group_by(GroupBy.TAG)
    view = window.timeline
    tag = view.lane_set.lanes[0].key
    green = QColor("#00aa44")
    options = ExportOptions(width=1200, group_by=GroupBy.TAG)

    def green_pixels(grouping: object) -> int:
        image = prepare(window.session.document, options, grouping=grouping).image()
        image = image.convertToFormat(image.Format.Format_RGB32)
        bits = image.constBits()
        data = bytes(bits)[: image.sizeInBytes()]
        pixel = bytes((green.blue(), green.green(), green.red(), 255))
        return sum(1 for i in range(0, len(data), 4) if data[i:i + 4] == pixel)

    assert green_pixels(view.arrangement()) == 0
    view.set_lane_colour(tag, green, tag)
    assert green_pixels(view.arrangement()) > 20
    assert green_pixels(None) > 20


def test_the_legend_lists_lanes_to_hide_and_move_from_the_keyboard(
        window: MainWindow, qtbot: QtBot) -> None:
    action(window, "actionLegend").trigger()
    listing = window.legend.findChild(QListWidget, "laneList")
    assert listing is not None
    view = window.timeline
    before = _labels(view)
    assert [listing.item(i).text() for i in range(listing.count())] == before
    listing.setFocus()
    listing.setCurrentRow(0)
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    assert _labels(view) == before[1:]
    assert listing.item(0).checkState() == Qt.CheckState.Unchecked  # still listed
    listing.setCurrentRow(2)
    window.legend.lanes.buttons["laneListUp"].click()
    assert _labels(view) == [before[2], before[1]]
    assert listing.currentRow() == 1  # the lane moved keeps the focus
    window.legend.lanes.buttons["laneListCollapse"].click()
    assert "collapsed" in listing.item(1).text()


def test_hidden_lanes_stay_hidden_when_the_file_is_opened_again(
        window: MainWindow, open_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    view = window.timeline
    before = _labels(view)
    view.set_lane_hidden(view.lane_set.lanes[0].key or "", True, before[0])
    path = tmp_path / "hidden.json"
    window.session.save_as(path)
    again = open_window(path)
    assert _labels(again.timeline) == before[1:]


def test_an_export_from_the_file_draws_its_lanes_as_arranged(default_timeline: Path,
                                                              qapp: object) -> None:
    document = load_path(default_timeline).document
    actors = [a.id for a in document.actors]
    document.layout = {"actor": {"order": [actors[2], actors[0]], "hidden": [actors[1]]}}
    prepared = prepare(document, ExportOptions(width=1200))
    assert [lane.key for lane in prepared.layout.frame.lanes] == [actors[2], actors[0]]


@pytest.mark.parametrize("height", [None, 700])
def test_a_collapsed_lane_is_one_thin_row_in_exports_as_in_the_window(
        window: MainWindow, height: int | None) -> None:
    """Collapsed from the lane menu: the window and File > Export Image (which lays out
    the lanes the window arranges) both draw the lane as one row, with its events
    counted in "+N", whether the image's height is chosen or follows its content."""
    view = window.timeline
    geo = view.frame_geometry
    thin = geo.row_height + geo.lane_padding
    key = view.lane_set.lanes[0].key
    options = ExportOptions(width=1200, height=height)
    before = prepare(window.session.document, options, grouping=view.arrangement())
    assert before.layout.frame.lanes[0].y1 - before.layout.frame.lanes[0].y0 > thin
    _right_click_name(view, 0, "laneCollapse")
    assert view.current_frame().lanes[0].y1 - view.current_frame().lanes[0].y0 == thin
    for grouping in (view.arrangement(), None):  # the window's lanes, or the file's
        prepared = prepare(window.session.document, options, grouping=grouping)
        lanes = prepared.layout.frame.lanes
        assert lanes[0].key == key and lanes[0].y1 - lanes[0].y0 == thin
        assert lanes[0].overflow  # the events without room are counted
        assert lanes[1].y1 - lanes[1].y0 > thin


def test_tab_visits_only_the_events_of_the_lanes_shown(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    """Hiding the lanes of Haftar's forces and of Egypt hides the events only they
    hold (Kamel's visit to Haftar); Tab and Shift+Tab walk the others, in time order,
    and never select a hidden one."""
    view = window.timeline
    doc = window.session.document
    hidden_actors = {view.lane_set.lanes[0].key, view.lane_set.lanes[2].key}
    _right_click_name(view, 0, "laneHide")
    qtbot.waitUntil(lambda: len(view.lane_set.lanes) == 2)
    _right_click_name(view, 1, "laneHide")
    qtbot.waitUntil(lambda: len(view.lane_set.lanes) == 1)
    shown = [e for e in doc.events if not set(e.actors) <= hidden_actors]
    assert 0 < len(shown) < len(doc.events)  # the data has an event the lanes hide
    in_time = [e.id for e in sorted(shown, key=lambda e: e.start.to_seconds())]
    window.session.select(in_time[0])
    view.setFocus()
    visited = [window.session.selected_id]
    for _ in range(len(doc.events)):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        if window.session.selected_id != visited[-1]:
            visited.append(window.session.selected_id)
    assert visited == in_time
    for _ in range(len(doc.events)):
        qtbot.keyClick(view, Qt.Key.Key_Backtab)
        if window.session.selected_id != visited[-1]:
            visited.append(window.session.selected_id)
    assert visited[len(in_time) - 1:] == in_time[::-1]
