"""The event table's rows without Qt: sort keys, one-row updates after edits, and cell
edits read back into events."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from bench.synthetic import make_document
from timeline_app.core.dates.partial import PartialDate, parse_iso
from timeline_app.core.editing.cells import CellError, edit_text, edited, is_editable
from timeline_app.core.model import Document, Event
from timeline_app.core.view.event_table import Column, Names, RowOrder, cell_text, sort_key


def expected_rows(doc: Document, column: Column | None, mask: np.ndarray | None) -> list[int]:
    names = Names.of(doc)
    kept = [i for i in range(len(doc.events)) if mask is None or mask[i]]
    if column is None:
        return kept
    return sorted(kept, key=lambda i: (sort_key(doc.events[i], column, names), i))


def shown(order: RowOrder) -> list[int]:
    return [order.position(r) for r in range(len(order))]


@pytest.mark.parametrize("column", [*Column, None])
def test_a_sort_orders_by_the_column_with_ties_in_document_order(column: Column | None) -> None:
    doc = make_document(400, seed=7)
    for descending in (False, True):
        order = RowOrder(doc, column, descending)
        want = expected_rows(doc, column, None)
        assert shown(order) == (want[::-1] if descending else want)
        assert all(order.display_row_of(p) == r for r, p in enumerate(shown(order)))


def test_texts_sort_case_blind_with_empty_cells_last() -> None:
    start = parse_iso("2020")
    doc = Document(events=[Event("a", "beta", start), Event("b", "", start),
                           Event("c", "Alpha", start), Event("d", "alpha", start)])
    assert shown(RowOrder(doc, Column.TITLE)) == [2, 3, 0, 1]
    # dates by time, not by their text: "4 April" is before "June"
    doc.events[:] = [Event("x", "", parse_iso("2020-06")), Event("y", "", parse_iso("2020-04-04"))]
    assert shown(RowOrder(doc, Column.DATE)) == [1, 0]


Edit = tuple[int, Event | None, Event | None]


def _random_edit(doc: Document, rng: random.Random, n: int) -> Edit:
    kind = rng.choice(["insert", "remove", "replace", "replace"])
    if kind == "remove" and len(doc.events) > 1:
        i = rng.randrange(len(doc.events))
        return i, doc.events.pop(i), None
    donor = doc.events[rng.randrange(len(doc.events))]
    if kind == "insert":
        i = rng.randrange(len(doc.events) + 1)
        event = replace(donor, id=f"new-{n}")
        doc.events.insert(i, event)
        return i, None, event
    i = rng.randrange(len(doc.events))
    before = doc.events[i]
    doc.events[i] = replace(before, title=donor.title, start=donor.start, end=donor.end,
                            actors=list(donor.actors))
    return i, before, doc.events[i]


@pytest.mark.parametrize("column", [Column.DATE, Column.TITLE, Column.ACTORS, None])
def test_one_row_updates_after_edits_agree_with_sorting_again(column: Column | None) -> None:
    """What the model does for each edit, against the rows a fresh sort and filter give."""
    rng = random.Random(11)
    doc = make_document(300, seed=3)

    def keeps() -> np.ndarray:  # a filter on the first actor
        return np.array(["gov" in e.actors for e in doc.events])

    for descending in (False, True):
        order = RowOrder(doc, column, descending, keeps())
        for n in range(150):
            p, before, after = _random_edit(doc, rng, n)
            if after is None:
                order.removed(p)
            else:
                kept = bool(keeps()[p])
                order.inserted(p) if before is None else order.replaced(p)
                listed = order.display_row_of(p) >= 0
                if listed and not kept:
                    order.unlisted(p)
                elif kept and not listed:
                    order.listed(p, order.insertion_row(p))
                elif listed:
                    order.move(p, order.moved_row(p)[1])
            want = expected_rows(doc, column, keeps())
            assert shown(order) == (want[::-1] if descending else want), n
        order.refilter(None)  # the whole order was kept up too
        want = expected_rows(doc, column, None)
        assert shown(order) == (want[::-1] if descending else want)


def test_cells_say_what_the_details_say() -> None:
    doc = make_document(50, seed=5)
    names = Names.of(doc)
    event = next(e for e in doc.events if e.end is not None and len(e.citations) > 1)
    when = f"{event.start.display()} – {event.end.display()}"
    assert cell_text(event, Column.DATE, names) == when
    assert cell_text(event, Column.ACTORS, names) == ", ".join(
        doc.actor(a).name for a in event.actors)
    outlets = cell_text(event, Column.SOURCES, names).split(", ")
    assert outlets == list(dict.fromkeys(doc.source(c.source).outlet for c in event.citations))


def test_cell_edits_read_back_into_the_event() -> None:
    event = Event("e", "Title", parse_iso("2020-06-04"), tags=["a", "b"], location="Sirte")
    assert edited(event, "title", "Title") is event  # nothing typed: no change
    assert edited(event, "title", "  New  ").title == "New"
    assert edited(event, "location", "Misrata").location == "Misrata"
    assert edited(event, "tags", "b, c,, b ").tags == ["b", "c"]
    assert edited(event, "tags", "").tags == []
    ranged = edited(event, "date", "June 2020 to about 2021")
    assert (ranged.start, ranged.end) == (parse_iso("2020-06"), parse_iso("2021~"))
    assert edit_text(ranged, "date") == "2020-06 – 2021~"
    assert edited(ranged, "date", edit_text(ranged, "date")) is ranged
    point = edited(ranged, "date", "4 June 2020")
    assert (point.start, point.end) == (parse_iso("2020-06-04"), None)
    for text, words in [("", "needs a date"), ("Juno", "not understood"),
                        ("2021 - 2020", "end before it starts"),
                        ("2020 - 2021 - 2022", "more than two dates")]:
        with pytest.raises(CellError, match=words):
            edited(event, "date", text)
    comma = replace(event, tags=["Tripoli, Libya"])
    assert not is_editable(comma, "tags") and not is_editable(event, "actors")
    with pytest.raises(CellError):
        edited(comma, "tags", "x")


def test_the_date_order_from_kept_seconds_is_the_order_from_the_events() -> None:
    """The table orders by date from the seconds the timeline's index keeps: the same
    rows as reading every event, ties by position; seconds of another length are not
    trusted."""
    evs = [Event(f"e{i}", "x", PartialDate(2019, 1 + i % 3), PartialDate(2020, 1 + i % 2))
           for i in range(7)]
    evs.append(Event("p", "x", PartialDate(2019, 2, 3)))
    doc = Document("t", [], [], evs)
    starts = np.array([e.start_seconds() for e in evs])
    ends = np.array([e.end_seconds() for e in evs])
    read = RowOrder(doc, Column.DATE)
    kept = RowOrder(doc, Column.DATE, seconds=lambda: (starts, ends))
    assert kept.everything.tolist() == read.everything.tolist() == [0, 6, 3, 4, 1, 7, 2, 5]
    backwards = RowOrder(doc, Column.DATE, seconds=lambda: (-starts, ends))
    assert backwards.everything.tolist()[:2] == [2, 5]  # the seconds given are the ones read
    stale = RowOrder(doc, Column.DATE, seconds=lambda: (starts[:3], ends[:3]))
    assert stale.everything.tolist() == read.everything.tolist()
