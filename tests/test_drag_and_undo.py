"""Dragging events in time and the undo history, as a user does them in the window."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMessageBox,
    QToolBar,
    QToolTip,
    QUndoView,
)
from pytestqt.qtbot import QtBot
from window_driver import action

from timeline_app.core.dates.partial import Precision, parse_iso
from timeline_app.core.fileformat.storage import encode_document
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame_layout import layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.ticks import nearest_tick
from timeline_app.core.view.time_drag import DragPart, date_at
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.timeline.event_drag import grab_at
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow

TARHUNA = "liberation-of-tarhuna"  # a point, 2020-06-05
TARHUNA_TITLE = "GNA announces the liberation of Tarhuna"
OFFENSIVE = "offensive-on-tripoli"  # a range, 2019-04-04 to 2020-06-04
DAY = 86400.0


@pytest.fixture
def timeline_copy(tmp_path: Path, default_timeline: Path) -> Path:
    path = tmp_path / "events.json"
    shutil.copyfile(default_timeline, path)
    return path


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard.value)


def view_of(win: MainWindow) -> TimelineView:
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    return view


def show_days_around(view: TimelineView, iso: str, days: float = 20,
                     level: str = "days") -> None:
    """Zoom to ``days`` around ``iso``, where the finest tier is ``level``."""
    t = parse_iso(iso).to_seconds()
    view.set_scale(TimeScale.fit(t - days / 2 * DAY, t + days / 2 * DAY, view.time_area_width()))
    assert view.current_frame().tiers[0].level == level


def event(win: MainWindow, event_id: str) -> Event:
    ev = win.session.document.event(event_id)
    assert ev is not None
    return ev


def centre(view: TimelineView, event_id: str) -> QPoint:
    rect = view.event_rect(event_id)
    assert rect is not None, f"{event_id} is not drawn"
    return rect.center().toPoint()


def drag(qtbot: QtBot, view: TimelineView, start: QPoint, dx: int, *,
         release: bool = True) -> None:
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for step in (2, 6, dx // 2, dx):
        qtbot.mouseMove(view, start + QPoint(step, 0))
    if release:
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


def send_drag(view: TimelineView, start: QPoint, dx: int,
              modifiers: Qt.KeyboardModifier) -> None:
    """A drag with a modifier held (qtbot's mouseMove takes none)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QEvent.Type, x: int, button: Qt.MouseButton,
             buttons: Qt.MouseButton) -> None:
        pos = QPointF(start.x() + x, start.y())
        QApplication.sendEvent(view, QMouseEvent(kind, pos, view.mapToGlobal(pos), button,
                                                 buttons, modifiers))

    send(QEvent.Type.MouseButtonPress, 0, left, left)
    for x in (6, dx // 2, dx):
        send(QEvent.Type.MouseMove, x, none, left)
    send(QEvent.Type.MouseButtonRelease, dx, left, none)


def test_dragging_an_event_moves_it_by_whole_days_as_one_undo_command(
    qtbot: QtBot, window: MainWindow
) -> None:
    view, stack = view_of(window), window.session.undo_stack
    show_days_around(view, "2020-06-05")
    before = event(window, TARHUNA)
    start = centre(view, TARHUNA)
    px_per_day = view.x_of_time(DAY) - view.x_of_time(0)
    dx = round(3.2 * px_per_day)

    drag(qtbot, view, start, dx, release=False)
    # while dragging: drawn at the new date, nothing committed
    assert stack.count() == 0 and event(window, TARHUNA) is before
    moved_rect = view.event_rect(TARHUNA)
    assert moved_rect is not None
    assert moved_rect.center().x() == pytest.approx(
        view.x_of_time(parse_iso("2020-06-08").to_seconds() + DAY / 2), abs=1)
    assert not window.isWindowModified()
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))

    after = event(window, TARHUNA)
    assert after.start == parse_iso("2020-06-08")  # a day, snapped to days
    assert replace(after, start=before.start) == before  # nothing else changed
    assert stack.count() == 1
    assert stack.undoText() == f"Move “{TARHUNA_TITLE}”"
    assert action(window, "actionUndo").text() == f"&Undo Move “{TARHUNA_TITLE}”"
    assert window.session.selected_id == TARHUNA
    assert window.isWindowModified()

    action(window, "actionUndo").trigger()
    assert event(window, TARHUNA) == before
    assert not window.isWindowModified()
    action(window, "actionRedo").trigger()
    assert event(window, TARHUNA).start == parse_iso("2020-06-08")


