"""The open document as widgets see it: one ``Document``, its file, undo stack and selection.

Widgets never read or write files and never change the document directly: they ask
the session, which does the I/O through the core and pushes every change onto the one
``QUndoStack`` so that undo covers everything.  Signals tell the views what changed.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from timeline_app.core.fileformat.fingerprint import Fingerprint, load_with_fingerprint
from timeline_app.core.fileformat.loader import LoadResult
from timeline_app.core.fileformat.storage import save_document
from timeline_app.core.model import Document, Event

_T = TypeVar("_T")

__all__ = ["DocumentSession", "EventChange", "OpenOutcome"]


@dataclass(frozen=True, slots=True)
class OpenOutcome:
    """What opening a file did: on failure the problems, as ``--check`` prints them."""

    ok: bool
    problems: list[str]


@dataclass(frozen=True, slots=True)
class EventChange:
    """One edit of the events: ``before`` None for an insertion, ``after`` None for a
    removal.  Offered to views while ``eventsChanged`` is handled, so that they can
    update what the edit touched instead of rebuilding from the whole document."""

    index: int
    before: Event | None
    after: Event | None


class DocumentSession(QObject):
    """Holds the open document; every edit goes through ``undo_stack``."""

    documentReset = Signal()  # a new document was opened: rebuild everything
    eventsChanged = Signal()  # events were added, removed or edited
    selectionChanged = Signal(object)  # str | None: the selected event id
    pathChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = Document()
        self.path: Path | None = None
        self.read_only = False
        # What the file held when it was loaded or last saved: Save compares it with the
        # disk to tell whether another program changed the file meanwhile.
        self.fingerprint: Fingerprint | None = None
        self.selected_id: str | None = None
        self.undo_stack = QUndoStack(self)
        self.revision = 0  # bumped on every change so views can cache per revision
        # What the loader thread computed for the views, set only while documentReset
        # is being handled (see ``prepared_item``).
        self.prepared: tuple[object, ...] = ()
        self._ids: dict[str, int] | None = None  # event id -> position; None: rebuild
        self.last_change: EventChange | None = None  # set while eventsChanged is handled

    # --- files -------------------------------------------------------------------
    def open(self, path: str | os.PathLike[str], *, read_only: bool = False) -> OpenOutcome:
        """Load ``path``; on problems keep the current document and return them."""
        result, fingerprint = load_with_fingerprint(path)
        return self.adopt(result, path, read_only=read_only, fingerprint=fingerprint)

    def adopt(self, result: LoadResult, path: str | os.PathLike[str], *,
              read_only: bool = False, prepared: object = (),
              fingerprint: Fingerprint | None = None) -> OpenOutcome:
        """Make a finished load the open document, unless it has problems.

        ``prepared`` is what the loader thread computed for the views (an object or a
        tuple of them; see ``prepared_item``); it is offered to them while they
        rebuild, then dropped.  ``fingerprint`` is what the file held when it was read.
        """
        if result.document is None or result.problems:
            return OpenOutcome(False, [str(p) for p in result.problems])
        self.document = result.document
        self._ids = None
        # A big document is millions of long-lived objects: keep them out of the cyclic
        # garbage collector's full passes, which would otherwise stall the interface.
        gc.freeze()
        self.path = Path(path)
        self.read_only = read_only
        self.fingerprint = fingerprint
        self.selected_id = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.revision += 1
        self.prepared = prepared if isinstance(prepared, tuple) else (prepared,)
        try:
            self.documentReset.emit()
        finally:
            self.prepared = ()
        self.pathChanged.emit()
        self.selectionChanged.emit(None)
        return OpenOutcome(True, [])

    def prepared_item(self, kind: type[_T]) -> _T | None:
        """The item of type ``kind`` the loader thread computed, while a view rebuilds
        for a new document; None otherwise (the view then computes it itself).  Each
        item names its document, which the caller checks."""
        for item in self.prepared:
            if isinstance(item, kind):
                return item
        return None

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write atomically (raises ``SaveError``); the file becomes the session's file."""
        self.fingerprint = save_document(self.document, path)
        self.path = Path(path)
        self.read_only = False
        self.undo_stack.setClean()
        self.pathChanged.emit()

    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    # --- looking events up -----------------------------------------------------------
    def index_of(self, event_id: str | None) -> int:
        """Position of the event with ``event_id`` in the document, -1 for none.

        Asked on every click, selection and paint: a map from id to position, rebuilt
        only when events are added or removed or an id changes (a million events take
        0.2 s to map, against 40 ms for every linear search).
        """
        if event_id is None:
            return -1
        ids = self._ids
        if ids is None:
            ids = {}
            for i, event in enumerate(self.document.events):
                ids.setdefault(event.id, i)  # the first one, as Document.event_index
            self._ids = ids
        return ids.get(event_id, -1)

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
        if before.id != event.id:
            self._ids = None
        self.document.events[index] = event
        self._changed(EventChange(index, before, event))

    def insert_event(self, index: int, event: Event) -> None:
        self.document.events.insert(index, event)
        self._ids = None
        self._changed(EventChange(index, None, event))

    def remove_event(self, index: int) -> Event:
        event = self.document.events.pop(index)
        self._ids = None
        if event.id == self.selected_id:
            self.select(None)
        self._changed(EventChange(index, event, None))
        return event

    def _changed(self, change: EventChange) -> None:
        self.revision += 1
        self.last_change = change
        try:
            self.eventsChanged.emit()
        finally:
            self.last_change = None
