"""Our events as a CSV table, for spreadsheets, and back.

One row per event, these columns in this order (docs/interchange.md):

``id, title, start, end, actors, location, tags, description, date_note, extra``, then
``citation_1_source, citation_1_start, citation_1_end, citation_1_quote``, ``citation_2_...``
for as many citations as the most cited event has.

Dates are written as in our files (``2019-04``, ``2019-04-04T06:30``, ``~`` when
approximate); actors (their ids) and tags are joined with ``;``; ``extra`` holds the
event's unknown fields as a JSON object (empty when none).  The table holds events
only: the timeline's title, actor names and colours and what sources hold besides the
quoted words are listed as not carried.  Read back, each source is rebuilt from the
quotes that cite it, placed at their offsets, so the citations stay valid.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.spec import OPEN_END
from timeline_app.core.interchange.common import ExportResult, ImportResult
from timeline_app.core.model import Actor, Citation, Document, Event, ModelError, Source

__all__ = ["COLUMNS", "is_our_header", "read_csv_table", "write_csv_table"]

COLUMNS = ("id", "title", "start", "end", "actors", "location", "tags", "description",
           "date_note", "extra")
_CITATION = re.compile(r"citation_(\d+)_(source|start|end|quote)")


def is_our_header(names: list[str]) -> bool:
    return list(names[:3]) == ["id", "title", "start"]


def _joined(items: list[str]) -> str:
    return ";".join(items)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def write_csv_table(doc: Document, *, bom: bool = False) -> ExportResult:
    """The events of ``doc`` as CSV (UTF-8; with a BOM when ``bom``, which Excel needs
    to read UTF-8), and what the table does not carry."""
    most = max((len(ev.citations) for ev in doc.events), default=0)
    header = list(COLUMNS)
    for n in range(1, most + 1):
        header += [f"citation_{n}_{part}" for part in ("source", "start", "end", "quote")]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    rows = []
    for ev in doc.events:
        row = [ev.id, ev.title, ev.start.iso(), ev.end.iso() if ev.end else OPEN_END
               if ev.open_end else "",
               _joined(ev.actors), ev.location, _joined(ev.tags), ev.description,
               ev.date_note, json.dumps(ev.extra, ensure_ascii=False) if ev.extra else ""]
        for c in ev.citations:
            row += [c.source, str(c.start), str(c.end), c.quote]
        row += [""] * (len(header) - len(row))
        rows.append(row)
    writer.writerows(rows)
    lost = []
    if doc.title:
        lost.append("the timeline's title")
    if any(a.name or a.color or a.extra for a in doc.actors):
        lost.append("actor names and colours (actors are listed by id)")
    if doc.sources:
        lost.append("sources (only the quoted words are kept, in the citation columns)")
    if any(c.extra for ev in doc.events for c in ev.citations):
        lost.append("citations' unknown fields")
    bad = [ev.id for ev in doc.events if any(";" in a for a in (*ev.actors, *ev.tags))]
    if bad:
        lost.append(f"actors and tags holding ';' are split in two ({len(bad)} events)")
    data = out.getvalue().encode("utf-8")
    return ExportResult((b"\xef\xbb\xbf" if bom else b"") + data, lost)


def read_csv_table(text: str, name: str) -> ImportResult:
    """Events from a table written by ``write_csv_table`` (or by hand with its columns)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or not is_our_header(header):
        return ImportResult(None, [Problem(name, "the first line must name the columns id, "
                                           "title, start, ... (see the CSV columns in the "
                                           "documentation)", line=1)])
    col = {h: i for i, h in enumerate(header)}
    cites = sorted({int(m[1]) for h in header if (m := _CITATION.fullmatch(h))})
    events: list[Event] = []
    problems: list[Problem] = []
    actors: dict[str, Actor] = {}
    quotes: dict[str, dict[int, str]] = {}
    seen: set[str] = set()
    line = reader.line_num
    for row in reader:
        first_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        row += [""] * (len(header) - len(row))
        try:
            ev = _event(row, col, cites)
            if ev.id in seen:
                raise ValueError(f"id {ev.id!r} is on an earlier row too")
        except (ValueError, ModelError) as exc:
            problems.append(Problem(name, str(exc), line=first_line))
            continue
        seen.add(ev.id)
        for c in ev.citations:
            quotes.setdefault(c.source, {})[c.start] = c.quote
        for a in ev.actors:
            actors.setdefault(a, Actor(a))
        events.append(ev)
    sources = [Source(ident, text=_sparse_text(found)) for ident, found in quotes.items()]
    return ImportResult(Document(title=name, sources=sources, actors=list(actors.values()),
                                 events=events), problems)


def _sparse_text(quotes: dict[int, str]) -> str:
    """A source text holding each quote at its offset, spaces elsewhere."""
    size = max(start + len(q) for start, q in quotes.items())
    chars = [" "] * size
    for start, quote in sorted(quotes.items()):
        chars[start:start + len(quote)] = quote
    return "".join(chars)


def _event(row: list[str], col: dict[str, int], cites: list[int]) -> Event:
    def get(key: str) -> str:
        i = col.get(key)
        return row[i] if i is not None else ""

    extra: Any = {}
    if get("extra").strip():
        try:
            extra = json.loads(get("extra"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"extra is not JSON: {exc.msg}") from None
        if not isinstance(extra, dict):
            raise ValueError("extra must be a JSON object")
    citations = []
    for n in cites:
        source = get(f"citation_{n}_source")
        if not source.strip():
            continue
        try:
            start, end = int(get(f"citation_{n}_start")), int(get(f"citation_{n}_end"))
        except ValueError:
            raise ValueError(f"citation {n}: start and end must be whole numbers") from None
        quote = get(f"citation_{n}_quote")
        if len(quote) != end - start:
            raise ValueError(f"citation {n}: the quote has {len(quote)} characters, "
                             f"but start to end spans {end - start}")
        citations.append(Citation(source, start, end, quote))
    end = get("end").strip()
    return Event(get("id").strip(), get("title"), parse_iso(get("start").strip()),
                 parse_iso(end) if end and end != OPEN_END else None,
                 actors=_split(get("actors")),
                 location=get("location"), tags=_split(get("tags")),
                 description=get("description"), citations=citations,
                 date_note=get("date_note"), open_end=end == OPEN_END, extra=extra)
