"""The timeline file format, described once: its objects, their fields, and its constants.

Each object of a file (the root, a source, an actor, an event, a citation) is an
``ObjectSpec``: its fields in the order the canonical file writes them, each with its
kind of value, whether the loader requires it, whether the writer leaves it out when
it is empty, what it refers to, and the line that describes it in ``docs/format.md``.
The loader, the save check and the writer take their known keys, key order and
constants from here; ``resources/timeline.schema.json`` and the field tables of
``docs/format.md`` are generated from it: after a change, run

    python -m timeline_app.core.fileformat.spec

from the repository's root (tests fail while the files say something else).

Adding an optional field to events is one ``Field`` in ``EVENT``, the field of
``model.Event`` (and its check in ``Event.__post_init__``), the regenerated files and
tests.  The loader's event fast path reads fields by name and must learn it too; the
writer's event loop should (until it does, the events are written by the slower
reference writer, which follows this description, and a test says so).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from timeline_app.core.model import COLOUR

__all__ = [
    "ACTOR",
    "ACTOR_KEYS",
    "CITATION",
    "CITATION_KEYS",
    "DATE_PATTERN",
    "DEFAULT_MAX_BYTES",
    "EVENT",
    "EVENT_KEYS",
    "FORMAT_DOC_PATH",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "KNOWN_ACTOR_KEYS",
    "KNOWN_CITATION_KEYS",
    "KNOWN_EVENT_KEYS",
    "KNOWN_ROOT_KEYS",
    "KNOWN_SOURCE_KEYS",
    "LANES",
    "LAYOUT",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "OBJECTS",
    "OPEN_END",
    "ROOT",
    "ROOT_KEYS",
    "SCHEMA_PATH",
    "SOURCE",
    "SOURCE_KEYS",
    "VIEW",
    "Field",
    "Kind",
    "ObjectSpec",
    "field_table",
    "format_doc_text",
    "json_schema",
    "json_schema_text",
    "regenerate",
]

FORMAT_NAME = "conflict-timeline"
"""The value of the root's ``format``: tells a timeline file from other JSON."""
FORMAT_VERSION = 1
"""The value of the root's ``version`` this application reads and writes."""
MAX_DEPTH = 64
"""Containers may nest this deep (the root object is level 1); a timeline needs 5."""
MAX_DIGITS = 18
"""Integers with more digits are refused: no offset is that large, and other tools
(JavaScript, spreadsheets) would silently round them."""
# An event takes about 770 bytes of JSON, one with a unique title and several quoted
# citations about 1,200: 1.5 GiB holds two million of the first and well over a
# million of the second (at 1 GiB, a million of those could be neither saved nor
# opened); anything larger is far more likely a wrong file than a timeline.  Below 2 GiB, so
# that ``reading.read_file`` reads it in one call (Linux's read gives at most 2 GiB
# less a page).
DEFAULT_MAX_BYTES = 1536 * 1024 * 1024
"""Files larger than this are refused before they are read."""

_YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"  # 0001 to 9999
DATE_PATTERN = (
    f"^{_YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])"
    "(T([01][0-9]|2[0-3]):[0-5][0-9])?)?)?[~?%]?$"
)
"""The written form of a date, as a regular expression (ECMA-262 and Python alike).
Whether the day exists in its month is checked by ``PartialDate``, not by the pattern."""
OPEN_END = ".."
"""An event's ``end`` for one that goes on (EDTF's open end: ``2019-04-04/..``)."""


