"""The canonical text of a document: what ``Save`` writes.

The form is chosen for files kept under version control: known keys in one fixed
order, unknown keys after them in the order they were read, events in the order of the
file, two-space indentation, non-ASCII text as is, a trailing newline.  The same document
gives the same bytes (no diff); empty optional fields are left out (short files).

The canonical text is defined as that of the reference, ``document_to_json`` dumped by
``json.dumps(..., indent=2, ensure_ascii=False, allow_nan=False)`` plus a newline.  With
``indent`` that is CPython's pure-Python encoder (seconds for 100,000 events), so
``dumps`` writes the same characters itself, going from the model straight to text:

* every string goes through ``json.encoder.encode_basestring``, the C escaper the
  reference uses too (``"``, ``\\`` and control characters escaped, the rest as is);
* events, the bulk of the file, are written by one loop that appends pieces to a list,
  joined and encoded to UTF-8 a thousand events at a time; each date is written once
  per ``PartialDate`` object (the loader shares one per distinct date) and each list of
  actors or tags once per distinct list;
* the sources and actors (few), unknown fields (rare) and anything the loop is not
  written for (a field of an unexpected type, an unknown key that is also a known one)
  are written by the reference, object by object, re-indented to their depth.

The tests compare ``dumps`` with the reference byte for byte on generated documents.

While it writes the events, ``encode`` also notes whether they are plainly valid
(``Encoded.plain``), which spares ``save_document`` checking them again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat.spec import (
    ACTOR,
    CITATION,
    EVENT,
    FORMAT_NAME,
    FORMAT_VERSION,
    OBJECTS,
    OPEN_END,
    ROOT,
    SOURCE,
    Kind,
    ObjectSpec,
)
from timeline_app.core.fileformat.spec import KNOWN_CITATION_KEYS as _KNOWN_CITATION
from timeline_app.core.fileformat.spec import KNOWN_EVENT_KEYS as _KNOWN_EVENT
from timeline_app.core.fileformat.spec import KNOWN_ROOT_KEYS as _KNOWN_ROOT
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import NO_EXTRA, Actor, Citation, Document, Event, Source

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Encoded",
    "document_to_json",
    "dumps",
    "encode",
    "reference_dumps",
]


# --- the reference: what the canonical form means -----------------------------------------------


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


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


def reference_dumps(doc: Document) -> str:
    """The canonical text by definition; slow (the pure-Python encoder), used by tests."""
    return _json(document_to_json(doc)) + "\n"


# --- the fast writer ------------------------------------------------------------------------------


@dataclass(slots=True)
class Encoded:
    """The canonical text of a document in UTF-8, in pieces (joined, they are the file).

    ``plain`` is what the writer noticed on the way, almost for free: True when every
    event is of the model's own types, without unknown fields, and plainly satisfies
    the loader's rules on events (see ``_Events._events``), provided the sources and
    actors are valid.  ``model_check`` then only needs to check the rest of the document
    (``check_document(..., events=False)``); when False, it checks everything.
    """

    chunks: list[bytes]
    size: int
    plain: bool


def dumps(doc: Document) -> str:
    """The canonical file text of ``doc``: ``reference_dumps(doc)``, only faster.

    Raises what the reference raises (``ValueError`` for NaN or infinity, ``TypeError``
    for a value JSON cannot hold).
    """
    chunks, _ = _render(doc, encode=False)
    return "".join(chunks)


def encode(doc: Document) -> Encoded:
    """The canonical file bytes of ``doc``, ``dumps(doc).encode("utf-8")``, in pieces.

    Pieces of about a thousand events are encoded as they are made: that is twice as
    fast as encoding the whole text (one string of twice the file's size as soon as one
    character is not Latin-1), and needs a fraction of the memory.  A lone surrogate
    raises ``UnicodeEncodeError`` with ``start`` counted from the start of the text.
    """
    chunks, plain = _render(doc, encode=True)
    return Encoded(chunks, sum(map(len, chunks)), plain)


class _Irregular(Exception):
    """An object the fast path is not written for: the reference writes it instead."""


def _reindented(text: str, indent: str) -> str:
    """``json.dumps(indent=2)`` text of a value whose first line is indented by ``indent``.

    Strings never hold a raw line break (it is escaped), so every ``\\n`` is a line break
    of the layout and each line only needs the indent of the line the value starts on.
    """
    return text.replace("\n", "\n" + indent)


def _value(value: Any, indent: str) -> str:
    """An unknown field's value, as the reference writes it at this depth."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    return _reindented(_json(value), indent)


