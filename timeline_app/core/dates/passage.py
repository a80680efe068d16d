"""The date a passage of a report gives: the first date phrase in it, read against the
report's publication date.

This is the small finder behind New Event from Selection.  An analyst selects a
sentence or two; the phrase that dates them ("on Saturday", "on April 4 2019", "three
days ago") is found and read by ``resolve_relative`` (or ``parse_text`` for a source
with no publication date), and the note that says how the date was established is
written for the event.  Candidate phrases are tried left to right, the longest first at
each place, so "on April 4 2019" wins over "April 4" and "April".  Nothing is guessed:
a phrase the resolver refuses is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline_app.core.dates.partial import MONTH_NAMES, DateError, PartialDate
from timeline_app.core.dates.relative import Resolution, resolve_relative
from timeline_app.core.dates.text import parse_text

__all__ = ["PassageDate", "date_note", "find_date_phrase"]

_WEEKDAY = r"(?:mon|tues?|wednes|thurs?|fri|satur|sun)day"
_MONTH = "|".join(name for name in MONTH_NAMES if name) + r"|(?:jan|feb|mar|apr|jun|jul|aug" \
    r"|sept?|oct|nov|dec)\.?"
_NUMBER = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"[0-9]{1,3})")
_YEAR = r"[0-9]{4}"
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?"

# Each alternative is a phrase the resolver reads whole.  Lookarounds keep them to whole
# words ("Mondays", "2019a" are not dates).
_CANDIDATES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # absolute dates: "4 April 2019", "April 4, 2019", "on April 4 2019"
        rf"(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:{_MONTH}),?\s+{_YEAR}",
        rf"(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:{_MONTH})\s+{_DAY},?\s+{_YEAR}",
        rf"(?:in\s+)?(?:{_MONTH})\s+{_YEAR}",
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
        # relative to the publication date
        rf"(?:about\s+|around\s+|some\s+)?{_NUMBER}\s+(?:day|week|month|year)s?\s+ago",
        r"(?:on\s+|earlier\s+|later\s+)?(?:the\s+day\s+before\s+yesterday|yesterday|today"
        r"|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|overnight)",
        rf"(?:on\s+)?(?:(?:last|this\s+past|past)\s+)?{_WEEKDAY}",
        r"(?:(?:over|during|on|at)\s+)?(?:last|this\s+past|the\s+past|the|this)\s+weekend",
        r"(?:last|the\s+previous|earlier\s+this|this)\s+(?:week|month|year)",
        rf"(?:on\s+)?{_DAY}\s+(?:{_MONTH})",
        rf"(?:on\s+)?(?:{_MONTH})\s+{_DAY}",
        # a month alone only after a preposition: "May I?" is not a date
        rf"(?:in|during)\s+(?:(?:last|this\s+past)\s+)?(?:{_MONTH})",
        rf"in\s+{_YEAR}",
    )
]
_WORD_EDGE = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class PassageDate:
    """A date phrase found in a passage: ``start``/``end`` are offsets into the
    passage, ``resolution`` says what it means and how it was read."""

    start: int
    end: int
    resolution: Resolution
    relative: bool  # read against the publication date (not stated in full)

    @property
    def date(self) -> PartialDate:
        return self.resolution.date

    @property
    def phrase(self) -> str:
        return self.resolution.phrase

    def note(self) -> str:
        """The event's date note: how the date was established."""
        return date_note(self.resolution, self.relative)


def date_note(resolution: Resolution, relative: bool) -> str:
    """The date note for a date read from a report, as the default timeline writes it."""
    if relative:
        return f"Resolved from the article's publication date: {resolution.explanation}"
    return f"Stated in the article: {resolution.explanation}"


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _WORD_EDGE.match(before) and not _WORD_EDGE.match(after)


def _read(phrase: str, published: PartialDate | dt.date | None) -> tuple[Resolution, bool]:
    """Resolve ``phrase``; say whether it needed the publication date.  DateError if not."""
    try:
        stated = parse_text(phrase)
    except DateError:
        stated = None
    if stated is not None:
        shown = " ".join(phrase.split())
        return Resolution(date=stated, explanation=f"'{shown}' → {stated.iso()}: stated in "
                          "the text", phrase=phrase), False
    if published is None:
        raise DateError(f"{phrase!r} is relative and the source has no publication date")
    return resolve_relative(phrase, published), True


def find_date_phrase(
    text: str, published: PartialDate | dt.date | None
) -> PassageDate | None:
    """The first date phrase in ``text`` that reads as a date, or None.

    At each place the longest candidate that reads is taken.  A relative phrase needs
    ``published``; without it only dates stated in full are found.
    """
    found: list[tuple[int, int]] = []
    for pattern in _CANDIDATES:
        for m in pattern.finditer(text):
            if _whole_words(text, m.start(), m.end()):
                found.append((m.start(), m.end()))
    for start, end in sorted(set(found), key=lambda span: (span[0], span[0] - span[1])):
        try:
            resolution, relative = _read(text[start:end], published)
        except DateError:
            continue
        return PassageDate(start, end, resolution, relative)
    return None
