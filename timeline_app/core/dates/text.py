"""Dates as reports write them, in free text ("Dec. 19, 2020", "April 2019").

Reports are the evidence of the timeline, so a date read from one must claim no more than
the text says.  ``parse_text`` therefore keeps only the fields the text gives (a year alone
stays a year) and refuses text it would have to guess at: numeric dates that read
differently day-first and month-first (4/5/2019), two-digit years (read relative to today's
date by dateutil, so the answer would change over time), times with a time zone (the
timeline keeps local wall-clock times) and weekdays that contradict the date.
``resolve_relative`` says in one line how it got its answer, and flags readings that could
be wrong (``ambiguous``, with ``alternatives``), so an editor can check it against the
source.

Neither is on the file-loading path; files hold ISO dates read by ``dates.parse_iso``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.parser import parse as _dateutil_parse

from timeline_app.core.dates.partial import (
    MONTH_NAMES,
    DateError,
    PartialDate,
    Precision,
    parse_iso,
)
from timeline_app.core.dates.words import (
    MAX_PHRASE_LENGTH,
    WEEKDAY_ALT,
    WEEKDAY_NAMES,
    WEEKDAYS,
)

__all__ = ["NotADate", "parse_text", "read_fields", "to_partial"]


# --- free text ------------------------------------------------------------------------
# Qualifiers before the date.  "about" and friends make it approximate; "early", "mid" and
# "late" only narrow it inside the stated period, so the period itself stays exact.
_APPROX_PREFIX = re.compile(
    r"(?:about|around|approximately|approx\.?|roughly|circa|ca\.|c\.|~)\s*", re.I
)
# "reportedly" and friends make it uncertain (EDTF ?): the date is in doubt, not near.
_UNCERTAIN_PREFIX = re.compile(
    r"(?:reportedly|allegedly|possibly|perhaps|maybe)\b[\s,]*", re.I
)
_FILLER_PREFIX = re.compile(r"(?:in|on|during|the|early|mid|late)\b[\s-]*", re.I)
_WEEKDAY_WORD = re.compile(rf"\b(?P<wd>{WEEKDAY_ALT})\b\.?,?", re.I)
# The exact shape parse_iso reads; text of this shape gets parse_iso's error messages.
_ISO_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2})?)?)?[~?%]?",
                        re.ASCII)
#: A trailing qualifier: (approximate, uncertain).
_TRAILING = {"~": (True, False), "?": (False, True), "%": (True, True)}
_STARTS_WITH_YEAR = re.compile(r"[0-9]{4}(?![0-9])")
_DIGIT_RUN = re.compile(r"[0-9]+")
_ABBREVIATED_YEAR = re.compile(r"['’][0-9]{2}\b")  # April '19
# Shapes that hold more than one date, or none the timeline can place; each is refused
# with its meaning spelled out rather than read as something else (dateutil reads
# 2019-04-04/2020 as 20:20 on 4 April).
_INTERVAL = re.compile(r"(?P<a>\.\.|[0-9]{4}[0-9T:~?%-]*)?\s*/\s*(?P<b>\.\.|[0-9][0-9T:~?%-]*)?")
_NEGATIVE_YEAR = re.compile(r"[-−][0-9]+(?:-.*)?")
_YEAR_SPAN = re.compile(r"(?P<a>[0-9]{4})\s*[-–]\s*(?P<b>[0-9]{4}|[0-9]{2})")
_DAY_RANGE = re.compile(r"(?<![0-9-])(?P<a>[0-9]{1,2})(?:st|nd|rd|th)?\s*[-–—]\s*"
                        r"(?P<b>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9-])")

# Two defaults that differ in every field: a field on which both parses agree came from
# the text, the others dateutil filled in.  Both years are leap years so that "29 February"
# without a year parses; the days 1 and 15 are further apart than any weekday shift.
_DEFAULTS = (dt.datetime(2000, 1, 1, 0, 0), dt.datetime(2004, 7, 15, 13, 37))

_EXAMPLES = "for example '4 April 2019', 'April 2019', '2019' or '2019-04-04'"


class NotADate(DateError):
    """Text in which dateutil finds no date at all (as opposed to a date it refuses)."""


@dataclass(frozen=True, slots=True)
class _Fields:
    """What a text states; ``None`` for what it leaves out."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    approximate: bool
    weekdays: tuple[int, ...]
    uncertain: bool = False


def _strip_qualifiers(text: str) -> tuple[str, bool, bool]:
    """Remove leading 'about', 'reportedly', 'in', 'early', ... and a trailing '~', '?'
    or '%'; say if approximate and if uncertain."""
    approximate = uncertain = False
    core = text.strip()
    while True:
        if m := _APPROX_PREFIX.match(core):
            approximate = True
        elif m := _UNCERTAIN_PREFIX.match(core):
            uncertain = True
        elif not (m := _FILLER_PREFIX.match(core)):
            break
        if m.end() == 0:
            break
        core = core[m.end() :]
    if core[-1:] in _TRAILING and not _ISO_SHAPE.fullmatch(core):
        approx, doubt = _TRAILING[core[-1]]
        approximate, uncertain = approximate or approx, uncertain or doubt
        core = core[:-1].rstrip()
    return core, approximate, uncertain


