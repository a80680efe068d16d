"""Dates as a user types them: one reader for the event editor and Go to Date.

It reads what the file holds (``2019-04-04``, ``2019-04~``, ``2019-04-04?``, ``2019%``),
free text (``4 April 2019``, ``about June 2020``, ``reportedly 4 April 2019``), EDTF
intervals (``2004-06/2006-08``, ``1984?/2004-06~``) and intervals open at the end
(``2019-04-04/..``: it began then and goes on).  What EDTF (ISO 8601-2) writes and the
timeline cannot hold is refused with its EDTF meaning spelled out and what to type
instead: open starts and unknown ends (``../1985``, ``1985/``), unspecified digits (``201X``),
seasons (``2001-21``), years beyond 9999 or before 1 (``Y170000002``, ``-1985``),
seconds and time zones (``23:20:30Z``), and qualifiers on a part of a date (level 2).
Nothing is guessed: text that could mean two things is refused with both meanings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline_app.core.dates.partial import (
    MONTH_NAMES,
    DateError,
    PartialDate,
    parse_iso,
)
from timeline_app.core.dates.text import parse_text

__all__ = ["TypedDate", "doubt_words", "parse_single", "read_typed"]


@dataclass(frozen=True, slots=True)
class TypedDate:
    """A typed date: one date, an interval when ``end`` is set, or an interval open at
    the end (``A/..``: from ``start``, going on) when ``open_end`` is."""

    start: PartialDate
    end: PartialDate | None = None
    open_end: bool = False

    def to_seconds(self) -> float:
        return self.start.to_seconds()

    def end_seconds(self) -> float:
        return (self.end or self.start).end_seconds()


# An EDTF-like date: a four-digit year (or X digits), month and day (or X), an optional
# time, qualifiers anywhere (level 2 puts them inside).  Only used to recognise and
# explain; parse_iso reads what the timeline holds.
_EDTF_SIDE = re.compile(r"[?~%]?-?(?:Y-?[0-9]+|[0-9X]{4}(?:-[?~%]?[0-9X]{2}[?~%]?){0,2}"
                        r"(?:T[0-9:.]+(?:Z|[+-][0-9:]+)?)?)[?~%]?", re.ASCII)
_INTERVAL = re.compile(r"(?P<a>[^/]*)/(?P<b>[^/]*)")
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_MONTHS = {21: ("03", "05"), 22: ("06", "08"), 23: ("09", "11"), 24: ("12", "02")}
_SEASON = re.compile(r"(?P<y>[0-9]{4})-(?P<s>2[1-9]|3[0-9]|4[01])[?~%]?", re.ASCII)
_UNSPECIFIED = re.compile(r"(?P<y>[0-9X]{4})(?:-(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?)?"
                          r"(?P<q>[?~%])?", re.ASCII)
_BIG_YEAR = re.compile(r"Y(?P<y>-?[0-9]+)", re.ASCII)
_SECONDS = re.compile(r"(?P<m>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}):[0-9]{2}(?:\.[0-9]+)?",
                      re.ASCII)
_ZONE = re.compile(r"(?P<m>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2})(?::[0-9]{2}"
                   r"(?:\.[0-9]+)?)?(?P<z>Z|[+-][0-9]{2}(?::?[0-9]{2})?)", re.ASCII)
_INNER_QUALIFIER = re.compile(r".*[0-9X][?~%]-|.*-[?~%][0-9X]|[?~%][0-9]", re.ASCII)
_SET = re.compile(r"[\[{].*[\]}]")


def _refuse_edtf(text: str) -> None:
    """Raise ``DateError`` for EDTF forms the timeline cannot hold, naming what to type."""
    if _SET.fullmatch(text):
        raise DateError(f"{text!r} is a set of possible dates (EDTF level 2): the timeline "
                        "holds one date or an interval; type the earliest and latest as an "
                        "interval, e.g. 1667/1672, and list the candidates in the date note")
    if (m := _BIG_YEAR.fullmatch(text)) and 1 <= int(m["y"]) <= 9999:
        raise DateError(f"{text!r} is the year {int(m['y'])}: type it with four digits, "
                        f"{int(m['y']):04d}")
    if m:
        raise DateError(f"{text!r} is the year {int(m['y'])} (EDTF): the timeline's calendar "
                        "runs from the year 1 to 9999")
    if m := _ZONE.fullmatch(text):
        raise DateError(f"{text!r} gives a time zone ({m['z']}); the timeline keeps the "
                        "local time of the place: convert the time to it and type it without "
                        f"the zone or seconds, e.g. {m['m']}")
    if m := _SECONDS.fullmatch(text):
        raise DateError(f"{text!r} gives seconds; the timeline keeps times to the minute: "
                        f"type {m['m']}")
    if m := _SEASON.fullmatch(text):
        season = int(m["s"])
        if season in _SEASONS:
            first, last = _SEASON_MONTHS[season]
            y = m["y"]
            end_year = f"{int(y) + 1:04d}" if season == 24 else y
            raise DateError(
                f"{text!r} is {_SEASONS[season]} {y} in EDTF; the timeline holds months (a "
                "season's depend on the hemisphere): type them, e.g. "
                f"{y}-{first}/{end_year}-{last} in the north")
        raise DateError(f"{text!r} is a season or part of a year in EDTF level 2 (21 to 41); "
                        "the timeline holds months: type the months as an interval, e.g. "
                        f"{m['y']}-01/{m['y']}-06")
    if "X" in text and (m := _UNSPECIFIED.fullmatch(text)):
        _refuse_unspecified(text, m)
    if _INNER_QUALIFIER.match(text) and _EDTF_SIDE.fullmatch(text):
        raise DateError(f"{text!r} qualifies a part of the date (EDTF level 2); the timeline "
                        "qualifies a whole date: put one ?, ~ or % at the end, e.g. "
                        f"{re.sub(r'[?~%]', '', text)}?")


def _refuse_unspecified(text: str, m: re.Match[str]) -> None:
    """``201X``, ``2004-XX``, ``1985-04-XX``: EDTF's unspecified digits."""
    y, mo, d, q = m["y"], m["m"], m["d"], m["q"] or ""
    stated = y.rstrip("X")
    trailing = ("X" not in stated and (mo is None or mo == "XX" or "X" not in y)
                and (d is None or d == "XX"))
    if trailing and "X" in y and (mo in (None, "XX")):
        low, high = stated.ljust(4, "0"), stated.ljust(4, "9")
        if int(low) == 0:
            low = "0001"
        raise DateError(f"{text!r} is a year from {low} to {high}, not said which (EDTF "
                        "unspecified digits); the timeline holds one year or an interval: "
                        f"type {low}{q}/{high}{q}")
    if trailing and "X" not in y and mo == "XX":
        raise DateError(f"{text!r} is some month of {y} (EDTF unspecified digits): that is "
                        f"what the year alone means here; type {y}{q}")
    if trailing and "X" not in y and mo and "X" not in mo and d == "XX":
        name = MONTH_NAMES[int(mo)] if 1 <= int(mo) <= 12 else mo
        raise DateError(f"{text!r} is some day of {name} {y} (EDTF unspecified digits): that "
                        f"is what the month alone means here; type {y}-{mo}{q}")
    raise DateError(f"{text!r} has unspecified digits (X) inside a date (EDTF level 2); the "
                    "timeline holds a year, month, day or minute: type the earliest and "
                    "latest dates it can be as an interval, e.g. 1560/1569")


