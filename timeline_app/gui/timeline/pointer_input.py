"""Pointer input on the timeline: click to select, drag to pan or move an event, hover
for a summary, double-click to edit an event or add one on a lane.

A mixin of ``TimelineView``: it reads the view's frame and session and keeps the press
state (``_press``, ``_grab``, ``_drag``...) that the view initialises.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QToolTip

from timeline_app.core.view.frame import HitKind
from timeline_app.gui.plain_text import one_line, plain_tooltip
from timeline_app.gui.timeline.event_drag import EventDrag, cursor_for, grab_at, snap_level_of

__all__ = ["PointerInput"]

DRAG_THRESHOLD = 4  # pixels before a press becomes a pan


class PointerInput:
    """Mouse handling for ``TimelineView`` (mixed in before ``QWidget``)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.gutter_press(event):  # a lane's name: drag it to move the lane
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press = event.position()
        self._press_scale = self.scale
        self._panning = False
        self._drag_cancelled = False
        self._grab = grab_at(self.current_frame(), self._press.x(), self._press.y())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self.gutter_move(event):
            return
        if self._press is not None and self._press_scale is not None:
            dx = pos.x() - self._press.x()
            if self._drag_cancelled:
                return
            moved = abs(dx) >= DRAG_THRESHOLD or abs(pos.y() - self._press.y()) >= DRAG_THRESHOLD
            if self._grab is not None and (self._drag is not None or moved):
                if self._drag is None:
                    self._drag = EventDrag(self.session, self._grab)
                frame = self.current_frame()
                self._drag.move_to(dx * frame.scale.seconds_per_px,
                                   snap_level_of(frame, event.modifiers()))
                self.setCursor(cursor_for(self._grab) or Qt.CursorShape.ArrowCursor)
                QToolTip.showText(event.globalPosition().toPoint(),
                                  plain_tooltip(self._drag.dates_text()), self)
                self.update()
            elif self._panning or moved:
                self._panning = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.set_scale(self._press_scale.panned(dx))
            return
        hit = self.current_frame().hit(pos.x(), pos.y())
        hover = hit.index if hit.kind is HitKind.EVENT else -1
        if hit.kind is HitKind.EVENT:
            self.setCursor(cursor_for(grab_at(self.current_frame(), pos.x(), pos.y()))
                           or Qt.CursorShape.ArrowCursor)
        elif hit.kind in (HitKind.OVERFLOW, HitKind.DENSITY):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        if hover != self._hover:
            self._hover = hover
            self.update()
            if hover >= 0:
                ev = self.session.document.events[hover]
                when = ev.start.display() + (f" – {ev.end.display()}" if ev.end else
                                             " – (continuing)" if ev.open_end else "")
                where = f"\n{one_line(ev.location)}" if ev.location else ""
                tip = f"{one_line(ev.title or ev.id)}\n{when}{where}"
                QToolTip.showText(event.globalPosition().toPoint(), plain_tooltip(tip), self)
            else:
                QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.gutter_release(event):
            return
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        was_panning, drag, cancelled = self._panning, self._drag, self._drag_cancelled
        self._press = None
        self._press_scale = None
        self._panning = False
        self._grab = None
        self._drag = None
        self._drag_cancelled = False
        self.unsetCursor()
        if drag is not None:
            QToolTip.hideText()
            if not drag.commit():
                self.update()  # the preview goes
            return
        if was_panning or cancelled:
            return
        pos = event.position()
        frame = self.current_frame()
        hit = frame.hit(pos.x(), pos.y())
        if hit.kind is HitKind.EVENT:
            self.session.select(self.session.document.events[hit.index].id)
        elif hit.kind is HitKind.OVERFLOW:
            self._expanded = -1 if self._expanded == hit.lane else hit.lane
            self.update()
        elif hit.kind is HitKind.DENSITY:
            self.zoom(4.0, pos.x())
        else:
            self.session.select(None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        hit = self.current_frame().hit(pos.x(), pos.y())
        if event.button() == Qt.MouseButton.LeftButton and hit.kind is HitKind.EVENT:
            event_id = self.session.document.events[hit.index].id
            self.session.select(event_id)
            self.eventActivated.emit(event_id)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and hit.kind is HitKind.LANE:
            self.laneActivated.emit(hit.t, self.lane_set.lanes[hit.lane].key)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover != -1:
            self._hover = -1
            self.update()
        super().leaveEvent(event)
