"""Would the file of a document load?  Answered from the model, without writing or parsing.

``save_document`` must never write a file that the loader would refuse.  Writing the
text and loading it back answers that exactly but costs as much as a load (1.5 s for
100,000 events on a slow machine), so ``check_document`` enforces the loader's rules on
the ``Document`` itself, with the loader's messages and JSON paths (problems have no
line and column: there is no file yet).  For a document whose file would load, it
returns no problem; otherwise it returns what ``load_bytes`` would report on the file.

It only judges documents made of the model's own types: plain ``str``, ``int``,
``list``, ``dict`` and ``PartialDate`` where the model says so, and JSON values in the
unknown fields (``extra``).  For anything else (a ``None`` title, a tuple in ``extra``,
an unknown field named like a known one...) the text the writer produces depends on
``json.dumps`` and the loader's view of it on details not worth repeating here: the
check returns ``None`` ("cannot tell") and the caller falls back to writing the text
and loading it back.

What the file would hold and the loader refuses, rule by rule (see ``loader``):

* an empty id, or an id used twice among the sources, the actors or the events;
* an event naming an actor, or a citation a source, that is not in the document (a
  citation's source is the first source with that id);
* a citation whose offsets are negative, have more than 18 digits, are not
  ``0 <= start < end <= len(text)``, or whose quote is not ``text[start:end]``;
* an event that ends before it starts (``end.end_seconds() <= start.to_seconds()``);
* a colour that is not ``#rrggbb``;
* in unknown fields: NaN and infinities (which the writer cannot even write), integers
  of more than 18 digits, lists and objects nested more than ``MAX_DEPTH`` deep.

The rest cannot go wrong in a well-typed document: format and version are written by
the writer, dates come from valid ``PartialDate`` objects, keys are never repeated, and
a lone surrogate in a string is caught when the text is encoded to UTF-8.  A file over
the loader's size limit is caught by the caller, which knows the size.
"""

from __future__ import annotations

import math
from typing import Any

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.rules import (
    BIG,
    COLOUR,
    digits,
    id_problem,
    offset_problem,
    quote_mismatch,
    show,
    too_deep_message,
    too_many_digits,
)
from timeline_app.core.fileformat.spec import (
    KNOWN_ACTOR_KEYS,
    KNOWN_CITATION_KEYS,
    KNOWN_EVENT_KEYS,
    KNOWN_ROOT_KEYS,
    KNOWN_SOURCE_KEYS,
    MAX_DEPTH,
)
from timeline_app.core.model import (
    NO_EXTRA,
    Actor,
    Citation,
    Document,
    Event,
    Source,
    ends_before_start,
)

__all__ = ["check_document"]

class _Undecided(Exception):
    """A value of a type the check does not judge: the caller must load the text back."""


