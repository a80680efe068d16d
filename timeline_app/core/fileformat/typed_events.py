"""The typed path for a piece of events: msgspec checks the shape of every event in C.

Most files hold only events this application wrote: every key known, every value of its
kind.  For them, msgspec decodes a piece of events straight into small typed structs
(refusing an unknown key, a missing id, a number where a string belongs...), which is
faster than decoding dicts and leaves this module only what a type cannot say: unique
ids, real dates in order, known actors and citations that quote their source.  A 100,000
event file loads in about two thirds of the time the dict path takes (see
``bench/bench_loader.py``).

It only ever accepts a whole piece: its ids are taken and its strings counted only
once all of it is accepted, so that when anything in it is declined nothing is kept,
and the caller decodes the piece again as dicts for ``event_fast_path`` and the slow
path, which explain.  It builds the same ``Event`` and counts the same strings for the
duplicate-key proof as ``event_fast_path`` (a property test holds them to it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING

import msgspec
from msgspec import UNSET, UnsetType

from timeline_app.core.fileformat import event_fast_path
from timeline_app.core.fileformat.event_fast_path import (
    FAST_FIELDS,
    citation_maker,
    covers_the_model,
)
from timeline_app.core.fileformat.spec import OPEN_END
from timeline_app.core.model import Citation, Event, checked_event

if TYPE_CHECKING:
    from timeline_app.core.fileformat.validation import Validator

__all__ = ["TypedPiece", "typed_piece_converter"]

TypedPiece = Callable[[bytes | memoryview, int], "list[Event] | None"]
"""Decodes a JSON array of events, the first being event number ``first`` of the file;
their ``Event`` objects, or None when the piece must take the dict path."""


class _Citation(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    source: str
    start: int
    end: int
    quote: str


class _Event(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    # Absent and empty differ for the duplicate-key proof (an absent key is not in the
    # file's quotes), so every optional field defaults to UNSET, never to a value.
    id: str
    title: str
    start: str
    end: str | UnsetType | None = UNSET
    actors: list[str] | UnsetType = UNSET
    location: str | UnsetType = UNSET
    tags: list[str] | UnsetType = UNSET
    description: str | UnsetType = UNSET
    # Each citation as its JSON text: most repeat one of a few thousand, word for word
    # (decoded and checked once, then found by their bytes).
    citations: list[msgspec.Raw] | UnsetType = UNSET
    date_note: str | UnsetType = UNSET


def matches_the_fast_path() -> bool:
    """Whether the structs name exactly the fields the fast path reads, in its order,
    and ``checked_event`` sets every field of the model (a field added to ``Event``
    turns the typed path off until both know it: every event then takes the dict path,
    correct, only slower)."""
    return (_Event.__struct_fields__ == FAST_FIELDS and covers_the_model()
            and (*FAST_FIELDS, "open_end", "extra") == event_fast_path.MODEL_FIELDS)


_DECODE = msgspec.json.Decoder(list[_Event]).decode  # thread-safe
_DECODE_CITATION = msgspec.json.Decoder(_Citation).decode
_START, _END = attrgetter("start"), attrgetter("end")
_BATCH_DATES = 64
"""New dates in a piece from which they are read together (``Validator.parse_dates``):
below it, numpy's cost per call outweighs what it saves."""
_KEPT_CITATION_TEXTS = 1 << 16
"""At most so many citation texts are remembered (a few MB) while a file loads; a file
with more distinct ones starts again from none (each is then decoded and checked)."""


def typed_piece_converter(validator: Validator) -> TypedPiece | None:
    """The typed path for ``validator``'s file, or None when the model has moved on from
    ``FAST_FIELDS`` (every event then takes the dict path: correct, only slower)."""
    if not matches_the_fast_path():
        return None
    seen = validator.event_ids
    dates = validator.dates
    parse_date = validator.parse_date
    parse_dates = validator.parse_dates
    intern = sys.intern
    known_actor = {actor: intern(actor) for actor in validator.actor_ids}.__getitem__
    cited = citation_maker(validator)
    unset = UNSET
    open_end = OPEN_END

    by_text: dict[bytes, Citation] = {}  # a citation's JSON text: its checked citation

    def citation(text: bytes) -> Citation | None:
        """The model's citation of the JSON ``text`` (see ``citation_maker``); None when it
        is not right.  Identical text is the same citation: four keys, none twice (the
        quotes counted say so), the same quote of the same source."""
        try:
            c = _DECODE_CITATION(text)
        except ValueError:  # not an object of the four keys: the dict path says
            return None
        cite = cited(c.source, c.start, c.end, c.quote)
        if cite is not None:
            if len(by_text) >= _KEPT_CITATION_TEXTS:
                by_text.clear()
            by_text[text] = cite
        return cite

    def convert(raw: bytes | memoryview, first: int) -> list[Event] | None:
        try:
            items = _DECODE(raw)
        except ValueError:  # DecodeError, ValidationError, and UnicodeDecodeError for a
            return None  # string that is not UTF-8: the dict path says what and where
        ids = [e.id for e in items]  # present, unique, new: tested in C
        if "" in ids or len(set(ids)) != len(ids) or not seen.keys().isdisjoint(ids):
            return None
        fresh = set(map(_START, items))
        fresh.update(map(_END, items))  # ends that are no string are passed over
        fresh = fresh.difference(dates)  # by looking each up (difference_update would
        # go through every date read so far, for every piece)
        if len(fresh) >= _BATCH_DATES:
            parse_dates(fresh)
        out: list[Event] = []
        strings = 0
        for eid, e in zip(ids, items, strict=True):
            start = e.start
            end = e.end
            actors = e.actors
            location = e.location
            tags = e.tags
            description = e.description
            citations = e.citations
            date_note = e.date_note
            first_date = dates.get(start) or parse_date(start)
            if first_date is None:
                break
            last = None
            # Keys and string values: id, title and start, then each optional key.
            strings += 6
            if end is not unset:
                if end is None:
                    strings += 1
                else:
                    strings += 2
                    if end != open_end:
                        last = dates.get(end) or parse_date(end)
                        if last is None or last[2] <= first_date[1]:
                            break
            if actors is unset:
                actors = []
            else:
                try:  # each a known actor's id, as the one interned string
                    actors[:] = map(known_actor, actors)
                except KeyError:
                    break
                strings += 1 + len(actors)
                actors = actors[:]  # exact size: the decoder's lists have room to grow
            if tags is unset:
                tags = []
            else:
                tags[:] = map(intern, tags)
                strings += 1 + len(tags)
                tags = tags[:]
            if location is unset:
                location = ""
            else:
                strings += 2
                location = intern(location)
            if description is unset:
                description = ""
            else:
                strings += 2
            if date_note is unset:
                date_note = ""
            else:
                strings += 2
            cites: list[Citation] = []
            if citations is not unset:
                strings += 1 + 6 * len(citations)
                for c in citations:
                    text = bytes(c)
                    cite = by_text.get(text) or citation(text)
                    if cite is None:
                        break
                    cites.append(cite)
                if len(cites) != len(citations):
                    break  # a citation was declined
            out.append(checked_event(
                eid, e.title, first_date[0], last and last[0], actors, location, tags,
                description, cites, date_note,
                end is not unset and end is not None and last is None,  # ".." goes on
            ))
        else:
            seen.update(zip(ids, range(first, first + len(ids)), strict=True))
            validator.strings += strings
            return out
        return None  # declined: nothing of it was kept

    return convert
