"""The Undo History panel: every command on the session's stack, by name, to step through.

Clicking a row undoes or redoes up to it.  The first row is the document as it was
opened; the clean state (the file on disk) carries a mark.  Command names come from the
commands and are shown as plain text (the list view does not interpret markup).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QUndoView, QWidget

from timeline_app.gui.window.icons import icon

__all__ = ["UndoHistoryDock"]


class UndoHistoryDock(QDockWidget):
    """A dock holding a ``QUndoView`` of ``stack``; hidden until View > Undo History."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__("Undo History", parent)
        self.setObjectName("undoHistoryDock")
        self.view = QUndoView(stack, self)
        self.view.setObjectName("undoHistoryView")
        self.view.setEmptyLabel("As opened")
        self.view.setCleanIcon(icon("document-save"))
        self.view.setAccessibleName("Undo history")
        self.setWidget(self.view)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.hide()
