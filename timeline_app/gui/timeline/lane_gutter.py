"""The lanes as the analyst arranges them: drag a lane's name in the gutter to move the
lane, right-click it to collapse, hide or colour it.

A mixin of ``TimelineView``.  The arrangement (``core.view.lane_layout``) is part of the
document: each user action is one ``LayoutCommand`` on the undo stack (a drag is pushed
when the button is released), and an actor lane's colour is the actor's own, changed
by ``EditActorCommand`` as in the actors window.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QColorDialog, QMenu

from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.lane_layout import (
    Arrangement,
    LaneLayout,
    arrange,
    lane_key,
    layout_of,
    with_layout,
)
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.document.actor_commands import EditActorCommand
from timeline_app.gui.document.view_settings_commands import LayoutCommand
from timeline_app.gui.plain_text import menu_text, one_line
from timeline_app.gui.timeline.render_style import layout_colors

__all__ = ["LaneGutter"]

DRAG_THRESHOLD = 4  # pixels before a press on a lane's name becomes a drag


class LaneGutter:
    """Lane arrangement for ``TimelineView`` (mixed in before ``QWidget``)."""

    _arranged: tuple[object, object, Arrangement] | None = None
    _lane_press: tuple[int, float] | None = None  # (lane shown, y) of a press on a name
    _lane_drop: int | None = None  # while dragging: the lane shown it would go above

    # --- the arrangement ---------------------------------------------------------------
    def arrangement(self) -> Arrangement:
        """The lanes of the grouping in use, of the events the filter keeps (see
        ``TimelineView.grouping``), as the document's layout arranges them."""
        grouping: Grouping = self.grouping()
        layout = self.session.document.layout
        cached = self._arranged
        if cached is None or cached[0] is not grouping or cached[1] is not layout:
            arranged = arrange(grouping.lane_set, grouping.index,
                               layout_of(layout, self.group_by))
            self._arranged = cached = (grouping, layout, arranged)
        return cached[2]

    def lane_layout(self) -> LaneLayout:
        return layout_of(self.session.document.layout, self.group_by)

    def lane_colour_overrides(self) -> dict[str | None, QColor]:
        """Colours the layout gives lanes that are not actors' (by lane key)."""
        return layout_colors(self.session.document, self.group_by)

    def _all_keys(self) -> list[str]:
        grouping = self.session.derived.grouping(self.group_by)
        return [lane_key(lane) for lane in grouping.lane_set.lanes]

    def _shown_key(self, lane: int) -> str:
        return lane_key(self.arrangement().lane_set.lanes[lane])

    def _shown_label(self, lane: int) -> str:
        return one_line(self.arrangement().lane_set.lanes[lane].label, 40, count=False)

    def set_lane_layout(self, lanes: LaneLayout, text: str) -> None:
        """Make ``lanes`` the arrangement of the grouping in use: one undo step."""
        if lanes == self.lane_layout():
            return
        layout = with_layout(self.session.document.layout, self.group_by, lanes)
        self.session.undo_stack.push(LayoutCommand(self.session, layout, text))

    # --- what the menu and the legend's list do ----------------------------------------
    def move_lane(self, lane: int, before: int | None) -> None:
        """Put lane ``lane`` (as shown) above lane ``before``, at the bottom for None."""
        lanes = self.arrangement().lane_set.lanes
        before_key = None if before is None or before >= len(lanes) else lane_key(lanes[before])
        self.set_lane_layout(self.lane_layout().moved(self._all_keys(), self._shown_key(lane),
                                                      before_key),
                             f"Move Lane “{self._shown_label(lane)}”")

    def move_lane_by(self, lane: int, step: int) -> None:
        """Move Up (-1) or Move Down (1)."""
        n = len(self.arrangement().shown)
        if step < 0 and lane > 0:
            self.move_lane(lane, lane - 1)
        elif step > 0 and lane < n - 1:
            self.move_lane(lane, lane + 2 if lane + 2 < n else None)

    def set_lane_hidden(self, key: str, hidden: bool, label: str) -> None:
        verb = "Hide" if hidden else "Show"
        self.set_lane_layout(self.lane_layout().with_hidden(key, hidden),
                             f"{verb} Lane “{one_line(label, 40, count=False)}”")

    def set_lane_collapsed(self, key: str, collapsed: bool, label: str) -> None:
        verb = "Collapse" if collapsed else "Expand"
        self.set_lane_layout(self.lane_layout().with_collapsed(key, collapsed),
                             f"{verb} Lane “{one_line(label, 40, count=False)}”")

    def show_all_lanes(self) -> None:
        self.set_lane_layout(self.lane_layout().showing_all(), "Show All Lanes")

    def set_lane_colour(self, key: str, colour: QColor, label: str) -> None:
        """An actor's lane: the actor's colour; any other: the layout's colour of it."""
        value = colour.name() if colour.isValid() else ""
        actor = self.session.document.actor(key) if self.group_by is GroupBy.ACTOR else None
        if actor is not None:
            if actor.color != value:
                self.session.undo_stack.push(
                    EditActorCommand(self.session, replace(actor, color=value), "Recolour"))
            return
        self.set_lane_layout(self.lane_layout().with_color(key, value),
                             f"Colour Lane “{one_line(label, 40, count=False)}”")

    def choose_lane_colour(self, lane: int) -> None:
        """Lane Colour…: a colour dialog, starting from the lane's colour."""
        self.choose_colour_of(self._shown_key(lane), self.arrangement().lane_set.lanes[lane].label)

    def choose_colour_of(self, key: str, label: str) -> None:
        """A colour dialog for the lane ``key``, starting from its colour."""
        dialog = QColorDialog(self._colors.get(key or None, QColor("#888888")), self)
        dialog.setObjectName("laneColourDialog")
        dialog.setWindowTitle(f"Colour of {one_line(label, 60, count=False)}")
        dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
        if dialog.exec():
            self.set_lane_colour(key, dialog.currentColor(), label)

    def lane_menu(self, lane: int) -> QMenu:
        """The menu of lane ``lane`` (as shown): what a right-click on its name opens."""
        arranged = self.arrangement()
        key, label = self._shown_key(lane), arranged.lane_set.lanes[lane].label
        collapsed = arranged.collapsed[lane]
        menu = QMenu(self)
        menu.setObjectName("laneMenu")
        menu.setTitle(menu_text(one_line(label, 60, count=False)))

        def add(name: str, text: str, slot, enabled: bool = True) -> None:
            act = menu.addAction(text)
            act.setObjectName(name)
            act.setEnabled(enabled)
            act.triggered.connect(slot)

        add("laneCollapse", "&Expand" if collapsed else "&Collapse",
            partial(self.set_lane_collapsed, key, not collapsed, label))
        add("laneHide", "&Hide Lane", partial(self.set_lane_hidden, key, True, label))
        add("laneShowAll", "Show &All Lanes", self.show_all_lanes,
            len(arranged.shown) < len(arranged.order))
        menu.addSeparator()
        add("laneColour", "Lane C&olour…", partial(self.choose_lane_colour, lane))
        menu.addSeparator()
        add("laneMoveUp", "Move &Up", partial(self.move_lane_by, lane, -1), lane > 0)
        add("laneMoveDown", "Move &Down", partial(self.move_lane_by, lane, 1),
            lane < len(arranged.shown) - 1)
        return menu

    # --- the mouse in the gutter -------------------------------------------------------
    def _gutter_lane(self, pos: QPointF) -> int:
        if pos.x() >= self.frame_geometry.gutter:
            return -1
        return self.current_frame().lane_at(pos.y())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        lane = self._gutter_lane(QPointF(event.pos()))
        if lane < 0:
            super().contextMenuEvent(event)  # type: ignore[misc]
            return
        self.lane_menu(lane).exec(event.globalPos())
        event.accept()

    def gutter_press(self, event: QMouseEvent) -> bool:
        """A left press on a lane's name: the start of a drag; True when it was one."""
        lane = self._gutter_lane(event.position())
        if event.button() != Qt.MouseButton.LeftButton or lane < 0:
            return False
        self._lane_press = (lane, event.position().y())
        self._lane_drop = None
        event.accept()
        return True

    def gutter_move(self, event: QMouseEvent) -> bool:
        if self._lane_press is None:
            if event.buttons() == Qt.MouseButton.NoButton and self._press is None \
                    and self._gutter_lane(event.position()) >= 0:
                self.setCursor(Qt.CursorShape.OpenHandCursor)  # names can be dragged
                if self._hover != -1:
                    self._hover = -1
                    self.update()
                return True
            return False
        _lane, y0 = self._lane_press
        y = event.position().y()
        if self._lane_drop is None and abs(y - y0) < DRAG_THRESHOLD:
            return True
        self._lane_drop = self._drop_at(y)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()
        return True

    def gutter_release(self, event: QMouseEvent) -> bool:
        if self._lane_press is None:
            return False
        lane, _ = self._lane_press
        drop = self._lane_drop
        self._lane_press = self._lane_drop = None
        self.unsetCursor()
        self.update()
        if drop is not None and drop not in (lane, lane + 1):
            n = len(self.arrangement().shown)
            self.move_lane(lane, drop if drop < n else None)
        return True

    def _drop_at(self, y: float) -> int:
        """The lane shown that a lane dropped at ``y`` goes above (``len`` for the end)."""
        lanes = self.current_frame().lanes
        for i, box in enumerate(lanes):
            if y < (box.y0 + box.y1) / 2:
                return i
        return len(lanes)

    def paint_lane_drag(self, painter: QPainter) -> None:
        """The line where a dragged lane would go, and its name's highlight."""
        if self._lane_press is None or self._lane_drop is None:
            return
        lanes = self.current_frame().lanes
        if not lanes:
            return
        lane = lanes[self._lane_press[0]]
        highlight = QColor(self._renderer.style.highlight)
        highlight.setAlphaF(0.18)
        painter.fillRect(QRectF(0, lane.y0, self.frame_geometry.gutter, lane.y1 - lane.y0),
                         highlight)
        drop = self._lane_drop
        y = lanes[drop].y0 if drop < len(lanes) else lanes[-1].y1
        highlight.setAlphaF(1.0)
        painter.fillRect(QRectF(0, y - 1.5, self.width(), 3), highlight)
