"""The loader's decoder gives what the stdlib parser and validation give.

The decoder (msgspec, and canonical files checked in pieces) is the fast path; the located
pass (``json.loads`` and the validator, with positions) is the reference.  On random,
re-laid-out and odd files, and on the bad corpus, both must give the same document and
problems; valid files must never need the located pass.  Also: bytes handed over to the
loader, progress and cancelling, and the collector after a load.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from loader_helpers import (
    BAD_FILES,
    GOOD,
    assert_same_as_reference,
    event,
    forbid_located_pass,
    make,
    mutated_documents,
    only_problem,
    reference,
)

from timeline_app.core.fileformat import decoding, loader
from timeline_app.core.fileformat.loader import load_bytes, load_path

# --- the decoder against the reference ------------------------------------------------------------


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


# --- pieces: a canonical file checked event by event ----------------------------------------------


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


@pytest.mark.parametrize("path", sorted((BAD_FILES).glob("*.json")), ids=lambda p: p.name)
def test_bytes_counted_aside_on_the_bad_corpus(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big file's quotes are counted on another thread while it decodes: repeated keys
    are found as when they are counted first."""
    monkeypatch.setattr(loader, "_COUNT_ASIDE_BYTES", 0)
    assert_same_as_reference(path.read_bytes())


def test_bytes_counted_aside_prove_that_no_key_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts made on the other thread are the file's: they spare a file without a
    repeated key the second, located parse, and send one with a repeated key to it."""
    monkeypatch.setattr(loader, "_COUNT_ASIDE_BYTES", 0)
    located: list[str] = []
    real = loader.locate
    monkeypatch.setattr(loader, "locate", lambda data, name, *rest: (
        located.append(name), real(data, name, *rest))[1])
    data = json.dumps(make([event(id=f"ev-{i}") for i in range(50)]), indent=2).encode()
    assert load_bytes(data, "good.json").ok and located == []
    twice = data.replace(b'"title": "Offensive",', b'"title": "Offensive", "title": "X",', 1)
    result = load_bytes(twice, "twice.json")
    assert located == ["twice.json"]
    assert ["appears more than once" in p.message for p in result.problems] == [True]


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


_CANONICAL = json.dumps(make([event(id=f"ev-{i}", citations=[
    {"source": "src", "start": 0, "end": 6, "quote": "Haftar"}]) for i in range(6)]),
    indent=2).encode()
# Bytes that matter to JSON, to UTF-8 (a lead byte, a continuation, never valid) and to
# the cuts (a line break, the indent).
_BYTES = b'\x00\t\n "\\{}[],:0u\xe9\xc3\x80\xff'


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from("set del ins"),
                          st.sampled_from(list(_BYTES))), min_size=1, max_size=3))
def test_pieces_of_a_file_broken_byte_by_byte_give_what_the_reference_gives(
        edits: list[tuple[float, str, int]]) -> None:
    """A canonical file with bytes changed, removed or added anywhere (a download cut
    short, a disk error, an editor in another encoding), checked a piece per event:
    what the located pass finds, never an internal error."""
    data = bytearray(_CANONICAL)
    for where, op, byte in edits:
        at = int(where * len(data))
        if op == "set":
            data[at] = byte
        elif op == "del":
            del data[at]
        else:
            data[at:at] = bytes([byte])
    with mock.patch.object(decoding, "PIECE_BYTES", 1):
        result = assert_same_as_reference(bytes(data))
    assert not any("internal error" in p.message for p in result.problems)


@pytest.mark.parametrize("tail", [
    "}", ',\n  "layout": {"lane_order": ["haftar"]}\n}', ',\n  "title": "Again"\n}',
    "}\n}", "}\nxyz", ',\n  "layout": {"a": [\n  ]}\n}', "", ", }"])
@pytest.mark.parametrize("size", [1, 1 << 20])
def test_the_last_events_and_what_follows_them(tail: str, size: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The last events are cut at the list's closing bracket (on a line of its own,
    indented two spaces) and take the typed path, a piece of their own; what follows is
    decoded apart: the root's other members, a key repeated, broken or missing ends, a
    bracket so indented inside what follows."""
    monkeypatch.setattr(decoding, "PIECE_BYTES", size)
    text = json.dumps(make([event(id=f"ev-{i}") for i in range(3)]), indent=2)
    assert text.endswith("\n  ]\n}")
    data = (text[: -len("\n}")] + tail).encode()
    assert_same_as_reference(data)


@pytest.mark.usefixtures("tiny_pieces")
def test_the_last_events_of_a_canonical_file_take_the_typed_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Up to its last event, whatever follows the list: no event is decoded as a dict."""
    text = json.dumps(make([event(id=f"ev-{i}") for i in range(3)]), indent=2)
    data = (text[: -len("\n}")] + ',\n  "views": []\n}').encode()
    expected = reference(data)
    def no_dicts(validator: object) -> object:
        def convert(events: list, first: int) -> None:
            raise AssertionError(f"events from {first} decoded as dicts")
        return convert

    monkeypatch.setattr(decoding, "event_converter", no_dicts)
    result = load_bytes(data, "t.json")
    assert result.ok and result == expected


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


@pytest.mark.usefixtures("tiny_pieces")
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_canonical_files_from_windows_editors_load_alike(newline: str, bom: bytes) -> None:
    text = json.dumps(make([event(id=f"ev-{i}") for i in range(4)]), indent=2) + "\n"
    data = bom + text.replace("\n", newline).encode()
    result = assert_same_as_reference(data)
    assert result.ok and [e.id for e in result.document.events] == [f"ev-{i}" for i in range(4)]


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


# --- handed-over bytes, progress and the collector ------------------------------------------------


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
