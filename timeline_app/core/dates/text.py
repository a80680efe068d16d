"""Dates as reports write them: free text ("Dec. 19, 2020") and phrases relative to the
publication date of the report ("on Saturday", "three days ago", "last month").

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

import calendar
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

__all__ = ["Resolution", "parse_text", "resolve_relative"]

# English names, independent of the locale (Qt sets LC_TIME from the environment), to
# match the English that dateutil reads.
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ABBRS = (
    ("mon",),
    ("tue", "tues"),
    ("wed",),
    ("thu", "thur", "thurs"),
    ("fri",),
    ("sat",),
    ("sun",),
)
_WEEKDAYS = {
    **{name.lower(): i for i, name in enumerate(_WEEKDAY_NAMES)},
    **{abbr: i for i, abbrs in enumerate(_WEEKDAY_ABBRS) for abbr in abbrs},
}
_MONTHS = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES) if name},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES) if name},
    "sept": 9,
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}

_MAX_LENGTH = 200  # a date phrase is short; refuse to feed whole paragraphs to dateutil

_WEEKDAY_ALT = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_ALT = "|".join([*sorted(_NUMBER_WORDS, key=len, reverse=True), r"[0-9]{1,6}"])

# --- free text ------------------------------------------------------------------------
# Qualifiers before the date.  "about" and friends make it approximate; "early", "mid" and
# "late" only narrow it inside the stated period, so the period itself stays exact.
_APPROX_PREFIX = re.compile(
    r"(?:about|around|approximately|approx\.?|roughly|circa|ca\.|c\.|~)\s*", re.I
)
_FILLER_PREFIX = re.compile(r"(?:in|on|during|the|early|mid|late)\b[\s-]*", re.I)
_WEEKDAY_WORD = re.compile(rf"\b(?P<wd>{_WEEKDAY_ALT})\b\.?,?", re.I)
# The exact shape parse_iso reads; text of this shape gets parse_iso's error messages.
_ISO_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2})?)?)?~?", re.ASCII)
_STARTS_WITH_YEAR = re.compile(r"[0-9]{4}(?![0-9])")
_DIGIT_RUN = re.compile(r"[0-9]+")
_ABBREVIATED_YEAR = re.compile(r"['’][0-9]{2}\b")  # April '19

# Two defaults that differ in every field: a field on which both parses agree came from
# the text, the others dateutil filled in.  Both years are leap years so that "29 February"
# without a year parses; the days 1 and 15 are further apart than any weekday shift.
_DEFAULTS = (dt.datetime(2000, 1, 1, 0, 0), dt.datetime(2004, 7, 15, 13, 37))

_EXAMPLES = "for example '4 April 2019', 'April 2019', '2019' or '2019-04-04'"


class _NotADate(DateError):
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


def _strip_qualifiers(text: str) -> tuple[str, bool]:
    """Remove leading 'about', 'in', 'early', ... and a trailing '~'; say if approximate."""
    approximate = False
    core = text.strip()
    while True:
        if m := _APPROX_PREFIX.match(core):
            approximate = True
        elif not (m := _FILLER_PREFIX.match(core)):
            break
        if m.end() == 0:
            break
        core = core[m.end() :]
    if core.endswith("~") and not _ISO_SHAPE.fullmatch(core):
        approximate = True
        core = core[:-1].rstrip()
    return core, approximate


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
        raise _NotADate(f"{text!r} is not a date ({_EXAMPLES})") from exc
    if zones:
        raise DateError(
            f"{text!r} gives a time zone ({zones[0]}); the timeline keeps the local time of "
            "the place: convert the time to it and leave the zone out"
        )
    return value


def _read_fields(text: object, dayfirst: bool | None) -> _Fields:
    """The fields a free-text date states, without dateutil's defaults.

    Raises ``DateError`` for text that is not a date, is ambiguous or states impossible
    combinations (a time without a day, a day without a month).
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}")
    if len(text) > _MAX_LENGTH:
        raise DateError(f"{text[:40]!r}... is too long to be a date ({_EXAMPLES})")
    core, approximate = _strip_qualifiers(text)
    weekdays = tuple(_WEEKDAYS[m["wd"].lower()] for m in _WEEKDAY_WORD.finditer(core))
    core = _WEEKDAY_WORD.sub(" ", core).strip(" ,")
    if not core:
        raise _NotADate(f"{text!r} is not a date ({_EXAMPLES})")

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
        raise _NotADate(f"{text!r} has no date ({_EXAMPLES})")
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
    return _Fields(text, year, month, day, hour, minute, approximate, weekdays)


