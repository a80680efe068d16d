"""Dates relative to the publication date of a report: "on Saturday", "three days ago",
"last month".

``resolve_relative`` says in one line how it got its answer, and flags readings that could
be wrong (``ambiguous``, with ``alternatives``), so an editor can check it against the
source.  Dates written out in full are read by ``text.parse_text``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from timeline_app.core.dates.partial import MONTH_NAMES, DateError, PartialDate, Precision
from timeline_app.core.dates.text import NotADate, read_fields, to_partial
from timeline_app.core.dates.words import (
    MAX_PHRASE_LENGTH,
    MONTH_ALT,
    MONTHS,
    NUMBER_ALT,
    NUMBER_WORDS,
    WEEKDAY_ALT,
    WEEKDAY_NAMES,
    WEEKDAYS,
)

__all__ = ["Resolution", "resolve_relative"]


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
    rf"(?:on\s+)?(?:(?P<last>last|this\s+past|past)\s+)?(?P<wd>{WEEKDAY_ALT})\.?"
)
_REL_WEEKEND = re.compile(
    r"(?:(?:over|during|on|at)\s+)?(?:(?P<last>last|this\s+past|the\s+past)|the|this)\s+weekend"
)
_REL_WEEK = re.compile(r"(?P<which>last|the\s+previous|previous|earlier\s+this|this)\s+week")
_REL_MONTH = re.compile(r"(?P<which>last|the\s+previous|previous|earlier\s+this|this)\s+month")
_REL_YEAR = re.compile(r"(?P<which>last|the\s+previous|previous|earlier\s+this|this)\s+year")
_REL_AGO = re.compile(rf"(?P<n>{NUMBER_ALT})\s+(?P<unit>day|week|month|year)s?\s+ago")
_REL_MONTH_NAME = re.compile(
    r"(?:(?:in|during)\s+)?(?:(?:early|mid|late)[\s-]+)?"
    rf"(?:(?P<last>last|this\s+past|past)\s+)?(?P<month>{MONTH_ALT})\.?"
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
        return f"{WEEKDAY_NAMES[self.ref_day.weekday()]} {self.ref_day.isoformat()}"

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
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else int(word)


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
        return _weekday(c, WEEKDAYS[m["wd"]], bool(m["last"]), weekend=False)

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
        month, name = MONTHS[m["month"]], MONTH_NAMES[MONTHS[m["month"]]]
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
    name = WEEKDAY_NAMES[weekday]
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
    if len(phrase) > MAX_PHRASE_LENGTH:
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
        fields = read_fields(phrase, dayfirst=None)
    except NotADate:
        raise DateError(
            f"{context.shown!r} is neither a date nor a phrase relative to the publication "
            "date (try 'on Saturday', 'three days ago', 'last month', 'in August' or "
            "'4 April 2019')"
        ) from None
    if fields.year is not None:
        return context.result(to_partial(fields, fields.year), "stated in the text")
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
    value = to_partial(fields, year)
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
