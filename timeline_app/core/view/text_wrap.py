"""Text broken into lines no wider than a width, measured by the caller's fonts."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["wrap_text"]


def wrap_text(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a word wider than
    the line is broken between characters).  ``measure(text)`` gives a width."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width or (not line and not word):
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while measure(line) > width and len(line) > 1:
                lo, hi = 1, len(line) - 1  # the longest prefix that fits, at least 1
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if measure(line[:mid]) <= width:
                        lo = mid
                    else:
                        hi = mid - 1
                lines.append(line[:lo])
                line = line[lo:]
        lines.append(line)
    return lines
