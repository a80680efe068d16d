"""Search and filters over the events: which positions of ``document.events`` match.

Both answer with a sorted numpy array of event positions (indexes into
``document.events``), so the timeline, the table and the status bar share one answer.

Search is incremental: every keystroke asks again.  The index therefore keeps, per
event, one case-folded text holding everything a user may look for (title,
description, location, actor ids and names, tags and the quoted words of each
citation); a query is split into words and an event matches when every word occurs
in its text.  The answers to the last few queries are kept: a query that refines one
of them (the user typed one more character, or one more word) only tests that one's
matches, and only for the words it did not test already; going back (Backspace) finds
its answer kept.  Filters are ``ValueColumn``s per actor, tag, outlet and location, and
arrays of start, end, precision and approximation: a filter is a few vectorized ``|``
and ``&``.

The index belongs to a document's derived state (``DerivedState.search``): ``apply``
brings it up to date with each edit of the events, in place, in the time numpy takes
to shift a few arrays, instead of building it again (0.3 s for 100,000 events).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, contains
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.model import Document, Event
from timeline_app.core.view.value_column import ValueColumn

if TYPE_CHECKING:
    from timeline_app.core.view.derived import EventChange

__all__ = ["FILTER_KINDS", "EventFilter", "SearchIndex", "query_words"]

Positions = npt.NDArray[np.intp]

#: The kinds of values a filter chooses among, as ``SearchIndex.values`` names them.
FILTER_KINDS = ("actors", "tags", "outlets", "locations")
_KEPT_QUERIES = 16  # answers kept for refining and going back
_WHOLE_SCAN = 0.6  # refining more than this share of the events: test every event


def query_words(query: str) -> tuple[str, ...]:
    """The case-folded words of a query; an event matches when it holds all of them."""
    return tuple(query.casefold().split())


@dataclass(frozen=True)
class EventFilter:
    """What the user kept.  ``None`` (or an empty set) in a field means "do not filter".

    An event is kept when it has one of the chosen actors, one of the chosen tags, a
    citation of one of the chosen outlets, one of the chosen locations, one of the
    chosen precisions (of its start), is approximate (or exact) as ``approximate``
    says, and overlaps ``[date_from, date_to]`` (both included, each the whole span the
    partial date can mean).
    """

    actors: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    outlets: frozenset[str] | None = None
    locations: frozenset[str] | None = None
    precisions: frozenset[Precision] | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    approximate: bool | None = None  # True: approximate dates only; False: exact only

    @property
    def is_empty(self) -> bool:
        return not (
            self.actors or self.tags or self.outlets or self.locations
            or self.precisions or self.date_from or self.date_to
            or self.approximate is not None
        )


def outlet_of(document: Document) -> dict[str, str]:
    """Source id -> the outlet shown for it: its outlet, else its title, else its id."""
    return {s.id: s.outlet or s.title or s.id for s in document.sources}


class SearchIndex:
    """Search texts and filter columns of one document's events; ``apply`` each edit."""

    def __init__(self, document: Document) -> None:
        self.document = document
        events = document.events
        size = len(events)
        names = {a.id: a.name for a in document.actors}
        outlets = outlet_of(document)
        self._texts = [_search_text(e, names) for e in events]
        self._starts = np.fromiter(map(Event.start_seconds, events), float, size)
        self._ends = np.fromiter(map(Event.end_seconds, events), float, size)
        self._precisions = np.fromiter(
            (int(e.start.precision) for e in events), np.int8, size)
        self._approximate = np.fromiter(map(_approximate, events), bool, size)
        self._columns = {
            "actors": ValueColumn(map(_ACTORS, events)),
            "tags": ValueColumn(map(_TAGS, events)),
            "outlets": ValueColumn(map(_sources, events),
                                   lambda source: outlets.get(source, source)),
            "locations": ValueColumn((e.location,) if e.location else () for e in events),
        }
        self._answers: OrderedDict[frozenset[str], Positions] = OrderedDict()
        self._time_order: Positions | None = None  # every position, by start

    @property
    def size(self) -> int:
        return len(self._texts)

    # -- what the filter panel offers -------------------------------------------------
    def values(self, kind: str) -> list[tuple[str, int]]:
        """The values of ``kind`` (actors/tags/outlets/locations) with their event counts."""
        counts = self._columns[kind].counts()
        return sorted(counts.items(), key=lambda p: p[0].casefold())

    def counts(self, kind: str, among: npt.NDArray[np.bool_] | None = None) -> dict[str, int]:
        """Value of ``kind`` -> its number of events among those ``among`` flags (all when
        None); values none of them holds are left out."""
        return self._columns[kind].counts(among)

    # -- search -----------------------------------------------------------------------
    def search(self, query: str) -> Positions:
        """Positions of the events holding every word of ``query``; all of them if empty."""
        words = frozenset(query_words(query))
        if not words:
            return np.arange(self.size, dtype=np.intp)
        answers = self._answers
        known = answers.get(words)
        if known is not None:
            answers.move_to_end(words)
            return known
        # The narrowest kept answer this query refines: its events hold its words.
        base: Positions | None = None
        tested: frozenset[str] = frozenset()
        for previous, positions in answers.items():
            if (base is None or len(positions) < len(base)) and _refines(words, previous):
                base, tested = positions, previous
        texts = self._texts
        for word in sorted(words - tested, key=len, reverse=True):  # longest: fewest hits
            if base is None or len(base) > self.size * _WHOLE_SCAN:
                # Most events: testing them all costs less than gathering a subset.
                held = np.fromiter(map(contains, texts, repeat(word)), bool, self.size)
                base = np.flatnonzero(held) if base is None else base[held[base]]
            elif len(base):
                subset = [texts[i] for i in base.tolist()]
                held = np.fromiter(map(contains, subset, repeat(word)), bool, len(subset))
                base = base[held]
        assert base is not None
        base.setflags(write=False)  # shared with the cache
        answers[words] = base
        if len(answers) > _KEPT_QUERIES:
            answers.popitem(last=False)
        return base

    def in_time_order(self, positions: Positions) -> Positions:
        """``positions`` sorted by start (then by position): the order next/previous walk."""
        if len(positions) < self.size // 8:
            return positions[np.argsort(self._starts[positions], kind="stable")]
        # Many: pick them out of every event in time order (linear, no sort).
        if self._time_order is None:
            self._time_order = np.argsort(self._starts, kind="stable")
        chosen = np.zeros(self.size, dtype=bool)
        chosen[positions] = True
        return self._time_order[chosen[self._time_order]]

    # -- filters ----------------------------------------------------------------------
    def kept(self, flt: EventFilter) -> Positions:
        """Positions of the events the filter keeps."""
        return np.flatnonzero(self.kept_mask(flt))

    def kept_mask(self, flt: EventFilter, *, leave_out: str | None = None
                  ) -> npt.NDArray[np.bool_]:
        """One flag per event: kept by ``flt`` (but for its ``leave_out`` kind of values,
        as the counts the panel shows beside each value need)."""
        mask = np.ones(self.size, dtype=bool)
        for kind in FILTER_KINDS:
            chosen = getattr(flt, kind)
            if chosen and kind != leave_out:
                mask &= self._columns[kind].mask(chosen, self.size)
        if flt.precisions:
            mask &= np.isin(self._precisions, [int(p) for p in flt.precisions])
        if flt.approximate is not None:
            mask &= self._approximate == flt.approximate
        if flt.date_from is not None:
            mask &= self._ends > flt.date_from.to_seconds()
        if flt.date_to is not None:
            mask &= self._starts < flt.date_to.end_seconds()
        return mask

    def matching(self, query: str, flt: EventFilter | None = None) -> Positions:
        """Positions both found by ``query`` and kept by ``flt``."""
        found = self.search(query)
        if flt is None or flt.is_empty:
            return found
        return found[self.kept_mask(flt)[found]]

    # -- edits ------------------------------------------------------------------------
    def apply(self, change: EventChange) -> None:
        """Bring the index up to date with one edit of the events (``document`` holds it
        already): the texts and arrays of that one event, the positions after it."""
        at, before, after = change.index, change.before, change.after
        self._answers.clear()  # positions moved, or an event's words changed
        self._time_order = None
        if after is None:
            del self._texts[at]
            self._starts, self._ends, self._precisions, self._approximate = (
                np.delete(a, at) for a in
                (self._starts, self._ends, self._precisions, self._approximate))
            for column in self._columns.values():
                column.remove(at)
            return
        doc = self.document
        text = _search_text(after, {a.id: a.name for a in doc.actors})
        values = {"actors": after.actors, "tags": after.tags,
                  "outlets": _outlets(after, outlet_of(doc)),
                  "locations": (after.location,) if after.location else ()}
        row = (after.start_seconds(), after.end_seconds(), int(after.start.precision),
               _approximate(after))
        arrays = [self._starts, self._ends, self._precisions, self._approximate]
        if before is None:
            self._texts.insert(at, text)
            arrays = [np.insert(a, at, v) for a, v in zip(arrays, row, strict=True)]
            for kind, column in self._columns.items():
                column.insert(at, values[kind])
        else:
            self._texts[at] = text
            for a, v in zip(arrays, row, strict=True):
                a[at] = v
            for kind, column in self._columns.items():
                column.replace(at, values[kind])
        self._starts, self._ends, self._precisions, self._approximate = arrays


_ACTORS, _TAGS = attrgetter("actors"), attrgetter("tags")


def _refines(words: frozenset[str], previous: frozenset[str]) -> bool:
    """True when every event holding ``words`` also holds ``previous``."""
    return all(any(p in w for w in words) for p in previous)


def _approximate(event: Event) -> bool:
    return event.start.approximate or (event.end is not None and event.end.approximate)


def _sources(event: Event) -> list[str]:
    return [c.source for c in event.citations]


def _outlets(event: Event, outlets: dict[str, str]) -> Sequence[str]:
    return list(dict.fromkeys(outlets.get(c.source, c.source) for c in event.citations))


def _search_text(event: Event, actor_names: dict[str, str]) -> str:
    """The short fields people type most (who, where, what kind) before the long ones:
    a word found early ends the test of that event early."""
    parts = [event.title, event.location]
    for actor in event.actors:
        parts.append(actor)
        parts.append(actor_names.get(actor, ""))
    parts.extend(event.tags)
    parts.append(event.description)
    parts.extend(c.quote for c in event.citations)
    return "\n".join(parts).casefold()
