"""Undoable edits of actors: add, rename, recolour, merge one into another, delete."""

from __future__ import annotations

from timeline_app.core.editing.actors import events_naming, merged_into
from timeline_app.core.model import Actor
from timeline_app.gui.document.document_edit_command import DocumentEditCommand, named
from timeline_app.gui.document.session import DocumentSession

__all__ = ["AddActorCommand", "DeleteActorCommand", "EditActorCommand", "MergeActorsCommand"]


class AddActorCommand(DocumentEditCommand):
    def __init__(self, session: DocumentSession, actor: Actor) -> None:
        super().__init__(session, named("Add Actor", actor.label),
                         actors=[*session.document.actors, actor])


class EditActorCommand(DocumentEditCommand):
    """Rename or recolour: ``after`` replaces the actor with its id."""

    def __init__(self, session: DocumentSession, after: Actor, verb: str) -> None:
        actors = [after if a.id == after.id else a for a in session.document.actors]
        super().__init__(session, named(verb, after.label), actors=actors)


class MergeActorsCommand(DocumentEditCommand):
    """``gone`` disappears; the events naming it name ``kept`` instead."""

    def __init__(self, session: DocumentSession, gone: Actor, kept: Actor) -> None:
        doc = session.document
        super().__init__(
            session, f"{named('Merge', gone.label)} into {named('', kept.label).strip()}",
            actors=[a for a in doc.actors if a.id != gone.id],
            events=merged_into(doc.events, gone.id, kept.id))


class DeleteActorCommand(DocumentEditCommand):
    """Remove an actor no event names (``ValueError`` otherwise: an event would name an
    actor the document does not declare)."""

    def __init__(self, session: DocumentSession, actor: Actor) -> None:
        doc = session.document
        if events_naming(doc.events, actor.id):
            raise ValueError(f"{actor.id} is named by events")
        super().__init__(session, named("Delete Actor", actor.label),
                         actors=[a for a in doc.actors if a.id != actor.id])