class Kind(StrEnum):
    """The kind of value a field holds in the file."""

    CONSTANT = "constant"
    """Always the field's ``value`` (the format's name, its version)."""
    TEXT = "text"
    """A string, possibly empty."""
    ID = "id"
    """A non-empty string, unique among the objects of its kind."""
    REFERENCE = "reference"
    """A string naming the id of an object of kind ``refers_to``."""
    DATE = "date"
    """A date string (see ``DATE_PATTERN``)."""
    NULLABLE_DATE = "nullable date"
    """A date string, or null for none."""
    END_DATE = "end date"
    """A date string, ``OPEN_END`` for an end that is open (it goes on), or null for none."""
    REFERENCES = "references"
    """A list of strings, each the id of an object of kind ``refers_to``."""
    TEXTS = "texts"
    """A list of strings."""
    OBJECTS = "objects"
    """A list of objects of kind ``item``."""
    OFFSET = "offset"
    """A whole number, at least 0 and of at most ``MAX_DIGITS`` digits."""
    COLOUR = "colour"
    """A colour written ``#rrggbb``, or the empty string for none."""
    COLOURS = "colours"
    """An object whose values are colours (``#rrggbb``), keyed by what they colour."""
    OBJECT = "object"
    """An object of kind ``item``."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an object of the file."""

    name: str
    kind: Kind
    doc: str
    """What the field holds, as the field tables of docs/format.md say it (Markdown)."""
    required: bool = False
    """The loader refuses an object without it."""
    omit_empty: bool = True
    """The writer leaves the field out when its value is empty ("", null, [])."""
    refers_to: str | None = None
    """For ``REFERENCE`` and ``REFERENCES``: the kind of object named (``"actor"``)."""
    item: str | None = None
    """For ``OBJECTS``: the kind of object listed (``"event"``)."""
    value: Any = None
    """For ``CONSTANT``: the value."""
    note: str = ""
    """A longer description for the JSON Schema, when the table's line is not enough."""
    choices: tuple[str, ...] = ()
    """For ``TEXT`` and ``TEXTS``: the only values allowed, when not any text."""


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """One kind of object of the file: its fields in canonical order."""

    name: str
    """The kind, singular: ``"event"``."""
    fields: tuple[Field, ...]
    as_written: bool = dataclasses.field(default=False, kw_only=True)
    """The model keeps these objects as the JSON read (checked, unknown keys in place):
    view settings, which only the view interprets."""
    keys: tuple[str, ...] = dataclasses.field(init=False)
    """The field names in the order the canonical file writes them."""
    known: frozenset[str] = dataclasses.field(init=False)
    """The field names, as a set: any other key is an unknown field, kept as it is."""
    required: tuple[str, ...] = dataclasses.field(init=False)
    """The names of the fields the loader requires, in canonical order."""

    def __post_init__(self) -> None:
        keys = tuple(f.name for f in self.fields)
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "known", frozenset(keys))
        object.__setattr__(self, "required", tuple(f.name for f in self.fields if f.required))

    def field(self, name: str) -> Field:
        """The field called ``name``; ``KeyError`` when there is none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


ROOT = ObjectSpec("root", (
    Field("format", Kind.CONSTANT, 'always `"conflict-timeline"`: tells a file of this '
          "application from other JSON", required=True, omit_empty=False, value=FORMAT_NAME),
    Field("version", Kind.CONSTANT, "the whole number `1`", required=True, omit_empty=False,
          value=FORMAT_VERSION, note="Format version. A file of a later version needs a "
          "later version of the application."),
    Field("title", Kind.TEXT, "text: the name of the timeline"),
    Field("sources", Kind.OBJECTS, "a list of [sources](#sources); absent means none",
          omit_empty=False, item="source"),
    Field("actors", Kind.OBJECTS, "a list of [actors](#actors); absent means none",
          omit_empty=False, item="actor"),
    Field("events", Kind.OBJECTS, "a list of [events](#events), possibly empty",
          required=True, omit_empty=False, item="event"),
    Field("layout", Kind.OBJECT, "the [lanes](#lanes) as the timeline shows them: order, "
          "hidden and collapsed lanes, colours; absent means as they come", item="layout"),
    Field("views", Kind.OBJECTS, "a list of [saved views](#saved-views); absent means none",
          item="view"),
))

SOURCE = ObjectSpec("source", (
    Field("id", Kind.ID, "non-empty text, unique among the sources; citations refer to it",
          required=True, omit_empty=False),
    Field("title", Kind.TEXT, "text"),
    Field("outlet", Kind.TEXT, "text: the newspaper, agency or organisation"),
    Field("url", Kind.TEXT, "text: where the report was found"),
    Field("published", Kind.NULLABLE_DATE, "a [date](#dates), or `null` when unknown"),
    Field("language", Kind.TEXT, "text: a language tag such as `en` or `ar`"),
    Field("text", Kind.TEXT, "the full text of the report; [citations](#citations) point "
          "into it"),
))

ACTOR = ObjectSpec("actor", (
    Field("id", Kind.ID, "non-empty text, unique among the actors; events refer to it",
          required=True, omit_empty=False),
    Field("name", Kind.TEXT, "text shown in the view (the `id` is shown when there is no "
          "name)"),
    Field("color", Kind.COLOUR, "the colour of the actor's lane and markers, `#rrggbb` "
          'such as `"#b5443a"`'),
))

EVENT = ObjectSpec("event", (
    Field("id", Kind.ID, "non-empty text, unique among the events", required=True,
          omit_empty=False),
    Field("title", Kind.TEXT, "text: what happened, in a few words (an empty title is kept, "
          "and the view shows the id instead)", required=True, omit_empty=False),
    Field("start", Kind.DATE, "a [date](#dates): when it happened, or began", required=True,
          omit_empty=False),
    Field("end", Kind.END_DATE, 'a [date](#dates) for an event that lasted; `".."` for '
          "one that goes on ([open end](#open-ends)); absent or `null` for one at a single "
          "date", note='End date for an event that lasted; ".." for one that goes on '
          "(an open end, as in the EDTF interval 2019-04-04/..); absent or null for an event "
          "at a single date."),
    Field("actors", Kind.REFERENCES, "a list of actor ids, each one the `id` of an entry of "
          "`actors`", refers_to="actor"),
    Field("location", Kind.TEXT, "text: where it happened"),
    Field("tags", Kind.TEXTS, 'a list of texts, for filtering (`"offensive"`, `"ceasefire"`)'),
    Field("description", Kind.TEXT, "text"),
    Field("citations", Kind.OBJECTS, "a list of [citations](#citations): the words of the "
          "sources that report it", item="citation"),
    Field("date_note", Kind.TEXT, "text: how the date was established (the phrase it was "
          "resolved from, the other source it was taken from). Analysts must be able to "
          "defend every date."),
))

CITATION = ObjectSpec("citation", (
    Field("source", Kind.REFERENCE, "the `id` of an entry of `sources`", required=True,
          omit_empty=False, refers_to="source"),
    Field("start", Kind.OFFSET, "where the words begin in the source's `text`", required=True,
          omit_empty=False),
    Field("end", Kind.OFFSET, "where they end (the character at `end` is not included)",
          required=True, omit_empty=False),
    Field("quote", Kind.TEXT, "the words themselves: exactly the text from `start` to `end`",
          required=True, omit_empty=False),
))

_GROUPINGS = ("actor", "tag", "source", "type")

LANES = ObjectSpec("lanes", (
    Field("order", Kind.TEXTS, "the lanes' keys (actor ids, tags or source ids; `\"\"` for "
          "the lane of events naming none) top first; lanes not listed follow in their "
          "usual order"),
    Field("hidden", Kind.TEXTS, "the keys of the lanes not shown"),
    Field("collapsed", Kind.TEXTS, "the keys of the lanes drawn as one thin row"),
    Field("colors", Kind.COLOURS, "an object giving lanes a colour: key to `#rrggbb` (an "
          "actor's colour is the actor's `color`)"),
), as_written=True)

LAYOUT = ObjectSpec("layout", tuple(
    Field(g, Kind.OBJECT, f"the lanes when grouped by {g}: an object as in [lanes](#lanes)",
          item="lanes") for g in _GROUPINGS
), as_written=True)

VIEW = ObjectSpec("view", (
    Field("name", Kind.TEXT, "text: the name the View menu shows", required=True,
          omit_empty=False),
    Field("group_by", Kind.TEXT, "what the lanes stand for: `actor`, `tag`, `source`, "
          "`type` or `none`", choices=(*_GROUPINGS, "none")),
    Field("mode", Kind.TEXT, "what becomes of the events the filter leaves out: `hide` or "
          "`fade`", choices=("hide", "fade")),
    Field("actors", Kind.TEXTS, "the filter's actor ids: events naming one of them"),
    Field("tags", Kind.TEXTS, "the filter's tags"),
    Field("outlets", Kind.TEXTS, "the filter's outlets: events cited from one of them"),
    Field("locations", Kind.TEXTS, "the filter's locations"),
    Field("precisions", Kind.TEXTS, "the filter's date precisions: `year`, `month`, `day`, "
          "`minute`", choices=("year", "month", "day", "minute")),
    Field("date_from", Kind.NULLABLE_DATE, "a [date](#dates): events overlapping it or later"),
    Field("date_to", Kind.NULLABLE_DATE, "a [date](#dates): events overlapping it or earlier"),
    Field("start", Kind.NULLABLE_DATE, "a [date](#dates): the left edge of the visible range"),
    Field("end", Kind.NULLABLE_DATE, "a [date](#dates): its right edge"),
    Field("layout", Kind.OBJECT, "the lanes of the view, an object as the root's `layout`",
          item="layout"),
), as_written=True)

OBJECTS: dict[str, ObjectSpec] = {
    spec.name: spec for spec in (ROOT, SOURCE, ACTOR, EVENT, CITATION, VIEW, LAYOUT, LANES)
}
"""Every kind of object of the file, by name, root first."""

ROOT_KEYS = ROOT.keys
SOURCE_KEYS = SOURCE.keys
ACTOR_KEYS = ACTOR.keys
EVENT_KEYS = EVENT.keys
CITATION_KEYS = CITATION.keys

KNOWN_ROOT_KEYS = ROOT.known
KNOWN_SOURCE_KEYS = SOURCE.known
KNOWN_ACTOR_KEYS = ACTOR.known
KNOWN_EVENT_KEYS = EVENT.known
KNOWN_CITATION_KEYS = CITATION.known


# --- what is generated from the description -------------------------------------------------

SCHEMA_PATH = "resources/timeline.schema.json"
"""Where the JSON Schema generated by ``json_schema`` is kept, from the repository's root."""
FORMAT_DOC_PATH = "docs/format.md"
"""The format's documentation, whose field tables ``field_table`` generates."""

