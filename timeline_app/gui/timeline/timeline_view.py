"""The zoomable timeline widget: input handling around the shared layout and renderer.

The widget owns only view state (the time scale, grouping, hover, which lane is
expanded).  Layout comes from ``core.frame_layout`` and drawing from ``TimelineRenderer``,
so what the user sees is what export writes.  The frame is laid out once per change of
view or document and reused by paint and hit-testing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from timeline_app.core.view.derived import Applied, Grouping
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.event_traits import EventTraits
from timeline_app.core.view.extent import fit_extent, focus_scale, reveal_scale
from timeline_app.core.view.frame_layout import Frame, FrameGeometry, layout_frame
from timeline_app.core.view.frame_marks import FrameMarks
from timeline_app.core.view.lane_heights import collapsed_heights, plan_lanes
from timeline_app.core.view.lanes import GroupBy, LaneSet
from timeline_app.core.view.time_drag import nudged
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.document.commands import NudgeEventCommand
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.timeline.event_drag import (
    EventDrag,
    Grab,
    snap_level_of,
)
from timeline_app.gui.timeline.lane_gutter import LaneGutter
from timeline_app.gui.timeline.pointer_input import PointerInput
from timeline_app.gui.timeline.renderer import (
    RenderStyle,
    TimelineRenderer,
    lane_colors,
    marker_reach,
)
from timeline_app.gui.timeline.title_widths import TitleWidths

__all__ = ["TimelineView"]

WHEEL_ZOOM_PER_NOTCH = 1.25  # one wheel notch (120 units) zooms by this factor
KEY_ZOOM = 1.5


class TimelineView(LaneGutter, PointerInput, QWidget):
    """Events on a time axis, one lane per actor (or tag, source...)."""

    viewChanged = Signal()  # the visible range changed
    eventActivated = Signal(str)  # double-click on an event: edit it
    # Double-click on an empty spot of a lane: (time in seconds, the lane's key: an actor
    # id, tag or source id as grouped, or None for the lane of events without one).
    laneActivated = Signal(float, object)
    lanesChanged = Signal()

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "Events on a time axis. Wheel to zoom, drag to pan, drag an event to move it, "
            "Tab for the next event."
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(400, 220)
        # The renderer fills every pixel: Qt need not paint what lies beneath first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.session = session
        self.group_by = GroupBy.ACTOR
        self.frame_geometry = FrameGeometry()
        self._renderer = TimelineRenderer(RenderStyle.from_palette(self.palette(), self.font()))
        self._colors: dict[str, QColor] = {}
        self._scale: TimeScale | None = None
        self._frame: Frame | None = None
        self._frame_key: tuple | None = None
        self._hover = -1
        self._expanded = -1
        self._plan: list[dict[int, int]] = []
        self._plan_key: tuple | None = None
        self._heights: list[float] = []
        self._press: QPointF | None = None
        self._press_scale: TimeScale | None = None
        self._panning = False
        self._grab: Grab | None = None  # the event part the press holds, if any
        self._drag: EventDrag | None = None  # that event while it is being dragged
        self.marks: FrameMarks | None = None  # search matches, faded events: set, then update()
        # What a filter shows: the lanes and index of the kept events (see core.view.kept),
        # and a value that changes whenever its answer does.  None: every event.
        self.shown: Callable[[GroupBy], Grouping] | None = None
        self.filter_key: object = None
        self._drag_cancelled = False  # Esc during the press: ignore it until release
        # Until the user navigates, the view keeps the whole timeline fitted, also while
        # the window is first laid out and resized.
        self._auto_fit = True
        self.title_widths = TitleWidths(self)  # labels measured ahead, while idle
        self.traits = EventTraits()  # what the layout reads of events, across frames
        session.documentReset.connect(self._on_document_reset)
        session.eventsChanged.connect(self._on_events_changed)
        session.documentChanged.connect(self._on_document_changed)
        session.selectionChanged.connect(self._on_selection_changed)
        session.settingsChanged.connect(self._on_layout_changed)
        self._on_document_reset()

    # --- public API -------------------------------------------------------------------
    @property
    def renderer(self) -> TimelineRenderer:
        return self._renderer

    def grouping(self) -> Grouping:
        """The lanes and index drawn: those of the events the filter shows."""
        if self.shown is not None:
            return self.shown(self.group_by)
        return self.session.derived.grouping(self.group_by)

    @property
    def lane_set(self) -> LaneSet:
        """The lanes shown: those of the events the filter keeps, as the layout arranges them."""
        return self.arrangement().lane_set

    @property
    def index(self) -> EventIndex:
        """The time index of the events in those lanes."""
        return self.arrangement().index  # type: ignore[return-value]

    @property
    def scale(self) -> TimeScale:
        if self._scale is None:
            self._scale = self._fitted_scale()
        return self._scale

    def set_scale(self, scale: TimeScale) -> None:
        """Show ``scale``: every navigation step comes through here."""
        self._auto_fit = False
        if scale != self._scale:
            self._scale = scale
            self.update()
            self.viewChanged.emit()

    def time_area_width(self) -> int:
        return max(1, int(self.width() - self.frame_geometry.gutter))

    def x_of_time(self, t: float) -> float:
        return self.current_frame().x_of(t)

    def time_at(self, x: float) -> float:
        return self.current_frame().t_of(x)

    def visible_range(self) -> tuple[float, float]:
        """Visible (start, end) in seconds since 1970-01-01."""
        return self.scale.t_left, self.scale.t_right

    def event_rect(self, event_id: str) -> QRectF | None:
        """The event's marker or bar in widget coordinates, or None if it is not drawn."""
        i = self.session.index_of(event_id)
        box = self.current_frame().marker_for(i) if i >= 0 else None
        if box is None:
            return None
        return QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)

    def set_group_by(self, group_by: GroupBy) -> None:
        if group_by != self.group_by:
            self.group_by = group_by
            self.session.derived.grouping(group_by)  # now: the grouping in use from here on
            self._expanded = -1
            self._frame = None
            self.lanesChanged.emit()
            self.update()

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        origin = self.frame_geometry.gutter
        ax = (self.time_area_width() / 2) if anchor_x is None else anchor_x - origin
        self.set_scale(self.scale.zoomed(factor, ax))

    def zoom_in(self) -> None:
        self.zoom(KEY_ZOOM)

    def zoom_out(self) -> None:
        self.zoom(1 / KEY_ZOOM)

    def zoom_to_fit(self) -> None:
        self.collapse_lane()
        self.set_scale(self._fitted_scale())
        self._auto_fit = True

    def collapse_lane(self) -> bool:
        """Give an expanded lane ("+N" clicked) its usual height again; False if none was."""
        if self._expanded < 0:
            return False
        self._expanded = -1
        self.update()
        return True

    def pan_by(self, dx: float) -> None:
        self.set_scale(self.scale.panned(dx))

    def pan_earlier(self) -> None:
        self.pan_by(self.time_area_width() / 8)

    def pan_later(self) -> None:
        self.pan_by(-self.time_area_width() / 8)

    def escape(self) -> None:
        """Esc: cancel a drag in progress, or else give an expanded lane its room back
        and clear the selection."""
        if not self.cancel_drag():
            self.collapse_lane()
            self.session.select(None)

    def focus_selection(self) -> None:
        """Zoom onto the selected event (F)."""
        ev = self.session.selected_event()
        if ev is not None:
            self.set_scale(focus_scale(ev.start.to_seconds(), ev.end_seconds(),
                                       ev.end is not None, self.time_area_width()))

    def scroll_to_event(self, event_id: str) -> None:
        """Bring the event into view without changing the zoom unless it must."""
        ev = self.session.event_by_id(event_id)
        if ev is None:
            return
        t0, t1 = ev.start.to_seconds(), ev.end_seconds()
        self.set_scale(reveal_scale(self.scale, t0, t1))
        if not self.lane_set.event_lanes[self.session.index_of(event_id)]:
            return  # hidden by the filter: no zoom draws it
        # hidden in a "+N" cluster or a density strip: zoom in around it until it is drawn
        for _ in range(24):
            if self.event_rect(event_id) is not None:
                break
            self.set_scale(self.scale.zoomed(2.0, self.scale.x_of((t0 + t1) / 2)))

    def select_neighbour(self, direction: int) -> None:
        """Tab / Shift+Tab: the next or previous event in time."""
        doc = self.session.document
        if not doc.events:
            return
        current = self.session.selected_index()
        if current < 0:
            t = self.scale.t_left if direction > 0 else self.scale.t_right
        else:
            t = doc.events[current].start.to_seconds()
        nxt = self.index.next_event(t, direction, current if current >= 0 else None)
        if nxt is not None:
            event_id = doc.events[nxt].id
            self.session.select(event_id)
            self.scroll_to_event(event_id)

    def pause_idle_work(self, paused: bool) -> None:
        """Stop measuring titles while idle (a save's worker needs the interpreter lock);
        go on where it was with False."""
        self.title_widths.pause(paused)

    def current_frame(self) -> Frame:
        """The laid-out frame for the current view (cached until something changes)."""
        scale, preview = self._frame_inputs()
        if scale != self._scale:
            self._scale = scale
        sel = self.session.selected_index()
        key = self._layout_key(scale, preview)
        if key == self._frame_key and self._frame is not None:
            frame = self._frame.reselected(sel)  # a click: no new layout if none is needed
            if frame is not None:
                self._frame = frame
                return frame
        grouping = self.arrangement()
        plan, heights = self._row_plan()
        self._frame = layout_frame(
            self.session.document, grouping.lane_set, grouping.index, scale, self.width(),
            self.height(), self._renderer.measure, geometry=self.frame_geometry, selected=sel,
            preview=preview, row_plan=plan, lane_heights=heights, marks=self.marks,
            traits=self.traits,
        )
        self._frame_key = key
        return self._frame

    def _frame_inputs(self) -> tuple[TimeScale, object]:
        """The scale at the current width, and the drag's preview (None without one)."""
        preview = self._drag.preview_override() if self._drag is not None else None
        return self.scale.resized(self.time_area_width()), preview

    def _layout_key(self, scale: TimeScale, preview: object) -> tuple:
        """What the laid-out frame depends on, but for the selection."""
        return (self.session.revision, scale, self.width(), self.height(), self.group_by,
                self._expanded, id(self._renderer), preview, id(self.marks), self.filter_key)

    def _row_plan(self) -> tuple[list[dict[int, int]], list[float]]:
        """The rows events have, and the height each lane gets, with the whole timeline
        in view: events keep their rows while the user pans and zooms; both change only
        with the events, the grouping, the window's size or an expanded lane."""
        key = (self.session.revision, self.width(), self.height(), self.group_by,
               self._expanded, id(self._renderer), self.filter_key)
        if key != self._plan_key:
            grouping = self.arrangement()
            self._plan, heights = plan_lanes(
                self.session.document, grouping.lane_set, grouping.index, self._fitted_scale(),
                self.width(), self.height(), self._renderer.measure, self.frame_geometry,
                self._expanded, grouping.collapsed,
            )
            heights = collapsed_heights(heights, grouping.collapsed, self.frame_geometry)
            self._heights, self._plan_key = heights, key
        return self._plan, self._heights

    def nudge_selected(self, direction: int) -> None:
        """Move the selected event one tick of the finest tier earlier (-1) or later (1);
        consecutive nudges of one event are one undo step."""
        event = self.session.selected_event()
        if event is None:
            return
        level = snap_level_of(self.current_frame(), Qt.KeyboardModifier.NoModifier)
        moved = nudged(event, direction, level)
        if moved != event:
            self.session.undo_stack.push(NudgeEventCommand(self.session, event, moved))

    def cancel_drag(self) -> bool:
        """Drop a drag in progress, leaving the event where it was; False if none."""
        if self._drag is None:
            return False
        self._drag = None
        self._grab = None
        self._drag_cancelled = True
        self.unsetCursor()
        QToolTip.hideText()
        self.update()
        return True

    # --- model changes ------------------------------------------------------------------
    def _on_document_reset(self) -> None:
        self._drag = None
        self._grab = None
        self._colors = lane_colors(self.session.document)
        self._expanded = -1
        self._hover = -1
        self._frame = None
        self._scale = self._fitted_scale()
        self._auto_fit = True
        self.title_widths.restart()
        self.viewChanged.emit()
        self.lanesChanged.emit()
        self.update()

    def _on_events_changed(self, applied: Applied) -> None:
        # The frame is keyed by the session's revision: the next paint lays out the edit.
        self.cancel_drag()  # a drag of what was there before would undo the change
        if applied.lanes_changed:
            self._expanded = -1  # its lane may be gone, or another one now
        if applied.index_changed:
            self._frame = None
            self.lanesChanged.emit()  # the overview's histogram moves with it
        self.update()

    def _on_document_changed(self, applied: Applied) -> None:
        # Actors renamed, recoloured or merged: their colours and lanes follow.
        self._colors = lane_colors(self.session.document)
        self._on_events_changed(applied)

    def _on_layout_changed(self) -> None:
        # Lanes moved, hidden, collapsed or recoloured (the frame follows the revision).
        self._expanded = -1
        self.lanesChanged.emit()
        self.update()

    def _on_selection_changed(self, event_id: object) -> None:
        """Repaint the rows of the old and the new selection when the frame shown stays
        the same but for the selection (most clicks); everything otherwise."""
        frame = self._frame
        if frame is None or self._frame_key != self._layout_key(*self._frame_inputs()):
            self.update()
            return
        new = self.session.selected_index()
        if frame.reselected(new) is None:
            self.update()
            return
        reach = marker_reach(frame)
        for box in frame.markers:
            if box.index >= 0 and box.index in (frame.selected, new):
                top = math.floor(box.y0 - reach)
                self.update(QRect(0, top, self.width(), math.ceil(box.y1 + reach) - top + 1))

    # --- geometry helpers ----------------------------------------------------------------
    def _fitted_scale(self) -> TimeScale:
        t0, t1 = fit_extent(self.index.time_range())  # numpy min/max, no pass over events
        return TimeScale.fit(t0, t1, self.time_area_width(), margin=0.0)

    # --- Qt events ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            rows = None
            if event.region() != QRegion(self.rect()):  # a few rows, as after a click
                rows = [(r.top(), r.bottom() + 1) for r in event.region()]
            self._renderer.paint(painter, self.current_frame(), self.session.document,
                                 hover=self._hover,
                                 colors={**self._colors, **self.lane_colour_overrides()},
                                 rows=rows)
            self.paint_lane_drag(painter)
            if self.hasFocus():  # a frame of four 1 px fills: a stroked rectangle's
                color = QColor(self._renderer.style.highlight)  # costs ten times more
                color.setAlphaF(0.6)
                w, h = self.width(), self.height()
                for rect in (QRect(0, 0, w, 1), QRect(0, h - 1, w, 1), QRect(0, 1, 1, h - 2),
                             QRect(w - 1, 1, 1, h - 2)):
                    painter.fillRect(rect, color)
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._auto_fit:
            self._scale = self._fitted_scale()
        super().resizeEvent(event)
        self.viewChanged.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self._renderer = TimelineRenderer(RenderStyle.from_palette(self.palette(),
                                                                       self.font()))
            self._frame = None
            self.update()
        super().changeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            event.ignore()
            return
        factor = math.pow(WHEEL_ZOOM_PER_NOTCH, delta / 120.0)
        self.zoom(factor, event.position().x())
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab move through events in time instead of leaving the view."""
        self.select_neighbour(1 if next else -1)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The window's View actions carry these keys wherever the focus is; this is the
        # view's own fallback when it is used without the window.
        command = {
            Qt.Key.Key_Plus: self.zoom_in, Qt.Key.Key_Equal: self.zoom_in,
            Qt.Key.Key_Minus: self.zoom_out, Qt.Key.Key_Underscore: self.zoom_out,
            Qt.Key.Key_Left: self.pan_earlier, Qt.Key.Key_Right: self.pan_later,
            Qt.Key.Key_Home: self.zoom_to_fit, Qt.Key.Key_F: self.focus_selection,
            Qt.Key.Key_Escape: self.escape,
        }.get(event.key())
        if command is None:
            super().keyPressEvent(event)
            return
        command()
        event.accept()
