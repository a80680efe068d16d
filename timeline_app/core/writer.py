"""The canonical text of a document: what ``Save`` writes.

The form is chosen for files kept under version control: known keys in one fixed
order, unknown keys after them in the order they were read, events in the order of the
file, two-space indentation, non-ASCII text written as is, a trailing newline.  Writing
the same document twice gives the same bytes, so an unchanged file never shows a diff.
Empty optional fields are left out so that hand-written files stay short.
"""

from __future__ import annotations

import json
from typing import Any

from timeline_app.core.model import Actor, Citation, Document, Event, Source

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "document_to_json", "dumps"]

FORMAT_NAME = "conflict-timeline"
FORMAT_VERSION = 1


def _with_extra(obj: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if key not in obj:
            obj[key] = value
    return obj


def _put(obj: dict[str, Any], key: str, value: Any) -> None:
    """Add an optional field only when it says something."""
    if value not in ("", None, [], {}):
        obj[key] = value


def citation_to_json(cit: Citation) -> dict[str, Any]:
    obj = {"source": cit.source, "start": cit.start, "end": cit.end, "quote": cit.quote}
    return _with_extra(obj, cit.extra)


def source_to_json(src: Source) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": src.id}
    _put(obj, "title", src.title)
    _put(obj, "outlet", src.outlet)
    _put(obj, "url", src.url)
    _put(obj, "published", src.published.iso() if src.published else None)
    _put(obj, "language", src.language)
    _put(obj, "text", src.text)
    return _with_extra(obj, src.extra)


def actor_to_json(actor: Actor) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": actor.id}
    _put(obj, "name", actor.name)
    _put(obj, "color", actor.color)
    return _with_extra(obj, actor.extra)


def event_to_json(ev: Event) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": ev.id, "title": ev.title, "start": ev.start.iso()}
    _put(obj, "end", ev.end.iso() if ev.end else None)
    _put(obj, "actors", list(ev.actors))
    _put(obj, "location", ev.location)
    _put(obj, "tags", list(ev.tags))
    _put(obj, "description", ev.description)
    _put(obj, "citations", [citation_to_json(c) for c in ev.citations])
    _put(obj, "date_note", ev.date_note)
    return _with_extra(obj, ev.extra)


def document_to_json(doc: Document) -> dict[str, Any]:
    obj: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    _put(obj, "title", doc.title)
    obj["sources"] = [source_to_json(s) for s in doc.sources]
    obj["actors"] = [actor_to_json(a) for a in doc.actors]
    obj["events"] = [event_to_json(e) for e in doc.events]
    return _with_extra(obj, doc.extra)


def dumps(doc: Document) -> str:
    """The canonical file text of ``doc``."""
    return json.dumps(document_to_json(doc), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