def _refuse_shapes(text: str, core: str) -> None:
    """Raise ``DateError`` for intervals, negative years and ranges given as one date."""
    if (m := _INTERVAL.fullmatch(core)) and (m["a"] or m["b"]) and (
            ".." in (m["a"], m["b"]) or "-" in (m["a"] or "") or m["a"] is None
            or m["b"] is None or len(m["b"]) >= 4):
        start = "an open start" if m["a"] in (None, "..") else m["a"]
        end = "an open end" if m["b"] in (None, "..") else m["b"]
        one = m["a"] if m["a"] not in (None, "..") else m["b"]
        raise DateError(
            f"{text!r} is an interval, from {start} to {end}: a date here is one date; "
            f"type one end of it, e.g. {one}"
        )
    if _NEGATIVE_YEAR.fullmatch(core):
        raise DateError(f"{text!r} is a year before the year 1, which the timeline does not "
                        "hold: its calendar runs from the year 1 to 9999")
    if (m := _YEAR_SPAN.fullmatch(core)) and (len(m["b"]) == 4 or int(m["b"]) > 12):
        end = m["b"] if len(m["b"]) == 4 else m["a"][:2] + m["b"]
        month = "" if len(m["b"]) == 4 else f" (a month {m['b']} does not exist)"
        raise DateError(
            f"{text!r} reads as the years {m['a']} to {end}{month}: a date here is one "
            f"date; type one year, e.g. {m['a']}, or YYYY-MM with a month from 01 to 12"
        )
    if not _STARTS_WITH_YEAR.match(core) and (m := _DAY_RANGE.search(core)):
        raise DateError(
            f"{text!r} gives a range of days ({m['a']} to {m['b']}): a date here is one "
            f"date; type one day, e.g. {core[:m.start()]}{m['a']}{core[m.end():]}"
        )


def _dateutil(text: str, default: dt.datetime, dayfirst: bool) -> dt.datetime:
    """One dateutil parse that refuses time zones and turns every failure into DateError."""
    zones: list[str] = []

    def tzinfos(name: str | None, offset: int | None) -> None:
        # Called for every parse; a name or offset means the text gave a zone.
        if name is not None or offset is not None:
            zones.append(name if name is not None else f"UTC offset {offset} s")

    try:
        value = _dateutil_parse(text, default=default, dayfirst=dayfirst, tzinfos=tzinfos)
    except (ValueError, OverflowError, ArithmeticError) as exc:  # ParserError is a ValueError
        raise NotADate(f"{text!r} is not a date ({_EXAMPLES})") from exc
    if zones:
        raise DateError(
            f"{text!r} gives a time zone ({zones[0]}); the timeline keeps the local time of "
            "the place: convert the time to it and leave the zone out"
        )
    return value


