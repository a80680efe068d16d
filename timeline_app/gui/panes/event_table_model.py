"""The event table's Qt model: one row per event the filter keeps, sorted by one column.

Rows and their order come from the core's ``RowOrder``; a cell's text is made when the
view asks for it, so only the visible rows cost anything.  The model follows the
session: a new document resets it, an edit of one event moves, adds or removes that
one row (never a reset: at 100,000 events a reset loses the view's place), a change of
actors or sources sorts again.  Editing a cell pushes one ``EditEventCommand`` on the
session's undo stack; the row then follows the session's signal like any other edit.

The filter is the window's (``FilterState``, any object with a ``changed`` signal and
``kept_mask()``): the events it leaves out are not listed, whether the timeline hides
or fades them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)

from timeline_app.core.editing.cells import CellError, edit_text, edited, is_editable
from timeline_app.core.model import Event
from timeline_app.core.view.derived import Applied, EventChange
from timeline_app.core.view.event_table import HEADERS, Column, RowOrder, cell_text
from timeline_app.gui.document.commands import EditEventCommand, command_text
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import one_line, plain_tooltip

__all__ = ["EventTableModel", "KeptEvents"]

Role = Qt.ItemDataRole
_DISPLAY, _EDIT, _TOOLTIP, _USER = Role.DisplayRole, Role.EditRole, Role.ToolTipRole, Role.UserRole
_COLUMNS = list(Column)
_CELL_CHARS = 300  # what a cell shows of a long text (the tooltip and editor show more)
_BASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_Index = QModelIndex | QPersistentModelIndex


class KeptEvents(Protocol):
    """What the table asks of the window's filter."""

    changed: SignalInstance

    def kept_mask(self) -> npt.NDArray[np.bool_] | None: ...


