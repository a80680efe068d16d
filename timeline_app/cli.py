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
from timeline_app.core.interchange.formats import EXPORT_TYPES as INTERCHANGE_TYPES
from timeline_app.core.model import Document
from timeline_app.paths import default_timeline_path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

JSON_EXPORTS = {".json"}
IMAGE_EXPORTS = {".png", ".svg", ".pdf"}
EXPORT_TYPES = ("png", "svg", "pdf", "json")


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
        help="write FILE to OUT without opening a window: the timeline as an image "
        "(.png, .svg, .pdf) or the canonical form of FILE (.json)",
    )
    parser.add_argument("--export-type", choices=(*EXPORT_TYPES, *INTERCHANGE_TYPES),
                        help="the type of OUT (default: from its extension; TimelineJS is "
                        "JSON, so it needs --export-type timelinejs)")
    parser.add_argument("--export-width", type=int, metavar="PX", default=1600,
                        help="image width in pixels at scale 1 (default 1600)")
    parser.add_argument("--export-height", type=int, metavar="PX",
                        help="image height in pixels at scale 1 (default: as tall as the "
                        "timeline, legend and notes need)")
    parser.add_argument("--export-scale", type=float, metavar="N", default=1.0,
                        help="pixel density: 2 gives twice the pixels each way (default 1)")
    parser.add_argument("--export-from", metavar="DATE",
                        help="first day shown, e.g. 2019-04-04 or 'April 2019' (default: "
                        "the extent the window fits)")
    parser.add_argument("--export-to", metavar="DATE", help="last day shown")
    parser.add_argument("--export-background", choices=("white", "transparent"),
                        default="white", help="image background (default white)")
    parser.add_argument("--export-no-heading", action="store_true",
                        help="leave out the title and range above the timeline")
    parser.add_argument("--export-no-legend", action="store_true",
                        help="leave out the legend of colours and marks")
    parser.add_argument("--export-no-notes", action="store_true",
                        help="leave out the numbered source notes")
    add_interchange_arguments(parser)
    add_find_dates_options(parser)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def add_find_dates_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("finding dates in an article")
    group.add_argument("--find-dates", metavar="ARTICLE",
                       help="print every date mention in the text file ARTICLE (UTF-8) with "
                       "its offsets, date, precision and how it was read")
    group.add_argument("--published", metavar="YYYY-MM-DD",
                       help="the article's publication date, which relative dates ('on "
                       "Saturday', 'two weeks ago') count from; without it they are refused")
    group.add_argument("--json", action="store_true",
                       help="with --find-dates: print a JSON list of the mentions")


def run_find_dates(article: str, published: str | None, as_json: bool) -> int:
    """``--find-dates``: one line per mention (or a JSON list), in text order."""
    import json

    from timeline_app.core.dates.mentions import find_mentions
    from timeline_app.core.dates.partial import DateError, Precision, parse_iso

    reference = None
    if published is not None:
        try:
            reference = parse_iso(published)
        except DateError as exc:
            print(printable(f"--published {published}: {exc}"), file=sys.stderr)
            return EXIT_USAGE
        if reference.precision is not Precision.DAY or reference.approximate:
            print(printable(f"--published {published}: give the day, YYYY-MM-DD"),
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        text = Path(article).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"{article}: cannot be read: {exc}")
    mentions = find_mentions(text, reference)
    if as_json:
        print(json.dumps([m.as_dict() for m in mentions], ensure_ascii=False, indent=2))
        return EXIT_OK
    for m in mentions:
        alternatives = ", ".join(a.iso() for a in m.alternatives) or "-"
        fields = [f"{m.start}-{m.end}", " ".join(m.text.split()), m.date or "unresolved",
                  f"precision={m.precision.label if m.precision is not None else '-'}",
                  f"approximate={'yes' if m.approximate else 'no'}",
                  f"ambiguous={'yes' if m.ambiguous else 'no'}",
                  f"alternatives={alternatives}", m.explanation]
        print("\t".join(printable(field) for field in fields))  # the text may hold anything
    return EXIT_OK


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


def _fail(message: str) -> int:
    print(printable(message), file=sys.stderr)
    return EXIT_PROBLEMS


