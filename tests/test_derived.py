"""What the window derives from a document, kept up to date edit by edit: after any
sequence of edits it must be what a fresh build of the edited document gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import PartialDate, parse_iso
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.core.view.derived import DerivedState, EventChange, Grouping
from timeline_app.core.view.lanes import GroupBy

SOURCES = [Source("s1", text="alpha beta gamma"), Source("s2", text="delta epsilon")]
CITATIONS = [Citation("s1", 0, 5, "alpha"), Citation("s1", 6, 10, "beta"),
             Citation("s2", 0, 5, "delta")]
STARTS = ["2019", "2019-04", "2019-04-04", "2019-04-04T06:30", "2020-06-01", "2020-06~",
          "2021-12-31"]
ENDS = [None, None, "2021", "2022-02-02"]


def make_event(i: int, start: str, end: str | None, actors: list[str], tags: list[str],
               citations: list[Citation]) -> Event:
    first = parse_iso(start)
    last = parse_iso(end) if end is not None else None
    if last is not None and last.sort_key() < first.sort_key():
        first, last = last, first
    return Event(f"e{i}", f"Event {i}", first, last, actors, tags=tags, citations=citations)


events_st = st.builds(
    make_event,
    st.integers(0, 10**6),
    st.sampled_from(STARTS),
    st.sampled_from(ENDS),
    st.lists(st.sampled_from(["a", "b", "ghost", "other"]), max_size=3, unique=True),
    st.lists(st.sampled_from(["x", "Y", "y"]), max_size=2, unique=True),
    st.lists(st.sampled_from(CITATIONS), max_size=2),
)


def new_document(events: list[Event]) -> Document:
    unique = [replace(ev, id=f"e{i}") for i, ev in enumerate(events)]
    return Document("t", list(SOURCES), [Actor("a", "A"), Actor("b", "B")], unique)


def assert_same_grouping(kept: Grouping, fresh: Grouping) -> None:
    assert kept.group_by is fresh.group_by
    assert kept.lane_set.lanes == fresh.lane_set.lanes
    assert kept.lane_set.event_lanes == fresh.lane_set.event_lanes
    a, b = kept.index, fresh.index
    assert np.array_equal(a.starts, b.starts) and np.array_equal(a.ends, b.ends)
    assert a.n_lanes == b.n_lanes and a.time_range() == b.time_range()
    for lane in range(a.n_lanes):
        assert a.order(lane).tolist() == b.order(lane).tolist()
        assert a.max_duration(lane) == b.max_duration(lane)
        for t0, t1 in ((0.0, 2e9), (1.55e9, 1.6e9), (1.59e9, 1.5901e9)):
            assert a.visible(lane, t0, t1).tolist() == b.visible(lane, t0, t1).tolist()
    walk_a, walk_b = [a.next_event(0.0, 1)], [b.next_event(0.0, 1)]
    while walk_a[-1] is not None and len(walk_a) <= a.n_events:
        walk_a.append(a.next_event(0.0, 1, walk_a[-1]))
        walk_b.append(b.next_event(0.0, 1, walk_b[-1]))
    assert walk_a == walk_b


def assert_like_a_fresh_build(state: DerivedState) -> None:
    """Every grouping, the citations and the positions equal those built from scratch."""
    in_use = state.group_by
    fresh = DerivedState.build(state.document, in_use)
    assert_same_grouping(state.grouping(in_use), fresh.grouping(in_use))
    for group_by in GroupBy:
        assert_same_grouping(state.grouping(group_by), fresh.grouping(group_by))
    state.grouping(in_use)
    assert state.citations.by_source.keys() == fresh.citations.by_source.keys()
    for source_id, pairs in fresh.citations.by_source.items():
        mine = state.citations.of(source_id)
        assert [(e.id, c) for e, c in mine] == [(e.id, c) for e, c in pairs]
        assert all(e is f for (e, _), (f, _) in zip(mine, pairs, strict=True))
    for i, event in enumerate(state.document.events):
        assert state.position(event.id) == i
    assert state.position("nobody") == -1 and state.position(None) == -1


def edit(state: DerivedState, index: int, after: Event):
    before = state.document.events[index]
    state.document.events[index] = after
    return state.apply(EventChange(index, before, after))


@pytest.fixture
def state() -> DerivedState:
    events = [make_event(i, s, None, [["a"], ["b"], ["a", "b"]][i % 3], ["x"],
                         [CITATIONS[i % 3]]) for i, s in enumerate(STARTS)]
    return DerivedState.build(new_document(events), GroupBy.ACTOR)


def test_a_new_title_leaves_lanes_and_index_standing(state: DerivedState) -> None:
    grouping = state.grouping()
    citations = state.citations
    applied = edit(state, 1, replace(state.document.events[1], title="Retitled"))
    assert not applied.index_changed and not applied.lanes_changed
    assert not applied.citations_replaced and applied.cited_sources == {"s1"}
    assert state.grouping() is grouping and state.citations is citations
    assert state.citations.of("s1")[1][0].title == "Retitled"
    assert_like_a_fresh_build(state)


def test_new_dates_redo_the_index_and_keep_the_lanes(state: DerivedState) -> None:
    lanes = state.grouping().lane_set
    applied = edit(state, 3, replace(state.document.events[3], start=parse_iso("2030-01-01")))
    assert applied.index_changed and not applied.lanes_changed
    assert state.grouping().lane_set is lanes
    assert state.grouping().index.starts[3] == parse_iso("2030-01-01").to_seconds()
    assert_like_a_fresh_build(state)


def test_new_actors_rebuild_the_lanes_but_keep_other_groupings(state: DerivedState) -> None:
    by_tag = state.grouping(GroupBy.TAG)
    state.grouping(GroupBy.ACTOR)
    applied = edit(state, 0, replace(state.document.events[0], actors=["ghost"]))
    assert applied.lanes_changed and applied.index_changed
    assert [lane.key for lane in state.grouping().lane_set.lanes][-1] == "ghost"
    assert state.grouping(GroupBy.TAG) is by_tag  # its lanes do not depend on actors
    assert_like_a_fresh_build(state)


def test_new_citations_rebuild_the_citation_index(state: DerivedState) -> None:
    citations = state.citations
    applied = edit(state, 1, replace(state.document.events[1], citations=[CITATIONS[2]]))
    assert applied.citations_replaced and state.citations is not citations
    assert applied.cited_sources == {"s1", "s2"}
    assert_like_a_fresh_build(state)


def test_a_new_id_moves_the_position(state: DerivedState) -> None:
    edit(state, 4, replace(state.document.events[4], id="renamed"))
    assert state.position("renamed") == 4 and state.position("e4") == -1
    assert_like_a_fresh_build(state)


def test_an_insertion_in_the_middle(state: DerivedState) -> None:
    events = state.document.events
    citations = state.citations
    new = make_event(99, "2018-02-03", "2018-03", [], ["Y"], [CITATIONS[0]])
    events.insert(2, new)
    applied = state.apply(EventChange(2, None, new))
    assert applied.lanes_changed  # the first event naming no actor: a lane for it
    assert not applied.citations_replaced and state.citations is citations
    assert [e.id for e, _ in citations.of("s1")][:3] == ["e0", "e1", "e99"]
    assert state.position("e99") == 2 and state.position("e2") == 3
    assert_like_a_fresh_build(state)
    gone = events.pop(0)
    state.apply(EventChange(0, gone, None))
    assert state.position(gone.id) == -1
    assert_like_a_fresh_build(state)


def test_removing_and_appending_in_existing_lanes_redo_only_the_index(
    state: DerivedState,
) -> None:
    lanes, citations = state.grouping().lane_set.lanes, state.citations
    events = state.document.events
    gone = events.pop(3)
    applied = state.apply(EventChange(3, gone, None))
    assert applied.index_changed and not applied.lanes_changed
    assert not applied.citations_replaced and state.citations is citations
    assert state.grouping().lane_set.lanes is lanes and state.grouping().index.n_events == 6
    assert_like_a_fresh_build(state)
    new = make_event(50, "2017-07-07", None, ["b"], ["x"], [CITATIONS[2]])
    events.append(new)
    applied = state.apply(EventChange(len(events) - 1, None, new))
    assert applied.index_changed and not applied.lanes_changed
    assert not applied.citations_replaced and state.citations.of("s2")[-1][0] is new
    assert state.position("e50") == len(events) - 1
    assert_like_a_fresh_build(state)
    by_tag = state.grouping(GroupBy.TAG)  # every event is tagged "x": one lane
    events.append(make_event(51, "2017-07-08", None, [], ["x", "z"], []))
    applied = state.apply(EventChange(len(events) - 1, None, events[-1]))
    assert applied.lanes_changed  # a new tag, a new lane
    assert [lane.key for lane in state.grouping().lane_set.lanes] == ["x", "z"]
    assert state.grouping() is not by_tag
    assert_like_a_fresh_build(state)


@pytest.mark.parametrize("group_by", [GroupBy.ACTOR, GroupBy.SOURCE])
def test_undeclared_ids_keep_their_lanes_in_order_of_first_use(group_by: GroupBy) -> None:
    """An id the document does not declare gets a lane after the declared ones, in
    order of first use: an insertion or removal before its first use reorders them."""
    def naming(i: int, key: str) -> Event:
        return make_event(i, "2020-01-01", None, [key], [], [Citation(key, 0, 1, "a")])

    events = [naming(0, "ghost"), naming(1, "s1"), naming(2, "other"), naming(3, "ghost")]
    state = DerivedState.build(new_document(events), group_by)
    doc = state.document
    new = naming(9, "other")
    doc.events.insert(0, new)
    state.apply(EventChange(0, None, new))
    assert_like_a_fresh_build(state)
    keys = [lane.key for lane in state.grouping().lane_set.lanes]
    assert keys.index("other") < keys.index("ghost")
    for first_used in ("ghost", "other"):
        state.apply(EventChange(0, doc.events.pop(0), None))
        assert_like_a_fresh_build(state)
        keys = [lane.key for lane in state.grouping().lane_set.lanes]
        assert (keys.index("ghost") < keys.index("other")) == (first_used == "ghost")


def test_an_id_used_twice_finds_the_first(state: DerivedState) -> None:
    """A document may hold an id twice until it is fixed: the first one counts, as in
    ``Document.event_index``, whatever was inserted or removed before."""
    events = state.document.events
    twin = replace(events[1], title="Twin")
    events.insert(0, twin)
    state.apply(EventChange(0, None, twin))
    assert state.position("e1") == 0 and state.position("e2") == 3
    state.apply(EventChange(0, events.pop(0), None))
    assert state.position("e1") == 1 and state.position("e2") == 2
    events.append(twin)
    state.apply(EventChange(len(events) - 1, None, twin))
    assert state.position("e1") == 1
    state.apply(EventChange(1, events.pop(1), None))
    assert state.position("e1") == len(events) - 1 and state.position("e2") == 1
    assert [ev.id for ev in events[1:4]] == ["e2", "e3", "e4"]
    before, events[2] = events[2], replace(events[2], id="e2")  # now e2 twice
    state.apply(EventChange(2, before, events[2]))
    assert state.position("e2") == 1 and state.position("e3") == -1


def test_an_empty_document() -> None:
    state = DerivedState.build(Document())
    assert state.grouping().index.n_events == 0 and state.grouping().index.time_range() is None
    assert state.position("x") == -1 and state.citations.of("s1") == []


@st.composite
def edits(draw: st.DrawFn, n_events: int) -> list[tuple]:
    steps = []
    n = n_events
    for _ in range(draw(st.integers(1, 12))):
        kinds = ["title", "dates", "actors", "tags", "citations", "id", "group", "insert"]
        if n:
            kinds.append("remove")
        else:
            kinds = ["group", "insert"]
        kind = draw(st.sampled_from(kinds))
        at = draw(st.integers(0, n if kind == "insert" else max(n - 1, 0)))
        steps.append((kind, at, draw(events_st), draw(st.sampled_from(list(GroupBy)))))
        n += {"insert": 1, "remove": -1}.get(kind, 0)
    return steps


@settings(max_examples=150, deadline=None)
@given(st.lists(events_st, max_size=8).flatmap(
    lambda evs: st.tuples(st.just(evs), edits(len(evs)), st.sampled_from(list(GroupBy)))),
    st.booleans())
def test_any_sequence_of_edits_gives_what_a_fresh_build_gives(case, at_once: bool) -> None:
    """Whether everything was built at once (a loader thread) or nothing yet (a small
    file: each part is built when first asked for)."""
    events, steps, group_by = case
    document = new_document(events)
    state = DerivedState.build(document, group_by) if at_once else DerivedState(document,
                                                                               group_by)
    doc = state.document
    for serial, (kind, at, other, grouping) in enumerate(steps):
        if kind == "group":
            state.grouping(grouping)
            continue
        if kind == "insert":
            new = replace(other, id=f"new{serial}")
            doc.events.insert(at, new)
            state.apply(EventChange(at, None, new))
        elif kind == "remove":
            state.apply(EventChange(at, doc.events.pop(at), None))
        else:
            before = doc.events[at]
            changes = {
                "title": {"title": before.title + "!"},
                "dates": {"start": other.start, "end": other.end},
                "actors": {"actors": other.actors},
                "tags": {"tags": other.tags},
                "citations": {"citations": other.citations},
                "id": {"id": f"renamed{serial}"},
            }
            after = replace(before, **changes[kind])
            edit(state, at, after)
        if at_once or serial % 2:
            assert_like_a_fresh_build(state)
    assert_like_a_fresh_build(state)


def test_dates_keep_their_meaning_in_the_index() -> None:
    """A date known to the year ends at the end of that year."""
    doc = new_document([make_event(0, "2020", None, [], [], []),
                        make_event(1, "2020-06-01", None, [], [], [])])
    index = DerivedState.build(doc).grouping().index
    assert index.time_range() == (PartialDate(2020, 1, 1).to_seconds(),
                                  PartialDate(2021, 1, 1).to_seconds())


def test_a_document_change_drops_what_it_touches_and_keeps_the_rest() -> None:
    from timeline_app.core.view.derived import DocumentChange

    events = [make_event(i, "2020-06-01", None, ["a"], ["x"], [CITATIONS[0]]) for i in range(3)]
    doc = new_document(events)
    state = DerivedState.build(doc)
    tags = state.grouping(GroupBy.TAG)
    state.grouping(GroupBy.ACTOR)
    citations = state.citations

    doc.actors = [Actor("a", "Renamed"), Actor("b", "B")]
    applied = state.apply(DocumentChange(actors=True))
    assert applied.lanes_changed and applied.index_changed and not applied.citations_replaced
    assert state.grouping(GroupBy.TAG) is tags and state.citations is citations
    assert state.grouping(GroupBy.ACTOR).lane_set.lanes[0].label == "Renamed"

    doc.actors = [Actor("b", "B")]
    doc.events[1] = replace(doc.events[1], actors=["b"])
    applied = state.apply(DocumentChange(actors=True, events=frozenset({1})))
    assert applied.citations_replaced and state.citations is not citations
    assert_same_grouping(state.grouping(GroupBy.ACTOR), Grouping.build(doc, GroupBy.ACTOR))
    assert state.citations.of("s1")[1][0] is doc.events[1]
    assert state.position("e1") == 1

    doc.sources = [replace(SOURCES[0], title="New"), SOURCES[1]]
    applied = state.apply(DocumentChange(sources=True))
    assert not applied.lanes_changed  # lanes by actor do not depend on sources
    assert state.grouping(GroupBy.SOURCE).lane_set.lanes[0].label == "New"
