"""The canonical text of a document: what ``Save`` writes.

The form is chosen for files kept under version control: known keys in one fixed
order, unknown keys after them in the order they were read, events in the order of the
file, two-space indentation, non-ASCII text as is, a trailing newline.  The same document
gives the same bytes (no diff); empty optional fields are left out (short files).

The canonical text is defined as that of the reference (``reference_writer``):
``document_to_json`` dumped by ``json.dumps(..., indent=2, ensure_ascii=False,
allow_nan=False)`` plus a newline.  With ``indent`` that is CPython's pure-Python encoder
(seconds for 100,000 events), so ``dumps`` writes the same characters itself:

* the head and tail of the document here, every string through
  ``json.encoder.encode_basestring``, the C escaper the reference uses too (``"``, ``\\``
  and control characters escaped, the rest as is);
* the events, the bulk of the file, in ``event_writer``, straight to UTF-8;
* the sources and actors (few), unknown fields (rare, ``unknown_fields``) and anything
  the fast paths are not written for (a field of an unexpected type, an unknown key
  that is also a known one) by the reference, object by object, re-indented to their
  depth.

The tests compare ``dumps`` with the reference byte for byte on generated documents.

While it writes the events, ``encode`` also notes whether they are plainly valid
(``Encoded.plain``), which spares ``save_document`` checking them again.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from timeline_app.core.fileformat.event_writer import EventWriter
from timeline_app.core.fileformat.reference_writer import (
    actor_to_json,
    document_to_json,
    json_text,
    reference_dumps,
    reindented,
    source_to_json,
)
from timeline_app.core.fileformat.save_memo import RunLog
from timeline_app.core.fileformat.spec import (
    CITATION,
    EVENT,
    FORMAT_NAME,
    FORMAT_VERSION,
    ROOT,
)
from timeline_app.core.fileformat.spec import KNOWN_ROOT_KEYS as _KNOWN_ROOT
from timeline_app.core.fileformat.unknown_fields import Irregular, unknown_fields
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import NO_EXTRA, Document

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Encoded",
    "document_to_json",
    "dumps",
    "encode",
    "reference_dumps",
]


@dataclass(slots=True)
class Encoded:
    """The canonical text of a document in UTF-8, in pieces (joined, they are the file);
    ``chunks`` is empty when they were handed to a sink as they were made.

    ``plain`` is what the writer noticed on the way, almost for free: True when every
    event is of the model's own types, without unknown fields, and plainly satisfies
    the loader's rules on events (see ``EventWriter._events``), provided the sources and
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
    chunks: list[bytes] = []
    try:
        _render(doc, chunks.append)
    except UnicodeEncodeError:  # a lone surrogate: text, but no UTF-8 (never saved)
        return reference_dumps(doc)
    return b"".join(chunks).decode("utf-8")


def encode(doc: Document, sink: Callable[[bytes], object] | None = None,
           log: RunLog | None = None, *, pause_gc: bool = True) -> Encoded:
    """The canonical file bytes of ``doc``, ``dumps(doc).encode("utf-8")``, in pieces.

    The text is made in UTF-8 from the start, in pieces of about a thousand events:
    no string of the whole text (twice the file's size as soon as one character is not
    Latin-1) is built or encoded.  With ``sink``, each piece is handed to it as soon as
    it is made and not kept: a save writes the file while the rest is encoded.  With
    ``log``, runs of events the last save of the file wrote are copied from it (see
    ``save_memo``).  ``pause_gc=False`` leaves the collector alone (for a caller whose
    sink may wait long between pieces: the collector is the whole process's).

    A lone surrogate raises ``UnicodeEncodeError`` with ``start`` counted from the
    start of the text.  That is the error of the reference's text, encoded: seconds for
    100,000 events, on the way to a refused save only.
    """
    chunks: list[bytes] = []
    size = 0

    def emit(chunk: bytes) -> None:
        nonlocal size
        size += len(chunk)
        if sink is None:
            chunks.append(chunk)
        else:
            sink(chunk)

    try:
        plain = _render(doc, emit, log, pause_gc)
    except UnicodeEncodeError:
        reference_dumps(doc).encode("utf-8")  # raises it where the whole text has it
        raise
    return Encoded(chunks, size, plain)


def _objects(objects: Any, to_json: Any) -> str:
    """The ``[...]`` of sources or actors: few, so the reference writes each."""
    if type(objects) is not list:
        raise Irregular
    if not objects:
        return "[]"
    items = ",\n    ".join(reindented(json_text(to_json(obj)), "    ") for obj in objects)
    return f"[\n    {items}\n  ]"


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


def _render(doc: Document, emit: Callable[[bytes], object], log: RunLog | None = None,
            pause_gc: bool = True) -> bool:
    """Emit the text in UTF-8 pieces; whether the events are plain.

    The collector is paused (unless ``pause_gc`` is False): the pieces hold no cycles
    and would only trigger needless collections.
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
        return _whole(reference_dumps(doc), emit)
    with gc_paused() if pause_gc else nullcontext():
        head = f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION}'
        if doc.title:
            head += ',\n  "title": ' + encode_basestring(doc.title)
        try:
            sources = _objects(doc.sources, source_to_json)
            actors = _objects(doc.actors, actor_to_json)
        except Irregular:
            return _whole(reference_dumps(doc), emit)
        head += f',\n  "sources": {sources},\n  "actors": {actors},\n  "events": '
        settings = {key: value for key, value in (("layout", doc.layout), ("views", doc.views))
                    if value}
        tail = (unknown_fields(settings, frozenset(), "  ")
                + unknown_fields(doc.extra, _KNOWN_ROOT, "  "))
        tail += "\n}\n"
        return EventWriter(doc, emit, log).render(head, tail)


def _whole(text: str, emit: Callable[[bytes], object]) -> bool:
    emit(text.encode("utf-8"))
    return False
