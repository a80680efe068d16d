"""The loader: what it accepts, what it reports and where, and that it never raises.

The malformed-file corpus (tests/test_bad_corpus.py) covers one problem kind per file;
these tests cover what a corpus cannot show well: collecting many problems, positions
in tricky text, unknown fields, interning, the duplicate-key proof, file-system errors,
and robustness against arbitrary input.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.fileformat import decoding, loader, locating
from timeline_app.core.fileformat.byte_scan import count_bytes
from timeline_app.core.fileformat.json_tree import count_strings
from timeline_app.core.fileformat.jsonpos import (
    find_offsets,
    first_too_deep,
    line_column,
    line_columns,
)
from timeline_app.core.fileformat.loader import (
    DEFAULT_MAX_BYTES,
    LoadResult,
    document_from_json,
    load_bytes,
    load_path,
)
from timeline_app.core.fileformat.problems import Problem, Report, format_path
from timeline_app.core.fileformat.reading import size_text
from timeline_app.core.fileformat.validation import Validator

GOOD = Path(__file__).resolve().parent / "data" / "good"
BAD_FILES = Path(__file__).resolve().parent / "data" / "bad"
TEXT = "Haftar's forces attacked Tripoli on 4 April 2019."


def make(events: list[dict[str, Any]] | None = None, **root: Any) -> dict[str, Any]:
    """A valid document as JSON data, with one source, two actors and one event."""
    doc: dict[str, Any] = {
        "format": "conflict-timeline",
        "version": 1,
        "title": "Test",
        "sources": [{"id": "src", "title": "Report", "text": TEXT}],
        "actors": [{"id": "haftar", "name": "LNA", "color": "#b5443a"}, {"id": "gna"}],
        "events": events if events is not None else [event()],
    }
    doc.update(root)
    return doc


def event(**fields: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": "ev-1",
        "title": "Offensive",
        "start": "2019-04-04",
        "actors": ["haftar"],
        "tags": ["offensive"],
        "citations": [{"source": "src", "start": 0, "end": 15, "quote": "Haftar's forces"}],
    }
    ev.update(fields)
    return {k: v for k, v in ev.items() if v is not DROP}


DROP = object()


def load(obj: Any, *, indent: int | None = 2) -> LoadResult:
    return load_bytes(json.dumps(obj, indent=indent, ensure_ascii=False).encode("utf-8"), "t.json")


def messages(result: LoadResult) -> list[str]:
    return [str(p) for p in result.problems]


def only_problem(result: LoadResult) -> Problem:
    assert result.document is None
    assert len(result.problems) == 1, messages(result)
    return result.problems[0]


# --- accepting --------------------------------------------------------------------------------


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


# --- collecting problems ----------------------------------------------------------------------


def test_every_problem_is_collected_in_file_order() -> None:
    events = [
        event(id="a", start="2019-13-01"),
        event(id="b", actors=["nobody"]),
        event(id="a", citations=[{"source": "src", "start": 0, "end": 15, "quote": "wrong"}]),
        event(id="d", title=7, tags="x"),
    ]
    result = load(make(events, actors=[{"id": "haftar", "color": "red"}]))
    assert result.document is None
    found = [(format_path(p.path), p.line) for p in result.problems]
    assert [path for path, _ in found] == [
        "$.actors[0].color",
        "$.events[0].start",
        "$.events[1].actors[0]",
        "$.events[2].id",
        "$.events[2].citations[0].quote",
        "$.events[3].title",
        "$.events[3].tags",
    ]
    lines = [line for _, line in found]
    assert lines == sorted(lines) and None not in lines


def test_many_bad_events_are_all_located_in_one_pass() -> None:
    events = [event(id=f"e{i}", start=f"2019-02-{29 + i % 2}") for i in range(2000)]
    result = load(make(events))
    assert len(result.problems) == 2000
    assert all(p.line is not None for p in result.problems)
    assert result.problems[0].line < result.problems[-1].line


def test_problem_positions_count_characters_not_bytes() -> None:
    text = '{"format": "conflict-timeline", "version": 1, "title": "Ṭarābulus 🚀", "events": 5}'
    problem = only_problem(load_bytes(text.encode("utf-8"), "t.json"))
    assert problem.path == ("events",)
    assert (problem.line, problem.column) == (1, text.index("5") + 1)


def test_positions_in_a_file_with_crlf_line_ends() -> None:
    text = json.dumps(make([event(start="2019-02-30")]), indent=2).replace("\n", "\r\n")
    problem = only_problem(load_bytes(text.encode(), "t.json"))
    line_text = text.split("\r\n")[problem.line - 1]
    assert line_text[problem.column - 1 :].startswith('"2019-02-30"')


def test_missing_field_is_placed_at_its_object() -> None:
    text = json.dumps(make([event(), event(id="ev-2", title=DROP)]), indent=2)
    problem = only_problem(load_bytes(text.encode(), "t.json"))
    assert problem.path == ("events", 1, "title")
    offset = text.index('"id": "ev-2"')
    object_start = text.rindex("{", 0, offset)
    assert (problem.line, problem.column) == line_column(text, object_start)


def test_problem_string_format() -> None:
    problem = only_problem(load(make([event(start="2019-02-30")]), indent=None))
    assert str(problem).startswith("t.json:1:")
    assert ": $.events[0].start: " in str(problem)


# --- file-level problems ----------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    result = load_path(tmp_path / "nope.json")
    problem = only_problem(result)
    assert "no such file" in problem.message
    assert problem.file == str(tmp_path / "nope.json")


def test_display_name_defaults_to_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.json").write_text("[]")
    assert load_path("x.json").problems[0].file == "x.json"
    assert load_path(Path("x.json")).problems[0].file == "x.json"
    assert load_path("x.json", display_name="shown").problems[0].file == "shown"


def test_directory(tmp_path: Path) -> None:
    assert "is a folder" in only_problem(load_path(tmp_path)).message


def test_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("{}")
    assert "no such file" in only_problem(load_path(tmp_path / "f" / "x.json")).message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.json"
    path.write_text("{}")

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert "permission denied" in only_problem(load_path(path)).message


def test_file_larger_than_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000)
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail("file was read"))
    problem = only_problem(load_path(path, max_bytes=4096))
    assert "5,000 bytes" in problem.message and "4,096 bytes" in problem.message
    assert DEFAULT_MAX_BYTES == 1024 * 1024 * 1024
    assert size_text(DEFAULT_MAX_BYTES) == "1,024.0 MiB (1,073,741,824 bytes)"


def test_bytes_larger_than_the_limit() -> None:
    problem = only_problem(load_bytes(b"{}   ", "t.json", max_bytes=3))
    assert "5 bytes" in problem.message and "limit of 3 bytes" in problem.message


def test_internal_errors_become_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(Validator, "prologue", broken)
    problem = only_problem(load(make()))
    assert "internal error while reading" in problem.message
    assert "please report" in problem.message


def test_newer_version_stops_before_checking_the_rest() -> None:
    problem = only_problem(load(make([{"anything": "new"}], version=2)))
    assert "format version 2" in problem.message and "update the app" in problem.message


def test_other_json_files_give_one_problem_not_a_flood() -> None:
    result = load_bytes(b'{"name": "package", "dependencies": {}}', "package.json")
    assert [p.path for p in result.problems] == [("format",), ("version",)]


# --- duplicate keys: the counting proof and the exact check -----------------------------------


def assert_no_exact_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the loader falls back to parsing again for duplicate keys."""

    def fail(*_args: Any) -> Any:
        raise AssertionError("counting did not prove the absence of duplicate keys")

    monkeypatch.setattr(locating, "duplicate_keys", fail)


