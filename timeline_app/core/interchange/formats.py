"""Which format a file is in, and importing or exporting it: what the command line and
the window call.

A ``.json`` file is TimelineJS when it has an ``events`` list and no ``format`` of
ours; a ``.csv`` file is ACLED's when its header names ACLED's columns
(``event_date``, ``actor1``, ``event_type``), else ours.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.reading import read_file
from timeline_app.core.fileformat.spec import DEFAULT_MAX_BYTES
from timeline_app.core.interchange.acled import is_acled_header, read_acled
from timeline_app.core.interchange.common import ExportResult, ImportResult, decode_table
from timeline_app.core.interchange.csv_table import read_csv_table, write_csv_table
from timeline_app.core.interchange.timelinejs import (
    is_timelinejs,
    read_timelinejs,
    write_timelinejs,
)
from timeline_app.core.model import Document

__all__ = ["EXPORT_TYPES", "IMPORT_TYPES", "export_document", "import_kind", "import_path"]

IMPORT_TYPES = ("acled", "timelinejs", "csv")
EXPORT_TYPES = ("timelinejs", "csv")


def import_kind(path: str | os.PathLike[str], head: bytes) -> str | None:
    """The import type of a file, from its extension and its first bytes; None for a
    file of ours (or of no known kind)."""
    suffix = Path(path).suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        first = decode_table(head.split(b"\n", 1)[0])[0]
        names = [n.strip().strip('"') for n in first.split(",")]
        return "acled" if is_acled_header(names) else "csv"
    if suffix == ".json":
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
        if b'"format"' in start:
            return None
        if b'"events"' in head and (b'"start_date"' in head or b'"headline"' in head):
            return "timelinejs"
    return None


def import_path(path: str | os.PathLike[str], kind: str | None = None,
                display_name: str | None = None) -> ImportResult:
    """Import the file at ``path`` as ``kind`` (found from the file when None)."""
    name = display_name if display_name is not None else os.fspath(path)
    data = read_file(path, name, DEFAULT_MAX_BYTES)
    if isinstance(data, Problem):
        return ImportResult(None, [data])
    data = bytes(data)
    kind = kind or import_kind(path, data[:65536])
    if kind in {"acled", "csv"}:
        text, _ = decode_table(data)
        if kind == "csv" and is_acled_header(text.split("\n", 1)[0].split(",")):
            kind = "acled"
        return _titled((read_acled if kind == "acled" else read_csv_table)(text, name), name, path)
    if kind == "timelinejs":
        try:
            text = data.decode("utf-8-sig")
            value = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return ImportResult(None, [Problem(name, f"not readable JSON: {exc}")])
        except RecursionError:
            return ImportResult(None, [Problem(name, "not readable: arrays or objects are "
                                               "nested too deeply")])
        if not is_timelinejs(value):
            return ImportResult(None, [Problem(name, 'not a TimelineJS file: it needs an '
                                               '"events" list')])
        return _titled(read_timelinejs(value, name, text), name, path)
    return ImportResult(None, [Problem(name, f"cannot tell the format: give one of "
                                       f"{', '.join(IMPORT_TYPES)}")])


def _titled(result: ImportResult, name: str, path: str | os.PathLike[str]) -> ImportResult:
    """A timeline whose file gives it no title is called after the file."""
    if result.document is not None and result.document.title == name:
        result.document.title = Path(path).stem
    return result


def export_document(doc: Document, kind: str, *, bom: bool = False) -> ExportResult:
    """``doc`` in the format ``kind`` (one of ``EXPORT_TYPES``)."""
    if kind == "csv":
        return write_csv_table(doc, bom=bom)
    if kind == "timelinejs":
        return write_timelinejs(doc)
    raise ValueError(f"cannot export to {kind!r}: use one of {', '.join(EXPORT_TYPES)}")
