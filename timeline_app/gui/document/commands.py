"""Undoable edits: one small QUndoCommand per kind of change, all on the session's stack.

Commands hold whole ``Event`` values (they are cheap) rather than diffs, so undo restores
exactly what was there, unknown fields included.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from timeline_app.core.model import Event
from timeline_app.gui.document.session import DocumentSession

__all__ = ["AddEventCommand", "DeleteEventCommand", "EditEventCommand"]


class EditEventCommand(QUndoCommand):
    """Replace one event by an edited copy (same position in the file)."""

    def __init__(self, session: DocumentSession, before: Event, after: Event,
                 text: str | None = None) -> None:
        super().__init__(text or f"Edit “{after.title}”")
        self.session = session
        self.index = session.index_of(before.id)
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.session.replace_event(self.index, self.after)
        self.session.select(self.after.id)

    def undo(self) -> None:
        self.session.replace_event(self.index, self.before)
        self.session.select(self.before.id)


class AddEventCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, event: Event) -> None:
        super().__init__(f"Add “{event.title}”")
        self.session = session
        self.event = event
        self.index = len(session.document.events)

    def redo(self) -> None:
        self.session.insert_event(self.index, self.event)
        self.session.select(self.event.id)

    def undo(self) -> None:
        self.session.remove_event(self.index)


class DeleteEventCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, event: Event) -> None:
        super().__init__(f"Delete “{event.title}”")
        self.session = session
        self.event = event
        self.index = session.index_of(event.id)

    def redo(self) -> None:
        self.session.remove_event(self.index)

    def undo(self) -> None:
        self.session.insert_event(self.index, self.event)
        self.session.select(self.event.id)
