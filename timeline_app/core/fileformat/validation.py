"""Validation: a parsed file (a JSON tree) to a ``Document``, or to problems by JSON path.

The rules come from ``spec`` (which keys each object knows, which it requires) and
``rules`` (the value rules and their messages, shared with the save check).  Every
problem is reported, not only the first, each at its JSON path; ``Report`` places them
in the text afterwards.  Events go through ``event_fast_path`` first and only the ones
it declines through the slow path here, which explains what is wrong.

Unknown fields are kept, in file order, in each object's ``extra``, and checked for
what no timeline value may hold (NaN, integers of more than 18 digits, deep nesting).
Dates repeat, so each distinct date string is parsed once.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any

from timeline_app.core.dates.partial import DateError, PartialDate, parse_iso
from timeline_app.core.fileformat.event_fast_path import fast_event_converter
from timeline_app.core.fileformat.json_tree import (
    ABSENT,
    BAD,
    SUSPECT,
    NotJson,
    count_strings,
)
from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.problems import Report
from timeline_app.core.fileformat.rules import (
    BIG,
    COLOUR,
    describe,
    digits,
    id_problem,
    offset_problem,
    quote_mismatch,
    show,
    too_deep_message,
    too_many_digits,
)
from timeline_app.core.fileformat.spec import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KNOWN_ACTOR_KEYS,
    KNOWN_CITATION_KEYS,
    KNOWN_EVENT_KEYS,
    KNOWN_ROOT_KEYS,
    KNOWN_SOURCE_KEYS,
    MAX_DEPTH,
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
    hide a repeated key (see ``_no_duplicate_keys``).  The fast path counts by formula
    what it has checked; everything else is counted by ``count_strings``.
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

    # --- the document -----------------------------------------------------------------------
    def document(self, root: Any) -> Document | None:
        if not self.prologue(root):
            return None
        events = self._list(root, (), "events", "events", required=True)
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
        sources = self._list(root, (), "sources", "sources", required=False)
        actors = self._list(root, (), "actors", "actors", required=False)
        self.source_list = [s for s in map(self._source, range(len(sources)), sources) if s]
        self.actor_list = [a for a in map(self._actor, range(len(actors)), actors) if a]
        return True

    def epilogue(self, root: dict, event_list: list[Event]) -> Document | None:
        """Check the rest of the root once the events are converted; the document."""
        self.strings += len(root) + sum(count_strings(v) for k, v in root.items() if k != "events")
        title = self._string(root, (), "title")
        extra = self._extra(root, (), KNOWN_ROOT_KEYS)
        if self.report or title is BAD:
            return None
        return Document(title, self.source_list, self.actor_list, event_list, extra)

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

    # --- sources and actors: few, so the detailed checks are fast enough ------------------
    def _source(self, index: int, src: Any) -> Source | None:
        path: JsonPath = ("sources", index)
        if type(src) is not dict:
            self._wrong(path, src, "an object describing one source")
            return None
        sid = self._id(src, path, "source", self.source_ids)
        title = self._string(src, path, "title")
        outlet = self._string(src, path, "outlet")
        url = self._string(src, path, "url")
        published = self._date(src, path, "published", required=False, nullable=True)
        language = self._string(src, path, "language")
        text = self._string(src, path, "text")
        extra = self._extra(src, path, KNOWN_SOURCE_KEYS)
        if sid is not BAD and text is not BAD:
            self.source_texts.setdefault(sid, text)
        fields = (sid, title, outlet, url, published, language, text)
        if BAD in fields:
            return None
        return Source(sid, title, outlet, url, published and published[0], language, text, extra)

    def _actor(self, index: int, actor: Any) -> Actor | None:
        path: JsonPath = ("actors", index)
        if type(actor) is not dict:
            self._wrong(path, actor, "an object describing one actor")
            return None
        aid = self._id(actor, path, "actor", self.actor_ids)
        name = self._string(actor, path, "name")
        color = self._string(actor, path, "color")
        if color and color is not BAD and not COLOUR.fullmatch(color):
            self.add((*path, "color"), f"{show(color)} is not a colour: write it as #rrggbb, "
                     'for example "#b5443a"')
            color = BAD
        extra = self._extra(actor, path, KNOWN_ACTOR_KEYS)
        if BAD in (aid, name, color):
            return None
        return Actor(aid, name, color, extra)

    # --- events: the hot loop ----------------------------------------------------------------
    def _events(self, events: list) -> list[Event]:
        """Check the events and replace each by its ``Event``, in place.

        Replacing in place frees each parsed dict as soon as it is converted, so the
        new objects reuse its memory instead of fresh pages (a page fault costs about
        2 µs on a small virtual machine; this saved a fifth of them).  An event that
        fails stays a dict; the list is only used as the document's when nothing failed.
        """
        convert = self.converter()
        for i, ev in enumerate(events):
            events[i] = convert(i, ev)
        return events

    def converter(self) -> Callable[[int, Any], Any]:
        """A function from (index, parsed event) to its ``Event``, or the dict if it fails.

        Made once the sources and actors are known; events must be given in order.
        """
        accept = fast_event_converter(self)
        slow = self.event

        def convert(i: int, ev: Any) -> Any:
            event = accept(i, ev)
            if event is None:
                self.strings += count_strings(ev)
                event = slow(i, ev)
                if event is None:
                    return ev
            return event

        return convert

    def event(self, index: int, ev: Any) -> Event | None:
        """The slow path: check every field of one event and report each problem."""
        path: JsonPath = ("events", index)
        if type(ev) is not dict:
            self._wrong(path, ev, "an object describing one event")
            return None
        eid = self._id(ev, path, "event", self.event_ids)
        title = self._string(ev, path, "title", required=True)
        start = self._date(ev, path, "start", required=True, nullable=False)
        end = self._date(ev, path, "end", required=False, nullable=True)
        actors = self._strings(ev, path, "actors", self.actor_ids)
        location = self._string(ev, path, "location")
        tags = self._strings(ev, path, "tags", None)
        description = self._string(ev, path, "description")
        citations = self._citations(ev, path)
        date_note = self._string(ev, path, "date_note")
        extra = self._extra(ev, path, KNOWN_EVENT_KEYS)
        if start not in (None, BAD) and end not in (None, BAD) and end[2] <= start[1]:
            self.add((*path, "end"), f"the event ends ({end[0].iso()}) before it starts "
                     f"({start[0].iso()}): swap start and end, or correct one of them")
            end = BAD
        fields = (eid, title, start, end, actors, location, tags, description, citations,
                  date_note)
        if BAD in fields:
            return None
        return Event(eid, title, start[0], end and end[0], actors, sys.intern(location), tags,
                     description, citations, date_note, extra)

    def _citations(self, ev: dict, path: JsonPath) -> list[Citation]:
        value = ev.get("citations", ABSENT)
        if value is ABSENT:
            return []
        if type(value) is not list:
            self._wrong((*path, "citations"), value, "a list of citations")
            return BAD
        out = [self.citation((*path, "citations", j), c) for j, c in enumerate(value)]
        return BAD if None in out else out

    def citation(self, path: JsonPath, c: Any) -> Citation | None:
        """Check one citation, including that its quote is the text at its offsets."""
        if type(c) is not dict:
            self._wrong(path, c, 'an object {"source": ..., "start": ..., "end": ..., '
                        '"quote": ...}')
            return None
        src = self._string(c, path, "source", required=True)
        start = self._offset(c, path, "start")
        end = self._offset(c, path, "end")
        quote = self._string(c, path, "quote", required=True)
        extra = self._extra(c, path, KNOWN_CITATION_KEYS)
        if src is BAD:
            return None
        text = self.source_texts.get(src)
        if text is None:
            self.add((*path, "source"), f"names the source {show(src)}, which is not in "
                     '"sources": add the source, or correct the id')
            return None
        if BAD in (start, end, quote) or not self._span(path, src, text, start, end):
            return None
        actual = text[start:end]
        if actual != quote:
            self.add((*path, "quote"), quote_mismatch(text, actual, quote, start, end))
            return None
        return Citation(sys.intern(src), start, end, quote, extra)

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
    def _id(self, obj: dict, path: JsonPath, kind: str, seen: dict[str, int]) -> str:
        value = obj.get("id", ABSENT)
        where = (*path, "id")
        if value is ABSENT:
            self.add(where, f'is missing: give the {kind} an "id" no other {kind} has')
            return BAD
        problem = id_problem(value, path, kind, seen)
        if problem is not None:
            self.add(where, problem)
            return BAD
        return sys.intern(value)

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

    def _offset(self, obj: dict, path: JsonPath, key: str) -> int:
        value = obj.get(key, ABSENT)
        where = (*path, key)
        what = "a whole number of characters from the start of the source text, counted from 0"
        if value is ABSENT:
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
        """Report what no JSON value of a timeline may hold, at any depth.

        Unknown fields are kept and written back, so they must be JSON that other tools
        read: no NaN or infinities, no integers beyond 18 digits, no absurd nesting.
        The value at ``path`` is at nesting level ``len(path) + 1`` (the root is 1).
        """
        stack = [(value, path, len(path) + 1)]
        while stack:
            item, where, level = stack.pop()
            kind = type(item)
            if kind is dict or kind is list:
                if level > MAX_DEPTH:
                    self.add(where, too_deep_message())
                    continue
                pairs = item.items() if kind is dict else enumerate(item)
                stack.extend(
                    (v, (*where, k), level + 1)
                    for k, v in pairs
                    if type(v) in SUSPECT
                )
            elif kind is float:
                if not math.isfinite(item):
                    self.add(where, "is a number too large for JSON readers (it overflows to "
                             "infinity): correct it, or write it as a string")
            elif kind is int:
                if item >= BIG or item <= -BIG:
                    self.add(where, too_many_digits(digits(item)))
            elif kind is NotJson:
                self.add(where, item.advice)
