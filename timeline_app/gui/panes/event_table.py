"""View > Event Table: every event the filter keeps, one row each, in a dock.

A ``QTableView`` over ``EventTableModel``: rows of one height, no widget per row, so a
table of 100,000 events scrolls as fast as one of ten.  Click a header to sort by it
(the date column sorts by time).  The selection is the session's: choosing a row
selects its event (the window then brings it into view on the timeline), and selecting
an event anywhere selects and shows its row.

Double-click or F2 on a title, location, tags (comma-separated) or date cell edits it in
place, as one undoable change; text that cannot be stored is refused with the reason.
Enter, or a double-click on a cell not edited in place (actors, sources, precision),
opens the event editor.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from timeline_app.core.view.event_table import Column
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.panes.event_table_model import EventTableModel, KeptEvents
from timeline_app.gui.plain_text import inform

__all__ = ["EventTable", "EventTableDock"]

Key = Qt.Key
_Index = QModelIndex | QPersistentModelIndex
# Keys the table keeps for itself when it has the focus, although the window gives them
# to the timeline elsewhere (pan, fit): in a table they move between cells.
_TABLE_KEYS = frozenset({Key.Key_Left, Key.Key_Right, Key.Key_Home, Key.Key_End})
MIN_HEIGHT = 300  # pixels: a dozen rows
_WIDTHS = {Column.DATE: 240, Column.TITLE: 380, Column.ACTORS: 170, Column.LOCATION: 130,
           Column.TAGS: 140, Column.SOURCES: 170, Column.PRECISION: 150}


class _CellDelegate(QStyledItemDelegate):
    """Stores an edited cell through the model, and says why when it cannot."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == Column.DATE:
            editor.setPlaceholderText("2020-06-04, June 2020, or a range: 2020-06 – 2020-08")
        elif index.column() == Column.TAGS:
            editor.setPlaceholderText("tags, separated by commas")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if not isinstance(editor, QLineEdit) or not isinstance(model, EventTableModel):
            return
        error = model.edit_cell(index, editor.text())
        if error is not None:
            # After the editor has closed: a dialog opened while it commits would take
            # its focus, which commits again.
            view = self.parent()
            QTimer.singleShot(0, view, lambda: inform(
                view, "Event not changed", error, QMessageBox.Icon.Warning))


class EventTable(QTableView):
    """The table; ``eventChosen`` when the user moves to another event's row,
    ``eventActivated`` to open the event editor."""

    eventChosen = Signal(str)
    eventActivated = Signal(str)

    def __init__(self, session: DocumentSession, filters: KeptEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTable")
        self.setAccessibleName("Event table")
        self.session = session
        self.table_model = EventTableModel(session, filters, self)
        self.setModel(self.table_model)
        self.setItemDelegate(_CellDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(rows.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in _WIDTHS.items():
            self.setColumnWidth(column, width)
        self.setSortingEnabled(True)
        self.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
        self._following = False  # showing the session's selection: not the user's choice
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.activated.connect(self._on_activated)
        session.selectionChanged.connect(lambda _id: self.follow_selection())
        self.table_model.updated.connect(self.follow_selection)

    # --- the session's selection ---------------------------------------------------------
    def follow_selection(self) -> None:
        """Select and show the row of the session's selected event (none if unlisted)."""
        model = self.table_model
        if model.changing or model.revision != self.session.revision:
            return  # the rows are not those of the document yet: they will call again
        row = model.row_of_id(self.session.selected_id)
        selection = self.selectionModel()
        self._following = True
        try:
            if row < 0:
                selection.clear()
                return
            current = self.currentIndex()
            index = model.index(row, max(current.column(), 0))
            if current.row() != row or not selection.isRowSelected(row, QModelIndex()):
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
                selection.setCurrentIndex(index, flags)
            self.scrollTo(index)
        finally:
            self._following = False

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._following or self.table_model.changing or not current.isValid():
            return
        event_id = self.table_model.event_id(current.row())
        if event_id != self.session.selected_id:
            self.eventChosen.emit(event_id)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.eventActivated.emit(self.table_model.event_id(index.row()))

    # --- keys ------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """F2 edits the cell when it is edited in place (the window's F2 opens the event
        editor otherwise); the arrows, Home and End move between cells."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            key = event.key()
            editable = bool(self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable)
            if key in _TABLE_KEYS or (key == Key.Key_F2 and editable):
                event.accept()
                return True
        return super().event(event)


class EventTableDock(QDockWidget):
    """The table in a dock (hidden until View > Event Table)."""

    def __init__(self, session: DocumentSession, filters: KeptEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Event Table", parent)
        self.setObjectName("eventTableDock")
        self.table = EventTable(session, filters, self)
        self.setWidget(self.table)
        self.toggleViewAction().triggered.connect(self._on_toggled)
        self.hide()

    def _on_toggled(self, shown: bool) -> None:
        if not shown:
            return
        window = self.parentWidget()
        if isinstance(window, QMainWindow) and self.height() < MIN_HEIGHT:
            # a dock first shown gets the height of its header and a row or two
            window.resizeDocks([self], [MIN_HEIGHT], Qt.Orientation.Vertical)
        self.table.setFocus()