class EventTableModel(QAbstractTableModel):
    """The events of ``session`` that ``filters`` keeps; ``updated`` after every change
    of the rows (the view then shows the session's selection again)."""

    updated = Signal()

    def __init__(self, session: DocumentSession, filters: KeptEvents | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.filters = session, filters
        self.changing = False  # rows are being moved, added or removed
        self._removing: tuple[int, Event] | None = None  # (position, event) leaving
        self.order = RowOrder(session.document, Column.DATE, False, self._mask(), self._seconds)
        self.revision = session.revision  # the document's revision the rows show
        session.documentReset.connect(self._on_document_reset)
        session.eventsChanged.connect(self._on_events_changed)
        session.documentChanged.connect(self._on_document_changed)
        if filters is not None:
            filters.changed.connect(self._on_filter_changed)

    # --- reading ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def event_at(self, row: int) -> Event:
        position = self.order.position(row)
        removed = self._removing
        if removed is not None and position >= removed[0]:
            # The document has lost the event; the view asks about its row before the
            # rows follow (``beginRemoveRows``): answer with the rows as they still are.
            return removed[1] if position == removed[0] \
                else self.session.document.events[position - 1]
        return self.session.document.events[position]

    def event_id(self, row: int) -> str:
        return self.event_at(row).id

    def row_of_id(self, event_id: str | None) -> int:
        """The row listing the event with ``event_id``; -1 when none does."""
        return self.order.display_row_of(self.session.index_of(event_id))

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if (role != _DISPLAY and role != _EDIT and role != _TOOLTIP and role != _USER) \
                or not 0 <= index.row() < len(self.order):
            return None
        event = self.event_at(index.row())
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return one_line(cell_text(event, column, self.order.names), _CELL_CHARS,
                            count=False)
        if role == _EDIT:
            return edit_text(event, column.field) if is_editable(event, column.field) else None
        if role == _TOOLTIP:
            return plain_tooltip(cell_text(event, column, self.order.names))
        return event.id

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return HEADERS[_COLUMNS[section]]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self.order):
            return Qt.ItemFlag.NoItemFlags
        if is_editable(self.event_at(index.row()), _COLUMNS[index.column()].field):
            return _BASE_FLAGS | Qt.ItemFlag.ItemIsEditable
        return _BASE_FLAGS

    # --- editing ---------------------------------------------------------------------------
    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        return role == _EDIT and self.edit_cell(index, str(value)) is None

    def edit_cell(self, index: _Index, text: str) -> str | None:
        """Store ``text`` in the cell as one undoable edit; the reason when it cannot be."""
        event = self.event_at(index.row())
        column = _COLUMNS[index.column()]
        try:
            after = edited(event, column.field, text)
        except CellError as error:
            return str(error)
        if after is not event:
            what = command_text(f"Edit {HEADERS[column].lower()} of", event)
            self.session.undo_stack.push(EditEventCommand(self.session, event, after, what))
        return None

    # --- order -----------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        by = _COLUMNS[column] if 0 <= column < len(_COLUMNS) else None
        descending = order == Qt.SortOrder.DescendingOrder
        self._relayout(lambda: self.order.sort(by, descending))

    def _relayout(self, change: Callable[[], None]) -> None:
        """Rows reordered or filtered: the view's current row and selection stay on
        their events (and go where an event is no longer listed)."""
        self.changing = True
        try:
            self.layoutAboutToBeChanged.emit()
            kept = self.persistentIndexList()
            positions = [self.order.position(i.row()) for i in kept]
            change()
            moved = [QModelIndex() if (row := self.order.display_row_of(p)) < 0
                     else self.index(row, i.column()) for i, p in zip(kept, positions, strict=True)]
            self.changePersistentIndexList(kept, moved)
            self.layoutChanged.emit()
        finally:
            self.changing = False
        self.updated.emit()

    def _seconds(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Every event's start and end, as the timeline's index keeps them (made on the
        loader's thread): ordering 100,000 rows by date then reads no event."""
        index = self.session.derived.grouping().index
        return index.starts, index.ends

    def _mask(self) -> npt.NDArray[np.bool_] | None:
        return None if self.filters is None else self.filters.kept_mask()

    # --- following the session ---------------------------------------------------------------
    def _on_document_reset(self) -> None:
        self.changing = True
        self.beginResetModel()
        self.order = RowOrder(self.session.document, self.order.column, self.order.descending,
                              self._mask(), self._seconds)
        self.revision = self.session.revision
        self.endResetModel()
        self.changing = False
        self.updated.emit()

    def _on_filter_changed(self) -> None:
        if self.session.revision != self.revision:
            # The document changed and the filter says so first: the change itself
            # reaches the model next (and asks the filter then).  Should it not, catch up.
            QTimer.singleShot(0, self, self._catch_up)
            return
        self._relayout(lambda: self.order.refilter(self._mask()))

    def _catch_up(self) -> None:
        if self.session.revision != self.revision:
            self._on_document_reset()

    def _on_document_changed(self, applied: Applied) -> None:
        """Actors or sources edited: names in cells and the order they give change."""
        def again() -> None:
            self.order.renamed()
            self.order.refilter(self._mask())
        self.revision = self.session.revision
        self._relayout(again)
        if len(self.order):
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.order) - 1, len(_COLUMNS) - 1))

    def _on_events_changed(self, applied: Applied) -> None:
        change = applied.change
        if not isinstance(change, EventChange) or self.session.document is not self.order.document:
            self._on_document_reset()
            return
        self.changing = True
        try:
            self._apply(change)
        finally:
            self.changing = False
            self.revision = self.session.revision
        self.updated.emit()

    def _apply(self, change: EventChange) -> None:
        order, p = self.order, change.index
        if change.after is None:  # removed
            assert change.before is not None
            row = order.display_row_of(p)
            if row >= 0:
                self._removing = (p, change.before)
                try:
                    self.beginRemoveRows(QModelIndex(), row, row)
                finally:
                    self._removing = None
            order.removed(p)
            if row >= 0:
                self.endRemoveRows()
            return
        mask = self._mask()
        kept = mask is None or bool(mask[p])
        if change.before is None:
            order.inserted(p)
        else:
            order.replaced(p)
        row = order.display_row_of(p)
        if row >= 0 and not kept:
            self.beginRemoveRows(QModelIndex(), row, row)
            order.unlisted(p)
            self.endRemoveRows()
        elif row < 0 and kept:
            at = order.insertion_row(p)
            shown = len(order) - at if order.descending else at
            self.beginInsertRows(QModelIndex(), shown, shown)
            order.listed(p, at)
            self.endInsertRows()
        elif row >= 0:
            self._move(p, row)

    def _move(self, position: int, row: int) -> None:
        """The listed event at ``position`` changed: its row, or where it now sorts."""
        order = self.order
        now, to = order.moved_row(position)
        if now != to:
            last = len(order) - 1
            final = last - to if order.descending else to
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(),
                               final if final < row else final + 1)
            order.move(position, to)
            self.endMoveRows()
            row = final
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(_COLUMNS) - 1))
