"""A click on the timeline repaints the rows of the old and the new selection only, and
what the window shows afterwards is what a whole repaint draws."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from test_timeline_marks import generated
from window_driver import click_event, open_window, view_of

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.frame import HitKind
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def crowded() -> Document:
    """Three lanes, each with more events in a few days than rows (``+N`` pills), and
    ranges through years (summarised as ongoing in a view of days)."""
    actors = [Actor(f"a{k}", f"Actor {k}") for k in range(3)]
    events = [Event(f"c{i}", f"Clash {i} at checkpoint {i % 7}",
                    parse_iso(f"2020-03-{1 + i % 12:02d}T{i % 24:02d}:00"), actors=[f"a{i % 3}"])
              for i in range(500)]
    events += [Event(f"r{k}", f"Siege {k}", parse_iso("2018-01-01"), parse_iso("2022-12-31"),
                     actors=[f"a{k % 3}"]) for k in range(9)]
    return Document("Crowded", [], actors, events)


@pytest.fixture
def window(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path,
           settings: QSettings) -> Iterator[MainWindow]:
    path = tmp_path / "generated.json"
    document = crowded() if getattr(request, "param", "") == "crowded" else generated()
    path.write_text(dumps(document), encoding="utf-8")
    win = open_window(qtbot, path, settings)
    yield win
    win.session.undo_stack.setClean()
    win.close()


def on_screen(win: MainWindow, view: TimelineView) -> QImage:
    """What the window's backing store holds for ``view`` (not a fresh repaint)."""
    at = view.mapTo(win, QPoint(0, 0))
    screen = QApplication.primaryScreen()
    shot = screen.grabWindow(win.winId(), at.x(), at.y(), view.width(), view.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def repainted(view: TimelineView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.parametrize("window", ["generated", "crowded"], indirect=True)
def test_a_click_repaints_two_rows_and_shows_what_a_whole_repaint_draws(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = view_of(window)
    renderer = view.renderer
    paints: list[list[tuple[float, float]] | None] = []
    paint = renderer.paint

    def recording(*args: object, rows: list[tuple[float, float]] | None = None,
                  **kwargs: object) -> None:
        paints.append(rows)
        paint(*args, rows=rows, **kwargs)  # type: ignore[arg-type]

    renderer.paint = recording  # type: ignore[method-assign]
    document = window.session.document
    if document.title == "Crowded":  # a view of five days: pills and ongoing ranges
        day = 86400.0
        start = document.events[0].start_seconds() + 3 * day
        view.set_scale(TimeScale(start, 5 * day / view.time_area_width(),
                                 view.time_area_width()))
        QApplication.processEvents()
        frame = view.current_frame()
        assert any(lane.overflow for lane in frame.lanes)
        assert any(lane.ongoing for lane in frame.lanes)
        hittable = [document.events[box.index].id for box in frame.markers
                    if frame.hit((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2).kind
                    is HitKind.EVENT]
        clicked = hittable[:: max(1, len(hittable) // 6)][:6]
    else:  # e0 has three actors: a box in three lanes; e2 is a range, e3 an approximate day
        clicked = ["e1", "e0", "e3", "e2", "e0", "e5"]
    for event_id in clicked:
        click_event(qtbot, view, event_id)
        qtbot.wait(20)
        QApplication.processEvents()
        assert window.session.selected_id == event_id
        assert on_screen(window, view) == repainted(view), f"after a click on {event_id}"
    partial = [rows for rows in paints if rows is not None]
    assert partial, "no click repainted only some rows"
    for rows in partial:
        assert sum(bottom - top for top, bottom in rows) < view.height() * 0.8


def test_a_selection_that_changes_the_layout_repaints_everything(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = view_of(window)
    click_event(qtbot, view, "e1")
    qtbot.wait(20)
    window.session.select(None)
    QApplication.processEvents()
    frame = view.current_frame()
    requested: list[bool] = []
    update = view.update

    def recording(*args: object) -> None:
        requested.append(not args)  # update() with no region: the whole view
        update(*args)  # type: ignore[arg-type]

    view.update = recording  # type: ignore[method-assign]
    view.set_scale(view.scale.panned(1.0))  # another frame: its rows may differ
    requested.clear()
    window.session.select("e3")
    assert requested == [True]
    assert frame is not view.current_frame()
