"""The candidates of the lanes of a frame: each visible event's marker extent and label claim.

``layout_frame`` packs them into rows (``lanes.pack_rows``) and places the labels
(``label_place.place_labels``).  A candidate is a plain tuple ``(claim_x0, claim_x1,
idx, x0, x1, band_x0, band_x1, has_label, w, label_x, lines, full, fuzz, inside_ok)``;
``Candidates`` holds a lane's as columns and makes the tuples of those asked for (in a
crowded lane, the dozen of ~400 that get a row).

``frame_candidates`` computes those of every lane of a frame at once with numpy: a few
passes over all their visible events, where one lane at a time cost numpy's fixed cost
per call ~50 times per lane (a frame of sixteen lanes made ~800 numpy calls), and one
Python iteration per event with a dozen calls cost more still.  ``lane_candidates_loop``
is the loop it replaced: the reference the tests compare it with, and the one that
wraps labels (an export).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from timeline_app.core.model import Event
from timeline_app.core.view.event_traits import EventTraits, traits_of
from timeline_app.core.view.frame import OPEN_TAIL_PX
from timeline_app.core.view.label_place import (
    CHIP_STEP,
    MAX_CHIPS,
    chip_width,
    fuzz_of,
    label_extent,
    wrapped_extent,
)

if TYPE_CHECKING:
    from timeline_app.core.view.frame import FrameGeometry

__all__ = [
    "FAR",
    "WHISKER_PX",
    "Candidates",
    "frame_candidates",
    "frame_candidates_loop",
    "lane_candidates_loop",
]

Measure = Callable[[str], float]

FAR = 1e12  # no edge: where a label's claim on its row is computed

#: How far the whiskers of an approximate day reach beyond its marker.
WHISKER_PX = 8.0


def chips_of(ev: Event, by_actor: bool) -> tuple[str, ...]:
    """An event's actors, shown as chips where the lane does not say who acted, and on
    each copy of an event drawn in several actors' lanes."""
    if by_actor and len(ev.actors) < 2:
        return ()
    return tuple(ev.actors[:MAX_CHIPS])


class Candidates:
    """The candidates of one lane, in the order of their visible events.

    ``claims0``/``claims1`` are every candidate's claim on its row (the packing reads
    only these); ``take`` gives the whole tuples of the candidates asked for, which in
    a crowded lane are the few that get a row.
    """

    __slots__ = ("_columns", "_offset", "_tuples", "claims0", "claims1", "events")

    def __init__(self, claims0: np.ndarray, claims1: np.ndarray, events: np.ndarray,
                 tuples: list[tuple] | None = None, columns: tuple | None = None,
                 offset: int = 0) -> None:
        self.claims0, self.claims1, self.events = claims0, claims1, events
        self._tuples, self._columns = tuples, columns
        self._offset = offset  # where the lane's candidates begin in ``columns``

    @classmethod
    def of(cls, cands: list[tuple]) -> Candidates:
        """Candidates made one by one (``lane_candidates_loop``)."""
        return cls(np.array([c[0] for c in cands], dtype=np.float64),
                   np.array([c[1] for c in cands], dtype=np.float64),
                   np.array([c[2] for c in cands], dtype=np.intp), tuples=cands)

    def __len__(self) -> int:
        return len(self.claims0)

    def take(self, ks: list[int]) -> list[tuple]:
        """The tuples of candidates ``ks`` (positions), in that order."""
        if self._tuples is not None:
            return [self._tuples[k] for k in ks]
        at = np.array(ks, dtype=np.intp) + self._offset
        cols = [c[at].tolist() for c in self._columns]  # type: ignore[union-attr]
        (ext0, ext1, idx, x0, x1, band_x0, band_x1, has, widths, label_xs, fulls, f0, f1,
         inside) = cols
        return list(zip(ext0, ext1, idx, x0, x1, band_x0, band_x1, has, widths, label_xs,
                        repeat(()), fulls, zip(f0, f1, strict=True), inside, strict=False))

    def tuples(self) -> list[tuple]:
        """Every candidate's tuple, in order."""
        return self.take(list(range(len(self))))

    def part(self, lo: int, hi: int) -> Candidates:
        """Candidates ``lo:hi`` of those made with numpy, sharing their columns."""
        return Candidates(self.claims0[lo:hi], self.claims1[lo:hi], self.events[lo:hi],
                          columns=self._columns, offset=self._offset + lo)