def _extra(extra: Any, known: frozenset[str], indent: str) -> str:
    """``,\\n<indent>"key": value`` for each unknown field, in order.

    Raises ``_Irregular`` for what the reference would treat differently: a key that is
    not a string (converted or refused by ``json.dumps``) or that is a known key (the
    reference keeps the known field, or writes the unknown one in its place when the
    known one is empty).
    """
    if type(extra) is not dict and extra is not NO_EXTRA:
        raise _Irregular
    out = []
    for key, value in extra.items():
        if type(key) is not str or key in known:
            raise _Irregular
        out.append(f",\n{indent}{encode_basestring(key)}: {_value(value, indent)}")
    return "".join(out)


def _objects(objects: Any, to_json: Any) -> str:
    """The ``[...]`` of sources or actors: few, so the reference writes each."""
    if type(objects) is not list:
        raise _Irregular
    if not objects:
        return "[]"
    items = ",\n    ".join(_reindented(_json(to_json(obj)), "    ") for obj in objects)
    return f"[\n    {items}\n  ]"


class _Lists(dict):
    """The text of each distinct list of actors or of tags: they repeat a lot.

    Keyed by the tuple of the list.  ``known``, when given, is the set of actor ids; a
    list naming another one sets ``unknown`` (the writer does not judge, it notes).
    """

    def __init__(self, key: str, known: set[str] | None) -> None:
        super().__init__()
        self.opening = f',\n      "{key}": [\n        '
        self.known = known
        self.unknown = False

    def __missing__(self, items: tuple[str, ...]) -> str:
        text = f"{self.opening}{_L8.join(map(encode_basestring, items))}{_CLOSE6}"
        if self.known is not None and not self.known.issuperset(items):
            self.unknown = True
        self[items] = text
        return text


class _Dates(dict):
    """The JSON text of each date, once per ``PartialDate`` object (keyed by ``id``).

    The loader shares one object per distinct date, and ``id`` is much faster than
    hashing a dataclass.  The objects are kept so that no id is reused meanwhile.
    """

    def __init__(self) -> None:
        super().__init__()
        self.keep: list[PartialDate] = []

    def text(self, date: Any) -> str:
        if type(date) is not PartialDate:
            raise _Irregular
        text = encode_basestring(date.iso())
        self[id(date)] = text
        self.keep.append(date)
        return text


_L8 = ",\n        "
_CLOSE6 = "\n      ]"
_CHUNK = 1000  # events per encoded piece

# The fields the fast writer writes itself, in the order it writes them.  While they are
# the spec's, it writes the file; a field added to the spec is written by the reference
# (which follows the spec) until the fast writer learns it: slower, never wrong.
_FAST_KEYS = (
    ("format", "version", "title", "sources", "actors", "events", "layout", "views"),
    ("id", "title", "start", "end", "actors", "location", "tags", "description",
     "citations", "date_note"),
    ("source", "start", "end", "quote"),
)
_FAST = (ROOT.keys, EVENT.keys, CITATION.keys) == _FAST_KEYS


