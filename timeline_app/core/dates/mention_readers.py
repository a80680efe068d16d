"""What each kind of date expression means, read against the publication date.

Every reader either gives the meaning (with the other readings when the text allows
more than one), refuses with a reason naming what is missing, or says the match is no
date at all (None).  Nothing is guessed: a year is never invented, and a phrase whose
tense does not decide between the coming and the past date gets both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline_app.core.dates.mention_types import DateValue
from timeline_app.core.dates.partial import MONTH_NAMES, DateError, PartialDate, Precision
from timeline_app.core.dates.words import MONTHS, NUMBER_WORDS, WEEKDAY_NAMES, WEEKDAYS

__all__ = ["READERS", "Reading", "Scene"]

_MORE_NUMBERS = {"thirty": 30, "forty": 40, "fifty": 50}


@dataclass(frozen=True, slots=True)
class Reading:
    kind: str
    value: DateValue | None
    why: str
    alternatives: tuple[DateValue, ...] = ()
    shift: int | None = None  # anchored: days from the date it counts from
    follows: bool = False  # anchored to the date right after it ("the day after Saturday")


@dataclass(frozen=True, slots=True)
class Scene:
    """Where a match was found: the publication day and the tense of its sentence."""

    ref: dt.date | None
    tense: str | None  # "future", "past" or None when the sentence does not say
    after: str  # the text right after the match


def _day(d: dt.date, approximate: bool = False) -> PartialDate:
    return PartialDate(d.year, d.month, d.day, approximate=approximate)


def _month(y: int, m: int, approximate: bool = False) -> PartialDate:
    return PartialDate(y, m, precision=Precision.MONTH, approximate=approximate)


def _year(y: int, approximate: bool = False) -> PartialDate:
    return PartialDate(y, precision=Precision.YEAR, approximate=approximate)


def _one(p: PartialDate) -> DateValue:
    return DateValue(p)


def _month_no(word: str | None) -> int | None:
    """The month a capitalised name gives; None for 'may' or 'march' as verbs."""
    if not word or not word[0].isupper():
        return None
    return MONTHS.get(word.rstrip(".").lower())


def _count(word: str) -> int:
    w = " ".join(word.lower().split())
    return NUMBER_WORDS.get(w) or _MORE_NUMBERS.get(w) or int(w)


def _no_ref(s: Scene, what: str) -> Reading | None:
    if s.ref is None:
        return Reading("relative", None, f"{what}: needs the publication date to count from")
    return None


def _choose(s: Scene, past: DateValue, future: DateValue, why_past: str, why_future: str,
            kind: str = "relative") -> Reading:
    """The past or the coming reading as the tense says; both when it does not."""
    if past == future or s.tense == "past":
        return Reading(kind, past, why_past)
    if s.tense == "future":
        return Reading(kind, future, why_future)
    return Reading(kind, past, f"{why_past}; the sentence's tense does not say whether it is "
                   f"past or coming ({future.iso()})", (future,))


def _since(m: re.Match[str], s: Scene, r: Reading) -> Reading:
    """'since X': from X to the publication date."""
    if not m.groupdict().get("since") or r.value is None or r.value.start is None:
        return r
    if m["since"].lower() == "from":
        return r
    if s.ref is None:
        return Reading(r.kind, DateValue(r.value.start), r.why + "; 'since' continues to an "
                       "unknown publication date")
    return Reading(r.kind, DateValue(r.value.start, _day(s.ref)),
                   r.why + f"; 'since': until publication on {s.ref.isoformat()}",
                   tuple(DateValue(a.start, _day(s.ref)) for a in r.alternatives))


def _stated(m: re.Match[str], s: Scene, value: PartialDate) -> Reading:
    return _since(m, s, Reading("absolute", _one(value), "stated in the text"))


def read_day(m: re.Match[str], s: Scene) -> Reading | None:
    month = _month_no(m["m"])
    if month is None:
        return None
    try:
        value = PartialDate(int(m["y"]), month, int(m["d"]))
    except DateError as exc:
        return Reading("absolute", None, f"not a date: {exc}")
    if m["wd"] and WEEKDAYS[m["wd"].lower()] != dt.date(value.year, month, value.day).weekday():
        actual = WEEKDAY_NAMES[dt.date(value.year, month, value.day).weekday()]
        return Reading("absolute", None, f"the text names a {m['wd']}, but {value.display()} "
                       f"was a {actual}: check the source")
    return _stated(m, s, value)


def read_iso(m: re.Match[str], s: Scene) -> Reading | None:
    try:
        return _stated(m, s, PartialDate(int(m["y"]), int(m["mo"]), int(m["d"])))
    except DateError:
        return None


def read_numeric(m: re.Match[str], s: Scene) -> Reading | None:
    a, b = int(m["a"]), int(m["b"])
    orders = []  # (day, month) readings that exist
    for day, month in ((a, b), (b, a)):
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1] \
                and (day, month) not in orders:
            orders.append((day, month))
    if not orders:
        return None
    if m["y"] is None:
        if s.ref is None:
            return Reading("relative", None, "a numeric date without a year: needs the "
                           "publication date")
        values = [_nearest(s, day, month) for day, month in orders]
    else:
        year = int(m["y"])
        try:
            values = [DateValue(PartialDate(year, month, day)) for day, month in orders]
        except DateError:
            return None
    first = values[0]
    if len(values) == 1:
        return _since(m, s, Reading("absolute", first, "day and month can only be read one way"))
    return _since(m, s, Reading("absolute", first, "day first; month first gives "
                                f"{values[1].iso()}: check how the source writes dates",
                                (values[1],)))


def _nearest(s: Scene, day: int, month: int) -> DateValue:
    """The past reading of a day without a year (the tense is applied by the caller)."""
    ref = s.ref
    assert ref is not None
    year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    while not _exists(year, month, day):
        year -= 1
    return DateValue(PartialDate(year, month, day))


def _exists(year: int, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year, month)[1]


def read_month(m: re.Match[str], s: Scene) -> Reading | None:
    month = _month_no(m["m"])
    return None if month is None else _stated(m, s, _month(int(m["y"]), month))


def read_year(m: re.Match[str], s: Scene) -> Reading | None:
    return _stated(m, s, _year(int(m["y"])))


_THIRDS = {"early": (1, 10, 1, 4), "start": (1, 10, 1, 4), "beginning": (1, 10, 1, 4),
           "mid": (11, 20, 5, 8), "late": (21, 31, 9, 12), "end": (21, 31, 9, 12)}


def read_vague(m: re.Match[str], s: Scene) -> Reading | None:
    year = int(m["y"])
    q = m["q"].lower().split()
    d1, d2, m1, m2 = _THIRDS[q[1] if len(q) > 1 else q[0]]
    if m["m"]:
        month = _month_no(m["m"])
        if month is None:
            return None
        last = calendar.monthrange(year, month)[1]
        value = DateValue(PartialDate(year, month, d1, approximate=True),
                          PartialDate(year, month, min(d2, last), approximate=True))
        return Reading("vague", value, f"'{m['q'].lower()}' read as days {d1} to "
                       f"{min(d2, last)} of {MONTH_NAMES[month]}, approximately")
    value = DateValue(_month(year, m1, True), _month(year, m2, True))
    return Reading("vague", value, f"'{m['q'].lower()}' read as {MONTH_NAMES[m1]} to "
                   f"{MONTH_NAMES[m2]} {year}, approximately")


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def read_season(m: re.Match[str], s: Scene) -> Reading | None:
    year, season = int(m["y"]), m["s"].lower()
    if season == "winter":
        late = DateValue(_month(year, 12, True), _month(year + 1, 2, True))
        early = DateValue(_month(year - 1, 12, True), _month(year, 2, True))
        return Reading("vague", late, f"the winter that begins in December {year} "
                       "(northern hemisphere); or the one that ends in February", (early,))
    a, b = _SEASONS[season]
    return Reading("vague", DateValue(_month(year, a, True), _month(year, b, True)),
                   f"the {season} of the northern hemisphere, approximately")


READERS: dict[str, Callable[[re.Match[str], Scene], Reading | None]] = {
    "day": read_day, "iso": read_iso, "numeric": read_numeric, "month": read_month,
    "year": read_year, "vague": read_vague, "season": read_season,
}
