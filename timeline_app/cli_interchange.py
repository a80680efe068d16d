"""The command line's conversions to and from other formats: ACLED CSV, TimelineJS
JSON and our CSV table (``core.interchange``).

``timeline-app --export-filename OUT.csv IN.json`` writes the events of IN as CSV;
``--export-type timelinejs`` writes TimelineJS (JSON, so the extension cannot tell);
an input that is not a timeline of ours is imported first, its type told by its
extension and content or by ``--import-type``.  Rows an import cannot read are listed
and nothing is written, unless ``--import-partial`` says to import the rest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline_app.core.fileformat.problems import printable
from timeline_app.core.interchange.formats import (
    EXPORT_TYPES,
    IMPORT_TYPES,
    export_document,
    import_kind,
    import_path,
)
from timeline_app.core.model import Document

__all__ = ["add_interchange_arguments", "check_imported", "importable", "run_interchange",
           "wants_interchange"]

EXIT_OK, EXIT_PROBLEMS = 0, 1


def add_interchange_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of conversions (``--export-type`` lists their types too)."""
    parser.add_argument(
        "--import-type", choices=IMPORT_TYPES,
        help="read FILE as this type (by default from its extension and content: a .csv "
        "is ACLED's when its header names ACLED's columns, else ours)")
    parser.add_argument(
        "--import-partial", action="store_true",
        help="when some rows of FILE cannot be imported, list them and import the rest "
        "(without it, nothing is written)")
    parser.add_argument("--csv-bom", action="store_true",
                        help="start a CSV export with a byte order mark (for Excel)")


def _head(name: str) -> bytes:
    try:
        with open(name, "rb") as f:
            return f.read(65536)
    except OSError:
        return b""


def importable(name: str, import_type: str | None) -> str | None:
    """The import type of FILE, or None for a timeline of ours."""
    return import_type or import_kind(name, _head(name))


def _export_type(args: argparse.Namespace) -> str | None:
    if args.export_type in EXPORT_TYPES:
        return str(args.export_type)
    if args.export_type is None and Path(args.export_filename).suffix.lower() == ".csv":
        return "csv"
    return None


OWN_EXPORT_TYPES = {"json", "png", "svg", "pdf"}
"""Export types of the ordinary export (our JSON and images), not of this module."""


def wants_interchange(args: argparse.Namespace) -> bool:
    """Whether an export reads or writes another format (else the ordinary export)."""
    if args.export_type is not None:
        return args.export_type not in OWN_EXPORT_TYPES or \
            importable(args.files[0], args.import_type) is not None
    return _export_type(args) is not None or importable(args.files[0], args.import_type) \
        is not None


def _err(text: str) -> None:
    print(printable(text), file=sys.stderr)


def _read(name: str, import_type: str | None, partial: bool) -> Document | None:
    kind = importable(name, import_type)
    if kind is None:
        from timeline_app.core.fileformat.loader import load_path

        loaded = load_path(name)
        for problem in loaded.problems:
            print(problem)
        return loaded.document if loaded.ok else None
    result = import_path(name, kind)
    for problem in result.problems:
        print(problem)
    if result.document is None:
        return None
    if result.problems and not partial:
        n = len(result.problems)
        _err(f"{name}: nothing written: {n} row{'s' if n != 1 else ''} cannot be imported; "
             "fix them, or give --import-partial to import the others")
        return None
    return result.document


def run_interchange(args: argparse.Namespace) -> int:
    source, out = args.files[0], args.export_filename
    kind = _export_type(args)
    suffix = Path(out).suffix.lower()
    if kind is None and args.export_type not in (None, "json"):
        _err(f"--export-type {args.export_type}: use one of {', '.join(EXPORT_TYPES)}")
        return 2
    if kind is None and suffix != ".json":
        _err(f"{out}: an import is written as .json (a timeline of ours), .csv, or "
             "TimelineJS with --export-type timelinejs")
        return 2
    doc = _read(source, args.import_type, args.import_partial)
    if doc is None:
        return EXIT_PROBLEMS
    from timeline_app.core.fileformat.storage import SaveError, atomic_write_bytes, save_document

    try:
        if kind is None:
            save_document(doc, out, keep_backup=False)
            return EXIT_OK
        result = export_document(doc, kind, bom=args.csv_bom)
        atomic_write_bytes(out, result.data, keep_backup=False)
    except SaveError as exc:
        _err(str(exc))
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        _err(f"{out}: not written: {exc.strerror or exc}")
        return EXIT_PROBLEMS
    for what in result.lost:
        _err(f"{out}: {kind} cannot carry {what}")
    return EXIT_OK


def check_imported(name: str, kind: str) -> tuple[Document | None, bool]:
    """``--check`` of a file to import: prints its problems; (document, whether clean)."""
    result = import_path(name, kind)
    for problem in result.problems:
        print(problem)
    return result.document, not result.problems