def _render(doc: Document, *, encode: bool) -> tuple[list[Any], bool]:
    """The text as pieces (``bytes`` when ``encode``), and whether events are plain.

    The collector is paused: the pieces hold no cycles and would only trigger needless
    collections.
    """
    if (
        not _FAST
        or type(doc) is not Document
        or type(doc.title) is not str
        or type(doc.events) is not list
        or (type(doc.extra) is not dict and doc.extra is not NO_EXTRA)
        or not all(type(key) is str and key not in _KNOWN_ROOT for key in doc.extra)
        or type(doc.layout) is not dict or type(doc.views) is not list
    ):
        return _whole(reference_dumps(doc), encode), False
    with gc_paused():
        head = f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION}'
        if doc.title:
            head += ',\n  "title": ' + encode_basestring(doc.title)
        try:
            sources = _objects(doc.sources, source_to_json)
            actors = _objects(doc.actors, actor_to_json)
        except _Irregular:
            return _whole(reference_dumps(doc), encode), False
        head += f',\n  "sources": {sources},\n  "actors": {actors},\n  "events": '
        settings = {key: value for key, value in (("layout", doc.layout), ("views", doc.views))
                    if value}
        tail = _extra(settings, frozenset(), "  ") + _extra(doc.extra, _KNOWN_ROOT, "  ")
        tail += "\n}\n"
        return _Events(doc, encode).render(head, tail)


def _whole(text: str, encode: bool) -> list[Any]:
    return [text.encode("utf-8") if encode else text]


