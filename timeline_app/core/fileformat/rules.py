"""The rules on single values of a timeline file, and the messages that explain them.

Shared by the loader (which judges a parsed file) and the save check (which judges a
``Document`` before it is written), so that a save refuses exactly what a load would,
in the same words.  Each function returns the message of a problem, or None when the
value is fine; the caller adds the file name and the JSON path.
"""

from __future__ import annotations

import json
import math
from typing import Any

from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.spec import MAX_DEPTH, MAX_DIGITS, OPEN_END
from timeline_app.core.model import COLOUR

# COLOUR, a colour as the file writes it (``fullmatch``; "" means none), is the model's
# rule, which an ``Actor`` checks when it is built; it is here too for the loader.

__all__ = [
    "BIG",
    "COLOUR",
    "describe",
    "digits",
    "id_problem",
    "offset_problem",
    "open_end_problem",
    "quote_mismatch",
    "show",
    "too_deep_message",
    "too_many_digits",
]

BIG = 10**MAX_DIGITS
"""The smallest integer with too many digits: integers must lie strictly between
``-BIG`` and ``BIG``."""


def show(text: str, limit: int = 60) -> str:
    """A string as it would be written in JSON, shortened to fit in a message."""
    if len(text) > limit:
        text = text[: limit - 20] + "…" + text[-19:]
    return json.dumps(text, ensure_ascii=False)


def digits(number: int) -> int:
    """How many decimal digits ``number`` has (estimated beyond Python's conversion limit)."""
    try:
        return len(str(abs(number)))
    except ValueError:  # beyond sys.get_int_max_str_digits(): estimate from the bits
        return int(abs(number).bit_length() * 0.30103) + 1


def too_many_digits(count: int) -> str:
    """The message for an integer of ``count`` digits, more than ``MAX_DIGITS``."""
    return (
        f"a number of {count} digits is too large (at most {MAX_DIGITS} digits): "
        "correct the number, or write it as a string"
    )


def too_deep_message() -> str:
    """The message for lists and objects nested more than ``MAX_DEPTH`` levels."""
    return (
        f"lists and objects are nested more than {MAX_DEPTH} levels deep: "
        "a timeline needs only a few levels; remove the extra [ and {"
    )


def describe(value: Any) -> str:
    """How a wrong JSON value is named in a message: 'a list', 'null', 'the number 3'."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is str:
        return f"the text {show(value)}"
    if kind is int:
        count = digits(value)
        return f"the number {value}" if count <= MAX_DIGITS else f"a number of {count} digits"
    if kind is float:
        return f"the number {value!r}" if math.isfinite(value) else "a number too large"
    if kind is list:
        return "a list"
    if kind is dict:
        return "an object"
    return kind.__name__


def id_problem(value: Any, path: JsonPath, kind: str, seen: dict[str, int]) -> str | None:
    """What is wrong with the id of the ``kind`` at ``path`` (``$.events[3]``), if anything;
    ``seen`` maps the ids met so far to their index (the new one is added)."""
    if type(value) is not str or not value:
        return f"must be a non-empty string that no other {kind} has, not {describe(value)}"
    first = seen.setdefault(value, path[-1])
    if first != path[-1]:
        return (f"{show(value)} is already the id of {kind} {first + 1} "
                f"($.{path[0]}[{first}]): give each {kind} its own id")
    return None


def offset_problem(value: int) -> str | None:
    """What is wrong with an integer citation offset, if anything."""
    if value >= BIG or value <= -BIG:
        return too_many_digits(digits(value))
    if value < 0:
        return f"is {value}: offsets count from 0 and cannot be negative"
    return None


def open_end_problem(value: Any) -> str | None:
    """An event's ``end`` that tries to say it is open and does not (``"..x"``, ``"2019/.."``);
    None for anything else, which is judged as a date."""
    if type(value) is not str or ".." not in value or value == OPEN_END:
        return None
    return (f"{show(value)} is not a date: an open end (the event goes on) is written "
            f'"{OPEN_END}" alone; otherwise give the date it ended, or leave the end out')


def quote_mismatch(text: str, actual: str, quote: str, start: int, end: int) -> str:
    """The message for a citation whose ``quote`` is not ``actual``, the text at
    ``start:end`` of the source ``text``; it says where the quote is, if anywhere."""
    message = (
        f"does not match the source text at {start}:{end}: the quote is {show(quote)} "
        f"but the text there is {show(actual)}"
    )
    found = text.find(quote) if quote else -1
    if found >= 0:
        return f"{message}; the quote is at {found}:{found + len(quote)}: fix the offsets"
    return f"{message}: fix the offsets or the quote"
