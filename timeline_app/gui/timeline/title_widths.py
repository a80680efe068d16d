"""Every title measured once while the window is idle, so that frames find their widths.

With each title, what the layout reads of its event (``core.view.event_traits``) is read
ahead too: a view showing events for the first time then gathers them with numpy.

Laying out a frame measures the label of each event it may label (up to
``FrameGeometry.max_labels``).  ``QFontMetricsF.horizontalAdvance`` costs about 10 µs a
title, and a document of unique titles brings new ones into every new view: 2 to 3 ms of
a frame at a month, more than a sixth of its budget.  After a document is opened, this
measures the titles in slices of a few milliseconds whenever the event loop has nothing
else to do, into the renderer's width cache, which the layout then reads.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from timeline_app.gui.timeline.timeline_view import TimelineView

__all__ = ["TitleWidths"]

#: How long one slice may keep the event loop, in seconds.
SLICE_S = 0.003
#: Titles measured ahead at most: the renderer's cache keeps about that many.
LIMIT = 200_000
#: Events read at a time (about 0.4 ms of unique titles).
CHUNK = 32


class TitleWidths(QObject):
    """Measures the titles of the view's document in the background (idle time)."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self._view = view
        self._next = 0
        self._paused = False  # stopped for a save, to go on after it
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # whenever the event loop is idle
        self._timer.timeout.connect(self._step)

    @property
    def done(self) -> bool:
        return not self._timer.isActive() and not self._paused

    def pause(self, paused: bool) -> None:
        """Stop measuring while a save runs on the worker thread, which shares the
        interpreter lock (a second of measuring after an open of unique titles slowed
        the first save from 0.74 s to 1.4 s); go on where it was after."""
        if paused:
            self._paused = self._paused or self._timer.isActive()
            self._timer.stop()
        elif self._paused:
            self._paused = False
            self._timer.start()

    def restart(self) -> None:
        """Measure the titles of the document now shown (after an open or a new file)."""
        self._next = 0
        self._paused = False
        if self._view.session.document.events:
            self._timer.start()
        else:
            self._timer.stop()

    def _step(self) -> None:
        events = self._view.session.document.events  # edits change it in place
        measure = self._view.renderer.measure
        traits = self._view.traits
        end = min(len(events), LIMIT)
        deadline = time.perf_counter() + SLICE_S
        i = self._next
        while i < end:
            traits.read_ahead(events, i, min(i + CHUNK, end), measure)
            i = min(i + CHUNK, end)
            if time.perf_counter() > deadline:
                break
        self._next = i
        if i >= end:
            self._timer.stop()
