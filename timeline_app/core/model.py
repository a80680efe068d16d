"""The document model: what a timeline file holds, independent of any file syntax or widget.

Every object keeps the fields this version does not know in ``extra`` (in the order
they were read) so that a file written by a newer tool, or annotated by hand, survives
a load and save untouched.  Classes use ``__slots__``: a document of 100,000 events has
to fit in well under 1.5 KB per event.  For the same reason the loader gives the objects
that have no unknown field one shared, empty, read-only ``extra``: ``NO_EXTRA`` (an
empty dict per event and citation cost 150 bytes per event).  It equals ``{}`` and
reads like any empty dict; to add unknown fields, assign a new dict.

An ``Event``, ``Source``, ``Actor``, ``Citation`` or ``Document`` checks its values when
it is built (``dataclasses.replace`` builds a new one, and checks it too) and raises
``ModelError``, naming the field and what to do, for a value no file may hold: an empty
id, a text that is not a ``str``, a date that is not a ``PartialDate``, an end before the
start, a colour that is not ``#rrggbb``, offsets that are not ``0 <= start < end``...  What is
left for the whole-document check (``fileformat.check``) is only what spans objects:
ids unique, references resolving, offsets inside the source's text, quotes equal to
the text at their offsets, and unknown fields being JSON that every reader reads alike.

The classes are not frozen: a frozen dataclass sets each field through
``object.__setattr__``, which made building a million events 1.2 s slower (about
0.1 s on the 1.0 s budget of loading 100,000 events), against 0.3 s for the checks
themselves.  Assigning to a field is therefore not checked: edits replace an object by
a new one (``dataclasses.replace``), they never change one in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.dates.partial import PartialDate

__all__ = [
    "COLOUR",
    "NO_EXTRA",
    "Actor",
    "Citation",
    "Document",
    "Event",
    "ModelError",
    "Source",
    "checked_event",
    "ends_before_start",
]

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
"""A colour as a file writes it (use ``fullmatch``); the empty string means none."""


class ModelError(ValueError):
    """A value that no timeline may hold, refused when an object is built.

    ``kind`` is the class (``"Event"``), ``field`` the field's name (``"end"``); the
    message says which field of which object and what to do.
    """

    def __init__(self, kind: str, name: str, message: str) -> None:
        super().__init__(f"{kind}.{name}: {message}")
        self.kind = kind
        self.field = name


def ends_before_start(start: PartialDate, end: PartialDate) -> bool:
    """Whether an event from ``start`` to ``end`` ends before it starts: the span of
    ``end`` finishes no later than the span of ``start`` begins."""
    return end.end_seconds() <= start.to_seconds()


class _NoExtra(dict):  # type: ignore[type-arg]
    """An empty dict that cannot be changed: the shared ``extra`` of loaded objects."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError(
            "this extra is the shared empty NO_EXTRA and cannot be changed: "
            "assign a new dict to the object's extra instead"
        )

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "{}"


NO_EXTRA: dict[str, Any] = _NoExtra()


def _what(value: Any) -> str:
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _text(kind: str, name: str, value: Any) -> None:
    if type(value) is not str:
        raise ModelError(kind, name, f"must be a str (empty for none), not {_what(value)}")


def _identifier(kind: str, name: str, value: Any) -> None:
    if type(value) is not str or not value:
        shown = "an empty str" if value == "" else _what(value)
        raise ModelError(kind, name, f"must be a non-empty str, not {shown}: give it an id")


def _texts(kind: str, name: str, value: Any) -> None:
    if type(value) is not list:
        raise ModelError(kind, name, f"must be a list of str, not {_what(value)}")
    for i, item in enumerate(value):
        if type(item) is not str:
            raise ModelError(kind, name, f"must be a list of str, but item {i} is "
                             f"{_what(item)}")


def _date(kind: str, name: str, value: Any, *, optional: bool) -> None:
    if type(value) is not PartialDate and not (optional and value is None):
        none = " or None" if optional else ""
        raise ModelError(kind, name, f"must be a PartialDate{none}, not {_what(value)}: "
                         "parse the text with parse_iso or parse_user_date")


def _extra(kind: str, value: Any) -> None:
    if type(value) is not dict and value is not NO_EXTRA:
        raise ModelError(kind, "extra", f"must be a dict of the unknown fields, not "
                         f"{_what(value)}")


