"""Documents and checks shared by the loader tests (tests/test_loader_*.py).

``make`` gives a valid document as JSON data and ``event`` one of its events, to be edited
by each test; ``load`` loads such data, ``only_problem`` returns the single problem it must
give.  ``mutated_documents`` is the hypothesis strategy of a valid document with random
values at random known places; ``reference`` is what a file gives through the stdlib
parser and validation alone, which the decoder must match.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from timeline_app.core.fileformat import loader, locating
from timeline_app.core.fileformat.byte_scan import count_bytes
from timeline_app.core.fileformat.loader import LoadResult, load_bytes
from timeline_app.core.fileformat.problems import Problem

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


# --- random documents -----------------------------------------------------------------------------


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


# --- the reference: the stdlib parser and validation ----------------------------------------------


def reference(data: bytes) -> LoadResult:
    """What the file gives parsed by ``json.loads`` and validated: the located pass alone."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    document, problems = locating.locate(data, "t.json", count_bytes(data).delimiters)
    return LoadResult(document, problems)


def assert_same_as_reference(data: bytes) -> LoadResult:
    """Loading ``data`` gives what the stdlib parser and the spec-driven checks give,
    from bytes and from a bytearray (which the loader brackets pieces of in place, and
    must leave as it found it, but for a BOM)."""
    decoded = load_bytes(data, "t.json")
    expected = reference(data)
    assert decoded.problems == expected.problems
    assert decoded.document == expected.document
    if decoded.ok:  # the positions the derived state takes from the load
        positions = {ev.id: i for i, ev in enumerate(decoded.document.events)}
        assert decoded.positions == positions and list(decoded.positions) == list(positions)
    in_place = bytearray(data)
    assert loader.load_handed_over([in_place], "t.json") == decoded
    assert in_place == data.removeprefix(codecs.BOM_UTF8)
    return decoded


def forbid_located_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: Any) -> Any:
        raise AssertionError("the located pass was used for a valid file")

    monkeypatch.setattr(loader, "locate", fail)