_SCHEMA_DESCRIPTION = (
    "Dated events reconstructed from news reports, with the sources they are cited from. "
    "See docs/format.md. Unknown fields are allowed everywhere: Conflict Timeline keeps "
    "them and writes them back. What a schema cannot say is checked by the application "
    "(timeline-app --check FILE): dates that do not exist (2023-02-30), an end before the "
    "start, duplicate ids or keys, events naming unknown actors, citations naming unknown "
    "sources, offsets beyond the source text, quotes that differ from the text at their "
    f"offsets, and nesting deeper than {MAX_DEPTH} levels."
)
_DEFS: dict[str, dict[str, Any]] = {
    "id": {
        "description": "Unique among the objects of its kind (sources, actors or events).",
        "type": "string",
        "minLength": 1,
    },
    "date": {
        "description": "ISO 8601 date known to the year, month, day or minute, with a "
        "trailing ~ when approximate (around), ? when uncertain (reportedly) or % when both: "
        "2019, 2019-04, 2019-04-04, 2019-04-04T06:30, 2019-04~, 2019-04-04?, 2019%. Years "
        "run from 0001 to 9999. No time zone: the local time of the place.",
        "type": "string",
        "pattern": DATE_PATTERN,
    },
    "offset": {
        "description": "Position in the source text, in Unicode code points, counted from 0.",
        "type": "integer",
        "minimum": 0,
        "maximum": 10**MAX_DIGITS - 1,
    },
}
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _plain(markdown: str) -> str:
    """A table's line as plain text: links reduced to their words, no backticks."""
    text = _LINK.sub(r"\1", markdown).replace("`", "")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _property(f: Field) -> dict[str, Any]:
    kind = f.kind
    schema: dict[str, Any] = {"description": f.note or _plain(f.doc)}
    if kind is Kind.CONSTANT:
        if type(f.value) is int:
            schema["type"] = "integer"
        schema["const"] = f.value
    elif kind is Kind.TEXT or kind is Kind.REFERENCE:
        schema["type"] = "string"
        if f.choices:
            schema["enum"] = list(f.choices)
    elif kind is Kind.ID:
        schema["$ref"] = "#/$defs/id"
    elif kind is Kind.DATE:
        schema["$ref"] = "#/$defs/date"
    elif kind is Kind.NULLABLE_DATE:
        schema["anyOf"] = [{"$ref": "#/$defs/date"}, {"type": "null"}]
    elif kind is Kind.END_DATE:
        schema["anyOf"] = [{"$ref": "#/$defs/date"}, {"const": OPEN_END}, {"type": "null"}]
    elif kind is Kind.REFERENCES or kind is Kind.TEXTS:
        schema.update(type="array", items={"type": "string"})
        if f.choices:
            schema["items"]["enum"] = list(f.choices)
    elif kind is Kind.OBJECTS:
        schema.update(type="array", items={"$ref": f"#/$defs/{f.item}"})
    elif kind is Kind.OFFSET:
        schema["$ref"] = "#/$defs/offset"
    elif kind is Kind.COLOUR:
        schema.update(type="string", pattern=f"^({COLOUR.pattern})?$")
    elif kind is Kind.COLOURS:
        schema.update(type="object", additionalProperties={
            "type": "string", "pattern": f"^{COLOUR.pattern}$"})
    elif kind is Kind.OBJECT:
        schema["$ref"] = f"#/$defs/{f.item}"
    else:  # pragma: no cover - a new kind must be given its schema here
        raise AssertionError(kind)
    return schema


