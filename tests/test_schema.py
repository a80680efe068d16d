"""resources/timeline.schema.json agrees with the loader on the files it can judge.

The schema is for other tools (editors, CI of data repositories); the loader is the
reference.  Every good file must validate, and the malformed files whose fault is one
of structure or syntax of a value must not, so that the schema is not vacuous.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "resources" / "timeline.schema.json"
DATA = Path(__file__).resolve().parent / "data"

# Bad files the schema alone must reject (others need cross checks or are not JSON).
# offset_float.json is not among them: for JSON Schema 16.0 is an integer.
SCHEMA_CATCHES = [
    "actors_not_list.json",
    "bad_color.json",
    "citation_not_object.json",
    "citations_not_list.json",
    "date_not_string.json",
    "date_wrong_format.json",
    "empty_event_id.json",
    "event_not_object.json",
    "events_missing.json",
    "events_not_list.json",
    "format_missing.json",
    "format_wrong.json",
    "missing_start.json",
    "missing_title.json",
    "month_13.json",
    "offset_bool.json",
    "offset_missing.json",
    "offset_negative.json",
    "offset_string.json",
    "open_end_malformed.json",
    "published_bad.json",
    "root_list.json",
    "source_missing_id.json",
    "version_missing.json",
    "version_newer.json",
    "version_not_integer.json",
    "wrong_types.json",
    "year_0000.json",
]


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((DATA / "good").glob("*.json")), ids=lambda p: p.name)
def test_good_files_validate(validator: Any, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(_load(path))]
    assert errors == []


@pytest.mark.parametrize("name", SCHEMA_CATCHES)
def test_structurally_bad_files_do_not_validate(validator: Any, name: str) -> None:
    assert not validator.is_valid(_load(DATA / "bad" / name))


def test_unknown_fields_are_allowed_everywhere(validator: Any) -> None:
    doc = _load(DATA / "good" / "unknown_fields.json")
    assert validator.is_valid(doc)
    doc["events"][0]["citations"][0]["x_more"] = {"deep": [1, 2]}
    assert validator.is_valid(doc)
