"""The model refuses, when an object is built, every value no timeline file may hold."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.model import (
    NO_EXTRA,
    Actor,
    Citation,
    Event,
    ModelError,
    Source,
)

DAY = PartialDate(2019, 4, 4)
APRIL = PartialDate(2019, 4, precision=Precision.MONTH)
CITE = Citation("src", 0, 3, "Haf")


def event(**fields: Any) -> Event:
    values: dict[str, Any] = {"id": "e", "title": "t", "start": DAY}
    values.update(fields)
    return Event(**values)


# (class, fields, the refused field): each builds a valid object but for one value.
BAD: list[tuple[Any, dict[str, Any], str]] = [
    (Event, {"id": ""}, "id"),
    (Event, {"id": None}, "id"),
    (Event, {"id": 7}, "id"),
    (Event, {"title": None}, "title"),
    (Event, {"title": b"bytes"}, "title"),
    (Event, {"start": "2019-04-04"}, "start"),
    (Event, {"start": None}, "start"),
    (Event, {"end": "2019"}, "end"),
    (Event, {"end": PartialDate(2019, 4, 3)}, "end"),
    (Event, {"start": DAY, "end": PartialDate(2019, 3, precision=Precision.MONTH)}, "end"),
    (Event, {"actors": ("a",)}, "actors"),
    (Event, {"actors": ["a", 3]}, "actors"),
    (Event, {"actors": "a"}, "actors"),
    (Event, {"location": None}, "location"),
    (Event, {"tags": [None]}, "tags"),
    (Event, {"tags": "war"}, "tags"),
    (Event, {"description": 1.5}, "description"),
    (Event, {"citations": [{"source": "src"}]}, "citations"),
    (Event, {"citations": (CITE,)}, "citations"),
    (Event, {"date_note": None}, "date_note"),
    (Event, {"extra": None}, "extra"),
    (Event, {"extra": [("x", 1)]}, "extra"),
    (Source, {"id": ""}, "id"),
    (Source, {"title": None}, "title"),
    (Source, {"outlet": 1}, "outlet"),
    (Source, {"url": None}, "url"),
    (Source, {"published": "2019"}, "published"),
    (Source, {"language": None}, "language"),
    (Source, {"text": None}, "text"),
    (Source, {"extra": ()}, "extra"),
    (Actor, {"id": ""}, "id"),
    (Actor, {"name": None}, "name"),
    (Actor, {"color": "red"}, "color"),
    (Actor, {"color": "#abc"}, "color"),
    (Actor, {"color": "#b5443a; x"}, "color"),
    (Actor, {"color": None}, "color"),
    (Actor, {"extra": None}, "extra"),
    (Citation, {"source": None}, "source"),
    (Citation, {"start": -1}, "start"),
    (Citation, {"start": 1.0}, "start"),
    (Citation, {"start": True}, "start"),
    (Citation, {"end": "3"}, "end"),
    (Citation, {"end": 0}, "end"),
    (Citation, {"start": 3, "end": 3}, "end"),
    (Citation, {"quote": None}, "quote"),
    (Citation, {"extra": None}, "extra"),
]

GOOD: dict[Any, dict[str, Any]] = {
    Event: {"id": "e", "title": "t", "start": DAY},
    Source: {"id": "src"},
    Actor: {"id": "a"},
    Citation: {"source": "src", "start": 0, "end": 3, "quote": "Haf"},
}


@pytest.mark.parametrize(("cls", "fields", "name"), BAD,
                         ids=[f"{c.__name__}.{n}={f[n]!r}" for c, f, n in BAD])
def test_a_bad_value_is_refused_at_construction(cls: Any, fields: dict[str, Any],
                                                name: str) -> None:
    with pytest.raises(ModelError) as info:
        cls(**{**GOOD[cls], **fields})
    assert info.value.kind == cls.__name__
    assert info.value.field == name
    assert str(info.value).startswith(f"{cls.__name__}.{name}: ")
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("cls", "fields", "name"), BAD,
                         ids=[f"{c.__name__}.{n}" for c, _, n in BAD])
def test_replace_checks_the_new_object(cls: Any, fields: dict[str, Any], name: str) -> None:
    """An edit builds a new object with ``dataclasses.replace``: it is checked too."""
    good = cls(**GOOD[cls])
    with pytest.raises(ModelError):
        replace(good, **fields)


def test_valid_objects_are_built() -> None:
    ev = event(
        end=PartialDate(2020), actors=["a"], location="", tags=["x", ""],
        description="d", citations=[CITE], date_note="n", extra={"x_by": "ana"},
    )
    assert ev.end == PartialDate(2020)
    # an end within the start's own span: April 2019 ends after the 4th begins
    assert event(start=DAY, end=APRIL).end == APRIL
    assert event(start=APRIL, end=DAY).end == DAY
    assert event(title="").title == ""  # an empty title is allowed (the id is shown)
    assert event(extra=NO_EXTRA).extra is NO_EXTRA
    assert Source("s", published=None).published is None
    assert Source("s", published=DAY, extra=NO_EXTRA).published == DAY
    assert Actor("a", color="").color == ""
    assert Actor("a", color="#B5443a").color == "#B5443a"
    # what only the whole document can judge: an unknown source, offsets past the text
    assert Citation("", 10**20, 10**20 + 1, "").start == 10**20


def test_the_message_says_what_to_do() -> None:
    with pytest.raises(ModelError, match=r"^Event\.end: the event ends \(2019-04-03\) before "
                       r"it starts \(2019-04-04\): swap start and end"):
        event(end=PartialDate(2019, 4, 3))
    with pytest.raises(ModelError, match=r"write it as #rrggbb"):
        Actor("a", color="red")
    with pytest.raises(ModelError, match=r"item 1 is an int"):
        event(tags=["a", 1])
