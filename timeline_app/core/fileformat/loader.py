"""Read a timeline file: bytes to a validated ``Document``, or to a list of located problems.

A file is either loaded completely and correctly or not at all: the window and the
``--check`` command get every problem at once, each with the file, line, column and
JSON path to fix, and a message that says what to do.  No input raises; anything
unexpected becomes a problem asking for a report.

Speed is the other requirement (100,000 events in well under a second on a slow
machine), which shapes the code:

* the text is parsed by the C ``json`` scanner without hooks on the way: positions
  are worked out afterwards and only for problems (see ``jsonpos``).  The root object
  is parsed a value at a time, and each event converted as soon as it is parsed, so
  that the memory of the parsed events is reused (see ``_stream``); any file that is
  not laid out as expected is parsed whole by ``json.loads`` as before;
* duplicate keys, which ``json.loads`` silently merges, are proved absent by counting
  instead of with an ``object_pairs_hook`` (a Python call per object): every ``"`` in
  the text delimits a key or a string value or is escaped, so ``quotes - escaped
  quotes == 2 * (keys + string values)`` in the parsed tree exactly when no key was
  dropped.  Only when the count disagrees is the text parsed again with the hook to
  name the keys.  The count is one numpy pass over the bytes
  (``byte_scan``): 0.26 s for a million events, without holding the interpreter lock;
* events are checked by one loop with a fast path for the common, valid case; any
  event the fast path does not accept goes through the slow path, which is the one
  that explains what is wrong;
* dates repeat, so each distinct date string is parsed once; the garbage collector is
  paused while millions of containers are created, since none of them form cycles.
"""

from __future__ import annotations

import codecs
import json
import json.scanner
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.dates.partial import DateError, PartialDate, parse_iso
from timeline_app.core.fileformat.byte_scan import count_bytes
from timeline_app.core.fileformat.jsonpos import (
    JsonPath,
    find_offsets,
    first_too_deep,
    line_columns,
)
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.rules import BIG as _BIG
from timeline_app.core.fileformat.rules import COLOUR as _COLOR
from timeline_app.core.fileformat.rules import (
    describe,
    id_problem,
    offset_problem,
)
from timeline_app.core.fileformat.rules import digits as _digits
from timeline_app.core.fileformat.rules import quote_mismatch as _quote_mismatch
from timeline_app.core.fileformat.rules import show as _show
from timeline_app.core.fileformat.rules import too_deep_message as _too_deep_message
from timeline_app.core.fileformat.rules import too_many_digits as _too_many_digits
from timeline_app.core.fileformat.spec import (
    DEFAULT_MAX_BYTES,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_DEPTH,
)
from timeline_app.core.fileformat.spec import KNOWN_ACTOR_KEYS as _ACTOR_KEYS
from timeline_app.core.fileformat.spec import KNOWN_CITATION_KEYS as _CITATION_KEYS
from timeline_app.core.fileformat.spec import KNOWN_EVENT_KEYS as _EVENT_KEYS
from timeline_app.core.fileformat.spec import KNOWN_ROOT_KEYS as _ROOT_KEYS
from timeline_app.core.fileformat.spec import KNOWN_SOURCE_KEYS as _SOURCE_KEYS
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import NO_EXTRA, Actor, Citation, Document, Event, Source

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_DEPTH",
    "LoadCancelled",
    "LoadResult",
    "Progress",
    "document_from_json",
    "load_bytes",
    "load_handed_over",
    "load_path",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
# A \\u escape of a surrogate, or a high+low pair (which json.loads joins into one
# character).  A match of six bytes is therefore an unpaired surrogate.
_SURROGATE_ESCAPE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    rb"|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_ONLY_SPACE = re.compile(r"\s*\Z")

_ABSENT: Any = ()  # .get default for lists: an empty tuple, never a JSON value
_BAD: Any = object()  # a field that failed its check (already reported)

DateEntry = tuple[PartialDate, float, float]  # date, its start and end in seconds

Progress = Callable[[float], bool]
"""Told the fraction of the file checked so far; returns False to stop the load."""


class LoadCancelled(Exception):
    """The ``progress`` callback of a load asked it to stop."""


# --- public API -----------------------------------------------------------------------


@dataclass
class LoadResult:
    """What reading a file gave: a document, or the problems that prevented it."""

    document: Document | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.problems


