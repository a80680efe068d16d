"""The typed path (a piece of events decoded into typed structs) against the dict path.

It must build exactly the events the fast path builds and count the same strings for the
duplicate-key proof, or decline the whole piece and leave no trace, so that the dict path
checks it again and explains.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from loader_helpers import event, make
from test_loader_accepting import valid_events

from timeline_app.core.fileformat import decoding
from timeline_app.core.fileformat.event_fast_path import fast_event_converter
from timeline_app.core.fileformat.json_tree import count_strings
from timeline_app.core.fileformat.loader import load_bytes
from timeline_app.core.fileformat.problems import Report
from timeline_app.core.fileformat.typed_events import matches_the_fast_path, typed_piece_converter
from timeline_app.core.fileformat.validation import Validator


def _validator() -> Validator:
    validator = Validator(Report("t"))
    validator.document(make([]))
    return validator


def _takes_the_typed_path(ev: dict[str, Any]) -> bool:
    """What a type can say: no unknown key, and citations of exactly the four keys."""
    return "x_unknown" not in ev and all(len(c) == 4 for c in ev.get("citations", []))


def test_the_typed_path_reads_the_fast_paths_fields() -> None:
    assert matches_the_fast_path()


@settings(max_examples=300, deadline=None)
@given(st.lists(valid_events(), min_size=1, max_size=4))
def test_typed_and_fast_paths_agree(events: list[dict[str, Any]]) -> None:
    typed_validator, fast_validator = _validator(), _validator()
    before = typed_validator.strings
    raw = json.dumps(events).encode()
    built = typed_piece_converter(typed_validator)(raw, 0)

    accept = fast_event_converter(fast_validator)
    expected = [accept(i, json.loads(json.dumps(ev))) for i, ev in enumerate(events)]
    ids = [ev["id"] for ev in events]
    if all(map(_takes_the_typed_path, events)) and len(set(ids)) == len(ids):
        assert built == expected
        assert typed_validator.strings - before == sum(map(count_strings, events))
        assert typed_validator.event_ids == fast_validator.event_ids
    else:  # declined whole: no id remembered, no string counted
        assert built is None
        assert typed_validator.strings == before
        assert typed_validator.event_ids == {}


def test_a_piece_declined_by_its_last_event_is_checked_again_and_explained(
        monkeypatch: Any) -> None:
    """Pieces of two events; in the second piece, the second event ends before it starts.
    The piece is declined after its first event was accepted: the dict path must not
    find that event's id taken, and reports the end where it is."""
    events = [event(id=f"ev-{i}") for i in range(6)]
    one = len(json.dumps(events[0], indent=2)) + 4  # an event, indented in the list
    monkeypatch.setattr(decoding, "PIECE_BYTES", one + one // 2)
    events[3]["end"] = "2010-01-01"
    result = load_bytes(json.dumps(make(events), indent=2).encode(), "t.json")
    assert [(p.path, "ends" in p.message) for p in result.problems] == [
        (("events", 3, "end"), True)]
    events[3]["end"] = "2020-01-01"
    result = load_bytes(json.dumps(make(events), indent=2).encode(), "t.json")
    assert result.ok and [ev.id for ev in result.document.events] == [e["id"] for e in events]


def test_a_file_with_unknown_fields_in_every_event_loads_them_all(monkeypatch: Any) -> None:
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)
    events = [event(id=f"ev-{i}", x_note=i) for i in range(5)]
    result = load_bytes(json.dumps(make(events), indent=2).encode(), "t.json")
    assert result.ok
    assert [ev.extra for ev in result.document.events] == [{"x_note": i} for i in range(5)]


def test_citations_of_one_span_in_two_sources_stay_apart(monkeypatch: Any) -> None:
    """Citations are found again by their text: the same words at the same offsets of
    another source, or a quote that is not the source's text there, are not the
    citation found."""
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)  # a piece per event (but the last)
    sources = [{"id": "a", "text": "alpha beta"}, {"id": "b", "text": "alpha delta"}]

    def cited(i: int, source: str, quote: str) -> dict[str, Any]:
        return event(id=f"ev-{i}", citations=[
            {"source": source, "start": 0, "end": 5, "quote": quote}])

    events = [cited(0, "a", "alpha"), cited(1, "b", "alpha"), cited(2, "a", "alpha"),
              event(id="last", citations=[])]
    result = load_bytes(json.dumps(make(events, sources=sources), indent=2).encode(), "t.json")
    assert result.ok
    assert [(c.source, c.quote) for ev in result.document.events[:3] for c in ev.citations] == [
        ("a", "alpha"), ("b", "alpha"), ("a", "alpha")]
    events.insert(3, cited(3, "a", "gamma"))  # a's text there is "alpha"
    result = load_bytes(json.dumps(make(events, sources=sources), indent=2).encode(), "t.json")
    assert [p.path for p in result.problems] == [("events", 3, "citations", 0, "quote")]