@pytest.mark.parametrize("name", ["minimal.json", "unknown_fields.json", "open_end.json"])
def test_valid_files_need_no_duplicate_key_parse(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_no_exact_check(monkeypatch)
    assert load_path(GOOD / name).ok


@pytest.mark.parametrize(
    "title",
    ['plain', 'with "quotes"', "ends with \\", 'both \\" and \\\\"', '\\\\\\"', '"', ""],
)
def test_escaped_quotes_do_not_defeat_the_count(
    title: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = make([event(title=title, description=title, x_note={"k": [title, None, 1]})])
    text = json.dumps(doc, indent=2)
    assert_no_exact_check(monkeypatch)
    assert load_bytes(text.encode(), "t.json").ok
    duplicated = text.replace('"title": "Test",', '"title": "Test", "title": "Test",')
    monkeypatch.undo()
    problem = only_problem(load_bytes(duplicated.encode(), "t.json"))
    assert problem.path == ("title",) and "more than once" in problem.message


def test_fast_path_string_count_is_exact() -> None:
    """The validator counts what count_strings counts, event by event, for valid files."""
    for path in GOOD.glob("*.json"):
        raw = json.loads(path.read_text(encoding="utf-8"))
        expected = count_strings(raw)
        validator = Validator(Report("t"))
        assert validator.document(raw) is not None
        assert validator.strings == expected, path.name


@pytest.mark.parametrize(
    "edit",
    [
        ('"id": "ev-1",', '"id": "ev-1", "id": "ev-1",'),
        ('"start": 0,', '"start": 0, "start": 0,'),
        ('"tags": [', '"x": 1, "x": [1], "tags": ['),
        ('"name": "LNA",', '"name": "LNA", "name": "LNA",'),
        ('"text": ', '"text": "a \\" b", "text": '),
        ('"version": 1,', '"version": 1, "version": 1,'),
    ],
)
def test_duplicate_keys_are_found_everywhere(edit: tuple[str, str]) -> None:
    text = json.dumps(make(), indent=None)
    assert edit[0] in text
    result = load_bytes(text.replace(edit[0], edit[1], 1).encode(), "t.json")
    assert result.document is None
    assert any("more than once" in p.message for p in result.problems), messages(result)


def test_other_problems_need_no_second_parse_either(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_no_exact_check(monkeypatch)
    events = [event(start="2019-02-30"), event(id="ev-2", title=5, x=[{"a": "b"}]), 7]
    result = load(make(events, x_root={"k": "v"}))
    assert len(result.problems) == 3


def test_duplicate_keys_are_reported_with_other_problems() -> None:
    text = json.dumps(make([event(start="2019-02-30")]), indent=2)
    text = text.replace('"title": "Test",', '"title": "Test", "title": "Again",')
    result = load_bytes(text.encode(), "t.json")
    assert {p.path for p in result.problems} == {("title",), ("events", 0, "start")}
    dup = next(p for p in result.problems if p.path == ("title",))
    assert (dup.line, dup.column) == line_column(text, text.index('"title": "Again"'))


# --- what JSON allows but a timeline does not -------------------------------------------------


def test_surrogate_pairs_are_fine_but_lone_surrogates_are_not() -> None:
    text = json.dumps(make([event(title="rocket 🚀")]), ensure_ascii=True)
    assert "\\ud83d\\ude80" in text
    assert load_bytes(text.encode(), "t").ok
    lone = text.replace("\\ud83d\\ude80", "\\ude80\\ud83d")
    result = load_bytes(lone.encode(), "t")
    assert [p.path for p in result.problems] == [("events", 0, "title")]


def test_lone_surrogate_in_a_key_is_printable() -> None:
    text = json.dumps(make()).replace('"title": "Test"', '"title": "Test", "x\\ud800": 1')
    problem = only_problem(load_bytes(text.encode(), "t"))
    assert problem.path == ("x\ud800",)  # the key as it is; its line shows it escaped
    assert '$["x\\ud800"]: this name contains' in str(problem).encode("utf-8").decode()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants_are_refused_anywhere(constant: str) -> None:
    text = json.dumps(make([event(x_deep={"a": [1, "NaN-placeholder"]})]))
    text = text.replace('"NaN-placeholder"', constant)
    problem = only_problem(load_bytes(text.encode(), "t"))
    assert problem.path == ("events", 0, "x_deep", "a", 1)
    assert f"{constant} is not allowed in JSON" in problem.message


def test_bool_and_float_offsets_are_refused() -> None:
    cite = {"source": "src", "start": True, "end": 15.0, "quote": "Haftar's forces"}
    result = load(make([event(citations=[cite])]))
    assert [p.path[-1] for p in result.problems] == ["start", "end"]
    assert "not true" in result.problems[0].message
    assert "not the number 15.0" in result.problems[1].message


@pytest.mark.parametrize("digits", [19, 4299, 4301, 10000])
def test_long_integers_are_refused_with_their_path(digits: int) -> None:
    text = json.dumps(make(x_big=0)).replace('"x_big": 0', '"x_big": ' + "9" * digits)
    problem = only_problem(load_bytes(text.encode(), "t"))
    assert problem.path == ("x_big",)
    assert f"a number of {digits} digits is too large" in problem.message


def test_huge_integer_then_a_syntax_error_is_a_syntax_problem() -> None:
    data = b'{"x": ' + b"9" * 5000 + b', "y": }'
    problem = only_problem(load_bytes(data, "t.json"))
    assert problem.message.startswith("not valid JSON")
    assert (problem.line, problem.column) == (1, data.index(b"}") + 1)


def test_eighteen_digits_are_fine() -> None:
    assert load(make(x_id=10**18 - 1, x_neg=-(10**18) + 1)).ok


def nested(depth: int) -> str:
    """A document whose unknown field x holds ``depth`` nested lists (x is level 2)."""
    return ('{"format": "conflict-timeline", "version": 1, "events": [], "x": '
            + "[" * depth + "]" * depth + "}")


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert load_bytes(nested(63).encode(), "t").ok  # the innermost list is level 64


@pytest.mark.parametrize("depth", [64, 500, 5000, 100_000])
def test_deep_nesting_is_reported_not_raised(depth: int) -> None:
    text = nested(depth)
    problem = only_problem(load_bytes(text.encode(), "t"))
    assert "nested more than 64 levels deep" in problem.message
    # the 64th list of x is level 65: the first too deep
    assert problem.path == ("x", *[0] * 63)
    assert (problem.line, problem.column) == (1, text.index("[[") + 64)


def test_deep_nesting_in_a_wrong_known_field_is_reported_too() -> None:
    title = json.loads("[" * 70 + "]" * 70)
    result = load(make([event(title=title)]))
    assert any("must be a string, not a list" in m for m in messages(result))
    assert any("nested more than" in m for m in messages(result))


# --- invalid text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"  \n", "empty"),
        (b"{", "ends too early"),
        (b'{"a": [1, 2,]}', "remove the comma"),
        (b'{"a": 1,}', "remove the comma"),
        (b"\xff\xfe{\x00}\x00", "UTF-16"),
        (b'{\x00"\x00}\x00', "NUL characters"),
        (b'{"a": "caf\xe9"}', "not UTF-8"),
        (b'{"a": "\xed\xa0\x80"}', "not UTF-8"),  # a surrogate encoded in UTF-8
        (b"null", "holds null"),
        (b"NaN", "holds NaN"),
        (b"[]", "holds a list"),
    ],
)
def test_unreadable_text(data: bytes, fragment: str) -> None:
    problem = only_problem(load_bytes(data, "t.json"))
    assert fragment in problem.message, problem.message


def test_not_utf8_position_counts_characters() -> None:
    data = '{\n  "title": "Ṭarābulus '.encode() + b"\xe9"
    problem = only_problem(load_bytes(data, "t"))
    assert (problem.line, problem.column) == (2, 23)


# --- document_from_json -----------------------------------------------------------------------


def test_document_from_json() -> None:
    text = json.dumps(make([event(start="2019-02-30")]), indent=2)
    result = document_from_json(json.loads(text), "t.json", text)
    problem = only_problem(result)
    assert problem.line is not None
    assert document_from_json(make(), "t.json").ok
    assert document_from_json(make([event(start="x")]), "t.json").problems[0].line is None


# --- fast and slow paths agree ----------------------------------------------------------------


def test_fast_and_slow_paths_build_the_same_events() -> None:
    raw = json.loads((GOOD / "unknown_fields.json").read_text(encoding="utf-8"))
    fast = load_path(GOOD / "unknown_fields.json").document
    assert fast is not None
    validator = Validator(Report("t"))
    validator.document({**raw, "events": []})
    slow = [validator.event(i, ev) for i, ev in enumerate(raw["events"])]
    assert slow == fast.events
    assert not validator.report


# --- jsonpos ----------------------------------------------------------------------------------


def test_find_offsets_lists_every_occurrence_of_a_repeated_key() -> None:
    text = '{"a": 1, "b": {"c": [10, {"d": 2}]}, "a": 3}'
    found = find_offsets(text, [("a",), ("b", "c", 1, "d"), ("zz",)])
    assert found[("a",)] == [(1, 6), (37, 42)]
    assert found[("b", "c", 1, "d")] == [(26, 31)]
    assert ("zz",) not in found


def test_jsonpos_tolerates_anything() -> None:
    for text in ["", "{", '{"a": [1, 2', "]]]", '{"a" 1}', "\x00", '"abc']:
        find_offsets(text, [("a",), ("a", 0)])
        first_too_deep(text, 3)


def test_line_columns() -> None:
    text = "ab\ncd\n\nef"
    assert line_columns(text, [0, 4, 6, 7, 100]) == {
        0: (1, 1), 4: (2, 2), 6: (3, 1), 7: (4, 1), 100: (4, 3)
    }


# --- never raise ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=4),
    max_leaves=20,
)
KEYS = ["format", "version", "title", "sources", "actors", "events", "id", "name", "color",
        "start", "end", "actors", "tags", "citations", "source", "quote", "text", "published"]


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A valid document with random values put at random known places."""
    doc = make([event(), event(id="ev-2", end="2020")])
    targets = [doc, doc["sources"][0], doc["actors"][0], doc["events"][0],
               doc["events"][1]["citations"][0]]
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(targets))
        target[draw(st.sampled_from(KEYS))] = draw(json_values)
    return json.dumps(doc).encode()


@settings(max_examples=300, deadline=None)
@given(mutated_documents())
def test_mutated_documents_never_raise(data: bytes) -> None:
    result = load_bytes(data, "t.json")
    assert (result.document is None) == bool(result.problems)
    for problem in result.problems:
        assert "internal error" not in problem.message, problem
        str(problem).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(alphabet='{}[]":,0123456789.eE-+ \n\\ntrufalsNIy',
                                         max_size=60).map(str.encode))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = load_bytes(data, "t.json")
    assert (result.document is None) == bool(result.problems)
    for problem in result.problems:
        assert "internal error" not in problem.message, problem


def test_an_end_on_the_day_before_the_start_is_a_problem() -> None:
    """The end's whole span (1 January) lies before the start (2 January)."""
    data = (
        b'{"format": "conflict-timeline", "version": 1, "events": ['
        b'{"id": "a", "title": "t", "start": "2020-01-02", "end": "2020-01-01"},'
        b'{"id": "b", "title": "t", "start": "2020-01-02", "end": "2020-01-02"},'
        b'{"id": "c", "title": "t", "start": "2020-01-02", "end": "2020-01"}]}'
    )
    result = load_bytes(data, "t.json")
    assert [str(p).split(": ")[1] for p in result.problems] == ["$.events[0].end"]


