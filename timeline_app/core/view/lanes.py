"""Horizontal lanes of the timeline, and the packing of event labels into rows.

Events are grouped into lanes by actor, tag or source so that an analyst can compare
what each party did, or what each outlet reported.  An event belongs to every lane
it names (an event with two actors is drawn in both), and events naming nothing get a
trailing lane so that no event ever disappears from the view.

Grouping is linear in the number of events: it runs on every change of the grouping
and after every edit of a 100,000-event document.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Document, Event

__all__ = [
    "ALL_EVENTS_KEY",
    "GroupBy",
    "Lane",
    "LaneSet",
    "PackResult",
    "build_lanes",
    "keeps_its_lanes",
    "keeps_its_place",
    "pack_labels",
    "pack_rows",
    "surely_overflows",
    "with_event_inserted",
    "with_event_removed",
]


class GroupBy(Enum):
    """What the lanes stand for; the value is the stable name for settings files."""

    ACTOR = "actor"
    TAG = "tag"
    SOURCE = "source"
    TYPE = "type"  # one lane per event type (an event's first tag): each event drawn once
    NONE = "none"


#: Key of the single lane of ``GroupBy.NONE``.
ALL_EVENTS_KEY = "*"

_UNASSIGNED_LABEL = {
    GroupBy.ACTOR: "No actor",
    GroupBy.TAG: "No tag",
    GroupBy.SOURCE: "No source",
    GroupBy.TYPE: "No type",
}


@dataclass(frozen=True, slots=True)
class Lane:
    """A lane: ``key`` is the actor id, tag or source id it stands for.

    ``key`` is None for the trailing lane of events that name no actor, tag or source:
    no id or tag written in a file can collide with it.
    """

    key: str | None
    label: str


@dataclass(slots=True)
class LaneSet:
    """The lanes, top to bottom, and the lanes of each event.

    ``event_lanes[i]`` lists the lane indices of ``document.events[i]``, ascending and
    without repeats; every event has at least one lane.  Events naming the same keys
    share one list (a million rows would cost 70 MB and a second): treat them as
    read-only.
    """

    group_by: GroupBy
    lanes: list[Lane] = field(default_factory=list)
    event_lanes: list[list[int]] = field(default_factory=list)


class _LaneIds(dict[str, int]):
    """Lane index of each key; a key not declared by the document gets a lane on first use."""

    def __init__(self, lanes: list[Lane]) -> None:
        super().__init__()
        self.lanes = lanes

    def __missing__(self, key: str) -> int:
        i = self[key] = len(self.lanes)
        self.lanes.append(Lane(key, key))
        return i


def build_lanes(document: Document, group_by: GroupBy) -> LaneSet:
    """Group the document's events into lanes.

    Lane order: ACTOR follows ``document.actors`` (the order the analyst chose), TAG and
    TYPE are alphabetical (case-insensitive), SOURCE follows ``document.sources``.  Ids an event
    names that the document does not declare (a dangling reference, reported by the
    checks elsewhere) get lanes of their own after the declared ones, labelled by the
    id, in order of first use: hiding those events would hide the problem too.  The
    trailing lane of events naming nothing exists only when some event needs it.
    """
    with gc_paused():  # a million small acyclic lists: collections would walk them all
        return _build_lanes(document, group_by)


_LANE_KEYS: dict[GroupBy, Callable[[Event], tuple[str, ...]]] = {
    GroupBy.ACTOR: lambda ev: tuple(ev.actors),
    GroupBy.TAG: lambda ev: tuple(ev.tags),
    GroupBy.SOURCE: lambda ev: tuple(cit.source for cit in ev.citations),
    GroupBy.TYPE: lambda ev: tuple(ev.tags[:1]),
    GroupBy.NONE: lambda ev: (),
}


def keeps_its_lanes(before: Event, after: Event, group_by: GroupBy) -> bool:
    """Whether an edit from ``before`` to ``after`` leaves the event in the same lanes
    (whatever its dates): the lane set built for the document still holds."""
    key = _LANE_KEYS[group_by]
    return key(before) == key(after)


def keeps_its_place(before: Event, after: Event, group_by: GroupBy) -> bool:
    """Whether an edit from ``before`` to ``after`` leaves the event in the same lanes
    over the same span: then lanes and index built for the document still hold, and
    a view need not rebuild them (an O(n) step) for a changed title or description."""
    return (before.start == after.start and before.end == after.end
            and keeps_its_lanes(before, after, group_by))


def _declared(document: Document, group_by: GroupBy) -> set[str] | None:
    """Keys whose lanes exist whatever the events name; None for tags, whose lanes
    exist only while some event names them."""
    if group_by is GroupBy.ACTOR:
        return {actor.id for actor in document.actors}
    if group_by is GroupBy.SOURCE:
        return {source.id for source in document.sources}
    return None


def with_event_inserted(lane_set: LaneSet, document: Document, index: int,
                        event: Event) -> LaneSet | None:
    """The lanes once ``event`` is inserted at ``index`` of ``document.events`` (which
    holds it already), when that changes no lane; None when they must be built again
    (a new tag, a new undeclared id, or the first event naming nothing)."""
    lanes = lane_set.lanes
    keys = _LANE_KEYS[lane_set.group_by](event)
    if lane_set.group_by is GroupBy.NONE:
        row = [0]
    elif not keys:
        if not lanes or lanes[-1].key is not None:
            return None
        row = [len(lanes) - 1]
    else:
        declared = _declared(document, lane_set.group_by)
        at = {lane.key: i for i, lane in enumerate(lanes)}
        if any(key not in at or (declared is not None and key not in declared)
               for key in keys):
            return None  # undeclared ids get lanes in order of first use: build again
        row = sorted({at[key] for key in keys})
    rows = list(lane_set.event_lanes)
    rows.insert(index, row)
    return LaneSet(lane_set.group_by, lanes, rows)


def with_event_removed(lane_set: LaneSet, document: Document, index: int,
                       lane_size: Callable[[int], int]) -> LaneSet | None:
    """The lanes once event ``index`` is removed, when that changes no lane; None when
    they must be built again (the last event of a tag or of the trailing lane, or one
    naming an undeclared id).  ``lane_size(i)`` is the number of events in lane i."""
    if lane_set.group_by is not GroupBy.NONE:
        declared = _declared(document, lane_set.group_by)
        for i in lane_set.event_lanes[index]:
            key = lane_set.lanes[i].key
            if declared is not None and key is not None:
                if key not in declared:
                    return None
            elif lane_size(i) <= 1:
                return None
    rows = list(lane_set.event_lanes)
    del rows[index]
    return LaneSet(lane_set.group_by, lane_set.lanes, rows)


def _build_lanes(document: Document, group_by: GroupBy) -> LaneSet:
    events = document.events
    if group_by is GroupBy.NONE:
        row = [0]
        return LaneSet(group_by, [Lane(ALL_EVENTS_KEY, "All events")], [row] * len(events))

    lanes: list[Lane] = []
    ids = _LaneIds(lanes)
    if group_by is GroupBy.ACTOR:
        for actor in document.actors:
            if actor.id not in ids:
                ids[actor.id] = len(lanes)
                lanes.append(Lane(actor.id, actor.label))
        keys = list(map(_LANE_KEYS[group_by], events))
    elif group_by is GroupBy.SOURCE:
        for src in document.sources:
            if src.id not in ids:
                ids[src.id] = len(lanes)
                lanes.append(Lane(src.id, src.label))
        keys = list(map(_LANE_KEYS[group_by], events))
    else:  # tags, or event types (first tags): alphabetical
        keys = list(map(_LANE_KEYS[group_by], events))
        tags = {tag for key in keys for tag in key}
        for tag in sorted(tags, key=lambda s: (s.casefold(), s)):
            ids[tag] = len(lanes)
            lanes.append(Lane(tag, tag))

    # A million events name a few dozen combinations of keys: work out each one's row
    # once, in order of first use (which is the order undeclared ids get their lanes),
    # and share it.  The trailing lane of events naming nothing comes after them all.
    rows: dict[tuple[str, ...], list[int]] = {}
    empty: list[int] = []
    for key in dict.fromkeys(keys):
        if key:
            rows[key] = sorted({ids[k] for k in key})
        else:
            rows[key] = empty
    if empty is rows.get(()):
        empty.append(len(lanes))
        lanes.append(Lane(None, _UNASSIGNED_LABEL[group_by]))
    return LaneSet(group_by, lanes, list(map(rows.__getitem__, keys)))


# --- label packing ---------------------------------------------------------------------


@dataclass(slots=True)
class PackResult:
    """Where each label went: ``rows[i]`` is a row number, or -1 when it did not fit.

    ``overflow_clusters`` lists ``(x, count)``: draw "+count" at x for the labels that
    did not fit, so the reader knows events are hidden there and can zoom in.
    """

    rows: list[int]
    overflow_clusters: list[tuple[float, int]]


def pack_labels(
    items: Sequence[tuple[float, float]],
    max_rows: int,
    gap: float = 4.0,
    cluster_px: float = 30.0,
    spans: Sequence[int] | None = None,
    preferred: Sequence[int] | None = None,
) -> PackResult:
    """Greedy first-fit packing of label extents into at most ``max_rows`` rows.

    ``items`` are ``(x_start, x_end)`` pixel extents (marker plus label), sorted by
    ``x_start``.  Each goes into the first row whose last label ends ``gap`` pixels
    before it; otherwise it overflows.  First-fit in x order keeps every label on the
    lowest free row, so labels do not jump between rows while panning.  Overflowed
    items within ``cluster_px`` of the first overflowed item of a cluster join it; the
    cluster is reported at that first item's ``x_start``.  O(n * max_rows).

    ``spans[i]`` is how many rows item ``i`` takes (a label wrapped onto lines); it
    goes into the first row from which that many rows are free.

    ``preferred[i]`` (-1 for none) is the row item ``i`` had in an earlier layout: it
    goes there when that row is free, so rows stay put while only the view changes.
    """
    if max_rows < 0:
        raise ValueError(f"max_rows must be 0 or more, not {max_rows}")
    if spans is None:  # every label one row high: the screen's case, every frame
        return pack_rows([x for x, _ in items], [x for _, x in items], max_rows, gap,
                         cluster_px, preferred)
    row_end = [float("-inf")] * max_rows
    rows: list[int] = []
    clusters: list[tuple[float, int]] = []
    cluster_x = 0.0
    cluster_n = 0
    for i, (x_start, x_end) in enumerate(items):
        span = 1 if spans is None else spans[i]
        want = -1 if preferred is None else preferred[i]
        if 0 <= want <= max_rows - span and all(
                row_end[k] + gap <= x_start for k in range(want, want + span)):
            for k in range(want, want + span):
                row_end[k] = x_end
            rows.append(want)
            continue
        for r in range(max_rows - span + 1):
            if row_end[r] + gap <= x_start and (
                    span == 1 or all(row_end[k] + gap <= x_start for k in range(r, r + span))):
                for k in range(r, r + span):
                    row_end[k] = x_end
                rows.append(r)
                break
        else:
            rows.append(-1)
            if cluster_n and x_start <= cluster_x + cluster_px:
                cluster_n += 1
            else:
                if cluster_n:
                    clusters.append((cluster_x, cluster_n))
                cluster_x, cluster_n = x_start, 1
    if cluster_n:
        clusters.append((cluster_x, cluster_n))
    return PackResult(rows, clusters)


def pack_rows(
    starts: Sequence[float], ends: Sequence[float], max_rows: int, gap: float = 4.0,
    cluster_px: float = 30.0, preferred: Sequence[int] | None = None,
) -> PackResult:
    """``pack_labels`` where every item takes one row (the screen's case: every lane of
    every frame), with the items given as their ``starts`` (ascending) and ``ends``.

    The same first-fit, in fewer steps: while every row ends after ``x`` (minus the
    gap), each item starting before ``x`` overflows, so such a run of items is found
    by bisection and counted into its "+N" clusters by bisection too.  A crowded lane
    of hundreds of items, most of them overflowing, costs a step per row given and per
    cluster.  ``preferred[i]`` is read only for items that some row can take.
    """
    if max_rows < 0:
        raise ValueError(f"max_rows must be 0 or more, not {max_rows}")
    n = len(starts)
    row_end = [-math.inf] * max_rows
    rows = [-1] * n
    clusters: list[tuple[float, int]] = []
    cluster_x = 0.0
    cluster_n = 0
    all_rows = range(max_rows)
    i = 0
    while i < n:
        # min(row_end) + gap is the least row_end[r] + gap: rounding keeps the order
        free_from = min(row_end) + gap if max_rows else math.inf
        stop = bisect.bisect_left(starts, free_from, i)  # i..stop-1 fit in no row
        while i < stop:
            if cluster_n and starts[i] <= cluster_x + cluster_px:
                joined = bisect.bisect_right(starts, cluster_x + cluster_px, i, stop)
                cluster_n += joined - i
                i = joined
            else:
                if cluster_n:
                    clusters.append((cluster_x, cluster_n))
                cluster_x, cluster_n = starts[i], 1
                i += 1
        if i == n:
            break
        x_start = starts[i]
        want = -1 if preferred is None else preferred[i]
        if not (0 <= want < max_rows and row_end[want] + gap <= x_start):
            want = next(r for r in all_rows if row_end[r] + gap <= x_start)
        row_end[want] = ends[i]
        rows[i] = want
        i += 1
    if cluster_n:
        clusters.append((cluster_x, cluster_n))
    return PackResult(rows, clusters)


def surely_overflows(starts: np.ndarray, ends: np.ndarray, max_rows: int,
                     gap: float = 4.0) -> bool:
    """Whether ``pack_rows(sorted starts, their ends, max_rows, gap)`` certainly leaves
    an item without a row, told without packing.

    In a row, each item starts at least its predecessor's length plus the gap after
    the predecessor's start; so a row's items, from its first start to its last, take
    at least the sum of their lengths and gaps less the last one's, and a row holds at
    most ``1 + span / (shortest + gap)`` items (``span``: from the first start to the
    last) and lengths and gaps of at most ``span + longest + gap``.  Items beyond either
    (with a pixel to spare for rounding) cannot all find one.  A crowded lane is packed
    once instead of twice (see ``frame_layout``: its "+N" pills take a row of their
    own).  Items that end before they start are never said to overflow."""
    n = len(starts)
    if n <= 4 * max_rows:  # (said of few items, it would save less than it costs)
        return False
    lengths = ends - starts
    shortest = float(lengths.min())
    if shortest < 0:
        return False
    first, last = float(starts.min()), float(starts.max())
    span = last - first
    if n > max_rows * (1 + span / (shortest + gap)) + 1:
        return True
    longest = float(lengths.max())
    rounding = 1.0 + 1e-9 * n * (max(abs(first), abs(last)) + longest)
    needed = float(lengths.sum()) + n * gap
    return needed > max_rows * (span + longest + gap) + rounding
