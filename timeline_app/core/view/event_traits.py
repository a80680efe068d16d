"""What the layout reads of each event, kept across frames as arrays.

Laying out a lane reads, for each visible event, whether it is a range, how precise and
how approximate its dates are, how many actors it has and how wide its title is.  Read
from the events one at a time, that is most of the cost of a busy frame; kept here in
arrays by document position, a frame gathers them with numpy and reads only the events
it has not seen before.

An entry is valid while the document still holds the very same ``Event`` object at that
position: an edit (which replaces the event), an insertion or a removal (which shift the
positions) makes it stale, and it is read again from the event when next needed, so the
cache never needs to be told about a change.  Title widths are kept for one ``measure``
function; another one (a new font) starts them afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from timeline_app.core.model import Event

__all__ = ["EventTraits", "traits_of"]


def traits_of(evs: Sequence[Event]) -> tuple[np.ndarray, ...]:
    """``(is_range, is_span, whiskers, start_fuzz_s, end_fuzz_s, n_actors, badge, tail)``
    of ``evs``: a range; a point known to the month or year; a point day with whiskers
    (approximate); the seconds a range's start and end leave uncertain (a month or a
    year, else 0); how many actors; a point day with a "?" badge (uncertain, not
    approximate); an open end's tail."""
    n = len(evs)
    starts = [ev.start for ev in evs]
    ends = [ev.end for ev in evs]
    is_range = np.fromiter([e is not None for e in ends], bool, n)
    coarse = np.fromiter([s.precision for s in starts], np.int8, n) < 2
    span = ~is_range & coarse
    whiskers = ~is_range & ~coarse & np.fromiter([s.approximate for s in starts], bool, n)
    fs0, fs1 = np.zeros(n), np.zeros(n)
    for k in np.flatnonzero(is_range).tolist():  # as label_place.fuzz_of, before / spp
        s, e = starts[k], ends[k]
        if s.precision < 2:
            fs0[k] = s.end_seconds() - s.to_seconds()
        if e.precision < 2:  # type: ignore[union-attr]
            fs1[k] = e.end_seconds() - e.to_seconds()  # type: ignore[union-attr]
    n_actors = np.fromiter([len(ev.actors) for ev in evs], np.int64, n)
    badge = ~is_range & ~coarse & ~whiskers & np.fromiter(
        [s.uncertain for s in starts], bool, n)
    tail = np.fromiter([ev.open_end for ev in evs], bool, n)
    return is_range, span, whiskers, fs0, fs1, n_actors, badge, tail


class EventTraits:
    """``traits_of`` every event, kept by document position (see the module's doc)."""

    def __init__(self) -> None:
        self._objs: list[Event | None] = []
        self._arrays: list[np.ndarray] = []
        self._widths = np.zeros(0)
        self._measure: Callable[[str], float] | None = None

    def gather(self, events: Sequence[Event], visible: list[int]
               ) -> tuple[np.ndarray, ...]:
        """``traits_of([events[i] for i in visible])``, from the cache where it holds."""
        n_doc = len(events)
        if len(self._objs) != n_doc:  # another document, or one inserted or removed
            self._objs = [None] * n_doc
            self._arrays = [np.zeros(n_doc, bool), np.zeros(n_doc, bool),
                            np.zeros(n_doc, bool), np.zeros(n_doc), np.zeros(n_doc),
                            np.zeros(n_doc, np.int64), np.zeros(n_doc, bool),
                            np.zeros(n_doc, bool)]
            self._widths = np.full(n_doc, np.nan)
        objs = self._objs
        stale = [i for i in visible if objs[i] is not events[i]]
        if stale:
            fresh = [events[i] for i in stale]
            at = np.array(stale, dtype=np.intp)
            for array, values in zip(self._arrays, traits_of(fresh), strict=True):
                array[at] = values
            self._widths[at] = np.nan
            for i, ev in zip(stale, fresh, strict=True):
                objs[i] = ev
        where = np.array(visible, dtype=np.intp)
        return tuple(array[where] for array in self._arrays)

    def read_ahead(self, events: Sequence[Event], start: int, stop: int,
                   measure: Callable[[str], float]) -> None:
        """Read the traits and title widths of ``events[start:stop]`` now (while the
        window is idle), so that a frame showing them for the first time finds them."""
        positions = list(range(start, min(stop, len(events))))
        if positions:
            self.gather(events, positions)
            self.title_widths(events, positions, measure)

    def title_widths(self, events: Sequence[Event], positions: list[int],
                     measure: Callable[[str], float]) -> np.ndarray:
        """``measure(events[i].title)`` for ``positions`` (gathered before: valid)."""
        if measure != self._measure:
            self._widths[:] = np.nan
            self._measure = measure
        at = np.array(positions, dtype=np.intp)
        widths = self._widths[at]
        missing = np.flatnonzero(np.isnan(widths))
        if len(missing):
            for k in missing.tolist():
                widths[k] = measure(events[positions[k]].title)
            self._widths[at[missing]] = widths[missing]
        return widths