# --- the decoder gives what the stdlib parser and validation give ---------------------------------


def reference(data: bytes) -> LoadResult:
    """What the file gives parsed by ``json.loads`` and validated: the located pass alone."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    document, problems = locating.locate(data, "t.json", count_bytes(data).delimiters)
    return LoadResult(document, problems)


def assert_same_as_reference(data: bytes) -> LoadResult:
    decoded = load_bytes(data, "t.json")
    expected = reference(data)
    assert decoded.problems == expected.problems
    assert decoded.document == expected.document
    return decoded


def forbid_located_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: Any) -> Any:
        raise AssertionError("the located pass was used for a valid file")

    monkeypatch.setattr(loader, "locate", fail)


@st.composite
def laid_out_documents(draw: st.DrawFn) -> bytes:
    """Mutated documents, with the root's keys in any order and any JSON layout."""
    doc = json.loads(draw(mutated_documents()))
    keys = draw(st.permutations(list(doc)))
    if draw(st.booleans()):
        keys.append(draw(st.sampled_from(keys)))  # a repeated root key
    indent = draw(st.sampled_from([None, 0, 2, "\t"]))
    separators = draw(st.sampled_from([None, (",", ":"), (" ,", " : ")]))
    parts = [json.dumps(k) + ":" + json.dumps(doc[k], indent=indent, separators=separators)
             for k in keys]
    space = draw(st.sampled_from(["", " ", "\n", "\r\n  ", "\r"]))
    return (space + "{" + space + ("," + space).join(parts) + space + "}" + space).encode()


