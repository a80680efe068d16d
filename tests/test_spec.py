"""Everything that describes the file format is generated from, or checked against, spec.py.

Adding a field to ``spec.EVENT`` without regenerating the schema and the documentation,
or without giving the model the field, fails here.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat import spec, writer
from timeline_app.core.fileformat.spec import Field, Kind
from timeline_app.core.model import Actor, Citation, Document, Event, Source

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = "python -m timeline_app.core.fileformat.spec"


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / spec.SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == spec.json_schema_text(), f"run {REGENERATE}"


def test_the_field_tables_of_the_documentation_are_the_generated_ones() -> None:
    text = (ROOT / spec.FORMAT_DOC_PATH).read_text(encoding="utf-8")
    assert spec.format_doc_text(text) == text, f"run {REGENERATE}"
    for name, object_spec in spec.OBJECTS.items():
        assert f"<!-- fields: {name} -->\n{spec.field_table(object_spec)}" in text


def test_the_documented_key_order_is_the_spec_order() -> None:
    """The prose names the first fields only; the tables give the whole order."""
    text = (ROOT / spec.FORMAT_DOC_PATH).read_text(encoding="utf-8")
    flat = " ".join(text.split())
    root = ", ".join(f"`{k}`" for k in spec.ROOT_KEYS[:3])
    event = ", ".join(f"`{k}`" for k in spec.EVENT_KEYS[:3])
    assert (f"known fields in the order of the tables above ({root}, ...; within an event "
            f"{event}, ...)") in flat
    assert text.index("<!-- fields: root -->") < text.index("<!-- fields: event -->")


def test_regenerate_rewrites_stale_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for relative in (spec.SCHEMA_PATH, spec.FORMAT_DOC_PATH):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, tmp_path / relative)
    assert spec.regenerate(tmp_path) == []
    extra_field = Field("x_rating", Kind.TEXT, "text: how sure the analyst is")
    monkeypatch.setitem(spec.OBJECTS, "event", spec.ObjectSpec(
        "event", (*spec.EVENT.fields, extra_field)))
    changed = spec.regenerate(tmp_path)
    assert sorted(changed) == sorted(tmp_path / r for r in (spec.SCHEMA_PATH,
                                                            spec.FORMAT_DOC_PATH))
    schema = json.loads((tmp_path / spec.SCHEMA_PATH).read_text(encoding="utf-8"))
    assert schema["$defs"]["event"]["properties"]["x_rating"] == {
        "description": "Text: how sure the analyst is.", "type": "string"}
    assert "| `x_rating` | no | text: how sure the analyst is |" in (
        tmp_path / spec.FORMAT_DOC_PATH).read_text(encoding="utf-8")


@pytest.mark.parametrize(("cls", "object_spec"), [
    (Document, spec.ROOT), (Source, spec.SOURCE), (Actor, spec.ACTOR), (Event, spec.EVENT),
    (Citation, spec.CITATION),
])
def test_the_model_has_a_field_for_each_field_of_the_spec(cls: type,
                                                          object_spec: spec.ObjectSpec) -> None:
    """In the same order, then ``open_end`` for an end that may be open (``".."``), then
    ``extra``; the root's constants are the writer's.  The fields a file must have are
    those an object cannot be built without."""
    names = [f.name for f in object_spec.fields if f.kind is not Kind.CONSTANT]
    names += ["open_end"] * sum(f.kind is Kind.END_DATE for f in object_spec.fields)
    assert [f.name for f in dataclasses.fields(cls)] == [*names, "extra"]
    if cls is not Document:  # a document without events is an empty one, not a bad one
        required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING]
        assert required == list(object_spec.required)


def test_each_field_is_described_once_and_consistently() -> None:
    for object_spec in spec.OBJECTS.values():
        assert len(object_spec.keys) == len(object_spec.known)
        for f in object_spec.fields:
            assert f.doc
            assert (f.refers_to is not None) == (f.kind in (Kind.REFERENCE, Kind.REFERENCES))
            assert (f.item is not None) == (f.kind in (Kind.OBJECTS, Kind.OBJECT))
            assert f.item is None or f.item in spec.OBJECTS
            assert f.refers_to is None or f.refers_to in spec.OBJECTS
            assert not (f.required and f.omit_empty)
    assert spec.EVENT.field("end").kind is Kind.END_DATE
    with pytest.raises(KeyError):
        spec.EVENT.field("nothing")


def test_the_writer_writes_the_spec_order() -> None:
    doc = Document("t", [Source("s", "a", "b", "c", None, "en", "text")],
                   [Actor("a", "n", "#000000")], [], {"tag": {"hidden": ["x"]}}, [{"name": "v"}])
    obj = writer.document_to_json(doc)
    assert tuple(obj) == spec.ROOT_KEYS
    assert tuple(obj["sources"][0]) == tuple(k for k in spec.SOURCE_KEYS if k != "published")
    assert tuple(obj["actors"][0]) == spec.ACTOR_KEYS
    assert writer.FORMAT_NAME == obj["format"] == spec.FORMAT_NAME


def test_the_fast_writer_writes_every_field_of_the_spec() -> None:
    """Else it leaves the file to the reference, which is slow: teach it the new field."""
    doc = Document("t", [], [], [Event("e", "t", PartialDate(2019))])
    assert writer.encode(doc).plain


def test_the_schema_refuses_year_0000_as_the_loader_does() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    date = jsonschema.Draft202012Validator(
        {"$defs": spec.json_schema()["$defs"], "$ref": "#/$defs/date"})
    assert not date.is_valid("0000") and not date.is_valid("0000-12-31")
    assert date.is_valid("0001") and date.is_valid("9999-12-31T23:59~")
    assert not date.is_valid("10000") and not date.is_valid("2019-13")
