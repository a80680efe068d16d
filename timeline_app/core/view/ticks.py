"""Calendar ticks for the time axis: which dates to mark and label at the current zoom.

Two tiers are returned: a fine ``minor`` tier drawn nearest the events ("Apr", "4",
"06:00") and a coarse ``major`` tier that gives it context ("April 2019",
"Sat 4 Apr 2019").  The minor level is the finest whose real labels, measured with the
caller's font metrics, fit between their real neighbours: months and years have
unequal lengths, so a fixed "seconds per tick" estimate is only used to skip levels
that cannot possibly fit, never to accept one.

Label placement convention (the renderer must follow it for the no-overlap guarantee):
a label is drawn left-aligned at its tick, occupying ``[x, x + measure(label)]``, and
each label ends at least ``padding`` pixels before the next tick of its tier.

The number of ticks is bounded (``MAX_TICKS`` per tier) whatever the span and width,
and does not depend on the events at all.  Month and day names are English and fixed:
the process locale must not change what the axis says.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from timeline_app.core.dates.partial import EPOCH_ORDINAL, MONTH_NAMES
from timeline_app.core.view.timescale import MAX_TIME, MIN_TIME

__all__ = [
    "LABEL_PADDING",
    "MAX_TICKS",
    "Tick",
    "TickTier",
    "adjacent_tick",
    "day_label",
    "default_measure",
    "level_unit",
    "nearest_tick",
    "tick_tiers",
]

#: Most ticks one tier ever holds.
MAX_TICKS = 400
#: Pixels required between the end of one label and the next tick.
LABEL_PADDING = 8.0

_DAY = 86400
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def default_measure(label: str) -> float:
    """Width in pixels of ``label``, for callers without font metrics: 7 px a character."""
    return 7.0 * len(label)


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at time ``t`` (seconds since 1970-01-01) with its label.

    ``short`` is a shorter form of a context tick's label that still names its year
    ("Dec 2013" for "December 2013"), or "" when there is none.
    """

    t: float
    label: str
    short: str = ""


@dataclass(frozen=True, slots=True)
class TickTier:
    """One row of ticks of a single ``level`` ("months", "days", ...), sorted by time.

    ``context`` is the tick of the period that contains the left edge of the view,
    usually left of it: the renderer can pin its label at the left edge so the major
    row always says which month or year the view is in, even between major ticks.
    """

    level: str
    ticks: list[Tick]
    context: Tick | None = None


# --- levels -------------------------------------------------------------------------------
# A tick is identified by an integer key whose meaning depends on the level's unit:
# a year (unit "year"), a month index year * 12 + month - 1 ("month"), a proleptic
# Gregorian ordinal ("day"), or a multiple of ``step`` seconds since the epoch ("second").


def _ordinal(t: float) -> int:
    return EPOCH_ORDINAL + math.floor(t / _DAY)


def _ordinal_seconds(ordinal: int) -> float:
    return float((ordinal - EPOCH_ORDINAL) * _DAY)


def day_label(t: float) -> str:
    """The day of the time ``t`` (seconds since 1970) as "4 Apr 2019", whatever the locale.

    "—" for a time outside the years 1 to 9999."""
    ordinal = _ordinal(t) if math.isfinite(t) else 0
    if not 1 <= ordinal <= _MAX_ORDINAL:
        return "—"
    d = date.fromordinal(ordinal)
    return f"{d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


