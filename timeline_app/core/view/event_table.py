"""The event table without Qt: its columns, what each cell says, and the order of its rows.

The table lists every event the filter keeps, one row each, sorted by one column.  A
document may hold 100,000 events and more, so:

* a cell's text is made when the view asks for it (only the visible rows are asked);
* a sort computes one key per event in one pass and sorts once (numpy for the dates);
* an edit moves, adds or removes the one row it touches: ``RowOrder`` finds where a
  row goes by binary search over the sorted rows, computing the keys it compares on
  the fly, so no key is stored between edits.

Rows are kept in ascending order whatever the direction shown: a descending table
shows them from the last (``display_row``).  Ties are broken by the position in the
document, so an order is total and the same on every sort.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Document, Event
from timeline_app.core.view.search import outlet_of

__all__ = [
    "HEADERS",
    "Column",
    "Names",
    "RowOrder",
    "cell_text",
    "date_text",
    "full_order",
    "precision_text",
    "sort_key",
]

Positions = npt.NDArray[np.intp]


class Column(IntEnum):
    DATE = 0
    TITLE = 1
    ACTORS = 2
    LOCATION = 3
    TAGS = 4
    SOURCES = 5
    PRECISION = 6

    @property
    def field(self) -> str:
        """'date', 'title', …: the column's name where a field is meant."""
        return self.name.lower()


HEADERS = {
    Column.DATE: "Date",
    Column.TITLE: "Title",
    Column.ACTORS: "Actors",
    Column.LOCATION: "Location",
    Column.TAGS: "Tags",
    Column.SOURCES: "Sources",
    Column.PRECISION: "Precision",
}


@dataclass(frozen=True, slots=True)
class Names:
    """What the cells show for the ids an event holds: actors' names and sources'
    outlets (the outlet the filter panel offers: outlet, else title, else id)."""

    actors: dict[str, str]
    outlets: dict[str, str]

    @classmethod
    def of(cls, document: Document) -> Names:
        return cls({a.id: a.label for a in document.actors}, outlet_of(document))


def date_text(event: Event) -> str:
    """'4 April 2019', or '4 April 2019 – June 2020' for a range: as the details say it."""
    if event.end is None:
        return event.start.display()
    return f"{event.start.display()} – {event.end.display()}"


def _precision(date: PartialDate) -> str:
    return f"{date.precision.label}, approximate" if date.approximate else date.precision.label


def precision_text(event: Event) -> str:
    """'day', 'month, approximate', or 'day – month' when a range's two ends differ."""
    start = _precision(event.start)
    if event.end is None:
        return start
    end = _precision(event.end)
    return start if start == end else f"{start} – {end}"


def _outlets(event: Event, names: Names) -> list[str]:
    seen: dict[str, None] = {}
    for citation in event.citations:
        seen.setdefault(names.outlets.get(citation.source, citation.source))
    return list(seen)


def cell_text(event: Event, column: Column, names: Names) -> str:
    """What the cell of ``event`` in ``column`` says (the whole text, not yet one line)."""
    if column is Column.DATE:
        return date_text(event)
    if column is Column.TITLE:
        return event.title
    if column is Column.ACTORS:
        return ", ".join(names.actors.get(a, a) for a in event.actors)
    if column is Column.LOCATION:
        return event.location
    if column is Column.TAGS:
        return ", ".join(event.tags)
    if column is Column.SOURCES:
        return ", ".join(_outlets(event, names))
    return precision_text(event)


_LAST = "\U0010ffff"  # sorts after every text: the empty cells go last


def sort_key(event: Event, column: Column, names: Names) -> Any:
    """How ``column`` orders the events: dates by time (start, then end), precision
    from coarse to fine (then by time), texts case-blind with the empty ones last.
    Texts are keyed by a str alone: building 100,000 tuples costs more than sorting."""
    if column is Column.DATE:
        return (event.start_seconds(), event.end_seconds())
    if column is Column.PRECISION:
        return (int(event.start.precision), event.start.approximate, event.start_seconds())
    return cell_text(event, column, names).casefold() or _LAST


# The start and end seconds of every event, in document order, where something keeps
# them already (the timeline's event index): sorting by date then reads no event.
Seconds = Callable[[], tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]]


def _time_order(events: Sequence[Event], by_precision: bool,
                seconds: Seconds | None = None) -> Positions:
    """By start then end (``np.lexsort`` is stable: ties by position); by precision and
    approximation first when ``by_precision``."""
    n = len(events)
    if seconds is not None and not by_precision:
        starts, ends = seconds()
        if len(starts) == len(ends) == n:
            return np.lexsort((ends, starts)).astype(np.intp)
    starts = np.fromiter((e.start.to_seconds() for e in events), np.float64, n)
    if by_precision:
        precisions = np.fromiter((e.start.precision for e in events), np.int8, n)
        approximate = np.fromiter((e.start.approximate for e in events), bool, n)
        return np.lexsort((starts, approximate, precisions)).astype(np.intp)
    ends = np.fromiter((e.end_seconds() for e in events), np.float64, n)
    return np.lexsort((ends, starts)).astype(np.intp)


