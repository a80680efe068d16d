"""Restoring a recovery copy is one undoable step: undo returns to the file as it is on
disk, so the restored work shows as unsaved changes until it is saved."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from timeline_app.core.model import Document
from timeline_app.gui.document.session import DocumentSession

__all__ = ["RestoreRecoveryCommand"]


class RestoreRecoveryCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, recovered: Document) -> None:
        super().__init__("Restore Recovered Changes")
        self.session = session
        self.before = session.document
        self.after = recovered

    def redo(self) -> None:
        self.session.replace_document(self.after)

    def undo(self) -> None:
        self.session.replace_document(self.before)