@dataclass(frozen=True, slots=True)
class _Level:
    name: str
    unit: str  # "year", "month", "day" or "second"
    step: int  # in units
    min_seconds: float  # shortest step: bounds the tick count before generating
    max_seconds: float  # longest step: a level too dense even at this spacing is skipped
    sample: str  # a typical minor label, for that cheap pre-check

    def floor_key(self, t: float) -> int:
        """Key of the last tick at or before ``t`` (for years, possibly year 0)."""
        if self.unit == "second":
            return math.floor(t / self.step)
        ordinal = _ordinal(t)
        if self.unit == "day":
            return ordinal - (ordinal + 6) % 7 if self.step == 7 else ordinal  # Mondays
        d = date.fromordinal(ordinal)
        if self.unit == "month":
            return (d.year * 12 + d.month - 1) // self.step * self.step
        return d.year // self.step * self.step

    def next_key(self, key: int) -> int:
        return key + (1 if self.unit == "second" else self.step)

    def too_early(self, key: int) -> bool:
        """Before year 1: no date exists for the key."""
        if self.unit == "year":
            return key < 1
        if self.unit == "month":
            return key < 12
        if self.unit == "day":
            return key < 1
        return key * self.step < MIN_TIME

    def too_late(self, key: int) -> bool:
        """After year 9999: no date exists for the key."""
        if self.unit == "year":
            return key > 9999
        if self.unit == "month":
            return key >= 10000 * 12
        if self.unit == "day":
            return key > _MAX_ORDINAL
        return key * self.step >= MAX_TIME

    def seconds(self, key: int) -> float:
        if self.unit == "second":
            return float(key * self.step)
        if self.unit == "day":
            return _ordinal_seconds(key)
        if self.unit == "month":
            year, m0 = divmod(key, 12)
            return _ordinal_seconds(date(year, m0 + 1, 1).toordinal())
        return _ordinal_seconds(date(max(key, 1), 1, 1).toordinal())

    def short_label(self, key: int) -> str:
        """A shorter major form that still names the year ("" when there is none)."""
        if self.unit == "day":
            d = date.fromordinal(key)
            return f"{d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"
        if self.unit == "month" and self.step == 1:
            year, m0 = divmod(key, 12)
            return f"{_MONTH_ABBR[m0]} {year}"
        return ""

    def label(self, key: int, major: bool) -> str:
        """The minor or the major form of the label of tick ``key``."""
        if self.unit == "second":
            rem = key * self.step % _DAY
            return f"{rem // 3600:02d}:{rem % 3600 // 60:02d}"
        if self.unit == "day":
            d = date.fromordinal(key)
            if major:
                return f"{_WEEKDAY_ABBR[d.weekday()]} {d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"
            return str(d.day)
        if self.unit == "month":
            year, m0 = divmod(key, 12)
            if major:
                return f"{MONTH_NAMES[m0 + 1]} {year}"
            return f"Q{m0 // 3 + 1}" if self.step == 3 else _MONTH_ABBR[m0]
        if major and self.step == 10:
            return f"{key}s"
        if major and self.step == 100:
            return f"{_ordinal_suffix(key // 100 + 1)} century"
        if major and self.step == 1000:
            return f"{_ordinal_suffix(key // 1000 + 1)} millennium"
        return str(key)