def load_path(
    path: str | os.PathLike[str],
    *,
    display_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Read and validate the file at ``path``; problems name it ``display_name``.

    ``display_name`` defaults to the path as given, so that the command line reports
    the name the user typed.  The size is checked before reading so that opening a
    multi-gigabyte file by mistake fails at once instead of exhausting memory.
    """
    name = display_name if display_name is not None else _path_text(path)
    try:
        return _load_path(path, name, max_bytes)
    except Exception as exc:  # last line of defence: report, never raise
        return _failure(name, _internal_error(exc))


def load_bytes(data: bytes, display_name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Validate the bytes of a timeline file (UTF-8, a BOM is accepted)."""
    return load_handed_over([data], display_name, max_bytes)


def load_handed_over(
    holder: list[bytes | bytearray], display_name: str, max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> LoadResult:
    """``load_bytes`` for bytes nobody else keeps: ``holder`` (a one-item list, emptied)
    hands them over so that they are freed once decoded: a file's worth of memory less
    at the peak of loading a big file.  A ``bytearray`` (read in place) is fine.

    ``progress`` is called as the events of a file in the canonical layout are checked
    (a few times a second on a big file); when it returns False the load stops and
    raises ``LoadCancelled``.  Other layouts are checked in one go, without calls.
    """
    size = len(holder[0])
    try:
        with gc_paused(keep=True):
            return _load_bytes(holder, display_name, max_bytes, progress)
    except LoadCancelled:
        raise
    except MemoryError:
        return _failure(
            display_name,
            f"not enough memory to read this file ({_size(size)}): "
            "close other programs, or split the timeline into smaller files",
        )
    except Exception as exc:  # last line of defence: report, never raise
        return _failure(display_name, _internal_error(exc))


def document_from_json(
    obj: Any, display_name: str, text_for_positions: str | None = None
) -> LoadResult:
    """Validate an already parsed JSON value (for example one built in memory).

    Positions are given only when the text it was parsed from is passed, and duplicate
    keys cannot be detected any more: use ``load_bytes`` for files.
    """
    try:
        report = _Report(display_name)
        validator = _Validator(report)
        document = validator.document(obj)
        if report:
            return LoadResult(None, report.problems(text_for_positions))
        return LoadResult(document, [])
    except Exception as exc:  # last line of defence: report, never raise
        return _failure(display_name, _internal_error(exc))


# --- reading ----------------------------------------------------------------------------


def _path_text(path: str | os.PathLike[str]) -> str:
    try:
        return os.fsdecode(path)
    except Exception:  # a name is only needed for messages
        return repr(path)


def _load_path(path: str | os.PathLike[str], name: str, max_bytes: int) -> LoadResult:
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return _failure(name, "no such file: check the name and the folder")
    except PermissionError:
        return _failure(name, "permission denied: the file cannot be read with your account")
    except (OSError, ValueError) as exc:
        return _failure(name, f"cannot be read ({_os_reason(exc)}): check the path")
    if stat.S_ISDIR(info.st_mode):
        return _failure(name, "is a folder, not a timeline file: give the path of a .json file")
    if not stat.S_ISREG(info.st_mode):
        return _failure(name, "is not a regular file: give the path of a .json file")
    if info.st_size > max_bytes:
        return _failure(name, _too_big(info.st_size, max_bytes))
    try:
        with open(path, "rb", buffering=0) as handle:
            # Sized from stat so that no 1 GiB buffer is allocated for a small file;
            # the second read catches a file that grew since (the limit still applies).
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_bytes + 1 - len(data))
    except PermissionError:
        return _failure(name, "permission denied: the file cannot be read with your account")
    except OSError as exc:
        return _failure(name, f"cannot be read ({_os_reason(exc)}): check the file and the disk")
    holder: list[bytes | bytearray] = [data]
    del data  # _load_bytes frees the bytes once it has decoded them
    return load_handed_over(holder, name, max_bytes)


def _load_bytes(
    holder: list[bytes | bytearray], name: str, max_bytes: int, progress: Progress | None = None
) -> LoadResult:
    data = holder.pop()
    if len(data) > max_bytes:
        return _failure(name, _too_big(len(data), max_bytes))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]  # editors on Windows add one; it means nothing
    counts = count_bytes(data)
    surrogates = counts.has_unicode_escape and _has_lone_surrogate_escape(data)
    text: str | None = None
    report = _Report(name)
    report.surrogates = surrogates
    validator = _Validator(report)
    streamed = None if surrogates else _stream_slices(data, validator, progress)
    if streamed is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return LoadResult(None, [_not_utf8(data, exc, name)])
        del data  # from here on the text is enough
        if not text or text.isspace():
            return _failure(name, f"the file is empty: {_restore_advice(name)}")
        report = _Report(name)  # whatever the sliced parser found is dropped
        report.surrogates = surrogates
        validator = _Validator(report)
        streamed = None if surrogates else _stream(text, validator)
    safe_ints = False
    if streamed is not None:
        root, event_list = streamed
        if event_list is None:  # parsed, but the events came before what they need
            document = validator.document(root)
        else:
            document = validator.epilogue(root, event_list)
        del root, event_list, streamed
    else:
        assert text is not None  # the sliced parser needs no text, the others do
        parsed = _parse(text, name)
        if isinstance(parsed, Problem):
            return LoadResult(None, [parsed])
        root, safe_ints = parsed
        report = _Report(name)  # whatever the streaming parser found is dropped
        validator = _Validator(report)
        report.surrogates = surrogates
        if surrogates:
            validator.check_surrogates(root)  # before the tree is converted in place
        document = validator.document(root)
        del root
    # Every unescaped quote of valid JSON opens or closes a key or a string value, and a
    # repeated key loses at least one key (and its value) from the parsed tree: equal
    # counts prove that no key was repeated.  A wrong count (a validator that stopped
    # early) only costs the exact check below, never a missed repeat.
    repeated = counts.delimiters != 2 * validator.strings
    if not report and not repeated:
        return LoadResult(document, [])
    if text is None:  # the sliced parser succeeded: positions need the whole text now
        text = data.decode("utf-8")
        del data
    if repeated:
        _report_duplicate_keys(report, text, safe_ints)
    if report:
        return LoadResult(None, report.problems(text))
    return LoadResult(document, [])


_WHITESPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between tokens
_STREAM_BEFORE_EVENTS = frozenset(("format", "version", "sources", "actors"))
_NEXT_EVENT = ",\n    {"  # between two events, in the canonical layout


def _stream(text: str, validator: _Validator) -> tuple[dict, list | None] | None:
    """Parse the root object a value at a time, converting each event as it is parsed.

    ``json.loads`` builds the whole tree first: at its peak it holds a dict per event
    and per citation besides the strings that are kept, and the memory those leave
    when freed is scattered among the kept strings, so the process cannot give it
    back.  Converting each event right after it is parsed lets the next one reuse its
    memory: for 100,000 events the process grows by 1.3 KB per event instead of 2.1,
    in the same time (the scanner no longer shares the keys' strings between events,
    which costs what the fewer page faults save).

    The root's values are parsed by the same C scanner as ``json.loads``.  Returns
    ``(root, events)``, where ``events`` are the converted events (also in the root)
    or None when the file has no format, version, sources and actors before
    its events (then the root is just the parsed file).  Returns None for anything
    else (a syntax error, a repeated root key, a huge integer, a header the validator
    refuses...): the caller then parses the file whole, which reports what is wrong,
    with a fresh validator since this one may have seen part of the file.
    """
    scan = _SCAN
    skip = _WHITESPACE.match
    root: dict[str, Any] = {}
    events: list | None = None
    try:
        i = skip(text, 0).end()
        if text[i] != "{":
            return None
        i = skip(text, i + 1).end()
        while True:
            if text[i] != '"':
                return None
            key, i = scan(text, i)
            i = skip(text, i).end()
            if text[i] != ":" or key in root:
                return None
            i = skip(text, i + 1).end()
            if (
                key == "events" and text[i] == "["
                and _STREAM_BEFORE_EVENTS.issubset(root)
            ):
                if not validator.prologue(root):
                    return None
                events, i = _stream_events(text, i, validator.converter())
                root[key] = events
            else:
                root[key], i = scan(text, i)
            i = skip(text, i).end()
            if text[i] == ",":
                i = skip(text, i + 1).end()
            elif text[i] == "}":
                break
            else:
                return None
        if skip(text, i + 1).end() != len(text):
            return None
    except (StopIteration, ValueError, IndexError, RecursionError):
        # ValueError: json.JSONDecodeError, or an integer of more than 4300 digits
        return None
    return root, events


