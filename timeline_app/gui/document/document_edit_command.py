"""The undo command of an edit of sources or actors: the lists before and after, and
the events it changed along (only those, by position), so that undo restores exactly
what was there."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from timeline_app.core.model import Actor, Event, Source
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import one_line

__all__ = ["DocumentEditCommand", "named"]


def named(verb: str, name: str) -> str:
    """``Add Source “Egypt Watch”``: one short line, for the Edit menu."""
    return f"{verb} “{one_line(name, 40, count=False)}”"


class DocumentEditCommand(QUndoCommand):
    """Replace the sources and/or actors lists, and some events, in one step."""

    def __init__(self, session: DocumentSession, text: str, *,
                 sources: list[Source] | None = None, actors: list[Actor] | None = None,
                 events: dict[int, Event] | None = None) -> None:
        super().__init__(text)
        self.session = session
        doc = session.document
        self.after_sources, self.after_actors = sources, actors
        self.after_events = dict(events or {})
        self.before_sources = list(doc.sources) if sources is not None else None
        self.before_actors = list(doc.actors) if actors is not None else None
        self.before_events = {i: doc.events[i] for i in self.after_events}

    def redo(self) -> None:
        self.session.edit_document(sources=self.after_sources, actors=self.after_actors,
                                   events=self.after_events)

    def undo(self) -> None:
        self.session.edit_document(sources=self.before_sources, actors=self.before_actors,
                                   events=self.before_events)
