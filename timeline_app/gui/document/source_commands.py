"""Undoable edits of sources: add one, edit one (its metadata, and its text with the
citations re-anchored to it)."""

from __future__ import annotations

from timeline_app.core.model import Event, Source
from timeline_app.gui.document.document_edit_command import DocumentEditCommand, named
from timeline_app.gui.document.session import DocumentSession

__all__ = ["AddSourceCommand", "EditSourceCommand", "source_name"]


def source_name(source: Source) -> str:
    return source.outlet or source.title or source.id


class AddSourceCommand(DocumentEditCommand):
    def __init__(self, session: DocumentSession, source: Source) -> None:
        super().__init__(session, named("Add Source", source_name(source)),
                         sources=[*session.document.sources, source])


class EditSourceCommand(DocumentEditCommand):
    """Replace ``before`` by ``after`` (same id); ``events`` are the events whose
    citations of it were re-anchored to the new text, by position."""

    def __init__(self, session: DocumentSession, before: Source, after: Source,
                 events: dict[int, Event] | None = None) -> None:
        sources = [after if s is before else s for s in session.document.sources]
        super().__init__(session, named("Edit Source", source_name(after)), sources=sources,
                         events=events)
