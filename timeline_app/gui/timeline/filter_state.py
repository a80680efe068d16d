"""Which events the user keeps in view: the one filter the panel, timeline, table and
saved views share.

``FilterState`` holds the current ``EventFilter`` (see ``core.view.search``) and whether
the events it leaves out are hidden or faded.  Everything that shows events listens to
``changed`` and asks ``kept_mask()``; nothing keeps its own copy of the filter.
"""

from __future__ import annotations

from enum import Enum

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, Signal

from timeline_app.core.view.search import EventFilter
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.timeline.search_bar import SearchIndexCache

__all__ = ["FilterMode", "FilterState"]


class FilterMode(Enum):
    HIDE = "hide"  # left-out events are not drawn (nor listed)
    FADE = "fade"  # left-out events are drawn faint, for context


class FilterState(QObject):
    """The current filter of the window.  ``changed`` is emitted after every change of
    the filter or the mode, and when the document changes what the filter keeps."""

    changed = Signal()

    def __init__(self, session: DocumentSession, cache: SearchIndexCache,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.cache = session, cache
        self._filter = EventFilter()
        self._mode = FilterMode.HIDE
        self._mask_key: tuple | None = None
        self._mask: npt.NDArray[np.bool_] | None = None
        session.documentReset.connect(self._on_document_reset)
        session.eventsChanged.connect(lambda *_: self.changed.emit())
        # Actors renamed or merged, outlets edited: what the filter keeps may change too.
        session.documentChanged.connect(lambda *_: self.changed.emit())

    @property
    def filter(self) -> EventFilter:
        return self._filter

    @property
    def mode(self) -> FilterMode:
        return self._mode

    def set_filter(self, flt: EventFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.changed.emit()

    def set_mode(self, mode: FilterMode) -> None:
        if mode is not self._mode:
            self._mode = mode
            self.changed.emit()

    def clear(self) -> None:
        self.set_filter(EventFilter())

    @property
    def active(self) -> bool:
        return not self._filter.is_empty

    def kept_mask(self) -> npt.NDArray[np.bool_] | None:
        """One flag per position of ``document.events``: kept by the filter; None when
        no filter is set (every event is kept)."""
        if not self.active:
            return None
        key = (id(self.session.derived), self.session.revision, self._filter)
        if key != self._mask_key or self._mask is None:
            self._mask = self.cache.get().kept_mask(self._filter)
            self._mask.setflags(write=False)  # shared by every view that asks
            self._mask_key = key
        return self._mask

    def value_counts(self, kind: str) -> dict[str, int]:
        """Value of ``kind`` (see ``core.view.search.FILTER_KINDS``) -> how many events
        holding it the rest of the filter keeps: what ticking it alone would show."""
        index = self.cache.get()
        if not self.active:
            return index.counts(kind)
        return index.counts(kind, index.kept_mask(self._filter, leave_out=kind))

    def counts(self) -> tuple[int, int]:
        """(events kept, events in the document)."""
        total = len(self.session.document.events)
        mask = self.kept_mask()
        return (total if mask is None else int(mask.sum())), total

    def _on_document_reset(self) -> None:
        # Another document: its actors, tags and outlets are not this filter's.
        self._filter = EventFilter()
        self.changed.emit()
