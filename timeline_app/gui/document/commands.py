"""Undoable edits: one small QUndoCommand per kind of change, all on the session's stack.

Commands hold whole ``Event`` values (they are cheap) rather than diffs, so undo restores
exactly what was there, unknown fields included.  A command's text names the event by a
short, single line of its title: it is shown in the Edit menu and in tooltips.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from timeline_app.core.model import Event
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import one_line

__all__ = [
    "AddEventCommand",
    "DeleteEventCommand",
    "EditEventCommand",
    "NudgeEventCommand",
    "command_text",
]


def command_text(verb: str, event: Event) -> str:
    """``Edit “Title”``: one line (a newline would split a command's text in two), short."""
    return f"{verb} “{one_line(event.title or event.id, 40, count=False)}”"


class EditEventCommand(QUndoCommand):
    """Replace one event by an edited copy (same position in the file)."""

    def __init__(self, session: DocumentSession, before: Event, after: Event,
                 text: str | None = None) -> None:
        super().__init__(text or command_text("Edit", after))
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
    """Append a new event (New Event, from a selection, Duplicate: ``text`` says which)."""

    def __init__(self, session: DocumentSession, event: Event, text: str | None = None) -> None:
        super().__init__(text or command_text("Add", event))
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
        super().__init__(command_text("Delete", event))
        self.session = session
        self.event = event
        self.index = session.index_of(event.id)

    def redo(self) -> None:
        self.session.remove_event(self.index)

    def undo(self) -> None:
        self.session.insert_event(self.index, self.event)
        self.session.select(self.event.id)


class NudgeEventCommand(EditEventCommand):
    """Move an event by one step of the time grid; consecutive nudges of the same event
    merge into one command, and nudging it back to where it was removes the command."""

    ID = 0x6E75  # any constant unique among the commands that merge

    def __init__(self, session: DocumentSession, before: Event, after: Event) -> None:
        super().__init__(session, before, after, command_text("Nudge", before))

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NudgeEventCommand) or other.index != self.index \
                or other.before.id != self.after.id:
            return False
        if self.session.merge_barrier == self.session.undo_stack.index():
            return False  # a save is writing the document as this command left it
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True
