"""The ``timeline-app`` command: the window, and the headless checks and exports.

Follows Inkscape's conventions (``--export-filename``, the type taken from the
extension) so that people who script one know the other.  Headless commands never
import Qt unless they draw, so ``--check`` is quick in scripts and CI.

Exit codes: 0 success, 1 a file has problems or could not be written, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline_app import APP_NAME, __version__
from timeline_app.cli_interchange import (
    add_interchange_arguments,
    check_imported,
    importable,
    run_interchange,
    wants_interchange,
)
from timeline_app.core.fileformat.loader import LoadResult, load_path
from timeline_app.core.fileformat.problems import printable
from timeline_app.core.model import Document
from timeline_app.paths import default_timeline_path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

JSON_EXPORTS = {".json"}
IMAGE_EXPORTS = {".png"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description=f"{APP_NAME}: events from news reports on a zoomable timeline.",
        epilog="With no option, opens FILE (or the default events.json) in the window.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="timeline files (.json)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="check every FILE and print its problems, FILE:LINE:COLUMN: PATH: message; "
        "exit 1 if any file has problems",
    )
    parser.add_argument(
        "-o",
        "--export-filename",
        metavar="OUT",
        help="write FILE to OUT without opening a window; the type comes from the "
        "extension: .json (the canonical form of FILE) or .png (the timeline as an image)",
    )
    parser.add_argument(
        "--export-width", type=int, metavar="PX", default=1600, help="PNG width (default 1600)"
    )
    parser.add_argument(
        "--export-height", type=int, metavar="PX", default=900, help="PNG height (default 900)"
    )
    add_interchange_arguments(parser)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def summary_line(name: str, doc: Document) -> str:
    """``events.json: OK, 5 events, 1 source, 2019-04-04 to 2020-12-19``.

    The name is printed with its control characters escaped, as in problems.
    """
    n_ev, n_src = len(doc.events), len(doc.sources)
    text = (
        f"{printable(name)}: OK, {n_ev} event{'s' if n_ev != 1 else ''}, "
        f"{n_src} source{'s' if n_src != 1 else ''}"
    )
    span = doc.date_span()
    if span:
        text += f", {span[0].iso()} to {span[1].iso()}"
    return text


def print_problems(result: LoadResult) -> None:
    for problem in result.problems:
        print(problem)


def run_check(files: Sequence[str], import_type: str | None = None) -> int:
    status = EXIT_OK
    for name in files:
        kind = importable(name, import_type)
        if kind is not None:  # a file to import: its rows' problems, or its summary
            doc, clean = check_imported(name, kind)
            if doc is not None and clean:
                print(summary_line(name, doc))
            else:
                status = EXIT_PROBLEMS
            continue
        result = load_path(name)
        if result.document is not None and not result.problems:
            print(summary_line(name, result.document))
        else:
            print_problems(result)
            status = EXIT_PROBLEMS
    return status


def run_export(source: str, out: str, width: int, height: int) -> int:
    suffix = Path(out).suffix.lower()
    if suffix not in JSON_EXPORTS | IMAGE_EXPORTS:
        kinds = ", ".join(sorted(JSON_EXPORTS | IMAGE_EXPORTS))
        print(printable(f"{out}: cannot export to {suffix or 'a file without extension'}; "
                        f"use {kinds}"), file=sys.stderr)
        return EXIT_USAGE
    result = load_path(source)
    if result.document is None or result.problems:
        print_problems(result)
        return EXIT_PROBLEMS
    if suffix in JSON_EXPORTS:
        from timeline_app.core.fileformat.storage import SaveError, save_document

        try:
            save_document(result.document, out, keep_backup=False)
        except SaveError as exc:
            print(printable(str(exc)), file=sys.stderr)
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return EXIT_PROBLEMS
        return EXIT_OK
    from timeline_app.gui.timeline.headless import export_image

    return export_image(result.document, out, width, height)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `timeline-app --check ... | head`: not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEMS


def _main(argv: Sequence[str] | None) -> int:
    # File names and problems quote the user's text, which may hold anything.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.check:
        if args.export_filename:
            parser.error("--check and --export-filename do not go together")
        if not args.files:
            parser.error("--check needs at least one FILE")
        return run_check(args.files, args.import_type)
    if args.export_filename:
        if len(args.files) != 1:
            parser.error("--export-filename needs exactly one FILE")
        if args.export_width <= 0 or args.export_height <= 0:
            parser.error("--export-width and --export-height must be positive")
        if wants_interchange(args):
            return run_interchange(args)
        return run_export(args.files[0], args.export_filename, args.export_width,
                          args.export_height)
    if len(args.files) > 1:
        parser.error("open one FILE at a time")
    from timeline_app.gui.window.app import run_app

    path = args.files[0] if args.files else os.fspath(default_timeline_path())
    return run_app(path)


if __name__ == "__main__":
    raise SystemExit(main())
