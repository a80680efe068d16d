"""The overview strip keeps its histogram between paints and draws it again after an edit."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.window.main_window import MainWindow


def strip(window: MainWindow) -> QImage:
    return window.overview.grab().toImage()


def test_an_edit_moves_the_histogram_and_a_pan_only_the_window(
    window: MainWindow, message_boxes: list[QMessageBox],
) -> None:
    session, view = window.session, window.timeline
    before = strip(window)
    view.zoom(3.0)  # the view's rectangle narrows: the strip changes
    zoomed = strip(window)
    assert zoomed != before
    view.zoom(1 / 3.0)
    assert strip(window) == before  # the same histogram, the same window
    events = session.document.events
    by_time = sorted(range(len(events)), key=lambda i: events[i].start_seconds())
    inner = [i for i in by_time[1:-1] if events[i].end is None]  # the span stays the same
    mover, target = inner[0], inner[-1]
    moved = replace(events[mover], start=events[target].start)
    session.undo_stack.push(EditEventCommand(session, events[mover], moved))
    view.zoom_to_fit()
    edited = strip(window)
    assert edited != before  # the bars follow the event
    session.undo_stack.undo()
    view.zoom_to_fit()
    assert strip(window) == before
