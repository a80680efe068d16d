"""Per-lane time index of the events: what is visible, how dense, what is under the mouse.

A document may hold 100,000 to 1,000,000 events, and the view repaints on every wheel
step and drag; so per-frame queries must cost what is *visible*, not what exists.  The
index keeps, per lane, numpy arrays of the events sorted by start, and queries are
binary searches (``np.searchsorted``) followed by vectorized work on a small window.

Visible query and duration classes.  An event [start, end) overlaps the view [t0, t1)
iff start < t1 and end > t0.  With the events sorted by start and the longest duration
``D`` of the lane known, only starts in [t0 - D, t1) can qualify: a binary search finds
that window and a vectorized test filters it.  One long event (a range over years)
would make ``D`` huge and the window the whole lane, so each lane is split into
duration classes (up to an hour, a day, a week, a month, a quarter, a year, four
years, 32 years, longer), each with its own sorted starts and ``D``: the window of a
class then holds only events of similar length that start shortly before the view.
A second copy of each lane, sorted by start alone, serves the density of a lane.

Ends are ``Event.end_seconds()``: the full span a date can mean ("April 2019" covers
the whole month), so an imprecise event is visible wherever it might have happened.
The index is immutable; the document changed, build a new one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from timeline_app.core.model import Document, Event
from timeline_app.core.view.lanes import LaneSet
from timeline_app.core.view.segment_keys import SegmentKeys, ranges, segment_keys

__all__ = ["DURATION_CLASS_BOUNDS", "EventIndex", "TimeWalk"]

_DAY = 86400.0
#: Upper bounds (inclusive, seconds) of the duration classes; longer events form the last.
DURATION_CLASS_BOUNDS = np.array(
    [3600.0, _DAY, 8 * _DAY, 32 * _DAY, 100 * _DAY, 367 * _DAY, 4 * 366 * _DAY, 32 * 366 * _DAY]
)
DURATION_CLASS_BOUNDS.setflags(write=False)
_N_CLASSES = len(DURATION_CLASS_BOUNDS) + 1
_DENSITY_CACHE_SIZE = 256

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.intp]


def _small_ints(a: np.ndarray, bound: int) -> np.ndarray:
    """``a`` (values in 0..bound-1) in the narrowest integer type: numpy's stable sort
    is a radix sort for 8- and 16-bit integers, several times faster than on int64."""
    if bound <= 1 << 8:
        return a.astype(np.uint8)
    if bound <= 1 << 16:
        return a.astype(np.uint16)
    return a


def _readonly(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


class EventIndex:
    """Events of one document, per lane, sorted by start; built by ``build``.

    ``starts`` and ``ends`` are aligned with ``document.events`` (seconds since
    1970-01-01, ends exclusive); every query returns document event indices.
    """

    __slots__ = (
        "_c_ends",
        "_c_order",
        "_c_starts",
        "_density_cache",
        "_g_order",
        "_g_starts",
        "_l_order",
        "_l_starts",
        "_lane_off",
        "_max_dur",
        "_rank",
        "_seg_flat",
        "_seg_keys",
        "_segments",
        "ends",
        "starts",
    )

    starts: _FloatArray
    ends: _FloatArray

    # --- construction -----------------------------------------------------------------
    @classmethod
    def build(cls, document: Document, lane_set: LaneSet) -> EventIndex:
        """Index ``document.events`` in the lanes of ``lane_set`` (built from the same document)."""
        events = document.events
        n = len(events)
        if len(lane_set.event_lanes) != n:
            raise ValueError(
                f"the lane set has {len(lane_set.event_lanes)} events, the document {n}"
            )
        # Methods looked up once, on the class; a date knows its seconds already.
        starts = np.fromiter(map(Event.start_seconds, events), np.float64, n)
        ends = np.fromiter(map(Event.end_seconds, events), np.float64, n)
        return cls.from_arrays(starts, ends, lane_set.event_lanes, len(lane_set.lanes))

    def with_event_moved(
        self, index: int, event: Event, event_lanes: Sequence[Sequence[int]], n_lanes: int
    ) -> EventIndex:
        """A new index where event ``index`` is ``event`` (its dates changed, its lanes
        as ``event_lanes`` says): the seconds of every other event are reused, so an
        edit costs numpy's sorts, not a Python pass over a million events."""
        starts = self.starts.copy()
        ends = self.ends.copy()
        starts[index] = event.start_seconds()
        ends[index] = event.end_seconds()
        return EventIndex.from_arrays(starts, ends, event_lanes, n_lanes)

    def with_event_inserted(
        self, index: int, event: Event, event_lanes: Sequence[Sequence[int]], n_lanes: int
    ) -> EventIndex:
        """A new index with ``event`` inserted at ``index`` (lanes as ``event_lanes``
        says), from the seconds of the other events, as ``with_event_moved``."""
        starts = np.insert(self.starts, index, event.start_seconds())
        ends = np.insert(self.ends, index, event.end_seconds())
        return EventIndex.from_arrays(starts, ends, event_lanes, n_lanes)

    def with_event_removed(
        self, index: int, event_lanes: Sequence[Sequence[int]], n_lanes: int
    ) -> EventIndex:
        """A new index without event ``index`` (lanes as ``event_lanes`` says)."""
        starts = np.delete(self.starts, index)
        ends = np.delete(self.ends, index)
        return EventIndex.from_arrays(starts, ends, event_lanes, n_lanes)

    @classmethod
    def from_arrays(
        cls,
        starts: Sequence[float] | np.ndarray,
        ends: Sequence[float] | np.ndarray,
        event_lanes: Sequence[Sequence[int]],
        n_lanes: int,
    ) -> EventIndex:
        """Index events given their start and end seconds and lane lists.

        Separate from ``build`` so that callers holding the seconds already (a cache, a
        benchmark, a test) skip the per-event Python work.  An end before its start
        (inconsistent data) is treated as a point at the start.
        """
        self = cls.__new__(cls)
        s = np.array(starts, dtype=np.float64)
        e = np.array(ends, dtype=np.float64)
        n = len(s)
        if s.ndim != 1 or e.shape != (n,) or len(event_lanes) != n:
            raise ValueError("starts, ends and event_lanes must have the same length")
        np.maximum(e, s, out=e)
        self.starts = _readonly(s)
        self.ends = _readonly(e)

        # Each (lane, event) membership is an entry; entries come in document order.
        lens = np.fromiter(map(len, event_lanes), np.intp, n)
        total = int(lens.sum())
        entry_lane = np.fromiter(chain.from_iterable(event_lanes), np.intp, total)
        if total and (entry_lane.min() < 0 or entry_lane.max() >= n_lanes):
            raise ValueError(f"a lane index is outside 0..{n_lanes - 1}")
        entry_event = np.repeat(np.arange(n, dtype=np.intp), lens)

        # Global order by (start, document index) for keyboard navigation.
        g_order = np.argsort(s, kind="stable")
        rank = np.empty(n, dtype=np.intp)
        rank[g_order] = np.arange(n, dtype=np.intp)
        self._g_order = _readonly(g_order)
        self._g_starts = _readonly(s[g_order])
        self._rank = _readonly(rank)

        # Layout 1: lane-major, then start (ties by document index).  Entries in start
        # order are the entries of each event taken in g_order (no second float sort),
        # then a stable sort by lane, a radix sort on small integers.
        if total == n and bool((lens == 1).all()):
            by_start = g_order
        else:
            first_entry = np.cumsum(lens) - lens
            lens_g = lens[g_order]
            by_start = np.arange(total, dtype=np.intp) + np.repeat(
                first_entry[g_order] - (np.cumsum(lens_g) - lens_g), lens_g
            )
        by_lane = by_start[np.argsort(_small_ints(entry_lane[by_start], n_lanes), kind="stable")]
        l_order = entry_event[by_lane]
        self._l_order = _readonly(l_order)
        self._l_starts = _readonly(s[l_order])
        lane_counts = np.bincount(entry_lane, minlength=n_lanes)
        lane_off = np.zeros(n_lanes + 1, dtype=np.intp)
        np.cumsum(lane_counts, out=lane_off[1:])
        self._lane_off = lane_off

        # Layout 2: lane-major, then duration class, then start.
        dur = e[l_order] - s[l_order]
        cls_of = np.searchsorted(DURATION_CLASS_BOUNDS, dur, side="left")
        seg_key = entry_lane[by_lane] * _N_CLASSES + cls_of
        by_seg = np.argsort(_small_ints(seg_key, n_lanes * _N_CLASSES), kind="stable")
        c_order = l_order[by_seg]
        self._c_order = _readonly(c_order)
        self._c_starts = _readonly(s[c_order])
        self._c_ends = _readonly(e[c_order])
        seg_counts = np.bincount(seg_key, minlength=n_lanes * _N_CLASSES)
        seg_off = np.zeros(len(seg_counts) + 1, dtype=np.intp)
        np.cumsum(seg_counts, out=seg_off[1:])
        nonempty = np.flatnonzero(seg_counts)
        seg_max = (
            np.maximum.reduceat(dur[by_seg], seg_off[nonempty]) if len(nonempty) else np.empty(0)
        )
        segments: list[list[tuple[int, int, float]]] = [[] for _ in range(n_lanes)]
        max_dur = np.zeros(n_lanes)
        for k, d in zip(nonempty.tolist(), seg_max.tolist(), strict=True):
            lane = k // _N_CLASSES
            segments[lane].append((int(seg_off[k]), int(seg_off[k + 1]), d))
            max_dur[lane] = max(max_dur[lane], d)
        self._segments = segments
        # The same segments as flat arrays, for the queries of every lane at once.
        flat = [(lane, a, b, d) for lane, segs in enumerate(segments) for a, b, d in segs]
        self._seg_flat = (
            np.array([f[0] for f in flat], dtype=np.intp),
            np.array([f[1] for f in flat], dtype=np.intp),
            np.array([f[2] for f in flat], dtype=np.intp),
            np.array([f[3] for f in flat], dtype=np.float64),
        )
        self._max_dur = _readonly(max_dur)
        self._seg_keys: SegmentKeys | None = None  # made by the first ``in_view``
        self._density_cache: OrderedDict[tuple[int, float, float, int], np.ndarray] = OrderedDict()
        return self

    # --- sizes --------------------------------------------------------------------------
    @property
    def n_events(self) -> int:
        return len(self.starts)

    @property
    def n_lanes(self) -> int:
        return len(self._lane_off) - 1

    def lane_size(self, lane: int) -> int:
        """Number of events in ``lane``."""
        return int(self._lane_off[lane + 1] - self._lane_off[lane])

    def order(self, lane: int) -> _IntArray:
        """Document indices of the events of ``lane``, by start then document order."""
        return self._l_order[self._lane_off[lane] : self._lane_off[lane + 1]]

    def lane_starts(self, lane: int) -> _FloatArray:
        """Starts of ``order(lane)``, ascending."""
        return self._l_starts[self._lane_off[lane] : self._lane_off[lane + 1]]

    def max_duration(self, lane: int) -> float:
        """Longest event span in ``lane`` (0 when empty)."""
        return float(self._max_dur[lane])

    def time_range(self) -> tuple[float, float] | None:
        """Earliest start and latest end of all events, for "fit all"; None if empty."""
        if not len(self.starts):
            return None
        return float(self._g_starts[0]), float(self.ends.max())

    # --- queries ------------------------------------------------------------------------
    def _check_lane(self, lane: int) -> None:
        if not 0 <= lane < self.n_lanes:
            raise IndexError(f"lane {lane} is outside 0..{self.n_lanes - 1}")

    def visible(self, lane: int, t0: float, t1: float) -> _IntArray:
        """Document indices of the events of ``lane`` overlapping [t0, t1), by start.

        Overlap is start < t1 and end > t0; a zero-length event is visible when its
        start is in [t0, t1).  Ties in start are in document order.
        """
        self._check_lane(lane)
        if not t1 > t0:
            return np.empty(0, dtype=np.intp)
        pieces: list[np.ndarray] = []
        c_starts, c_ends, c_order = self._c_starts, self._c_ends, self._c_order
        for a, b, md in self._segments[lane]:
            lo, mid, hi = np.searchsorted(c_starts[a:b], (t0 - md, t0, t1)).tolist()
            if lo == hi:
                continue
            # Started before the view: visible only if still going on at t0.
            before = c_order[a + lo : a + mid][c_ends[a + lo : a + mid] > t0]
            if mid == hi:
                piece = before
            elif len(before):
                piece = np.concatenate((before, c_order[a + mid : a + hi]))
            else:
                piece = c_order[a + mid : a + hi]
            if len(piece):
                pieces.append(piece)
        if not pieces:
            return np.empty(0, dtype=np.intp)
        if len(pieces) == 1:  # one duration class: already sorted by start
            piece = pieces[0]  # a view of the index is read-only: give the caller a copy
            return piece if piece.flags.writeable else piece.copy()
        # Merge the classes: the global rank is the (start, document index) order.
        return self._g_order[np.sort(self._rank[np.concatenate(pieces)])]

    def count_visible(self, lane: int, t0: float, t1: float) -> int:
        """``len(visible(lane, t0, t1))`` without building the index array."""
        self._check_lane(lane)
        if not t1 > t0:
            return 0
        total = 0
        c_starts, c_ends = self._c_starts, self._c_ends
        for a, b, md in self._segments[lane]:
            lo, mid, hi = np.searchsorted(c_starts[a:b], (t0 - md, t0, t1)).tolist()
            total += hi - mid
            if lo < mid:
                total += int(np.count_nonzero(c_ends[a + lo : a + mid] > t0))
        return total

    def in_view(self, t0: float, t1: float, cap: int,
                lanes: Sequence[int] | None = None) -> tuple[list[int], list[_IntArray | None]]:
        """``count_visible`` of each lane of ``lanes`` (all by default), and the events of
        those with 1 to ``cap`` of them: ``visible``'s events, but by document index
        (None for a lane with none or more than ``cap``).

        One frame asks this of every lane: one search of all their duration classes
        together (see ``SegmentKeys``) and a dozen numpy calls more, where asking lane
        by lane costs two searches per duration class of each lane, and more.
        """
        n_asked = self.n_lanes if lanes is None else len(lanes)
        nothing: list[_IntArray | None] = [None] * n_asked
        if not t1 > t0 or n_asked == 0:
            return [0] * n_asked, nothing
        seg_lane, _, _, seg_md = self._seg_flat
        if lanes is not None:
            slot = np.full(self.n_lanes, -1, dtype=np.intp)
            slot[np.asarray(lanes, dtype=np.intp)] = np.arange(n_asked)
            seg_out = slot[seg_lane]
            seg_ids = np.flatnonzero(seg_out >= 0)
            seg_out, seg_md = seg_out[seg_ids], seg_md[seg_ids]
        else:
            seg_out = seg_lane
            seg_ids = np.arange(len(seg_lane))
        n_seg = len(seg_out)
        if n_seg == 0:
            return [0] * n_asked, nothing
        # In each segment: where starts reach t0 - md, t0 and t1 (np.searchsorted's left).
        if self._seg_keys is None:
            self._seg_keys = segment_keys(self._g_starts, self._g_order, self._c_order,
                                           self._seg_flat[2] - self._seg_flat[1])
        bounds = self._seg_keys.lower_bounds(
            np.tile(seg_ids, 3),
            np.concatenate((t0 - seg_md, np.full(n_seg, t0), np.full(n_seg, t1))))
        lo, mid, hi = bounds[:n_seg], bounds[n_seg:2 * n_seg], bounds[2 * n_seg:]
        # Started before the view: visible only if still going on at t0.
        before, before_seg = ranges(lo, mid)
        going = self._c_ends[before] > t0
        before, before_seg = before[going], before_seg[going]
        per_seg = (hi - mid) + np.bincount(before_seg, minlength=n_seg)
        counts = np.bincount(seg_out, weights=per_seg, minlength=n_asked).astype(np.intp)
        wanted = (counts > 0) & (counts <= cap)
        if not wanted.any():
            return counts.tolist(), nothing
        inside, inside_seg = ranges(np.where(wanted[seg_out], mid, hi), hi)
        keep = wanted[seg_out[before_seg]]
        positions = np.concatenate((before[keep], inside))
        out_lane = seg_out[np.concatenate((before_seg[keep], inside_seg))]
        n = self.n_events
        keys = np.sort(out_lane * n + self._c_order[positions])  # by lane, then index
        cuts = np.searchsorted(keys, np.arange(n_asked + 1) * n).tolist()
        visible: list[_IntArray | None] = [
            keys[cuts[k]:cuts[k + 1]] - k * n if want else None
            for k, want in enumerate(wanted.tolist())
        ]
        return counts.tolist(), visible

    def density(self, lane: int, t0: float, t1: float, nbins: int) -> npt.NDArray[np.int64]:
        """Events of ``lane`` per bin of [t0, t1) cut into ``nbins`` equal bins, by start.

        An event counts in the bin of its start only, so the bins sum to the number of
        events starting in [t0, t1).  O(nbins log n).  Results are cached (LRU) keyed
        on the arguments rounded to the millisecond, far below any event's precision,
        so a repaint of an unchanged view costs a dictionary lookup.  The returned
        array is read-only: it is shared with the cache.
        """
        self._check_lane(lane)
        if nbins < 0:
            raise ValueError(f"nbins must be 0 or more, not {nbins}")
        if nbins == 0 or not t1 > t0:
            return _readonly(np.zeros(nbins, dtype=np.int64))
        key = (lane, round(t0, 3), round(t1, 3), nbins)
        cache = self._density_cache
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
            return hit
        edges = np.linspace(t0, t1, nbins + 1)
        counts = np.diff(np.searchsorted(self.lane_starts(lane), edges, side="left"))
        counts = _readonly(counts.astype(np.int64, copy=False))
        cache[key] = counts
        if len(cache) > _DENSITY_CACHE_SIZE:
            cache.popitem(last=False)
        return counts

    def next_event(self, t: float, direction: int, current: int | None = None) -> int | None:
        """The event after (``direction`` > 0) or before (< 0) in time, across all lanes.

        Time order is by start, then document order, so Tab and Shift+Tab visit every
        event exactly once.  From ``current`` (a document index) when given; otherwise
        from time ``t``: the first event starting at or after ``t``, or the last one
        starting before it.  None at either end (the caller decides whether to wrap).
        """
        if direction == 0:
            raise ValueError("direction must be positive or negative")
        n = self.n_events
        if n == 0:
            return None
        if current is not None:
            if not 0 <= current < n:
                raise IndexError(f"event {current} is outside 0..{n - 1}")
            pos = int(self._rank[current]) + (1 if direction > 0 else -1)
        else:
            pos = int(np.searchsorted(self._g_starts, t, side="left"))
            if direction < 0:
                pos -= 1
        return int(self._g_order[pos]) if 0 <= pos < n else None


