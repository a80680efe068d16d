"""Problems found in a file, each located so that a user can go and fix it.

One format for every consumer: the ``--check`` command prints ``str(problem)``, the
window lists the same strings, and tests compare against them.  ``Report`` collects
the problems of one file by JSON path while it is checked and locates them at the end.

A problem quotes the file (its name, keys, values), which may hold anything, so every
part of the line goes through ``printable``: a problem stays one line, and nothing in
it can drive a terminal (an ESC sequence) or reorder the text around it (a bidi
control).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline_app.core.fileformat.jsonpos import JsonPath, find_offsets, line_columns

__all__ = ["Problem", "Report", "format_path", "printable"]

# Control characters (C0, DEL, C1), line and paragraph separators, bidirectional
# controls (marks, embeddings, overrides, isolates) and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _SHORT.get(ch) or f"\\u{ord(ch):04x}"


def printable(text: str) -> str:
    """``text`` on one line, with every character that a terminal or a text layout would
    act on instead of showing shown as its JSON escape (``\\n``, ``\\u001b``, ``\\u202e``).

    Other characters, backslashes included, are left as they are.
    """
    return _UNSAFE.sub(_escape, text)


def format_path(parts: tuple[str | int, ...]) -> str:
    """JSON path in the ``$.events[3].start`` notation that jq and JSONPath users know."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.isidentifier():
            out.append(f".{part}")
        else:
            escaped = printable(part.replace("\\", "\\\\").replace('"', '\\"'))
            out.append(f'["{escaped}"]')
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, where (file, line, column, JSON path), and what to do about it."""

    file: str
    message: str
    path: tuple[str | int, ...] = ()
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        loc = printable(self.file)
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        message = printable(self.message)
        if self.path:
            return f"{self.location()}: {format_path(self.path)}: {message}"
        return f"{self.location()}: {message}"


class Report:
    """Problems found so far in one file, by JSON path; located once, at the end.

    Checks only say *where in the tree* something is wrong; the line and column of
    each path are looked up in the text in one pass when the problems are wanted
    (``jsonpos``), which is far cheaper than keeping positions while parsing.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[tuple[JsonPath, str, bool]] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, path: JsonPath, message: str, *, at_key: bool = False) -> None:
        """``at_key`` places the problem at the second occurrence of the key, not its value."""
        self.items.append((path, message, at_key))

    def problems(self, text: str | None) -> list[Problem]:
        """Problems with line and column (when ``text`` is given), in file order."""
        positions = _positions(text, self.items) if text is not None else {}
        located = []
        for index, (path, message, _) in enumerate(self.items):
            line, column = positions.get(index, (None, None))
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

