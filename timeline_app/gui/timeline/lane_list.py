"""The lanes as a list at the top of the legend dock: the keyboard's way to arrange them.

Every lane of the grouping in use, hidden ones too, in the order the timeline shows
them, each with its colour; its check box shows or hides it (Space), and the buttons
move, collapse or recolour the current one.  It does what the lane menu of the
timeline's gutter does, through the same view methods, so each action is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.view.lane_layout import lane_key
from timeline_app.gui.plain_text import one_line
from timeline_app.gui.timeline.timeline_view import TimelineView

__all__ = ["LaneList"]


def _swatch(colour: QColor | None) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour if colour is not None else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class LaneList(QWidget):
    """Check boxes and buttons over the lanes of ``view``."""

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laneListPanel")
        self.view = view
        self.list = QListWidget(self)
        self.list.setObjectName("laneList")
        self.list.setAccessibleName("Lanes")
        self.list.setToolTip("Untick a lane to hide it (Space); the buttons move, collapse "
                             "or colour the selected lane")
        self.list.setMaximumHeight(180)
        self._filling = False
        self._keys: list[str] = []
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("laneListUp", "&Up", lambda: self._move(-1)),
            ("laneListDown", "&Down", lambda: self._move(1)),
            ("laneListCollapse", "Co&llapse", self._toggle_collapse),
            ("laneListColour", "Colou&r…", self._colour),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.list.itemChanged.connect(self._checked)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        view.lanesChanged.connect(self.refresh)
        view.session.documentChanged.connect(lambda *_: self.refresh())  # actor colours
        self.refresh()

    def refresh(self) -> None:
        """Build the list again from the view's arrangement."""
        view = self.view
        arranged = view.arrangement()
        grouping = view.session.derived.grouping(view.group_by)
        lanes = grouping.lane_set.lanes
        colours = {**view._colors, **view.lane_colour_overrides()}
        layout = view.lane_layout()
        current = self._keys[self.list.currentRow()] if 0 <= self.list.currentRow() < len(
            self._keys) else None
        self._filling = True
        self.list.clear()
        self._keys = [lane_key(lanes[i]) for i in arranged.order]
        for i in arranged.order:
            lane, key = lanes[i], lane_key(lanes[i])
            text = one_line(lane.label, 80)
            if key in layout.collapsed:
                text += " (collapsed)"
            item = QListWidgetItem(_swatch(colours.get(lane.key)), text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if key in layout.hidden
                               else Qt.CheckState.Checked)
            self.list.addItem(item)
        if current in self._keys:
            self.list.setCurrentRow(self._keys.index(current))
        self._filling = False
        self._enable()

    def _label(self, row: int) -> str:
        return self.list.item(row).text().removesuffix(" (collapsed)")

    def _enable(self) -> None:
        has = 0 <= self.list.currentRow() < len(self._keys)
        for button in self.buttons.values():
            button.setEnabled(has)

    def _checked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        row = self.list.row(item)
        self.list.setCurrentRow(row)
        self.view.set_lane_hidden(self._keys[row], item.checkState() != Qt.CheckState.Checked,
                                  self._label(row))

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        keys = self._keys
        if not 0 <= row < len(keys) or not 0 <= row + step < len(keys):
            return
        before = keys[row - 1] if step < 0 else (keys[row + 2] if row + 2 < len(keys) else None)
        view = self.view
        all_keys = [lane_key(lane) for lane in
                    view.session.derived.grouping(view.group_by).lane_set.lanes]
        view.set_lane_layout(view.lane_layout().moved(all_keys, keys[row], before),
                             f"Move Lane “{one_line(self._label(row), 40, count=False)}”")

    def _toggle_collapse(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._keys):
            key = self._keys[row]
            self.view.set_lane_collapsed(key, key not in self.view.lane_layout().collapsed,
                                         self._label(row))

    def _colour(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._keys):
            self.view.choose_colour_of(self._keys[row], self._label(row))
