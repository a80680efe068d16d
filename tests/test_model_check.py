"""The model check says what the loader would say about the saved file, without it.

``save_document`` no longer loads its output back: ``model_check`` reports from the
model what ``load_bytes`` would report on the file.  These tests hold the two together
on generated documents (those of the round-trip test) with targeted mutations, each of
which the loader accepts or refuses: both must give the same problems, at the same
paths, with the same messages, and ``save_document`` must refuse exactly those
documents, leaving the file as it was.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import documents

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat import storage
from timeline_app.core.fileformat.check import check_document
from timeline_app.core.fileformat.loader import MAX_DEPTH, load_bytes
from timeline_app.core.fileformat.problems import Problem, format_path
from timeline_app.core.fileformat.storage import SaveError, encode_document, save_document
from timeline_app.core.fileformat.writer import encode, reference_dumps
from timeline_app.core.model import Actor, Citation, Document, Event, Source

NAME = "timeline.json"
OLD = b'{"not": "touched"}\n'


def nested(depth: int) -> Any:
    """A list that, as the value of an event's unknown field, reaches ``depth`` levels."""
    value: Any = []
    for _ in range(depth - 4):  # root, events, the event, then this list
        value = [value]
    return value


def _event(doc: Document) -> Event:
    if not doc.events:
        doc.events.append(Event("ev", "title", PartialDate(2019)))
    return doc.events[-1]


def _source(doc: Document) -> Source:
    if not doc.sources:
        doc.sources.append(Source("src", text="Haftar's forces attacked Tripoli."))
    return doc.sources[0]


def _actor(doc: Document) -> Actor:
    if not doc.actors:
        doc.actors.append(Actor("haftar", "LNA", "#b5443a"))
    return doc.actors[0]


def _cite(doc: Document, **fields: Any) -> Citation:
    src = _source(doc)
    cite = Citation(src.id, 0, 1, src.text[:1], {})
    for key, value in fields.items():
        setattr(cite, key, value)
    _event(doc).citations.append(cite)
    return cite


# Each mutation takes a valid document and changes one thing; "ok" ones stay valid.
MUTATIONS: dict[str, Any] = {
    "none": lambda doc: None,
    "duplicate event id": lambda doc: doc.events.append(
        Event(_event(doc).id, "again", PartialDate(2020))),
    "duplicate source id": lambda doc: doc.sources.append(Source(_source(doc).id, text="x")),
    "duplicate actor id": lambda doc: doc.actors.append(Actor(_actor(doc).id)),
    "empty event id": lambda doc: setattr(_event(doc), "id", ""),
    "empty source id": lambda doc: setattr(_source(doc), "id", ""),
    "empty source id, cited": lambda doc: (setattr(_source(doc), "id", ""), _cite(doc)),
    "duplicate source id, cited": lambda doc: (
        doc.sources.insert(0, Source(_source(doc).id, text="x")), _cite(doc)),
    "empty actor id": lambda doc: setattr(_actor(doc), "id", ""),
    "empty title (ok)": lambda doc: setattr(_event(doc), "title", ""),
    "empty document title (ok)": lambda doc: setattr(doc, "title", ""),
    "unknown actor": lambda doc: _event(doc).actors.append("nobody-at-all"),
    "bad colour": lambda doc: setattr(_actor(doc), "color", "red"),
    "short colour": lambda doc: setattr(_actor(doc), "color", "#abc"),
    "end before start": lambda doc: (
        setattr(_event(doc), "start", PartialDate(2019, 4, 1)),
        setattr(_event(doc), "end", PartialDate(2019, 2, precision=Precision.MONTH)),
    ),
    "end on the day before": lambda doc: (
        setattr(_event(doc), "start", PartialDate(2019, 4, 2)),
        setattr(_event(doc), "end", PartialDate(2019, 4, 1)),
    ),
    "end in the start's month (ok)": lambda doc: (
        setattr(_event(doc), "start", PartialDate(2019, 4, 15)),
        setattr(_event(doc), "end", PartialDate(2019, 4, precision=Precision.MONTH)),
    ),
    "end minute inside the start day (ok)": lambda doc: (
        setattr(_event(doc), "start", PartialDate(2019, 4, 4)),
        setattr(_event(doc), "end", PartialDate(2019, 4, 4, 0, 0, Precision.MINUTE)),
    ),
    "citation beyond the text": lambda doc: _cite(doc, start=0, end=10**6),
    "citation start beyond the text": lambda doc: _cite(doc, start=10**6, end=10**6 + 1),
    "citation empty span": lambda doc: _cite(doc, start=0, end=0, quote=""),
    "citation negative": lambda doc: _cite(doc, start=-1),
    "citation huge offset": lambda doc: _cite(doc, end=10**19),
    "citation huge negative offset": lambda doc: _cite(doc, start=-(10**18)),
    "citation wrong quote": lambda doc: _cite(doc, quote="\u2603"),
    "citation quote too short": lambda doc: _cite(doc, end=2),
    "citation quote too long": lambda doc: _cite(doc, quote=_source(doc).text[:2]),
    "citation quote found elsewhere": lambda doc: _cite(
        doc, start=1, end=2, quote=_source(doc).text[:1]),
    "citation unknown source": lambda doc: _cite(doc, source="nowhere"),
    "citation with unknown fields (ok)": lambda doc: _cite(doc, extra={"x_by": "ana"}),
    "citation with a huge int": lambda doc: _cite(doc, extra={"x_n": 10**20}),
    "citation to an empty text": lambda doc: (
        doc.sources.append(Source("empty-src")), _cite(doc, source="empty-src")),
    "deep nesting at the limit (ok)": lambda doc: _event(doc).extra.update(
        x_deep=nested(MAX_DEPTH)),
    "deep nesting": lambda doc: _event(doc).extra.update(x_deep=nested(MAX_DEPTH + 1)),
    "deep nesting in a citation": lambda doc: _cite(doc, extra={"x_deep": nested(MAX_DEPTH)}),
    "deep nesting at the root": lambda doc: doc.extra.update(x_deep=nested(MAX_DEPTH + 3)),
    "huge int": lambda doc: _event(doc).extra.update(x_big=10**18),
    "eighteen digits (ok)": lambda doc: _event(doc).extra.update(x_big=-(10**18 - 1)),
    "huge int nested in a source": lambda doc: _source(doc).extra.update(
        x_list=[1, {"n": -(10**40)}]),
    "huge int in an actor": lambda doc: _actor(doc).extra.update(x_big=10**30),
    "huge int at the root": lambda doc: doc.extra.update(x_big=10**30),
    "float (ok)": lambda doc: _event(doc).extra.update(x_f=[1e300, -0.0, 0.1]),
    "nan": lambda doc: _event(doc).extra.update(x_nan=math.nan),
    "infinity": lambda doc: _actor(doc).extra.update(x_inf=[-math.inf]),
    "lone surrogate": lambda doc: setattr(_event(doc), "description", "bad \ud800"),
    "list holding itself": lambda doc: _self_holding(_event(doc)),
    "unknown field named like a known one (ok)": lambda doc: _event(doc).extra.update(
        location="somewhere"),
    "unknown field named like a known one, wrong": lambda doc: (
        setattr(_event(doc), "location", ""), _event(doc).extra.update(location=3)),
    "unknown root field named like a known one (ok)": lambda doc: doc.extra.update(version=2),
    "a tuple in an unknown field (ok)": lambda doc: _event(doc).extra.update(x_t=(1, 2)),
    "a None title": lambda doc: setattr(_event(doc), "title", None),
    "a bool offset": lambda doc: _cite(doc, start=False),
}