_TEXT_SLICE = 36 * 1024 * 1024
"""Bytes decoded at a time by ``_stream_slices``: about 45 ms of decoding.  Above glibc's
largest dynamic mmap threshold (32 MiB), so that every slice and its text are mapped
afresh and given back whole when freed; smaller slices end up in the heap, between
the document's objects, and the process kept 25 % more memory after loading."""
_EVENTS_KEY = b'\n  "events": ['  # the events list of the canonical layout
_EVENT_SEPARATOR = b",\n    "  # between two of its events (before the "{")


def _stream_slices(
    data: bytes | bytearray, validator: _Validator, progress: Progress | None = None
) -> tuple[dict, list] | None:
    """``_stream`` for a file in the canonical layout, decoding it a slice at a time.

    Decoding a file of hundreds of MB in one call holds the interpreter lock for
    a second (a window loading it on another thread freezes), and its text takes up
    to four bytes per character (two for this very file, whose typographic
    apostrophes are beyond Latin-1) on top of the bytes.  The canonical layout has
    each event on lines of its own: the bytes are cut just before an event's "{"
    about every ``_TEXT_SLICE`` bytes (a JSON string cannot hold a newline, so
    the separator is never inside one), and each slice is decoded and parsed on its
    own.  Cutting at the wrong place (a file laid out otherwise) makes a value end
    early, which the scanner rejects: then None, and the caller decodes the file
    whole and parses it again with a fresh validator.  Returns ``(root, events)``
    or None, like ``_stream``.
    """
    found = data.find(_EVENTS_KEY)
    if found < 0:
        return None
    try:
        root: dict[str, Any] = {}
        if not _root_head(data[:found].decode("utf-8"), root):
            return None
        if (
            "events" in root or not _STREAM_BEFORE_EVENTS.issubset(root)
            or not validator.prologue(root)
        ):
            return None
        events, rest = _events_in_slices(
            data, found + len(_EVENTS_KEY), validator.converter(), progress)
        root["events"] = events
        if not _root_tail(rest, root):
            return None
    except (StopIteration, ValueError, IndexError, RecursionError):
        # ValueError: also UnicodeDecodeError and an integer of more than 4300 digits
        return None
    return root, events


def _root_head(head: str, root: dict[str, Any]) -> bool:
    """Parse ``{`` and the root's pairs, each followed by a comma, up to the end of
    ``head``; False unless that is exactly what ``head`` holds."""
    skip = _WHITESPACE.match
    i = skip(head, 0).end()
    if head[i] != "{":
        return False
    i = skip(head, i + 1).end()
    while i < len(head):
        i = _root_pair(head, i, root)
        if head[i] != ",":
            return False
        i = skip(head, i + 1).end()
    return True


def _root_tail(rest: str, root: dict[str, Any]) -> bool:
    """Parse what follows the events list: more pairs, ``}`` and nothing else."""
    skip = _WHITESPACE.match
    i = skip(rest, 0).end()
    while rest[i] == ",":
        i = _root_pair(rest, skip(rest, i + 1).end(), root)
    return rest[i] == "}" and skip(rest, i + 1).end() == len(rest)


def _root_pair(text: str, i: int, root: dict[str, Any]) -> int:
    """Parse the ``"key": value`` at ``text[i]`` into ``root``; the index of the token
    after it.  StopIteration when there is none, or the key is there already."""
    skip = _WHITESPACE.match
    if text[i] != '"':
        raise StopIteration(i)
    key, i = _SCAN(text, i)
    i = skip(text, i).end()
    if text[i] != ":" or key in root:
        raise StopIteration(i)
    root[key], i = _SCAN(text, skip(text, i + 1).end())
    return skip(text, i).end()


def _events_in_slices(
    data: bytes | bytearray, start: int, convert: Callable[[int, Any], Any],
    progress: Progress | None = None,
) -> tuple[list, str]:
    """The events of the list whose items begin at ``data[start]``, converted, and the
    text after its ``]``; ``progress`` is told after each slice."""
    scan = _SCAN
    skip = _WHITESPACE.match
    events: list = []
    append = events.append
    index = 0
    n = len(data)
    while start < n:
        cut = data.find(_EVENT_SEPARATOR + b"{", start + _TEXT_SLICE)
        end = n if cut < 0 else cut + len(_EVENT_SEPARATOR)
        with memoryview(data) as view:  # decoded in place: no copy of the slice's bytes
            text = str(view[start:end], "utf-8")
        startswith = text.startswith
        i = skip(text, 0).end()
        if index == 0 and text[i] == "]":
            return events, text[i + 1 :] + data[end:].decode("utf-8")
        while True:
            ev, i = scan(text, i)
            append(convert(index, ev))
            index += 1
            if startswith(_NEXT_EVENT, i):
                i += len(_NEXT_EVENT) - 1
                continue
            i = skip(text, i).end()
            if text[i] == ",":
                i = skip(text, i + 1).end()
                if i == len(text):  # the slice ends before the next event
                    break
            elif text[i] == "]":
                if progress is not None:
                    progress(1.0)  # done: whether it asks to stop no longer matters
                return events, text[i + 1 :] + data[end:].decode("utf-8")
            else:
                raise StopIteration(i)
        start = end
        if progress is not None and not progress(end / n):
            raise LoadCancelled
    raise StopIteration(start)  # the list never ends


def _stream_events(text: str, i: int, convert: Callable[[int, Any], Any]) -> tuple[list, int]:
    """The events of the list at ``text[i] == "["``, converted; the index after it."""
    scan = _SCAN
    skip = _WHITESPACE.match
    events: list = []
    append = events.append
    i = skip(text, i + 1).end()
    if text[i] == "]":
        return events, i + 1
    index = 0
    startswith = text.startswith
    while True:
        ev, i = scan(text, i)
        append(convert(index, ev))
        index += 1
        if startswith(_NEXT_EVENT, i):  # the canonical layout: no need to look closer
            i += len(_NEXT_EVENT) - 1
            continue
        i = skip(text, i).end()
        if text[i] == ",":
            i = skip(text, i + 1).end()
        elif text[i] == "]":
            return events, i + 1
        else:
            raise StopIteration(i)