def _writes_year(run: str, year: int) -> bool:
    """Whether a run of digits spells ``year`` in full: '2019', '0201' or '20190404'."""
    if len(run) >= 6 and int(run[:4]) == year:  # YYYYMMDD and the like
        return True
    return len(run) >= 3 and int(run) == year


def _to_partial(fields: _Fields, year: int) -> PartialDate:
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
        )
    except DateError as exc:
        raise DateError(f"{fields.text!r}: {exc}") from None
    if precision >= Precision.DAY:
        # "Saturday, June 2020" says nothing wrong; "Sunday, 19 December 2020" does.
        actual = dt.date(result.year, result.month, result.day).weekday()
        for weekday in fields.weekdays:
            if weekday != actual:
                raise DateError(
                    f"{fields.text!r}: {result.display()} was a {_WEEKDAY_NAMES[actual]}, "
                    f"not a {_WEEKDAY_NAMES[weekday]}"
                )
    return result


def parse_text(
    text: str, *, default_year: int | None = None, dayfirst: bool | None = None
) -> PartialDate:
    """Read a date written as free text, keeping only the precision the text gives.

    '2019' is a year, 'June 2020' a month, '4 April 2019' or 'Dec. 19, 2020' a day and
    'April 4, 2019 06:30' a minute.  Text in the exact ISO form goes to ``parse_iso``
    (and gets its error messages).  'about', 'around', 'circa', 'c.' or a trailing '~'
    make the date approximate; 'in', 'on', 'the', 'early', 'mid' and 'late' are dropped
    ('late 2019' is a date in 2019).  A weekday is checked against a full date.

    ``default_year`` is used when the text gives no year ('4 April').  ``dayfirst``
    decides numeric dates such as 4/5/2019; left as ``None``, such a date raises
    ``DateError`` when the two readings differ (4/4/2019 and 13/4/2019 are fine), because
    sources come from countries that write dates both ways.  Dates that begin with a
    four-digit year are always year-month-day.

    Raises ``DateError`` (only) for anything that is not an unambiguous date.
    """
    fields = _read_fields(text, dayfirst)
    year = fields.year if fields.year is not None else default_year
    if year is None:
        raise DateError(f"{text!r} has no year; add one, e.g. '{text} 2019'")
    return _to_partial(fields, year)


