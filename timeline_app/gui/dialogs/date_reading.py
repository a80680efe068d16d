"""How the event editor reads a typed date, and how it shows what it understood.

A date is read as the file writes it (ISO), then as free text ("4 April 2019"), then,
when the event cites a source with a publication date, as a phrase relative to that
date ("on Saturday", "three days ago") by the core's resolver: the same rules as New
Event from Selection, so what the preview says is what OK stores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.core.dates.partial import DateError, PartialDate
from timeline_app.core.dates.passage import date_note
from timeline_app.core.dates.relative import Resolution, resolve_relative
from timeline_app.core.dates.typed import doubt_words, parse_single, read_typed
from timeline_app.core.model import Document, Event

__all__ = ["OPEN_END", "DateReading", "describe", "describe_open_end", "parse_user_date",
           "publication_date", "read_date"]

OPEN_END = ".."
"""What the End field shows, and reads, for an event that goes on (EDTF's open end)."""


def parse_user_date(text: str) -> PartialDate:
    """ISO first (exactly what the file holds), then free text; never an interval."""
    return parse_single(text)


@dataclass(frozen=True, slots=True)
class DateReading:
    """A typed date as understood: the date, and the resolution when it was relative."""

    date: PartialDate
    resolution: Resolution | None = None
    end: PartialDate | None = None  # typed as an interval A/B: B
    open_end: bool = False  # typed as an interval open at the end, A/..: it goes on

    def note(self) -> str | None:
        """The date note a relative phrase proposes; None for a date typed as such."""
        return date_note(self.resolution, True) if self.resolution is not None else None


def read_date(text: str, reference: PartialDate | dt.date | None) -> DateReading:
    """Read a typed date; ``DateError`` (with parse_text's advice) if it is none."""
    try:
        typed = read_typed(text)
        return DateReading(typed.start, end=typed.end, open_end=typed.open_end)
    except DateError as typed_error:
        if reference is None:
            raise
        try:
            resolution = resolve_relative(text.strip(), reference)
        except DateError:
            raise typed_error from None
        return DateReading(resolution.date, resolution)


def publication_date(document: Document, event: Event) -> PartialDate | None:
    """The publication date of the first source the event cites that has one."""
    for citation in event.citations:
        source = document.source(citation.source)
        if source is not None and source.published is not None:
            return source.published
    return None


def describe(label: str, reading: DateReading) -> str:
    """'Start: 19 December 2020 · day · exact', then how a relative phrase was read."""
    date = reading.date
    line = f"{label}: {date.display()} · {date.precision.label} · {doubt_words(date)}"
    resolution = reading.resolution
    if resolution is not None:
        line += f"\n    {resolution.explanation}"
        if resolution.ambiguous:
            others = ", ".join(d.iso() for d in resolution.alternatives)
            line += f" (ambiguous: could be {others})"
    return line


def describe_open_end(label: str, start: PartialDate | None) -> str:
    """'End: open, it goes on · from 4 April 2019, continuing'."""
    since = f" · from {start.display()}, continuing" if start is not None else ""
    return f"{label}: open (..), it goes on{since}"
