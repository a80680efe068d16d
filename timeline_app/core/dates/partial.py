"""Dates known to a precision: the year, the month, the day or the minute.

Reports rarely give a time of day and often give only a month; a timeline that stored
every date as a full timestamp would claim knowledge nobody has.  A ``PartialDate`` keeps
exactly what is known and is written to files as an ISO 8601 partial string
(``2019``, ``2019-04``, ``2019-04-04``, ``2019-04-04T06:30``), with a suffix for what is
doubtful about it: ``~`` approximate ("around", ``2019-04~``), ``?`` uncertain ("reportedly",
``2019-04-04?``) and ``%`` both (``2019%``).  For year, month and day dates these are the
qualifiers of EDTF level 1 (ISO 8601-2); a minute date, with or without one, is not EDTF.

ISO parsing is on the load path of files with 100,000+ events, so it is a single
precompiled regular expression and integer checks, never dateutil (and a big file's
many dates are read together, with numpy, by ``iso_batch``).  Free text and
phrases relative to a publication date live in ``date_text``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum

__all__ = [
    "EPOCH_ORDINAL",
    "DateError",
    "PartialDate",
    "Precision",
    "checked_date",
    "parse_iso",
]


class Precision(IntEnum):
    """How much of a date is known; larger is finer."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class DateError(ValueError):
    """A date string that is not a valid partial ISO date; the message says what to write."""


_ISO_RE = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?"
    r"(?P<qualifier>[~?%])?",
    # ASCII: \d would also match Arabic-Indic and other digits, which int() accepts, so a
    # file could hold dates that no other ISO reader understands.
    re.ASCII,
)

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY = 86400.0

# English, not calendar.month_name: that follows LC_TIME, which Qt sets from the user's
# environment on Unix, and the rest of the text ("about") is English.
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ISO_HINT = ("write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM, with a trailing ~ if "
            "approximate, ? if uncertain or % if both")