def test_a_citation_written_again_with_a_key_twice_is_reported(monkeypatch: Any) -> None:
    """A citation found again by its text must be that text exactly: the same citation
    with its quote written twice is reported where it is, not taken for the first."""
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)
    events = [event(id=f"ev-{i}") for i in range(3)]
    text = json.dumps(make(events), indent=2)
    quote = '"quote": "Haftar\'s forces"'
    last = text.rindex(quote)
    text = text[:last] + quote + ",\n" + text[last:]
    result = load_bytes(text.encode(), "t.json")
    assert [(p.path, "more than once" in p.message) for p in result.problems] == [
        (("events", 2, "citations", 0, "quote"), True)]


def test_citations_beyond_those_remembered_are_still_checked(monkeypatch: Any) -> None:
    """A file citing more distinct passages than the typed path remembers starts again
    from none: every citation is still checked and shared, whatever came before."""
    from timeline_app.core.fileformat import typed_events

    monkeypatch.setattr(typed_events, "_KEPT_CITATION_TEXTS", 2)
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)
    text = "alpha beta gamma delta"
    words = [(w, text.index(w)) for w in text.split()]

    def cited(i: int, word: str, at: int, quote: str | None = None) -> dict[str, Any]:
        return event(id=f"ev-{i}", citations=[
            {"source": "src", "start": at, "end": at + len(word), "quote": quote or word}])

    events = [cited(i, *words[i % 4]) for i in range(12)]
    doc = make(events, sources=[{"id": "src", "text": text}])
    result = load_bytes(json.dumps(doc, indent=2).encode(), "t.json")
    assert result.ok
    got = [ev.citations[0] for ev in result.document.events]
    assert [c.quote for c in got] == [words[i % 4][0] for i in range(12)]
    assert len({id(c) for c in got}) == 4  # one object per passage
    events[9] = cited(9, "beta", words[1][1], quote="gamma")
    result = load_bytes(json.dumps(doc, indent=2).encode(), "t.json")
    assert [p.path for p in result.problems] == [("events", 9, "citations", 0, "quote")]


def test_a_field_the_typed_path_does_not_set_turns_it_off(monkeypatch: Any) -> None:
    """checked_event sets each of the model's fields itself: were Event to gain one, the
    typed path must step aside (every event then takes the dict path) rather than build
    events without it."""
    from timeline_app.core.fileformat import event_fast_path

    fields = (*event_fast_path.MODEL_FIELDS[:-1], "confidence", "extra")
    monkeypatch.setattr(event_fast_path, "MODEL_FIELDS", fields)
    assert typed_piece_converter(_validator()) is None
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)
    events = [event(id=f"ev-{i}") for i in range(3)]
    assert load_bytes(json.dumps(make(events), indent=2).encode(), "t.json").ok


def test_a_piece_with_a_string_not_in_utf8_is_reported_where_it_is(monkeypatch: Any) -> None:
    """A byte that is not UTF-8 in a title or a quote of a piece the typed path decodes
    is explained with its line, as in a small file, not taken for an internal error."""
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)  # a piece per event
    events = [event(id=f"ev-{i}") for i in range(4)]
    text = json.dumps(make(events), indent=2).encode()
    first_event = text.index(b'"events"')
    for at in (text.index(b'"title": "', first_event) + 10, text.rindex(b'"quote": "') + 11):
        data = bytearray(text)
        data[at] = 0xE9
        result = load_bytes(bytes(data), "t.json")
        line = data[:at].count(b"\n") + 1
        assert not result.ok
        assert [(p.line, "not UTF-8 text: byte 0xE9" in p.message)
                for p in result.problems] == [(line, True)]
