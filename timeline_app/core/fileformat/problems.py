"""Problems found in a file, each located so that a user can go and fix it.

One format for every consumer: the ``--check`` command prints ``str(problem)``, the
window lists the same strings, and tests compare against them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "format_path"]


def format_path(parts: tuple[str | int, ...]) -> str:
    """JSON path in the ``$.events[3].start`` notation that jq and JSONPath users know."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.isidentifier():
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
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
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        if self.path:
            return f"{self.location()}: {format_path(self.path)}: {self.message}"
        return f"{self.location()}: {self.message}"
