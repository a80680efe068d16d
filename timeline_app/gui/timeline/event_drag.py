"""Dragging an event on the timeline: what a press grabs, the preview, the one command.

The timeline view forwards its mouse and key events here while a press holds an event.
Nothing changes in the document until the button is released: meanwhile the view lays
out the ``preview`` (``layout_frame(preview=...)``).  The release pushes one command
("Move “…”" or "Resize “…”"); Esc drops the drag.  The dates themselves come from
``core.view.time_drag``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import Qt

from timeline_app.core.model import Event
from timeline_app.core.view.frame_layout import Frame, HitKind, MarkerBox
from timeline_app.core.view.time_drag import DragPart, dragged
from timeline_app.gui.document.commands import EditEventCommand, command_text
from timeline_app.gui.document.session import DocumentSession

__all__ = ["HANDLE_PX", "NO_SNAP_MODIFIER", "EventDrag", "Grab", "cursor_for", "grab_at",
           "snap_level_of"]

HANDLE_PX = 5.0  # how near a bar's end the pointer must be to resize rather than move
#: Held during a drag, the dates follow the pointer by whole units of their precision
#: instead of snapping to the ticks.
NO_SNAP_MODIFIER = Qt.KeyboardModifier.AltModifier

_VERBS = {DragPart.BODY: "Move", DragPart.START: "Resize", DragPart.END: "Resize"}
_CURSORS = {
    DragPart.BODY: Qt.CursorShape.SizeAllCursor,
    DragPart.START: Qt.CursorShape.SizeHorCursor,
    DragPart.END: Qt.CursorShape.SizeHorCursor,
}


@dataclass(frozen=True, slots=True)
class Grab:
    """An event under the pointer and the part of it a drag would move."""

    index: int  # position in document.events
    part: DragPart


def _box_at(frame: Frame, index: int, lane: int) -> MarkerBox | None:
    """The box of event ``index`` in ``lane`` (markers are sorted by lane)."""
    markers = frame.markers
    lo = bisect.bisect_left(markers, lane, key=lambda m: m.lane)
    hi = bisect.bisect_right(markers, lane, lo, key=lambda m: m.lane)
    return next((m for m in markers[lo:hi] if m.index == index), None)


def grab_at(frame: Frame, x: float, y: float) -> Grab | None:
    """What a press at (x, y) would drag: the ends of a bar resize it, the rest moves."""
    hit = frame.hit(x, y)
    if hit.kind is not HitKind.EVENT:
        return None
    box = _box_at(frame, hit.index, hit.lane)
    if box is not None and box.is_range and box.y0 - 3 <= y <= box.y1 + 3:
        if box.x1 - box.x0 >= 4 * HANDLE_PX:
            near_start, near_end = abs(x - box.x0) <= HANDLE_PX, abs(x - box.x1) <= HANDLE_PX
        else:  # a short bar: its ends are just outside it, so that it can still be moved
            near_start, near_end = x < box.x0, x > box.x1
        if near_start or near_end:
            return Grab(hit.index, DragPart.START if near_start else DragPart.END)
    return Grab(hit.index, DragPart.BODY)


def cursor_for(grab: Grab | None) -> Qt.CursorShape | None:
    """The pointer's shape over what ``grab_at`` found (None: the default arrow)."""
    return None if grab is None else _CURSORS[grab.part]


def snap_level_of(frame: Frame, modifiers: Qt.KeyboardModifier) -> str | None:
    """The tick level a drag snaps to: the finest tier's, unless snapping is held off."""
    if modifiers & NO_SNAP_MODIFIER:
        return None
    return frame.tiers[0].level if frame.tiers and frame.tiers[0].level else None


class EventDrag:
    """One drag of one event, from the press to the release or Esc."""

    def __init__(self, session: DocumentSession, grab: Grab) -> None:
        self.session = session
        self.grab = grab
        self.original: Event = session.document.events[grab.index]
        self.preview: Event = self.original

    def move_to(self, dt: float, level: str | None) -> None:
        """The pointer is ``dt`` seconds from the press: recompute the preview."""
        self.preview = dragged(self.original, self.grab.part, dt, level)

    def dates_text(self) -> str:
        """Where the drag would put the event, for the tooltip that follows the pointer."""
        start, end = self.preview.start, self.preview.end
        if end is None:
            return start.display() + (" – (continuing)" if self.preview.open_end else "")
        return f"{start.display()} – {end.display()}"

    def preview_override(self) -> tuple[int, Event] | None:
        """For ``layout_frame(preview=...)``: None while nothing would change."""
        return None if self.preview == self.original else (self.grab.index, self.preview)

    def commit(self) -> bool:
        """Push the one command of the drag; False if it would change nothing."""
        if self.preview == self.original \
                or self.session.index_of(self.original.id) != self.grab.index \
                or self.session.document.events[self.grab.index] is not self.original:
            return False  # nothing to do, or the event changed meanwhile
        text = command_text(_VERBS[self.grab.part], self.original)
        self.session.undo_stack.push(
            EditEventCommand(self.session, self.original, self.preview, text))
        return True