def parse_single(text: str, *, default_year: int | None = None,
                 dayfirst: bool | None = None) -> PartialDate:
    """One typed date: the file form first (exactly what the file holds), then free text."""
    text = text.strip()
    _refuse_edtf(text)
    try:
        return parse_iso(text)
    except DateError:
        return parse_text(text, default_year=default_year, dayfirst=dayfirst)


def _side(text: str, which: str, whole: str) -> PartialDate:
    """One end of an interval: only the file form, so that 2019/04 is never an interval."""
    side = text.strip()
    if side in ("", ".."):
        other = _INTERVAL.fullmatch(whole)
        known = (other["b"] if which == "start" else other["a"]).strip() if other else ""
        meaning = ("open (EDTF '..': it began at no stated time)" if side == ".."
                   else "unknown (EDTF '')")
        if which == "end":
            advice = (f"type the start alone ({known}) and say in the date note that the "
                      f"end is not known, or {known}/.. if it still goes on")
        else:
            advice = f"type the end alone ({known}), or an earliest start: 1900/{known}"
        raise DateError(f"{whole!r} has its {which} {meaning}, which the timeline cannot "
                        f"hold: {advice}")
    _refuse_edtf(side)
    if side.startswith(("-", "−")):
        raise DateError(f"{whole!r}: {side} is a year before the year 1, which the timeline "
                        "does not hold: its calendar runs from the year 1 to 9999")
    try:
        return parse_iso(side)
    except DateError as exc:
        raise DateError(f"{whole!r}: the {which} {exc}") from None


def _is_interval(text: str) -> bool:
    """A single '/' with a four-digit year, '..' or nothing on each side (EDTF); 2019/04
    and 4/5/2019 are dates written with slashes, which free text reads (or refuses)."""
    m = _INTERVAL.fullmatch(text)
    if m is None:
        return False
    a, b = m["a"].strip(), m["b"].strip()
    if not a and not b:
        return False

    def edtf(side: str) -> bool:
        return side in ("", "..") or bool(_EDTF_SIDE.fullmatch(side))

    def year_first(side: str) -> bool:
        return bool(re.match(r"[?~%]?(?:[0-9X]{4}|Y|-)", side))

    return edtf(a) and edtf(b) and (year_first(a) or year_first(b)) and (
        not a or not b or a == ".." or b == ".." or (year_first(a) and year_first(b)))


def read_typed(text: str, *, default_year: int | None = None,
               dayfirst: bool | None = None) -> TypedDate:
    """Read what a user typed as a date, an EDTF interval ``A/B`` or one open at the end
    (``A/..``).

    Raises ``DateError`` with advice for anything that is not a date the timeline can
    hold, or that could be read more than one way.
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}")
    text = text.strip()
    if re.fullmatch(r"(?:\.\.)?\s*/\s*(?:\.\.)?", text):
        raise DateError(f"{text!r} is an interval with neither a start nor an end: type "
                        "the start, and /.. after it if the event still goes on")
    if _is_interval(text):
        m = _INTERVAL.fullmatch(text)
        assert m is not None
        if m["b"].strip() == ".." and m["a"].strip() not in ("", ".."):  # open end: goes on
            return TypedDate(_side(m["a"], "start", text), open_end=True)
        start, end = _side(m["a"], "start", text), _side(m["b"], "end", text)
        if end.end_seconds() <= start.to_seconds():
            raise DateError(f"{text!r} ends ({end.iso()}) before it starts ({start.iso()}): "
                            "swap the two dates")
        return TypedDate(start, end)
    return TypedDate(parse_single(text, default_year=default_year, dayfirst=dayfirst))


def doubt_words(date: PartialDate) -> str:
    """How sure the date is, in words: 'exact', 'approximate (around)', ..."""
    if date.approximate and date.uncertain:
        return "approximate and uncertain (around, and reportedly)"
    if date.uncertain:
        return "uncertain (reportedly)"
    if date.approximate:
        return "approximate (around)"
    return "exact"
