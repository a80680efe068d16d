"""Every date mention in a text, read honestly against the publication date.

``find_mentions(text, published)`` scans a source's text for absolute dates ("April 4
2019", "19/12/2020", datelines), dates relative to the publication date ("on Saturday",
"two weeks ago", "in January", "the 19th", "since Monday"), times of day attached to a
date ("at dawn on Saturday", "6pm on Thursday"), ranges ("June 4-5, 2020"), vague dates
("mid-2019", "the summer of 2020") and dates counted from an earlier mention ("the next
day").  Each becomes a ``Mention`` with its exact span.

Honesty comes first: the tense of the sentence ("will", "is due", "scheduled", ...)
decides between the past and the coming reading of a weekday or a date without a year,
and where it does not decide the mention is flagged ambiguous with both; durations are
approximate spans; a mention that cannot be resolved says what is missing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from timeline_app.core.dates.mention_patterns import PATTERNS, lowered
from timeline_app.core.dates.mention_readers import READERS, Reading, Scene
from timeline_app.core.dates.mention_relative import RELATIVE_READERS
from timeline_app.core.dates.mention_types import DateValue, Mention
from timeline_app.core.dates.partial import DateError, PartialDate, Precision

__all__ = ["DateValue", "Mention", "find_mentions"]

_ALL_READERS = {**READERS, **RELATIVE_READERS}
_WORD = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+due|are\s+due|due\s+to|scheduled|set\s+to|expected\s+to"
    r"|plans?\s+to|planned|upcoming|to\s+be\s+held|going\s+to|is\s+to|are\s+to|next|coming"
    r"|would\s+be\s+held|be\s+held|take\s+place)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|last|took|held|met|began|came|went|saw|left|fled|fought"
    r"|won|lost|struck|fell|rose|chose|gave|made|sent|shot|led|ran|broke|brought|caught"
    r"|found|got|kept|knew|paid|spoke|stood|thought|threw|wrote|withdrew|overran|\w{3,}ed)\b",
    re.IGNORECASE)
_CLOCK = (r"(?:(?P<h>[01]?[0-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)"
          r"|(?P<h2>[0-2][0-9]):(?P<mi2>[0-5][0-9])|(?P<noon>noon|midday))")
_BEFORE = re.compile(
    rf"(?:(?:at|around|about|by|from)\s+)?(?:{_CLOCK}|(?P<part>dawn|dusk|daybreak|sunrise"
    r"|sunset|midnight|night|the\s+early\s+hours|early|late))\s+(?:on\s+)?$", re.IGNORECASE)
_AFTER = re.compile(
    rf"(?:(?:['’]s)?\s+(?P<part>morning|afternoon|evening|night)|,?\s+(?:at\s+)?{_CLOCK})",
    re.IGNORECASE)


def _reference(published: PartialDate | dt.date | None) -> dt.date | None:
    if isinstance(published, PartialDate):
        if published.precision < Precision.DAY:
            return None
        return dt.date(published.year, published.month, published.day)
    if isinstance(published, dt.datetime):
        return published.date()
    return published


class _Tense:
    """The tense of the sentence around a span, from its cue words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def __call__(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.ends, start)
        first = self.ends[i - 1] if i else 0
        last = self.ends[i] if i < len(self.ends) else len(self.text)
        last = max(last, end)
        sentence = self.text[first:start] + " " + self.text[end:last]
        future = _FUTURE.search(sentence)
        past = any(m.group(0).lower() not in ("scheduled", "planned", "expected")
                   for m in _PAST.finditer(_FUTURE.sub(" ", sentence)))
        if future and not past:
            return "future"
        if past and not future:
            return "past"
        return None


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    if m["noon"]:
        return 12, 0
    if m["h2"] is not None:
        h, mi = int(m["h2"]), int(m["mi2"])
        return (h, mi) if h < 24 else None
    if m["h"] is None:
        return None
    h, mi = int(m["h"]), int(m["mi"] or 0)
    if not 1 <= h <= 12:
        return None
    pm = m["ap"].lower().startswith("p")
    return (h % 12 + (12 if pm else 0), mi)


def _at_time(value: DateValue, hm: tuple[int, int]) -> DateValue:
    d = value.start
    assert d is not None
    return DateValue(PartialDate(d.year, d.month, d.day, hm[0], hm[1], Precision.MINUTE,
                                 d.approximate))


def _time_of_day(text: str, start: int, end: int, r: Reading) -> tuple[int, int, Reading]:
    """Widen a single-day mention to the time of day written around it."""
    if r.value is None or r.value.is_range or r.value.precision is not Precision.DAY:
        return start, end, r
    hm, part = None, None
    if (b := _BEFORE.search(text, max(0, start - 40), start)) and b.end() == start:
        hm = _clock(b) if b["part"] is None else None
        part = b["part"]
        if hm or part:
            start = b.start()
    if (a := _AFTER.match(text, end)) and not (a.end() < len(text) and
                                                _WORD.match(text[a.end()])):
        if hm is None and (found := (_clock(a) if a["part"] is None else None)):
            hm = found
            end = a.end()
        elif a["part"] and not part:
            part, end = a["part"], a.end()
    if hm:
        return start, end, Reading(r.kind, _at_time(r.value, hm), r.why + f", at "
                                   f"{hm[0]:02d}:{hm[1]:02d}",
                                   tuple(_at_time(a, hm) for a in r.alternatives))
    if part:
        part = " ".join(part.lower().split())
        return start, end, Reading(r.kind, r.value, r.why + f" ('{part}': the day, no clock "
                                   "time)", r.alternatives)
    return start, end, r


