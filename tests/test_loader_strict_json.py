"""The loader: JSON that parses but that a timeline does not allow.

Duplicate keys (the string count that proves their absence without a second parse, and
the exact check when it cannot), lone surrogates, NaN and infinities, integers too long
to be exact, nesting too deep, and the position finder (jsonpos) that places them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from loader_helpers import GOOD, event, load, make, messages, only_problem

from timeline_app.core.fileformat import locating
from timeline_app.core.fileformat.json_tree import count_strings
from timeline_app.core.fileformat.jsonpos import (
    find_offsets,
    first_too_deep,
    line_column,
    line_columns,
)
from timeline_app.core.fileformat.loader import load_bytes, load_path
from timeline_app.core.fileformat.problems import Report
from timeline_app.core.fileformat.validation import Validator

# --- duplicate keys: the counting proof and the exact check ---------------------------------------


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


# --- what JSON allows but a timeline does not -----------------------------------------------------


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


# --- jsonpos --------------------------------------------------------------------------------------


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