def full_order(events: Sequence[Event], column: Column | None, names: Names,
               seconds: Seconds | None = None) -> Positions:
    """Every position of ``events``, ascending by ``column`` (document order for None)."""
    n = len(events)
    if column is None or n == 0:
        return np.arange(n, dtype=np.intp)
    if column is Column.DATE or column is Column.PRECISION:
        return _time_order(events, column is Column.PRECISION, seconds)
    with gc_paused():  # 100,000 keys: no collection pass over the document meanwhile
        keys = [sort_key(e, column, names) for e in events]
        return np.fromiter(sorted(range(n), key=keys.__getitem__), np.intp, n)


class RowOrder:
    """The positions of the listed events, in ascending order of one column.

    ``rows`` lists the positions kept by the filter, ``everything`` all positions (a
    filter change picks from it without sorting again); ``row_of`` maps a position to
    its (ascending) row, -1 when it is not listed.  ``descending`` only changes how
    rows are numbered for display.
    """

    def __init__(self, document: Document, column: Column | None = None,
                 descending: bool = False, mask: npt.NDArray[np.bool_] | None = None,
                 seconds: Seconds | None = None) -> None:
        self.document = document
        self.names = Names.of(document)
        self.column = column
        self.descending = descending
        self.seconds = seconds
        self.everything = full_order(document.events, column, self.names, seconds)
        self.rows = self.everything
        self.row_of: Positions = np.empty(0, np.intp)
        self.refilter(mask)

    # --- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows)

    def display_row(self, row: int) -> int:
        """The row shown for ascending row ``row`` (and back: it is its own inverse)."""
        return len(self.rows) - 1 - row if self.descending else row

    def position(self, display_row: int) -> int:
        return int(self.rows[self.display_row(display_row)])

    def display_row_of(self, position: int) -> int:
        """The row showing the event at ``position``; -1 when it is not listed."""
        if not 0 <= position < len(self.row_of):
            return -1
        row = int(self.row_of[position])
        return self.display_row(row) if row >= 0 else -1

    def _key(self, position: int) -> tuple[Any, ...]:
        if self.column is None:
            return (position,)
        return (sort_key(self.document.events[position], self.column, self.names), position)

    # --- whole changes -------------------------------------------------------------------
    def sort(self, column: Column | None, descending: bool) -> None:
        if column != self.column:
            self.column = column
            self.everything = full_order(self.document.events, column, self.names, self.seconds)
        self.descending = descending
        self.refilter(self._mask_of_rows())

    def renamed(self) -> None:
        """Actors or sources changed: their names may order the rows differently."""
        self.names = Names.of(self.document)
        mask = self._mask_of_rows()
        self.everything = full_order(self.document.events, self.column, self.names,
                                     self.seconds)
        self.refilter(mask)

    def refilter(self, mask: npt.NDArray[np.bool_] | None) -> None:
        """List the positions ``mask`` keeps (all for None), in the current order."""
        self.rows = self.everything if mask is None else self.everything[mask[self.everything]]
        self._map()

    def _mask_of_rows(self) -> npt.NDArray[np.bool_] | None:
        if len(self.rows) == len(self.everything):
            return None
        mask = np.zeros(len(self.document.events), dtype=bool)
        mask[self.rows] = True
        return mask

    def _map(self) -> None:
        row_of = np.full(len(self.document.events), -1, dtype=np.intp)
        row_of[self.rows] = np.arange(len(self.rows), dtype=np.intp)
        self.row_of = row_of

    # --- one event changed (the document holds the change already) -----------------------
    def insertion_row(self, position: int) -> int:
        """The ascending row the event at ``position`` goes to when it is listed."""
        return bisect_left(self.rows, self._key(position), key=self._key)

    def inserted(self, position: int) -> None:
        """An event was inserted at ``position``: the events after it moved down one."""
        self.everything = _shift(self.everything, position, 1)
        self.rows = _shift(self.rows, position, 1)
        self.everything = np.insert(self.everything, self._place(self.everything, position),
                                    position)
        self._map()

    def removed(self, position: int) -> None:
        """The event at ``position`` was removed (it is no longer listed)."""
        self.everything = _shift(self.everything[self.everything != position], position, -1)
        self.rows = _shift(self.rows[self.rows != position], position, -1)
        self._map()

    def replaced(self, position: int) -> None:
        """The event at ``position`` changed: its place in ``everything`` follows."""
        others = self.everything[self.everything != position]
        self.everything = np.insert(others, self._place(others, position), position)

    def listed(self, position: int, row: int) -> None:
        """List ``position`` at ascending ``row`` (from ``insertion_row``)."""
        self.rows = np.insert(self.rows, row, position)
        self._map()

    def unlisted(self, position: int) -> None:
        self.rows = self.rows[self.rows != position]
        self._map()

    def moved_row(self, position: int) -> tuple[int, int]:
        """(ascending row now, ascending row it belongs at once the others are left in
        place) of a listed event whose key changed; the two are equal when it stays."""
        now = int(self.row_of[position])
        others = self.rows[self.rows != position]
        return now, self._place(others, position)

    def move(self, position: int, to_row: int) -> None:
        others = self.rows[self.rows != position]
        self.rows = np.insert(others, to_row, position)
        self._map()

    def _place(self, rows: Positions, position: int) -> int:
        return bisect_left(rows, self._key(position), key=self._key)


def _shift(rows: Positions, position: int, by: int) -> Positions:
    """``rows`` with every position at or after ``position`` moved by ``by``."""
    out = rows.copy()
    out[out >= position] += by
    return out
