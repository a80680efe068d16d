"""The open document as widgets see it: one ``Document``, its file, undo stack and selection.

Widgets never read or write files and never change the document directly: they ask
the session, which does the I/O through the core and pushes every change onto the one
``QUndoStack`` so that undo covers everything.  Signals tell the views what changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from timeline_app.core.fileformat.fingerprint import Fingerprint, load_with_fingerprint
from timeline_app.core.fileformat.loader import LoadResult
from timeline_app.core.fileformat.storage import save_document
from timeline_app.core.gc_pause import keep_out_of_collections
from timeline_app.core.model import Actor, Document, Event, Source
from timeline_app.core.view.derived import Applied, DerivedState, DocumentChange, EventChange
from timeline_app.gui.document.background_save import Snapshot, snapshot_of

__all__ = ["DocumentSession", "OpenOutcome"]


@dataclass(frozen=True, slots=True)
class OpenOutcome:
    """What opening a file did: on failure the problems, as ``--check`` prints them."""

    ok: bool
    problems: list[str]


class DocumentSession(QObject):
    """Holds the open document and what is derived from it; every edit goes through
    ``undo_stack``."""

    documentReset = Signal()  # a new document was opened: rebuild everything
    # Events were added, removed or edited: carries the ``Applied`` change, which says
    # what it was and what it changed in ``derived``, so that views redo only that.
    eventsChanged = Signal(object)
    selectionChanged = Signal(object)  # str | None: the selected event id
    pathChanged = Signal()
    # Sources or actors were edited (with the events that follow them): carries the
    # ``Applied`` of a ``DocumentChange``.
    documentChanged = Signal(object)
    # The lane layout or the saved views changed (``Document.layout``, ``views``).
    settingsChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = Document()
        self.derived = DerivedState(self.document)  # lanes, indexes, id positions
        self.path: Path | None = None
        # An imported document has no file of ours yet: it is named after what it was
        # imported from, and Save asks where to save it.
        self.imported_from: Path | None = None
        self.read_only = False
        # What the file held when it was loaded or last saved: Save compares it with the
        # disk to tell whether another program changed the file meanwhile.
        self.fingerprint: Fingerprint | None = None
        self.selected_id: str | None = None
        self.undo_stack = QUndoStack(self)
        self.revision = 0  # bumped on every change so views can cache per revision
        # While a save runs, the undo stack's index of its snapshot: no command merges
        # into the one below it (see ``mark_clean``).
        self.merge_barrier: int | None = None
        self.generation = 0  # bumped when another document is started (open, New)

    # --- files -------------------------------------------------------------------
    def open(self, path: str | os.PathLike[str], *, read_only: bool = False) -> OpenOutcome:
        """Load ``path``; on problems keep the current document and return them."""
        result, fingerprint = load_with_fingerprint(path)
        return self.adopt(result, path, read_only=read_only, fingerprint=fingerprint)

    def adopt(self, result: LoadResult, path: str | os.PathLike[str], *,
              read_only: bool = False, derived: DerivedState | None = None,
              fingerprint: Fingerprint | None = None) -> OpenOutcome:
        """Make a finished load the open document, unless it has problems.

        ``derived`` is what a loader thread derived from ``result.document`` already;
        without it, each part is built when the views first ask for it.
        ``fingerprint`` is what the file held when it was read.
        """
        if result.document is None or result.problems:
            return OpenOutcome(False, [str(p) for p in result.problems])
        if derived is None:
            derived = DerivedState(result.document, self.derived.group_by)
        elif derived.document is not result.document:
            raise ValueError("the derived state is not that of the loaded document")
        self._start(result.document, derived, Path(path), read_only, fingerprint)
        return OpenOutcome(True, [])

    def start_new(self, path: str | os.PathLike[str] | None = None) -> None:
        """An empty timeline, unsaved: untitled (Save asks where), or bound to ``path``,
        a file that does not exist yet (Save writes it there)."""
        document = Document()
        self._start(document, DerivedState(document, self.derived.group_by),
                    None if path is None else Path(path), False, None)

    def _start(self, document: Document, derived: DerivedState, path: Path | None,
               read_only: bool, fingerprint: Fingerprint | None) -> None:
        self.document = document
        self.derived = derived
        # A big document is millions of long-lived objects: keep them out of the cyclic
        # garbage collector's full passes, which would otherwise stall the interface.
        keep_out_of_collections()
        self.path = path
        self.imported_from = None
        self.read_only = read_only
        self.fingerprint = fingerprint
        self.selected_id = None
        self.generation += 1
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.revision += 1
        self.documentReset.emit()
        self.pathChanged.emit()
        self.selectionChanged.emit(None)

    def replace_document(self, document: Document) -> None:
        """Swap the whole document, keeping its file and the undo stack (called by the
        command that restores a recovery copy, and by its undo)."""
        self.document = document
        self.derived = DerivedState(document, self.derived.group_by)
        self.selected_id = None
        self.revision += 1
        self.documentReset.emit()
        self.selectionChanged.emit(None)

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write atomically (raises ``SaveError``); the file becomes the session's file.
        In the GUI thread: the window saves on a worker instead (``snapshot``, then
        ``saved``)."""
        snapshot = self.snapshot()
        self.saved(snapshot, Path(path), save_document(snapshot.document, path))

    def snapshot(self) -> Snapshot:
        """The document as it is now, for a save on another thread (see background_save)."""
        stack = self.undo_stack
        index = stack.index()
        return Snapshot(snapshot_of(self.document), index,
                        stack.command(index - 1) if index > 0 else None,
                        self.revision, self.generation)

    def saved(self, snapshot: Snapshot, path: Path, fingerprint: Fingerprint) -> None:
        """``snapshot`` was written to ``path``: that file is now the session's, and the
        undo stack is clean where the snapshot was taken (see ``mark_clean``)."""
        if snapshot.generation != self.generation:
            return  # another document replaced the one saved: nothing to mark
        self.fingerprint = fingerprint
        self.path = path
        self.imported_from = None
        self.read_only = False
        self.mark_clean(snapshot)
        self.pathChanged.emit()

    def adopt_imported(self, document: Document, source: str | os.PathLike[str]) -> OpenOutcome:
        """Make a document imported from ``source`` (another format) the open document,
        as a new one: it has no path, so Save goes to Save As and never writes over
        ``source``."""
        outcome = self.adopt(LoadResult(document), source)
        if outcome.ok:
            self.path, self.imported_from = None, Path(source)
            self.pathChanged.emit()
        return outcome

    def display_name(self) -> str:
        if self.path is None and self.imported_from is not None:
            return f"{self.imported_from.stem} (imported)"
        return self.path.name if self.path else "Untitled"

    def mark_clean(self, snapshot: Snapshot) -> None:
        """Make the undo stack clean at the snapshot's index: edits made since the
        snapshot was taken leave the document modified, and undoing them back to it
        shows it clean.  Nudges never merge into the snapshot's command while a save runs
        (``merge_barrier``), so the state at that index is still the snapshot's."""
        stack = self.undo_stack
        self.merge_barrier = None
        if snapshot.revision == self.revision:
            stack.setClean()  # nothing changed meanwhile
            return
        below = stack.command(snapshot.index - 1) if snapshot.index > 0 else None
        if snapshot.index > stack.count() or below is not snapshot.command:
            stack.resetClean()  # that history was replaced: no state is the file's now
            return
        current, selected = stack.index(), self.selected_id
        if current == snapshot.index:
            stack.setClean()
            return
        # Qt can only mark the current index clean: step back to the snapshot, mark it,
        # and redo (or undo) to where the user is; every command restores whole values.
        stack.setIndex(snapshot.index)
        stack.setClean()
        stack.setIndex(current)
        self.select(selected)

    # --- looking events up -----------------------------------------------------------
    def index_of(self, event_id: str | None) -> int:
        """Position of the event with ``event_id`` in the document, -1 for none."""
        return self.derived.position(event_id)

    def event_by_id(self, event_id: str | None) -> Event | None:
        i = self.index_of(event_id)
        return self.document.events[i] if i >= 0 else None

    # --- selection ------------------------------------------------------------------
    def select(self, event_id: str | None) -> None:
        if self.index_of(event_id) < 0:
            event_id = None
        if event_id != self.selected_id:
            self.selected_id = event_id
            self.selectionChanged.emit(event_id)

    def selected_event(self) -> Event | None:
        return self.event_by_id(self.selected_id)

    def selected_index(self) -> int:
        """Position of the selected event in the document, -1 for none."""
        return self.index_of(self.selected_id)

    # --- edits (called by undo commands only) -----------------------------------------
    def replace_event(self, index: int, event: Event) -> None:
        before = self.document.events[index]
        self.document.events[index] = event
        self._changed(EventChange(index, before, event))

    def insert_event(self, index: int, event: Event) -> None:
        self.document.events.insert(index, event)
        self._changed(EventChange(index, None, event))

    def remove_event(self, index: int) -> Event:
        event = self.document.events.pop(index)
        self._changed(EventChange(index, event, None))
        return event

    def _changed(self, change: EventChange) -> None:
        self.revision += 1
        applied: Applied = self.derived.apply(change)
        if change.after is None and change.before is not None \
                and change.before.id == self.selected_id:
            self.select(None)
        self.eventsChanged.emit(applied)

    # --- edits of sources and actors (called by undo commands only) ---------------------
    def edit_document(self, *, sources: list[Source] | None = None,
                      actors: list[Actor] | None = None,
                      events: dict[int, Event] | None = None) -> DocumentChange:
        """Replace the lists of sources and actors given, and the events at the positions
        given (keeping their ids), as one change; ``documentChanged`` tells the views."""
        doc = self.document
        if sources is not None:
            doc.sources = list(sources)
        if actors is not None:
            doc.actors = list(actors)
        for index, event in (events or {}).items():
            if doc.events[index].id != event.id:
                raise ValueError("an edit of sources or actors keeps the events' ids")
            doc.events[index] = event
        change = DocumentChange(sources is not None, actors is not None,
                                frozenset(events or ()))
        self.revision += 1
        applied = self.derived.apply(change)
        self.documentChanged.emit(applied)
        return change

    def set_view_settings(self, *, layout: dict | None = None,
                          views: list[dict] | None = None) -> None:
        """Replace the document's lane layout and/or saved views (undo commands only)."""
        if layout is not None:
            self.document.layout = layout
        if views is not None:
            self.document.views = views
        self.revision += 1
        self.settingsChanged.emit()
