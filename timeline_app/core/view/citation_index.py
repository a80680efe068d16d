"""Which events cite each source: what the source pane marks in an article.

Grouping a million events' citations by source takes a second of Python; a big file's
loader thread builds it with the lanes (see ``gui.background_load``) so that the
window does not have to when it shows the new document.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Citation, Document, Event

__all__ = ["CitationIndex"]


@dataclass(frozen=True, slots=True)
class CitationIndex:
    """The citations of ``document``, per source id, in event order.

    Kept up to date by ``replace_event``, ``insert_event`` and ``remove_event``."""

    document: Document
    by_source: dict[str, list[tuple[Event, Citation]]]

    @classmethod
    def build(cls, document: Document) -> CitationIndex:
        by_source: dict[str, list[tuple[Event, Citation]]] = {}
        # A pair per citation, kept as long as the document: without the pause, the
        # collector's passes over the growing heap took three quarters of the time
        # (and stalled the window for a quarter of a second each, from the loader thread).
        with gc_paused(keep=True):
            for event in document.events:
                for citation in event.citations:
                    cited = by_source.get(citation.source)
                    if cited is None:
                        cited = by_source[citation.source] = []
                    cited.append((event, citation))
        return cls(document, by_source)

    def replace_event(self, before: Event, after: Event) -> bool:
        """Point ``before``'s pairs at ``after``, in place, when their citations are
        equal (an edit of the title or the dates); False when the index must be built
        again.  Costs the length of the cited sources' lists, not of the document."""
        if before.citations != after.citations:
            return False
        for source_id in dict.fromkeys(c.source for c in before.citations):
            pairs = self.by_source.get(source_id, [])
            first = next((k for k, (event, _) in enumerate(pairs) if event is before), -1)
            if first < 0:
                return False  # not this document's event: build again
            mine = [(after, c) for c in after.citations if c.source == source_id]
            pairs[first : first + len(mine)] = mine
        return True

    def remove_event(self, event: Event) -> bool:
        """Drop ``event``'s pairs, in place; False when the index must be built again.
        Costs the length of the cited sources' lists, not of the document."""
        for source_id in dict.fromkeys(c.source for c in event.citations):
            pairs = self.by_source.get(source_id, [])
            kept = [pair for pair in pairs if pair[0] is not event]
            if len(pairs) - len(kept) != sum(c.source == source_id for c in event.citations):
                return False  # not this document's event, or there twice: build again
            if kept:
                pairs[:] = kept
            else:
                del self.by_source[source_id]
        return True

    def insert_event(self, event: Event, index: int, position: Callable[[Event], int]) -> None:
        """Add the pairs of ``event``, inserted at ``index`` of the document's events;
        ``position`` gives the others' positions after the insertion.  Costs a binary
        search in each cited source's list."""
        for source_id in dict.fromkeys(c.source for c in event.citations):
            pairs = self.by_source.setdefault(source_id, [])
            at = bisect.bisect_left(pairs, index, key=lambda pair: position(pair[0]))
            pairs[at:at] = [(event, c) for c in event.citations if c.source == source_id]

    def of(self, source_id: str) -> list[tuple[Event, Citation]]:
        """The (event, citation) pairs citing ``source_id``; empty when none do."""
        return self.by_source.get(source_id, [])
