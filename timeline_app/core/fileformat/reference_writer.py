"""The canonical text of a document by definition: what the fast writer must match.

``document_to_json`` gives the JSON object of a document: known keys in the spec's
order, the empty optional ones left out, unknown keys after them in the order they were
read.  ``reference_dumps`` dumps it with ``json.dumps(..., indent=2, ensure_ascii=False,
allow_nan=False)`` plus a newline: that text is the canonical form (see ``writer``).  With
``indent`` that is CPython's pure-Python encoder, seconds for 100,000 events, so the
writer only hands over what it is not written for (the sources and actors, unknown
fields, values of unexpected types) and the tests compare the two byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

from timeline_app.core.fileformat.spec import (
    ACTOR,
    CITATION,
    EVENT,
    OBJECTS,
    OPEN_END,
    ROOT,
    SOURCE,
    Kind,
    ObjectSpec,
)
from timeline_app.core.model import Actor, Citation, Document, Event, Source

__all__ = [
    "actor_to_json",
    "citation_to_json",
    "document_to_json",
    "event_to_json",
    "json_text",
    "reference_dumps",
    "reindented",
    "source_to_json",
]



def _with_extra(obj: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if key not in obj:
            obj[key] = value
    return obj


def _to_json(spec: ObjectSpec, obj: Any) -> dict[str, Any]:
    """The JSON object of a model object: its fields in the spec's order, the empty
    optional ones left out, then its unknown fields.  Constants (the root's format and
    version) are the spec's; dates are written as text, lists of objects item by item."""
    out: dict[str, Any] = {}
    for f in spec.fields:
        kind = f.kind
        if kind is Kind.CONSTANT:
            out[f.name] = f.value
            continue
        value = getattr(obj, f.name)
        if kind is Kind.DATE:
            value = value.iso()
        elif kind is Kind.NULLABLE_DATE or kind is Kind.END_DATE:
            value = value.iso() if value else OPEN_END if getattr(obj, "open_end", 0) else None
        elif kind is Kind.OBJECTS:
            item = OBJECTS[f.item]  # type: ignore[index]
            value = list(value) if item.as_written else [_to_json(item, x) for x in value]
        elif kind is Kind.REFERENCES or kind is Kind.TEXTS:
            value = list(value)
        if not f.omit_empty or value not in ("", None, [], {}):
            out[f.name] = value
    return _with_extra(out, obj.extra)


def citation_to_json(cit: Citation) -> dict[str, Any]:
    return _to_json(CITATION, cit)


def source_to_json(src: Source) -> dict[str, Any]:
    return _to_json(SOURCE, src)


def actor_to_json(actor: Actor) -> dict[str, Any]:
    return _to_json(ACTOR, actor)


def event_to_json(ev: Event) -> dict[str, Any]:
    return _to_json(EVENT, ev)


def document_to_json(doc: Document) -> dict[str, Any]:
    return _to_json(ROOT, doc)


def json_text(value: Any) -> str:
    """The reference's text of a JSON value at depth 0."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


def reference_dumps(doc: Document) -> str:
    """The canonical text by definition; slow (the pure-Python encoder), used by tests."""
    return json_text(document_to_json(doc)) + "\n"


def reindented(text: str, indent: str) -> str:
    """``json.dumps(indent=2)`` text of a value whose first line is indented by ``indent``.

    Strings never hold a raw line break (it is escaped), so every ``\\n`` is a line break
    of the layout and each line only needs the indent of the line the value starts on.
    """
    return text.replace("\n", "\n" + indent)