# --- relative phrases -----------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A relative phrase read against a publication date, with how it was read.

    ``explanation`` is one line for the editor to check against the source; when the
    phrase has more than one plausible reading, ``ambiguous`` is set and ``alternatives``
    holds the others, so the choice can be reviewed instead of silently made.
    """

    date: PartialDate
    explanation: str
    phrase: str
    ambiguous: bool = False
    alternatives: tuple[PartialDate, ...] = ()

    def __post_init__(self) -> None:
        if self.ambiguous != bool(self.alternatives):
            raise ValueError("an ambiguous resolution needs alternatives, and only it has them")

    @property
    def precision(self) -> Precision:
        """The precision of ``date``: what the phrase (not the reference) tells."""
        return self.date.precision


_REL_APPROX = re.compile(r"(?:about|around|approximately|roughly|some|circa|c\.|ca\.)\s+")
_REL_DAY_WORDS = re.compile(
    r"(?:on\s+|earlier\s+|later\s+)?"
    r"(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|tonight"
    r"|this\s+(?:morning|afternoon|evening)|last\s+night|overnight)"
)
_REL_WEEKDAY = re.compile(
    rf"(?:on\s+)?(?:(?P<last>last|this\s+past|past)\s+)?(?P<wd>{_WEEKDAY_ALT})\.?"
)
_REL_WEEKEND = re.compile(
    r"(?:(?:over|during|on|at)\s+)?(?:(?P<last>last|this\s+past|the\s+past)|the|this)\s+weekend"
)
_REL_WEEK = re.compile(r"(?P<which>last|the\s+previous|previous|earlier\s+this|this)\s+week")
_REL_MONTH = re.compile(r"(?P<which>last|the\s+previous|previous|earlier\s+this|this)\s+month")
_REL_YEAR = re.compile(r"(?P<which>last|the\s+previous|previous|earlier\s+this|this)\s+year")
_REL_AGO = re.compile(rf"(?P<n>{_NUMBER_ALT})\s+(?P<unit>day|week|month|year)s?\s+ago")
_REL_MONTH_NAME = re.compile(
    r"(?:(?:in|during)\s+)?(?:(?:early|mid|late)[\s-]+)?"
    rf"(?:(?P<last>last|this\s+past|past)\s+)?(?P<month>{_MONTH_ALT})\.?"
)


class _Context:
    """The reference date and phrase, with the wording shared by explanations."""

    def __init__(self, phrase: str, reference: PartialDate, approximate: bool) -> None:
        self.phrase = phrase
        self.shown = " ".join(phrase.split())
        self.ref = reference
        self.approximate = approximate or reference.approximate

    def need(self, precision: Precision, what: str) -> None:
        """Refuse to count from a reference known less precisely than the phrase needs."""
        if self.ref.precision < precision:
            raise DateError(
                f"{self.shown!r} counts {what} from the publication date, but it is only "
                f"known to the {self.ref.precision.label} ({self.ref.iso()}); give the "
                f"publication {precision.label}"
            )

    @property
    def ref_day(self) -> dt.date:
        return dt.date(self.ref.year, self.ref.month, self.ref.day)

    def on_day(self) -> str:
        """'Tuesday 2020-12-22': the publication day as explanations name it."""
        return f"{_WEEKDAY_NAMES[self.ref_day.weekday()]} {self.ref_day.isoformat()}"

    def in_month(self) -> str:
        return f"{MONTH_NAMES[self.ref.month]} {self.ref.year}"

    def day(self, value: dt.date, approximate: bool = False) -> PartialDate:
        return self._make(value.year, value.month, value.day, Precision.DAY, approximate)

    def month(self, year: int, month: int) -> PartialDate:
        return self._make(year, month, 1, Precision.MONTH)

    def year(self, year: int) -> PartialDate:
        return self._make(year, 1, 1, Precision.YEAR)

    def _make(
        self, year: int, month: int, day: int, precision: Precision, approximate: bool = False
    ) -> PartialDate:
        try:
            return PartialDate(
                year, month, day, precision=precision, approximate=approximate or self.approximate
            )
        except DateError as exc:  # "99999 years ago"
            raise DateError(f"{self.shown!r} leads outside the calendar: {exc}") from None

    def result(
        self, value: PartialDate, why: str, alternatives: tuple[PartialDate, ...] = ()
    ) -> Resolution:
        return Resolution(
            date=value,
            explanation=f"'{self.shown}' → {value.iso()}: {why}",
            phrase=self.phrase,
            ambiguous=bool(alternatives),
            alternatives=alternatives,
        )


def _months_back(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) - n
    return total // 12, total % 12 + 1


def _count(word: str) -> int:
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _resolve_pattern(norm: str, c: _Context) -> Resolution | None:
    """The reading of a relative phrase, or None when ``norm`` is not one."""
    if m := _REL_DAY_WORDS.fullmatch(norm):
        c.need(Precision.DAY, "days")
        word = " ".join(m["word"].split())
        today = c.ref_day
        if word == "the day before yesterday":
            return c.result(
                c.day(today - dt.timedelta(days=2)),
                f"two days before publication on {c.on_day()}",
            )
        if word == "yesterday":
            return c.result(
                c.day(today - dt.timedelta(days=1)),
                f"the day before publication on {c.on_day()}",
            )
        if word == "tomorrow":
            return c.result(
                c.day(today + dt.timedelta(days=1)),
                f"the day after publication on {c.on_day()}",
            )
        if word in ("last night", "overnight"):
            return c.result(
                c.day(today - dt.timedelta(days=1)),
                f"the night before publication on {c.on_day()} "
                f"(or after midnight, {c.day(today).iso()})",
                (c.day(today),),
            )
        return c.result(c.day(today), f"the day of publication, {c.on_day()}")

    if m := _REL_WEEKDAY.fullmatch(norm):
        c.need(Precision.DAY, "days")
        return _weekday(c, _WEEKDAYS[m["wd"]], bool(m["last"]), weekend=False)

    if m := _REL_WEEKEND.fullmatch(norm):
        c.need(Precision.DAY, "days")
        return _weekday(c, 5, bool(m["last"]), weekend=True)

    if m := _REL_WEEK.fullmatch(norm):
        c.need(Precision.DAY, "weeks")
        monday = c.ref_day - dt.timedelta(days=c.ref_day.weekday())
        note = "(approximate: the timeline has no week precision)"
        if m["which"].endswith("this"):
            return c.result(
                c.day(monday, approximate=True),
                f"Monday of the week of publication on {c.on_day()} {note}",
            )
        return c.result(
            c.day(monday - dt.timedelta(days=7), approximate=True),
            f"Monday of the week before publication on {c.on_day()} {note}",
        )

    if m := _REL_MONTH.fullmatch(norm):
        c.need(Precision.MONTH, "months")
        if m["which"].endswith("this"):
            return c.result(
                c.month(c.ref.year, c.ref.month), f"the month of publication, {c.in_month()}"
            )
        return c.result(
            c.month(*_months_back(c.ref.year, c.ref.month, 1)),
            f"the month before publication in {c.in_month()}",
        )

    if m := _REL_YEAR.fullmatch(norm):
        c.need(Precision.YEAR, "years")
        if m["which"].endswith("this"):
            return c.result(c.year(c.ref.year), f"the year of publication, {c.ref.year}")
        return c.result(c.year(c.ref.year - 1), f"the year before publication in {c.ref.year}")

    if m := _REL_AGO.fullmatch(norm):
        n, unit = _count(m["n"]), m["unit"]
        if unit in ("day", "week"):
            c.need(Precision.DAY, f"{unit}s")
            days = n * 7 if unit == "week" else n
            span = _plural(n, unit) + (f" ({days} days)" if unit == "week" else "")
            return c.result(
                c.day(c.ref_day - dt.timedelta(days=days)),
                f"{span} before publication on {c.on_day()}",
            )
        if unit == "month":
            c.need(Precision.MONTH, "months")
            return c.result(
                c.month(*_months_back(c.ref.year, c.ref.month, n)),
                f"{_plural(n, 'month')} before publication in {c.in_month()}",
            )
        c.need(Precision.YEAR, "years")
        return c.result(
            c.year(c.ref.year - n), f"{_plural(n, 'year')} before publication in {c.ref.year}"
        )

    if m := _REL_MONTH_NAME.fullmatch(norm):
        c.need(Precision.MONTH, "months")
        month, name = _MONTHS[m["month"]], MONTH_NAMES[_MONTHS[m["month"]]]
        year = c.ref.year if month <= c.ref.month else c.ref.year - 1
        if month != c.ref.month:
            return c.result(
                c.month(year, month),
                f"the most recent {name} before publication in {c.in_month()}",
            )
        if m["last"]:
            return c.result(
                c.month(year - 1, month),
                f"the {name} a year before publication in {c.in_month()}",
            )
        earlier = c.month(year - 1, month)
        return c.result(
            c.month(year, month),
            f"the month of publication, {c.in_month()} (or a year earlier, {earlier.iso()})",
            (earlier,),
        )
    return None


def _weekday(c: _Context, weekday: int, last: bool, *, weekend: bool) -> Resolution:
    """The most recent ``weekday`` before publication (see ``resolve_relative``)."""
    name = _WEEKDAY_NAMES[weekday]
    today = c.ref_day
    back = (today.weekday() - weekday) % 7
    note = " (approximate: a weekend is two days)" if weekend else ""
    what = "the Saturday of the weekend" if weekend else f"the {name}"
    if back:
        return c.result(
            c.day(today - dt.timedelta(days=back), approximate=weekend),
            f"{what} before publication on {c.on_day()}{note}",
        )
    week_earlier = c.day(today - dt.timedelta(days=7), approximate=weekend)
    if last:
        return c.result(week_earlier, f"{what} a week before publication on {c.on_day()}{note}")
    return c.result(
        c.day(today, approximate=weekend),
        f"publication day {c.on_day()} (or a week earlier, {week_earlier.iso()}){note}",
        (week_earlier,),
    )


def _as_reference(reference: object) -> PartialDate:
    if isinstance(reference, PartialDate):
        return reference
    if isinstance(reference, dt.date):  # a datetime is a date; its time is not needed
        return PartialDate(reference.year, reference.month, reference.day)
    raise DateError(
        f"the publication date must be a PartialDate or a datetime.date, not "
        f"{type(reference).__name__}"
    )


def resolve_relative(phrase: str, reference: PartialDate | dt.date) -> Resolution:
    """Read ``phrase`` as reports use it, relative to their publication date ``reference``.

    Weekdays ('on Saturday', 'last Saturday') are the most recent such day before the
    publication day; the publication day's own weekday is that day, flagged ambiguous
    with the week before as alternative ('last Tuesday' on a Tuesday is the week before).
    'yesterday', 'today', 'tomorrow', 'the day before yesterday', 'last night' (ambiguous
    with the publication day), 'N days/weeks/months/years ago' (digits or 'a', 'one' to
    'twenty'), 'last week' / 'this week' (the Monday, approximate: there is no week
    precision), 'last/this month', 'last/this year', a month without a year ('in
    August': the most recent August, ambiguous in August itself) and 'the weekend' (its
    Saturday, approximate).  'about', 'around', ... make the result approximate, as does
    an approximate reference.  Anything else is read by ``parse_text``: '4 April 2019' is
    stated in the text; '4 April' is the most recent 4 April on or before publication.

    Raises ``DateError`` naming the phrase when it cannot be read, or when the reference
    is known less precisely than the phrase counts (days from a month, say).
    """
    if not isinstance(phrase, str):
        raise DateError(f"a date phrase must be text, not {type(phrase).__name__}")
    ref = _as_reference(reference)
    if len(phrase) > _MAX_LENGTH:
        raise DateError(f"{phrase[:40]!r}... is too long to be a date phrase")
    norm = " ".join(phrase.lower().split()).strip(" ,;:")
    approximate = False
    if m := _REL_APPROX.match(norm):
        approximate, norm = True, norm[m.end() :]
    context = _Context(phrase, ref, approximate)
    try:
        found = _resolve_pattern(norm, context)
    except OverflowError:
        raise DateError(f"{context.shown!r} goes back before the year 1") from None
    if found is not None:
        return found

    try:
        fields = _read_fields(phrase, dayfirst=None)
    except _NotADate:
        raise DateError(
            f"{context.shown!r} is neither a date nor a phrase relative to the publication "
            "date (try 'on Saturday', 'three days ago', 'last month', 'in August' or "
            "'4 April 2019')"
        ) from None
    if fields.year is not None:
        return context.result(_to_partial(fields, fields.year), "stated in the text")
    if fields.day is None:  # unreachable: a month alone matches _REL_MONTH_NAME
        raise DateError(f"{context.shown!r} has no year")
    context.need(Precision.DAY, "days")
    month, day = fields.month or 1, fields.day
    year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    if (month, day) == (2, 29):
        while year > 0 and not calendar.isleap(year):
            year -= 1
    if year < 1:
        raise DateError(f"{context.shown!r} goes back before the year 1")
    value = _to_partial(fields, year)
    if value.approximate != context.approximate:
        value = PartialDate(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.precision,
            value.approximate or context.approximate,
        )
    return context.result(
        value,
        f"the most recent {day} {MONTH_NAMES[month]} on or before publication on "
        f"{context.on_day()}",
    )
