"""Where a JSON value sits in the text: line and column for a JSON path.

``json.loads`` forgets positions, and keeping them for every value of a 60 MB file would
cost more time and memory than the whole load.  Problems are rare, so the loader
parses at C speed and only when it has something to report asks this module where the
offending paths are.  One pass over the text answers every path at once: it walks
down only the containers that lead to a wanted path and skips everything else with
the C scanner of the ``json`` module, so even a large file is located in about the
time it takes to parse it.

Everything here is iterative (a file nested 100,000 levels deep must not overflow the
stack) and defensive: the functions are used to *explain* errors, so on text they do
not understand they return what they found so far instead of raising.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable

__all__ = [
    "JsonPath",
    "find_offsets",
    "first_too_deep",
    "line_column",
    "line_columns",
]

JsonPath = tuple[str | int, ...]

_WS = re.compile(r"[ \t\n\r]*")
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip_constant(_name: str) -> None:
    return None


# A decoder used only to find where a value ends.  ``parse_int=len`` keeps the C fast
# path while never converting digits (Python refuses ints of more than 4300 digits),
# and NaN/Infinity, which the loader reports, are accepted here so they can be located.
_SKIPPER = json.JSONDecoder(parse_int=len, parse_constant=_skip_constant)
_scan_once: Callable[[str, int], tuple[object, int]] = _SKIPPER.scan_once  # C, no wrapper

_DESCEND = -1


class _Stop(Exception):
    """Ends a walk early once the caller has what it was looking for."""


def _skip_value(text: str, pos: int) -> int:
    """Offset just after the value that starts at ``pos``."""
    try:
        return _scan_once(text, pos)[1]
    except RecursionError:
        return _skip_value_slowly(text, pos)


_STRUCTURE = re.compile(r'[\[\]{}"]')


def _skip_value_slowly(text: str, pos: int) -> int:
    """Bracket matching without recursion, for values nested deeper than the C scanner allows."""
    depth = 0
    while True:
        m = _STRUCTURE.search(text, pos)
        if m is None:
            return len(text)
        ch = m.group()
        pos = m.end()
        if ch == '"':
            pos = _scanstring(text, pos)[1]
        elif ch in "[{":
            depth += 1
        else:
            depth -= 1
        if depth <= 0:
            return pos


def _walk(
    text: str,
    decide: Callable[[JsonPath, int, int], int],
    finished: Callable[[JsonPath], bool] | None = None,
) -> None:
    """Visit the values of ``text`` from the root down, in file order.

    ``decide(path, key_offset, value_offset)`` is called for each visited value
    (``key_offset`` is -1 for array items and the root) and returns either the offset
    just after the value, to skip it, or ``_DESCEND`` to visit its members.  Only the
    members of descended containers are visited, which is what makes the walk cheap.
    When ``finished(path)`` says that nothing more is wanted from the container at
    ``path``, the rest of it is skipped at C speed instead of member by member.
    """
    stack: list[list] = []  # [path, is_object, next_index, start offset]
    pos = _WS.match(text, 0).end()
    path: JsonPath = ()
    key_pos = -1
    while True:
        after = decide(path, key_pos, pos)
        if after == _DESCEND and text[pos] in "[{":
            start = pos
            is_object = text[pos] == "{"
            pos = _WS.match(text, pos + 1).end()
            if text[pos] in "]}":
                pos += 1
            else:
                frame = [path, is_object, 0, start]
                stack.append(frame)
                path, key_pos, pos = _member(text, pos, frame)
                continue
        else:
            pos = after if after != _DESCEND else _skip_value(text, pos)
        # After a value: go to the next member, closing the containers that end here.
        while stack:
            frame = stack[-1]
            if finished is not None and finished(frame[0]):
                if all(finished(f[0]) for f in stack):
                    return  # nothing more is wanted anywhere
                pos = _skip_value(text, frame[3])
                stack.pop()
                continue
            pos = _WS.match(text, pos).end()
            if text[pos] == ",":
                frame[2] += 1
                pos = _WS.match(text, pos + 1).end()
                path, key_pos, pos = _member(text, pos, frame)
                break
            pos += 1  # the closing bracket
            stack.pop()
        else:
            return


def _member(text: str, pos: int, frame: list) -> tuple[JsonPath, int, int]:
    """Path, key offset and value offset of the member that starts at ``pos``."""
    parent, is_object, index, _ = frame
    if not is_object:
        return (*parent, index), -1, pos
    key, after_key = _scanstring(text, pos + 1)
    colon = _WS.match(text, after_key).end()
    value_pos = _WS.match(text, colon + 1).end()
    return (*parent, key), pos, value_pos


def find_offsets(
    text: str, paths: Iterable[JsonPath], *, every_occurrence: bool = True
) -> dict[JsonPath, list[tuple[int, int]]]:
    """Character offsets of the values at ``paths``: ``(key_offset, value_offset)`` pairs.

    A path can occur more than once when an object repeats a key; every occurrence is
    listed in file order (``json.loads`` keeps the last, a duplicate-key report wants
    the second).  Paths that do not exist are absent from the result.  Without
    ``every_occurrence`` only the first is looked for, which lets the walk leave each
    container as soon as it has what it wants there: much faster when a large file has
    many problems, and exact whenever no key is repeated.
    """
    targets = set(paths)
    prefixes = {p[:i] for p in targets for i in range(len(p))}
    found: dict[JsonPath, list[tuple[int, int]]] = {}
    # For each container, how many of its members are still wanted.
    wanted: dict[JsonPath, int] = {}
    for path in targets | prefixes:
        if path:
            wanted[path[:-1]] = wanted.get(path[:-1], 0) + 1

    def decide(path: JsonPath, key_pos: int, pos: int) -> int:
        if path in targets:
            found.setdefault(path, []).append((key_pos, pos))
        if path and (path in targets or path in prefixes):
            wanted[path[:-1]] -= 1
        if path in prefixes:
            return _DESCEND
        return _skip_value(text, pos)

    def finished(path: JsonPath) -> bool:
        return wanted.get(path, 0) <= 0

    with contextlib.suppress(Exception):  # positions are a courtesy: never fail a report
        _walk(text, decide, None if every_occurrence else finished)
    return found


def first_too_deep(text: str, max_depth: int) -> tuple[JsonPath, int] | None:
    """Path and offset of the first container nested deeper than ``max_depth``.

    The root container is at depth 1.  Meant for text the C parser gave up on with a
    RecursionError: siblings are skipped at C speed and the walk only descends into the
    member whose skipping itself overflowed, so a deep file is not tokenised in Python.
    """
    result: list[tuple[JsonPath, int]] = []

    def decide(path: JsonPath, _key_pos: int, pos: int) -> int:
        if text[pos] not in "[{":
            return _skip_value(text, pos)
        if len(path) >= max_depth:
            result.append((path, pos))
            raise _Stop
        try:
            return _scan_once(text, pos)[1]
        except RecursionError:
            return _DESCEND

    with contextlib.suppress(Exception):  # _Stop, or text this scanner does not follow
        _walk(text, decide)
    return result[0] if result else None


def line_columns(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """1-based (line, column) of each character offset, columns counted in characters.

    A line ends with "\n", "\r\n" or a lone "\r" (old Mac files), as JSON allows all
    three between tokens.  Offsets are sorted and lines counted incrementally, so
    locating many problems in a large file costs one pass over the text, not one per
    problem.
    """
    result: dict[int, tuple[int, int]] = {}
    line = 1
    previous = start = 0  # the last offset, and where its line starts
    for offset in sorted(set(offsets)):
        at = max(previous, min(offset, len(text)))
        line += _breaks(text, previous, at)
        start = max(start, _line_start(text, at, previous))  # 0 when none since previous
        previous = at
        result[offset] = (line, at - start + 1)
    return result


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of one character offset."""
    offset = max(0, min(offset, len(text)))
    return _breaks(text, 0, offset) + 1, offset - _line_start(text, offset) + 1


def _breaks(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]``; a "\r\n" cut by ``start`` counts at its "\r"."""
    crlf = text.count("\r\n", start, end)
    if start and text.startswith("\n", start) and text[start - 1] == "\r":
        crlf += 1
    return text.count("\n", start, end) + text.count("\r", start, end) - crlf


def _line_start(text: str, offset: int, after: int = 0) -> int:
    """Where the line of ``offset`` starts if it starts after ``after``, else 0."""
    return max(text.rfind("\n", after, offset), text.rfind("\r", after, offset)) + 1
