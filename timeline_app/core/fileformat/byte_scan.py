"""One pass over a file's raw bytes before parsing: its quotes and escapes.

The loader proves that no object repeats a key by comparing the number of string
delimiters in the text with the keys and strings it parsed (see ``loader``).  That
needs the unescaped ``"`` of the file counted, and whether any ``\\u`` escape
exists (only then can a lone surrogate hide in the text).

Why numpy: ``bytes.count`` walks a 770 MB file at about 1 GB/s for one byte and far
slower for ``\\"`` in text full of ``\\n`` escapes (1 s for a million events,
holding the interpreter lock all along).  Comparing slices as ``uint8`` arrays takes
a quarter of that and releases the lock, so a window loading the file on another
thread keeps repainting.  Slices also bound the temporary arrays to a few MB.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ByteCounts", "count_bytes", "count_sliced"]

SLICE = 2 * 1024 * 1024
"""Bytes compared per step: large enough to amortise numpy's call overhead, small
enough that the temporary arrays stay small (larger ones left the heap fragmented
for the document loaded next) and the lock is given up often."""

_QUOTE = ord('"')
_BACKSLASH = ord("\\")
_U = ord("u")


@dataclass(frozen=True, slots=True)
class ByteCounts:
    """What the pre-pass found in the raw bytes of a file."""

    quotes: int
    """Every ``"`` byte, escaped or not."""
    escaped_quotes: int
    """``"`` bytes preceded by an odd run of backslashes: escaped inside a string."""
    has_backslash: bool
    has_unicode_escape: bool
    """Some ``\\u`` exists (possibly inside ``\\\\u``, which is not an escape: callers
    use this only to skip the exact search when it is False)."""

    @property
    def delimiters(self) -> int:
        """Quotes that open or close a string: twice the strings of valid JSON."""
        return self.quotes - self.escaped_quotes


def count_bytes(data: bytes | bytearray, slice_size: int = SLICE) -> ByteCounts:
    """Count quotes and escapes of ``data`` in slices of ``slice_size`` bytes."""
    a = np.frombuffer(data, np.uint8)
    n = len(a)
    quotes = backslash_quotes = 0
    has_backslash = has_u = double = False
    for i in range(0, n, slice_size):
        piece = a[i : i + slice_size]
        quotes += int(np.count_nonzero(piece == _QUOTE))
        # Pairs and triples starting in this slice: the window reaches two bytes on.
        window = a[i : i + slice_size + 2]
        backslash = window == _BACKSLASH
        if not backslash.any():
            continue
        has_backslash = True
        m = len(piece)
        after = window[1:]
        escaped = backslash[:-1] & (after == _QUOTE)  # escaped[p]: a quote at p + 1
        backslash_quotes += int(np.count_nonzero(escaped[:m]))
        has_u = has_u or bool(np.any((backslash[:-1] & (after == _U))[:m]))
        # A quote after two backslashes: the run's length decides, counted exactly below.
        k = min(m, len(window) - 2)
        double = double or bool(np.any(backslash[:k] & escaped[1 : k + 1]))
    escaped_quotes = backslash_quotes
    if double:
        escaped_quotes = _odd_runs_before_quotes(data, slice_size)
    return ByteCounts(quotes, escaped_quotes, has_backslash, has_u)


def _odd_runs_before_quotes(data: bytes | bytearray, slice_size: int) -> int:
    """Quotes preceded by an odd number of backslashes, for text with ``\\\\"``.

    With N(k) the quotes preceded by at least k backslashes, that is
    N(1) - N(2) + N(3) - ...; rare enough (a Windows path ending a string) that
    ``bytes.count`` is fine.
    """
    escaped, sign, run = 0, 1, 1
    while count := count_sliced(data, b"\\" * run + b'"', slice_size):
        escaped += sign * count
        sign, run = -sign, run + 1
    return escaped


def count_sliced(data: bytes | bytearray, sub: bytes, slice_size: int = SLICE) -> int:
    """``data.count(sub)`` in slices, so that the lock is given up between them."""
    n = len(data)
    if n <= slice_size:
        return data.count(sub)
    extra = len(sub) - 1  # an occurrence starting in a slice may end past it
    return sum(
        data.count(sub, i, min(i + slice_size + extra, n)) for i in range(0, n, slice_size)
    )