class _Found:
    """A match on the lowered text that gives the groups as the original text has them."""

    __slots__ = ("m", "text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self.m, self.text = m, text

    def __getitem__(self, group: str | int) -> str | None:
        s, e = self.m.span(group)
        return None if s < 0 else self.text[s:e]

    def group(self, group: str | int = 0) -> str | None:
        return self[group]

    def groupdict(self) -> dict[str, str | None]:
        return {name: self[name] for name in self.m.re.groupindex}


def _candidates(text: str) -> list[tuple[int, int, str, _Found]]:
    found = []
    low = lowered(text)
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(low):
            s, e = m.span()
            if e > s and not (s and _WORD.match(text[s - 1])) and not (
                    e < len(text) and _WORD.match(text[e])):
                found.append((s, e, kind, _Found(m, text)))
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    return found


def _shown(text: str) -> str:
    return " ".join(text.split())


def _explain(text: str, value: DateValue | None, why: str) -> str:
    if value is None:
        return f"'{_shown(text)}': not resolved: {why}"
    return f"'{_shown(text)}' → {value.iso()}: {why}"


def find_mentions(text: str, published: PartialDate | dt.date | None) -> list[Mention]:
    """Every date mention in ``text``, left to right, without overlaps."""
    ref = _reference(published)
    tense = _Tense(text)
    taken: list[tuple[int, int, Reading]] = []
    edge = 0
    for start, end, kind, m in _candidates(text):
        if start < edge:
            continue
        scene = Scene(ref, tense(start, end), text[end:end + 20])
        try:
            reading = _ALL_READERS[kind](m, scene)  # type: ignore[arg-type]
        except (DateError, OverflowError, ValueError):  # counted past the year 1 or 9999
            reading = Reading(kind, None, "leads outside the calendar (the years 1 to 9999)")
        if reading is None:
            continue
        start, end, reading = _time_of_day(text, start, end, reading)
        if taken and start < taken[-1][1]:
            continue
        taken.append((start, end, reading))
        edge = end
    mentions: list[Mention] = []
    for i, (start, end, r) in enumerate(taken):
        phrase = text[start:end]
        if r.shift is None:
            mentions.append(Mention(start, end, phrase, r.kind, r.value,
                                    _explain(phrase, r.value, r.why), bool(r.alternatives),
                                    r.alternatives))
            continue
        j = _anchor_of(i, taken, mentions, text)
        try:
            mentions.append(_anchored(start, end, phrase, r.shift, j, mentions, taken))
        except (DateError, OverflowError, ValueError):
            mentions.append(Mention(start, end, phrase, "anchored", None, _explain(
                phrase, None, "leads outside the calendar (the years 1 to 9999)"), anchor=j))
    return mentions


def _anchor_of(i: int, taken: list[tuple[int, int, Reading]], done: list[Mention],
               text: str) -> int | None:
    if taken[i][2].follows and i + 1 < len(taken) and \
            not text[taken[i][1]:taken[i + 1][0]].strip():
        return i + 1
    for j in range(i - 1, -1, -1):
        if done[j].value is not None:
            return j
    return None


def _anchored(start: int, end: int, phrase: str, shift: int, j: int | None,
              done: list[Mention], taken: list[tuple[int, int, Reading]]) -> Mention:
    def refuse(why: str) -> Mention:
        return Mention(start, end, phrase, "anchored", None, _explain(phrase, None, why),
                       anchor=j)

    if j is None:
        return refuse("no earlier date in the text to count from")
    if j < len(done):
        base, base_text = done[j].value, done[j].text
        alternatives = done[j].alternatives
    else:  # the date right after it ("the day after Saturday"), read but not yet listed
        r = taken[j][2]
        base, alternatives = r.value, r.alternatives
        base_text = ""
    if base is None:
        return refuse("the date it counts from is not resolved")
    point = base.end if shift > 0 and base.end is not None else base.start
    if point is None or point.precision < Precision.DAY:
        return refuse(f"counts days from '{_shown(base_text)}', which is not known to the day")

    def moved(v: DateValue) -> DateValue | None:
        p = v.end if shift > 0 and v.end is not None else v.start
        if p is None or p.precision < Precision.DAY:
            return None
        d = dt.date(p.year, p.month, p.day) + dt.timedelta(days=shift)
        return DateValue(PartialDate(d.year, d.month, d.day, approximate=p.approximate))

    value = moved(base)
    alts = tuple(a for a in (moved(v) for v in alternatives) if a is not None)
    n = abs(shift)
    where = "after" if shift > 0 else "before" if shift < 0 else "the same day as"
    counted = f"{n} day{'s' if n != 1 else ''} {where}" if shift else where
    why = f"{counted} '{_shown(base_text) or 'the date that follows'}' ({point.iso()})"
    return Mention(start, end, phrase, "anchored", value, _explain(phrase, value, why),
                   bool(alts), alts, j)
