"""The located pass: a file the fast decoder refused, or one with problems, explained.

``decoding`` parses with msgspec, which says little about what is wrong and nothing
about where.  When it refuses a file, or validation finds a problem, or the quotes do
not add up (a key may be repeated), the file goes through this pass instead: the text
is parsed by the stdlib ``json`` module, which accepts what a timeline must not hold
(NaN, lone surrogates, huge integers) so that it can be reported with its path, and
names the place of a syntax error; the tree is validated afresh; repeated keys are
named by parsing again with a hook; every problem is placed at its line and column
(``jsonpos``).  The result is what the fast path would give if it could explain: the
same document when there is nothing to report.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from timeline_app.core.fileformat.json_tree import NotJson, containers
from timeline_app.core.fileformat.jsonpos import JsonPath, first_too_deep, line_column
from timeline_app.core.fileformat.problems import Problem, Report
from timeline_app.core.fileformat.rules import too_deep_message, too_many_digits
from timeline_app.core.fileformat.spec import MAX_DEPTH
from timeline_app.core.fileformat.validation import Validator
from timeline_app.core.model import Document

__all__ = ["duplicate_keys", "locate", "restore_advice"]

_ONLY_SPACE = re.compile(r"\s*\Z")
# Where a lone surrogate may hide: any \u escape of a surrogate.  Only decides whether
# the parsed strings are searched, so finding too much costs a little time, never a
# miss ("\\ud83d\ude00" is a backslash, "ud83d" and a lone \ude00: the search of the
# parsed strings is what tells).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def locate(
    data: bytes | bytearray, name: str, delimiters: int
) -> tuple[Document | None, list[Problem]]:
    """Parse, validate and locate: the document, or the problems with their places.

    ``delimiters`` is the number of quotes that open or close a string in ``data``
    (``byte_scan``): when the parsed tree has fewer strings, a key was repeated.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(data, exc, name)]
    surrogates = _SURROGATE_ESCAPE.search(data) is not None
    del data
    if not text or text.isspace():
        return None, [Problem(name, f"the file is empty: {restore_advice(name)}")]
    parsed = _parse(text, name)
    if isinstance(parsed, Problem):
        return None, [parsed]
    root, safe_ints = parsed
    report = Report(name)
    validator = Validator(report)
    if surrogates:
        _check_surrogates(report, root)  # before the tree is converted
    document = validator.document(root)
    del root
    if delimiters != 2 * validator.strings:
        _report_duplicate_keys(report, text, safe_ints)
    if report:
        return None, report.problems(text)
    return document, []


# --- parsing with the stdlib ------------------------------------------------------------------


def _parse(text: str, name: str) -> tuple[Any, bool] | Problem:
    """The JSON value of ``text`` and whether ints had to be parsed by hand, or a problem.

    Python refuses to convert an integer of more than 4300 digits.  Then the text is
    parsed again with a hook for every int (slower), so that the number is reported
    with its path like any other wrong value.
    """
    for safe_ints in (False, True):
        try:
            return _loads(text, safe_ints=safe_ints), safe_ints
        except json.JSONDecodeError as exc:
            return _syntax_problem(text, exc, name)
        except RecursionError:
            return _too_deep_problem(text, name)
        except ValueError as exc:
            if safe_ints or "digits" not in str(exc):
                raise
    raise AssertionError("unreachable")  # the second pass returns or raises


def _loads(text: str, *, safe_ints: bool, pairs_hook: Callable[..., Any] | None = None) -> Any:
    kwargs: dict[str, Any] = {"parse_constant": NotJson.constant}
    if safe_ints:
        kwargs["parse_int"] = _safe_int
    if pairs_hook is not None:
        kwargs["object_pairs_hook"] = pairs_hook
    return json.loads(text, **kwargs)


def _safe_int(digits: str) -> int | NotJson:
    try:
        return int(digits)
    except ValueError:
        count = len(digits.lstrip("-"))
        return NotJson(f"a number of {count} digits", too_many_digits(count))


