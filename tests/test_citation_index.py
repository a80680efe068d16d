"""The per-source citation index the source pane marks articles from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Citation, Document, Event, Source
from timeline_app.core.view.citation_index import CitationIndex


def test_citations_are_grouped_by_source_in_event_order() -> None:
    a = Source("a", text="alpha beta")
    b = Source("b", text="gamma")
    ev1 = Event("e1", "One", parse_iso("2020-01-01"),
                citations=[Citation("a", 0, 5, "alpha"), Citation("b", 0, 5, "gamma")])
    ev2 = Event("e2", "Two", parse_iso("2020-01-02"), citations=[Citation("a", 6, 10, "beta")])
    ev3 = Event("e3", "Uncited", parse_iso("2020-01-03"))
    doc = Document("t", [a, b], [], [ev1, ev2, ev3])
    index = CitationIndex.build(doc)
    assert index.document is doc
    assert [(e.id, c.start) for e, c in index.of("a")] == [("e1", 0), ("e2", 6)]
    assert [(e.id, c.start) for e, c in index.of("b")] == [("e1", 0)]
    assert index.of("unknown") == []


def test_an_edit_keeping_the_citations_updates_the_index_in_place() -> None:
    from dataclasses import replace

    src = Source("a", text="alpha beta gamma")
    events = [Event(f"e{i}", f"E{i}", parse_iso("2020-01-01"),
                    citations=[Citation("a", 0, 5, "alpha"), Citation("a", 6, 10, "beta")])
              for i in range(3)]
    doc = Document("t", [src], [], events)
    index = CitationIndex.build(doc)
    after = replace(events[1], title="Renamed")
    assert index.replace_event(events[1], after)
    assert [(e.id, e.title, c.start) for e, c in index.of("a")] == [
        ("e0", "E0", 0), ("e0", "E0", 6), ("e1", "Renamed", 0), ("e1", "Renamed", 6),
        ("e2", "E2", 0), ("e2", "E2", 6)]
    recited = replace(after, citations=[Citation("a", 11, 16, "gamma")])
    assert not index.replace_event(after, recited)  # the caller builds a new index
    stranger = Event("x", "X", parse_iso("2020"), citations=[Citation("a", 0, 5, "alpha")])
    assert not index.replace_event(stranger, replace(stranger, title="Y"))


def test_removing_and_inserting_events_in_place() -> None:
    src = Source("a", text="alpha beta")
    events = [Event(f"e{i}", f"E{i}", parse_iso("2020-01-01"),
                    citations=[Citation("a", 0, 5, "alpha")]) for i in range(3)]
    doc = Document("t", [src], [], events)
    index = CitationIndex.build(doc)
    assert index.remove_event(events[1])
    assert [e.id for e, _ in index.of("a")] == ["e0", "e2"]
    stranger = Event("x", "X", parse_iso("2020"), citations=[Citation("a", 0, 5, "alpha")])
    assert not index.remove_event(stranger)  # not in the index: the caller builds anew
    index = CitationIndex.build(doc)
    for event in events:
        assert index.remove_event(event)
    assert index.by_source == {}  # as a build of a document citing nothing
    index = CitationIndex.build(doc)
    index.remove_event(events[1])
    positions = {id(event): i for i, event in enumerate(events)}
    index.insert_event(events[1], 1, lambda event: positions[id(event)])
    assert [e.id for e, _ in index.of("a")] == ["e0", "e1", "e2"]


def _distinct(index: CitationIndex, source_id: str) -> dict[tuple[int, int], int]:
    return dict(index.ranges(source_id))


def test_ranges_count_the_citations_of_each_span() -> None:
    src = Source("a", text="alpha beta")
    events = [Event(f"e{i}", f"E{i}", parse_iso("2020-01-01"),
                    citations=[Citation("a", 0, 5, "alpha")] * (1 + i % 2)
                    + [Citation("a", 6, 10, "beta")] * (i == 2)) for i in range(3)]
    index = CitationIndex.build(Document("t", [src], [], events))
    assert list(index.ranges("a").items()) == [((0, 5), 4), ((6, 10), 1)]
    assert _distinct(index, "unknown") == {}


@settings(max_examples=60, deadline=None)
@given(
    cites=st.lists(st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 3)), max_size=4),
                   min_size=1, max_size=8),
    steps=st.lists(st.tuples(st.booleans(), st.integers(0, 7)), max_size=10),
)
def test_ranges_kept_up_to_date_equal_those_of_a_new_build(
    cites: list[list[tuple[str, int]]], steps: list[tuple[bool, int]]
) -> None:
    """After events are removed and put back in place, each source's counted ranges are
    those a new index of the document counts (asked for before the edits and after)."""
    sources = [Source("a", text="0123456789"), Source("b", text="0123456789")]
    events = [Event(f"e{i}", f"E{i}", parse_iso("2020-01-01"),
                    citations=[Citation(s, k, k + 2, str(k) + str(k + 1)) for s, k in c])
              for i, c in enumerate(cites)]
    current = list(events)
    index = CitationIndex.build(Document("t", sources, [], list(current)))
    for source in "ab":
        index.ranges(source)  # counted now, then kept up to date
    out: list[Event] = []
    for remove, k in steps:
        if remove and current:
            event = current.pop(k % len(current))
            assert index.remove_event(event)
            out.append(event)
        elif out:
            event = out.pop()
            order = {e.id: i for i, e in enumerate(events)}
            current.append(event)
            current.sort(key=lambda e: order[e.id])
            positions = {id(e): i for i, e in enumerate(current)}
            index.insert_event(event, current.index(event), lambda e, p=positions: p[id(e)])
    fresh = CitationIndex.build(Document("t", sources, [], list(current)))
    for source in "ab":
        assert _distinct(index, source) == _distinct(fresh, source)


def test_ranges_counted_a_little_at_a_time_equal_those_counted_at_once() -> None:
    """``count_next`` counts a few citations per call; an event removed while its
    source is half counted is not counted."""
    sources = [Source(s, text="0123456789") for s in "abc"]
    events = [Event(f"e{i}", f"E{i}", parse_iso("2020-01-01"),
                    citations=[Citation("abc"[i % 3], i % 5, i % 5 + 2,
                                        str(i % 5) + str(i % 5 + 1))] * (1 + i % 2))
              for i in range(40)]
    doc = Document("t", sources, [], list(events))
    index = CitationIndex.build(doc)
    calls = 0
    while index.count_next(budget=3):
        calls += 1
        if calls == 2:
            current = index._work[1]
            victim = next(e for e, _ in index.of(current))
            assert index.remove_event(victim)
            events.remove(victim)
    assert calls > 10
    fresh = CitationIndex.build(Document("t", sources, [], events))
    for source in "abc":
        assert _distinct(index, source) == _distinct(fresh, source)
        assert index._ranges[source] is index.ranges(source)  # counted, not recounted
