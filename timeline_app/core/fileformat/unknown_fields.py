"""Unknown fields, as the canonical text writes them, for the writer's fast paths.

A field this version does not know is written after the known ones, in the order it was
read, its value as the reference writes it (``json.dumps(indent=2)``) at its depth.  What
the fast paths are not written for raises ``Irregular``: the caller then hands the whole
object to the reference writer.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

from timeline_app.core.fileformat.reference_writer import json_text, reindented
from timeline_app.core.model import NO_EXTRA

__all__ = ["Irregular", "unknown_fields"]


class Irregular(Exception):
    """An object the fast path is not written for: the reference writes it instead."""


def _value(value: Any, indent: str) -> str:
    """An unknown field's value, as the reference writes it at this depth."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    return reindented(json_text(value), indent)


def unknown_fields(extra: Any, known: frozenset[str], indent: str) -> str:
    """``,\\n<indent>"key": value`` for each unknown field, in order.

    Raises ``Irregular`` for what the reference would treat differently: a key that is
    not a string (converted or refused by ``json.dumps``) or that is a known key (the
    reference keeps the known field, or writes the unknown one in its place when the
    known one is empty).
    """
    if type(extra) is not dict and extra is not NO_EXTRA:
        raise Irregular
    out = []
    for key, value in extra.items():
        if type(key) is not str or key in known:
            raise Irregular
        out.append(f",\n{indent}{encode_basestring(key)}: {_value(value, indent)}")
    return "".join(out)