# --- problems of the text itself --------------------------------------------------------------


def _not_utf8(data: bytes | bytearray, exc: UnicodeDecodeError, name: str) -> Problem:
    """Locate the first byte that is not UTF-8; columns count the characters before it."""
    bad = exc.start
    line_start = max(data.rfind(b"\n", 0, bad), data.rfind(b"\r", 0, bad)) + 1
    line = data.count(b"\n", 0, bad) + data.count(b"\r", 0, bad) - data.count(b"\r\n", 0, bad)
    column = len(data[line_start:bad].decode("utf-8", "replace")) + 1
    if data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        advice = "the file is UTF-32: save it again as UTF-8"
    elif data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        advice = "the file is UTF-16: save it again as UTF-8"
    else:
        advice = (
            "the file is probably in another encoding (such as Windows-1252 or Latin-1): "
            "save it again as UTF-8"
        )
    return Problem(
        name,
        f"not UTF-8 text: byte 0x{data[bad]:02X} cannot be decoded; {advice}",
        line=line + 1,
        column=column,
    )


def _syntax_problem(text: str, exc: json.JSONDecodeError, name: str) -> Problem:
    # Not exc.lineno: json counts only "\n", and old Mac files end lines with "\r".
    line, column = line_column(text, exc.pos)
    return Problem(
        name, f"not valid JSON: {exc.msg}; {_syntax_advice(text, exc, name)}",
        line=line, column=column,
    )


def restore_advice(name: str) -> str:
    """What to do about a file cut off, or emptied, while it was saved or copied."""
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
        wide = "UTF-32" if "\x00\x00\x00" in text[:1000] else "UTF-16"
        return f"the file contains NUL characters and may be {wide}: save it again as UTF-8"
    if text.startswith(("//", "/*", "#"), pos):
        return "JSON does not allow comments: remove it, or keep the note in a field"
    if before.endswith(",") and text[pos : pos + 1] in ("}", "]"):
        return "remove the comma after the last item"
    if exc.msg.startswith("Unterminated string") or _ONLY_SPACE.match(text, pos):
        return f"the file ends too early; {restore_advice(name)}"
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
        return Problem(name, too_deep_message())
    path, offset = found
    line, column = line_column(text, offset)
    return Problem(name, too_deep_message(), path, line, column)


# --- lone surrogates ------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ADVICE = (
    "contains an unpaired surrogate escape (such as \\ud800), which is not a character: "
    "remove it, or write the character it was meant to be"
)


def _check_surrogates(report: Report, root: Any) -> None:
    """Report every key and string with a lone surrogate (``Problem`` shows it escaped).

    Such a string is not Unicode: it cannot be saved as UTF-8 or shown.  The parser
    joins a high and a low surrogate escape into one character, so what is left in
    the parsed strings is exactly what was unpaired in the file.
    """
    search = _SURROGATE.search
    for path, value in containers(root):
        if type(value) is dict:
            for key, item in value.items():
                if search(key):
                    report.add((*path, key), "this name " + _SURROGATE_ADVICE, at_key=True)
                if type(item) is str and search(item):
                    report.add((*path, key), "this text " + _SURROGATE_ADVICE)
        else:
            for index, item in enumerate(value):
                if type(item) is str and search(item):
                    report.add((*path, index), "this text " + _SURROGATE_ADVICE)


# --- repeated keys ----------------------------------------------------------------------------


def _report_duplicate_keys(report: Report, text: str, safe_ints: bool) -> None:
    try:
        found = duplicate_keys(text, safe_ints)
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


def duplicate_keys(text: str, safe_ints: bool) -> list[tuple[JsonPath, str]]:
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

    root = _loads(text, safe_ints=safe_ints, pairs_hook=hook)
    if not repeated:
        return []
    paths = _known_places(root, repeated.keys())
    if len(paths) < len(repeated):  # some are inside unknown fields: look everywhere
        paths = {id(value): path for path, value in containers(root) if id(value) in repeated}
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