def test_a_month_precision_date_moves_by_months(qtbot: QtBot, window: MainWindow) -> None:
    view, session = view_of(window), window.session
    before = event(window, TARHUNA)
    month = replace(before, start=parse_iso("2020-06"))
    session.undo_stack.push(EditEventCommand(session, before, month))
    show_days_around(view, "2020-06-20", days=60, level="weeks")
    rect = view.event_rect(TARHUNA)
    assert rect is not None
    drag(qtbot, view, rect.center().toPoint(), round(view.x_of_time(40 * DAY)
                                                     - view.x_of_time(0)))
    assert event(window, TARHUNA).start.iso() == "2020-07"


def test_dragging_a_bar_end_resizes_it_snapped_to_the_ticks(
    qtbot: QtBot, window: MainWindow
) -> None:
    view, stack = view_of(window), window.session.undo_stack
    before = event(window, OFFENSIVE)
    view.set_scale(TimeScale.fit(parse_iso("2019-10").to_seconds(),
                                 parse_iso("2020-10").to_seconds(), view.time_area_width()))
    level = view.current_frame().tiers[0].level
    assert level == "months"
    rect = view.event_rect(OFFENSIVE)
    assert rect is not None
    handle = QPoint(int(rect.right()) - 1, int(rect.center().y()))
    body = QPoint(int(rect.center().x()), int(rect.center().y()))
    qtbot.mouseMove(view, body)
    assert view.cursor().shape() == Qt.CursorShape.SizeAllCursor
    qtbot.mouseMove(view, handle)
    assert view.cursor().shape() == Qt.CursorShape.SizeHorCursor

    px_per_day = view.x_of_time(DAY) - view.x_of_time(0)
    drag(qtbot, view, handle, round(45 * px_per_day))  # 5 June + 45 days: nearest 1 August
    after = event(window, OFFENSIVE)
    assert after.start == before.start and after.end is not None
    assert after.end.precision is before.end.precision  # still a day
    assert after.end.end_seconds() == nearest_tick(level, after.end.end_seconds())
    assert after.end.iso() == "2020-07-31"
    assert stack.count() == 1 and stack.undoText() == "Resize “Haftar's offensive on Tripoli”"
    action(window, "actionUndo").trigger()
    assert event(window, OFFENSIVE) == before

    view.set_scale(TimeScale.fit(parse_iso("2019-01").to_seconds(),
                                 parse_iso("2019-12").to_seconds(), view.time_area_width()))
    assert view.current_frame().tiers[0].level == "months"
    px_per_day = view.x_of_time(DAY) - view.x_of_time(0)
    rect = view.event_rect(OFFENSIVE)
    assert rect is not None
    drag(qtbot, view, QPoint(int(rect.left()) + 1, int(rect.center().y())),
         round(-20 * px_per_day))  # 4 April - 20 days: nearest 1 March
    resized = event(window, OFFENSIVE)
    assert resized.start.iso() == "2019-03-01" and resized.end == before.end