def _object_schema(spec: ObjectSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(spec.required),
        "properties": {f.name: _property(f) for f in spec.fields},
        "additionalProperties": True,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a timeline file, for other tools.

    It says what a schema can: the objects, their fields and the kinds of their values.
    The application checks more (see ``_SCHEMA_DESCRIPTION``).
    """
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:{FORMAT_NAME}:format:{FORMAT_VERSION}",
        "title": f"Conflict Timeline file, format version {FORMAT_VERSION}",
        "description": _SCHEMA_DESCRIPTION,
    }
    schema.update(_object_schema(ROOT))
    defs = dict(_DEFS)
    for spec in OBJECTS.values():
        if spec is not ROOT:
            defs[spec.name] = _object_schema(spec)
    schema["$defs"] = defs
    return schema


def json_schema_text() -> str:
    """The text of ``resources/timeline.schema.json``: ``json_schema`` indented, one
    newline at the end."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def field_table(spec: ObjectSpec) -> str:
    """The Markdown table of the fields of ``spec`` that docs/format.md shows."""
    rows = ["| Field | Required | Value |", "|---|---|---|"]
    rows += [f"| `{f.name}` | {'yes' if f.required else 'no'} | {f.doc} |" for f in spec.fields]
    return "\n".join(rows) + "\n"


_TABLE = re.compile(r"(<!-- fields: (\w+) -->\n).*?(<!-- end of fields -->)", re.DOTALL)


def format_doc_text(text: str) -> str:
    """``text`` (docs/format.md) with each table between ``<!-- fields: NAME -->`` and
    ``<!-- end of fields -->`` replaced by ``field_table`` of the object called NAME."""
    return _TABLE.sub(lambda m: m[1] + field_table(OBJECTS[m[2]]) + m[3], text)


def regenerate(root: Path) -> list[Path]:
    """Write the schema and the doc's field tables under the repository ``root`` from this
    description; return the files that changed."""
    changed = []
    for relative, make in (
        (SCHEMA_PATH, lambda _old: json_schema_text()),
        (FORMAT_DOC_PATH, format_doc_text),
    ):
        path = root / relative
        old = path.read_text(encoding="utf-8")
        new = make(old)
        if new != old:
            path.write_text(new, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m timeline_app.core.fileformat.spec [REPOSITORY]
    for written in regenerate(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(f"wrote {written}")
