"""Editing an event in one cell of the event table: the text typed, read back into the
event.

The title and the location are taken as typed (spaces around them dropped); tags are
separated by commas; the date is one date, or two separated by a dash with a space on
each side ("2019-04-04 – 2019-06", "4 April 2019 - June 2019") or by "to".  Dates are
read as the event editor reads a typed date (ISO first, then free text: "June 2020",
"about 4 April 2019").  What cannot be read is refused with ``CellError``, whose message
says why and what to write.  A cell left as it was gives the event unchanged (the same
object), so no edit is recorded.
"""

from __future__ import annotations

import re
from dataclasses import replace

from timeline_app.core.dates.partial import DateError, PartialDate
from timeline_app.core.dates.text import parse_text
from timeline_app.core.model import Event, ModelError

__all__ = ["EDITABLE", "CellError", "edit_text", "edited", "is_editable"]

#: The fields edited in place, by the names of the table's columns.
EDITABLE = frozenset({"date", "title", "location", "tags"})
_RANGE = re.compile(r"\s+(?:[-–—]|to)\s+", re.IGNORECASE)


class CellError(ValueError):
    """A cell's text that cannot be stored; the message says what to write instead."""


def is_editable(event: Event, field: str) -> bool:
    """Whether the cell is edited in place.  A tag holding a comma would be split by a
    comma-separated cell: such an event's tags are edited in the event editor."""
    if field == "tags":
        return not any("," in tag for tag in event.tags)
    return field in EDITABLE


def edit_text(event: Event, field: str) -> str:
    """What the cell's editor starts with: the date in the file's form, which reads
    back exactly, and the other fields as they are."""
    if field == "date":
        return event.start.iso() if event.end is None \
            else f"{event.start.iso()} – {event.end.iso()}"
    if field == "title":
        return event.title
    if field == "location":
        return event.location
    if field == "tags":
        return ", ".join(event.tags)
    raise CellError(f"the {field} is not edited in the table")


def _date(text: str, which: str) -> PartialDate:
    try:
        return parse_text(text.strip())
    except DateError as error:
        raise CellError(f"The {which} date is not understood: {error}") from None


def _dates(text: str) -> tuple[PartialDate, PartialDate | None]:
    text = text.strip()
    if not text:
        raise CellError("An event needs a date: type one, for example '4 April 2019', "
                        "or two separated by ' – ' for a range")
    parts = _RANGE.split(text)
    if len(parts) == 1:
        return _date(text, "typed"), None
    if len(parts) > 2:
        raise CellError(f"{text!r} holds more than two dates: type one date, or a start "
                        "and an end separated by ' – '")
    return _date(parts[0], "start"), _date(parts[1], "end")


def edited(event: Event, field: str, text: str) -> Event:
    """``event`` with the cell of ``field`` set to ``text``; ``event`` itself when the
    cell says what it said.  ``CellError`` for text that cannot be stored."""
    if not is_editable(event, field):
        raise CellError("Edit this field in the event editor (Edit > Edit Event…)")
    if text == edit_text(event, field):
        return event
    if field == "title":
        changes: dict[str, object] = {"title": text.strip()}
    elif field == "location":
        changes = {"location": text.strip()}
    elif field == "tags":
        tags = [tag.strip() for tag in text.split(",")]
        changes = {"tags": list(dict.fromkeys(tag for tag in tags if tag))}
    else:
        start, end = _dates(text)
        changes = {"start": start, "end": end}
    if all(getattr(event, name) == value for name, value in changes.items()):
        return event
    try:
        return replace(event, **changes)  # type: ignore[arg-type]
    except ModelError as error:
        if error.field == "end":
            raise CellError("The event would end before it starts: type the earlier date "
                            "first") from None
        raise CellError(str(error)) from None
