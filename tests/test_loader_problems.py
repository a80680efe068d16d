"""The loader: what it reports and where.

The malformed-file corpus (tests/test_bad_corpus.py) covers one problem kind per file;
these tests cover what a corpus cannot show well: collecting many problems, positions
in tricky text (multi-byte characters, CRLF and CR line ends, a byte order mark), file-
system errors and size limits, and text that is not UTF-8 JSON.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from loader_helpers import DROP, event, load, make, only_problem

from timeline_app.core.fileformat import loader
from timeline_app.core.fileformat.jsonpos import line_column
from timeline_app.core.fileformat.loader import DEFAULT_MAX_BYTES, load_bytes, load_path
from timeline_app.core.fileformat.problems import format_path
from timeline_app.core.fileformat.reading import size_text
from timeline_app.core.fileformat.validation import Validator

# --- collecting problems --------------------------------------------------------------------------


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


# --- file-level problems --------------------------------------------------------------------------


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
    assert DEFAULT_MAX_BYTES == 1536 * 1024 * 1024
    assert size_text(DEFAULT_MAX_BYTES) == "1,536.0 MiB (1,610,612,736 bytes)"
    assert DEFAULT_MAX_BYTES + 1 < 0x7FFFF000  # read_file's one read() on Linux


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


# --- invalid text ---------------------------------------------------------------------------------


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


@pytest.mark.parametrize("kind", [bytes, bytearray])
def test_a_byte_order_mark_is_skipped_in_bytes_and_in_a_handed_over_bytearray(
    kind: type,
) -> None:
    data = json.dumps(make([event(start="2019-02-30")]), indent=2).encode()
    expected = only_problem(load_bytes(data, "t.json"))
    handed = kind(codecs.BOM_UTF8 + data)
    assert only_problem(loader.load_handed_over([handed], "t.json")) == expected