class _Events:
    """Writes the events, the bulk of the file, in one loop written for speed."""

    def __init__(self, doc: Document, encode: bool) -> None:
        self.doc = doc
        self.encode = encode
        self.chunks: list[Any] = []
        self.chars = 0  # characters in the chunks so far, to place an encoding error

    def flush(self, pieces: list[str]) -> None:
        text = "".join(pieces)
        pieces.clear()
        if self.encode:
            try:
                self.chunks.append(text.encode("utf-8"))
            except UnicodeEncodeError as exc:
                exc.start += self.chars
                exc.end += self.chars
                raise
            self.chars += len(text)
        else:
            self.chunks.append(text)

    def render(self, head: str, tail: str) -> tuple[list[Any], bool]:
        doc = self.doc
        events = doc.events
        if not events:
            self.flush([head, "[]", tail])
            return self.chunks, True
        texts: dict[str, tuple[str, str]] = {}  # source id -> (its JSON text, its text)
        for src in doc.sources:
            if type(src) is Source and type(src.id) is str and type(src.text) is str:
                texts.setdefault(src.id, (encode_basestring(src.id), src.text))
        actor_ids = {a.id for a in doc.actors if type(a) is Actor and type(a.id) is str}
        actor_lists = _Lists("actors", actor_ids)
        tag_lists = _Lists("tags", None)
        dates = _Dates()
        ids: list[str] = []
        plain = self._events(events, [head, "[\n    "], texts, actor_lists, tag_lists, dates,
                             ids, tail)
        id_set = set(ids)
        plain = (
            plain and not actor_lists.unknown
            and len(id_set) == len(ids) and "" not in id_set
        )
        return self.chunks, plain

    @staticmethod
    def _citation(c: Any, texts: dict[str, tuple[str, str]]) -> tuple[str, bool, bool]:
        """A citation's text, whether it is plain (see ``_events``), and whether that can
        be reused for the same object (not when it has unknown fields)."""
        if type(c) is not Citation:
            raise _Irregular
        a, b, quote, cextra = c.start, c.end, c.quote, c.extra
        if type(a) is not int or type(b) is not int:
            raise _Irregular
        known = texts.get(c.source)
        if known is None:
            ok, source = False, encode_basestring(c.source)
        else:
            source, text = known
            ok = 0 <= a < b <= len(text) and b - a == len(quote) and text.startswith(quote, a)
        if cextra is not NO_EXTRA and type(cextra) is not dict:
            raise _Irregular
        more = _extra(cextra, _KNOWN_CITATION, "          ") if cextra else ""
        return (f'{{\n          "source": {source},\n          "start": {a},\n'
                f'          "end": {b},\n          "quote": {encode_basestring(quote)}'
                f'{more}\n        }}', ok and not cextra, not cextra)

    def _events(
        self, events: list[Event], out: list[str], texts: dict[str, tuple[str, str]],
        actor_lists: _Lists, tag_lists: _Lists, dates: _Dates, ids: list[str], tail: str,
    ) -> bool:
        """Append each event's pieces to ``out``, flushing every ``_CHUNK`` events.

        Returns whether every event was plain: of the model's types, without unknown
        fields, its end beginning no earlier than its start, and each citation naming a
        known source, with ``0 <= start < end <= len(text)`` and ``quote`` the text
        there.  (Ids and actors are judged by the caller from what is collected.)
        """
        enc = encode_basestring
        append = out.append
        extend = out.extend
        add_id = ids.append
        date_text = dates.text
        flush = self.flush
        str_, list_, dict_ = str, list, dict
        no_extra = NO_EXTRA
        event_type = Event
        irregular = _Irregular
        cited: dict[int, tuple[str, bool, bool]] = {}  # id of a Citation -> _citation's
        plain = True
        count = 0
        for ev in events:
            if count == _CHUNK:
                flush(out)
                count = 0
            count += 1
            mark = len(out)
            try:
                if type(ev) is not event_type:
                    raise irregular
                eid = ev.id
                title = ev.title
                start = ev.start
                end = ev.end
                actors = ev.actors
                location = ev.location
                tags = ev.tags
                description = ev.description
                citations = ev.citations
                date_note = ev.date_note
                extra = ev.extra
                if not (
                    type(eid) is str_ and type(title) is str_ and type(location) is str_
                    and type(description) is str_ and type(date_note) is str_
                    and type(actors) is list_ and type(tags) is list_
                    and type(citations) is list_
                    and (extra is no_extra or type(extra) is dict_)
                ):
                    raise irregular
                add_id(eid)
                try:
                    text = dates[id(start)]
                except KeyError:
                    text = date_text(start)
                append(f'{{\n      "id": {enc(eid)},\n      "title": {enc(title)},\n'
                       f'      "start": {text}')
                if end is not None:
                    try:
                        text = dates[id(end)]
                    except KeyError:
                        text = date_text(end)
                    append(',\n      "end": ' + text)
                    if (end.year, end.month, end.day, end.hour, end.minute) < (
                        start.year, start.month, start.day, start.hour, start.minute
                    ):
                        plain = False  # maybe not wholly before: model_check decides
                elif ev.open_end:
                    append(',\n      "end": ".."')
                if ev.open_end is not False:  # an open end, or a wrong one: the check says
                    plain = plain and ev.open_end is True and end is None
                if actors:
                    append(actor_lists[tuple(actors)])
                if location:
                    extend((',\n      "location": ', enc(location)))
                if tags:
                    append(tag_lists[tuple(tags)])
                if description:
                    extend((',\n      "description": ', enc(description)))
                if citations:
                    lead = ',\n      "citations": [\n        '
                    for c in citations:
                        # The loader shares one Citation per passage: written once each.
                        entry = cited.get(id(c))
                        if entry is None:
                            entry = self._citation(c, texts)
                            if entry[2]:
                                cited[id(c)] = entry
                        extend((lead, entry[0]))
                        if not entry[1]:
                            plain = False
                        lead = _L8
                    append(_CLOSE6)
                if date_note:
                    extend((',\n      "date_note": ', enc(date_note)))
                if extra:
                    plain = False
                    append(_extra(extra, _KNOWN_EVENT, "      "))
                append("\n    },\n    ")
            except (_Irregular, TypeError):  # TypeError: an item that is not a string...
                plain = False
                del out[mark:]
                text = _reindented(_json(event_to_json(ev)), "    ")
                extend((text, ",\n    "))
        out[-1] = out[-1][: -len(",\n    ")] + "\n  ]" + tail
        flush(out)
        return plain
