"""What a user does in the window to look around: click events and passages, zoom, pan,
navigate with the keyboard, group the lanes, drag the overview, follow a dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from window_driver import click_event, view_of, wheel

from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.panes.detail_pane import DetailPane
from timeline_app.gui.panes.source_view import SourceView
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow

# Closing a window with unsaved edits asks; in tests the answer is Discard.
pytestmark = pytest.mark.usefixtures("message_boxes")


def test_window_has_named_parts_and_title(window: MainWindow) -> None:
    assert window.findChild(TimelineView, "timelineView") is not None
    assert window.findChild(DetailPane, "detailPane") is not None
    assert window.findChild(SourceView, "sourceView") is not None
    assert window.windowTitle() == "events.json[*] — Conflict Timeline"
    assert not window.isWindowModified()
    assert "5 events" in window.count_label.text()
    assert view_of(window).accessibleName()


def test_clicking_each_event_shows_details_and_highlights_its_citation(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    source = window.source
    for ev in window.session.document.events:
        click_event(qtbot, view, ev.id)
        assert window.session.selected_id == ev.id
        texts = [lbl.text() for lbl in window.detail.findChildren(QLabel)]
        assert ev.title in texts
        assert ev.location in " ".join(texts)
        cit = ev.citations[0]
        assert source.selected_span() == (cit.start, cit.end)
        strong = [s for s in source.highlighted_spans() if s[3]]
        assert {(s[0], s[1]) for s in strong} == {(c.start, c.end) for c in ev.citations}


def test_clicking_empty_timeline_clears_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    click_event(qtbot, view, "ceasefire-5-plus-5")
    frame = view.current_frame()
    empty = QPoint(int(frame.x_origin + 20), int(frame.lanes[-1].y1 - 5))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=empty)
    assert window.session.selected_id is None


def test_clicking_a_highlighted_passage_selects_its_event(
    qtbot: QtBot, window: MainWindow
) -> None:
    doc = window.session.document
    ev = doc.event("kamel-visits-benghazi")
    assert ev is not None
    view = view_of(window)
    view.zoom(40.0, view.x_of_time(doc.events[0].start.to_seconds()))  # event off screen
    source = window.source
    source.show_event(doc.event("offensive-on-tripoli"))
    edit = source.text_edit()
    cit = ev.citations[1]
    cursor = QTextCursor(edit.document())
    cursor.setPosition(source.qt_position(cit.start + 5))
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
    point = edit.cursorRect(cursor).center()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected_id == ev.id
    assert source.selected_span() == (ev.citations[0].start, ev.citations[0].end)
    rect = view.event_rect(ev.id)
    assert rect is not None and 0 <= rect.center().x() <= view.width()


@pytest.mark.parametrize("delta", [120, -120, 360, -240])
def test_wheel_zoom_keeps_the_date_under_the_cursor(window: MainWindow, delta: int) -> None:
    view = view_of(window)
    pos = QPointF(view.width() * 0.63, view.height() / 2)
    t_before = view.time_at(pos.x())
    span_before = view.visible_range()[1] - view.visible_range()[0]
    wheel(view, pos, delta)
    span_after = view.visible_range()[1] - view.visible_range()[0]
    assert (span_after < span_before) == (delta > 0)
    assert abs(view.x_of_time(t_before) - pos.x()) <= 1.0


def test_drag_pans_by_the_distance_dragged(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    t0, t1 = view.visible_range()
    spp = (t1 - t0) / view.time_area_width()
    frame = view.current_frame()
    start = QPoint(int(frame.x_origin + 300), int(frame.lanes[-1].y1 - 8))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for dx in (20, 80, 150, 200):
        qtbot.mouseMove(view, start + QPoint(dx, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    n0, _ = view.visible_range()
    assert n0 == pytest.approx(t0 - 200 * spp, abs=spp)
    assert window.session.selected_id is None  # a drag is not a click


def test_keyboard_navigation(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    view.setFocus()
    order = [ev.id for ev in sorted(window.session.document.events,
                                     key=lambda e: e.start.sort_key())]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.session.selected_id == order[0]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.session.selected_id == order[1]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selected_id == order[0]
    span = view.visible_range()[1] - view.visible_range()[0]
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.visible_range()[1] - view.visible_range()[0] < span
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.visible_range()[1] - view.visible_range()[0] == pytest.approx(span)
    left = view.visible_range()[0]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.visible_range()[0] > left
    qtbot.keyClick(view, Qt.Key.Key_F)
    ev = window.session.selected_event()
    assert ev is not None
    t0, t1 = view.visible_range()
    assert t0 < ev.start.to_seconds() < t1 and t1 - t0 < span


def test_group_by_switches_lanes(window: MainWindow) -> None:
    view = view_of(window)
    assert [lane.label for lane in view.lane_set.lanes][:3] == [
        "Haftar's forces (LNA)", "Government of National Accord (GNA)", "Egypt"]
    # an event with two actors is drawn in both lanes
    frame = view.current_frame()
    i = window.session.document.event_index("withdrawal-from-tripoli")
    assert sorted({m.lane for m in frame.markers if m.index == i}) == [0, 1]
    window.actions_.group_actions[GroupBy.NONE].trigger()
    assert [lane.label for lane in view.lane_set.lanes] == ["All events"]
    window.actions_.group_actions[GroupBy.TAG].trigger()
    tags = sorted({t for ev in window.session.document.events for t in ev.tags})
    assert [lane.label for lane in view.lane_set.lanes] == tags
    assert window.settings.value("view/groupBy") == "tag"


def test_dragging_the_overview_window_moves_the_view(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    view.zoom(8.0)  # a narrow window onto the whole span
    t0, t1 = view.visible_range()
    strip = window.overview
    origin = view.frame_geometry.gutter
    scale = strip._full_scale()
    x = int(origin + scale.x_of((t0 + t1) / 2))
    y = strip.height() // 2
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseMove(strip, QPoint(x + 120, y))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(x + 120, y))
    n0, n1 = view.visible_range()
    assert n1 - n0 == pytest.approx(t1 - t0)
    assert n0 - t0 == pytest.approx(120 * scale.seconds_per_px, rel=0.02)
    # clicking beside the window centres the view there
    target = int(origin + 10)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(target, y))
    c0, c1 = view.visible_range()
    assert (c0 + c1) / 2 == pytest.approx(scale.t_of(target - origin), abs=scale.seconds_per_px)


def test_dark_palette_is_followed(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QPalette

    view = view_of(window)
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 34))
    dark.setColor(QPalette.ColorRole.Window, QColor(40, 40, 44))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    view.setPalette(dark)
    image = view.grab().toImage()
    frame = view.current_frame()
    lane = frame.lanes[0]
    bg = image.pixelColor(int(frame.width - 5), int(lane.y1 - 5))
    assert bg.lightness() < 60
