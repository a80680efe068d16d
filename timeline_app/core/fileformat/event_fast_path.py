"""The fast path for events: builds a valid event quickly, or declines it.

A file of a million events spends most of its checking time here, so this is the one
place written for speed rather than for explanation: locals only, no call per field,
the common citation check inline, list items interned in place.  It never reports a
problem of the event itself: whatever it declines is checked again from scratch by
``Validator.event``, the slow path, which explains what is wrong.  Both take the known
keys from ``spec`` and build the same ``Event`` (a property test holds them to it).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from timeline_app.core.fileformat.json_tree import ABSENT, SUSPECT, count_strings
from timeline_app.core.fileformat.spec import KNOWN_EVENT_KEYS, OPEN_END
from timeline_app.core.model import NO_EXTRA, Citation, Event

if TYPE_CHECKING:
    from timeline_app.core.fileformat.validation import Validator

__all__ = [
    "FAST_FIELDS",
    "MODEL_FIELDS",
    "CitationMaker",
    "citation_maker",
    "covers_the_model",
    "event_converter",
    "fast_event_converter",
]

FAST_FIELDS = ("id", "title", "start", "end", "actors", "location", "tags", "description",
               "citations", "date_note")
"""The event fields this path reads itself, in the model's order (it builds ``Event``
positionally: keywords would cost 36 ms per 100,000 events)."""

MODEL_FIELDS = tuple(f.name for f in dataclasses.fields(Event))
# A field added to the spec (and the model) after these is left to the slow path: an
# event holding it is declined, so the field is checked and kept, only more slowly.
_LEFT_TO_THE_SLOW_PATH = KNOWN_EVENT_KEYS - frozenset(FAST_FIELDS)


def covers_the_model() -> bool:
    """Whether the model's fields begin with ``FAST_FIELDS`` in that order, as the
    positional call needs; if a field is inserted among them, every event takes the slow
    path (correct, but slower: a test says so)."""
    return MODEL_FIELDS[: len(FAST_FIELDS)] == FAST_FIELDS and MODEL_FIELDS[-1] == "extra"


def event_converter(validator: Validator) -> Callable[[list, int], None]:
    """A function that converts a list of parsed events in place, the first being
    event number ``first`` of the file: each becomes its ``Event``, by the fast path or
    else the slow path, or stays the parsed dict when it fails (the list is only used as
    the document's when nothing failed).  Made once the sources and actors are known;
    lists must come in order.

    Replacing in place frees each parsed dict as soon as it is converted, so the new
    objects reuse its memory instead of fresh pages (a page fault costs about 2 µs
    on a small virtual machine; this saved a fifth of them).
    """
    accept = fast_event_converter(validator)
    slow = validator.event

    def convert(items: list, first: int) -> None:
        for i, ev in enumerate(items, first):
            event = accept(i, ev)
            if event is None:
                validator.strings += count_strings(ev)
                event = slow(i, ev)
                if event is None:
                    continue
            items[i - first] = event

    return convert


CitationMaker = Callable[[str, int, int, str], "Citation | None"]


def citation_maker(validator: Validator) -> CitationMaker:
    """The model's citation of (source, start, end, quote) when the quote is the source's
    text at those offsets, else None (the slow path explains); one object per place.

    A quote checked against the source's text is that text's slice, so equal places make
    equal citations.  A big timeline cites a few dozen passages of each article thousands
    of times; sharing the objects (never changed in place: edits replace them) saves
    memory and time.  Shared by the fast and the typed paths through ``validator``.
    """
    shared = validator.shared_citations
    texts = validator.source_texts
    intern = sys.intern

    def cited(src: str, start: int, end: int, quote: str) -> Citation | None:
        key = (src, start, end)
        cite = shared.get(key)
        if cite is not None:
            return cite if cite.quote == quote else None  # its quote checked when made
        text = texts.get(src)
        if (
            text is None or not 0 <= start < end <= len(text)
            or end - start != len(quote) or not text.startswith(quote, start)
        ):
            return None
        cite = shared[key] = Citation(intern(src), start, end, quote, NO_EXTRA)
        return cite

    return cited


def fast_event_converter(validator: Validator) -> Callable[[int, Any], Any]:
    """A function that builds a valid event quickly, or returns None without reporting.

    It only ever accepts: whatever it declines is checked again from scratch by
    ``Validator.event``, which explains the problems.  Once it has accepted an event, a bad
    citation or unknown field is reported on its own: the event is still built when
    only an unknown field was wrong, and stays the parsed dict when a citation was (the
    document is dropped anyway when anything was reported).
    """
    seen = validator.event_ids
    dates = validator.dates
    parse_date = validator.parse_date
    actor_ids = frozenset(validator.actor_ids)
    slow_citation = validator.citation
    cited = citation_maker(validator)
    intern = sys.intern
    event_keys = KNOWN_EVENT_KEYS
    others = _LEFT_TO_THE_SLOW_PATH
    if not covers_the_model():
        return lambda i, ev: None

    def accept(i: int, ev: Any) -> Event | None:
        if type(ev) is not dict or (others and not others.isdisjoint(ev)):
            return None
        get = ev.get
        eid = get("id")
        title = get("title")
        start = get("start")
        end = get("end")
        location = get("location", "")
        description = get("description", "")
        date_note = get("date_note", "")
        actors = get("actors", ABSENT)
        tags = get("tags", ABSENT)
        citations = get("citations", ABSENT)
        if not (
            type(eid) is str and eid and eid not in seen
            and type(title) is str and type(start) is str
            and (end is None or type(end) is str)
            and type(location) is str and type(description) is str
            and type(date_note) is str
            and (type(actors) is list or actors is ABSENT)
            and (type(tags) is list or tags is ABSENT)
            and (type(citations) is list or citations is ABSENT)
        ):
            return None
        first = dates.get(start) or parse_date(start)
        if first is None:
            return None
        last = None
        if end is not None and end != OPEN_END:
            last = dates.get(end) or parse_date(end)
            if last is None or last[2] <= first[1]:
                return None
        try:
            if actors:
                actors[:] = map(intern, actors)
            if tags:
                tags[:] = map(intern, tags)
        except TypeError:  # an item that is not a string
            return None
        if actors and not actor_ids.issuperset(actors):
            return None
        # Accepted.  Count keys, string values and strings in lists for the
        # duplicate-key proof: every known value is a string but end=null and lists.
        seen[eid] = i
        extra = NO_EXTRA
        strings = 0
        if not event_keys.issuperset(ev):
            extra = {k: v for k, v in ev.items() if k not in event_keys}
            for key, value in extra.items():
                if type(value) is str:
                    strings += 1
                elif type(value) in SUSPECT:
                    validator.check_free(value, ("events", i, key))
                    strings += count_strings(value)
        strings += (
            2 * len(ev) - len(extra)
            - (end is None and "end" in ev)
            - (actors is not ABSENT) - (tags is not ABSENT) - (citations is not ABSENT)
            + len(actors) + len(tags)
        )
        failed = False
        if citations:
            for j, c in enumerate(citations):
                if type(c) is dict and len(c) == 4:
                    try:
                        src = c["source"]
                        cstart = c["start"]
                        cend = c["end"]
                        quote = c["quote"]
                    except KeyError:
                        src = None
                    if (
                        type(src) is str and type(cstart) is int and type(cend) is int
                        and type(quote) is str
                    ):
                        cite = cited(src, cstart, cend, quote)
                        if cite is not None:
                            citations[j] = cite
                            strings += 6  # four keys, source and quote
                            continue
                strings += count_strings(c)
                cite = slow_citation(("events", i, "citations", j), c)
                if cite is None:
                    failed = True
                else:
                    citations[j] = cite
        validator.strings += strings
        if failed:  # reported: the event stays a dict (an Event holds only Citations)
            return ev
        # Copies ([:]) are lists of the exact size: the parser's have room for four.
        event = Event(
            eid, title, first[0], last and last[0],
            actors[:] if actors is not ABSENT else [], intern(location),
            tags[:] if tags is not ABSENT else [], description,
            citations[:] if citations is not ABSENT else [], date_note, extra=extra,
        )
        if end is not None and last is None:  # "..": valid with no end date, as built
            event.open_end = True
        return event

    return accept