def frame_candidates(
    visibles: list[np.ndarray], budgets: list[int], events: object, x_starts: np.ndarray,
    x_ends: np.ndarray, spp: float, geo: FrameGeometry, measure: Measure, selected: int,
    label_of: Callable[[int], str] | None, by_actor: bool, edge_claims: bool,
    x_origin: float, right_edge: float, traits: EventTraits | None = None,
) -> list[Candidates]:
    """The candidates of several lanes, one ``Candidates`` per lane, computed together.

    ``visibles[k]`` are lane k's visible events (sorted document indices) and
    ``budgets[k]`` the labels still free when its turn comes (``layout_frame`` gives them
    out lane after lane): its first ``budgets[k]`` events and the selected one are
    labelled.  ``x_starts``/``x_ends`` are the pixels of every visible event's start and
    end, lane after lane.  Gives what ``frame_candidates_loop`` gives.
    """
    lengths = [len(v) for v in visibles]
    if not sum(lengths):
        return [Candidates.of([]) for _ in visibles]
    every = np.concatenate(visibles)
    first = np.cumsum(lengths) - lengths  # where each lane begins
    lane_of = np.repeat(np.arange(len(visibles)), lengths)
    has = np.arange(len(every)) - first[lane_of] < np.array(budgets)[lane_of]
    if selected >= 0:
        has |= every == selected
    made = _candidates(every.tolist(), events, x_starts, x_ends, spp, geo, measure, has,
                       label_of, by_actor, edge_claims, x_origin, right_edge, traits)
    return [made.part(lo, lo + n) for lo, n in zip(first.tolist(), lengths, strict=True)]


def frame_candidates_loop(
    visibles: list[np.ndarray], budgets: list[int], events: object, x_starts: np.ndarray,
    x_ends: np.ndarray, spp: float, geo: FrameGeometry, measure: Measure, selected: int,
    label_of: Callable[[int], str] | None, by_actor: bool, edge_claims: bool,
    x_origin: float, right_edge: float, traits: EventTraits | None = None,
    wrap_labels: bool = False,
) -> list[Candidates]:
    """``frame_candidates`` one lane and one event at a time (``lane_candidates_loop``):
    the reference, and the export's wrapped labels.  Only the first lane's budget is
    read: the labels left are handed from lane to lane as the loop counts them, which
    checks the budgets ``layout_frame`` gives ``frame_candidates``."""
    out, lo = [], 0
    xs, xe = x_starts.tolist(), x_ends.tolist()
    labels_left = budgets[0] if budgets else 0
    for visible in visibles:
        hi = lo + len(visible)
        made, labels_left = lane_candidates_loop(
            visible.tolist(), events, xs[lo:hi], xe[lo:hi], spp, geo, measure, labels_left,
            selected, label_of, by_actor, edge_claims, x_origin, right_edge, wrap_labels)
        out.append(Candidates.of(made))
        lo = hi
    return out


def _candidates(
    visible: list[int], events: object, bx0: np.ndarray, xe: np.ndarray, spp: float,
    geo: FrameGeometry, measure: Measure, has: np.ndarray,
    label_of: Callable[[int], str] | None, by_actor: bool, edge_claims: bool,
    x_origin: float, right_edge: float, traits: EventTraits | None,
) -> Candidates:
    """The candidates of ``visible`` (any document indices, non-empty), those ``has``
    flags labelled; ``bx0``/``xe`` the pixels of their starts and ends."""
    n = len(visible)
    if traits is not None:
        is_range, span, whiskers, fs0, fs1, n_actors, badge, tail = traits.gather(
            events, visible)
    else:
        evs = [events[i] for i in visible]  # type: ignore[index]
        is_range, span, whiskers, fs0, fs1, n_actors, badge, tail = traits_of(evs)
    half = geo.marker_size / 2
    cx = (bx0 + xe) / 2
    bar_x1 = np.maximum(bx0 + 2.0, xe)
    x0 = np.where(is_range, bx0, np.where(span, np.minimum(bx0, cx - half), cx - half))
    x1 = np.where(is_range, bar_x1, np.where(span, np.maximum(xe, cx + half), cx + half))
    x0 = np.where(whiskers, x0 - WHISKER_PX, x0)
    x1 = np.where(whiskers, x1 + WHISKER_PX, x1)
    x1 = x1 + np.where(badge, WHISKER_PX / 2, 0.0)  # the "?" badge of an uncertain day
    x1 = x1 + np.where(tail, OPEN_TAIL_PX, 0.0)  # an open end's tail
    band_x1 = np.where(is_range, bar_x1, xe)
    f0, f1 = fs0 / spp, fs1 / spp  # label_place.fuzz_of, element by element

    labelled = np.flatnonzero(has)
    ext0, ext1 = x0.copy(), x1.copy()
    widths, label_xs, fulls = np.zeros(n), np.zeros(n), np.zeros(n)
    inside_ok = np.zeros(n, dtype=bool)
    if len(labelled):
        chips = np.where(by_actor & (n_actors[labelled] < 2), 0,
                         np.minimum(n_actors[labelled], MAX_CHIPS))
        chip_w = np.where(chips > 0, chips * CHIP_STEP + 3.0, 0.0)  # label_place.chip_width
        if label_of is not None:
            text_w = np.array([measure(label_of(visible[k])) for k in labelled.tolist()])
        elif traits is not None:
            text_w = traits.title_widths(events, [visible[k] for k in labelled.tolist()],
                                         measure)
        else:
            text_w = np.array([measure(evs[k].title) for k in labelled.tolist()])
        fl = text_w + chip_w
        w = np.minimum(fl, geo.max_label_width)
        ins = (is_range | span)[labelled]
        lo, hi = (x_origin, right_edge) if edge_claims else (-FAR, FAR)
        # label_extent, element by element
        gap = geo.label_gap
        a0, a1 = x0[labelled], x1[labelled]
        s0, s1 = a0 + f0[labelled], a1 - f1[labelled]
        inside = ins & (w + 2 * gap <= s1 - s0)
        in_x = np.maximum(s0, lo) + gap
        in_x = np.where(in_x + w > s1 - gap, s0 + gap, in_x)
        right = a1 + gap
        flip = (right + w > hi) & (a0 - gap - w >= lo)
        right_x = np.maximum(right, lo + gap)
        left_x = a0 - gap - w
        ext0[labelled] = np.where(inside, a0, np.where(flip, left_x, a0))
        ext1[labelled] = np.where(inside | flip, a1, right_x + w)
        label_xs[labelled] = np.where(inside, in_x, np.where(flip, left_x, right_x))
        widths[labelled], fulls[labelled], inside_ok[labelled] = w, fl, ins
    events_at = np.array(visible, dtype=np.intp)
    columns = (ext0, ext1, events_at, x0, x1, bx0, band_x1, has, widths, label_xs, fulls,
               f0, f1, inside_ok)
    return Candidates(ext0, ext1, events_at, columns=columns)


