"""Would the file of a document load?  Answered from the model, without writing or parsing.

``save_document`` must never write a file that the loader would refuse.  Writing the
text and loading it back answers that exactly but costs as much as a load (1.5 s for
100,000 events on a slow machine), so ``check_document`` enforces the loader's rules on
the ``Document`` itself, with the loader's messages and JSON paths (problems have no
line and column: there is no file yet).  For a document whose file would load, it
returns no problem; otherwise it returns what ``load_bytes`` would report on the file.

The rules on the values of one object (types, non-empty ids, dates, an end after the
start, colours, ``0 <= start < end`` offsets) are the model's, checked when an object is
built: this check only asks each object to check itself again (``validate``), in case a
field was assigned a bad value since.  When one was, or the document holds values of
other types than the model's (a tuple in ``extra``, an unknown field named like a known
one...), the text the writer produces depends on ``json.dumps`` and the loader's view of
it on details not worth repeating here: the check returns ``None`` ("cannot tell") and
the caller falls back to writing the text and loading it back.

What is left is what spans objects, and the unknown fields.  The loader refuses, rule by
rule (see ``loader``):

* an id used twice among the sources, the actors or the events;
* an event naming an actor, or a citation a source, that is not in the document (a
  citation's source is the first source with that id);
* a citation whose offsets have more than 18 digits, go beyond its source's text, or
  whose quote is not ``text[start:end]``;
* in unknown fields: NaN and infinities (which the writer cannot even write), integers
  of more than 18 digits, lists and objects nested more than ``MAX_DEPTH`` deep.

The rest cannot go wrong in a valid model: format and version are written by the
writer, keys are never repeated, and a lone surrogate in a string is caught when the
text is encoded to UTF-8.  A file over the loader's size limit is caught by the caller,
which knows the size.
"""

from __future__ import annotations

import math
from typing import Any