def _parse(text: str, name: str) -> tuple[Any, bool] | Problem:
    """The JSON value of ``text`` and whether ints had to be parsed by hand, or a problem.

    Python refuses to convert an integer of more than 4300 digits.  Then the text is
    parsed again with a hook for every int (slower), so that the number is reported
    with its path like any other wrong value.
    """
    for safe_ints in (False, True):
        try:
            return _decode(text, safe_ints=safe_ints), safe_ints
        except json.JSONDecodeError as exc:
            return _syntax_problem(text, exc, name)
        except RecursionError:
            return _too_deep_problem(text, name)
        except ValueError as exc:
            if safe_ints or "digits" not in str(exc):
                raise
    raise AssertionError("unreachable")  # the second pass returns or raises


def _decode(text: str, *, safe_ints: bool, pairs_hook: Callable[..., Any] | None = None) -> Any:
    kwargs: dict[str, Any] = {"parse_constant": _NotJson.constant}
    if safe_ints:
        kwargs["parse_int"] = _safe_int
    if pairs_hook is not None:
        kwargs["object_pairs_hook"] = pairs_hook
    return json.loads(text, **kwargs)


class _NotJson:
    """A value ``json.loads`` accepts but a timeline file must not hold (NaN, huge ints).

    Parsing returns it in place of the value, so that it is reported with its path like
    any other wrong value, and the rest of the file is still checked.
    """

    __slots__ = ("advice", "description")

    def __init__(self, description: str, advice: str) -> None:
        self.description = description
        self.advice = advice

    @classmethod
    def constant(cls, name: str) -> _NotJson:
        return cls(name, f"{name} is not allowed in JSON: write a number, or null")


# The scanner json.loads uses, for the values of the root (see _stream).
_SCAN = json.scanner.make_scanner(json.JSONDecoder(parse_constant=_NotJson.constant))


def _safe_int(digits: str) -> int | _NotJson:
    try:
        return int(digits)
    except ValueError:
        count = len(digits.lstrip("-"))
        return _NotJson(f"a number of {count} digits", _too_many_digits(count))


# --- file-level problems ---------------------------------------------------------------------


def _failure(name: str, message: str) -> LoadResult:
    return LoadResult(None, [Problem(name, message)])


def _internal_error(exc: BaseException) -> str:
    return (
        f"internal error while reading the file ({type(exc).__name__}: {exc}): "
        "please report this, with the file if you can"
    )


def _os_reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n:,} bytes"
    return f"{n / (1024 * 1024):,.1f} MiB ({n:,} bytes)"


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {_size(size)}, more than the limit of {_size(limit)}: "
        "check that this is a timeline file, or split the timeline into smaller files"
    )


def _not_utf8(data: bytes | bytearray, exc: UnicodeDecodeError, name: str) -> Problem:
    """Locate the first byte that is not UTF-8; columns count the characters before it."""
    bad = exc.start
    line_start = data.rfind(b"\n", 0, bad) + 1
    line = data.count(b"\n", 0, bad) + 1
    column = len(data[line_start:bad].decode("utf-8", "replace")) + 1
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        advice = "the file is UTF-16: save it again as UTF-8"
    else:
        advice = (
            "the file is probably in another encoding (such as Windows-1252 or Latin-1): "
            "save it again as UTF-8"
        )
    return Problem(
        name,
        f"not UTF-8 text: byte 0x{data[bad]:02X} cannot be decoded; {advice}",
        line=line,
        column=column,
    )


def _syntax_problem(text: str, exc: json.JSONDecodeError, name: str) -> Problem:
    return Problem(
        name, f"not valid JSON: {exc.msg}; {_syntax_advice(text, exc, name)}",
        line=exc.lineno, column=exc.colno,
    )


def _restore_advice(name: str) -> str:
    backup = os.path.basename(name) + ".bak"
    return (
        "it may have been cut off while saving or copying: "
        f"restore {backup} (the copy the last save kept beside it) or a backup"
    )


def _syntax_advice(text: str, exc: json.JSONDecodeError, name: str) -> str:
    """What a person editing the file by hand most likely has to do."""
    pos = exc.pos
    before = text[max(0, pos - 200) : pos].rstrip()
    if "\x00" in text[:1000]:
        return "the file contains NUL characters and may be UTF-16: save it again as UTF-8"
    if text.startswith(("//", "/*", "#"), pos):
        return "JSON does not allow comments: remove it, or keep the note in a field"
    if before.endswith(",") and text[pos : pos + 1] in ("}", "]"):
        return "remove the comma after the last item"
    if exc.msg.startswith("Unterminated string") or _ONLY_SPACE.match(text, pos):
        return f"the file ends too early; {_restore_advice(name)}"
    if exc.msg.startswith("Extra data"):
        return "there is more text after the end of the timeline: remove it"
    if exc.msg.startswith("Invalid control character"):
        return "write a line break inside a string as \\n and a tab as \\t"
    if exc.msg.startswith("Invalid \\escape") or exc.msg.startswith("Invalid \\u"):
        return "write a backslash inside a string as \\\\"
    if exc.msg.startswith("Expecting property name"):
        return 'names must be in double quotes: "name": value'
    if exc.msg.startswith("Expecting ',' delimiter"):
        return "a comma is missing between two items"
    return "correct the text at this position"


def _too_deep_problem(text: str, name: str) -> Problem:
    found = first_too_deep(text, MAX_DEPTH)
    if found is None:
        return Problem(name, _too_deep_message())
    path, offset = found
    line, column = line_columns(text, [offset])[offset]
    return Problem(name, _too_deep_message(), path, line, column)


# --- duplicate keys ------------------------------------------------------------------------------


def _report_duplicate_keys(report: _Report, text: str, safe_ints: bool) -> None:
    try:
        found = _duplicate_keys(text, safe_ints)
    except RecursionError:  # only if the stack is deeper than at the first parse
        if not report:
            raise
        return  # the problems found so far are worth more than this check
    for path, key in found:
        report.add(
            (*path, key),
            f'the name "{key}" appears more than once in this object, and only the last '
            "one would be kept: remove or rename the others",
            at_key=True,
        )


