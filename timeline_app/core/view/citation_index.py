"""Which events cite each source: what the source pane marks in an article.

Grouping a million events' citations by source takes a second of Python; a big file's
loader thread builds it with the lanes (see ``gui.background_load``) so that the
window does not have to when it shows the new document.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Citation, Document, Event

__all__ = ["CitationIndex"]


@dataclass(frozen=True, slots=True)
class CitationIndex:
    """The citations of ``document``, per source id, in event order.

    Kept up to date by ``replace_event``, ``insert_event`` and ``remove_event``, and so
    are the distinct cited ranges of each source (``ranges``) once asked for."""

    document: Document
    by_source: dict[str, list[tuple[Event, Citation]]]
    # Per source id, once asked for: how many citations cover each (start, end).
    _ranges: dict[str, Counter[tuple[int, int]]] = field(default_factory=dict)
    # count_next's progress: [source ids left, the one being counted, position, counts]
    _work: list[Any] = field(default_factory=list)

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
            self._restart(source_id)
            counts = self._ranges.get(source_id)
            if counts is not None:
                counts.subtract(_spans(c for c in event.citations if c.source == source_id))
                for key in [key for key, n in counts.items() if n <= 0]:
                    del counts[key]
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
            self._restart(source_id)
            counts = self._ranges.get(source_id)
            if counts is not None:
                counts.update(_spans(c for c in event.citations if c.source == source_id))

    def of(self, source_id: str) -> list[tuple[Event, Citation]]:
        """The (event, citation) pairs citing ``source_id``; empty when none do."""
        return self.by_source.get(source_id, [])

    def ranges(self, source_id: str) -> Counter[tuple[int, int]]:
        """How many citations of ``source_id`` cover each distinct (start, end), in the
        order first cited: what the source pane marks faintly.  A source of a million-
        event timeline is cited tens of thousands of times over a few dozen ranges;
        they are counted once per source (without a Python step per citation) and kept
        up to date by the edits, so that selecting an event costs the ranges, not the
        citations.  Do not change the result."""
        counts = self._ranges.get(source_id)
        if counts is None:
            counts = Counter(_spans(map(itemgetter(1), self.by_source.get(source_id, ()))))
            self._ranges[source_id] = counts
        return counts

    def count_next(self, budget: int = 16384) -> bool:
        """Count the ranges of up to ``budget`` more citations, source after source, so
        that a window with nothing to do has them ready before they are asked for (a
        few milliseconds a call); False once every source is counted."""
        work = self._work
        if not work:
            work.extend([[s for s in self.by_source if s not in self._ranges], None, 0,
                         Counter()])
        left, current, position, counts = work
        while current is None or current in self._ranges:
            if not left:
                return False
            current, position, counts = left.pop(), 0, Counter()
        pairs = self.by_source.get(current, [])
        counts.update(_spans(map(itemgetter(1), pairs[position:position + budget])))
        position += budget
        if position >= len(pairs):
            self._ranges[current] = counts
            current = None
        work[1:] = [current, position, counts]
        return True

    def _restart(self, source_id: str) -> None:
        """An edit of ``source_id`` while ``count_next`` was halfway: count it again."""
        work = self._work
        if work and work[1] == source_id:
            work[1:] = [source_id, 0, Counter()]


_span_of = attrgetter("start", "end")


def _spans(citations: Iterable[Citation]) -> Iterable[tuple[int, int]]:
    return map(_span_of, citations)