@settings(max_examples=300, deadline=None)
@given(laid_out_documents() | mutated_documents())
def test_decoder_gives_what_the_reference_gives(data: bytes) -> None:
    assert_same_as_reference(data)


@pytest.mark.parametrize("path", sorted((BAD_FILES).glob("*.json")), ids=lambda p: p.name)
def test_decoder_on_the_bad_corpus(path: Path) -> None:
    assert_same_as_reference(path.read_bytes())


@pytest.mark.parametrize("name", ["minimal.json", "unknown_fields.json", "open_end.json"])
def test_valid_files_need_no_located_pass(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_located_pass(monkeypatch)
    assert load_path(GOOD / name).ok


@pytest.mark.parametrize("indent", [2, None, "\t"])
def test_valid_files_of_any_layout_need_no_located_pass(
    indent: int | str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.dumps(make([event(id=f"ev-{i}") for i in range(5)]), indent=indent).encode()
    expected = reference(data)
    forbid_located_pass(monkeypatch)
    result = load_bytes(data, "t.json")
    assert result.ok and result == expected
    assert [ev.id for ev in result.document.events] == [f"ev-{i}" for i in range(5)]


@st.composite
def canonical_documents(draw: st.DrawFn) -> bytes:
    """Mutated documents of several events in the canonical layout (indent 2), the
    events sometimes shuffled among the other root keys."""
    doc = json.loads(draw(mutated_documents()))
    events = doc.get("events")
    if isinstance(events, list) and events and isinstance(events[0], dict):
        more = [dict(events[0], id=f"copy-{i}") for i in range(draw(st.integers(0, 4)))]
        doc["events"] = events + more
    if draw(st.booleans()):
        keys = draw(st.permutations(list(doc)))
        doc = {k: doc[k] for k in keys}
    return (json.dumps(doc, indent=2, ensure_ascii=draw(st.booleans())) + "\n").encode()


@pytest.fixture
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut the canonical layout before every event, as a huge file is cut every 16 MB."""
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)


@settings(max_examples=300, deadline=None)
@given(canonical_documents())
def test_pieces_give_what_the_reference_gives(data: bytes) -> None:
    with mock.patch.object(decoding, "PIECE_BYTES", 1):
        assert_same_as_reference(data)
    assert_same_as_reference(data)


@pytest.mark.usefixtures("tiny_pieces")
@pytest.mark.parametrize("path", sorted((BAD_FILES).glob("*.json")), ids=lambda p: p.name)
def test_pieces_on_the_bad_corpus(path: Path) -> None:
    assert_same_as_reference(path.read_bytes())


@pytest.mark.usefixtures("tiny_pieces")
def test_a_cut_inside_an_event_falls_back_to_decoding_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An event laid out with a nested list of objects at the events' own indent: the
    separator occurs inside the event, a piece fails, and the file is decoded whole."""
    ev = event(id="odd", x_list=[{"a": 1}, {"b": 2}])
    text = json.dumps(make([event(), ev, event(id="ev-3")]), indent=2)
    nested = '"x_list": [\n        {\n          "a": 1\n        },\n        {'
    assert nested in text
    text = text.replace(nested, '"x_list": [\n    {\n          "a": 1\n        },\n    {')
    data = text.encode()
    expected = reference(data)
    forbid_located_pass(monkeypatch)
    result = load_bytes(data, "t.json")
    assert result.ok and result == expected
    assert [e.id for e in result.document.events] == ["ev-1", "odd", "ev-3"]


@pytest.mark.usefixtures("tiny_pieces")
def test_pieces_report_problems_with_positions_in_the_whole_file() -> None:
    events = [event(id=f"ev-{i}") for i in range(4)]
    events[2]["start"] = "2020-02-30"
    data = json.dumps(make(events), indent=2, ensure_ascii=False).encode()
    problem = only_problem(load_bytes(data, "t.json"))
    line = data.decode().splitlines().index('      "start": "2020-02-30",') + 1
    assert problem.path == ("events", 2, "start") and problem.line == line


@pytest.mark.usefixtures("tiny_pieces")
@pytest.mark.parametrize(
    "text",
    ['{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": [}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": []',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": [],}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": [] x',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": [{},]}',
     '{"format": "conflict-timeline", "version": 2, "sources": [], "actors": [], "events": [1]}',
     '{"format": "other", "version": 1, "sources": [], "actors": [], "events": [1]}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": 1}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": '
     '[{"id": 1e400}, NaN, 12345678901234567890123]}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": '
     f'[{"1" * 5000}]}}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": '
     + "[" * 3000 + "]" * 3000 + "}",
     '{"format": "conflict-timeline", "version": 1, "sources": [], "events": [], "actors": []}',
     '{"format": "conflict-timeline", "version": 1, "sources": [], "actors": [], "events": [], '
     '"events": []}',
     '{\n  "format": "conflict-timeline",\n  "version": 1,\n  "sources": [],\n  "actors": [],'
     '\n  "events": [\n    {},\n    {}\n  ],\n  "events": []\n}',
     '{\n  "format": "conflict-timeline",\n  "version": 1,\n  "sources": [],\n  "actors": [],'
     '\n  "events": [\n    {},\n    {}\n  ]\n}\n{}',
     '{\n  "format": "conflict-timeline",\n  "version": 1,\n  "sources": [],\n  "actors": [],'
     '\n  "events": [\n    {},\n    {}\n  ]\n',
     '\ufeff{"format": "conflict-timeline", "version": 1, "events": []}',
     "{}", "[]", '{"a" 1}', "{,}"],
)
def test_odd_files_give_what_the_reference_gives(text: str) -> None:
    assert_same_as_reference(text.encode())


def test_handed_over_bytes_are_taken_and_give_the_same_result() -> None:
    data = b'{"format": "conflict-timeline", "version": 1, "events": []}'
    holder = [data]
    result = loader.load_handed_over(holder, "t.json")
    assert holder == []  # the loader owns them now and frees them once decoded
    assert result == load_bytes(data, "t.json")




def test_a_loaded_document_is_kept_out_of_the_collectors_generations() -> None:
    """Otherwise the first collection after loading walks every object of the document
    (more than a second for a million events, holding the interpreter lock)."""
    import gc

    data = json.dumps(make([event(id=f"ev-{i}") for i in range(200)]), indent=2).encode()
    before = gc.get_freeze_count()
    result = load_bytes(data, "t.json")
    assert result.ok
    assert gc.get_freeze_count() - before >= 200  # an event, its lists and citations each
    assert gc.isenabled()


def test_progress_is_told_as_pieces_are_checked_and_can_stop_the_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)  # a piece per event
    data = json.dumps(make([event(id=f"ev-{i}") for i in range(6)]), indent=2).encode()
    told: list[float] = []
    result = loader.load_handed_over([data], "t.json", progress=lambda f: told.append(f) or True)
    assert result.ok and len(told) == 6
    assert told == sorted(told) and told[0] > 0 and told[-1] == 1.0

    told.clear()
    with pytest.raises(loader.LoadCancelled):
        loader.load_handed_over(
            [data], "t.json", progress=lambda f: told.append(f) or len(told) < 2)
    assert len(told) == 2  # stopped at once, the rest of the events unchecked


@pytest.mark.usefixtures("tiny_pieces")
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_canonical_files_from_windows_editors_load_alike(newline: str, bom: bytes) -> None:
    text = json.dumps(make([event(id=f"ev-{i}") for i in range(4)]), indent=2) + "\n"
    data = bom + text.replace("\n", newline).encode()
    result = assert_same_as_reference(data)
    assert result.ok and [e.id for e in result.document.events] == [f"ev-{i}" for i in range(4)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_are_counted_whatever_the_line_ends(newline: str) -> None:
    """Old Mac files end lines with a lone CR: problems are still placed on their line."""
    text = json.dumps(make([event(start="2019-02-30")]), indent=2)
    line = text.splitlines().index('      "start": "2019-02-30",') + 1
    problem = only_problem(load_bytes(text.replace("\n", newline).encode(), "t.json"))
    assert (problem.line, problem.column) == (line, len('      "start": ') + 1)
    broken = text.replace('"start": "2019-02-30",', '"start": "2019-02-30"')
    problem = only_problem(load_bytes(broken.replace("\n", newline).encode(), "t.json"))
    assert problem.message.startswith("not valid JSON") and problem.line == line + 1


@pytest.mark.parametrize(
    ("encoding", "bom", "named"),
    [("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"), ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32"),
     ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"), ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
     ("utf-32-le", b"", "UTF-32"), ("utf-16-le", b"", "UTF-16")],
)
def test_wide_encodings_are_named(encoding: str, bom: bytes, named: str) -> None:
    data = bom + json.dumps(make()).encode(encoding)
    problem = only_problem(load_bytes(data, "t.json"))
    assert f"is {named}" in problem.message or f"may be {named}" in problem.message, problem


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


@pytest.mark.parametrize("kind", [bytes, bytearray])
def test_a_byte_order_mark_is_skipped_in_bytes_and_in_a_handed_over_bytearray(
    kind: type,
) -> None:
    data = json.dumps(make([event(start="2019-02-30")]), indent=2).encode()
    expected = only_problem(load_bytes(data, "t.json"))
    handed = kind(codecs.BOM_UTF8 + data)
    assert only_problem(loader.load_handed_over([handed], "t.json")) == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_canonical_files_are_checked_in_pieces_whatever_their_line_ends(
    newline: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces give progress (and Cancel) on a big file, also once a Windows editor has
    saved it with CRLF line ends."""
    monkeypatch.setattr(decoding, "PIECE_BYTES", 1)
    text = json.dumps(make([event(id=f"ev-{i}") for i in range(6)]), indent=2)
    told: list[float] = []
    data = text.replace("\n", newline).encode()
    result = loader.load_handed_over([data], "t.json", progress=lambda f: told.append(f) or True)
    assert result.ok and len(told) == 6


def test_the_fast_path_can_build_the_models_events() -> None:
    """The fast path builds ``Event`` positionally: the model must begin with its fields.
    (A field appended to the spec and the model needs no change here: events that hold
    it take the slow path.)"""
    from timeline_app.core.fileformat.event_fast_path import FAST_FIELDS, covers_the_model

    assert covers_the_model(), FAST_FIELDS


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
