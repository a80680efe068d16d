"""The loader, the save check, the JSON Schema and the model agree on what a file may hold.

Random valid documents are corrupted one field at a time.  For each corruption:

* the loader refuses the file (``load_bytes`` of the written JSON);
* the JSON Schema refuses it exactly when a schema can say so (a type, a missing
  field, a pattern), and accepts it otherwise (ids unique, references resolve...);
* where the model can hold the corruption (a field assigned after the object was
  built), ``check_document`` reports what the loader reports, or cannot tell;
* where the corruption is a bad value of one object, building that object refuses it
  (``ModelError``), so that only what spans objects is left to ``check_document``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import documents

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat import spec
from timeline_app.core.fileformat.check import check_document
from timeline_app.core.fileformat.loader import load_bytes
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.writer import reference_dumps
from timeline_app.core.model import Actor, Citation, Document, Event, ModelError, Source

jsonschema = pytest.importorskip("jsonschema")

NAME = "timeline.json"
SCHEMA = json.loads((Path(__file__).resolve().parent.parent / spec.SCHEMA_PATH)
                    .read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TEXT = "Haftar's forces attacked Tripoli."


def prepared(doc: Document) -> Document:
    """``doc`` with at least one source, actor and event, the first event citing.

    The ids added cannot clash with generated ones (which are lowercase).
    """
    if not doc.sources:
        doc.sources.append(Source("SRC", text=TEXT))
    if not doc.actors:
        doc.actors.append(Actor("ACTOR"))
    if not doc.events:
        doc.events.append(Event("EVENT", "t", PartialDate(2019)))
    ev = doc.events[0]
    if not ev.citations:
        src = doc.sources[0]
        ev.citations.append(Citation(src.id, 0, 1, src.text[:1]))
    return doc


# --- the corruptions -------------------------------------------------------------------------

Json = dict[str, Any]


@dataclass(frozen=True)
class Corruption:
    """One change that makes a valid file invalid.

    ``file`` changes the parsed JSON of the file.  ``model`` (when the model can hold
    the change) returns the object changed and the fields to assign; ``single`` says
    that the change is a bad value of that one object, which its constructor refuses.
    ``schema`` says whether the JSON Schema can see it.
    """

    file: Callable[[Json, Document], None]
    schema: bool
    model: Callable[[Document], tuple[Any, dict[str, Any]]] | None = None
    single: bool = False


def _event0(obj: Json) -> Json:
    return obj["events"][0]


def _cite0(obj: Json) -> Json:
    return obj["events"][0]["citations"][0]


def _set(target: Callable[[Json], Json], **fields: Any) -> Callable[[Json, Document], None]:
    def change(obj: Json, doc: Document) -> None:
        target(obj).update(fields)
    return change


def _delete(target: Callable[[Json], Json], key: str) -> Callable[[Json, Document], None]:
    def change(obj: Json, doc: Document) -> None:
        del target(obj)[key]
    return change


def _on(getter: Callable[[Document], Any], **fields: Any) -> Callable[[Document], Any]:
    return lambda doc: (getter(doc), fields)


def _ev(doc: Document) -> Event:
    return doc.events[0]


def _cit(doc: Document) -> Citation:
    return doc.events[0].citations[0]


def _text_len(doc: Document) -> int:
    source = next(s for s in doc.sources if s.id == _cit(doc).source)
    return len(source.text)


def _append_copy(key: str) -> Callable[[Json, Document], None]:
    def change(obj: Json, doc: Document) -> None:
        obj[key].append(copy.deepcopy(obj[key][0]))
    return change


def _model_append_copy(key: str) -> Callable[[Document], Any]:
    def change(doc: Document) -> Any:
        items = getattr(doc, key)
        return doc, {key: [*items, replace(items[0])]}
    return change


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 4):  # root, events, the event, then this list
        value = [value]
    return value


LATER, EARLIER = PartialDate(2019, 4, 4), PartialDate(2019, 4, 3)

CORRUPTIONS: dict[str, Corruption] = {
    # the root
    "format wrong": Corruption(_set(lambda o: o, format="other"), schema=True),
    "format missing": Corruption(_delete(lambda o: o, "format"), schema=True),
    "version newer": Corruption(_set(lambda o: o, version=2), schema=True),
    "version a string": Corruption(_set(lambda o: o, version="1"), schema=True),
    "events missing": Corruption(_delete(lambda o: o, "events"), schema=True),
    "events not a list": Corruption(_set(lambda o: o, events={}), schema=True),
    "title not a string": Corruption(_set(lambda o: o, title=[]), schema=True,
                                     model=_on(lambda d: d, title=3), single=True),
    # ids
    "empty event id": Corruption(_set(_event0, id=""), schema=True,
                                 model=_on(_ev, id=""), single=True),
    "event id missing": Corruption(_delete(_event0, "id"), schema=True),
    "event id a number": Corruption(_set(_event0, id=7), schema=True,
                                    model=_on(_ev, id=7), single=True),
    "source id missing": Corruption(_delete(lambda o: o["sources"][0], "id"), schema=True),
    "empty actor id": Corruption(_set(lambda o: o["actors"][0], id=""), schema=True,
                                 model=_on(lambda d: d.actors[0], id=""), single=True),
    "duplicate event id": Corruption(_append_copy("events"), schema=False,
                                     model=_model_append_copy("events")),
    "duplicate source id": Corruption(_append_copy("sources"), schema=False,
                                      model=_model_append_copy("sources")),
    "duplicate actor id": Corruption(_append_copy("actors"), schema=False,
                                     model=_model_append_copy("actors")),
    # texts and lists
    "title missing": Corruption(_delete(_event0, "title"), schema=True),
    "title null": Corruption(_set(_event0, title=None), schema=True,
                             model=_on(_ev, title=None), single=True),
    "location a number": Corruption(_set(_event0, location=5), schema=True,
                                    model=_on(_ev, location=5), single=True),
    "tags a string": Corruption(_set(_event0, tags="war"), schema=True,
                                model=_on(_ev, tags="war"), single=True),
    "tag a number": Corruption(_set(_event0, tags=["war", 1]), schema=True,
                               model=_on(_ev, tags=["war", 1]), single=True),
    "actors item a number": Corruption(_set(_event0, actors=[1]), schema=True,
                                       model=_on(_ev, actors=[1]), single=True),
    "citations an object": Corruption(_set(_event0, citations={}), schema=True),
    "citation a string": Corruption(_set(_event0, citations=["x"]), schema=True,
                                    model=_on(_ev, citations=["x"]), single=True),
    "source text a list": Corruption(_set(lambda o: o["sources"][0], text=["a"]), schema=True,
                                     model=_on(lambda d: d.sources[0], text=["a"]),
                                     single=True),
    # dates
    "start missing": Corruption(_delete(_event0, "start"), schema=True),
    "start a number": Corruption(_set(_event0, start=2019), schema=True,
                                 model=_on(_ev, start=2019), single=True),
    "start not a real date": Corruption(_set(_event0, start="2023-02-30"), schema=False),
    "start in year 0000": Corruption(_set(_event0, start="0000-01-01"), schema=True),
    "start in the wrong format": Corruption(_set(_event0, start="04/04/2019"), schema=True),
    "end month 13": Corruption(_set(_event0, end="2019-13"), schema=True),
    "published not a date": Corruption(_set(lambda o: o["sources"][0], published="soon"),
                                       schema=True, model=_on(lambda d: d.sources[0],
                                                              published="soon"), single=True),
    "end before start": Corruption(
        _set(_event0, start=LATER.iso(), end=EARLIER.iso()), schema=False,
        model=_on(_ev, start=LATER, end=EARLIER), single=True),
    # colours
    "colour a name": Corruption(_set(lambda o: o["actors"][0], color="red"), schema=True,
                                model=_on(lambda d: d.actors[0], color="red"), single=True),
    "colour short": Corruption(_set(lambda o: o["actors"][0], color="#abc"), schema=True,
                               model=_on(lambda d: d.actors[0], color="#abc"), single=True),
    # references
    "unknown actor": Corruption(
        lambda o, d: _event0(o).setdefault("actors", []).append("NOBODY"), schema=False,
        model=lambda d: (_ev(d), {"actors": [*_ev(d).actors, "NOBODY"]})),
    "unknown source": Corruption(_set(_cite0, source="NOWHERE"), schema=False,
                                 model=_on(_cit, source="NOWHERE")),
    # citations
    "offset missing": Corruption(_delete(_cite0, "end"), schema=True),
    "offset negative": Corruption(_set(_cite0, start=-1), schema=True,
                                  model=_on(_cit, start=-1), single=True),
    "offset a float": Corruption(_set(_cite0, start=0.5), schema=True,
                                 model=_on(_cit, start=0.5), single=True),
    "offset a bool": Corruption(_set(_cite0, start=False), schema=True,
                                model=_on(_cit, start=False), single=True),
    "offset of 19 digits": Corruption(_set(_cite0, end=10**19), schema=True,
                                      model=_on(_cit, end=10**19)),
    "empty span": Corruption(lambda o, d: _cite0(o).update(end=_cite0(o)["start"]),
                             schema=False, model=lambda d: (_cit(d), {"end": _cit(d).start}),
                             single=True),
    "offsets beyond the text": Corruption(
        lambda o, d: _cite0(o).update(start=_text_len(d), end=_text_len(d) + 1), schema=False,
        model=lambda d: (_cit(d), {"start": _text_len(d), "end": _text_len(d) + 1})),
    "quote mismatch": Corruption(
        lambda o, d: _cite0(o).update(quote=_cite0(o)["quote"] + "\x00"), schema=False,
        model=lambda d: (_cit(d), {"quote": _cit(d).quote + "\x00"})),
    "quote missing": Corruption(_delete(_cite0, "quote"), schema=True),
    # unknown fields
    "unknown field of 19 digits": Corruption(
        _set(_event0, x_big=10**19), schema=False,
        model=lambda d: (_ev(d), {"extra": {**_ev(d).extra, "x_big": 10**19}})),
    "unknown field nested too deep": Corruption(
        _set(_event0, x_deep=_nested(spec.MAX_DEPTH + 1)), schema=False,
        model=lambda d: (_ev(d), {"extra": {**_ev(d).extra,
                                            "x_deep": _nested(spec.MAX_DEPTH + 1)}})),
}


def key(problems: list[Problem]) -> list[tuple[str, str]]:
    return sorted((repr(p.path), p.message) for p in problems)


def verdicts(doc: Document, name: str) -> None:
    """Corrupt ``doc`` with ``name`` and check that every judge refuses it alike."""
    corruption = CORRUPTIONS[name]
    obj = json.loads(reference_dumps(doc))
    corruption.file(obj, doc)
    loaded = load_bytes(json.dumps(obj, ensure_ascii=False).encode("utf-8"), NAME)
    assert not loaded.ok, "the loader accepts it"
    assert VALIDATOR.is_valid(obj) is not corruption.schema, (
        "the schema should refuse it" if corruption.schema else "the schema cannot know it")
    if corruption.model is None:
        return
    target, fields = corruption.model(doc)
    if corruption.single:
        with pytest.raises(ModelError):
            replace(target, **fields)
    for field_name, value in fields.items():
        setattr(target, field_name, value)  # what an assignment can still do
    checked = check_document(doc, NAME)
    if corruption.single:
        assert checked is None or key(checked) == key(loaded.problems)
    else:  # what spans objects is check_document's to find, as the loader does
        assert checked is not None
        assert key(checked) == key(loaded.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents().map(prepared), st.sampled_from(sorted(CORRUPTIONS)))
def test_loader_check_schema_and_model_agree_on_each_corruption(doc: Document,
                                                                name: str) -> None:
    verdicts(doc, name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents().map(prepared))
def test_valid_documents_pass_every_judge(doc: Document) -> None:
    obj = json.loads(reference_dumps(doc))
    assert VALIDATOR.is_valid(obj)
    assert load_bytes(reference_dumps(doc).encode("utf-8"), NAME).ok
    assert check_document(doc, NAME) == []


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_each_corruption_of_a_small_document(name: str) -> None:
    """Every corruption at least once, whatever Hypothesis draws."""
    verdicts(prepared(Document("t")), name)
