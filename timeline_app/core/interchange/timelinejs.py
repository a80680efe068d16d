"""TimelineJS JSON (Knight Lab's storytelling timelines) in and out.

A TimelineJS file has a ``title`` slide, ``events`` and ``eras``.  An event's
``start_date`` / ``end_date`` objects give ``year``, ``month``, ``day``, ``hour``,
``minute``... (numbers, or numbers written as strings); the fields given set the
precision both ways: no month is a year, no day a month, no hour a day, an hour a
minute.  ``text.headline`` and ``text.text`` are HTML: reduced to plain text on import
(``html_to_text``), escaped on export.  ``media`` (url, caption, credit) becomes a
source the event cites; ``group`` becomes an actor (or a tag: ``group_as="tag"``).
An approximate date is exported with the ``display_date`` the timeline shows for it
("about April 2019"), which reads back as approximate; an uncertain one likewise
("4 April 2019 (uncertain)").

What has no field of ours (eras, the title slide's media, backgrounds, seconds, other
display dates...) is kept in ``extra["timelinejs"]`` of the document or event, and
written back on export; what our timelines hold that TimelineJS cannot carry is listed
by ``write_timelinejs``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat.problems import Problem, Report
from timeline_app.core.interchange.common import (
    ExportResult,
    ImportResult,
    cite_whole,
    named_source,
    text_to_html,
)
from timeline_app.core.model import Actor, Document, Event, ModelError, Source
from timeline_app.core.sources.html_text import html_to_text

__all__ = ["is_timelinejs", "read_timelinejs", "write_timelinejs"]

KEY = "timelinejs"
_UNITS = ("year", "month", "day", "hour", "minute")
_DATE_KEYS = {*_UNITS, "display_date"}
_EVENT_KEYS = {"start_date", "end_date", "text", "media", "group", "unique_id"}
_SLUG = re.compile(r"[^0-9a-z]+")


def is_timelinejs(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("events"), list)


def _number(value: Any, unit: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{unit} must be a number, not {json.dumps(value)[:40]}")
    try:
        number = float(value)
        whole = int(number)
    except (ValueError, OverflowError):  # "x", NaN, infinity
        raise ValueError(f"{unit} {value!r} is not a number") from None
    if number != whole:
        raise ValueError(f"{unit} {value!r} is not a whole number")
    return whole


def _date(obj: Any) -> tuple[PartialDate, dict[str, Any]]:
    """A TimelineJS date object as a PartialDate, and what it holds besides."""
    if not isinstance(obj, dict):
        raise ValueError("a date must be an object with at least a year")
    year, month, day, hour, minute = (_number(obj.get(u), u) for u in _UNITS)
    if year is None:
        raise ValueError("a date needs a year")
    if month is None:
        date = PartialDate(year, precision=Precision.YEAR)
    elif day is None:
        date = PartialDate(year, month, precision=Precision.MONTH)
    elif hour is None:
        date = PartialDate(year, month, day)
    else:
        date = PartialDate(year, month, day, hour, minute or 0, Precision.MINUTE)
    rest = {k: v for k, v in obj.items() if k not in _DATE_KEYS}
    shown = obj.get("display_date")
    if shown is not None:
        marked = [dataclasses.replace(date, approximate=a, uncertain=u)
                  for a, u in ((True, False), (False, True), (True, True))]
        same = [d for d in marked if shown == d.display()]
        if same:
            date = same[0]
        else:
            rest["display_date"] = shown
    return date, rest


def _text(obj: Any, key: str) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    return html_to_text(value) if isinstance(value, str) else ""


def read_timelinejs(value: Any, name: str, text: str | None = None, *,
                    group_as: str = "actor") -> ImportResult:
    """The timeline of a decoded TimelineJS file; ``text`` (the file's text) locates
    the problems of events left out."""
    if not is_timelinejs(value):
        return ImportResult(None, [Problem(name, 'this is not a TimelineJS file: it needs an '
                                           '"events" list')])
    report = Report(name)
    actors: dict[str, Actor] = {}
    sources: dict[tuple[str, ...], Source] = {}
    events: list[Event] = []
    seen: set[str] = set()
    for i, obj in enumerate(value["events"]):
        try:
            event = _event(obj, i, actors, sources, group_as)
            if event.id in seen:
                raise ValueError(f"unique_id {event.id!r} is on an earlier event too")
        except (ValueError, ModelError) as exc:
            report.add(("events", i), str(exc))
            continue
        seen.add(event.id)
        events.append(event)
    kept = {k: v for k, v in value.items() if k != "events"}
    title = _text(kept.get("title", {}).get("text") if isinstance(kept.get("title"), dict)
                  else None, "headline")
    doc = Document(title=title or name, sources=list(sources.values()),
                   actors=list(actors.values()), events=events,
                   extra={KEY: kept} if kept else {})
    return ImportResult(doc, report.problems(text))


def _event(obj: Any, i: int, actors: dict[str, Actor],
           sources: dict[tuple[str, ...], Source],
           group_as: str) -> Event:
    if not isinstance(obj, dict):
        raise ValueError("an event must be an object")
    if "start_date" not in obj:
        raise ValueError("the event has no start_date")
    start, start_rest = _date(obj["start_date"])
    end, end_rest = _date(obj["end_date"]) if obj.get("end_date") else (None, {})
    kept: dict[str, Any] = {k: v for k, v in obj.items() if k not in _EVENT_KEYS}
    if start_rest:
        kept["start_date"] = start_rest
    if end_rest:
        kept["end_date"] = end_rest
    text = obj.get("text") if isinstance(obj.get("text"), dict) else {}
    if isinstance(text, dict) and set(text) - {"headline", "text"}:
        kept["text"] = {k: v for k, v in text.items() if k not in {"headline", "text"}}
    citations = []
    media = obj.get("media")
    if isinstance(media, dict) and (media.get("url") or media.get("caption")
                                    or media.get("credit")):
        url = media.get("url") if isinstance(media.get("url"), str) else ""
        caption, credit = _text(media, "caption"), _text(media, "credit")
        src = named_source(sources, credit or caption or url, "media-", url=url,
                           title=caption, outlet=credit)
        citations.append(cite_whole(src))
        rest = {k: v for k, v in media.items() if k not in {"url", "caption", "credit"}}
        if rest:
            kept["media"] = rest
    group = obj.get("group")
    group = html_to_text(group).strip() if isinstance(group, str) else ""
    ids, tags = [], []
    if group and group_as == "tag":
        tags.append(group)
    elif group:
        actor = actors.get(group)
        if actor is None:
            base = _SLUG.sub("-", group.lower()).strip("-") or "group"
            ident = base if all(a.id != base for a in actors.values()) else f"{base}-{i}"
            actor = actors[group] = Actor(ident, group)
        ids.append(actor.id)
    ident = obj.get("unique_id")
    ident = ident if isinstance(ident, str) and ident else f"event-{i + 1}"
    return Event(ident, _text(text, "headline"), start, end, actors=ids, tags=tags,
                 description=_text(text, "text"), citations=citations,
                 extra={KEY: kept} if kept else {})


def _date_json(date: PartialDate, rest: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"year": date.year}
    if date.precision >= Precision.MONTH:
        out["month"] = date.month
    if date.precision >= Precision.DAY:
        out["day"] = date.day
    if date.precision >= Precision.MINUTE:
        out["hour"], out["minute"] = date.hour, date.minute
    if date.approximate or date.uncertain:
        out["display_date"] = date.display()
    out.update(rest)
    return out


def write_timelinejs(doc: Document, *, group_as: str = "actor") -> ExportResult:
    """``doc`` as TimelineJS JSON (UTF-8), and what it could not carry."""
    lost: dict[str, int] = {}

    def lose(what: str) -> None:
        lost[what] = lost.get(what, 0) + 1

    actors = {a.id: a for a in doc.actors}
    sources = {}
    for src in doc.sources:
        sources.setdefault(src.id, src)
    events = [_event_json(ev, actors, sources, group_as, lose) for ev in doc.events]
    kept = dict(doc.extra.get(KEY, {})) if isinstance(doc.extra.get(KEY), dict) else {}
    title = dict(kept.get("title", {})) if isinstance(kept.get("title"), dict) else {}
    title["text"] = {**(title.get("text") if isinstance(title.get("text"), dict) else {}),
                     "headline": text_to_html(doc.title)}
    if set(doc.extra) - {KEY}:
        lose("the timeline's unknown fields")
    if any(a.color for a in doc.actors):
        lose("actor colours")
    if any(s.text for s in doc.sources):
        lose("source texts (media carries a url, caption and credit)")
    out = {"title": title, "events": events, **{k: v for k, v in kept.items() if k != "title"}}
    data = json.dumps(out, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return ExportResult(data, [f"{what}: {n}" for what, n in lost.items()])


def _event_json(ev: Event, actors: dict[str, Actor], sources: dict[str, Source],
                group_as: str, lose: Any) -> dict[str, Any]:
    kept = ev.extra.get(KEY) if isinstance(ev.extra.get(KEY), dict) else {}
    obj: dict[str, Any] = {"unique_id": ev.id,
                           "start_date": _date_json(ev.start, kept.get("start_date", {}))}
    if ev.end is not None:
        obj["end_date"] = _date_json(ev.end, kept.get("end_date", {}))
    elif ev.open_end:
        lose("events' open ends (the event goes on: only its start is written)")
    obj["text"] = {**kept.get("text", {}), "headline": text_to_html(ev.title),
                   "text": text_to_html(ev.description)}
    if ev.citations:
        src = sources.get(ev.citations[0].source)
        if src is not None:
            obj["media"] = {"url": src.url, "caption": text_to_html(src.title),
                            "credit": text_to_html(src.outlet), **kept.get("media", {})}
        if len(ev.citations) > 1:
            lose("events' citations after the first")
    groups = [actors[a].label if a in actors else a for a in ev.actors] \
        if group_as == "actor" else list(ev.tags)
    if groups:
        obj["group"] = groups[0]
    if len(groups) > 1:
        lose(f"events' {'actors' if group_as == 'actor' else 'tags'} after the first")
    for name in ("location", "date_note"):
        if getattr(ev, name):
            lose(f"events' {name.replace('_', ' ')}")
    if (ev.tags if group_as == "actor" else ev.actors):
        lose(f"events' {'tags' if group_as == 'actor' else 'actors'}")
    if set(ev.extra) - {KEY}:
        lose("events' unknown fields")
    obj.update({k: v for k, v in kept.items()
                if k not in {"start_date", "end_date", "text", "media"}})
    return obj
