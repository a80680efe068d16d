"""Lanes (grouping events by actor, tag, source) and the packing of labels into rows."""

from __future__ import annotations

import pytest

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.core.view.lanes import (
    ALL_EVENTS_KEY,
    GroupBy,
    Lane,
    build_lanes,
    pack_labels,
)


def ev(
    i: int,
    actors: list[str] | None = None,
    tags: list[str] | None = None,
    sources: list[str] | None = None,
) -> Event:
    return Event(
        id=f"e{i}",
        title=f"event {i}",
        start=PartialDate(2019, 4, 1 + i),
        actors=actors or [],
        tags=tags or [],
        citations=[Citation(s, 0, 1, "x") for s in sources or []],
    )


@pytest.fixture
def doc() -> Document:
    return Document(
        title="t",
        actors=[Actor("gov", "Government"), Actor("reb"), Actor("un", "United Nations")],
        sources=[
            Source("s1", title="Shelling reported", outlet="Daily"),
            Source("s2", outlet="Wire"),
            Source("s3"),
        ],
        events=[
            ev(0, ["reb"], ["shelling", "Civilians"], ["s2"]),
            ev(1, ["gov", "reb"], ["ceasefire"], ["s1", "s1", "s3"]),
            ev(2, [], [], []),
            ev(3, ["ghost"], ["civilians"], ["s9"]),
            ev(4, ["reb", "gov", "reb"], ["shelling"], ["s1"]),
        ],
    )


def test_by_actor_follows_the_document_order(doc: Document) -> None:
    ls = build_lanes(doc, GroupBy.ACTOR)
    assert ls.group_by is GroupBy.ACTOR
    assert ls.lanes == [
        Lane("gov", "Government"),
        Lane("reb", "reb"),  # no name: the id is the label
        Lane("un", "United Nations"),  # declared, even if empty
        Lane("ghost", "ghost"),  # undeclared but used: kept visible
        Lane(None, "No actor"),
    ]
    assert ls.event_lanes == [[1], [0, 1], [4], [3], [0, 1]]


def test_by_tag_is_alphabetical_case_insensitive(doc: Document) -> None:
    ls = build_lanes(doc, GroupBy.TAG)
    assert [lane.key for lane in ls.lanes] == [
        "ceasefire",
        "Civilians",
        "civilians",
        "shelling",
        None,
    ]
    assert ls.lanes[-1].label == "No tag"
    assert ls.event_lanes == [[1, 3], [0], [4], [2], [3]]


def test_by_source_labels_and_repeated_citations(doc: Document) -> None:
    ls = build_lanes(doc, GroupBy.SOURCE)
    assert ls.lanes == [
        Lane("s1", "Daily — Shelling reported"),
        Lane("s2", "Wire"),
        Lane("s3", "s3"),
        Lane("s9", "s9"),
        Lane(None, "No source"),
    ]
    assert ls.event_lanes == [[1], [0, 2], [4], [3], [0]]


def test_no_grouping_is_one_lane(doc: Document) -> None:
    ls = build_lanes(doc, GroupBy.NONE)
    assert ls.lanes == [Lane(ALL_EVENTS_KEY, "All events")]
    assert ls.event_lanes == [[0]] * 5


def test_no_trailing_lane_when_every_event_is_assigned(doc: Document) -> None:
    doc.events = [e for e in doc.events if e.actors]
    ls = build_lanes(doc, GroupBy.ACTOR)
    assert None not in [lane.key for lane in ls.lanes]
    assert all(ls.event_lanes)


def test_empty_document() -> None:
    for group_by in GroupBy:
        ls = build_lanes(Document(), group_by)
        assert ls.event_lanes == []
        assert all(lane.key is not None for lane in ls.lanes)


def test_every_event_lands_in_a_lane_at_scale() -> None:
    events = [ev(i % 20, [f"a{i % 7}"] if i % 5 else []) for i in range(20_000)]
    doc = Document(actors=[Actor(f"a{k}") for k in range(7)], events=events)
    ls = build_lanes(doc, GroupBy.ACTOR)
    assert len(ls.event_lanes) == 20_000
    assert all(len(row) == 1 for row in ls.event_lanes)
    assert ls.lanes[-1].key is None