def read_fields(text: object, dayfirst: bool | None) -> _Fields:
    """The fields a free-text date states, without dateutil's defaults.

    Raises ``DateError`` for text that is not a date, is ambiguous or states impossible
    combinations (a time without a day, a day without a month).
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}")
    if len(text) > MAX_PHRASE_LENGTH:
        raise DateError(f"{text[:40]!r}... is too long to be a date ({_EXAMPLES})")
    core, approximate, uncertain = _strip_qualifiers(text)
    weekdays = tuple(WEEKDAYS[m["wd"].lower()] for m in _WEEKDAY_WORD.finditer(core))
    core = _WEEKDAY_WORD.sub(" ", core).strip(" ,")
    if not core:
        raise NotADate(f"{text!r} is not a date ({_EXAMPLES})")

    _refuse_shapes(text, core)
    iso_error: DateError | None = None
    try:
        iso = parse_iso(core)
    except DateError as exc:
        iso_error = exc
    else:
        has = iso.precision
        return _Fields(
            text,
            iso.year,
            iso.month if has >= Precision.MONTH else None,
            iso.day if has >= Precision.DAY else None,
            iso.hour if has >= Precision.MINUTE else None,
            iso.minute if has >= Precision.MINUTE else None,
            approximate or iso.approximate,
            weekdays,
            uncertain or iso.uncertain,
        )
    if _ISO_SHAPE.fullmatch(core):
        raise iso_error  # e.g. 2019-02-30: parse_iso's message says what is wrong

    if _ABBREVIATED_YEAR.search(core):
        raise DateError(
            f"write the year in full in {text!r}: a two-digit year would be read relative to "
            "today's date"
        )
    if _STARTS_WITH_YEAR.match(core):
        dayfirst = False  # 2019/04/05 is year-month-day everywhere; never year-day-month
    first = _dateutil(core, _DEFAULTS[0], bool(dayfirst))
    if dayfirst is None:
        try:
            other = _dateutil(core, _DEFAULTS[0], True)
        except DateError:
            other = first
        if other != first:
            if _dateutil(core, _DEFAULTS[1], False).year != first.year:  # no year given
                raise DateError(
                    f"{text!r} is ambiguous and gives no year: {MONTH_NAMES[first.month]} "
                    f"{first.day} read month first, {other.day} {MONTH_NAMES[other.month]} "
                    f"read day first; write the month in words, with the year"
                )
            a = PartialDate(first.year, first.month, first.day)
            b = PartialDate(other.year, other.month, other.day)
            raise DateError(
                f"{text!r} is ambiguous: {a.display()} read month first, {b.display()} read "
                f"day first; write {a.iso()} or {b.iso()}"
            )
    second = _dateutil(core, _DEFAULTS[1], bool(dayfirst))

    def stated(field: str) -> int | None:
        value = getattr(first, field)
        return value if value == getattr(second, field) else None

    year, month, day = stated("year"), stated("month"), stated("day")
    hour, minute = stated("hour"), stated("minute")
    if year is None and month is None and day is None:
        raise NotADate(f"{text!r} has no date ({_EXAMPLES})")
    if day is not None and month is None:
        raise DateError(f"{text!r} gives a day but no month ({_EXAMPLES})")
    if hour is not None and day is None:
        raise DateError(f"{text!r} gives a time but no day; write e.g. '4 April 2019 06:30'")
    if minute is not None and hour is None:
        raise DateError(f"{text!r} gives minutes but no hour")
    if hour is not None and minute is None:
        minute = 0  # "6pm" is 18:00
    if year is not None and not any(_writes_year(run, year) for run in _DIGIT_RUN.findall(core)):
        raise DateError(
            f"write the year in full in {text!r}: a two-digit year would be read relative to "
            "today's date"
        )
    return _Fields(text, year, month, day, hour, minute, approximate, weekdays, uncertain)


def _writes_year(run: str, year: int) -> bool:
    """Whether a run of digits spells ``year`` in full: '2019', '0201' or '20190404'."""
    if len(run) >= 6 and int(run[:4]) == year:  # YYYYMMDD and the like
        return True
    return len(run) >= 3 and int(run) == year


def to_partial(fields: _Fields, year: int) -> PartialDate:
    """Build the PartialDate of ``fields`` in ``year``; check any weekday the text gave."""
    if fields.hour is not None:
        precision = Precision.MINUTE
    elif fields.day is not None:
        precision = Precision.DAY
    elif fields.month is not None:
        precision = Precision.MONTH
    else:
        precision = Precision.YEAR
    try:
        result = PartialDate(
            year,
            fields.month or 1,
            fields.day or 1,
            fields.hour or 0,
            fields.minute or 0,
            precision,
            fields.approximate,
            fields.uncertain,
        )
    except DateError as exc:
        raise DateError(f"{fields.text!r}: {exc}") from None
    if precision >= Precision.DAY:
        # "Saturday, June 2020" says nothing wrong; "Sunday, 19 December 2020" does.
        actual = dt.date(result.year, result.month, result.day).weekday()
        for weekday in fields.weekdays:
            if weekday != actual:
                raise DateError(
                    f"{fields.text!r}: {result.display()} was a {WEEKDAY_NAMES[actual]}, "
                    f"not a {WEEKDAY_NAMES[weekday]}"
                )
    return result


def parse_text(
    text: str, *, default_year: int | None = None, dayfirst: bool | None = None
) -> PartialDate:
    """Read a date written as free text, keeping only the precision the text gives.

    '2019' is a year, 'June 2020' a month, '4 April 2019' or 'Dec. 19, 2020' a day and
    'April 4, 2019 06:30' a minute.  Text in the exact ISO form goes to ``parse_iso``
    (and gets its error messages).  'about', 'around', 'circa', 'c.' or a trailing '~'
    make the date approximate; 'reportedly', 'allegedly', 'possibly', 'perhaps', 'maybe' or
    a trailing '?' make it uncertain, and a trailing '%' both; 'in', 'on', 'the', 'early',
    'mid' and 'late' are dropped
    ('late 2019' is a date in 2019).  A weekday is checked against a full date.

    ``default_year`` is used when the text gives no year ('4 April').  ``dayfirst``
    decides numeric dates such as 4/5/2019; left as ``None``, such a date raises
    ``DateError`` when the two readings differ (4/4/2019 and 13/4/2019 are fine), because
    sources come from countries that write dates both ways.  Dates that begin with a
    four-digit year are always year-month-day.

    Raises ``DateError`` (only) for anything that is not an unambiguous date.
    """
    fields = read_fields(text, dayfirst)
    year = fields.year if fields.year is not None else default_year
    if year is None:
        raise DateError(f"{text!r} has no year; add one, e.g. '{text} 2019'")
    return to_partial(fields, year)
