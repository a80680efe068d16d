"""The lane layout and saved views as the core reads and writes them, and as files keep them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import PartialDate, Precision, parse_iso
from timeline_app.core.fileformat.check import check_document
from timeline_app.core.fileformat.loader import load_bytes
from timeline_app.core.fileformat.writer import dumps, reference_dumps
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.lane_layout import LaneLayout, arrange, layout_of, with_layout
from timeline_app.core.view.lanes import GroupBy
from timeline_app.core.view.saved_views import SavedView, missing_names
from timeline_app.core.view.search import EventFilter


def _doc() -> Document:
    events = [
        Event("e1", "one", PartialDate(2020, 6, 1), actors=["a"], tags=["x"]),
        Event("e2", "two", PartialDate(2020, 6, 2), actors=["a", "b"]),
        Event("e3", "three", PartialDate(2020, 6, 3), actors=["c"]),
        Event("e4", "four", PartialDate(2020, 6, 4)),
    ]
    return Document("t", [], [Actor("a"), Actor("b"), Actor("c")], events)


def test_arrange_orders_hides_and_maps_every_event_to_its_lanes_shown() -> None:
    doc = _doc()
    grouping = Grouping.build(doc, GroupBy.ACTOR)
    lanes = LaneLayout(order=("c", "gone", "a"), hidden=frozenset({"b"}),
                       collapsed=frozenset({""}))
    arranged = arrange(grouping.lane_set, grouping.index, lanes)
    assert [lane.key for lane in arranged.lane_set.lanes] == ["c", "a", None]
    assert arranged.collapsed == [False, False, True]
    assert arranged.lane_set.event_lanes == [[1], [1], [0], [2]]  # e2's lane b is hidden
    t0, t1 = -1e12, 1e12
    assert sorted(arranged.index.visible(0, t0, t1).tolist()) == [2]
    assert sorted(arranged.index.visible(1, t0, t1).tolist()) == [0, 1]
    assert arranged.index.lane_size(2) == 1
    assert arranged.order == [2, 0, 1, 3]  # hidden b keeps its place after a


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.sets(st.sampled_from("abcd"), max_size=3)),
             min_size=1, max_size=30),
    st.sets(st.sampled_from(["a", "b", "c", "d", ""])),
)
def test_tab_walks_the_events_of_the_lanes_shown_in_time_order(
    rows: list[tuple[int, set[str]]], hidden: set[str]
) -> None:
    """``next_event`` of an arrangement visits, forwards and backwards, exactly the
    events left in a lane, by start and then document order (the plain sort)."""
    events = [Event(f"e{i}", "t", PartialDate(2020, 1 + day // 28, 1 + day % 28),
                    actors=sorted(actors)) for i, (day, actors) in enumerate(rows)]
    doc = Document("t", [], [Actor(a) for a in "abcd"], events)
    grouping = Grouping.build(doc, GroupBy.ACTOR)
    arranged = arrange(grouping.lane_set, grouping.index,
                       LaneLayout(hidden=frozenset(hidden)))
    lanes_of = arranged.lane_set.event_lanes
    expected = sorted((i for i in range(len(events)) if lanes_of[i]),
                      key=lambda i: (events[i].start.to_seconds(), i))
    index = arranged.index
    walk: list[int] = []
    at = index.next_event(-1e12, 1)
    while at is not None:
        walk.append(at)
        at = index.next_event(0.0, 1, at)
    assert walk == expected
    back: list[int] = []
    at = index.next_event(1e12, -1)
    while at is not None:
        back.append(at)
        at = index.next_event(0.0, -1, at)
    assert back == expected[::-1]


def test_moving_a_lane_keeps_unknown_keys_and_other_groupings() -> None:
    layout = {"tag": {"order": ["x"], "x_note": 1}, "actor": {"hidden": ["b"]}}
    lanes = layout_of(layout, GroupBy.TAG).moved(["x", "y", ""], "", "x")
    out = with_layout(layout, GroupBy.TAG, lanes)
    assert out == {"tag": {"order": ["", "x", "y"], "x_note": 1}, "actor": {"hidden": ["b"]}}
    assert list(out) == ["tag", "actor"]
    assert layout_of(out, GroupBy.TAG).moved(["x", "y", ""], "x", None).order == ("", "y", "x")
    emptied = with_layout(out, GroupBy.ACTOR, layout_of(out, GroupBy.ACTOR).showing_all())
    assert "actor" not in emptied


def test_a_saved_view_round_trips_through_its_json_with_unknown_keys() -> None:
    flt = EventFilter(actors=frozenset({"a"}), precisions=frozenset({Precision.DAY}),
                      date_from=parse_iso("2020-06"), date_to=parse_iso("2020-06"))
    view = SavedView("June", flt, True, GroupBy.SOURCE, 1590969600.0, 1593561600.0,
                     {"actor": {"hidden": ["b"]}}, {"x_by": "ana"})
    obj = view.to_json()
    assert obj["start"] == "2020-06-01T00:00" and obj["date_from"] == "2020-06"
    assert obj["x_by"] == "ana"
    assert SavedView.from_json(obj) == view


def test_missing_names_drops_what_the_document_lacks() -> None:
    flt = EventFilter(actors=frozenset({"a", "gone"}), tags=frozenset({"x"}))
    kept, dropped = missing_names(flt, _doc())
    assert kept.actors == {"a"} and kept.tags == {"x"}
    assert dropped == ["actor “gone”"]


def test_layout_and_views_survive_load_save_and_pass_the_save_check() -> None:
    doc = _doc()
    doc.layout = {"actor": {"order": ["c"], "collapsed": ["a"]}, "x_future": [1]}
    doc.views = [{"name": "June", "group_by": "tag", "mode": "fade", "x_by": {"k": "v"}}]
    text = dumps(doc)
    assert text == reference_dumps(doc)
    loaded = load_bytes(text.encode(), "t.json")
    assert loaded.ok, loaded.problems
    assert loaded.document.layout == doc.layout and loaded.document.views == doc.views
    assert check_document(loaded.document, "t.json") == []
    loaded.document.views = [{"name": "x", "mode": "dim"}]
    problems = check_document(loaded.document, "t.json")
    assert [str(p) for p in problems] == [
        't.json: $.views[0].mode: is "dim": write one of "hide", "fade"']


def test_a_file_without_view_settings_is_written_without_them() -> None:
    text = dumps(_doc())
    assert '"layout"' not in text and '"views"' not in text
    assert json.loads(text)["events"]