def export_kind(out: str, export_type: str | None) -> str | None:
    """The type to write: ``--export-type``, else OUT's extension; None if neither says."""
    if export_type:
        return export_type
    suffix = Path(out).suffix.lower()
    return suffix[1:] if suffix in JSON_EXPORTS | IMAGE_EXPORTS else None


def export_range(args: argparse.Namespace) -> tuple[float, float] | str | None:
    """The times ``--export-from`` and ``--export-to`` give, None for neither, or the
    message of a date that cannot be read."""
    if args.export_from is None and args.export_to is None:
        return None
    from timeline_app.core.dates.partial import DateError
    from timeline_app.core.dates.text import parse_text  # dateutil: only when asked

    bounds: list[float | None] = [None, None]
    for k, (option, text) in enumerate((("--export-from", args.export_from),
                                        ("--export-to", args.export_to))):
        if text is None:
            continue
        try:
            date = parse_text(text)
        except DateError as exc:
            return f"{option} {text}: not a date: {exc}"
        bounds[k] = date.to_seconds() if k == 0 else date.end_seconds()
    return bounds  # type: ignore[return-value]


def run_export(source: str, out: str, args: argparse.Namespace) -> int:
    kind = export_kind(out, args.export_type)
    if kind is None:
        suffix = Path(out).suffix.lower()
        kinds = ", ".join(sorted(JSON_EXPORTS | IMAGE_EXPORTS))
        print(printable(f"{out}: cannot export to {suffix or 'a file without extension'}; "
                        f"use {kinds} or --export-type"), file=sys.stderr)
        return EXIT_USAGE
    time_range = export_range(args)
    if isinstance(time_range, str):
        return _fail(time_range)
    result = load_path(source)
    if result.document is None or result.problems:
        first = str(result.problems[0]) if result.problems else f"{source}: cannot be read"
        more = len(result.problems) - 1
        return _fail(f"{first}" + (f" (and {more} more problem{'s' if more > 1 else ''}; "
                                   "see --check)" if more > 0 else ""))
    if kind == "json":
        from timeline_app.core.fileformat.storage import SaveError, save_document

        try:
            save_document(result.document, out, keep_backup=False)
        except SaveError as exc:
            return _fail(str(exc))
        return EXIT_OK
    from timeline_app.core.view.export_layout import ExportParts
    from timeline_app.gui.timeline.export import ExportOptions
    from timeline_app.gui.timeline.headless import export_image

    parts = ExportParts(heading=not args.export_no_heading, legend=not args.export_no_legend,
                        notes=not args.export_no_notes)
    options = ExportOptions(width=args.export_width, height=args.export_height,
                            scale=args.export_scale, time_range=time_range, parts=parts,
                            transparent=args.export_background == "transparent", format=kind)
    return export_image(result.document, out, options)


def _program_name(default: str) -> str:
    """How the user started the program: the bundle's own name, or ``timeline-app``."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return name if name and not name.endswith(".py") and name != "-c" else default


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
    if args.find_dates is not None:
        if args.check or args.export_filename or args.files:
            parser.error("--find-dates goes alone (with --published and --json)")
        return run_find_dates(args.find_dates, args.published, args.json)
    if args.published is not None or args.json:
        parser.error("--published and --json go with --find-dates")
    if args.check:
        if args.export_filename:
            parser.error("--check and --export-filename do not go together")
        if not args.files:
            parser.error("--check needs at least one FILE")
        return run_check(args.files, args.import_type)
    if args.export_filename:
        if len(args.files) != 1:
            parser.error("--export-filename needs exactly one FILE")
        if wants_interchange(args):
            return run_interchange(args)
        return run_export(args.files[0], args.export_filename, args)
    if len(args.files) > 1:
        parser.error("open one FILE at a time")
    from timeline_app.gui.window.display import missing_display_message

    no_display = missing_display_message(_program_name(parser.prog))
    if no_display is not None:  # before Qt, which would abort with a misleading message
        print(no_display, file=sys.stderr)
        return EXIT_USAGE
    from timeline_app.gui.window.app import run_app

    path = args.files[0] if args.files else os.fspath(default_timeline_path())
    return run_app(path)


if __name__ == "__main__":
    raise SystemExit(main())
