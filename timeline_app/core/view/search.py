"""Search and filters over the events: which positions of ``document.events`` match.

Both answer with a sorted numpy array of event positions (indexes into
``document.events``), so the timeline, the table and the status bar share one answer.

Search is incremental: every keystroke asks again.  The index therefore keeps, per
event, one case-folded text holding everything a user may look for (title,
description, location, actor ids and names, tags and the quoted words of each
citation); a query is split into words and an event matches when every word occurs
in its text.  A query that extends the previous one (the user typed one more
character) only tests the previous matches.  Filters are precomputed boolean masks
per actor, tag, outlet and location, and arrays of start, end and precision: a filter
is a few vectorized ``|`` and ``&``.

The index is immutable; the document changed, build a new one (``SearchIndex(doc)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import contains

import numpy as np
import numpy.typing as npt

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.model import Document, Event

__all__ = ["EventFilter", "SearchIndex", "query_words"]

Positions = npt.NDArray[np.intp]


def query_words(query: str) -> tuple[str, ...]:
    """The case-folded words of a query; an event matches when it holds all of them."""
    return tuple(query.casefold().split())


@dataclass(frozen=True)
class EventFilter:
    """What the user kept.  ``None`` (or an empty set) in a field means "do not filter".

    An event is kept when it has one of the chosen actors, one of the chosen tags, a
    citation of one of the chosen outlets, one of the chosen locations, one of the
    chosen precisions, and overlaps ``[date_from, date_to]`` (both included, each the
    whole span the partial date can mean).
    """

    actors: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    outlets: frozenset[str] | None = None
    locations: frozenset[str] | None = None
    precisions: frozenset[Precision] | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.actors or self.tags or self.outlets or self.locations
            or self.precisions or self.date_from or self.date_to
        )


def outlet_of(document: Document) -> dict[str, str]:
    """Source id -> the outlet shown for it: its outlet, else its title, else its id."""
    return {s.id: s.outlet or s.title or s.id for s in document.sources}


class SearchIndex:
    """Search texts and filter masks of one document's events (immutable)."""

    def __init__(self, document: Document) -> None:
        events = document.events
        self.size = len(events)
        names = {a.id: a.name for a in document.actors}
        outlets = outlet_of(document)
        self._texts = [_search_text(e, names) for e in events]
        self._starts = np.fromiter((e.start_seconds() for e in events), float, self.size)
        self._ends = np.fromiter((e.end_seconds() for e in events), float, self.size)
        self._precisions = np.fromiter(
            (int(e.start.precision) for e in events), np.int8, self.size)
        self._actors = _members(events, lambda e: e.actors, self.size)
        self._tags = _members(events, lambda e: e.tags, self.size)
        self._locations = _members(events, lambda e: [e.location] if e.location else [],
                                   self.size)
        self._outlets = _members(
            events, lambda e: {outlets.get(c.source, c.source) for c in e.citations},
            self.size)
        self._last: tuple[tuple[str, ...], Positions] | None = None

    # -- what the filter panel offers -------------------------------------------------
    def values(self, kind: str) -> list[tuple[str, int]]:
        """The values of ``kind`` (actors/tags/outlets/locations) with their event counts."""
        masks = getattr(self, "_" + kind)
        return sorted(((v, int(m.sum())) for v, m in masks.items()), key=lambda p: p[0].casefold())

    # -- search -----------------------------------------------------------------------
    def search(self, query: str) -> Positions:
        """Positions of the events holding every word of ``query``; all of them if empty."""
        words = query_words(query)
        if not words:
            return np.arange(self.size, dtype=np.intp)
        positions: Positions | None = None  # None: every event
        last = self._last
        if last is not None and _refines(words, last[0]):
            positions = last[1]
        texts = self._texts
        for word in words:
            if positions is None:
                held = np.fromiter(map(contains, texts, repeat(word)), bool, self.size)
                positions = np.flatnonzero(held)
            elif len(positions):
                subset = [texts[i] for i in positions.tolist()]
                held = np.fromiter(map(contains, subset, repeat(word)), bool, len(subset))
                positions = positions[held]
        result = positions if positions is not None else np.arange(self.size, dtype=np.intp)
        self._last = (words, result)
        return result

    def in_time_order(self, positions: Positions) -> Positions:
        """``positions`` sorted by start (then by position): the order next/previous walk."""
        return positions[np.argsort(self._starts[positions], kind="stable")]

    # -- filters ----------------------------------------------------------------------
    def kept(self, flt: EventFilter) -> Positions:
        """Positions of the events the filter keeps."""
        return np.flatnonzero(self.kept_mask(flt))

    def kept_mask(self, flt: EventFilter) -> npt.NDArray[np.bool_]:
        mask = np.ones(self.size, dtype=bool)
        for chosen, masks in ((flt.actors, self._actors), (flt.tags, self._tags),
                              (flt.outlets, self._outlets), (flt.locations, self._locations)):
            if chosen:
                mask &= _any_of(masks, chosen, self.size)
        if flt.precisions:
            mask &= np.isin(self._precisions, [int(p) for p in flt.precisions])
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


def _refines(words: Sequence[str], previous: Sequence[str]) -> bool:
    """True when every event holding ``words`` also holds ``previous``."""
    return all(any(p in w for w in words) for p in previous)


def _search_text(event: Event, actor_names: dict[str, str]) -> str:
    parts = [event.title, event.description, event.location]
    for actor in event.actors:
        parts.append(actor)
        parts.append(actor_names.get(actor, ""))
    parts.extend(event.tags)
    parts.extend(c.quote for c in event.citations)
    return "\n".join(parts).casefold()


def _members(events: Sequence[Event], values_of, size: int) -> dict[str, npt.NDArray[np.bool_]]:
    """Value -> boolean mask of the events holding it."""
    positions: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        for value in values_of(event):
            positions.setdefault(value, []).append(i)
    masks = {}
    for value, where in positions.items():
        mask = np.zeros(size, dtype=bool)
        mask[where] = True
        masks[value] = mask
    return masks


def _any_of(masks: dict[str, npt.NDArray[np.bool_]], chosen: Iterable[str],
            size: int) -> npt.NDArray[np.bool_]:
    out = np.zeros(size, dtype=bool)
    for value in chosen:
        mask = masks.get(value)
        if mask is not None:
            out |= mask
    return out
