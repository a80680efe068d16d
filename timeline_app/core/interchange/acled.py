"""ACLED CSV exports (Armed Conflict Location & Event Data) as timelines.

One event per row:

* ``event_id_cnty`` → the event's id, ``location`` → its location, ``notes`` → its
  description, ``event_type`` → its tag (a lane when grouping by tag);
* ``actor1`` and ``actor2`` → the event's actors (an event is in both lanes);
* ``source`` (``;``-separated outlet names) → sources, one per outlet, each cited by
  its name: ACLED names the outlets but does not quote them;
* ``event_date`` and ``time_precision``: 1 → that day; 2 → the week around that date
  (ACLED codes the middle of a week whose day is unknown), so an approximate range of
  three days either side; 3 → the month of the date;
* every other column, with its value as written (``event_date`` and
  ``time_precision`` included, since a month cannot give the day back), in the event's
  ``extra`` under ``"acled"``, in the file's column order: nothing is lost, and it is
  saved with the timeline.

Both the current column layout and older exports are read: dates as ``yyyy-mm-dd``,
``dd-mm-yyyy`` or ``dd Month yyyy``; columns that ACLED has since removed or added are
kept like any other.  Column names are matched without regard to case.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Any

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.interchange.common import ImportResult, cite_whole, named_source
from timeline_app.core.model import Actor, Citation, Document, Event, ModelError, Source

__all__ = ["ACLED_COLUMNS", "is_acled_header", "read_acled"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)
"""The current layout of an ACLED export, in order."""

_NEEDED = ("event_date", "actor1", "event_type")
_MAPPED = {"event_id_cnty", "actor1", "actor2", "notes", "source", "location"}
_WEEK = timedelta(days=3)


def is_acled_header(names: list[str]) -> bool:
    """Whether a CSV header is an ACLED export's: it has their date, actor and type."""
    lowered = {name.strip().lower() for name in names}
    return all(name in lowered for name in _NEEDED)


def _parse_day(text: str) -> date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date: ACLED writes yyyy-mm-dd, "
                     "dd-mm-yyyy or dd Month yyyy")


class _Dates:
    """(start, end) for each (event_date, time_precision); a file repeats them a lot."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], tuple[PartialDate, PartialDate | None]] = {}

    def get(self, text: str, precision: str) -> tuple[PartialDate, PartialDate | None]:
        key = (text, precision)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._make(text, precision.strip() or "1")
        return found

    @staticmethod
    def _make(text: str, precision: str) -> tuple[PartialDate, PartialDate | None]:
        day = _parse_day(text)
        if precision == "1":
            return PartialDate(day.year, day.month, day.day), None
        if precision == "2":
            first, last = day - _WEEK, day + _WEEK
            return (PartialDate(first.year, first.month, first.day, approximate=True),
                    PartialDate(last.year, last.month, last.day, approximate=True))
        if precision == "3":
            return PartialDate(day.year, day.month, precision=Precision.MONTH), None
        raise ValueError(f"time_precision {precision!r} is not 1 (day), 2 (week) or 3 (month)")


_SLUG = re.compile(r"[^0-9a-z]+")


class _Actors:
    def __init__(self) -> None:
        self.by_name: dict[str, Actor] = {}
        self.ids: set[str] = set()

    def id_of(self, name: str) -> str:
        actor = self.by_name.get(name)
        if actor is None:
            base = _SLUG.sub("-", name.lower()).strip("-") or "actor"
            ident, n = base, 1
            while ident in self.ids:
                n += 1
                ident = f"{base}-{n}"
            self.ids.add(ident)
            actor = self.by_name[name] = Actor(ident, name)
        return actor.id


def read_acled(text: str, name: str) -> ImportResult:
    """The timeline of an ACLED export's text; bad rows are left out and reported."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or not is_acled_header(header):
        return ImportResult(None, [Problem(name, "this is not an ACLED export: its first line "
                                           "must name the columns event_date, actor1 and "
                                           "event_type", line=1)])
    with gc_paused(keep=True):  # 100,000 rows make a million objects that live on
        return _rows(reader, [h.strip() for h in header], name)


def _rows(reader: Any, header: list[str], name: str) -> ImportResult:
    width = len(header)
    col = {h.lower(): i for i, h in enumerate(header)}
    # A column the file lacks reads the empty cell appended to each row.
    (ident_at, date_at, precision_at, actor1_at, actor2_at, notes_at, source_at, type_at,
     sub_at, where_at) = (col.get(key, width) for key in (
         "event_id_cnty", "event_date", "time_precision", "actor1", "actor2", "notes",
         "source", "event_type", "sub_event_type", "location"))
    kept = [(i, h) for i, h in enumerate(header) if h.lower() not in _MAPPED]
    kept_names = [h for _, h in kept]
    kept_cells = itemgetter(*[i for i, _ in kept]) if len(kept) > 1 else None
    dates, actors = _Dates(), _Actors()
    sources: dict[tuple[str, ...], Source] = {}
    cited: dict[str, list[Citation]] = {}  # a source cell's citations, shared (immutable)
    events: list[Event] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    line = reader.line_num
    for row in reader:
        first_line, line = line + 1, reader.line_num
        if len(row) != width:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            problems.append(Problem(name, f"this row has {len(row)} fields, the header "
                                    f"{width}: a quote may be missing", line=first_line))
            continue
        row.append("")
        try:
            start, end = dates.get(row[date_at], row[precision_at])
            ident = row[ident_at].strip() or f"acled-line-{first_line}"
            if ident in seen:
                raise ValueError(f"event_id_cnty {ident!r} is on an earlier row too")
            citations = cited.get(row[source_at])
            if citations is None:
                citations = cited[row[source_at]] = _citations(row[source_at], sources)
            a1, a2 = row[actor1_at].strip(), row[actor2_at].strip()
            ids = [actors.id_of(n) for n in ((a1, a2) if a2 and a2 != a1 else (a1,)) if n]
            kind, where = row[type_at].strip(), row[where_at].strip()
            title = row[sub_at].strip() or kind or "Event"
            extra = (dict(zip(kept_names, kept_cells(row), strict=True)) if kept_cells
                     else {h: row[i] for i, h in kept})
            event = Event(
                ident, f"{title} — {where}" if where else title, start, end, actors=ids,
                location=where, tags=[kind] if kind else [], description=row[notes_at],
                citations=list(citations), extra={"acled": extra},
            )
        except (ValueError, ModelError) as exc:
            problems.append(Problem(name, str(exc), line=first_line))
            continue
        seen.add(ident)
        events.append(event)
    doc = Document(title=name, sources=list(sources.values()),
                   actors=list(actors.by_name.values()), events=events)
    return ImportResult(doc, problems)


def _citations(cell: str, sources: dict[tuple[str, ...], Source]) -> list[Citation]:
    """One citation per outlet named in a ``source`` cell, each source made once."""
    out: dict[str, Citation] = {}
    for outlet in cell.split(";"):
        outlet = outlet.strip()
        if outlet:
            src = named_source(sources, outlet, "acled-source-", outlet=outlet)
            out.setdefault(src.id, cite_whole(src))
    return list(out.values())