def check_document(
    doc: Document, display_name: str, *, events: bool = True
) -> list[Problem] | None:
    """The problems ``load_bytes`` would report on the saved file of ``doc`` ([] if none).

    ``None`` when the document holds values of types the check does not judge (see the
    module's docstring).  ``events=False`` leaves the events out, for a caller that
    knows them to be plainly valid (``writer.Encoded.plain``).  Never raises for a
    document, whatever it holds.
    """
    checker = _Checker(display_name)
    try:
        checker.document(doc, events=events)
    except (_Undecided, TypeError, AttributeError, RecursionError):
        return None
    return checker.problems


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.source_texts: dict[str, str] = {}
        self.actor_ids: set[str] = set()
        # id(date) -> the date, once checked; the dates are kept referenced so that no
        # id is reused while the check runs.
        self.dates: dict[int, PartialDate] = {}

    def add(self, path: JsonPath, message: str) -> None:
        self.problems.append(Problem(self.name, message, path))

    # --- the document ------------------------------------------------------------------
    def document(self, doc: Document, *, events: bool) -> None:
        if type(doc) is not Document:
            raise _Undecided
        _text(doc.title)
        sources, actors = doc.sources, doc.actors
        if type(sources) is not list or type(actors) is not list or type(doc.events) is not list:
            raise _Undecided
        source_ids: dict[str, int] = {}
        for i, src in enumerate(sources):
            self.source(i, src, source_ids)
        actor_ids: dict[str, int] = {}
        for i, actor in enumerate(actors):
            self.actor(i, actor, actor_ids)
        self.actor_ids = set(actor_ids)
        if events:
            self.events(doc.events)
        self.extra(doc.extra, (), KNOWN_ROOT_KEYS)

    def identifier(self, value: Any, path: JsonPath, kind: str, seen: dict[str, int]) -> bool:
        """Check an id like ``loader._Validator._id``: True when it is valid and new."""
        if type(value) is not str:
            raise _Undecided
        problem = id_problem(value, path, kind, seen)
        if problem is not None:
            self.add((*path, "id"), problem)
        return problem is None

    def source(self, index: int, src: Source, seen: dict[str, int]) -> None:
        if type(src) is not Source:
            raise _Undecided
        path: JsonPath = ("sources", index)
        valid = self.identifier(src.id, path, "source", seen)
        for value in (src.title, src.outlet, src.url, src.language, src.text):
            _text(value)
        if src.published is not None:
            self.date(src.published)
        self.extra(src.extra, path, KNOWN_SOURCE_KEYS)
        if valid:
            self.source_texts.setdefault(src.id, src.text)

    def actor(self, index: int, actor: Actor, seen: dict[str, int]) -> None:
        if type(actor) is not Actor:
            raise _Undecided
        path: JsonPath = ("actors", index)
        self.identifier(actor.id, path, "actor", seen)
        _text(actor.name)
        color = _text(actor.color)
        if color and not COLOUR.fullmatch(color):
            self.add((*path, "color"), f"{show(color)} is not a colour: write it as #rrggbb, "
                     'for example "#b5443a"')
        self.extra(actor.extra, path, KNOWN_ACTOR_KEYS)

    # --- events: many, so the common case is one quick test per field ----------------------
    def events(self, events: list[Event]) -> None:
        seen: dict[str, int] = {}
        dates = self.dates
        date = self.date
        texts = self.source_texts
        actor_ids = self.actor_ids
        join = "".join
        for i, ev in enumerate(events):
            if type(ev) is not Event:
                raise _Undecided
            eid = ev.id
            if type(eid) is not str or not eid or eid in seen:
                self.identifier(eid, ("events", i), "event", seen)
            else:
                seen[eid] = i
            if (
                type(ev.title) is not str or type(ev.location) is not str
                or type(ev.description) is not str or type(ev.date_note) is not str
            ):
                raise _Undecided
            start = dates.get(id(ev.start)) or date(ev.start)
            end = ev.end
            if end is not None:
                end = dates.get(id(end)) or date(end)
                # The end's span must not finish before the start's begins: surely so when
                # the end begins no earlier than the start (the common case, decided
                # without the seconds, which take microseconds to compute).
                if (
                    (end.year, end.month, end.day, end.hour, end.minute)
                    < (start.year, start.month, start.day, start.hour, start.minute)
                    and ends_before_start(start, end)
                ):
                    self.add(("events", i, "end"),
                             f"the event ends ({end.iso()}) before it starts "
                             f"({start.iso()}): swap start and end, or correct one of them")
            actors = ev.actors
            if type(actors) is not list:
                raise _Undecided
            if actors and not actor_ids.issuperset(actors):
                self.actors(i, actors)
            tags = ev.tags
            if type(tags) is not list:
                raise _Undecided
            if tags:
                join(tags)  # TypeError (undecided) for an item that is not a string
            citations = ev.citations
            if type(citations) is not list:
                raise _Undecided
            for j, c in enumerate(citations):
                if type(c) is not Citation:
                    raise _Undecided
                text = texts.get(c.source)
                start_at = c.start
                end_at = c.end
                quote = c.quote
                if (
                    text is None or type(start_at) is not int or type(end_at) is not int
                    or type(quote) is not str or not 0 <= start_at < end_at <= len(text)
                    or end_at - start_at != len(quote) or not text.startswith(quote, start_at)
                    or (c.extra is not NO_EXTRA and (type(c.extra) is not dict or c.extra))
                ):
                    self.citation(("events", i, "citations", j), c)
            extra = ev.extra
            if extra:
                self.extra(extra, ("events", i), KNOWN_EVENT_KEYS)
            elif extra is not NO_EXTRA and type(extra) is not dict:
                raise _Undecided

    def date(self, value: Any) -> PartialDate:
        """Check a date object, once (by identity: the loader shares one per date)."""
        if type(value) is not PartialDate:  # which checks its fields when it is made
            raise _Undecided
        self.dates[id(value)] = value
        return value

    def actors(self, index: int, actors: list[str]) -> None:
        """Report the actors of an event that are not in the document."""
        for j, item in enumerate(actors):
            if type(item) is not str:
                raise _Undecided
            if item not in self.actor_ids:
                self.add(("events", index, "actors", j), f"names the actor {show(item)}, "
                         'which is not in "actors": add an actor with this id, or correct the id')

    def citation(self, path: JsonPath, c: Citation) -> None:
        """The slow path for one citation: what ``loader._Validator._citation`` reports."""
        src = _text(c.source)
        quote = _text(c.quote)
        start = self.offset(c.start, (*path, "start"))
        end = self.offset(c.end, (*path, "end"))
        self.extra(c.extra, path, KNOWN_CITATION_KEYS)
        text = self.source_texts.get(src)
        if text is None:
            self.add((*path, "source"), f"names the source {show(src)}, which is not in "
                     '"sources": add the source, or correct the id')
            return
        if start is None or end is None:
            return
        size = len(text)
        where = (f"the text of source {show(src)} has {size} characters (offsets count "
                 "characters from 0): fix the offsets")
        if start >= size:
            self.add((*path, "start"), f"{start} is beyond the end of the source text: {where}")
        elif end > size:
            self.add((*path, "end"), f"{end} is beyond the end of the source text: {where}")
        elif end <= start:
            self.add((*path, "end"), f"{end} must be greater than start ({start}): a citation "
                     "covers the characters from start up to, not including, end")
        elif text[start:end] != quote:
            self.add((*path, "quote"), quote_mismatch(text, text[start:end], quote, start, end))

    def offset(self, value: Any, path: JsonPath) -> int | None:
        if type(value) is not int:
            raise _Undecided  # a bool, a float...: written as such, refused by the loader
        problem = offset_problem(value)
        if problem is None:
            return value
        self.add(path, problem)
        return None

    # --- unknown fields ------------------------------------------------------------------------
    def extra(self, extra: Any, path: JsonPath, known: frozenset[str]) -> None:
        """Unknown fields: JSON that every reader reads back as it was."""
        if type(extra) is not dict and extra is not NO_EXTRA:
            raise _Undecided
        for key, value in extra.items():
            if type(key) is not str or key in known:
                raise _Undecided  # the writer would drop it or write it as a known field
            self.value(value, (*path, key), len(path) + 2, set())

    def value(self, value: Any, path: JsonPath, level: int, inside: set[int]) -> None:
        """Check one JSON value at nesting ``level`` (the root object is 1).

        ``inside`` holds the containers being checked around it, so that a list that
        holds itself is reported instead of followed for ever.
        """
        kind = type(value)
        if kind is str or kind is bool or value is None:
            return
        if kind is int:
            if value >= BIG or value <= -BIG:
                self.add(path, too_many_digits(digits(value)))
        elif kind is float:
            if math.isnan(value):
                self.add(path, "NaN is not allowed in JSON: write a number, or null")
            elif math.isinf(value):
                self.add(path, "is a number too large for JSON readers (it overflows to "
                         "infinity): correct it, or write it as a string")
        elif kind is list or kind is dict:
            if level > MAX_DEPTH:
                self.add(path, too_deep_message())
                return
            if id(value) in inside:
                self.add(path, "contains itself, which JSON cannot write: remove the loop")
                return
            inside.add(id(value))
            if kind is list:
                for i, item in enumerate(value):
                    self.value(item, (*path, i), level + 1, inside)
            else:
                for key, item in value.items():
                    if type(key) is not str:
                        raise _Undecided  # json.dumps converts or refuses it
                    self.value(item, (*path, key), level + 1, inside)
            inside.discard(id(value))
        else:
            raise _Undecided


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Undecided
    return value