_MAX_ORDINAL = date.max.toordinal()
_YEAR = 365 * _DAY
_LEVELS: tuple[_Level, ...] = (  # finest first
    _Level("5 minutes", "second", 300, 300, 300, "00:00"),
    _Level("10 minutes", "second", 600, 600, 600, "00:00"),
    _Level("15 minutes", "second", 900, 900, 900, "00:00"),
    _Level("30 minutes", "second", 1800, 1800, 1800, "00:00"),
    _Level("hours", "second", 3600, 3600, 3600, "00:00"),
    _Level("3 hours", "second", 10800, 10800, 10800, "00:00"),
    _Level("6 hours", "second", 21600, 21600, 21600, "00:00"),
    _Level("12 hours", "second", 43200, 43200, 43200, "00:00"),
    _Level("days", "day", 1, _DAY, _DAY, "4"),
    _Level("weeks", "day", 7, 7 * _DAY, 7 * _DAY, "4"),
    _Level("months", "month", 1, 28 * _DAY, 31 * _DAY, "Apr"),
    _Level("quarters", "month", 3, 90 * _DAY, 92 * _DAY, "Q2"),
    _Level("years", "year", 1, _YEAR, _YEAR + _DAY, "2019"),
    _Level("5 years", "year", 5, 5 * _YEAR, 5 * _YEAR + 2 * _DAY, "2019"),
    _Level("decades", "year", 10, 10 * _YEAR, 10 * _YEAR + 3 * _DAY, "2019"),
    _Level("50 years", "year", 50, 50 * _YEAR, 50 * _YEAR + 13 * _DAY, "2019"),
    _Level("centuries", "year", 100, 100 * _YEAR, 100 * _YEAR + 25 * _DAY, "2019"),
    _Level("500 years", "year", 500, 500 * _YEAR, 500 * _YEAR + 122 * _DAY, "2019"),
    _Level("millennia", "year", 1000, 1000 * _YEAR, 1000 * _YEAR + 243 * _DAY, "2019"),
)
_BY_NAME = {lv.name: lv for lv in _LEVELS}
#: The context level of each minor level: the calendar unit it subdivides, one step up.
_MAJOR_OF = {
    "5 minutes": "days", "10 minutes": "days", "15 minutes": "days", "30 minutes": "days",
    "hours": "days", "3 hours": "days", "6 hours": "days", "12 hours": "days",
    "days": "months", "weeks": "months",
    "months": "years", "quarters": "years",
    "years": "decades", "5 years": "decades",
    "decades": "centuries", "50 years": "centuries",
    "centuries": "millennia", "500 years": "millennia",
}  # fmt: skip


def _generate(level: _Level, t_left: float, t_right: float, major: bool) -> list[Tick] | None:
    """Ticks of ``level`` in [t_left, t_right]; None if there would be more than MAX_TICKS."""
    key = level.floor_key(t_left)
    while level.too_early(key):
        key = level.next_key(key)
    ticks: list[Tick] = []
    while not level.too_late(key):
        t = level.seconds(key)
        if t > t_right:
            break
        if t >= t_left:
            if len(ticks) == MAX_TICKS:
                return None
            ticks.append(Tick(t, level.label(key, major)))
        key = level.next_key(key)
    return ticks


def _context(level: _Level, t_left: float) -> Tick:
    """The tick of the ``level`` period containing ``t_left`` (year 0 means year 1)."""
    key = level.floor_key(t_left)
    if level.unit == "year":
        key = max(key, 0)
    return Tick(level.seconds(key), level.label(key, True), level.short_label(key))


class _Layout:
    """Label widths (measured once per distinct label) and the fit test at one scale."""

    def __init__(
        self, t_left: float, px_per_s: float, measure: Callable[[str], float], padding: float
    ) -> None:
        self.t_left = t_left
        self.px_per_s = px_per_s
        self.measure = measure
        self.padding = padding
        self._widths: dict[str, float] = {}

    def width(self, label: str) -> float:
        w = self._widths.get(label)
        if w is None:
            w = self._widths[label] = float(self.measure(label))
        return w

    def plausible(self, level: _Level, span: float) -> bool:
        """Cheap pre-check: few enough ticks, and a typical label fits the widest step."""
        if span / level.min_seconds + 1 > MAX_TICKS:
            return False
        return level.max_seconds * self.px_per_s >= self.width(level.sample) + self.padding

    def fits(self, ticks: list[Tick]) -> bool:
        """Whether every real label ends ``padding`` before the next real tick."""
        k = self.px_per_s
        for a, b in pairwise(ticks):
            if (b.t - a.t) * k < self.width(a.label) + self.padding:
                return False
        return True

    def thin(self, ticks: list[Tick]) -> list[Tick]:
        """Keep a tick only if the label kept before it ends ``padding`` before it."""
        kept: list[Tick] = []
        end = -math.inf
        for tick in ticks:
            x = (tick.t - self.t_left) * self.px_per_s
            if x >= end:
                kept.append(tick)
                end = x + self.width(tick.label) + self.padding
        return kept


