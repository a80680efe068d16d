"""Read a timeline file: bytes to a validated ``Document``, or to a list of located problems.

A file is either loaded completely and correctly or not at all: the window and the
``--check`` command get every problem at once, each with the file, line, column and
JSON path to fix, and a message that says what to do.  No input raises; anything
unexpected becomes a problem asking for a report.

One path, in four steps, each in a module named for it:

1. ``reading``: the file's bytes (or why they cannot be read);
2. ``byte_scan``: one numpy pass over the bytes counts the quotes that delimit strings,
   without holding the interpreter lock.  Every such quote opens or closes a key or a
   string value, and a repeated key loses at least one key from the parsed tree, so
   equal counts prove that no key was repeated (``json_tree.count_strings``);
3. ``decoding``: msgspec parses the bytes, in pieces for a big file, and ``validation``
   turns each piece's events into the model's objects as they come;
4. when validation reported a problem, ``jsonpos`` places each at its line and column;
   when the decoder refused the file or the counts differ, ``locating`` parses it again
   with the stdlib parser, which accepts what msgspec refuses (NaN, lone surrogates,
   huge integers) so that it can be reported with its path, names the place of a
   syntax error, and names repeated keys.

The garbage collector is paused while millions of containers are made (none of them
form cycles), and what is kept is moved out of its generations (``gc_pause``).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.fileformat.byte_scan import ByteCounts, count_bytes
from timeline_app.core.fileformat.decoding import (
    LoadCancelled,
    Progress,
    Refused,
    decode_document,
)
from timeline_app.core.fileformat.locating import locate
from timeline_app.core.fileformat.problems import Problem, Report
from timeline_app.core.fileformat.reading import (
    internal_error,
    path_text,
    read_file,
    size_text,
    too_big,
)
from timeline_app.core.fileformat.spec import (
    DEFAULT_MAX_BYTES,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_DEPTH,
)
from timeline_app.core.fileformat.validation import Validator
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Document

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



@dataclass
class LoadResult:
    """What reading a file gave: a document, or the problems that prevented it."""

    document: Document | None
    problems: list[Problem] = field(default_factory=list)
    # Each event's position by its id, when the load had them at hand (it makes them to
    # refuse a repeated id): the derived state takes them instead of making them again.
    positions: dict[str, int] | None = field(default=None, compare=False, repr=False)

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
    the name the user typed.
    """
    name = display_name if display_name is not None else path_text(path)
    try:
        data = read_file(path, name, max_bytes)
    except Exception as exc:  # last line of defence: report, never raise
        return _failure(name, internal_error(exc))
    if isinstance(data, Problem):
        return LoadResult(None, [data])
    holder: list[bytes | bytearray] = [data]
    del data  # the load frees the bytes once it has decoded them
    return load_handed_over(holder, name, max_bytes)


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

    ``progress`` is called as the events of a big file are checked (a few times a
    second); when it returns False the load stops and raises ``LoadCancelled``.
    """
    size = len(holder[0])
    try:
        with gc_paused(keep=True):
            return _load(holder, display_name, max_bytes, progress)
    except LoadCancelled:
        raise
    except MemoryError:
        return _failure(
            display_name,
            f"not enough memory to read this file ({size_text(size)}): "
            "close other programs, or split the timeline into smaller files",
        )
    except Exception as exc:  # last line of defence: report, never raise
        return _failure(display_name, internal_error(exc))


def document_from_json(
    obj: Any, display_name: str, text_for_positions: str | None = None
) -> LoadResult:
    """Validate an already parsed JSON value (for example one built in memory).

    Positions are given only when the text it was parsed from is passed, and duplicate
    keys cannot be detected any more: use ``load_bytes`` for files.
    """
    try:
        report = Report(display_name)
        document = Validator(report).document(obj)
        if report:
            return LoadResult(None, report.problems(text_for_positions))
        return LoadResult(document, [])
    except Exception as exc:  # last line of defence: report, never raise
        return _failure(display_name, internal_error(exc))


def _load(
    holder: list[bytes | bytearray], name: str, max_bytes: int, progress: Progress | None
) -> LoadResult:
    data = holder.pop()
    if len(data) > max_bytes:
        return _failure(name, too_big(len(data), max_bytes))
    if data.startswith(codecs.BOM_UTF8):  # editors on Windows add one; it means nothing
        if isinstance(data, bytearray):
            del data[: len(codecs.BOM_UTF8)]  # in place, at once: no copy of a big file
        else:
            data = data[len(codecs.BOM_UTF8) :]
    with _counting(data) as counted:
        try:
            document, validator = decode_document(data, name, progress)
        except Refused:
            document = validator = None
    delimiters = counted().delimiters
    if validator is not None:
        if delimiters == 2 * validator.strings:  # no key was repeated
            if not validator.report:
                return LoadResult(document, [], validator.event_ids)
            # What msgspec accepts, json.loads parses alike: the problems are those the
            # located pass would find, and only need their places.
            del document
            return LoadResult(None, validator.report.problems(data.decode("utf-8")))
        del document, validator
    document, problems = locate(data, name, delimiters)
    return LoadResult(document, problems)


@contextmanager
def _counting(data: bytes | bytearray) -> Iterator[Callable[[], ByteCounts]]:
    """Count the bytes of ``data`` while the block decodes it; the counts after it.

    ``count_bytes`` gives up the interpreter lock, so a big file's quotes are counted on
    a thread of its own, on another core, instead of before the decoder starts (50 ms
    for 100 MB).  The block must not resize ``data``.
    """
    if len(data) < _COUNT_ASIDE_BYTES:
        counts = count_bytes(data)
        yield lambda: counts
        return
    with ThreadPoolExecutor(1, "byte-scan") as pool:
        future = pool.submit(count_bytes, data)
        yield future.result


_COUNT_ASIDE_BYTES = 4 * 1024 * 1024


def _failure(name: str, message: str) -> LoadResult:
    return LoadResult(None, [Problem(name, message)])