from timeline_app.core.fileformat.jsonpos import JsonPath
from timeline_app.core.fileformat.problems import Problem, Report
from timeline_app.core.fileformat.rules import (
    BIG,
    digits,
    id_problem,
    offset_problem,
    quote_mismatch,
    show,
    too_deep_message,
    too_many_digits,
)
from timeline_app.core.fileformat.settings_validation import check_settings
from timeline_app.core.fileformat.spec import (
    KNOWN_ACTOR_KEYS,
    KNOWN_CITATION_KEYS,
    KNOWN_EVENT_KEYS,
    KNOWN_ROOT_KEYS,
    KNOWN_SOURCE_KEYS,
    MAX_DEPTH,
)
from timeline_app.core.fileformat.validation import Validator
from timeline_app.core.model import (
    Actor,
    Citation,
    Document,
    Event,
    ModelError,
    Source,
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

    def add(self, path: JsonPath, message: str) -> None:
        self.problems.append(Problem(self.name, message, path))

    # --- the document ------------------------------------------------------------------
    def document(self, doc: Document, *, events: bool) -> None:
        _valid(doc, Document)
        source_ids: dict[str, int] = {}
        for i, src in enumerate(doc.sources):
            self.source(i, src, source_ids)
        actor_ids: dict[str, int] = {}
        for i, actor in enumerate(doc.actors):
            self.actor(i, actor, actor_ids)
        self.actor_ids = set(actor_ids)
        if events:
            self.events(doc.events)
        self.extra(doc.extra, (), KNOWN_ROOT_KEYS)
        if doc.layout or doc.views:
            self.settings({"layout": doc.layout, "views": doc.views})

    def settings(self, root: dict[str, Any]) -> None:
        """The layout and saved views, checked as the loader checks them."""
        report = Report(self.name)
        self.value(root, (), 1, set())  # NaN, depth, loops: what the validator assumes away
        if self.problems:
            return
        check_settings(Validator(report), root)
        self.problems += report.problems(None)

    def identifier(self, value: str, path: JsonPath, kind: str, seen: dict[str, int]) -> bool:
        """Check that an id is new, as the loader does: True when it is."""
        problem = id_problem(value, path, kind, seen)
        if problem is not None:
            self.add((*path, "id"), problem)
        return problem is None

    def source(self, index: int, src: Source, seen: dict[str, int]) -> None:
        _valid(src, Source)
        path: JsonPath = ("sources", index)
        if self.identifier(src.id, path, "source", seen):
            self.source_texts.setdefault(src.id, src.text)
        self.extra(src.extra, path, KNOWN_SOURCE_KEYS)

    def actor(self, index: int, actor: Actor, seen: dict[str, int]) -> None:
        _valid(actor, Actor)
        path: JsonPath = ("actors", index)
        self.identifier(actor.id, path, "actor", seen)
        self.extra(actor.extra, path, KNOWN_ACTOR_KEYS)

    # --- events: many, so the common case is one quick test per field ----------------------
    def events(self, events: list[Event]) -> None:
        seen: dict[str, int] = {}
        texts = self.source_texts
        actor_ids = self.actor_ids
        for i, ev in enumerate(events):
            _valid(ev, Event)
            eid = ev.id
            if eid in seen:
                self.identifier(eid, ("events", i), "event", seen)
            else:
                seen[eid] = i
            actors = ev.actors
            if actors and not actor_ids.issuperset(actors):
                self.actors(i, actors)
            for j, c in enumerate(ev.citations):
                _valid(c, Citation)
                text = texts.get(c.source)
                if (
                    text is None or c.end > len(text) or c.end - c.start != len(c.quote)
                    or not text.startswith(c.quote, c.start) or c.extra
                ):
                    self.citation(("events", i, "citations", j), c)
            if ev.extra:
                self.extra(ev.extra, ("events", i), KNOWN_EVENT_KEYS)

    def actors(self, index: int, actors: list[str]) -> None:
        """Report the actors of an event that are not in the document."""
        for j, item in enumerate(actors):
            if item not in self.actor_ids:
                self.add(("events", index, "actors", j), f"names the actor {show(item)}, "
                         'which is not in "actors": add an actor with this id, or correct the id')

    def citation(self, path: JsonPath, c: Citation) -> None:
        """The slow path for one citation: what ``loader._Validator._citation`` reports."""
        start = self.offset(c.start, (*path, "start"))
        end = self.offset(c.end, (*path, "end"))
        self.extra(c.extra, path, KNOWN_CITATION_KEYS)
        text = self.source_texts.get(c.source)
        if text is None:
            self.add((*path, "source"), f"names the source {show(c.source)}, which is not in "
                     '"sources": add the source, or correct the id')
            return
        if start is None or end is None:
            return
        size = len(text)
        where = (f"the text of source {show(c.source)} has {size} characters (offsets count "
                 "characters from 0): fix the offsets")
        if start >= size:
            self.add((*path, "start"), f"{start} is beyond the end of the source text: {where}")
        elif end > size:
            self.add((*path, "end"), f"{end} is beyond the end of the source text: {where}")
        elif text[start:end] != c.quote:
            self.add((*path, "quote"), quote_mismatch(text, text[start:end], c.quote, start, end))

    def offset(self, value: int, path: JsonPath) -> int | None:
        problem = offset_problem(value)  # the model knows no limit of digits
        if problem is None:
            return value
        self.add(path, problem)
        return None

    # --- unknown fields ------------------------------------------------------------------------
    def extra(self, extra: dict[str, Any], path: JsonPath, known: frozenset[str]) -> None:
        """Unknown fields: JSON that every reader reads back as it was."""
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


def _valid(obj: Any, kind: type) -> None:
    """``obj`` is a ``kind`` whose fields hold values the model accepts (one may have been
    assigned a bad value since it was built); otherwise the check cannot tell."""
    if type(obj) is not kind:
        raise _Undecided
    try:
        obj.validate()
    except ModelError:
        raise _Undecided from None
