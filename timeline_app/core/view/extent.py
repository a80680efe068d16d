"""The times "fit everything" shows: the window's Zoom to Fit and Home, the overview
strip and every image export read them here, so that all three show the same span.

The span is that of the event index (``EventIndex.time_range``): from the earliest
start to the latest end, an end being the whole span its date can mean, so an event
dated "2020" reaches to the end of 2020 whatever events follow it.
"""

from __future__ import annotations

from timeline_app.core.view.timescale import TimeScale

__all__ = ["EMPTY_SPAN", "FIT_MARGIN", "fit_extent", "focus_scale", "reveal_scale"]

_DAY = 86400.0
#: Share of the extent left empty on each side, so that the markers of the first and
#: last events are not cut by the edges.
FIT_MARGIN = 0.04
#: What an empty timeline shows (the year up to 13 September 2020).
EMPTY_SPAN = (1.6e9 - 365 * _DAY, 1.6e9)


def fit_extent(span: tuple[float, float] | None) -> tuple[float, float]:
    """Left and right edge (seconds since 1970-01-01) of the view fitting ``span``.

    ``span`` is the events' (earliest start, latest end), None for no events.  A span
    under a day (one point event) gets a day on each side; then ``FIT_MARGIN`` of the
    extent is left empty on each side.  The zoom limits and the calendar apply as to
    any view; they are spans, not pixels, so the extent is the same at every width.
    """
    t0, t1 = span if span is not None else EMPTY_SPAN
    if t1 - t0 < _DAY:
        t0, t1 = t0 - _DAY, t1 + _DAY
    scale = TimeScale.fit(t0, t1, 1, margin=FIT_MARGIN)
    return scale.t_left, scale.t_right


def focus_scale(t0: float, t1: float, is_range: bool, width: int) -> TimeScale:
    """The view that focuses one event (F): a range fills it, a point gets two weeks
    (or its precision's span) of context on either side."""
    if is_range:
        return TimeScale.fit(t0, t1, width, margin=0.12)
    pad = max(t1 - t0, 14 * _DAY)
    return TimeScale.fit(t0 - pad, t1 + pad, width)


def reveal_scale(scale: TimeScale, t0: float, t1: float) -> TimeScale:
    """``scale`` moved just enough to show ``t0``..``t1``: unchanged when it is in view,
    centred on it when it is not, zoomed out only when it is longer than the view."""
    if t1 - t0 > scale.visible_span:
        return TimeScale.fit(t0, t1, scale.width)
    if t0 < scale.t_left or t1 > scale.t_right:
        return scale.centered_on((t0 + t1) / 2)
    return scale