def _duplicate_keys(text: str, safe_ints: bool) -> list[tuple[JsonPath, str]]:
    """Parse again, noting objects with a repeated key, and return (object path, key)."""
    repeated: dict[int, list[str]] = {}
    keep: list[dict] = []  # holds the objects so that their ids stay unique

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            again: dict[str, None] = {}  # repeated keys, each once, in file order
            for key, _ in pairs:
                if key in seen:
                    again[key] = None
                seen.add(key)
            repeated[id(obj)] = list(again)
            keep.append(obj)
        return obj

    root = _decode(text, safe_ints=safe_ints, pairs_hook=hook)
    if not repeated:
        return []
    paths = _known_places(root, repeated.keys())
    if len(paths) < len(repeated):  # some are inside unknown fields: look everywhere
        paths = {id(value): path for path, value in _containers(root) if id(value) in repeated}
    return [(path, key) for obj_id, path in paths.items() for key in repeated[obj_id]]


def _known_places(root: Any, wanted: Iterable[int]) -> dict[int, JsonPath]:
    """Paths of the objects with ids in ``wanted`` among the root, sources, actors,
    events and citations: a quick look before walking the whole tree."""
    targets = set(wanted)
    found: dict[int, JsonPath] = {}
    if id(root) in targets:
        found[id(root)] = ()
    if type(root) is not dict:
        return found
    for section in ("sources", "actors", "events"):
        items = root.get(section)
        if type(items) is not list:
            continue
        for i, item in enumerate(items):
            if id(item) in targets:
                found[id(item)] = (section, i)
            citations = item.get("citations") if type(item) is dict else None
            if section == "events" and type(citations) is list:
                for j, cite in enumerate(citations):
                    if id(cite) in targets:
                        found[id(cite)] = (section, i, "citations", j)
    return found


def _containers(root: Any) -> Iterator[tuple[JsonPath, Any]]:
    """Every object and list with its path, depth first, without recursion."""
    stack: list[tuple[JsonPath, Any]] = [((), root)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if type(value) is dict:
            stack.extend(((*path, k), v) for k, v in value.items() if type(v) in (dict, list))
        elif type(value) is list:
            stack.extend(((*path, i), v) for i, v in enumerate(value) if type(v) in (dict, list))


def _has_lone_surrogate_escape(data: bytes | bytearray) -> bool:
    return any(len(m.group()) == 6 for m in _SURROGATE_ESCAPE.finditer(data))


def count_strings(value: Any) -> int:
    """Keys plus string values in a parsed JSON value: the tree side of the count above."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str:
            count += 1
        elif kind is dict:
            count += len(item)
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
    return count


# --- problems with paths -------------------------------------------------------------------------


class _Report:
    """Problems found so far, by JSON path; positions are looked up once, at the end."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[tuple[JsonPath, str, bool]] = []
        self.surrogates = True  # whether texts may hold lone surrogates to escape

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, path: JsonPath, message: str, *, at_key: bool = False) -> None:
        """``at_key`` places the problem at the second occurrence of the key, not its value."""
        self.items.append((path, message, at_key))

    def problems(self, text: str | None) -> list[Problem]:
        """Problems with line and column, in file order."""
        positions = _positions(text, self.items) if text is not None else {}
        located = []
        for index, (path, message, _) in enumerate(self.items):
            line, column = positions.get(index, (None, None))
            if self.surrogates:
                message, path = _printable(message), _printable_path(path)
            problem = Problem(self.name, message, path, line, column)
            located.append(((line is None, line or 0, column or 0, index), problem))
        located.sort(key=lambda pair: pair[0])
        return [problem for _, problem in located]


def _positions(
    text: str, items: list[tuple[JsonPath, str, bool]]
) -> dict[int, tuple[int, int]]:
    """(line, column) for each item; a missing path is placed at its nearest parent."""
    wanted = {path[:i] for path, _, _ in items for i in range(len(path) + 1)}
    repeated_keys = any(at_key for _, _, at_key in items)
    found = find_offsets(text, wanted, every_occurrence=repeated_keys)
    offsets: dict[int, int] = {}
    for index, (path, _, at_key) in enumerate(items):
        for cut in range(len(path), -1, -1):
            occurrences = found.get(path[:cut])
            if occurrences:
                if at_key and cut == len(path) and occurrences[-1][0] >= 0:
                    offsets[index] = occurrences[1 if len(occurrences) > 1 else -1][0]
                else:
                    offsets[index] = occurrences[-1][1]
                break
    columns = line_columns(text, offsets.values())
    return {index: columns[offset] for index, offset in offsets.items()}


