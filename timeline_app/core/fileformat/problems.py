"""Problems found in a file, each located so that a user can go and fix it.

One format for every consumer: the ``--check`` command prints ``str(problem)``, the
window lists the same strings, and tests compare against them.

A problem quotes the file (its name, keys, values), which may hold anything, so every
part of the line goes through ``printable``: a problem stays one line, and nothing in
it can drive a terminal (an ESC sequence) or reorder the text around it (a bidi
control).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Problem", "format_path", "printable"]

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