class TimeWalk:
    """Tab's walk through some of the events (those ``shown`` flags, one flag per
    document position), in ``EventIndex.next_event``'s order: by start, then document
    order.  Built once per set of shown events (numpy's sort of them)."""

    __slots__ = ("order", "rank", "starts")

    def __init__(self, starts: npt.NDArray[np.float64], shown: npt.NDArray[np.bool_]) -> None:
        order = np.flatnonzero(shown)
        self.order = order[np.argsort(starts[order], kind="stable")]
        self.starts = starts[self.order]  # ascending
        self.rank = np.full(len(shown), -1, dtype=np.intp)  # -1: not shown
        self.rank[self.order] = np.arange(len(self.order))

    def next_event(self, all_starts: npt.NDArray[np.float64], t: float, direction: int,
                   current: int | None = None) -> int | None:
        """As ``EventIndex.next_event``, among the shown events; from one not shown the
        walk goes on from its start (``all_starts[current]``)."""
        if direction == 0:
            raise ValueError("direction must be positive or negative")
        if current is not None and self.rank[current] >= 0:
            pos = int(self.rank[current]) + (1 if direction > 0 else -1)
        else:
            if current is not None:
                t = float(all_starts[current])
            pos = int(np.searchsorted(self.starts, t, side="left"))
            if direction < 0:
                pos -= 1
        return int(self.order[pos]) if 0 <= pos < len(self.order) else None