def lane_candidates_loop(
    visible: list[int], events: object, x_starts: list[float], x_ends: list[float],
    spp: float, geo: FrameGeometry, measure: Measure, labels_left: int, selected: int,
    label_of: Callable[[int], str] | None, by_actor: bool, edge_claims: bool,
    x_origin: float, right_edge: float, wrap_labels: bool = False,
) -> tuple[list[tuple], int]:
    """The candidates one event at a time: the reference, and the export's wrapped labels."""
    half = geo.marker_size / 2
    max_w = geo.max_label_width
    cands = []
    for idx, band_x0, x_end in zip(visible, x_starts, x_ends, strict=True):
        ev = events[idx]  # type: ignore[index]
        is_range = ev.end is not None
        fuzz = fuzz_of(ev, spp) if is_range else (0.0, 0.0)
        if is_range:
            x0, x1, band_x1 = band_x0, max(band_x0 + 2.0, x_end), max(band_x0 + 2.0, x_end)
        elif ev.start.precision < 2:
            # a month or a year is a span, never a point: it covers all of it (at least
            # a marker's width when zoomed out, so that it can still be seen and clicked)
            cx = (band_x0 + x_end) / 2
            x0, x1, band_x1 = min(band_x0, cx - half), max(x_end, cx + half), x_end
        else:
            cx = (band_x0 + x_end) / 2  # a point's end is the end of its precision span
            x0, x1, band_x1 = cx - half, cx + half, x_end
            if ev.start.approximate:  # whiskers: keep the label clear of them
                x0, x1 = x0 - WHISKER_PX, x1 + WHISKER_PX
            elif ev.start.uncertain:  # the "?" badge at the upper right
                x1 += WHISKER_PX / 2
        x1 += OPEN_TAIL_PX if ev.open_end else 0.0  # it goes on: a tail, clear of the label
        if labels_left > 0 or idx == selected:
            labels_left -= 1
            text = ev.title if label_of is None else label_of(idx)
            full = measure(text) + chip_width(chips_of(ev, by_actor))
            w = min(full, max_w)
            # a month or a year is light enough to carry its label in it, like a bar
            inside_ok = is_range or ev.start.precision < 2
            lines: tuple[str, ...] = ()
            if wrap_labels:  # an export: no view moves, the label's place is its claim
                ext0, ext1, label_x = label_extent(x0, x1, inside_ok, w, geo, x_origin,
                                                   right_edge, fuzz)
                if ext1 > right_edge:
                    ext0, ext1, label_x, w, lines = wrapped_extent(
                        text, x0, x1, geo, x_origin, right_edge, measure, not is_range)
            else:
                # The claim a label makes on its row is the same wherever the view is:
                # beside its marker or in its bar, never moved by the view's edges, so
                # panning never changes which events share a row.
                # A reference frame (``edge_claims``) claims where the label will be drawn
                # in it, flipped left at the right edge, so that its rows leave it room.
                lo, hi = (x_origin, right_edge) if edge_claims else (-FAR, FAR)
                ext0, ext1, label_x = label_extent(x0, x1, inside_ok, w, geo, lo, hi, fuzz)
            cands.append((ext0, ext1, idx, x0, x1, band_x0, band_x1, True, w, label_x, lines,
                          full, fuzz, inside_ok))
        else:
            cands.append((x0, x1, idx, x0, x1, band_x0, band_x1, False, 0.0, 0.0, (), 0.0,
                          fuzz, False))
    return cands, labels_left