def _self_holding(ev: Event) -> None:
    loop: list[Any] = []
    loop.append(loop)
    ev.extra["x_loop"] = loop


def key(problems: list[Problem]) -> list[tuple[str, str]]:
    return sorted((repr(p.path), p.message) for p in problems)


def loader_verdict(doc: Document) -> list[Problem] | None:
    """What loading the reference's file gives; None when the reference cannot write it."""
    try:
        data = reference_dumps(doc).encode("utf-8")
    except ValueError:  # NaN, a lone surrogate, a list holding itself
        return None
    return load_bytes(data, NAME).problems


def assert_agrees_with_the_loader(doc: Document) -> None:
    """``check_document`` and ``save_document`` give the loader's verdict on the file."""
    expected = loader_verdict(doc)
    checked = check_document(doc, NAME)
    if expected is not None and checked is not None:
        assert key(checked) == key(expected)
        assert all(p.line is None and p.file == NAME for p in checked)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / NAME
        path.write_bytes(OLD)
        if expected is None or expected:  # the file cannot be written, or would not load
            with pytest.raises(SaveError) as info:
                save_document(doc, path)
            if expected:
                assert key(info.value.problems) == key(expected) or (
                    checked is None  # loaded back: the loader's own problems
                    and info.value.problems == expected
                )
            assert path.read_bytes() == OLD
            assert sorted(p.name for p in Path(tmp).iterdir()) == [NAME]
        else:
            save_document(doc, path)
            assert path.read_bytes() == reference_dumps(doc).encode("utf-8")


def simple_document() -> Document:
    return Document("t", [Source("src", text="Haftar's forces attacked Tripoli.")],
                    [Actor("haftar")], [Event("ev", "title", PartialDate(2019))])


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_each_mutation_of_a_simple_document(mutation: str) -> None:
    doc = simple_document()
    MUTATIONS[mutation](doc)
    verdict = loader_verdict(doc)
    if mutation == "none" or "(ok)" in mutation:
        assert verdict == []
    else:  # the mutation does make a file the loader refuses, or no file at all
        assert verdict is None or verdict
    assert_agrees_with_the_loader(doc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(sorted(MUTATIONS)))
