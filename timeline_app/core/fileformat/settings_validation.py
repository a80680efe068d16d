"""Check the view settings of a file: the root's ``layout`` and ``views``.

They are kept in the model as the JSON read (``ObjectSpec.as_written``: unknown keys in
place, the view interprets them), once every field ``spec`` describes is what it
should be.  A problem is reported like any other, at its JSON path, so that a bad view
in a file is named by line and column and the file is not loaded until it is fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from timeline_app.core.fileformat.json_tree import ABSENT, BAD
from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.rules import show
from timeline_app.core.fileformat.spec import OBJECTS, ROOT, Field, Kind, ObjectSpec
from timeline_app.core.model import COLOUR

if TYPE_CHECKING:
    from timeline_app.core.fileformat.validation import Validator

__all__ = ["check_settings"]


def check_settings(validator: Validator, root: dict) -> tuple[dict[str, Any], list[dict]] | None:
    """The root's ``layout`` and ``views`` as read (``{}`` and ``[]`` when absent), or
    None when one was reported."""
    checker = _Settings(validator)
    layout = checker.field(root, (), ROOT.field("layout"))
    views = checker.field(root, (), ROOT.field("views"))
    if layout is BAD or views is BAD:
        return None
    return layout or {}, views or []


class _Settings:
    def __init__(self, validator: Validator) -> None:
        self.v = validator
        self.add = validator.add

    def field(self, obj: dict, path: JsonPath, f: Field) -> Any:
        """The checked value of field ``f`` of ``obj``: as read, None when absent, BAD."""
        value = obj.get(f.name, ABSENT)
        where = (*path, f.name)
        kind = f.kind
        if value is ABSENT or (value is None and kind is Kind.NULLABLE_DATE):
            if f.required:
                self.add(where, f'is missing: add "{f.name}": "..."')
                return BAD
            return None
        if kind is Kind.OBJECT:
            return self.object(where, value, OBJECTS[f.item or ""])
        if kind is Kind.OBJECTS:
            if type(value) is not list:
                self.v._wrong(where, value, f"a list of {f.item}s")
                return BAD
            item = OBJECTS[f.item or ""]
            out = [self.object((*where, i), x, item) for i, x in enumerate(value)]
            return BAD if BAD in out else out
        if kind is Kind.TEXT:
            text = self.v._string(obj, path, f.name, required=f.required)
            return self.choice(where, text, f)
        if kind is Kind.TEXTS:
            texts = self.v._strings(obj, path, f.name, None)
            if texts is BAD:
                return BAD
            bad = [self.choice((*where, i), t, f) for i, t in enumerate(texts)]
            return BAD if BAD in bad else texts
        if kind is Kind.NULLABLE_DATE:
            return self.v._date(obj, path, f.name, required=f.required, nullable=True)
        if kind is Kind.COLOURS:
            return self.colours(where, value)
        raise AssertionError(kind)  # pragma: no cover - a new kind needs its check here

    def choice(self, where: JsonPath, text: Any, f: Field) -> Any:
        if text is BAD or not f.choices or text in f.choices or (text == "" and
                                                                  f.kind is Kind.TEXT):
            return text
        allowed = ", ".join(f'"{c}"' for c in f.choices)
        self.add(where, f"is {show(text)}: write one of {allowed}")
        return BAD

    def object(self, path: JsonPath, value: Any, spec: ObjectSpec) -> Any:
        if type(value) is not dict:
            self.v._wrong(path, value, f"an object describing {_a(spec.name)}")
            return BAD
        checked = [self.field(value, path, f) for f in spec.fields]
        self.v._extra(value, path, spec.known)  # unknown keys: kept, but must be JSON
        return BAD if BAD in checked else value

    def colours(self, where: JsonPath, value: Any) -> Any:
        if type(value) is not dict:
            self.v._wrong(where, value, 'an object such as {"ceasefire": "#3a7bd5"}')
            return BAD
        ok = True
        for key, colour in value.items():
            if type(colour) is not str:
                self.v._wrong((*where, key), colour, 'a colour such as "#b5443a"')
                ok = False
            elif not COLOUR.fullmatch(colour):
                self.add((*where, key), f"{show(colour)} is not a colour: write it as "
                         '#rrggbb, for example "#b5443a"')
                ok = False
        return value if ok else BAD


def _a(name: str) -> str:
    return {"view": "one saved view", "layout": "the lanes of each grouping",
            "lanes": "the lanes of one grouping"}.get(name, name)
