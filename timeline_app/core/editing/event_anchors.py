"""Dates counted from an event the timeline has dated: "the day after <an event>".

The date finder refuses "the day after the announcement of the completion of the
liberation of the capital": the article never dates that announcement.  The timeline may:
when an event of the document cites those words (one of its citations of the same source
covers at least half of them, and not the counted phrase itself) and is dated to the day,
the mention is dated from that event, and its explanation says so ("the day after
2020-06-04, the date of 'Haftar's forces complete withdrawal from Tripoli'").

Honesty first: no event citing the words, an event dated less precisely than the day, or
events citing them with different dates leave the mention refused, with the reason and
what would date it.  An event that is a span counts from its end for "after" and from its
start for "before", as the finder does for a span in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from timeline_app.core.dates.mention_types import DateValue, Mention
from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.dates.words import NUMBER_WORDS
from timeline_app.core.model import Event

__all__ = ["EventAnchor", "anchor_passage", "counted_days", "date_from_events"]

# The words naming the event run to the end of the clause.
_PASSAGE_END = re.compile(r"[,;:.!?()\[\]\n]")
_MIN_QUOTE = 40  # characters of an event's title quoted in an explanation


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """What became of a mention counted from an event: ``mention`` dated (or refused with
    the reason), ``event`` the one it was counted from, ``passage`` the event's words."""

    mention: Mention
    passage: tuple[int, int]
    event: Event | None


def counted_days(mention: Mention) -> int | None:
    """Days from the event to the mention's date ("the day after" 1, "two weeks before"
    -14), or None when the mention is not counted from an event."""
    words = mention.text.lower().split()
    if mention.kind != "anchored" or len(words) < 3 or words[-1] not in ("after", "before"):
        return None
    sign = 1 if words[-1] == "after" else -1
    if words[:2] == ["the", "day"] and len(words) == 3:
        return sign
    number, unit = " ".join(words[:-2]), words[-2]
    n = 1 if number in ("a", "an") else NUMBER_WORDS.get(number)
    if n is None and number.isdigit():
        n = int(number)
    if n is None or unit.rstrip("s") not in ("day", "week"):
        return None
    return sign * n * (7 if unit.startswith("week") else 1)


def anchor_passage(text: str, mention: Mention) -> tuple[int, int] | None:
    """The span of the words after the mention that name the event it counts from, to
    the end of their clause; None when nothing follows."""
    start = mention.end
    while start < len(text) and text[start] in " \t":
        start += 1
    stop = _PASSAGE_END.search(text, start)
    end = stop.start() if stop else len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _quoted(title: str) -> str:
    short = " ".join(title.split())
    return short if len(short) <= _MIN_QUOTE + 20 else short[:_MIN_QUOTE].rstrip() + "…"


def _counted(shift: int) -> str:
    n = abs(shift)
    if n % 7 == 0 and n >= 7:
        amount = "a week" if n == 7 else f"{n // 7} weeks"
    else:
        amount = "the day" if n == 1 else f"{n} days"
    return f"{amount} {'after' if shift > 0 else 'before'}"


def date_from_events(text: str, source_id: str, mention: Mention,
                     events: Iterable[Event]) -> EventAnchor | None:
    """The mention counted from the event of ``events`` that cites the words it counts
    from; None when the mention is not counted from an event (or already dated)."""
    shift = counted_days(mention)
    passage = anchor_passage(text, mention) if mention.value is None else None
    if shift is None or passage is None:
        return None
    ps, pe = passage
    words = " ".join(text[ps:pe].split())
    phrase = " ".join(mention.text.split())
    citing: list[Event] = []
    for event in events:
        for c in event.citations:
            if c.source != source_id or (c.start <= mention.start and mention.end <= c.end):
                continue
            if 2 * (min(c.end, pe) - max(c.start, ps)) >= pe - ps:
                citing.append(event)
                break

    def refuse(why: str) -> EventAnchor:
        explanation = f"'{phrase}': not resolved: counts from '{words}', {why}"
        return EventAnchor(replace(mention, explanation=explanation), passage, None)

    if not citing:
        return refuse("which the article does not date and no event of the timeline "
                      "cites; an event dated to the day that cites those words would date it")
    dates: dict[dt.date, tuple[Event, PartialDate, str]] = {}
    for event in citing:
        point, which = (event.end, "the end") if shift > 0 and event.end is not None \
            else (event.start, "the date")
        if point.precision < Precision.DAY:
            return refuse(f"and the event citing them, '{_quoted(event.title)}', is dated "
                          f"only to {point.iso()}, not to the day")
        day = dt.date(point.year, point.month, point.day)
        dates.setdefault(day, (event, point, which))
    if len(dates) > 1:
        listed = "; ".join(f"'{_quoted(e.title)}' {p.iso()}" for e, p, _w in dates.values())
        return refuse(f"and the events citing them disagree on its date ({listed})")
    ((day, (event, point, which)),) = dates.items()
    try:
        moved = day + dt.timedelta(days=shift)
        value = DateValue(PartialDate(moved.year, moved.month, moved.day,
                                      approximate=point.approximate))
    except (OverflowError, ValueError):
        return refuse("and counting from its event leads outside the calendar")
    why = (f"{_counted(shift)} {day.isoformat()}, {which} of '{_quoted(event.title)}', "
           f"the event citing '{words}'")
    dated = replace(mention, value=value, explanation=f"'{phrase}' → {value.iso()}: {why}")
    return EventAnchor(dated, passage, event)
