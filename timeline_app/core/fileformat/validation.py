"""Validation: a parsed file (a JSON tree) to a ``Document``, or to problems by JSON path.

The rules come from ``spec`` and ``rules``: each object's fields are checked in the
order ``spec`` lists them, each as its kind says (``_CHECKS``: a text, an id, a date, a
reference...), required or not, a key it does not list being an unknown field; value
rules and messages are those of ``rules``, shared with the save check.  Every problem is
reported, each at its JSON path; ``Report`` places them in the text afterwards.  Events
go through ``event_fast_path`` first; the ones it declines take the slow path here,
which explains what is wrong.

Unknown fields are kept, in file order, in each object's ``extra``, and checked for
what no timeline value may hold (NaN, integers of more than 18 digits, deep nesting).
Dates repeat, so each distinct date string is parsed once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from timeline_app.core.dates.iso_batch import parse_iso_batch
from timeline_app.core.dates.partial import DateError, PartialDate, parse_iso
from timeline_app.core.fileformat.event_fast_path import event_converter
from timeline_app.core.fileformat.json_tree import (
    ABSENT,
    BAD,
    SUSPECT,
    NotJson,
    count_strings,
    free_value_problems,
)
from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.problems import Report
from timeline_app.core.fileformat.rules import (
    BIG,
    COLOUR,
    describe,
    id_problem,
    offset_problem,
    open_end_problem,
    quote_mismatch,
    show,
)
from timeline_app.core.fileformat.settings_validation import check_settings
from timeline_app.core.fileformat.spec import (
    ACTOR,
    CITATION,
    EVENT,
    FORMAT_NAME,
    FORMAT_VERSION,
    OBJECTS,
    OPEN_END,
    ROOT,
    SOURCE,
    Field,
    Kind,
    ObjectSpec,
)
from timeline_app.core.model import NO_EXTRA, Actor, Citation, Document, Event, Source

__all__ = ["DateEntry", "Validator", "describe_value"]

DateEntry = tuple[PartialDate, float, float]  # date, its start and end in seconds


def describe_value(value: Any) -> str:
    """How a wrong value is named in a message (see ``rules.describe``)."""
    if type(value) is NotJson:
        return value.description
    return describe(value)


class Validator:
    """Checks a parsed file and builds the document; reports into a ``Report``.

    ``strings`` counts the keys and string values of the tree for the duplicate-key
    proof.  It must never count a string that is not in the tree: counting too few
    (as when the check stops early) only costs the exact check, counting too many could
    hide a repeated key (see ``byte_scan``).  The fast path counts by formula what it
    has checked; everything else is counted by ``count_strings``.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.add = report.add
        self.strings = 0
        self.dates: dict[str, DateEntry] = {}
        self.bad_dates: dict[str, str] = {}  # date text -> what is wrong with it
        self.source_texts: dict[str, str] = {}
        self.source_ids: dict[str, int] = {}
        self.actor_ids: dict[str, int] = {}
        self.event_ids: dict[str, int] = {}
        # One Citation per (source, start, end): a quote checked against the source's
        # text is that text's slice, so equal keys make equal citations.  A big timeline
        # cites a few dozen passages of each article thousands of times; sharing the
        # objects (never changed in place: edits replace them) saves memory and time.
        self.shared_citations: dict[tuple[str, int, int], Citation] = {}
        self._ids = {"source": self.source_ids, "actor": self.actor_ids,
                     "event": self.event_ids}  # the ids of each kind of object, so far
        # What a reference may name: a source with a valid text, any actor with an id.
        self._targets: dict[str, dict[str, Any]] = {
            "source": self.source_texts, "actor": self.actor_ids}

    # --- the document -----------------------------------------------------------------------
    def document(self, root: Any) -> Document | None:
        if not self.prologue(root):
            return None
        events = self._list(root, (), "events", "events", required=_REQUIRED_EVENTS)
        return self.epilogue(root, self._events(events))

    def prologue(self, root: Any) -> bool:
        """Check what comes before the events; False when the rest is not worth checking.

        Only needs the format, version, sources and actors of ``root`` (the streaming
        parser calls it when it reaches the events).
        """
        if type(root) is not dict:
            self.add((), f"the file holds {describe_value(root)}, not a timeline: a timeline "
                     'file is an object {"format": "conflict-timeline", "version": 1, '
                     '"events": [...]}')
            return False
        if not self._header(root):
            return False
        sources = self._list(root, (), "sources", "sources", required=_REQUIRED_SOURCES)
        actors = self._list(root, (), "actors", "actors", required=_REQUIRED_ACTORS)
        self.source_list = [s for s in map(self._source, range(len(sources)), sources) if s]
        self.actor_list = [a for a in map(self._actor, range(len(actors)), actors) if a]
        return True

    def epilogue(self, root: dict, event_list: list[Event]) -> Document | None:
        """Check the rest of the root once the events are converted; the document."""
        self.strings += len(root) + sum(count_strings(v) for k, v in root.items() if k != "events")
        title = self._string(root, (), "title")
        extra = self._extra(root, (), ROOT.known)
        settings = check_settings(self, root)  # layout and saved views
        if self.report or title is BAD or settings is None:
            return None
        return Document(title, self.source_list, self.actor_list, event_list, *settings,
                        extra=extra)

    def _header(self, root: dict) -> bool:
        """Check format and version; False when the rest is not worth checking."""
        fmt = root.get("format", ABSENT)
        if fmt is ABSENT:
            self.add(("format",), 'is missing: a timeline file starts with '
                     '"format": "conflict-timeline"; this may not be a Conflict Timeline file')
        elif fmt != FORMAT_NAME:
            self.add(("format",), f'is {describe_value(fmt)}, not "conflict-timeline": '
                     "this is not a Conflict Timeline file")
        version = root.get("version", ABSENT)
        if version is ABSENT:
            self.add(("version",), f'is missing: add "version": {FORMAT_VERSION}')
        elif type(version) is not int:
            self.add(("version",), f"must be the whole number {FORMAT_VERSION}, "
                     f"not {describe_value(version)}")
        elif version > FORMAT_VERSION:
            if version >= BIG:
                self.add(("version",), f"is {describe_value(version)}: write {FORMAT_VERSION}")
            else:
                self.add(("version",), "the file was written by a newer version of Conflict "
                         f"Timeline (format version {version}); this version reads version "
                         f"{FORMAT_VERSION}: update the app")
            return False
        elif version < FORMAT_VERSION:
            self.add(("version",), f"is {version}, but format versions start at "
                     f"{FORMAT_VERSION}: write {FORMAT_VERSION}")
        return fmt == FORMAT_NAME or "events" in root

    # --- objects: each field checked as ``spec`` describes it --------------------------------
    def _fields(self, obj: dict, path: JsonPath, spec: ObjectSpec) -> dict[str, Any]:
        """Each field of ``spec``, in file order, checked by its kind: name -> the value
        (a ``DateEntry`` for a date) or ``BAD`` when it was reported."""
        return {f.name: _CHECKS[f.kind](self, obj, path, spec, f) for f in spec.fields}

    def _object(self, path: JsonPath, obj: Any, spec: ObjectSpec) -> dict[str, Any] | None:
        """The checked fields of one object plus its unknown fields (``extra``); None when
        it is not an object."""
        if type(obj) is not dict:
            what = (f"an object describing one {spec.name}" if spec.name != "citation" else
                    'an object {"source": ..., "start": ..., "end": ..., "quote": ...}')
            self._wrong(path, obj, what)
            return None
        values = self._fields(obj, path, spec)
        values["extra"] = self._extra(obj, path, spec.known)
        return values

    def _source(self, index: int, src: Any) -> Source | None:
        values = self._object(("sources", index), src, SOURCE)
        if values is None:
            return None
        if values["id"] is not BAD and values["text"] is not BAD:
            self.source_texts.setdefault(values["id"], values["text"])
        return None if _failed(values) else Source(**_model_values(values, SOURCE))

    def _actor(self, index: int, actor: Any) -> Actor | None:
        values = self._object(("actors", index), actor, ACTOR)
        return None if values is None or _failed(values) else Actor(**values)

    # --- events: the hot loop ----------------------------------------------------------------
    def _events(self, events: list) -> list[Event]:
        """Check the events and replace each by its ``Event``, in place."""
        event_converter(self)(events, 0)
        return events

    def event(self, index: int, ev: Any) -> Event | None:
        """The slow path: check every field of one event and report each problem."""
        path: JsonPath = ("events", index)
        values = self._object(path, ev, EVENT)
        if values is None:
            return None
        start, end = values["start"], values["end"]
        if start not in (None, BAD) and end not in (None, BAD, OPEN_END) and end[2] <= start[1]:
            self.add((*path, "end"), f"the event ends ({end[0].iso()}) before it starts "
                     f"({start[0].iso()}): swap start and end, or correct one of them")
            values["end"] = BAD
        if _failed(values):
            return None
        values["location"] = sys.intern(values["location"])
        return Event(**_model_values(values, EVENT))

    def citation(self, path: JsonPath, c: Any) -> Citation | None:
        """Check one citation, including that its quote is the text at its offsets."""
        values = self._object(path, c, CITATION)
        if values is None or _failed(values):
            return None
        src, start, end, quote = (values[k] for k in ("source", "start", "end", "quote"))
        text = self.source_texts[src]
        if not self._span(path, src, text, start, end):
            return None
        actual = text[start:end]
        if actual != quote:
            self.add((*path, "quote"), quote_mismatch(text, actual, quote, start, end))
            return None
        return Citation(**values)

    def _span(self, path: JsonPath, src: str, text: str, start: int, end: int) -> bool:
        size = len(text)
        where = (f"the text of source {show(src)} has {size} characters (offsets count "
                 "characters from 0): fix the offsets")
        if start >= size:
            self.add((*path, "start"), f"{start} is beyond the end of the source text: {where}")
            return False
        if end > size:
            self.add((*path, "end"), f"{end} is beyond the end of the source text: {where}")
            return False
        if end <= start:
            self.add((*path, "end"), f"{end} must be greater than start ({start}): a citation "
                     "covers the characters from start up to, not including, end")
            return False
        return True

    # --- fields ---------------------------------------------------------------------------------
    def _id(self, obj: dict, path: JsonPath, spec: ObjectSpec, f: Field) -> str:
        value = obj.get(f.name, ABSENT)
        where = (*path, f.name)
        kind = spec.name
        if value is ABSENT:
            self.add(where, f'is missing: give the {kind} an "id" no other {kind} has')
            return BAD
        problem = id_problem(value, path, kind, self._ids[kind])
        if problem is not None:
            self.add(where, problem)
            return BAD
        return sys.intern(value)

    def _text(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> str:
        return self._string(obj, path, f.name, required=f.required)

    def _reference(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> str:
        """The id of an object of kind ``f.refers_to`` (a citation's source), interned."""
        value = self._string(obj, path, f.name, required=f.required)
        if value is BAD or (not value and not f.required):
            return value
        kind = f.refers_to
        if value not in self._targets[kind]:
            self.add((*path, f.name), f"names the {kind} {show(value)}, which is not in "
                     f'"{kind}s": add the {kind}, or correct the id')
            return BAD
        return sys.intern(value)

    def _references(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> list[str]:
        return self._strings(obj, path, f.name, self._targets[f.refers_to])

    def _texts(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> list[str]:
        return self._strings(obj, path, f.name, None)

    def _date_field(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> DateEntry:
        nullable = f.kind is not Kind.DATE
        return self._date(obj, path, f.name, required=f.required, nullable=nullable)

    def _end_date(self, obj: dict, path: JsonPath, spec: ObjectSpec, f: Field) -> Any:
        """An event's end: a date, ``OPEN_END`` (it goes on) or None."""
        value = obj.get(f.name)
        if (problem := open_end_problem(value)) is not None:
            self.add((*path, f.name), problem)
            return BAD
        return value if value == OPEN_END else self._date_field(obj, path, spec, f)

    def _colour(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> str:
        colour = self._string(obj, path, f.name, required=f.required)
        if colour and colour is not BAD and not COLOUR.fullmatch(colour):
            self.add((*path, f.name), f"{show(colour)} is not a colour: write it as #rrggbb, "
                     'for example "#b5443a"')
            return BAD
        return colour

    def _objects(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> list:
        """The list of objects in a field of an object (an event's citations)."""
        value = obj.get(f.name, ABSENT)
        if value is ABSENT:
            return []
        item = OBJECTS[f.item] if f.item else None
        if type(value) is not list or item is not CITATION:
            self._wrong((*path, f.name), value, f"a list of {f.item}s")
            return BAD
        out = [self.citation((*path, f.name, j), c) for j, c in enumerate(value)]
        return BAD if None in out else out

    def _string(self, obj: dict, path: JsonPath, key: str, *, required: bool = False) -> str:
        value = obj.get(key, ABSENT)
        if type(value) is str:
            return value
        if value is ABSENT:
            if not required:
                return ""
            self.add((*path, key), f'is missing: add "{key}": "..."')
            return BAD
        hint = "; leave the field out if there is nothing to write" if value is None else ""
        self.add((*path, key), f"must be a string, not {describe_value(value)}{hint}")
        self._check_nested(value, (*path, key))
        return BAD

    def _strings(
        self, obj: dict, path: JsonPath, key: str, known: dict[str, int] | None
    ) -> list[str]:
        """A list of strings; with ``known``, each must be one of its keys (an actor id)."""
        value = obj.get(key, ABSENT)
        if value is ABSENT:
            return []
        if type(value) is not list:
            self._wrong((*path, key), value, "a list of strings")
            return BAD
        out = []
        for j, item in enumerate(value):
            if type(item) is not str:
                self._wrong((*path, key, j), item, "a string")
            elif known is not None and item not in known:
                self.add((*path, key, j), f"names the actor {show(item)}, which is not in "
                         '"actors": add an actor with this id, or correct the id')
            else:
                out.append(sys.intern(item))
        return out if len(out) == len(value) else BAD

    def _list(self, obj: dict, path: JsonPath, key: str, what: str, *, required: bool) -> list:
        value = obj.get(key, ABSENT)
        if type(value) is list:
            return value
        if value is ABSENT:
            if required:
                self.add((*path, key), f'is missing: add "{key}": [] and list the {what} in it')
            return []
        self._wrong((*path, key), value, f"a list of {what}")
        return []

    def _date(
        self, obj: dict, path: JsonPath, key: str, *, required: bool, nullable: bool
    ) -> DateEntry | None:
        value = obj.get(key, ABSENT)
        where = (*path, key)
        if value is ABSENT or (value is None and nullable):
            if required:
                self.add(where, f'is missing: add "{key}": "YYYY-MM-DD" (or YYYY, YYYY-MM)')
                return BAD
            return None
        if type(value) is not str:
            self.add(where, 'must be a date string such as "2019-04-04", '
                     f"not {describe_value(value)}")
            self._check_nested(value, where)
            return BAD
        entry = self.dates.get(value) or self.parse_date(value)
        if entry is not None:
            return entry
        self.add(where, self.bad_dates[value])
        return BAD

    def parse_date(self, text: str) -> DateEntry | None:
        """Parse and cache, the failures too (with their message); None when bad."""
        if text in self.bad_dates:
            return None
        try:
            date = parse_iso(text)
        except DateError as exc:
            message = str(exc)
            if text not in message:
                message = f"{show(text)} is not a real date: {message}"
            self.bad_dates[text] = message
            return None
        entry = (date, date.to_seconds(), date.end_seconds())
        self.dates[text] = entry
        return entry

    def parse_dates(self, texts: Iterable[object]) -> None:
        """Parse the strings among ``texts`` not seen yet together (``iso_batch``): for
        many, several times faster than one by one.  Those it declines are left to
        ``parse_date``, which explains what is wrong with them."""
        fresh = [text for text in texts if type(text) is str and text not in self.dates
                 and text not in self.bad_dates]
        dates = self.dates
        for text, date in zip(fresh, parse_iso_batch(fresh), strict=True):
            if date is not None:
                dates[text] = (date, date.to_seconds(), date.end_seconds())

    def _offset(self, obj: dict, path: JsonPath, _spec: ObjectSpec, f: Field) -> int:
        key = f.name
        value = obj.get(key, ABSENT)
        where = (*path, key)
        what = "a whole number of characters from the start of the source text, counted from 0"
        if value is ABSENT:
            if not f.required:
                return 0
            self.add(where, f'is missing: add "{key}": {what}')
        elif type(value) is NotJson:
            self.add(where, value.advice)
        elif type(value) is not int:
            self.add(where, f"must be {what}, not {describe_value(value)}")
        elif (problem := offset_problem(value)) is not None:
            self.add(where, problem)
        else:
            return value
        return BAD

    # --- unknown fields and values that JSON allows but a timeline does not ---------------------
    def _extra(self, obj: dict, path: JsonPath, known: frozenset[str]) -> dict:
        """Unknown fields in file order, kept as they are so that saving preserves them."""
        if known.issuperset(obj):
            return NO_EXTRA
        extra = {k: v for k, v in obj.items() if k not in known}
        for key, value in extra.items():
            if type(value) in SUSPECT:  # strings, booleans and null are always fine
                self.check_free(value, (*path, key))
        return extra

    def _wrong(self, path: JsonPath, value: Any, expected: str) -> None:
        self.add(path, f"must be {expected}, not {describe_value(value)}")
        self._check_nested(value, path)

    def _check_nested(self, value: Any, path: JsonPath) -> None:
        """In a wrong container, also report what is wrong inside (NaN, depth...)."""
        if type(value) in (dict, list):
            self.check_free(value, path)

    def check_free(self, value: Any, path: JsonPath) -> None:
        """Report what no JSON value of a timeline may hold, at any depth (unknown fields
        are kept and written back, so they must be JSON that other tools read)."""
        for where, message in free_value_problems(value, path):
            self.add(where, message)


_CHECKS: dict[Kind, Callable[[Validator, dict, JsonPath, ObjectSpec, Field], Any]] = {
    Kind.ID: Validator._id,
    Kind.TEXT: Validator._text,
    Kind.REFERENCE: Validator._reference,
    Kind.REFERENCES: Validator._references,
    Kind.TEXTS: Validator._texts,
    Kind.DATE: Validator._date_field,
    Kind.NULLABLE_DATE: Validator._date_field,
    Kind.END_DATE: Validator._end_date,
    Kind.COLOUR: Validator._colour,
    Kind.OFFSET: Validator._offset,
    Kind.OBJECTS: Validator._objects,
}
"""How a field of each kind is checked (the root's constants, in ``_header``, excepted)."""


_REQUIRED_SOURCES = ROOT.field("sources").required
_REQUIRED_ACTORS = ROOT.field("actors").required
_REQUIRED_EVENTS = ROOT.field("events").required


def _failed(values: dict[str, Any]) -> bool:
    return any(value is BAD for value in values.values())


def _model_values(values: dict[str, Any], spec: ObjectSpec) -> dict[str, Any]:
    """The checked values as the model takes them: a date for each ``DateEntry``."""
    for f in spec.fields:
        if values[f.name] == OPEN_END and f.kind is Kind.END_DATE:
            values[f.name], values["open_end"] = None, True
        elif f.kind in (Kind.DATE, Kind.NULLABLE_DATE, Kind.END_DATE) and values[f.name]:
            values[f.name] = values[f.name][0]
    return values
