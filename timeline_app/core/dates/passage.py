"""The date a passage of a report gives: the first date mention in it, read against the
report's publication date.

This is the small finder behind New Event from Selection.  An analyst selects a
sentence or two; the date finder (``mentions.find_mentions``) finds the phrases that
date them ("on Saturday", "on April 4 2019", "three days ago") and the first one it can
resolve is taken, with the note that says how the date was established.  Nothing is
guessed: a mention the finder cannot resolve is skipped, and one it reads two ways keeps
both readings (``ambiguous``).

The phrase proposed for the editor's date field is the mention itself when the editor
reads it the same way, and the date in ISO form otherwise ("two weeks ago" is a span
there; "at dawn on Saturday" is a day), so what the editor stores is what was found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.core.dates.mention_types import Mention
from timeline_app.core.dates.mentions import find_mentions
from timeline_app.core.dates.partial import DateError, PartialDate
from timeline_app.core.dates.relative import Resolution, resolve_relative
from timeline_app.core.dates.text import parse_text

__all__ = ["PassageDate", "date_note", "find_date_phrase", "mention_resolution", "stated"]

_STATED = ("absolute", "vague", "range")


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


def _typed_reading(phrase: str, published: PartialDate | dt.date | None) -> PartialDate | None:
    """What the editor's date field makes of ``phrase``, or None if it reads no date."""
    try:
        return parse_text(phrase)
    except DateError:
        pass
    if published is None:
        return None
    try:
        return resolve_relative(phrase, published).date
    except DateError:
        return None


def stated(mention: Mention) -> bool:
    """Whether the mention gives its date in full (not read against the publication date)."""
    return mention.kind in _STATED


def mention_resolution(mention: Mention, published: PartialDate | dt.date | None) -> Resolution:
    """A resolved mention as the resolver's ``Resolution``: its date (the start of a
    range), the phrase for the editor's date field, and the explanation."""
    value = mention.value
    assert value is not None
    date = value.start if value.start is not None else value.end
    assert date is not None
    alternatives = tuple(a.start or a.end for a in mention.alternatives if a.start or a.end)
    single = not value.is_range and not alternatives
    phrase = mention.text if single and _typed_reading(mention.text, published) == date \
        else date.iso()
    explanation = mention.explanation.split(": ", 1)[-1] if mention.explanation else ""
    shown = " ".join(mention.text.split())
    return Resolution(date=date, explanation=f"'{shown}' → {value.iso()}: {explanation}",
                      phrase=phrase, ambiguous=bool(alternatives),
                      alternatives=alternatives)  # type: ignore[arg-type]


def find_date_phrase(
    text: str, published: PartialDate | dt.date | None
) -> PassageDate | None:
    """The first date mention in ``text`` that the finder resolves, or None.

    A relative mention needs ``published``; without it only dates stated in full are
    found.
    """
    for mention in find_mentions(text, published):
        if mention.value is None:
            continue
        return PassageDate(mention.start, mention.end, mention_resolution(mention, published),
                           not stated(mention))
    return None