class _Checked:
    """What the model's classes share: they check their fields when they are built."""

    __slots__ = ()

    def __post_init__(self) -> None:
        raise NotImplementedError

    def validate(self) -> None:
        """Check the fields again, as when the object was built (one may have been
        assigned since): ``ModelError`` for a bad value."""
        self.__post_init__()


@dataclass(slots=True)
class Citation(_Checked):
    """The exact words of a source that report an event.

    ``start`` and ``end`` are offsets in Unicode code points into ``Source.text``
    (end exclusive); ``quote`` repeats the text so that a reader of the file, or a
    check after the source text was edited, can see what was meant.
    """

    source: str
    start: int
    end: int
    quote: str
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        if not (
            type(self.source) is str and type(start) is int
            and type(end) is int and 0 <= start < end and type(self.quote) is str
            and (type(self.extra) is dict or self.extra is NO_EXTRA)
        ):
            self._refuse()

    def _refuse(self) -> None:
        _text("Citation", "source", self.source)
        for name in ("start", "end"):
            value = getattr(self, name)
            if type(value) is not int:
                raise ModelError("Citation", name, "must be an int (a character offset "
                                 f"into the source's text), not {_what(value)}")
        if self.start < 0:
            raise ModelError("Citation", "start", f"is {self.start}: offsets count "
                             "characters from 0 and cannot be negative")
        if self.end <= self.start:
            raise ModelError("Citation", "end", f"{self.end} must be greater than start "
                             f"({self.start}): a citation covers the characters from start "
                             "up to, not including, end")
        _text("Citation", "quote", self.quote)
        _extra("Citation", self.extra)


@dataclass(slots=True)
class Source(_Checked):
    """A report events are taken from: an article, a statement, a data set."""

    id: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: PartialDate | None = None
    language: str = ""
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _identifier("Source", "id", self.id)
        for name in ("title", "outlet", "url", "language", "text"):
            _text("Source", name, getattr(self, name))
        _date("Source", "published", self.published, optional=True)
        _extra("Source", self.extra)

    @property
    def label(self) -> str:
        """How the source is named wherever it is listed: "Outlet — Headline", or what
        there is of the two, or its id."""
        return " — ".join(part for part in (self.outlet, self.title) if part) or self.id


@dataclass(slots=True)
class Actor(_Checked):
    """A party to the conflict; events name actors by ``id``."""

    id: str
    name: str = ""
    color: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _identifier("Actor", "id", self.id)
        _text("Actor", "name", self.name)
        _text("Actor", "color", self.color)
        if self.color and not COLOUR.fullmatch(self.color):
            raise ModelError("Actor", "color", f"{self.color!r} is not a colour: write it as "
                             '#rrggbb, for example "#b5443a", or leave it empty')
        _extra("Actor", self.extra)

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(slots=True)
class Event(_Checked):
    """Something that happened, when it happened (to a known precision) and who reports it.

    ``end`` is None for a point event.  ``open_end`` says that an event with no ``end``
    goes on (EDTF's open end, written ``"end": ".."``): it began at ``start`` and has not
    ended, or not by the time of the last report.  Whatever does not look at ``open_end``
    sees a point event at ``start``, which is what can be said for sure.  ``date_note``
    says how the date was established (for example the relative phrase it was resolved
    from, or the outside source it was taken from) because analysts must be able to
    defend every date.
    """

    id: str
    title: str
    start: PartialDate
    end: PartialDate | None = None
    actors: list[str] = field(default_factory=list)
    location: str = ""
    tags: list[str] = field(default_factory=list)
    description: str = ""
    citations: list[Citation] = field(default_factory=list)
    date_note: str = ""
    open_end: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # One test for the common, valid event (a million are built by a load); the
        # detailed checks only run to say what is wrong.
        end = self.end
        if not (
            type(self.id) is str and self.id and type(self.title) is str
            and type(self.start) is PartialDate
            and (end is None or (type(end) is PartialDate
                                 and end.end_seconds() > self.start.to_seconds()))
            and type(self.actors) is list and type(self.location) is str
            and type(self.tags) is list and type(self.description) is str
            and type(self.citations) is list and type(self.date_note) is str
            and (self.open_end is False or (self.open_end is True and end is None))
            and (type(self.extra) is dict or self.extra is NO_EXTRA)
        ):
            self._refuse()
        try:
            if self.actors:
                "".join(self.actors)
            if self.tags:
                "".join(self.tags)
        except TypeError:
            self._refuse()
        for c in self.citations:
            if type(c) is not Citation:
                self._refuse()

    def _refuse(self) -> None:
        _identifier("Event", "id", self.id)
        _text("Event", "title", self.title)
        _date("Event", "start", self.start, optional=False)
        _date("Event", "end", self.end, optional=True)
        if self.end is not None and ends_before_start(self.start, self.end):
            raise ModelError("Event", "end", f"the event ends ({self.end.iso()}) before it "
                             f"starts ({self.start.iso()}): swap start and end, or correct "
                             "one of them")
        _texts("Event", "actors", self.actors)
        _text("Event", "location", self.location)
        _texts("Event", "tags", self.tags)
        _text("Event", "description", self.description)
        if type(self.citations) is not list:
            raise ModelError("Event", "citations", "must be a list of Citation, not "
                             f"{_what(self.citations)}")
        for i, c in enumerate(self.citations):
            if type(c) is not Citation:
                raise ModelError("Event", "citations", "must be a list of Citation, but "
                                 f"item {i} is {_what(c)}")
        _text("Event", "date_note", self.date_note)
        if type(self.open_end) is not bool:
            raise ModelError("Event", "open_end", f"must be a bool, not {_what(self.open_end)}")
        if self.open_end and self.end is not None:
            raise ModelError("Event", "open_end", f"is True, but the event ends "
                             f"({self.end.iso()}): an event either ends or goes on; set end "
                             "to None, or open_end to False")
        _extra("Event", self.extra)

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def start_seconds(self) -> float:
        return self.start.to_seconds()

    def end_seconds(self) -> float:
        """End of the span the event may cover, exclusive: a point's own precision span."""
        return (self.end or self.start).end_seconds()