def _printable(text: str) -> str:
    """Lone surrogates cannot be printed or encoded: show them as escapes."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _printable_path(path: JsonPath) -> JsonPath:
    return tuple(_printable(p) if isinstance(p, str) else p for p in path)


def _describe(value: Any) -> str:
    """How a wrong value is named in a message (see ``rules.describe``)."""
    if type(value) is _NotJson:
        return value.description
    return describe(value)


# --- validation ---------------------------------------------------------------------------------


class _Validator:
    """Checks a parsed file and builds the document; reports into a ``_Report``.

    ``strings`` counts the keys and string values of the tree for the duplicate-key
    proof.  It must never count a string that is not in the tree: counting too few
    (as when the check stops early) only costs the exact check, counting too many could
    hide a repeated key (see ``_no_duplicate_keys``).  The fast path counts by formula
    what it has checked; everything else is counted by ``count_strings``.
    """

    def __init__(self, report: _Report) -> None:
        self.report = report
        self.add = report.add
        self.strings = 0
        self.dates: dict[str, DateEntry] = {}
        self.bad_dates: dict[str, str] = {}  # date text -> what is wrong with it
        self.source_texts: dict[str, str] = {}
        self.source_ids: dict[str, int] = {}
        self.actor_ids: dict[str, int] = {}
        self.event_ids: dict[str, int] = {}

    # --- the document -----------------------------------------------------------------------
    def document(self, root: Any) -> Document | None:
        if not self.prologue(root):
            return None
        events = self._list(root, (), "events", "events", required=True)
        return self.epilogue(root, self._events(events))

    def prologue(self, root: Any) -> bool:
        """Check what comes before the events; False when the rest is not worth checking.

        Only needs the format, version, sources and actors of ``root`` (the streaming
        parser calls it when it reaches the events).
        """
        if type(root) is not dict:
            self.add((), f"the file holds {_describe(root)}, not a timeline: a timeline file is "
                     'an object {"format": "conflict-timeline", "version": 1, "events": [...]}')
            return False
        if not self._header(root):
            return False
        sources = self._list(root, (), "sources", "sources", required=False)
        actors = self._list(root, (), "actors", "actors", required=False)
        self.source_list = [s for s in map(self._source, range(len(sources)), sources) if s]
        self.actor_list = [a for a in map(self._actor, range(len(actors)), actors) if a]
        return True

    def epilogue(self, root: dict, event_list: list[Event]) -> Document | None:
        """Check the rest of the root once the events are converted; the document."""
        self.strings += len(root) + sum(count_strings(v) for k, v in root.items() if k != "events")
        title = self._string(root, (), "title")
        extra = self._extra(root, (), _ROOT_KEYS)
        if self.report or title is _BAD:
            return None
        return Document(title, self.source_list, self.actor_list, event_list, extra)

    def _header(self, root: dict) -> bool:
        """Check format and version; False when the rest is not worth checking."""
        fmt = root.get("format", _ABSENT)
        if fmt is _ABSENT:
            self.add(("format",), 'is missing: a timeline file starts with '
                     '"format": "conflict-timeline"; this may not be a Conflict Timeline file')
        elif fmt != FORMAT_NAME:
            self.add(("format",), f'is {_describe(fmt)}, not "conflict-timeline": '
                     "this is not a Conflict Timeline file")
        version = root.get("version", _ABSENT)
        if version is _ABSENT:
            self.add(("version",), f'is missing: add "version": {FORMAT_VERSION}')
        elif type(version) is not int:
            self.add(("version",), f"must be the whole number {FORMAT_VERSION}, "
                     f"not {_describe(version)}")
        elif version > FORMAT_VERSION:
            if version >= _BIG:
                self.add(("version",), f"is {_describe(version)}: write {FORMAT_VERSION}")
            else:
                self.add(("version",), "the file was written by a newer version of Conflict "
                         f"Timeline (format version {version}); this version reads version "
                         f"{FORMAT_VERSION}: update the app")
            return False
        elif version < FORMAT_VERSION:
            self.add(("version",), f"is {version}, but format versions start at "
                     f"{FORMAT_VERSION}: write {FORMAT_VERSION}")
        return fmt == FORMAT_NAME or "events" in root

    # --- sources and actors: few, so the detailed checks are fast enough ------------------
    def _source(self, index: int, src: Any) -> Source | None:
        path: JsonPath = ("sources", index)
        if type(src) is not dict:
            self._wrong(path, src, "an object describing one source")
            return None
        sid = self._id(src, path, "source", self.source_ids)
        title = self._string(src, path, "title")
        outlet = self._string(src, path, "outlet")
        url = self._string(src, path, "url")
        published = self._date(src, path, "published", required=False, nullable=True)
        language = self._string(src, path, "language")
        text = self._string(src, path, "text")
        extra = self._extra(src, path, _SOURCE_KEYS)
        if sid is not _BAD and text is not _BAD:
            self.source_texts.setdefault(sid, text)
        fields = (sid, title, outlet, url, published, language, text)
        if _BAD in fields:
            return None
        return Source(sid, title, outlet, url, published and published[0], language, text, extra)

    def _actor(self, index: int, actor: Any) -> Actor | None:
        path: JsonPath = ("actors", index)
        if type(actor) is not dict:
            self._wrong(path, actor, "an object describing one actor")
            return None
        aid = self._id(actor, path, "actor", self.actor_ids)
        name = self._string(actor, path, "name")
        color = self._string(actor, path, "color")
        if color and color is not _BAD and not _COLOR.fullmatch(color):
            self.add((*path, "color"), f"{_show(color)} is not a colour: write it as #rrggbb, "
                     'for example "#b5443a"')
            color = _BAD
        extra = self._extra(actor, path, _ACTOR_KEYS)
        if _BAD in (aid, name, color):
            return None
        return Actor(aid, name, color, extra)

    # --- events: the hot loop ----------------------------------------------------------------
    def _events(self, events: list) -> list[Event]:
        """Check the events and replace each by its ``Event``, in place.

        Replacing in place frees each parsed dict as soon as it is converted, so the
        new objects reuse its memory instead of fresh pages (a page fault costs about
        2 µs on a small virtual machine; this saved a fifth of them).  An event that
        fails stays a dict; the list is only used as the document's when nothing failed.
        """
        convert = self.converter()
        for i, ev in enumerate(events):
            events[i] = convert(i, ev)
        return events

    def converter(self) -> Callable[[int, Any], Any]:
        """A function from (index, parsed event) to its ``Event``, or the dict if it fails.

        Made once the sources and actors are known; events must be given in order.
        """
        accept = self._fast_path()
        slow = self._event

        def convert(i: int, ev: Any) -> Any:
            event = accept(i, ev)
            if event is None:
                self.strings += count_strings(ev)
                event = slow(i, ev)
                if event is None:
                    return ev
            return event

        return convert

    def _fast_path(self) -> Callable[[int, Any], Event | None]:
        """A function that builds a valid event quickly, or returns None without reporting.

        It only ever accepts: whatever it declines is checked again from scratch by
        ``_event``, which explains the problems.  Once it has accepted an event, a bad
        citation or unknown field is reported on its own and the event is still built
        (the document is dropped anyway when anything was reported).  Written for
        speed on a slow machine: locals only, no call per field, the common citation
        check inline, list items interned in place.
        """
        seen = self.event_ids
        dates = self.dates
        parse_date = self._parse_date
        actor_ids = frozenset(self.actor_ids)
        texts = self.source_texts
        slow_citation = self._citation
        intern = sys.intern
        event_keys = _EVENT_KEYS
        no_extra = NO_EXTRA

        def accept(i: int, ev: Any) -> Event | None:
            if type(ev) is not dict:
                return None
            get = ev.get
            eid = get("id")
            title = get("title")
            start = get("start")
            end = get("end")
            location = get("location", "")
            description = get("description", "")
            date_note = get("date_note", "")
            actors = get("actors", _ABSENT)
            tags = get("tags", _ABSENT)
            citations = get("citations", _ABSENT)
            if not (
                type(eid) is str and eid and eid not in seen
                and type(title) is str and type(start) is str
                and (end is None or type(end) is str)
                and type(location) is str and type(description) is str
                and type(date_note) is str
                and (type(actors) is list or actors is _ABSENT)
                and (type(tags) is list or tags is _ABSENT)
                and (type(citations) is list or citations is _ABSENT)
            ):
                return None
            first = dates.get(start) or parse_date(start)
            if first is None:
                return None
            last = None
            if end is not None:
                last = dates.get(end) or parse_date(end)
                if last is None or last[2] <= first[1]:
                    return None
            try:
                if actors:
                    actors[:] = map(intern, actors)
                if tags:
                    tags[:] = map(intern, tags)
            except TypeError:  # an item that is not a string
                return None
            if actors and not actor_ids.issuperset(actors):
                return None
            # Accepted.  Count keys, string values and strings in lists for the
            # duplicate-key proof: every known value is a string but end=null and lists.
            seen[eid] = i
            extra = NO_EXTRA
            strings = 0
            if not event_keys.issuperset(ev):
                extra = {k: v for k, v in ev.items() if k not in event_keys}
                for key, value in extra.items():
                    if type(value) is str:
                        strings += 1
                    elif type(value) in _SUSPECT:
                        self._check_free(value, ("events", i, key))
                        strings += count_strings(value)
            strings += (
                2 * len(ev) - len(extra)
                - (end is None and "end" in ev)
                - (actors is not _ABSENT) - (tags is not _ABSENT) - (citations is not _ABSENT)
                + len(actors) + len(tags)
            )
            failed = False
            if citations:
                for j, c in enumerate(citations):
                    if type(c) is dict and len(c) == 4:
                        src = c.get("source")
                        cstart = c.get("start")
                        cend = c.get("end")
                        quote = c.get("quote")
                        text = texts.get(src) if type(src) is str else None
                        if (
                            text is not None and type(cstart) is int and type(cend) is int
                            and type(quote) is str
                            and 0 <= cstart < cend <= len(text)
                            and cend - cstart == len(quote)
                            and text.startswith(quote, cstart)
                        ):
                            citations[j] = Citation(intern(src), cstart, cend, quote, no_extra)
                            strings += 6  # four keys, source and quote
                            continue
                    strings += count_strings(c)
                    cite = slow_citation(("events", i, "citations", j), c)
                    if cite is None:
                        failed = True
                    else:
                        citations[j] = cite
            self.strings += strings
            if failed:  # reported: the event stays a dict (an Event holds only Citations)
                return ev
            # Copies ([:]) are lists of the exact size: the parser's have room for four.
            return Event(
                eid, title, first[0], last and last[0],
                actors[:] if actors is not _ABSENT else [], intern(location),
                tags[:] if tags is not _ABSENT else [], description,
                citations[:] if citations is not _ABSENT else [], date_note, extra,
            )

        return accept

    def _event(self, index: int, ev: Any) -> Event | None:
        """The slow path: check every field of one event and report each problem."""
        path: JsonPath = ("events", index)
        if type(ev) is not dict:
            self._wrong(path, ev, "an object describing one event")
            return None
        eid = self._id(ev, path, "event", self.event_ids)
        title = self._string(ev, path, "title", required=True)
        start = self._date(ev, path, "start", required=True, nullable=False)
        end = self._date(ev, path, "end", required=False, nullable=True)
        actors = self._strings(ev, path, "actors", self.actor_ids)
        location = self._string(ev, path, "location")
        tags = self._strings(ev, path, "tags", None)
        description = self._string(ev, path, "description")
        citations = self._citations(ev, path)
        date_note = self._string(ev, path, "date_note")
        extra = self._extra(ev, path, _EVENT_KEYS)
        if start not in (None, _BAD) and end not in (None, _BAD) and end[2] <= start[1]:
            self.add((*path, "end"), f"the event ends ({end[0].iso()}) before it starts "
                     f"({start[0].iso()}): swap start and end, or correct one of them")
            end = _BAD
        fields = (eid, title, start, end, actors, location, tags, description, citations,
                  date_note)
        if _BAD in fields:
            return None
        return Event(eid, title, start[0], end and end[0], actors, sys.intern(location), tags,
                     description, citations, date_note, extra)

    def _citations(self, ev: dict, path: JsonPath) -> list[Citation]:
        value = ev.get("citations", _ABSENT)
        if value is _ABSENT:
            return []
        if type(value) is not list:
            self._wrong((*path, "citations"), value, "a list of citations")
            return _BAD
        out = [self._citation((*path, "citations", j), c) for j, c in enumerate(value)]
        return _BAD if None in out else out

    def _citation(self, path: JsonPath, c: Any) -> Citation | None:
        """Check one citation, including that its quote is the text at its offsets."""
        if type(c) is not dict:
            self._wrong(path, c, 'an object {"source": ..., "start": ..., "end": ..., '
                        '"quote": ...}')
            return None
        src = self._string(c, path, "source", required=True)
        start = self._offset(c, path, "start")
        end = self._offset(c, path, "end")
        quote = self._string(c, path, "quote", required=True)
        extra = self._extra(c, path, _CITATION_KEYS)
        if src is _BAD:
            return None
        text = self.source_texts.get(src)
        if text is None:
            self.add((*path, "source"), f"names the source {_show(src)}, which is not in "
                     '"sources": add the source, or correct the id')
            return None
        if _BAD in (start, end, quote) or not self._span(path, src, text, start, end):
            return None
        actual = text[start:end]
        if actual != quote:
            self.add((*path, "quote"), _quote_mismatch(text, actual, quote, start, end))
            return None
        return Citation(sys.intern(src), start, end, quote, extra)

    def _span(self, path: JsonPath, src: str, text: str, start: int, end: int) -> bool:
        size = len(text)
        where = (f"the text of source {_show(src)} has {size} characters (offsets count "
                 "characters from 0): fix the offsets")
        if start >= size:
            self.add((*path, "start"), f"{start} is beyond the end of the source text: {where}")
            return False
        if end > size:
            self.add((*path, "end"), f"{end} is beyond the end of the source text: {where}")
            return False
        if end <= start:
            self.add((*path, "end"), f"{end} must be greater than start ({start}): a citation "
                     "covers the characters from start up to, not including, end")
            return False
        return True

    # --- fields ---------------------------------------------------------------------------------
    def _id(self, obj: dict, path: JsonPath, kind: str, seen: dict[str, int]) -> str:
        value = obj.get("id", _ABSENT)
        where = (*path, "id")
        if value is _ABSENT:
            self.add(where, f'is missing: give the {kind} an "id" no other {kind} has')
            return _BAD
        problem = id_problem(value, path, kind, seen)
        if problem is not None:
            self.add(where, problem)
            return _BAD
        return sys.intern(value)

    def _string(self, obj: dict, path: JsonPath, key: str, *, required: bool = False) -> str:
        value = obj.get(key, _ABSENT)
        if type(value) is str:
            return value
        if value is _ABSENT:
            if not required:
                return ""
            self.add((*path, key), f'is missing: add "{key}": "..."')
            return _BAD
        hint = "; leave the field out if there is nothing to write" if value is None else ""
        self.add((*path, key), f"must be a string, not {_describe(value)}{hint}")
        self._check_nested(value, (*path, key))
        return _BAD

    def _strings(
        self, obj: dict, path: JsonPath, key: str, known: dict[str, int] | None
    ) -> list[str]:
        """A list of strings; with ``known``, each must be one of its keys (an actor id)."""
        value = obj.get(key, _ABSENT)
        if value is _ABSENT:
            return []
        if type(value) is not list:
            self._wrong((*path, key), value, "a list of strings")
            return _BAD
        out = []
        for j, item in enumerate(value):
            if type(item) is not str:
                self._wrong((*path, key, j), item, "a string")
            elif known is not None and item not in known:
                self.add((*path, key, j), f"names the actor {_show(item)}, which is not in "
                         '"actors": add an actor with this id, or correct the id')
            else:
                out.append(sys.intern(item))
        return out if len(out) == len(value) else _BAD

    def _list(self, obj: dict, path: JsonPath, key: str, what: str, *, required: bool) -> list:
        value = obj.get(key, _ABSENT)
        if type(value) is list:
            return value
        if value is _ABSENT:
            if required:
                self.add((*path, key), f'is missing: add "{key}": [] and list the {what} in it')
            return []
        self._wrong((*path, key), value, f"a list of {what}")
        return []

    def _date(
        self, obj: dict, path: JsonPath, key: str, *, required: bool, nullable: bool
    ) -> DateEntry | None:
        value = obj.get(key, _ABSENT)
        where = (*path, key)
        if value is _ABSENT or (value is None and nullable):
            if required:
                self.add(where, f'is missing: add "{key}": "YYYY-MM-DD" (or YYYY, YYYY-MM)')
                return _BAD
            return None
        if type(value) is not str:
            self.add(where, f'must be a date string such as "2019-04-04", not {_describe(value)}')
            self._check_nested(value, where)
            return _BAD
        entry = self.dates.get(value) or self._parse_date(value)
        if entry is not None:
            return entry
        self.add(where, self.bad_dates[value])
        return _BAD

    def _parse_date(self, text: str) -> DateEntry | None:
        """Parse and cache, the failures too (with their message); None when bad."""
        if text in self.bad_dates:
            return None
        try:
            date = parse_iso(text)
        except DateError as exc:
            message = str(exc)
            if text not in message:
                message = f"{_show(text)} is not a real date: {message}"
            self.bad_dates[text] = message
            return None
        entry = (date, date.to_seconds(), date.end_seconds())
        self.dates[text] = entry
        return entry

    def _offset(self, obj: dict, path: JsonPath, key: str) -> int:
        value = obj.get(key, _ABSENT)
        where = (*path, key)
        what = "a whole number of characters from the start of the source text, counted from 0"
        if value is _ABSENT:
            self.add(where, f'is missing: add "{key}": {what}')
        elif type(value) is _NotJson:
            self.add(where, value.advice)
        elif type(value) is not int:
            self.add(where, f"must be {what}, not {_describe(value)}")
        elif (problem := offset_problem(value)) is not None:
            self.add(where, problem)
        else:
            return value
        return _BAD

    # --- unknown fields and values that JSON allows but a timeline does not ---------------------
    def _extra(self, obj: dict, path: JsonPath, known: frozenset[str]) -> dict:
        """Unknown fields in file order, kept as they are so that saving preserves them."""
        if known.issuperset(obj):
            return NO_EXTRA
        extra = {k: v for k, v in obj.items() if k not in known}
        for key, value in extra.items():
            if type(value) in _SUSPECT:  # strings, booleans and null are always fine
                self._check_free(value, (*path, key))
        return extra

    def _wrong(self, path: JsonPath, value: Any, expected: str) -> None:
        self.add(path, f"must be {expected}, not {_describe(value)}")
        self._check_nested(value, path)

    def _check_nested(self, value: Any, path: JsonPath) -> None:
        """In a wrong container, also report what is wrong inside (NaN, depth...)."""
        if type(value) in (dict, list):
            self._check_free(value, path)

    def _check_free(self, value: Any, path: JsonPath) -> None:
        """Report what no JSON value of a timeline may hold, at any depth.

        Unknown fields are kept and written back, so they must be JSON that other tools
        read: no NaN or infinities, no integers beyond 18 digits, no absurd nesting.
        The value at ``path`` is at nesting level ``len(path) + 1`` (the root is 1).
        """
        stack = [(value, path, len(path) + 1)]
        while stack:
            item, where, level = stack.pop()
            kind = type(item)
            if kind is dict or kind is list:
                if level > MAX_DEPTH:
                    self.add(where, _too_deep_message())
                    continue
                pairs = item.items() if kind is dict else enumerate(item)
                stack.extend(
                    (v, (*where, k), level + 1)
                    for k, v in pairs
                    if type(v) in _SUSPECT
                )
            elif kind is float:
                if not math.isfinite(item):
                    self.add(where, "is a number too large for JSON readers (it overflows to "
                             "infinity): correct it, or write it as a string")
            elif kind is int:
                if item >= _BIG or item <= -_BIG:
                    self.add(where, _too_many_digits(_digits(item)))
            elif kind is _NotJson:
                self.add(where, item.advice)

    def check_surrogates(self, root: Any) -> None:
        """Report strings with an unpaired surrogate (an escape like \\ud800 alone).

        Such a string is not Unicode: it cannot be saved as UTF-8 or shown.  Only run
        when the file has such an escape, since it visits every string.
        """
        search = _SURROGATE.search
        for path, value in _containers(root):
            if type(value) is dict:
                for key, item in value.items():
                    if search(key):
                        self.add((*path, key), "this name " + _SURROGATE_ADVICE, at_key=True)
                    if type(item) is str and search(item):
                        self.add((*path, key), "this text " + _SURROGATE_ADVICE)
            else:
                for index, item in enumerate(value):
                    if type(item) is str and search(item):
                        self.add((*path, index), "this text " + _SURROGATE_ADVICE)


_SUSPECT = (dict, list, float, int, _NotJson)
_SURROGATE_ADVICE = (
    "contains an unpaired surrogate escape (such as \\ud800), which is not a character: "
    "remove it, or write the character it was meant to be"
)
