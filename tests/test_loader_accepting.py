"""The loader: what it accepts and what it builds.

Unknown fields kept in order, interning, dates, offsets in code points, and that the fast
path (which names an event's fields itself) builds what the slow path driven by the spec
builds.  The malformed-file corpus (tests/test_bad_corpus.py) and test_loader_problems.py
cover what it reports.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from loader_helpers import GOOD, event, load, make, messages, only_problem

from timeline_app.core.fileformat.json_tree import count_strings
from timeline_app.core.fileformat.loader import document_from_json, load_bytes, load_path
from timeline_app.core.fileformat.problems import Report, format_path
from timeline_app.core.fileformat.validation import Validator

# --- accepting ------------------------------------------------------------------------------------


def test_good_files_load() -> None:
    for path in GOOD.glob("*.json"):
        result = load_path(path)
        assert result.ok, messages(result)
        assert result.problems == []


def test_minimal_document() -> None:
    result = load_path(GOOD / "minimal.json")
    doc = result.document
    assert doc is not None
    assert (doc.title, doc.sources, doc.actors, doc.extra) == ("", [], [], {})
    (ev,) = doc.events
    assert (ev.id, ev.title, ev.start.iso(), ev.end) == (
        "ev-offensive", "Haftar's forces attack Tripoli", "2019-04-04", None
    )
    assert (ev.actors, ev.tags, ev.citations, ev.location, ev.description, ev.date_note) == (
        [], [], [], "", "", ""
    )


def test_utf8_bom_is_accepted_and_does_not_shift_columns() -> None:
    text = json.dumps(make([event(start="2019-02-30")]), indent=2).encode("utf-8")
    plain = only_problem(load_bytes(text, "t.json"))
    with_bom = only_problem(load_bytes(b"\xef\xbb\xbf" + text, "t.json"))
    assert (with_bom.line, with_bom.column) == (plain.line, plain.column)
    assert load_bytes(b"\xef\xbb\xbf" + json.dumps(make()).encode(), "t.json").ok


def test_unknown_fields_are_kept_in_file_order_at_every_level() -> None:
    doc = load_path(GOOD / "unknown_fields.json").document
    assert doc is not None
    assert list(doc.extra) == ["x_generator", "x_settings"]
    assert doc.extra["x_settings"] == {"zoom": 3}
    assert list(doc.sources[0].extra) == ["x_archived", "x_reliability"]
    assert doc.sources[0].extra["x_reliability"] == {"score": 0.8, "by": ["ana", "li"]}
    assert list(doc.actors[0].extra) == ["x_wikidata", "x_aliases"]
    assert doc.actors[1].extra == {"x_hidden": False}
    ev = doc.events[0]
    assert list(ev.extra) == ["x_zeta", "x_alpha", "x_nested"]
    assert ev.extra["x_alpha"] == [1, 2.5, "three", {"four": 4}]
    assert ev.citations[0].extra == {"x_checked_by": "ana", "x_confidence": None}
    assert doc.events[1].extra == {}


def test_unknown_field_order_interleaved_with_known_ones() -> None:
    ev = event()
    mixed = {"x_b": 1, **{k: ev[k] for k in ("id", "title")}, "x_a": 2, "start": ev["start"]}
    doc = load(make([mixed])).document
    assert doc is not None
    assert list(doc.events[0].extra) == ["x_b", "x_a"]


def test_ids_tags_and_locations_are_interned() -> None:
    events = [event(id=f"ev-{i}", location="Tripoli", actors=["haftar", "gna"]) for i in range(3)]
    doc = load(make(events)).document
    assert doc is not None
    actor_ids = {a.id: a.id for a in doc.actors}
    for ev in doc.events:
        assert ev.actors[0] is actor_ids["haftar"] and ev.actors[1] is actor_ids["gna"]
        assert ev.tags[0] is doc.events[0].tags[0]
        assert ev.location is doc.events[0].location
        assert ev.citations[0].source is doc.sources[0].id
    assert doc.sources[0].id is sys.intern("src")


def test_dates_keep_precision_and_approximation() -> None:
    doc = load(make([event(start="2019-04~", end="2020")])).document
    assert doc is not None
    assert (doc.events[0].start.iso(), doc.events[0].end.iso()) == ("2019-04~", "2020")


def test_end_null_is_the_same_as_no_end() -> None:
    doc = load(make([event(end=None)])).document
    assert doc is not None and doc.events[0].end is None


@pytest.mark.parametrize(
    ("start", "end"),
    [("2019-04-15", "2019-04"), ("2019-04", "2019-04-02"), ("2019", "2019-01-01T00:00"),
     ("2019-04-04T10:00", "2019-04-04")],
)
def test_overlapping_precision_spans_are_not_end_before_start(start: str, end: str) -> None:
    assert load(make([event(start=start, end=end)])).ok


def test_end_before_start_is_reported() -> None:
    problem = only_problem(load(make([event(start="2019-04-01", end="2019-02")])))
    assert problem.path == ("events", 0, "end")
    assert "before it starts" in problem.message


def test_citation_offsets_count_code_points() -> None:
    text = "Ṭarābulus 🚀 shelled"
    quote = "shelled"
    sources = [{"id": "src", "text": text}]
    cite = {"source": "src", "start": text.index(quote), "end": len(text), "quote": quote}
    assert text.index(quote) == 12  # one per code point: the rocket counts once
    assert load(make([event(citations=[cite])], sources=sources)).ok


def test_escaped_characters_survive() -> None:
    title = 'He said "go" \\ then\nleft \u00e9 \U0001f680 \t'
    doc = load_bytes(json.dumps(make([event(title=title)]), ensure_ascii=True).encode(), "t")
    assert doc.document is not None and doc.document.events[0].title == title


# --- document_from_json ---------------------------------------------------------------------------


def test_document_from_json() -> None:
    text = json.dumps(make([event(start="2019-02-30")]), indent=2)
    result = document_from_json(json.loads(text), "t.json", text)
    problem = only_problem(result)
    assert problem.line is not None
    assert document_from_json(make(), "t.json").ok
    assert document_from_json(make([event(start="x")]), "t.json").problems[0].line is None


# --- fast and slow paths agree --------------------------------------------------------------------


def test_fast_and_slow_paths_build_the_same_events() -> None:
    raw = json.loads((GOOD / "unknown_fields.json").read_text(encoding="utf-8"))
    fast = load_path(GOOD / "unknown_fields.json").document
    assert fast is not None
    validator = Validator(Report("t"))
    validator.document({**raw, "events": []})
    slow = [validator.event(i, ev) for i, ev in enumerate(raw["events"])]
    assert slow == fast.events
    assert not validator.report


@st.composite
def valid_events(draw: st.DrawFn) -> dict[str, Any]:
    """An event of ``make()``'s document with any of its optional fields, valid."""
    dates = st.sampled_from(["2019", "2019-04", "2019-04-04", "2019-04-04T10:30", "2019-05~"])
    texts = st.text(max_size=6)
    ev: dict[str, Any] = {"id": draw(st.text(min_size=1, max_size=4)), "title": draw(texts),
                          "start": draw(dates)}
    optional = {
        "end": st.none() | st.just("2021-01-01") | st.just(".."),
        "actors": st.lists(st.sampled_from(["haftar", "gna"]), max_size=2),
        "location": texts, "tags": st.lists(texts, max_size=3), "description": texts,
        "citations": st.lists(st.sampled_from(
            [{"source": "src", "start": 0, "end": 15, "quote": "Haftar's forces"},
             {"source": "src", "start": 16, "end": 24, "quote": "attacked", "x": [1]}]),
            max_size=2),
        "date_note": texts, "x_unknown": st.none() | texts | st.lists(st.integers(-9, 9)),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            ev[key] = draw(values)
    order = draw(st.permutations(list(ev)))
    return {key: ev[key] for key in order}


@settings(max_examples=300, deadline=None)
@given(valid_events())
def test_fast_and_slow_paths_agree_on_every_field(ev: dict[str, Any]) -> None:
    """The fast path names the event's fields itself: it must build what the slow path,
    driven by the spec, builds, and count the strings the duplicate-key proof expects."""
    from timeline_app.core.fileformat.event_fast_path import fast_event_converter

    built = []
    for fast in (True, False):
        validator = Validator(Report("t"))
        validator.document(make([]))
        before = validator.strings
        raw = json.loads(json.dumps(ev))
        event = fast_event_converter(validator)(0, raw) if fast else validator.event(0, raw)
        assert event is not None and not validator.report
        if fast:
            assert validator.strings - before == count_strings(json.loads(json.dumps(ev)))
        built.append(event)
    assert built[0] == built[1]


def test_the_fast_path_can_build_the_models_events() -> None:
    """The fast path builds ``Event`` positionally: the model must begin with its fields.
    (A field appended to the spec and the model needs no change here: events that hold
    it take the slow path.)"""
    from timeline_app.core.fileformat.event_fast_path import FAST_FIELDS, covers_the_model

    assert covers_the_model(), FAST_FIELDS


# --- citations of one passage ---------------------------------------------------------------------


def test_events_citing_one_passage_share_its_citation() -> None:
    """A passage cited by many events is one Citation object (memory at 100,000 events),
    equal to what each event's own would be; another passage is another object."""
    src = {"id": "s", "text": "alpha beta"}
    def cite_event(i: int, start: int, end: int, quote: str) -> dict[str, Any]:
        return {"id": f"e{i}", "title": "T", "start": "2020",
                "citations": [{"source": "s", "start": start, "end": end, "quote": quote}]}
    obj = {"format": "conflict-timeline", "version": 1, "sources": [src], "actors": [],
           "events": [cite_event(0, 0, 5, "alpha"), cite_event(1, 0, 5, "alpha"),
                      cite_event(2, 6, 10, "beta")]}
    result = load_bytes(json.dumps(obj).encode("utf-8"), "t.json")
    assert result.ok
    a, b, c = (ev.citations[0] for ev in result.document.events)
    assert a is b and a.quote == "alpha" and (a.start, a.end) == (0, 5)
    assert c is not a and c.quote == "beta"


def test_a_wrong_quote_of_a_passage_cited_before_is_still_reported() -> None:
    good = {"source": "src", "start": 0, "end": 15, "quote": "Haftar's forces"}
    result = load(make([event(id="a", citations=[good]),
                        event(id="b", citations=[dict(good, quote="Haftar's forcez")])]))
    assert [format_path(p.path) for p in result.problems] == ["$.events[1].citations[0].quote"]
