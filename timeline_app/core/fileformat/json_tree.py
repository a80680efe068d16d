"""The parsed JSON tree of a file: walks over it, and what stands in it for values that
JSON allows but a timeline file must not hold.

Whichever parser built the tree (``decoding`` on the way in, ``locating`` when there
are problems to place), it is plain ``dict``, ``list``, ``str``, ``int``, ``float``,
``bool`` and ``None``, plus ``NotJson`` placeholders from the stdlib parser.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.rules import BIG, digits, too_deep_message, too_many_digits
from timeline_app.core.fileformat.spec import MAX_DEPTH

__all__ = [
    "ABSENT", "BAD", "SUSPECT", "NotJson", "containers", "count_strings", "free_value_problems",
]

ABSENT: Any = ()
"""``dict.get`` default for a missing field: an empty tuple, never a JSON value."""
BAD: Any = object()
"""A field that failed its check (already reported)."""


class NotJson:
    """A value ``json.loads`` accepts but a timeline file must not hold (NaN, huge ints).

    Parsing returns it in place of the value, so that it is reported with its path like
    any other wrong value, and the rest of the file is still checked.
    """

    __slots__ = ("advice", "description")

    def __init__(self, description: str, advice: str) -> None:
        self.description = description
        self.advice = advice

    @classmethod
    def constant(cls, name: str) -> NotJson:
        return cls(name, f"{name} is not allowed in JSON: write a number, or null")


SUSPECT = (dict, list, float, int, NotJson)
"""Types of values in unknown fields worth a closer look (strings, booleans and null
are always fine)."""


def count_strings(value: Any) -> int:
    """Keys plus string values in a parsed JSON value: the tree's side of the proof that
    no key was repeated (see ``byte_scan``)."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str:
            count += 1
        elif kind is dict:
            count += len(item)
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
    return count


def containers(root: Any) -> Iterator[tuple[JsonPath, Any]]:
    """Every object and list with its path, depth first, without recursion."""
    stack: list[tuple[JsonPath, Any]] = [((), root)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if type(value) is dict:
            stack.extend(((*path, k), v) for k, v in value.items() if type(v) in (dict, list))
        elif type(value) is list:
            stack.extend(((*path, i), v) for i, v in enumerate(value) if type(v) in (dict, list))


def free_value_problems(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """What no JSON value of a timeline may hold, at any depth, with its path: NaN and
    infinities, integers beyond 18 digits, nesting deeper than ``MAX_DEPTH``.

    The value at ``path`` is at nesting level ``len(path) + 1`` (the root is 1).
    """
    stack = [(value, path, len(path) + 1)]
    while stack:
        item, where, level = stack.pop()
        kind = type(item)
        if kind is dict or kind is list:
            if level > MAX_DEPTH:
                yield where, too_deep_message()
                continue
            pairs = item.items() if kind is dict else enumerate(item)
            stack.extend((v, (*where, k), level + 1) for k, v in pairs if type(v) in SUSPECT)
        elif kind is float:
            if not math.isfinite(item):
                yield where, ("is a number too large for JSON readers (it overflows to "
                              "infinity): correct it, or write it as a string")
        elif kind is int:
            if item >= BIG or item <= -BIG:
                yield where, too_many_digits(digits(item))
        elif kind is NotJson:
            yield where, item.advice