def checked_event(id: str, title: str, start: PartialDate, end: PartialDate | None,
                  actors: list[str], location: str, tags: list[str], description: str,
                  citations: list[Citation], date_note: str, open_end: bool) -> Event:
    """An ``Event`` without unknown fields, of values a loader has already checked as the
    constructor would (its typed path, held to the constructor by property tests), built
    without checking them again: a fifth of the time, for 100,000 events at a time."""
    event = _new(Event)
    event.id = id
    event.title = title
    event.start = start
    event.end = end
    event.actors = actors
    event.location = location
    event.tags = tags
    event.description = description
    event.citations = citations
    event.date_note = date_note
    event.open_end = open_end
    event.extra = NO_EXTRA
    return event


_new = object.__new__


@dataclass(slots=True)
class Document(_Checked):
    """A whole timeline: what one file holds."""

    title: str = ""
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # How the timeline shows the document, as JSON the view interprets (``core.view``):
    # the lanes' order, hidden, collapsed lanes and colours, and the saved views.
    layout: dict[str, Any] = field(default_factory=dict)
    views: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _text("Document", "title", self.title)
        if type(self.layout) is not dict:
            raise ModelError("Document", "layout", f"must be a dict, not {_what(self.layout)}")
        if type(self.views) is not list or not all(type(v) is dict for v in self.views):
            raise ModelError("Document", "views", "must be a list of dict (one per view)")
        for name, kind in (("sources", Source), ("actors", Actor), ("events", Event)):
            items = getattr(self, name)
            if type(items) is not list:
                raise ModelError("Document", name, f"must be a list of {kind.__name__}, not "
                                 f"{_what(items)}")
            if items and set(map(type, items)) != {kind}:  # C loops: a million events
                i = next(i for i, item in enumerate(items) if type(item) is not kind)
                raise ModelError("Document", name, f"must be a list of {kind.__name__}, but "
                                 f"item {i} is {_what(items[i])}")
        _extra("Document", self.extra)

    def source(self, source_id: str) -> Source | None:
        for src in self.sources:
            if src.id == source_id:
                return src
        return None

    def actor(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def event_index(self, event_id: str) -> int:
        """Position of the event with ``event_id``; -1 when there is none."""
        for i, ev in enumerate(self.events):
            if ev.id == event_id:
                return i
        return -1

    def event(self, event_id: str) -> Event | None:
        i = self.event_index(event_id)
        return self.events[i] if i >= 0 else None

    def date_span(self) -> tuple[PartialDate, PartialDate] | None:
        """Earliest start and latest end or start over all events."""
        if not self.events:
            return None
        first = min((ev.start for ev in self.events), key=PartialDate.sort_key)
        last = max((ev.end or ev.start for ev in self.events), key=PartialDate.sort_key)
        return first, last
