"""Decoding: the bytes of a file to a validated ``Document``, on the success path.

msgspec parses the bytes (UTF-8 is checked on the way, no text is made first) about
twice as fast as ``json.loads``, and refuses what a timeline must not hold anyway:
NaN and infinities, lone surrogates, numbers out of range, absurd nesting, and of
course any syntax error.  It cannot say where a problem is, so a refusal raises
``Refused`` and the caller runs the located pass (``locating``), which explains.

The events of a big file are decoded a piece at a time, each piece converted to
``Event`` objects before the next is decoded: the parsed dicts of a piece are freed as
it is converted, so the memory of a piece is reused by the next instead of the whole
file's tree being held at once, and the interpreter lock is given up between pieces
(a window loading the file on another thread keeps repainting; a million events
decoded in one call would hold it for two seconds).  Pieces are cut in the layout the
writer produces: each event starts on a line of its own, after ``,\\n    {`` or
``,\\r\\n    {`` (a JSON string cannot hold a line break, so this is never inside
one); the last piece ends at the list's closing bracket, the first line indented two
spaces after it (what follows, the layout and saved views, is decoded apart).  A cut is
only a guess: a piece that is not a sequence of whole JSON values fails to decode (a
file laid out otherwise, or broken), and then the file is decoded whole, once (holding
the interpreter lock throughout); only if that too fails is it refused.  A file without
the layout is decoded whole from the start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import msgspec

from timeline_app.core.fileformat.event_fast_path import event_converter
from timeline_app.core.fileformat.problems import Report
from timeline_app.core.fileformat.typed_events import typed_piece_converter
from timeline_app.core.fileformat.validation import Validator
from timeline_app.core.model import Document

__all__ = ["PIECE_BYTES", "LoadCancelled", "Progress", "Refused", "decode_document"]

Progress = Callable[[float], bool]
"""Told the fraction of the file checked so far; returns False to stop the load."""

PIECE_BYTES = 2 * 1024 * 1024
"""Bytes of events decoded at a time (a few ms).  Small pieces keep few parsed dicts
alive at once: with 16 MB pieces the process kept 17 % more memory after loading
100,000 events (freed dicts left half-empty pages between the kept strings)."""

_EVENTS_KEY = b'\n  "events": ['  # the events list, in the writer's layout
_SEPARATOR = b",\n    {"  # between two of its events
_SEPARATOR_CRLF = b",\r\n    {"  # the same, once a Windows editor has saved the file
_EVENTS_END = b"\n  ]"  # the list's closing bracket: the first line indented so after it
# What converting an event needs, and what validation judges before it (a file written
# otherwise is decoded whole, then validated).
_BEFORE_EVENTS = frozenset(("format", "version", "sources", "actors"))
_DECODE = msgspec.json.Decoder().decode  # shared by threads: thread-safe since msgspec 0.16


class Refused(Exception):
    """The decoder refused the bytes: they are not JSON, or hold what a timeline may not."""


class LoadCancelled(Exception):
    """The ``progress`` callback of a load asked it to stop."""


class _BadCut(Exception):
    """A piece was not a sequence of whole values: the file is not laid out as expected."""


def decode_document(
    data: bytes | bytearray, name: str, progress: Progress | None = None,
    piece_bytes: int | None = None,
) -> tuple[Document | None, Validator]:
    """Decode and validate ``data`` (UTF-8 without a BOM) of the file called ``name``.

    Returns the document (None when validation reported a problem) and the validator
    that checked it, whose ``report`` and ``strings`` the caller needs.  Raises
    ``Refused`` or ``LoadCancelled``.  Pieces are of ``piece_bytes`` (default
    ``PIECE_BYTES``) and more, up to the end of an event.
    """
    piece_bytes = PIECE_BYTES if piece_bytes is None else piece_bytes
    found = data.find(_EVENTS_KEY)
    if found >= 0:
        validator = Validator(Report(name))
        try:
            return _in_pieces(data, found, validator, progress, piece_bytes), validator
        except _BadCut:
            pass  # what the pieces' validator saw is dropped with it
    validator = Validator(Report(name))
    root = _decode(data)
    if progress is not None:
        progress(1.0)
    return validator.document(root), validator


def _decode(data: bytes | bytearray | memoryview) -> Any:
    try:
        return _DECODE(data)
    except (ValueError, RecursionError) as exc:  # msgspec.DecodeError is a ValueError
        raise Refused(str(exc)) from exc


def _in_pieces(
    data: bytes | bytearray, found: int, validator: Validator, progress: Progress | None,
    piece_bytes: int,
) -> Document | None:
    """Decode the root's members before the events, the events a piece at a time, and
    the rest; raise ``_BadCut`` when the file is not laid out as the cuts assume."""
    head = bytes(data[:found]).rstrip()
    if head.endswith(b","):
        head = head[:-1] + b"}"
    elif head.strip() == b"{":
        head += b"}"
    else:
        raise _BadCut
    try:
        root = _DECODE(head)
    except (ValueError, RecursionError) as exc:
        raise _BadCut from exc
    if type(root) is not dict or "events" in root or not _BEFORE_EVENTS.issubset(root):
        raise _BadCut  # the events cannot be converted as they come: decode it whole
    if not validator.prologue(root):
        return None  # reported (a newer version, not a timeline): no use going on
    separator = _SEPARATOR_CRLF if data[found - 1 : found] == b"\r" else _SEPARATOR
    convert = event_converter(validator)
    typed = typed_piece_converter(validator)
    events: list = []
    start = found + len(_EVENTS_KEY)
    size = len(data)
    with memoryview(data) as view:
        def take(cut: int) -> None:  # the events data[start:cut], converted onto events
            nonlocal typed
            with _as_array(data, view, start, cut) as raw:
                piece = typed(raw, len(events)) if typed is not None else None
                if piece is None:
                    typed = None  # the file holds what the typed path declines: not again
                    piece = _piece(raw)
                    convert(piece, len(events))
            events.extend(piece)

        while (cut := data.find(separator, start + piece_bytes)) >= 0:
            take(cut)
            start = cut + 1
            if progress is not None and not progress(start / size):
                raise LoadCancelled
        # The last events, up to the list's closing bracket on a line of its own, and
        # whatever follows the list, up to the root's closing brace.
        close = data.find(_EVENTS_END, start)
        rest = _rest(view[close + len(_EVENTS_END):]) if close >= 0 else None
        if rest is not None:
            take(close)
        else:  # laid out otherwise: the last events are decoded with the rest, as dicts
            rest = _piece(b"".join((b'{"events": [', view[start:])))
            if type(rest) is not dict or type(rest.get("events")) is not list:
                raise _BadCut
            last = rest.pop("events")
            convert(last, len(events))
            events += last
            del last
    root["events"] = events
    root.update(rest)  # a key repeated here is caught by the caller's count of quotes
    if progress is not None:
        progress(1.0)  # done: whether it asks to stop no longer matters
    return validator.epilogue(root, events)


@contextmanager
def _as_array(data: bytes | bytearray, view: memoryview, start: int,
              cut: int) -> Iterator[bytes | memoryview]:
    """The events ``data[start:cut]`` as one JSON array, for the block.

    In a bytearray, in place: the bytes around the piece (the ``[`` opening the list or
    the comma before the piece, and the comma after it or the line break before the
    list's closing bracket) are brackets for the block and restored after it, instead of
    copying every piece (a million events: 1.2 GB copied, a third of a second).
    Brackets, commas and line breaks are never quotes or backslashes, so a count of
    those running meanwhile sees the same bytes.
    """
    if type(data) is not bytearray:
        yield b"".join((b"[", view[start:cut], b"]"))
        return
    before, after = data[start - 1], data[cut]
    data[start - 1], data[cut] = _OPEN, _CLOSE
    try:
        with view[start - 1 : cut + 1] as raw:
            yield raw
    finally:
        data[start - 1], data[cut] = before, after


_OPEN, _CLOSE = ord("["), ord("]")


def _rest(tail: memoryview) -> dict | None:
    """What follows the events list in the root (``tail`` starts after the list's
    closing bracket) as a dict; None when it is not a sequence of members closing the
    root, as the writer lays it out."""
    tail_bytes = bytes(tail).strip()
    if tail_bytes == b"}":
        return {}
    if not tail_bytes.startswith(b","):
        return None
    try:
        rest = _DECODE(b"{" + tail_bytes[1:])
    except (ValueError, RecursionError):
        return None
    # Nothing after the comma is a trailing comma, which JSON does not allow.
    return rest if type(rest) is dict and rest else None


def _piece(data: bytes | memoryview) -> Any:
    try:
        return _DECODE(data)
    except (ValueError, RecursionError) as exc:
        raise _BadCut from exc
