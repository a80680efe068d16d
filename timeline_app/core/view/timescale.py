"""The mapping between time and horizontal pixels: what part of history the view shows.

The whole renderer works on one time axis, float seconds since 1970-01-01 (naive: no
time zone, see ``dates``).  A ``TimeScale`` is an immutable value; every navigation step
(zoom, pan, resize, fit) returns a new one, so that the widget can compare the old and
the new view, keep a history for "back", and hand the same value to the tick, lane and
index code without anyone mutating it under the others.

Anchor invariant of ``zoomed``: the time under ``anchor_x`` before the zoom is under
``anchor_x`` after it (up to float64 rounding of absolute seconds, far below a pixel),
which is what makes wheel zoom feel "pinned" under the mouse.  It holds whenever the
new view lies inside years 1..9999; at a span limit the zoom factor is reduced, which
keeps the invariant, and only at the edge of the calendar is the view shifted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TypeVar, overload

import numpy as np

from timeline_app.core.dates.partial import EPOCH_ORDINAL

__all__ = [
    "MAX_SPAN",
    "MAX_TIME",
    "MIN_SPAN",
    "MIN_TIME",
    "TimeScale",
]

_DAY = 86400.0

#: Narrowest visible span: one hour.  Event times are known to the minute at best, so
#: a closer view would only show empty space between minute ticks.
MIN_SPAN = 3600.0
#: Widest visible span: 1000 (average Gregorian) years.  Wider views have nothing to
#: show that a conflict timeline needs, and keep tick generation bounded.
MAX_SPAN = 1000 * 365.2425 * _DAY
#: First moment of year 1, the first year ``PartialDate`` allows.
MIN_TIME = (date(1, 1, 1).toordinal() - EPOCH_ORDINAL) * _DAY
#: End (exclusive) of year 9999, the last year ``PartialDate`` allows.
MAX_TIME = (date(9999, 12, 31).toordinal() + 1 - EPOCH_ORDINAL) * _DAY

_ArrayT = TypeVar("_ArrayT", bound=np.ndarray)


def _check_finite(name: str, value: float) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    return value


def _clamp_spp(seconds_per_px: float, width: int) -> float:
    """Scale whose visible span lies within MIN_SPAN..MAX_SPAN at ``width`` pixels."""
    return min(max(seconds_per_px, MIN_SPAN / width), MAX_SPAN / width)


def _clamp_left(t_left: float, span: float) -> float:
    """Left edge that keeps [t_left, t_left + span] within years 1..9999."""
    return min(max(t_left, MIN_TIME), MAX_TIME - span)


@dataclass(frozen=True, slots=True)
class TimeScale:
    """``t_left`` seconds at pixel 0, ``seconds_per_px`` seconds per pixel, ``width`` pixels.

    The constructor does not clamp, so a view can be restored exactly as saved; every
    method that returns a new scale keeps it within the zoom limits (``MIN_SPAN``,
    ``MAX_SPAN``) and the calendar (``MIN_TIME``, ``MAX_TIME``).  A width below one pixel
    (a widget not shown yet) is stored as one pixel so that no division by zero is possible.
    """

    t_left: float
    seconds_per_px: float
    width: int

    def __post_init__(self) -> None:
        _check_finite("t_left", self.t_left)
        spp = _check_finite("seconds_per_px", self.seconds_per_px)
        if spp <= 0.0:
            raise ValueError(f"seconds_per_px must be positive, not {spp!r}")
        if self.width < 1:
            object.__setattr__(self, "width", 1)

    # --- geometry ---------------------------------------------------------------------
    @overload
    def x_of(self, t: float) -> float: ...
    @overload
    def x_of(self, t: _ArrayT) -> _ArrayT: ...
    def x_of(self, t: float | np.ndarray) -> float | np.ndarray:
        """Pixel x of time ``t`` (a float or a numpy array, element-wise)."""
        return (t - self.t_left) / self.seconds_per_px

    @overload
    def t_of(self, x: float) -> float: ...
    @overload
    def t_of(self, x: _ArrayT) -> _ArrayT: ...
    def t_of(self, x: float | np.ndarray) -> float | np.ndarray:
        """Time at pixel ``x`` (a float or a numpy array, element-wise)."""
        return self.t_left + x * self.seconds_per_px

    @property
    def visible_span(self) -> float:
        """Seconds shown across the whole width."""
        return self.seconds_per_px * self.width

    @property
    def t_right(self) -> float:
        """Time at the right edge (pixel ``width``)."""
        return self.t_left + self.visible_span

    # --- navigation -------------------------------------------------------------------
    def zoomed(self, factor: float, anchor_x: float) -> TimeScale:
        """Zoom in by ``factor`` (> 1 zooms in, < 1 out) keeping the time at ``anchor_x``.

        The anchor time is computed once and the new left edge derived from it, so the
        anchor stays under the same pixel (see the module docstring for when a limit
        makes that impossible).
        """
        factor = _check_finite("factor", factor)
        if factor <= 0.0:
            raise ValueError(f"zoom factor must be positive, not {factor!r}")
        anchor_x = _check_finite("anchor_x", anchor_x)
        t_anchor = self.t_left + anchor_x * self.seconds_per_px
        spp = _clamp_spp(self.seconds_per_px / factor, self.width)
        t_left = t_anchor - anchor_x * spp
        return TimeScale(_clamp_left(t_left, spp * self.width), spp, self.width)

    def panned(self, dx_px: float) -> TimeScale:
        """The view after dragging the content right by ``dx_px`` pixels (earlier times)."""
        dx_px = _check_finite("dx_px", dx_px)
        spp = _clamp_spp(self.seconds_per_px, self.width)
        t_left = self.t_left - dx_px * spp
        return TimeScale(_clamp_left(t_left, spp * self.width), spp, self.width)

    def resized(self, width: int) -> TimeScale:
        """Same left edge and scale at a new width: a wider window shows more, later time.

        Only when the new width would break the span limits is the scale changed.
        """
        width = max(1, int(width))
        spp = _clamp_spp(self.seconds_per_px, width)
        return TimeScale(_clamp_left(self.t_left, spp * width), spp, width)

    def centered_on(self, t: float) -> TimeScale:
        """Same scale, with time ``t`` in the middle of the view (e.g. to reveal an event)."""
        t = _check_finite("t", t)
        spp = _clamp_spp(self.seconds_per_px, self.width)
        span = spp * self.width
        return TimeScale(_clamp_left(t - span / 2.0, span), spp, self.width)

    @classmethod
    def fit(cls, t0: float, t1: float, width: int, margin: float = 0.04) -> TimeScale:
        """A view showing [t0, t1] with ``margin`` of the width left empty on each side.

        The margin keeps markers at the very first and last events from being cut by
        the edges.  A span shorter than ``MIN_SPAN`` (a single event) is shown at
        ``MIN_SPAN``, one longer than ``MAX_SPAN`` at ``MAX_SPAN``; both centred.
        """
        t0 = _check_finite("t0", t0)
        t1 = _check_finite("t1", t1)
        if t1 < t0:
            t0, t1 = t1, t0
        margin = _check_finite("margin", margin)
        if not 0.0 <= margin < 0.5:
            raise ValueError(f"margin must be in [0, 0.5), not {margin!r}")
        width = max(1, int(width))
        span = (t1 - t0) / (1.0 - 2.0 * margin)
        spp = _clamp_spp(span / width, width)
        shown = spp * width
        t_left = (t0 + t1) / 2.0 - shown / 2.0
        return cls(_clamp_left(t_left, shown), spp, width)
