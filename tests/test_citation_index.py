"""The per-source citation index the source pane marks articles from."""

from __future__ import annotations

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