#: The file suffix of each (approximate, uncertain) pair, and back.
_SUFFIX = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}
_QUALIFIER = {None: (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to ``precision``; the fields finer than it are 1 or 0.

    Construction checks the fields and then resets those finer than ``precision`` (to 1 or
    0), so equality, hashing, ``iso()`` and the time axis all agree on what is known.

    Times carry no time zone: reports give local times, and the timeline places events
    on the wall clock of where they happened.
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: Precision = Precision.DAY
    approximate: bool = False
    #: EDTF ``?``: the source gives this date but it is in doubt ("reportedly"); not the
    #: same as approximate ("around"), which says the true date is near this one.
    uncertain: bool = False
    # The span on the time axis, computed once: the view and the index ask for it
    # per event, and a million events share a few tens of thousands of dates.
    _start: float = field(init=False, repr=False, compare=False)
    _end: float = field(init=False, repr=False, compare=False)
    # The file form, made once (every save writes each date again): at the first
    # ``iso()``, or by ``parse_iso``, which reads exactly that form.
    _iso: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is outside 1 to 9999")
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month:02d} does not exist")
        last = calendar.monthrange(self.year, self.month)[1]
        if not 1 <= self.day <= last:
            raise DateError(
                f"{self.year:04d}-{self.month:02d} has {last} days, not {self.day}"
            )
        if not 0 <= self.hour <= 23 or not 0 <= self.minute <= 59:
            raise DateError(f"time {self.hour:02d}:{self.minute:02d} does not exist")
        precision = self.precision
        if type(precision) is not Precision:
            # A plain int would fail the ``is Precision.X`` tests of iso() and display().
            try:
                precision = Precision(precision)
            except ValueError:
                raise DateError(
                    f"precision {precision!r} is not 0 (year), 1 (month), 2 (day) or 3 (minute)"
                ) from None
            object.__setattr__(self, "precision", precision)
        if type(self.approximate) is not bool:
            object.__setattr__(self, "approximate", bool(self.approximate))
        if type(self.uncertain) is not bool:
            object.__setattr__(self, "uncertain", bool(self.uncertain))
        if precision is not Precision.MINUTE and (self.hour or self.minute):
            object.__setattr__(self, "hour", 0)
            object.__setattr__(self, "minute", 0)
        if precision <= Precision.MONTH and self.day != 1:
            object.__setattr__(self, "day", 1)
        if precision is Precision.YEAR and self.month != 1:
            object.__setattr__(self, "month", 1)
        start, end = _span(date(self.year, self.month, self.day).toordinal(), self.year,
                           self.month, self.hour, self.minute, precision)
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_end", end)

    # --- constructors -------------------------------------------------------------
    @classmethod
    def from_date(
        cls, value: date, precision: Precision = Precision.DAY, approximate: bool = False,
        uncertain: bool = False,
    ) -> PartialDate:
        hour = minute = 0
        if isinstance(value, datetime) and precision is Precision.MINUTE:
            hour, minute = value.hour, value.minute
        month = value.month if precision >= Precision.MONTH else 1
        day = value.day if precision >= Precision.DAY else 1
        return cls(value.year, month, day, hour, minute, precision, approximate, uncertain)

    # --- text ------------------------------------------------------------------------
    def iso(self) -> str:
        """The file form: ISO 8601 partial date, suffix ``~`` approximate, ``?`` uncertain,
        ``%`` both."""
        text = self._iso
        if text:
            return text
        p = self.precision
        if p is Precision.YEAR:
            text = f"{self.year:04d}"
        elif p is Precision.MONTH:
            text = f"{self.year:04d}-{self.month:02d}"
        elif p is Precision.DAY:
            text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        else:
            text = (
                f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
                f"T{self.hour:02d}:{self.minute:02d}"
            )
        if self.approximate or self.uncertain:
            text += _SUFFIX[self.approximate, self.uncertain]
        _set_iso(self, text)
        return text

    __str__ = iso

    def display(self) -> str:
        """Human form for the detail pane: '4 April 2019', 'April 2019', 'about 2019',
        '4 April 2019 (uncertain)'."""
        p = self.precision
        if p is Precision.YEAR:
            text = f"{self.year}"
        elif p is Precision.MONTH:
            text = f"{MONTH_NAMES[self.month]} {self.year}"
        elif p is Precision.DAY:
            text = f"{self.day} {MONTH_NAMES[self.month]} {self.year}"
        else:
            text = (
                f"{self.day} {MONTH_NAMES[self.month]} {self.year}, "
                f"{self.hour:02d}:{self.minute:02d}"
            )
        if self.approximate:
            text = f"about {text}"
        return f"{text} (uncertain)" if self.uncertain else text

    # --- time arithmetic ---------------------------------------------------------------
    def first_moment(self) -> datetime:
        """The earliest instant the date can mean."""
        return datetime(self.year, self.month, self.day, self.hour, self.minute)

    def last_moment_exclusive(self) -> datetime:
        """The instant just after the latest the date can mean (its span's end).

        Spans that end after 9999-12-31 are clamped to ``datetime.max``, which datetime can
        represent; ``end_seconds`` gives the exact end.
        """
        p = self.precision
        if p is Precision.YEAR:
            return datetime(self.year + 1, 1, 1) if self.year < 9999 else datetime.max
        if p is Precision.MONTH:
            y, m = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
            return datetime(y, m, 1) if y <= 9999 else datetime.max
        step = timedelta(days=1) if p is Precision.DAY else timedelta(minutes=1)
        try:
            return self.first_moment() + step
        except OverflowError:  # 9999-12-31
            return datetime.max

    def to_seconds(self) -> float:
        """Seconds from 1970-01-01 to the first moment: the time axis of the view."""
        return self._start

    def end_seconds(self) -> float:
        """Seconds from 1970-01-01 to the end of the date's span (exclusive).

        Counted in days rather than through ``last_moment_exclusive`` so the spans of the
        last year, month, day and minute of 9999 are exact instead of clamped.
        """
        return self._end

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        return (self.year, self.month, self.day, self.hour, self.minute, int(self.precision))


def parse_iso(text: str) -> PartialDate:
    """Parse the file form; raise ``DateError`` with a message that says what to write."""
    if not isinstance(text, str):
        raise DateError(f"a date must be a string ({ISO_HINT})")
    m = _ISO_RE.fullmatch(text)
    if m is None:
        if text == "..":
            raise DateError("'..' is EDTF for an open end (it goes on), which the format "
                            "cannot hold: write the last date known, or leave the end out for "
                            "a single date, and say in date_note that it continues")
        raise DateError(f"{text!r} is not a date: {ISO_HINT}")
    year, month, day, hour, minute, qualifier = m.groups()
    approximate, uncertain = _QUALIFIER[qualifier]
    text = str(text)  # what iso() writes: every part has the width iso() gives it
    if month is None:
        return _parsed(text, int(year), 1, 1, 0, 0, Precision.YEAR, approximate, uncertain)
    if day is None:
        return _parsed(text, int(year), int(month), 1, 0, 0, Precision.MONTH, approximate,
                       uncertain)
    if hour is None:
        return _parsed(text, int(year), int(month), int(day), 0, 0, Precision.DAY, approximate,
                       uncertain)
    return _parsed(text, int(year), int(month), int(day), int(hour), int(minute),
                   Precision.MINUTE, approximate, uncertain)


def _span(ordinal: int, year: int, month: int, hour: int, minute: int,
          precision: Precision) -> tuple[float, float]:
    """The date's span on the time axis, from the proleptic ordinal of its first day."""
    start = (ordinal - EPOCH_ORDINAL) * _DAY + hour * 3600.0 + minute * 60.0
    if precision is Precision.MINUTE:
        return start, start + 60.0
    if precision is Precision.DAY:
        length = 1
    elif precision is Precision.MONTH:
        length = calendar.monthrange(year, month)[1]
    else:
        length = 366 if calendar.isleap(year) else 365
    return start, (ordinal + length - EPOCH_ORDINAL) * _DAY


_new = object.__new__
# Each slot's own setter: about 60 % of the time of ``object.__setattr__``, which looks
# the slot up by name each time (a frozen class has no faster way in).
(_set_year, _set_month, _set_day, _set_hour, _set_minute, _set_precision, _set_approximate,
 _set_uncertain, _set_start, _set_end, _set_iso) = (
    PartialDate.__dict__[name].__set__ for name in (
        "year", "month", "day", "hour", "minute", "precision", "approximate", "uncertain",
        "_start", "_end", "_iso"))


def _parsed(text: str, year: int, month: int, day: int, hour: int, minute: int,
            precision: Precision, approximate: bool, uncertain: bool) -> PartialDate:
    """``PartialDate(...)`` for fields as ``parse_iso`` reads them (the finer ones already
    1 or 0, the flags bools), in half the time or less: a file of 100,000 events can hold
    tens of thousands of distinct dates.  What is not a real date goes to the
    constructor, which says what is wrong."""
    try:
        ordinal = date(year, month, day).toordinal()
    except ValueError:
        ordinal = -1
    if ordinal < 0 or hour > 23 or minute > 59:
        return PartialDate(year, month, day, hour, minute, precision, approximate, uncertain)
    start, end = _span(ordinal, year, month, hour, minute, precision)
    return checked_date(text, year, month, day, hour, minute, precision, approximate,
                        uncertain, start, end)


def checked_date(text: str, year: int, month: int, day: int, hour: int, minute: int,
                 precision: Precision, approximate: bool, uncertain: bool, start: float,
                 end: float) -> PartialDate:
    """A ``PartialDate`` of fields a reader has already checked and its span already
    computed, built without checking them again: each field set as the frozen class's
    ``__init__`` sets it (``parse_iso`` and ``iso_batch``, held to it by tests)."""
    parsed = _new(PartialDate)
    _set_year(parsed, year)
    _set_month(parsed, month)
    _set_day(parsed, day)
    _set_hour(parsed, hour)
    _set_minute(parsed, minute)
    _set_precision(parsed, precision)
    _set_approximate(parsed, approximate)
    _set_uncertain(parsed, uncertain)
    _set_start(parsed, start)
    _set_end(parsed, end)
    _set_iso(parsed, text)
    return parsed
