"""Where an event's label goes beside its marker or inside its bar, in one frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline_app.core.model import Event
from timeline_app.core.view.text_wrap import wrap_text

if TYPE_CHECKING:
    from timeline_app.core.view.frame_layout import FrameGeometry, Measure

__all__ = ["fuzz_of", "label_extent", "wrapped_extent"]


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
