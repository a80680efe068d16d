"""Readers of date expressions that need the publication date or an earlier date:
weekdays, 'yesterday', 'last week', 'two weeks ago', a month or day without a year,
'the 19th', ranges of days or months, and 'the next day'.

A duration ('two weeks ago', 'a year ago') is a span that holds every date the phrase
can mean, marked approximate; a weekday or a date without a year is the past or the
coming one as the sentence's tense says, and both when it does not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from timeline_app.core.dates.mention_readers import (
    Reading,
    Scene,
    _choose,
    _count,
    _day,
    _exists,
    _month,
    _month_no,
    _no_ref,
    _one,
    _since,
    _year,
)
from timeline_app.core.dates.mention_types import DateValue
from timeline_app.core.dates.partial import MONTH_NAMES, DateError, PartialDate
from timeline_app.core.dates.words import WEEKDAY_NAMES, WEEKDAYS

__all__ = ["RELATIVE_READERS"]

_D = dt.timedelta


def read_weekday(m: re.Match[str], s: Scene) -> Reading | None:
    word = m["wd"]
    if not word[0].isupper():
        return None
    if (r := _no_ref(s, f"'{word}'")) is not None:
        return r
    ref = s.ref
    assert ref is not None
    wd, name = WEEKDAYS[word.lower()], WEEKDAY_NAMES[WEEKDAYS[word.lower()]]
    pre = " ".join((m["pre"] or "").lower().split())
    back = (ref.weekday() - wd) % 7 or 7
    ahead = (wd - ref.weekday()) % 7 or 7
    past, future = _one(_day(ref - _D(back))), _one(_day(ref + _D(ahead)))
    on = f"publication on {WEEKDAY_NAMES[ref.weekday()]} {ref.isoformat()}"
    why_past, why_future = f"the {name} before {on}", f"the {name} after {on}"
    if wd == ref.weekday() and pre not in ("last", "this past", "past", "next", "since"):
        today = _one(_day(ref))
        others = {"past": (past,), "future": (future,)}.get(s.tense or "", (past, future))
        return Reading("relative", today, f"the day of {on} (the text may mean another "
                       f"{name})", others)
    if pre in ("last", "this past", "past"):
        return Reading("relative", past, why_past)
    if pre in ("since",):
        return Reading("relative", DateValue(past.start, _day(ref)),
                       f"from {why_past} to publication")
    if pre == "next":
        later = _one(_day(ref + _D(ahead + 7)))
        return Reading("relative", future, f"{why_future}; 'next {name}' is also said of the "
                       f"one a week later", (later,))
    if pre in ("this coming", "coming"):
        return Reading("relative", future, why_future)
    return _choose(s, past, future, why_past, why_future)


_DAY_WORDS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
              "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
              "the day after tomorrow": 2}


def read_day_word(m: re.Match[str], s: Scene) -> Reading | None:
    word = " ".join(m["w"].lower().split())
    if (r := _no_ref(s, f"'{word}'")) is not None:
        return r
    ref = s.ref
    assert ref is not None
    on = f"publication on {WEEKDAY_NAMES[ref.weekday()]} {ref.isoformat()}"
    if word == "last night":
        return Reading("relative", _one(_day(ref - _D(1))), f"the night before {on} (after "
                       "midnight it is the day of publication)", (_one(_day(ref)),))
    shift = _DAY_WORDS[word]
    value = _one(_day(ref + _D(shift)))
    r = Reading("relative", value, f"{abs(shift) or 'no'} day{'s' if abs(shift) != 1 else ''}"
                f" {'before' if shift < 0 else 'after' if shift else 'from'} {on}")
    return _since_word(m, s, r)


def _since_word(m: re.Match[str], s: Scene, r: Reading) -> Reading:
    if (m.groupdict().get("pre") or "").lower() == "since" and r.value and s.ref:
        return Reading(r.kind, DateValue(r.value.start, _day(s.ref)), r.why + "; 'since': "
                       "until publication")
    return r


def _months_from(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + n
    return total // 12, total % 12 + 1


def read_period(m: re.Match[str], s: Scene) -> Reading | None:
    w, unit = " ".join(m["w"].lower().split()), m["u"].lower()
    if (r := _no_ref(s, f"'{w} {unit}'")) is not None:
        return r
    ref = s.ref
    assert ref is not None
    step = {"last": -1, "previous": -1, "next": 1, "the coming": 1}.get(w, 0)
    if unit == "weekend" and w in ("over the", "at the", "during the", "this"):
        past_sat = ref - _D((ref.weekday() - 5) % 7 or 7)
        past = DateValue(_day(past_sat), _day(past_sat + _D(1)))
        future = DateValue(_day(past_sat + _D(7)), _day(past_sat + _D(8)))
        return _choose(s, past, future, "the weekend before publication",
                       "the weekend after publication")
    if unit in ("week", "weekend"):
        monday = ref - _D(ref.weekday()) + _D(7 * step)
        if w in ("the past", "past"):
            return Reading("relative", DateValue(_day(ref - _D(7)), _day(ref)),
                           "the seven days up to publication")
        first, last = (monday + _D(5), monday + _D(6)) if unit == "weekend" else \
            (monday, monday + _D(6))
        if w == "earlier this":
            last = ref
        elif w == "later this":
            first = ref
        return Reading("relative", DateValue(_day(first), _day(last)),
                       f"{w} {unit}, counted from publication on {ref.isoformat()} "
                       "(weeks from Monday)")
    if unit == "month":
        y, mo = _months_from(ref.year, ref.month, step)
        if w in ("the past", "past"):
            return Reading("relative", DateValue(_day(ref - _D(30), True), _day(ref)),
                           "the month up to publication, approximately")
        if w in ("earlier this", "later this"):
            last = calendar.monthrange(y, mo)[1]
            a, b = (dt.date(y, mo, 1), ref) if w == "earlier this" else \
                (ref, dt.date(y, mo, last))
            return Reading("relative", DateValue(_day(a), _day(b)), f"{w} month, from "
                           f"publication on {ref.isoformat()}")
        return Reading("relative", _one(_month(y, mo)), f"{w} month, from publication in "
                       f"{MONTH_NAMES[ref.month]} {ref.year}")
    if w in ("the past", "past"):
        return Reading("relative", DateValue(_day(ref.replace(year=ref.year - 1) if
                       _exists(ref.year - 1, ref.month, ref.day) else ref - _D(365)),
                       _day(ref)), "the twelve months up to publication")
    if w in ("earlier this", "later this"):
        a, b = (dt.date(ref.year, 1, 1), ref) if w == "earlier this" else \
            (ref, dt.date(ref.year, 12, 31))
        return Reading("relative", DateValue(_day(a), _day(b)), f"{w} year, from publication")
    return Reading("relative", _one(_year(ref.year + step)), f"{w} year, from publication in "
                   f"{ref.year}")


def _back(d: dt.date, n: int, unit: str) -> dt.date:
    """The calendar date ``n`` units before ``d`` (the 29th of February gives the 28th)."""
    if unit in ("day", "week"):
        return d - _D(n * (7 if unit == "week" else 1))
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    y, mo = _months_from(d.year, d.month, -months)
    return dt.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))


def read_ago(m: re.Match[str], s: Scene) -> Reading | None:
    phrase = " ".join(m.group(0).split())
    if (r := _no_ref(s, f"'{phrase}'")) is not None:
        return r
    ref = s.ref
    assert ref is not None
    word, unit = " ".join(m["n"].lower().split()), m["u"].lower()
    q = " ".join((m["q"] or "").lower().split())
    lo, hi = {"a few": (2, 5), "a couple of": (2, 3), "several": (3, 9)}.get(word, (0, 0))
    n = _count(word) if not hi else 0
    days = {"day": 1, "week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5}[unit]
    if hi:
        near, far = lo * days, hi * days
    elif unit == "day" and n <= 6 and not q:
        return Reading("duration", _one(_day(ref - _D(n))), f"{n} day{'s' if n > 1 else ''} "
                       f"before publication on {ref.isoformat()}")
    else:  # a count is rounded: half a unit either way, at least a day
        slack = max(1.0, days / 2 if unit != "decade" else 3 * 365.25)
        near, far = n * days - slack, n * days + slack
    if q in ("more than", "over", "at least", "just over"):
        near, far = (ref - _back(ref, n, unit)).days, None
    elif q in ("less than", "under", "just under"):
        near, far = 0, (ref - _back(ref, n, unit)).days
    end = _day(ref - _D(days=round(near)), True)
    if far is None:
        return Reading("duration", DateValue(None, end), f"before {end.iso()}: "
                       f"'{q}' leaves the start open (publication {ref.isoformat()})")
    try:
        start = _day(ref - _D(days=round(far)), True)
    except (OverflowError, DateError):
        return Reading("duration", None, f"'{phrase}' leads before the year 1")
    return Reading("duration", DateValue(start, end), f"'{phrase}' counted from publication "
                   f"on {ref.isoformat()}, as a span: the count is approximate")


def read_day_no_year(m: re.Match[str], s: Scene) -> Reading | None:
    month = _month_no(m["m"] or m["m2"])
    day = int(m["d"] or m["d2"])
    if month is None or not 1 <= day <= 31 or day > calendar.monthrange(2000, month)[1]:
        return None
    name = f"{day} {MONTH_NAMES[month]}"
    if s.ref is None:
        return Reading("relative", None, f"'{name}' has no year, and the source no "
                       "publication date to take it from")
    ref = s.ref
    py = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    fy = ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
    while not _exists(py, month, day):
        py -= 1
    while not _exists(fy, month, day):
        fy += 1
    past, future = _one(PartialDate(py, month, day)), _one(PartialDate(fy, month, day))
    r = _choose(s, past, future, f"the {name} on or before publication on "
                f"{ref.isoformat()}", f"the {name} on or after publication")
    return _since(m, s, r)


def read_month_no_year(m: re.Match[str], s: Scene) -> Reading | None:
    month = _month_no(m["m"])
    if month is None:
        return None
    name = MONTH_NAMES[month]
    if s.ref is None:
        return Reading("relative", None, f"'{name}' has no year, and the source no "
                       "publication date to take it from")
    ref = s.ref
    rel = (m["rel"] or "").lower()
    pre = " ".join((m.groupdict().get("pre") or "").lower().split())
    if rel:
        y = ref.year + {"last": -1, "next": 1, "this": 0}[rel]
        return Reading("relative", _one(_month(y, month)), f"{name} of {rel} year, from "
                       f"publication in {ref.year}")
    py = ref.year if month <= ref.month else ref.year - 1
    fy = ref.year if month >= ref.month else ref.year + 1
    past, future = _one(_month(py, month)), _one(_month(fy, month))
    if pre == "last":
        return Reading("relative", _one(_month(ref.year - 1 if month >= ref.month else
                                               ref.year, month)), f"the {name} before "
                       "publication")
    if pre == "next":
        return Reading("relative", _one(_month(ref.year + 1 if month <= ref.month else
                                               ref.year, month)), f"the {name} after "
                       "publication")
    if month == ref.month:
        earlier, later = _one(_month(ref.year - 1, month)), _one(_month(ref.year + 1, month))
        other = later if s.tense == "future" else earlier
        return Reading("relative", past, f"the month of publication, {name} {ref.year} (or "
                       f"a year {'later' if other is later else 'earlier'})", (other,))
    r = _choose(s, past, future, f"the {name} before publication in {ref.year}",
                f"the {name} after publication in {ref.year}")
    if m.groupdict().get("q"):
        r = Reading(r.kind, r.value, r.why + f"; '{m['q'].lower()}' narrows it inside the "
                    "month", r.alternatives)
    return _since(m, s, r)


def read_nth(m: re.Match[str], s: Scene) -> Reading | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    if (r := _no_ref(s, f"'the {day}th'")) is not None:
        return r
    ref = s.ref
    assert ref is not None
    rel = (m["rel"] or "").lower()
    if rel:
        y, mo = _months_from(ref.year, ref.month, {"last": -1, "next": 1, "this": 0}[rel])
        if not _exists(y, mo, day):
            return Reading("relative", None, f"{MONTH_NAMES[mo]} {y} has no day {day}")
        return Reading("relative", _one(PartialDate(y, mo, day)), f"day {day} of {rel} month")
    py, pm = (ref.year, ref.month) if day <= ref.day else _months_from(ref.year, ref.month, -1)
    fy, fm = (ref.year, ref.month) if day >= ref.day else _months_from(ref.year, ref.month, 1)
    while not _exists(py, pm, day):
        py, pm = _months_from(py, pm, -1)
    while not _exists(fy, fm, day):
        fy, fm = _months_from(fy, fm, 1)
    past, future = _one(PartialDate(py, pm, day)), _one(PartialDate(fy, fm, day))
    return _since(m, s, _choose(s, past, future, f"the most recent day {day} on or before "
                                f"publication on {ref.isoformat()}",
                                f"the next day {day} on or after publication"))


def read_range_days(m: re.Match[str], s: Scene) -> Reading | None:
    month = _month_no(m["m"])
    d1, d2 = int(m["d1"]), int(m["d2"])
    if month is None or not 1 <= d1 < d2 <= 31:
        return None
    if m["y"]:
        year = int(m["y"])
        if not _exists(year, month, d2):
            return Reading("range", None, f"{MONTH_NAMES[month]} {year} has no day {d2}")
        return Reading("range", DateValue(PartialDate(year, month, d1),
                                          PartialDate(year, month, d2)),
                       "days stated in the text")
    if (r := _no_ref(s, f"days of {MONTH_NAMES[month]} without a year")) is not None:
        return r
    ref = s.ref
    assert ref is not None
    py = ref.year if (month, d1) <= (ref.month, ref.day) else ref.year - 1
    fy = ref.year if (month, d1) >= (ref.month, ref.day) else ref.year + 1
    values = []
    for y in (py, fy):
        if not _exists(y, month, d2):
            return Reading("range", None, f"{MONTH_NAMES[month]} {y} has no day {d2}")
        values.append(DateValue(PartialDate(y, month, d1), PartialDate(y, month, d2)))
    return _choose(s, values[0], values[1], "the days before publication",
                   "the days after publication")


def read_range_months(m: re.Match[str], s: Scene) -> Reading | None:
    m1, m2 = _month_no(m["m1"]), _month_no(m["m2"])
    if m1 is None or m2 is None:
        return None
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
    if (y1, m1) >= (y2, m2):
        return None
    return Reading("range", DateValue(_month(y1, m1), _month(y2, m2)), "months stated in the "
                   "text" + ("" if m["y1"] else f"; the first in {y1}, as the order implies"))


def read_range_years(m: re.Match[str], s: Scene) -> Reading | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y1 >= y2:
        return None
    return Reading("range", DateValue(_year(y1), _year(y2)), "years stated in the text")


_ANCHOR_WORDS = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1,
                 "preceding": -1, "before": -1, "earlier": -1, "same": 0}
_EVENT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|that)\b", re.IGNORECASE)


def read_anchored(m: re.Match[str], s: Scene) -> Reading | None:
    words = m["w"].lower().split()
    direction = next((_ANCHOR_WORDS[w] for w in reversed(words) if w in _ANCHOR_WORDS), 0)
    n = _count(m["n"]) if m["n"] else 1
    unit = 7 if (m["u"] or "").lower() == "week" or words[-1] == "week" else 1
    shift = direction * n * unit
    if words[-1] in ("after", "before"):
        if _EVENT_AFTER.match(s.after):
            return Reading("anchored", None, f"'{' '.join(words)}' an event the text does "
                           "not date: the date it counts from is missing")
        return Reading("anchored", None, "", shift=shift, follows=True)
    return Reading("anchored", None, "", shift=shift)


RELATIVE_READERS: dict[str, Callable[[re.Match[str], Scene], Reading | None]] = {
    "weekday": read_weekday, "day_word": read_day_word, "period": read_period,
    "ago": read_ago, "day_no_year": read_day_no_year, "month_no_year": read_month_no_year,
    "nth": read_nth, "range_days": read_range_days, "range_months": read_range_months,
    "range_years": read_range_years, "anchored": read_anchored,
}
