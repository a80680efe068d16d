"""A checkable list of values (actors, tags, outlets, places) with their counts.

A document of 100,000 events names thousands of places, so the list is model/view: one
``QListView`` over a model of plain rows, never a widget per value, with a box that
narrows it to the values containing what is typed.  Each row shows how many events the
rest of the filter keeps that hold the value; a row none of them holds is greyed, and
stays in place, so that rows do not jump while the user ticks.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette, QPixmap
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from timeline_app.gui.plain_text import one_line, plain_tooltip

__all__ = ["ValueList", "ValueListModel"]

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1  # the value's label alone: what the box filters on
Index = QModelIndex | QPersistentModelIndex


class ValueListModel(QAbstractListModel):
    """Rows of ``(value, label, count)``; ``checked`` holds the ticked values."""

    checkedChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, int]] = []
        self.checked: set[str] = set()
        self.colors: dict[str, QColor] = {}
        self._grey = QColor()
        self._swatches: dict[int, QPixmap] = {}

    def set_rows(self, rows: list[tuple[str, str, int]]) -> None:
        """Show ``rows``; when they hold the same values as before only the counts are
        redrawn, so the scroll position and the current row stay."""
        if [r[:2] for r in rows] == [r[:2] for r in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def _swatch(self, value: str) -> QPixmap | None:
        """A small square of the value's colour (an actor's lane colour), if it has one."""
        color = self.colors.get(value)
        if color is None:
            return None
        swatch = self._swatches.get(color.rgba())
        if swatch is None:
            swatch = self._swatches[color.rgba()] = QPixmap(10, 10)
            swatch.fill(color)
        return swatch

    def set_checked(self, values: set[str]) -> None:
        if values != self.checked:
            self.checked = set(values)
            if self.rows:
                self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value, label, count = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{one_line(label, 120)}   {count:,}"
        if role == LABEL_ROLE:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{label}: {count:,} event{'s' if count != 1 else ''}")
        if role == Qt.ItemDataRole.ForegroundRole and count == 0 and value not in self.checked:
            return self._grey
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self.rows[index.row()][0]
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        if state == Qt.CheckState.Checked:
            self.checked.add(key)
        else:
            self.checked.discard(key)
        self.dataChanged.emit(index, index, [role])
        self.checkedChanged.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)


class ValueList(QWidget):
    """A box to narrow the list, and the list; ``model.checkedChanged`` on every tick."""

    def __init__(self, name: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model = ValueListModel(self)
        self.model._grey = self.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(LABEL_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.box = QLineEdit(objectName=f"{name}Find")
        self.box.setPlaceholderText(f"Find {what}…")
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView(objectName=f"{name}List")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)  # thousands of rows: no per-row measuring
        self.view.setAccessibleName(what.capitalize())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.view, 1)

    def row_of(self, value: str) -> QModelIndex:
        """The view's index of ``value``'s row (invalid when the box hides it)."""
        for i, row in enumerate(self.model.rows):
            if row[0] == value:
                return self.proxy.mapFromSource(self.model.index(i))
        return QModelIndex()
