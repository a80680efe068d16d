"""The analyst's arrangement of the lanes: their order, which are hidden or collapsed,
and the colours of lanes that are not actors'.

It is kept in the document (``Document.layout``, see ``fileformat.spec.LAYOUT``) per
grouping, as JSON: ``{"tag": {"order": [...], "hidden": [...], "collapsed": [...],
"colors": {...}}}``.  ``LaneLayout`` is one grouping's part, read from that JSON and
written back into it with every key this version does not know left in place.

Lanes are named by their key (an actor id, tag or source id); the trailing lane of
events naming none is ``""`` (no id is empty).  Keys naming no lane are kept and do
nothing: a tag that comes back finds its place again.  ``arrange`` turns a ``LaneSet``
and a layout into the lanes shown, top to bottom, as a new ``LaneSet`` and an index
over it that reads the grouping's own index: no event is indexed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from timeline_app.core.view.event_index import EventIndex, TimeWalk
from timeline_app.core.view.lanes import GroupBy, Lane, LaneSet

__all__ = [
    "ArrangedIndex", "Arrangement", "LaneLayout", "arrange", "lane_key", "layout_of",
    "with_layout",
]

_KEYS = ("order", "hidden", "collapsed", "colors")


def lane_key(lane: Lane) -> str:
    """How the layout names ``lane``: its key, ``""`` for the lane of events naming none."""
    return "" if lane.key is None else lane.key


@dataclass(frozen=True, slots=True)
class LaneLayout:
    """The arrangement of the lanes of one grouping (see the module's docstring)."""

    order: tuple[str, ...] = ()
    hidden: frozenset[str] = frozenset()
    collapsed: frozenset[str] = frozenset()
    colors: dict[str, str] = field(default_factory=dict, hash=False)
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_json(cls, obj: Any) -> LaneLayout:
        """From the object the file holds for one grouping (checked by the loader)."""
        if type(obj) is not dict:
            return cls()
        return cls(tuple(obj.get("order", ())), frozenset(obj.get("hidden", ())),
                   frozenset(obj.get("collapsed", ())), dict(obj.get("colors", {})),
                   {k: v for k, v in obj.items() if k not in _KEYS})

    def to_json(self) -> dict[str, Any]:
        """The object written for the grouping: empty parts left out, unknown keys kept."""
        out: dict[str, Any] = {}
        if self.order:
            out["order"] = list(self.order)
        if self.hidden:
            out["hidden"] = sorted(self.hidden)
        if self.collapsed:
            out["collapsed"] = sorted(self.collapsed)
        if self.colors:
            out["colors"] = dict(self.colors)
        out.update(self.extra)
        return out

    def ordered(self, keys: Iterable[str]) -> list[str]:
        """``keys`` (lanes in their usual order) in this layout's order: those it lists
        first, as it lists them, then the others as they come."""
        keys = list(keys)
        present = set(keys)
        first = [k for k in dict.fromkeys(self.order) if k in present]
        placed = set(first)
        return first + [k for k in keys if k not in placed]

    def moved(self, keys: Iterable[str], key: str, before: str | None) -> LaneLayout:
        """The layout with lane ``key`` put just above lane ``before`` (at the bottom for
        None); ``keys`` are every lane of the grouping in their usual order, hidden ones
        too."""
        order = self.ordered(keys)
        if key not in order or key == before:
            return self
        order.remove(key)
        order.insert(order.index(before) if before in order else len(order), key)
        known = set(order)
        return self._with(order=tuple(order) + tuple(k for k in self.order if k not in known))

    def with_hidden(self, key: str, hidden: bool) -> LaneLayout:
        return self._with(hidden=self.hidden | {key} if hidden else self.hidden - {key})

    def with_collapsed(self, key: str, collapsed: bool) -> LaneLayout:
        return self._with(
            collapsed=self.collapsed | {key} if collapsed else self.collapsed - {key})

    def with_color(self, key: str, color: str) -> LaneLayout:
        colors = dict(self.colors)
        if color:
            colors[key] = color
        else:
            colors.pop(key, None)
        return self._with(colors=colors)

    def showing_all(self) -> LaneLayout:
        return self._with(hidden=frozenset())

    def _with(self, **changes: Any) -> LaneLayout:
        values = {name: getattr(self, name) for name in (*_KEYS, "extra")}
        values.update(changes)
        return LaneLayout(**values)


def layout_of(layout: dict[str, Any], group_by: GroupBy) -> LaneLayout:
    """The lanes' arrangement for ``group_by`` in a document's ``layout``."""
    return LaneLayout.from_json(layout.get(group_by.value))


def with_layout(layout: dict[str, Any], group_by: GroupBy, lanes: LaneLayout) -> dict[str, Any]:
    """A new document ``layout`` where ``group_by`` has ``lanes`` (the others as they were,
    in their place); a grouping with nothing to say is left out."""
    out = dict(layout)
    value = lanes.to_json()
    if value:
        out[group_by.value] = value
    else:
        out.pop(group_by.value, None)
    return out


@dataclass(frozen=True, slots=True)
class Arrangement:
    """The lanes of a grouping as shown: ``shown[i]`` is the grouping's lane drawn i-th
    from the top; ``order`` lists every lane, hidden ones too, in the layout's order."""

    lane_set: LaneSet
    index: EventIndex
    shown: list[int]
    order: list[int]
    collapsed: list[bool]  # per lane shown

    @property
    def group_by(self) -> GroupBy:
        return self.lane_set.group_by


def arrange(lane_set: LaneSet, index: EventIndex, lanes: LaneLayout) -> Arrangement:
    """The lanes of ``lane_set`` (indexed by ``index``) arranged as ``lanes`` says."""
    keys = [lane_key(lane) for lane in lane_set.lanes]
    at = {k: i for i, k in enumerate(keys)}
    order = [at[k] for k in lanes.ordered(keys)]
    shown = [i for i in order if keys[i] not in lanes.hidden]
    collapsed = [keys[i] in lanes.collapsed for i in shown]
    if shown == list(range(len(keys))):
        return Arrangement(lane_set, index, shown, order, collapsed)
    new_of = {old: new for new, old in enumerate(shown)}
    rows: dict[int, list[int]] = {}  # events share their lists: map each list once

    def mapped(row: list[int]) -> list[int]:
        out = rows.get(id(row))
        if out is None:
            out = rows[id(row)] = sorted(new_of[k] for k in row if k in new_of)
        return out

    arranged = LaneSet(lane_set.group_by, [lane_set.lanes[i] for i in shown],
                       list(map(mapped, lane_set.event_lanes)))
    return Arrangement(arranged, ArrangedIndex(index, shown, arranged.event_lanes), shown,
                       order, collapsed)


class ArrangedIndex:
    """An ``EventIndex`` seen through an arrangement: lane ``i`` is the base's lane
    ``shown[i]``.  Queries cost what the base's do; "next event" (Tab) visits only the
    events in a shown lane, in the time order the base uses (start, then document
    order)."""

    __slots__ = ("_base", "_event_lanes", "_shown", "_walk", "ends", "starts")

    def __init__(self, base: EventIndex, shown: list[int],
                 event_lanes: list[list[int]]) -> None:
        self._base = base
        self._shown = shown
        self._event_lanes = event_lanes  # per event, its shown lanes (none: hidden)
        self._walk: TimeWalk | None = None  # made on the first Tab
        self.starts = base.starts
        self.ends = base.ends

    @property
    def n_events(self) -> int:
        return self._base.n_events

    @property
    def n_lanes(self) -> int:
        return len(self._shown)

    def lane_size(self, lane: int) -> int:
        return self._base.lane_size(self._shown[lane])

    def order(self, lane: int) -> np.ndarray:
        return self._base.order(self._shown[lane])

    def lane_starts(self, lane: int) -> np.ndarray:
        return self._base.lane_starts(self._shown[lane])

    def max_duration(self, lane: int) -> float:
        return self._base.max_duration(self._shown[lane])

    def time_range(self) -> tuple[float, float] | None:
        return self._base.time_range()

    def shown_starts(self) -> np.ndarray:
        """Starts of the events the base shows, ascending (a filter's, or all)."""
        shown = getattr(self._base, "shown_starts", None)
        return shown() if shown is not None else np.sort(self._base.starts)

    def visible(self, lane: int, t0: float, t1: float) -> np.ndarray:
        return self._base.visible(self._shown[lane], t0, t1)

    def count_visible(self, lane: int, t0: float, t1: float) -> int:
        return self._base.count_visible(self._shown[lane], t0, t1)

    def in_view(self, t0: float, t1: float, cap: int,
                lanes: list[int] | None = None) -> tuple[list[int], list[np.ndarray | None]]:
        return self._base.in_view(t0, t1, cap, self._shown if lanes is None
                                  else [self._shown[k] for k in lanes])

    def density(self, lane: int, t0: float, t1: float, nbins: int) -> np.ndarray:
        return self._base.density(self._shown[lane], t0, t1, nbins)

    def next_event(self, t: float, direction: int, current: int | None = None) -> int | None:
        """As ``EventIndex.next_event``, among the events in a shown lane; from an event
        in none (a hidden lane's) the walk goes on from its start."""
        if self._walk is None:
            shown = np.fromiter(map(bool, self._event_lanes), dtype=bool,
                                count=len(self._event_lanes))
            self._walk = TimeWalk(self.starts, shown)
        return self._walk.next_event(self.starts, t, direction, current)