def test_escape_cancels_a_drag(qtbot: QtBot, window: MainWindow) -> None:
    view, stack = view_of(window), window.session.undo_stack
    show_days_around(view, "2020-06-05")
    before = event(window, TARHUNA)
    visible = view.visible_range()
    start = centre(view, TARHUNA)
    drag(qtbot, view, start, 120, release=False)
    assert centre(view, TARHUNA).x() > start.x() + 100  # the preview follows
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert abs(centre(view, TARHUNA).x() - start.x()) <= 1  # back where it was
    qtbot.mouseMove(view, start + QPoint(200, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    assert stack.count() == 0
    assert event(window, TARHUNA) is before
    assert view.visible_range() == visible  # nor did the rest of the drag pan


def test_alt_turns_snapping_off(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    view.set_scale(TimeScale.fit(parse_iso("2020-01").to_seconds(),
                                 parse_iso("2020-12").to_seconds(), view.time_area_width()))
    assert view.current_frame().tiers[0].level == "months"
    px_per_day = view.x_of_time(DAY) - view.x_of_time(0)
    dx = round(10 * px_per_day)
    send_drag(view, centre(view, TARHUNA), dx, Qt.KeyboardModifier.AltModifier)
    moved = event(window, TARHUNA).start
    assert moved.precision is parse_iso("2020-06-05").precision
    assert abs(moved.to_seconds() - parse_iso("2020-06-15").to_seconds()) <= DAY
    action(window, "actionUndo").trigger()
    send_drag(view, centre(view, TARHUNA), dx, Qt.KeyboardModifier.NoModifier)
    assert event(window, TARHUNA).start == parse_iso("2020-06-01")  # the nearest month tick


def test_click_still_selects_and_empty_drag_still_pans(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    show_days_around(view, "2020-06-05")
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre(view, TARHUNA))
    assert window.session.selected_id == TARHUNA
    assert window.session.undo_stack.count() == 0
    t0 = view.visible_range()[0]
    frame = view.current_frame()
    empty = QPoint(int(frame.x_origin + 20), int(frame.lanes[-1].y1 - 4))
    drag(qtbot, view, empty, 100)
    assert view.visible_range()[0] < t0
    assert window.session.undo_stack.count() == 0


def test_nudges_of_one_event_merge_into_one_command(qtbot: QtBot, window: MainWindow) -> None:
    view, stack = view_of(window), window.session.undo_stack
    show_days_around(view, "2020-06-05")
    later, earlier = action(window, "actionNudgeLater"), action(window, "actionNudgeEarlier")
    assert not later.isEnabled()
    window.session.select(TARHUNA)
    assert later.isEnabled()
    for _ in range(3):
        later.trigger()
    assert event(window, TARHUNA).start == parse_iso("2020-06-08")
    assert stack.count() == 1 and stack.undoText() == f"Nudge “{TARHUNA_TITLE}”"
    earlier.trigger()
    assert stack.count() == 1
    action(window, "actionUndo").trigger()
    assert event(window, TARHUNA).start == parse_iso("2020-06-05")
    assert not window.isWindowModified()
    # another event's nudge is a step of its own; nudging back to the start cancels out
    action(window, "actionRedo").trigger()
    window.session.select("withdrawal-from-tripoli")
    later.trigger()
    earlier.trigger()
    assert stack.count() == 1


def test_the_history_panel_lists_every_command_and_steps_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    dock = window.findChild(QDockWidget, "undoHistoryDock")
    history = window.findChild(QUndoView, "undoHistoryView")
    assert dock is not None and history is not None
    toggle = action(window, "actionUndoHistory")
    assert toggle in window.menuBar().actions()[2].menu().actions()  # View menu
    assert not dock.isVisible()
    toggle.trigger()
    assert dock.isVisible()
    show_days_around(view, "2020-06-05")
    drag(qtbot, view, centre(view, TARHUNA), round(view.x_of_time(2 * DAY) - view.x_of_time(0)))
    action(window, "actionNudgeLater").trigger()
    model = history.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert rows == ["As opened", f"Move “{TARHUNA_TITLE}”", f"Nudge “{TARHUNA_TITLE}”"]
    history.setCurrentIndex(model.index(0, 0))  # click the first row
    assert window.session.undo_stack.index() == 0
    assert event(window, TARHUNA).start == parse_iso("2020-06-05")
    assert not window.isWindowModified()


def test_undoing_every_kind_of_edit_gives_back_the_file(
    qtbot: QtBot, window: MainWindow, timeline_copy: Path
) -> None:
    view, session = view_of(window), window.session
    on_disk = timeline_copy.read_bytes()
    show_days_around(view, "2020-06-05")
    drag(qtbot, view, centre(view, TARHUNA), 90)  # move
    action(window, "actionNudgeLater").trigger()  # nudge
    view.set_scale(TimeScale.fit(parse_iso("2019-01").to_seconds(),
                                 parse_iso("2020-12").to_seconds(), view.time_area_width()))
    rect = view.event_rect(OFFENSIVE)
    assert rect is not None
    drag(qtbot, view, QPoint(int(rect.right()) - 1, int(rect.center().y())), 40)  # resize
    ceasefire = event(window, "ceasefire-5-plus-5")
    session.undo_stack.push(EditEventCommand(session, ceasefire,
                                             replace(ceasefire, title="Renamed")))  # edit
    session.select("kamel-visits-benghazi")
    window.delete_selected()  # delete
    assert session.undo_stack.count() == 5
    assert encode_document(session.document, "x") != on_disk
    undo = action(window, "actionUndo")
    while undo.isEnabled():
        undo.trigger()
    assert session.undo_stack.isClean()
    assert not window.isWindowModified()
    assert encode_document(session.document, "x") == on_disk


def test_the_toolbar_keeps_its_size_when_the_undo_step_changes(window: MainWindow) -> None:
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert toolbar is not None
    hint = toolbar.sizeHint()
    session = window.session
    before = event(window, TARHUNA)
    long_title = "A very long title <b>with markup</b> " * 6
    session.undo_stack.push(EditEventCommand(session, before, replace(before, title=long_title)))
    undo = action(window, "actionUndo")
    assert "with markup" in undo.text()  # the menu names the step
    assert undo.iconText() == "Undo"
    assert toolbar.widgetForAction(undo).text() == "Undo"
    assert "&lt;b&gt;with markup" in undo.toolTip()  # named, as plain text
    assert toolbar.sizeHint() == hint
    undo.trigger()
    assert action(window, "actionRedo").iconText() == "Redo"
    assert toolbar.sizeHint() == hint


def test_an_edit_during_a_drag_cancels_the_drag(qtbot: QtBot, window: MainWindow) -> None:
    view, session = view_of(window), window.session
    show_days_around(view, "2020-06-05")
    before = event(window, TARHUNA)
    start = centre(view, TARHUNA)
    drag(qtbot, view, start, 100, release=False)
    other = event(window, "withdrawal-from-tripoli")
    session.undo_stack.push(EditEventCommand(session, other, replace(other, title="Renamed")))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 0))
    assert session.undo_stack.count() == 1
    assert event(window, TARHUNA) is before


@pytest.mark.parametrize(("width_days", "offsets"), [
    (2, {"before": DragPart.START, "middle": DragPart.BODY, "after": DragPart.END}),
    (200, {"start": DragPart.START, "middle": DragPart.BODY, "end": DragPart.END}),
])
def test_what_a_press_on_a_bar_grabs(width_days: int, offsets: dict[str, DragPart]) -> None:
    doc = Document("t", [], [Actor("a", "A")], [
        Event("r", "Range", parse_iso("2020-03-01"),
              date_at(parse_iso("2020-03-01").to_seconds() + (width_days - 1) * DAY,
                      Precision.DAY), ["a"])])
    lanes = build_lanes(doc, GroupBy.ACTOR)
    scale = TimeScale.fit(parse_iso("2019-01").to_seconds(), parse_iso("2021-01").to_seconds(),
                          1000)
    frame = layout_frame(doc, lanes, EventIndex.build(doc, lanes), scale, 1176, 400,
                         lambda text: 7.0 * len(text))
    box = frame.marker_for(0)
    assert box is not None
    y = (box.y0 + box.y1) / 2
    xs = {"before": box.x0 - 2, "after": box.x1 + 2, "start": box.x0 + 2, "end": box.x1 - 2,
          "middle": (box.x0 + box.x1) / 2}
    for where, part in offsets.items():
        grab = grab_at(frame, xs[where], y)
        assert grab is not None and grab.part is part, where
    assert grab_at(frame, box.x1 + 40, box.y1 + 30) is None


def test_the_dates_a_drag_would_give_follow_the_pointer(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    show_days_around(view, "2020-06-05")
    start = centre(view, TARHUNA)
    drag(qtbot, view, start, round(3.2 * (view.x_of_time(DAY) - view.x_of_time(0))),
         release=False)
    assert QToolTip.isVisible() and "8 June 2020" in QToolTip.text()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # Qt hides a tooltip after a moment
