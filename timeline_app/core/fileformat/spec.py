"""The timeline file format, described once: its objects, their fields, and its constants.

Each object of a file (the root, a source, an actor, an event, a citation) is an
``ObjectSpec``: its fields in the order the canonical file writes them, each with its
kind of value, whether the loader requires it, whether the writer leaves it out when
it is empty, what it refers to, and the line that describes it in ``docs/format.md``.
The loader, the save check and the writer take their known keys, key order and
constants from here; ``resources/timeline.schema.json`` and the field tables of
``docs/format.md`` are generated from it (``python -m timeline_app.core.fileformat.spec``).

Adding an optional field to events is one ``Field`` in ``EVENT`` plus the model's field
and its tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "ACTOR",
    "ACTOR_KEYS",
    "CITATION",
    "CITATION_KEYS",
    "DATE_PATTERN",
    "DEFAULT_MAX_BYTES",
    "EVENT",
    "EVENT_KEYS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "KNOWN_ACTOR_KEYS",
    "KNOWN_CITATION_KEYS",
    "KNOWN_EVENT_KEYS",
    "KNOWN_ROOT_KEYS",
    "KNOWN_SOURCE_KEYS",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "OBJECTS",
    "ROOT",
    "ROOT_KEYS",
    "SOURCE",
    "SOURCE_KEYS",
    "Field",
    "Kind",
    "ObjectSpec",
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
# A realistic event takes about 770 bytes of JSON, so 1 GiB holds well over a million
# events; anything larger is far more likely a wrong file than a timeline.
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024
"""Files larger than this are refused before they are read."""

_YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"  # 0001 to 9999
DATE_PATTERN = (
    f"^{_YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])"
    "(T([01][0-9]|2[0-3]):[0-5][0-9])?)?)?~?$"
)
"""The written form of a date, as a regular expression (ECMA-262 and Python alike).
Whether the day exists in its month is checked by ``PartialDate``, not by the pattern."""


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


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """One kind of object of the file: its fields in canonical order."""

    name: str
    """The kind, singular: ``"event"``."""
    fields: tuple[Field, ...]
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
          value=FORMAT_VERSION, note="A file of a later version needs a later version of "
          "the application."),
    Field("title", Kind.TEXT, "text: the name of the timeline"),
    Field("sources", Kind.OBJECTS, "a list of [sources](#sources); absent means none",
          omit_empty=False, item="source"),
    Field("actors", Kind.OBJECTS, "a list of [actors](#actors); absent means none",
          omit_empty=False, item="actor"),
    Field("events", Kind.OBJECTS, "a list of [events](#events), possibly empty",
          required=True, omit_empty=False, item="event"),
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
    Field("end", Kind.NULLABLE_DATE, "a [date](#dates) for an event that lasted; absent or "
          "`null` for one at a single date"),
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

OBJECTS: dict[str, ObjectSpec] = {
    spec.name: spec for spec in (ROOT, SOURCE, ACTOR, EVENT, CITATION)
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
