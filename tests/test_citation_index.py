"""The per-source citation index the source pane marks articles from."""

from __future__ import annotations

from timeline_app.core.citation_index import CitationIndex
from timeline_app.core.dates import parse_iso
from timeline_app.core.model import Citation, Document, Event, Source


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
