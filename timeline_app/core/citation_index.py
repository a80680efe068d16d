"""Which events cite each source: what the source pane marks in an article.

Grouping a million events' citations by source takes a second of Python; a big file's
loader thread builds it with the lanes (see ``gui.background_load``) so that the
window does not have to when it shows the new document.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Citation, Document, Event

__all__ = ["CitationIndex"]


@dataclass(frozen=True, slots=True)
class CitationIndex:
    """The citations of ``document``, per source id, in event order."""

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

    def of(self, source_id: str) -> list[tuple[Event, Citation]]:
        """The (event, citation) pairs citing ``source_id``; empty when none do."""
        return self.by_source.get(source_id, [])