def test_model_check_and_save_agree_with_the_loader(doc: Document, mutation: str) -> None:
    MUTATIONS[mutation](doc)
    assert_agrees_with_the_loader(doc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(sorted(MUTATIONS)))
def test_plain_events_have_no_problems(doc: Document, mutation: str) -> None:
    """Events ``encode`` calls plain have no problems when the rest has none."""
    MUTATIONS[mutation](doc)
    try:
        encoded = encode(doc)
    except ValueError:
        return
    if encoded.plain and check_document(doc, NAME, events=False) == []:
        assert check_document(doc, NAME) == []


def test_refused_save_reports_problems_with_paths(tmp_path: Path) -> None:
    """What spans objects is found on the model: problems have paths, not lines."""
    doc = Document("t", [Source("src", text="abc")], [Actor("a")], [
        Event("e", "t", PartialDate(2019), actors=["b"],
              citations=[Citation("src", 0, 2, "ab"), Citation("src", 1, 3, "xx")]),
        Event("e", "t", PartialDate(2019, 5)),
    ])
    path = tmp_path / NAME
    with pytest.raises(SaveError, match="3 problem") as info:
        save_document(doc, path)
    assert [str(p).replace(str(tmp_path / NAME), NAME) for p in info.value.problems] == [
        f'{NAME}: $.events[0].actors[0]: names the actor "b", which is not in "actors": add an '
        "actor with this id, or correct the id",
        f'{NAME}: $.events[0].citations[1].quote: does not match the source text at 1:3: the '
        'quote is "xx" but the text there is "bc": fix the offsets or the quote',
        f'{NAME}: $.events[1].id: "e" is already the id of event 1 ($.events[0]): give each '
        "event its own id",
    ]
    assert not path.exists()


def test_a_bad_value_assigned_after_construction_is_still_refused(tmp_path: Path) -> None:
    """The model checks values when an object is built; one assigned later is found by
    loading the written text back, with the loader's problems and places."""
    doc = Document("t", [], [Actor("a")], [Event("e", "t", PartialDate(2019, 5))])
    doc.actors[0].color = "blue"
    doc.events[0].end = PartialDate(2018)
    assert check_document(doc, NAME) is None  # cannot tell: the file is loaded back
    path = tmp_path / NAME
    with pytest.raises(SaveError, match="2 problem") as info:
        save_document(doc, path)
    lines = reference_dumps(doc).splitlines()
    colour = 1 + next(i for i, line in enumerate(lines) if '"color": "blue"' in line)
    end = 1 + next(i for i, line in enumerate(lines) if '"end": "2018-01-01"' in line)
    assert [(format_path(p.path), p.line, p.message) for p in info.value.problems] == [
        ("$.actors[0].color", colour, '"blue" is not a colour: write it as #rrggbb, '
         'for example "#b5443a"'),
        ("$.events[0].end", end, "the event ends (2018-01-01) before it starts (2019-05-01): "
         "swap start and end, or correct one of them"),
    ]
    assert not path.exists()


def test_nan_is_reported_with_its_path(tmp_path: Path) -> None:
    doc = Document("t", events=[Event("e", "t", PartialDate(2019), extra={"x": [math.nan]})])
    with pytest.raises(SaveError) as info:
        save_document(doc, tmp_path / NAME)
    assert [(p.path, p.message) for p in info.value.problems] == [
        (("events", 0, "x", 0), "NaN is not allowed in JSON: write a number, or null")]


def test_a_value_json_cannot_hold_is_refused_not_raised(tmp_path: Path) -> None:
    doc = Document("t", events=[Event("e", "t", PartialDate(2019), extra={"x": {1, 2}})])
    with pytest.raises(SaveError, match="not JSON serializable"):
        save_document(doc, tmp_path / NAME)


def test_undecided_documents_are_loaded_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value of another type than the model's: the bytes are checked by the loader."""
    calls: list[int] = []
    real = storage.load_bytes

    def spy(data: bytes, name: str) -> Any:
        calls.append(len(data))
        return real(data, name)

    monkeypatch.setattr(storage, "load_bytes", spy)
    doc = Document("t", events=[Event("e", "t", PartialDate(2019))])
    assert encode_document(doc, NAME) == reference_dumps(doc).encode("utf-8")
    assert calls == []  # a plain document is not loaded back
    doc.events[0].extra["location"] = "named like a known field"
    assert check_document(doc, NAME) is None
    assert encode_document(doc, NAME) == reference_dumps(doc).encode("utf-8")
    assert len(calls) == 1
    doc.events[0].title = None  # type: ignore[assignment]
    with pytest.raises(SaveError) as info:
        encode_document(doc, NAME)
    assert "must be a string" in info.value.problems[0].message
    assert info.value.problems[0].line is not None  # the loader's own problem


def test_a_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "DEFAULT_MAX_BYTES", 100)
    doc = Document("t", events=[Event("e", "t" * 200, PartialDate(2019))])
    with pytest.raises(SaveError) as info:
        encode_document(doc, NAME)
    assert "more than the limit of 100 bytes" in info.value.problems[0].message
