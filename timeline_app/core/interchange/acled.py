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

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.interchange.common import ImportResult, cite_whole, named_source
from timeline_app.core.model import Actor, Document, Event, ModelError, Source

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
    header = [h.strip() for h in header]
    col = {h.lower(): i for i, h in enumerate(header)}
    at = {key: col.get(key) for key in (*_MAPPED, "event_date", "time_precision",
                                        "event_type", "sub_event_type")}
    kept = [(i, h) for i, h in enumerate(header) if h.lower() not in _MAPPED]
    width = len(header)
    dates, actors = _Dates(), _Actors()
    sources: dict[tuple[str, ...], Source] = {}
    events: list[Event] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    line = reader.line_num

    def cell(row: list[str], key: str) -> str:
        i = at[key]
        return row[i] if i is not None else ""

    for row in reader:
        first_line, line = line + 1, reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            problems.append(Problem(name, f"this row has {len(row)} fields, the header "
                                    f"{width}: a quote may be missing", line=first_line))
            continue
        try:
            start, end = dates.get(cell(row, "event_date"), cell(row, "time_precision"))
            ident = cell(row, "event_id_cnty").strip() or f"acled-line-{first_line}"
            if ident in seen:
                raise ValueError(f"event_id_cnty {ident!r} is on an earlier row too")
            names = [n for n in (cell(row, "actor1").strip(), cell(row, "actor2").strip()) if n]
            cited = [named_source(sources, outlet.strip(), "acled-source-",
                                  outlet=outlet.strip())
                     for outlet in cell(row, "source").split(";") if outlet.strip()]
            kind = cell(row, "event_type").strip()
            where = cell(row, "location").strip()
            title = cell(row, "sub_event_type").strip() or kind or "Event"
            event = Event(
                ident, f"{title} — {where}" if where else title, start, end,
                actors=[actors.id_of(n) for n in dict.fromkeys(names)],
                location=where, tags=[kind] if kind else [],
                description=cell(row, "notes"),
                citations=[cite_whole(src) for src in {s.id: s for s in cited}.values()],
                extra={"acled": {h: row[i] for i, h in kept}},
            )
        except (ValueError, ModelError) as exc:
            problems.append(Problem(name, str(exc), line=first_line))
            continue
        seen.add(ident)
        events.append(event)
    doc = Document(title=name, sources=list(sources.values()),
                   actors=list(actors.by_name.values()), events=events)
    return ImportResult(doc, problems)