# --- pack_labels -----------------------------------------------------------------------


def test_pack_first_fit_rows() -> None:
    items = [(0, 50), (10, 40), (20, 30), (54, 80), (60, 90), (95, 120)]
    res = pack_labels(items, max_rows=3, gap=4)
    #  (0,50)->0  (10,40)->1  (20,30)->2  (54,80): row 0 ends 50, 50+4 <= 54 -> 0
    #  (60,90): row 0 ends 80 no, row 1 ends 40 -> 1   (95,120): row 0 ends 80 -> 0
    assert res.rows == [0, 1, 2, 0, 1, 0]
    assert res.overflow_clusters == []


def test_pack_overflow_is_clustered() -> None:
    items = [(0, 100), (5, 30), (10, 40), (12, 40), (200, 300), (201, 260), (205, 260)]
    res = pack_labels(items, max_rows=1, gap=4, cluster_px=30)
    assert res.rows == [0, -1, -1, -1, 0, -1, -1]
    assert res.overflow_clusters == [(5, 3), (201, 2)]
    assert sum(n for _, n in res.overflow_clusters) == res.rows.count(-1)


def test_pack_clusters_split_when_far_apart() -> None:
    items = [(0, 1000)] + [(float(x), float(x) + 5) for x in range(10, 200, 20)]
    res = pack_labels(items, max_rows=1, cluster_px=30)
    assert [n for _, n in res.overflow_clusters] == [2, 2, 2, 2, 2]
    assert [x for x, _ in res.overflow_clusters] == [10, 50, 90, 130, 170]


def test_pack_edges_an_item_at_a_row_free_gap_and_one_at_a_cluster_reach() -> None:
    """An item starting exactly ``gap`` after a row's end takes that row; an overflowing
    one exactly ``cluster_px`` after its cluster's first item joins the cluster."""
    items = [(0, 100), (10, 20), (40, 50), (41, 45), (104, 120), (105, 110)]
    res = pack_labels(items, max_rows=1, gap=4, cluster_px=30)
    assert res.rows == [0, -1, -1, -1, 0, -1]
    assert res.overflow_clusters == [(10, 2), (41, 1), (105, 1)]


def test_pack_without_rows_overflows_everything() -> None:
    res = pack_labels([(0, 10), (100, 110)], max_rows=0)
    assert res.rows == [-1, -1]
    assert res.overflow_clusters == [(0, 1), (100, 1)]
    assert pack_labels([], 3).rows == []
    with pytest.raises(ValueError):
        pack_labels([(0, 1)], -1)


def test_an_event_keeps_its_place_unless_its_span_or_lane_keys_change() -> None:
    from dataclasses import replace

    from timeline_app.core.dates.partial import parse_iso
    from timeline_app.core.view.lanes import keeps_its_lanes, keeps_its_place

    ev = Event("e", "Title", parse_iso("2020-01-01"), actors=["a"], tags=["t"],
               citations=[Citation("s", 0, 1, "x")])
    retitled = replace(ev, title="Other", description="More", location="Here")
    for group_by in GroupBy:
        assert keeps_its_place(ev, retitled, group_by)
        assert not keeps_its_place(ev, replace(ev, start=parse_iso("2020-01-02")), group_by)
        assert not keeps_its_place(ev, replace(ev, end=parse_iso("2020-02")), group_by)
    assert not keeps_its_place(ev, replace(ev, actors=["b"]), GroupBy.ACTOR)
    assert keeps_its_place(ev, replace(ev, actors=["b"]), GroupBy.TAG)
    assert not keeps_its_place(ev, replace(ev, tags=["u"]), GroupBy.TAG)
    assert not keeps_its_place(ev, replace(ev, citations=[]), GroupBy.SOURCE)
    assert keeps_its_place(ev, replace(ev, citations=[]), GroupBy.NONE)
    moved = replace(ev, start=parse_iso("2021"))
    assert keeps_its_lanes(ev, moved, GroupBy.ACTOR) and not keeps_its_place(ev, moved,
                                                                            GroupBy.ACTOR)
    assert not keeps_its_lanes(ev, replace(moved, actors=["a", "b"]), GroupBy.ACTOR)
