"""Where an event's label goes beside its marker or inside its bar, in one frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline_app.core.model import Event
from timeline_app.core.view.text_wrap import wrap_text

if TYPE_CHECKING:
    from timeline_app.core.view.frame_layout import (
        FrameGeometry,
        MarkerBox,
        Measure,
        OverflowBox,
    )

__all__ = [
    "CHIP_STEP", "MAX_CHIPS", "chip_width", "clear_badges", "fuzz_of", "label_extent",
    "place_labels", "wrapped_extent",
]


def fuzz_of(ev: Event, spp: float) -> tuple[float, float]:
    """Pixels at each end of a range that its dates leave uncertain (a month or a year)."""
    assert ev.end is not None
    start_fuzz = end_fuzz = 0.0
    if ev.start.precision < 2:  # a month or a year: the start is a span
        start_fuzz = (ev.start.end_seconds() - ev.start.to_seconds()) / spp
    if ev.end.precision < 2:
        end_fuzz = (ev.end.end_seconds() - ev.end.to_seconds()) / spp
    return start_fuzz, end_fuzz


def label_extent(
    x0: float, x1: float, is_range: bool, w: float, geo: FrameGeometry, x_origin: float,
    right_edge: float, fuzz: tuple[float, float] = (0.0, 0.0),
) -> tuple[float, float, float]:
    """Where a label of width ``w`` goes: inside a long enough bar, else right of the
    marker, else left of it when it would run off the right edge.  Returns the
    horizontal extent of marker plus label, and the label's x.

    Inside a bar the label keeps to its solid part: ``fuzz`` is the width of the faded
    ends that an uncertain start or end leaves, where text would be unreadable."""
    gap = geo.label_gap
    s0, s1 = x0 + fuzz[0], x1 - fuzz[1]
    if is_range and w + 2 * gap <= s1 - s0:
        label_x = max(s0, x_origin) + gap
        if label_x + w > s1 - gap:
            label_x = s0 + gap
        return x0, x1, label_x
    right = x1 + gap
    if right + w > right_edge and x0 - gap - w >= x_origin:
        return x0 - gap - w, x1, x0 - gap - w
    # a marker left of the view keeps its label readable at the left edge
    label_x = max(right, x_origin + gap)
    return x0, label_x + w, label_x


def wrapped_extent(
    text: str, x0: float, x1: float, geo: FrameGeometry, x_origin: float, right_edge: float,
    measure: Measure, inside: bool = False,
) -> tuple[float, float, float, float, tuple[str, ...]]:
    """A label too long for either side of its marker, wrapped on the side with more
    room (or, with ``inside``, within the marker's span when that is wider): its extent
    with the marker, its x, its width and its lines."""
    gap = geo.label_gap
    right_room = right_edge - (x1 + gap) - gap
    left_room = x0 - gap - (x_origin + gap)
    inside_x0 = max(x0, x_origin) + gap
    inside_room = min(x1, right_edge) - gap - inside_x0
    if inside and inside_room > max(right_room, left_room):
        lines = tuple(wrap_text(text, inside_room, measure))
        w = max(measure(line) for line in lines)
        return x0, x1, inside_x0, w, lines
    room = max(right_room, left_room, 4 * geo.row_height)
    lines = tuple(wrap_text(text, room, measure))
    w = max(measure(line) for line in lines)
    if left_room > right_room:
        label_x = x0 - gap - w
        return label_x, x1, label_x, w, lines
    label_x = max(x1 + gap, x_origin + gap)
    return x0, label_x + w, label_x, w, lines


#: Actor chips before a label: each CHIP_STEP wide, at most MAX_CHIPS of them.
CHIP_STEP = 11.0
MAX_CHIPS = 6


def chip_width(chips: tuple[str, ...]) -> float:
    """Room the chips of a label take before its text."""
    return len(chips) * CHIP_STEP + 3.0 if chips else 0.0


#: A label with less room than this is left out rather than elided to a few letters.
MIN_LABEL_PX = 28.0


def place_labels(
    cands: list[tuple], rows: list[int], x_origin: float, right_edge: float,
    geo: FrameGeometry,
) -> list[tuple[bool, float, float]]:
    """Where each candidate's label is drawn, once rows are known: ``(shown, x, width)``.

    ``cands`` are ``(claim_x0, claim_x1, idx, x0, x1, ..., claimed_label_x, ..., full
    width, fuzz, inside_ok)`` sorted by ``claim_x0``; ``rows[k]`` is candidate k's row
    (-1: none).  A label takes the room that is free in its row, right of its marker (or
    in its bar's solid part), else left of it, and is elided only to the room left by
    its neighbours and the view's edges; none overlaps another.  Linear in the
    candidates.
    """
    gap = geo.label_gap
    out: list[tuple[bool, float, float]] = [(False, 0.0, 0.0)] * len(cands)
    next_start: dict[int, float] = {}
    nexts = [right_edge] * len(cands)
    for k in range(len(cands) - 1, -1, -1):  # the claim of the next event in the same row
        row = rows[k]
        if row >= 0:
            nexts[k] = next_start.get(row, right_edge)
            next_start[row] = cands[k][0]
    prev_end: dict[int, float] = {}
    for k, cand in enumerate(cands):
        row = rows[k]
        if row < 0:
            continue
        x0, x1 = cand[3], cand[4]
        left_limit = max(prev_end.get(row, x_origin), x_origin) + gap
        right_limit = min(nexts[k], right_edge) - gap
        end = x1
        if cand[7]:  # it has a label
            shown, lx, w = _place_one(cand, x0, x1, left_limit, right_limit, x_origin,
                                      right_edge, gap)
            out[k] = (shown, lx, w)
            if shown:
                end = max(end, lx + w)
        prev_end[row] = max(prev_end.get(row, x_origin), end)
    return out


def _place_one(cand: tuple, x0: float, x1: float, left_limit: float, right_limit: float,
               x_origin: float, right_edge: float, gap: float) -> tuple[bool, float, float]:
    """Inside its bar's solid part, else right of the marker, else left of it: the first
    that holds the whole label; when none does, the roomiest, elided."""
    full, fuzz, inside_ok = cand[11], cand[12], cand[13]
    places: list[tuple[float, float]] = []  # (x, room)
    if inside_ok and x0 <= cand[9] < x1:  # its claim is its bar: on the solid part only
        lx = max(x0 + fuzz[0], x_origin) + gap
        places.append((lx, min(x1 - fuzz[1], right_edge, right_limit + gap) - gap - lx))
    rx = max(x1 + gap, left_limit)
    places.append((rx, right_limit - rx))
    places.append((left_limit, x0 - gap - left_limit))
    for k, (lx, room) in enumerate(places):
        if full <= room:
            if k == len(places) - 1:  # left of the marker: against it
                return True, x0 - gap - full, full
            return True, lx, full
    lx, room = max(places, key=lambda p: p[1])
    if room < MIN_LABEL_PX:
        return False, 0.0, 0.0
    return True, lx, room


def clear_badges(placed: list[MarkerBox], badges: list[OverflowBox]) -> None:
    """In a lane of one row the "+N" markers share the row with the labels: a label
    they would cover is left out (its event stays drawn and can be hovered)."""
    for box in placed:
        if box.label and any(box.label_x < b.x + b.width and b.x < box.label_x
                             + box.label_width for b in badges):
            box.label, box.label_width, box.chips = None, 0.0, ()
