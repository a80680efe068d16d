"""What the window derives from a document, and how an edit changes it.

The timeline needs the events grouped into lanes and indexed in time, the source pane
the citations of each source, and every click the position of an event id.  For
100,000 events and more each of these takes a noticeable time to build, so they are
built once per document (a big file's loader thread builds them, so that the window
does not freeze) and kept up to date by ``apply`` for each edit.  ``apply`` is the one
place that decides what an edit leaves standing and what must be built again; views
act on its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Document, Event
from timeline_app.core.view.citation_index import CitationIndex
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.lanes import (
    GroupBy,
    LaneSet,
    build_lanes,
    keeps_its_lanes,
    keeps_its_place,
    with_event_inserted,
    with_event_removed,
)
from timeline_app.core.view.search import SearchIndex

__all__ = ["Applied", "DerivedState", "DocumentChange", "EventChange", "Grouping"]


@dataclass(frozen=True, slots=True)
class EventChange:
    """One edit of the events, made already: event ``index`` went from ``before`` to
    ``after``; ``before`` is None for an insertion, ``after`` None for a removal."""

    index: int
    before: Event | None
    after: Event | None


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """One edit of the sources or actors, made already, with the events it changed
    along (a merge of actors moves events between lanes, an edit of a source's text
    moves its citations): ``sources`` and ``actors`` say whether those lists changed,
    ``events`` the positions of the events replaced.  No event is added or removed
    and none changes its id.  Rarer than edits of events: ``apply`` drops what it
    touches, to be built again when next asked for."""

    sources: bool = False
    actors: bool = False
    events: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Grouping:
    """The events of a document in the lanes of one grouping, and their time index."""

    group_by: GroupBy
    lane_set: LaneSet
    index: EventIndex

    @classmethod
    def build(cls, document: Document, group_by: GroupBy) -> Grouping:
        lane_set = build_lanes(document, group_by)
        return cls(group_by, lane_set, EventIndex.build(document, lane_set))


@dataclass(frozen=True, slots=True)
class Applied:
    """What ``DerivedState.apply`` did for ``change``, so that views redo only that.

    ``lanes_changed``: the lanes of the grouping in use are new; ``index_changed``: its
    event index is new (an event moved in time, or the lanes changed).  When
    ``citations_replaced`` the citation index is a new one; otherwise it was updated in
    place and only the sources in ``cited_sources`` are cited differently than before.
    """

    change: EventChange | DocumentChange
    lanes_changed: bool
    index_changed: bool
    citations_replaced: bool
    cited_sources: frozenset[str]


class DerivedState:
    """Lanes and event index per grouping, citations per source and each id's position,
    for one ``document``; ``apply`` each edit of its events.

    Each part is built when first asked for, or all at once by ``build``.  Lanes are
    built per grouping; the grouping asked for last is the one in use, kept up to date
    by every edit.  Others are kept as long as edits leave them standing.
    """

    __slots__ = ("_citations", "_groupings", "_ids", "_search", "document", "group_by")

    def __init__(self, document: Document, group_by: GroupBy = GroupBy.ACTOR) -> None:
        self.document = document
        self.group_by = group_by
        self._groupings: dict[GroupBy, Grouping] = {}
        self._citations: CitationIndex | None = None
        self._ids: dict[str, int] | None = None
        self._search: SearchIndex | None = None

    @classmethod
    def build(cls, document: Document, group_by: GroupBy = GroupBy.ACTOR,
              positions: dict[str, int] | None = None) -> DerivedState:
        """Everything at once: what a loader thread does, so that the window need not
        (seconds for a million events).  ``positions``: each event's position by its
        id, if at hand (the loader's), taken as they are."""
        state = cls(document, group_by)
        # All of it lives as long as the document: keep it out of the collector's passes.
        with gc_paused(keep=True):
            state.grouping()
            state._citations = CitationIndex.build(document)
            state._ids = positions if positions is not None else _positions(document.events)
        return state

    # --- reading -------------------------------------------------------------------------
    def grouping(self, group_by: GroupBy | None = None) -> Grouping:
        """Lanes and index for ``group_by`` (default: the grouping in use), which becomes
        the grouping in use; built when not at hand (linear in the events)."""
        if group_by is None:
            group_by = self.group_by
        grouping = self._groupings.get(group_by)
        if grouping is None:
            grouping = self._groupings[group_by] = Grouping.build(self.document, group_by)
        self.group_by = group_by
        return grouping

    @property
    def citations(self) -> CitationIndex:
        """The citations of each source, in event order."""
        if self._citations is None:
            self._citations = CitationIndex.build(self.document)
        return self._citations

    @property
    def search(self) -> SearchIndex:
        """Search texts and filter columns of the events: built when first asked for
        (a search or a filter), then kept up to date by every edit."""
        if self._search is None:
            with gc_paused(keep=True):
                self._search = SearchIndex(self.document)
        return self._search

    def position(self, event_id: str | None) -> int:
        """Position of the event with ``event_id`` in the document, -1 for none.

        Asked on every click, selection and paint: a map from id to position, built again
        only after events are added or removed or an id changes (a million events take
        0.2 s to map, against 40 ms for every linear search).
        """
        if event_id is None:
            return -1
        ids = self._ids
        if ids is None:
            ids = self._ids = _positions(self.document.events)
        return ids.get(event_id, -1)

    # --- edits ---------------------------------------------------------------------------
    def apply(self, change: EventChange | DocumentChange) -> Applied:
        """Bring everything up to date with ``change``, which ``document`` holds already.

        An edit keeping an event's lanes and span (a new title) leaves lanes and index
        standing; one keeping its lanes (new dates), and an insertion or removal that
        adds or empties no lane, redoes only the index, from the seconds it holds; the
        citation index takes edits keeping an event's citations, insertions and removals
        in place, and the id map moves only the positions after the change.  Whatever
        else the change touches is dropped, and built again when next asked for.  A
        ``DocumentChange`` drops the lanes of the groupings it touches and, when sources
        or events changed, the citation index.
        """
        if isinstance(change, DocumentChange):
            return self._apply_document_change(change)
        before, after, at = change.before, change.after, change.index
        edited = before is not None and after is not None
        # Groupings other than the one in use stay only when nothing in them changed.
        kept = {g: grouping for g, grouping in self._groupings.items()
                if g is not self.group_by and edited and keeps_its_place(before, after, g)}
        in_use = self._groupings.get(self.group_by)
        lanes_changed = index_changed = True
        if in_use is not None:
            updated = self._updated(in_use, change)
            if updated is not None:
                kept[self.group_by] = updated
                lanes_changed = updated.lane_set.lanes is not in_use.lane_set.lanes
                index_changed = updated.index is not in_use.index
        self._groupings = kept

        self._move_positions(change)
        if self._search is not None:
            self._search.apply(change)
        citations = self._citations
        if citations is not None:
            if edited:
                kept_in_place = citations.replace_event(before, after)
            elif after is None:
                kept_in_place = citations.remove_event(before)
            else:  # inserted: placed among the others by their (updated) positions
                ids = self._ids
                kept_in_place = ids is not None
                if ids is not None:
                    citations.insert_event(after, at, lambda event: ids[event.id])
            if not kept_in_place:
                self._citations = None

        cited = frozenset(citation.source for event in (before, after) if event is not None
                          for citation in event.citations)
        replaced = citations is None or self._citations is not citations
        return Applied(change, lanes_changed, index_changed, replaced, cited)

    def _apply_document_change(self, change: DocumentChange) -> Applied:
        def touched(group_by: GroupBy) -> bool:
            return bool(change.events) or (group_by is GroupBy.ACTOR and change.actors) \
                or (group_by is GroupBy.SOURCE and change.sources)

        in_use = self._groupings.get(self.group_by)
        self._groupings = {g: grouping for g, grouping in self._groupings.items()
                           if not touched(g)}
        lanes_changed = in_use is None or self.group_by not in self._groupings
        self._search = None  # names, outlets, events: built again when next asked for
        citations = self._citations
        if change.sources or change.events:
            self._citations = None
        replaced = citations is None or self._citations is not citations
        return Applied(change, lanes_changed, lanes_changed, replaced, frozenset())

    def _move_positions(self, change: EventChange) -> None:
        """Update the id map in place when ids are unique (a saved document's are):
        only the positions after the change move.  Otherwise drop it."""
        ids = self._ids
        if ids is None:
            return
        before, after, at = change.before, change.after, change.index
        events = self.document.events
        had = len(events) + (before is not None) - (after is not None)
        if len(ids) != had or (after is not None and after.id in ids
                               and (before is None or after.id != before.id)):
            self._ids = None  # an id used twice: the first one counts, build again
            return
        if before is not None:
            del ids[before.id]
        if after is not None and before is not None:
            ids[after.id] = at
            return
        moved = events[at:]  # a copy of references: cheaper than a loop in Python
        ids.update(zip(map(_ID, moved), range(at, at + len(moved)), strict=True))

    def _updated(self, grouping: Grouping, change: EventChange) -> Grouping | None:
        """``grouping`` after ``change``, from what it holds; None: build it again."""
        before, after, at = change.before, change.after, change.index
        group_by, lane_set, index = grouping.group_by, grouping.lane_set, grouping.index
        if before is not None and after is not None:
            if keeps_its_place(before, after, group_by):
                return grouping
            if not keeps_its_lanes(before, after, group_by):
                return None
            moved = index.with_event_moved(at, after, lane_set.event_lanes, len(lane_set.lanes))
            return Grouping(group_by, lane_set, moved)
        if after is not None:
            lanes = with_event_inserted(lane_set, self.document, at, after)
            if lanes is None:
                return None
            return Grouping(group_by, lanes, index.with_event_inserted(
                at, after, lanes.event_lanes, len(lanes.lanes)))
        lanes = with_event_removed(lane_set, self.document, at, index.lane_size)
        if lanes is None:
            return None
        return Grouping(group_by, lanes, index.with_event_removed(
            at, lanes.event_lanes, len(lanes.lanes)))


_ID = attrgetter("id")


def _positions(events: list[Event]) -> dict[str, int]:
    # Later pairs first, so that the first of an id used twice counts, as in
    # Document.event_index (in C: a third of the time of a loop).
    return dict(zip(map(_ID, reversed(events)), range(len(events) - 1, -1, -1), strict=True))
