"""Moving an event in time by dragging it: the new dates from a drag distance.

The timeline snaps a drag to the unit of its finest tick tier (``ticks.tick_tiers``
decides it: days, weeks, months...); without snapping a date moves by whole units of its
own precision.  A date never gains or loses precision by being moved:

* a date snaps to the tier's unit when that unit can be written at the date's precision
  (a day to days, weeks, months or years; a month to months, quarters or years), and
  otherwise to its own unit (a month-precision date in a view of days moves by months);
* a range moved as a whole keeps its duration: its end moves by as many units of the
  start's precision as the start moved (days for a day, months for a month); an end
  coarser than its start (a day to a year) is floored to its own unit, and never before
  the start;
* a resized end snaps its *end* (the first moment after the range) to the grid, so a
  day-precision range dragged to the 1st of May ends on 30 April;
* a range never ends before it starts: a handle stops at the other end's unit.

Pure arithmetic on ``PartialDate``; the widget only supplies the drag distance in seconds
and the tier's level.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import replace
from datetime import date, timedelta
from enum import Enum

from timeline_app.core.dates.partial import EPOCH_ORDINAL, DateError, PartialDate, Precision
from timeline_app.core.model import Event, ModelError
from timeline_app.core.view.ticks import adjacent_tick, level_unit, nearest_tick
from timeline_app.core.view.timescale import MAX_TIME, MIN_TIME

__all__ = [
    "DragPart",
    "date_at",
    "dragged",
    "nudged",
    "snap_level",
    "snapped_time",
]

_DAY = 86400
_MINUTE = 60.0

#: The finest precision that can write every tick of a unit.
_UNIT_PRECISION = {
    "second": Precision.MINUTE,
    "day": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
#: A precision's own unit as a tick level (a minute has none: rounded to 60 s instead).
_OWN_LEVEL = {Precision.YEAR: "years", Precision.MONTH: "months", Precision.DAY: "days"}


class DragPart(Enum):
    """What a drag holds: the whole event, or one end of a range."""

    BODY = "move"
    START = "start"
    END = "end"


def snap_level(precision: Precision, level: str | None) -> str | None:
    """The tick level a date of ``precision`` snaps to in a view whose finest tier is
    ``level`` (None: no snapping): ``level`` itself if its ticks can be written at that
    precision, else the precision's own unit (None for a minute: whole minutes)."""
    if level is not None and _UNIT_PRECISION[level_unit(level)] <= precision:
        return level
    return _OWN_LEVEL.get(precision)


def snapped_time(t: float, precision: Precision, level: str | None) -> float:
    """The grid line nearest ``t`` for a date of ``precision`` (see ``snap_level``)."""
    snap = snap_level(precision, level)
    if snap is None:
        return min(max(round(t / _MINUTE) * _MINUTE, MIN_TIME), MAX_TIME - _MINUTE)
    return nearest_tick(snap, t)


def date_at(t: float, precision: Precision, approximate: bool = False,
            uncertain: bool = False) -> PartialDate:
    """The date of ``precision`` that contains the time ``t`` (clamped to years 1..9999)."""
    t = min(max(t, MIN_TIME), MAX_TIME - _MINUTE)
    days = math.floor(t / _DAY)
    d = date.fromordinal(EPOCH_ORDINAL + days)
    rest = int(t - days * _DAY)
    return PartialDate(d.year, d.month, d.day, rest // 3600, rest % 3600 // 60,
                       precision, approximate, uncertain)


def _like(value: PartialDate, t: float) -> PartialDate:
    """The date at ``t`` with the precision and marks of ``value``."""
    return date_at(t, value.precision, value.approximate, value.uncertain)


def _shifted(value: PartialDate, amount: int, unit: Precision) -> PartialDate:
    """``value`` moved by ``amount`` units of ``unit``, keeping its own precision."""
    if unit <= Precision.MONTH:
        months = value.year * 12 + value.month - 1 + amount * (12 if unit is Precision.YEAR else 1)
        year, m0 = divmod(months, 12)
        if not 1 <= year <= 9999:
            raise DateError("outside the years 1 to 9999")
        day = min(value.day, calendar.monthrange(year, m0 + 1)[1])
        return PartialDate(year, m0 + 1, day, value.hour, value.minute, value.precision,
                           value.approximate, value.uncertain)
    step = timedelta(days=amount) if unit is Precision.DAY else timedelta(minutes=amount)
    moment = value.first_moment() + step  # OverflowError past the years 1..9999
    return PartialDate.from_date(moment, value.precision, value.approximate, value.uncertain)


def _units_between(a: PartialDate, b: PartialDate, unit: Precision) -> int:
    """How many units of ``unit`` ``b`` is after ``a`` (both written at that unit)."""
    if unit is Precision.YEAR:
        return b.year - a.year
    if unit is Precision.MONTH:
        return (b.year - a.year) * 12 + b.month - a.month
    if unit is Precision.DAY:
        return date(b.year, b.month, b.day).toordinal() - date(a.year, a.month, a.day).toordinal()
    return round((b.to_seconds() - a.to_seconds()) / _MINUTE)


def _moved_to(event: Event, start: PartialDate) -> Event:
    if event.end is None:
        return replace(event, start=start)
    unit = event.start.precision
    end = _shifted(event.end, _units_between(event.start, start, unit), unit)
    if end.end_seconds() <= start.to_seconds():  # a coarser end, floored: keep it valid
        end = _like(end, start.to_seconds())
    return replace(event, start=start, end=end)


def dragged(event: Event, part: DragPart, dt: float, level: str | None) -> Event:
    """``event`` after dragging ``part`` by ``dt`` seconds, snapped to ``level`` (the
    finest tick tier's level, or None for no snapping).  Dates keep their precision and
    their "approximate" and "uncertain" marks; a drag that cannot be written (past the year
    9999, a range that would end before it starts) leaves the event as it was."""
    start, end = event.start, event.end
    try:
        if part is DragPart.BODY or end is None:
            t = snapped_time(start.to_seconds() + dt, start.precision, level)
            return _moved_to(event, _like(start, t))
        if part is DragPart.START:
            t = snapped_time(start.to_seconds() + dt, start.precision, level)
            t = min(t, end.end_seconds() - _MINUTE)  # stop at the end's last unit
            return replace(event, start=_like(start, t))
        # the end handle is the first moment after the range
        t = snapped_time(end.end_seconds() + dt, end.precision, level) - _MINUTE
        t = max(t, start.to_seconds())
        return replace(event, end=_like(end, t))
    except (DateError, ModelError, OverflowError, ValueError):
        return event


def nudged(event: Event, direction: int, level: str | None) -> Event:
    """``event`` moved to the previous (``direction`` < 0) or next grid line of ``level``
    from its start, as a move (see ``dragged``); unchanged at the ends of time."""
    start = event.start
    snap = snap_level(start.precision, level)
    t0 = start.to_seconds()
    if snap is None:
        t: float | None = t0 + math.copysign(_MINUTE, direction)
    else:
        t = adjacent_tick(snap, t0, direction)
    if t is None or not MIN_TIME <= t < MAX_TIME:
        return event
    try:
        return _moved_to(event, _like(start, t))
    except (DateError, ModelError, OverflowError, ValueError):
        return event

