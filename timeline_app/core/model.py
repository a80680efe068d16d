"""The document model: what a timeline file holds, independent of any file syntax or widget.

Every object keeps the fields this version does not know in ``extra`` (in the order
they were read) so that a file written by a newer tool, or annotated by hand, survives
a load and save untouched.  Classes use ``__slots__``: a document of 100,000 events has
to fit in well under 1.5 KB per event.  For the same reason the loader gives the objects
that have no unknown field one shared, empty, read-only ``extra``: ``NO_EXTRA`` (an
empty dict per event and citation cost 150 bytes per event).  It equals ``{}`` and
reads like any empty dict; to add unknown fields, assign a new dict.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.dates.partial import PartialDate

__all__ = ["NO_EXTRA", "Actor", "Citation", "Document", "Event", "Source"]


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


@dataclass(slots=True)
class Citation:
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


@dataclass(slots=True)
class Source:
    """A report events are taken from: an article, a statement, a data set."""

    id: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: PartialDate | None = None
    language: str = ""
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Actor:
    """A party to the conflict; events name actors by ``id``."""

    id: str
    name: str = ""
    color: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(slots=True)
class Event:
    """Something that happened, when it happened (to a known precision) and who reports it.

    ``end`` is None for a point event.  ``date_note`` says how the date was established
    (for example the relative phrase it was resolved from, or the outside source it was
    taken from) because analysts must be able to defend every date.
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
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def start_seconds(self) -> float:
        return self.start.to_seconds()

    def end_seconds(self) -> float:
        """End of the span the event may cover, exclusive: a point's own precision span."""
        return (self.end or self.start).end_seconds()


@dataclass(slots=True)
class Document:
    """A whole timeline: what one file holds."""

    title: str = ""
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

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

    def citations_of(self, source_id: str) -> Iterator[tuple[Event, Citation]]:
        for ev in self.events:
            for cit in ev.citations:
                if cit.source == source_id:
                    yield ev, cit

    def date_span(self) -> tuple[PartialDate, PartialDate] | None:
        """Earliest start and latest end or start over all events."""
        if not self.events:
            return None
        first = min((ev.start for ev in self.events), key=PartialDate.sort_key)
        last = max((ev.end or ev.start for ev in self.events), key=PartialDate.sort_key)
        return first, last