def tick_tiers(
    t_left: float,
    t_right: float,
    width_px: float,
    measure: Callable[[str], float] = default_measure,
    padding: float = LABEL_PADDING,
) -> list[TickTier]:
    """``[minor, major]`` tiers of ticks for the view [t_left, t_right], ``width_px`` wide.

    ``measure(label)`` is a label's width in pixels (the widget passes its font metrics).
    The minor level is the finest whose labels fit *and* whose context level's labels
    fit too: an axis of "00:00 12:00" without the day they belong to would be useless,
    so a coarser minor level is better.  Ticks lie in [t_left, t_right] (within years
    1..9999), sorted.  The major tier is empty (level ``""``) above millennia.  If
    nothing fits (a few pixels for millennia) the millennium ticks are thinned.
    Degenerate input (empty, inverted or non-finite range, width below one pixel) gives
    two empty tiers rather than an exception: the axis then simply shows nothing.
    """
    empty = [TickTier("", []), TickTier("", [])]
    if not (math.isfinite(t_left) and math.isfinite(t_right) and math.isfinite(width_px)):
        return empty
    if width_px < 1 or t_right <= t_left:
        return empty
    layout = _Layout(t_left, width_px / (t_right - t_left), measure, padding)
    t_left = max(t_left, MIN_TIME)
    t_right = min(t_right, MAX_TIME - 1.0)
    if t_right < t_left:
        return empty
    span = t_right - t_left

    for level in _LEVELS:
        if not layout.plausible(level, span):
            continue
        ticks = _generate(level, t_left, t_right, major=False)
        if ticks is None or not layout.fits(ticks):
            continue
        major_name = _MAJOR_OF.get(level.name)
        if major_name is None:
            return [TickTier(level.name, ticks), TickTier("", [])]
        major_level = _BY_NAME[major_name]
        major_ticks = _generate(major_level, t_left, t_right, major=True)
        if major_ticks is None or not layout.fits(major_ticks):
            continue
        return [
            TickTier(level.name, ticks),
            TickTier(major_name, major_ticks, _context(major_level, t_left)),
        ]
    coarsest = _LEVELS[-1]
    ticks = layout.thin(_generate(coarsest, t_left, t_right, major=False) or [])
    return [TickTier(coarsest.name, ticks), TickTier("", [])]


# --- ticks as a grid to snap to ---------------------------------------------------------------
def level_unit(level: str) -> str:
    """The calendar unit of a tier's ``level``: "year", "month", "day" or "second"."""
    return _BY_NAME[level].unit


def _first_key(lv: _Level, t: float) -> int:
    key = lv.floor_key(min(max(t, MIN_TIME), MAX_TIME - 1.0))
    while lv.too_early(key):
        key = lv.next_key(key)
    return key


def nearest_tick(level: str, t: float) -> float:
    """The tick of ``level`` ("days", "months", ...) nearest the time ``t``, within the
    years 1 to 9999; half-way between two ticks gives the earlier one."""
    lv = _BY_NAME[level]
    key = _first_key(lv, t)
    before = lv.seconds(key)
    after_key = lv.next_key(key)
    if t <= before or lv.too_late(after_key):
        return before
    after = lv.seconds(after_key)
    return before if t - before <= after - t else after


def adjacent_tick(level: str, t: float, direction: int) -> float | None:
    """The first tick of ``level`` strictly after ``t`` (``direction`` > 0) or strictly
    before it (``direction`` < 0); None past the years 1 to 9999."""
    lv = _BY_NAME[level]
    key = _first_key(lv, t)
    if direction > 0:
        while lv.seconds(key) <= t:
            key = lv.next_key(key)
            if lv.too_late(key):
                return None
        return lv.seconds(key)
    back = 1 if lv.unit == "second" else lv.step
    while lv.seconds(key) >= t:
        key -= back
        if lv.too_early(key):
            return None
    return lv.seconds(key)
