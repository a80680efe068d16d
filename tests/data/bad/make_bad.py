"""Write the malformed timeline files of this folder and ``expected.json``.

Run ``python tests/data/bad/make_bad.py`` after changing a case; the files it writes
are committed, so the tests never depend on this script.  Each case is a small edit of
one valid document.  Expected lines and columns are not taken from the loader: they are
the position of a marker string in the text written, so the test checks the loader
against an independent answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

BASE = """\
{
  "format": "conflict-timeline",
  "version": 1,
  "title": "Tripoli offensive",
  "sources": [
    {
      "id": "egyptwatch-2020-12-22",
      "title": "Libya: the war for Tripoli",
      "outlet": "Egypt Watch",
      "url": "https://example.org/libya",
      "published": "2020-12-22",
      "language": "en",
      "text": "Haftar's forces attacked Tripoli on 4 April 2019."
    }
  ],
  "actors": [
    {"id": "haftar", "name": "Haftar's forces (LNA)", "color": "#b5443a"},
    {"id": "gna", "name": "Government of National Accord", "color": "#3a6fb5"}
  ],
  "events": [
    {
      "id": "ev-offensive",
      "title": "Haftar attacks Tripoli",
      "start": "2019-04-04",
      "end": "2020-06-04",
      "actors": ["haftar", "gna"],
      "location": "Tripoli",
      "tags": ["offensive"],
      "description": "The LNA marches on the capital.",
      "citations": [
        {"source": "egyptwatch-2020-12-22", "start": 0, "end": 15, "quote": "Haftar's forces"}
      ],
      "date_note": "start from the article, end from later reports"
    },
    {
      "id": "ev-attack",
      "title": "Attack on Tripoli",
      "start": "2019-04-04~",
      "citations": [
        {"source": "egyptwatch-2020-12-22", "start": 16, "end": 32, "quote": "attacked Tripoli"}
      ]
    }
  ]
}
"""

# name -> (content, [(fragment, where, path)]).  ``where`` is a marker string (the
# problem is at its first character, or at the ``¦`` in it), a (marker, occurrence)
# pair, a (line, column) pair of ints, "END" for the end of the text, a function of
# the text giving an offset, or None when there is no position.
Where = str | tuple[str, int] | tuple[int, int] | Callable[[str], int] | None
CASES: dict[str, tuple[str | bytes, list[tuple[str, Where, str | None]]]] = {}


def case(name: str, content: str | bytes, *expected: tuple[str, Where, str | None]) -> None:
    assert name not in CASES, name
    CASES[name] = (content, list(expected))


def edit(old: str, new: str, text: str = BASE, count: int = 1) -> str:
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def position(text: str, where: Where) -> tuple[int | None, int | None]:
    if where is None:
        return None, None
    if isinstance(where, tuple) and isinstance(where[0], int):
        return where  # type: ignore[return-value]
    if callable(where):
        offset = where(text)
    elif where == "END":
        offset = len(text)
    else:
        marker, nth = where if isinstance(where, tuple) else (where, 1)
        cursor = max(marker.find("¦"), 0)
        marker = marker.replace("¦", "")
        offset = -1
        for _ in range(nth):
            offset = text.index(marker, offset + 1)
        offset += cursor
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


# --- not JSON at all, or not text ----------------------------------------------------
case("empty.json", "", ("the file is empty", None, None))
case("whitespace_only.json", "\n   \n\t\n", ("the file is empty", None, None))
case(
    "trailing_comma_object.json",
    edit('"color": "#3a6fb5"}', '"color": "#3a6fb5",}'),
    ("remove the comma after the last item", '}\n  ],\n  "events"', None),
)
case(
    "trailing_comma_list.json",
    edit('["offensive"]', '["offensive",]'),
    ("remove the comma after the last item", '"offensive",¦]', None),
)
TRUNCATED = BASE[: BASE.index('"location"')]
case("truncated.json", TRUNCATED, ("the file ends too early", "END", None))
case(
    "truncated_in_string.json",
    BASE[: BASE.index("marches")],
    ("restore truncated_in_string.json.bak", '"The LNA', None),
)
case(
    "extra_data.json",
    BASE + '{"format": "conflict-timeline"}\n',
    ("more text after the end", '{"format": "conflict-timeline"}\n', None),
)
case(
    "single_quotes.json",
    edit('"title": "Tripoli offensive"', "'title': 'Tripoli offensive'"),
    ("names must be in double quotes", "'title'", None),
)
case(
    "missing_comma.json",
    edit('"location": "Tripoli",', '"location": "Tripoli"'),
    ("a comma is missing", '"tags"', None),
)
case(
    "comment.json",
    edit('  "version": 1,\n', '  "version": 1, // the only version\n'),
    ("JSON does not allow comments", "// the", None),
)
case(
    "control_character.json",
    edit("marches on the capital", "marches\ton the capital"),
    ("\\t", "\ton the", None),
)
case(
    "bad_escape.json",
    edit("marches on the capital", "marches on the \\capital"),
    ("write a backslash", "\\capital", None),
)
# The first bad byte is 0xE9 (Latin-1 é) after "Ṭarābulus caf": columns count
# characters, so the multi-byte letters before it count once each.
NOT_UTF8 = edit('"title": "Attack on Tripoli"', '"title": "Ṭarābulus caf\x00"')
case(
    "not_utf8.json",
    NOT_UTF8.encode("utf-8").replace(b"\x00", b"\xe9"),
    ("not UTF-8 text: byte 0xE9", position(NOT_UTF8, "\x00"), None),
)
case(
    "utf16.json",
    b"\xff\xfe" + BASE.encode("utf-16-le"),
    ("the file is UTF-16", (1, 1), None),
)

case(
    "utf32.json",
    b"\xff\xfe\x00\x00" + BASE.encode("utf-32-le"),
    ("the file is UTF-32", (1, 1), None),
)


def _where_in_lf(text: str, marker: str) -> tuple[int, int]:
    """Line and column of ``marker`` in ``text`` as written with "\\n" line ends."""
    offset = text.index(marker)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


_FEBRUARY_30 = edit('"start": "2019-04-04",', '"start": "2019-02-30",')
case(
    # Old Mac line ends ("\\r" alone): lines are counted all the same.
    "cr_line_ends.json",
    _FEBRUARY_30.replace("\n", "\r"),
    ("not a real date", _where_in_lf(_FEBRUARY_30, '"2019-02-30"'), "$.events[0].start"),
)

# --- JSON, but not a timeline --------------------------------------------------------------
case("root_list.json", "[1, 2, 3]\n", ("holds a list, not a timeline", (1, 1), None))
case("root_string.json", '\n  "events"\n', ("holds the text", (2, 3), None))
case(
    "format_missing.json",
    edit('  "format": "conflict-timeline",\n', ""),
    ('a timeline file starts with "format"', (1, 1), "$.format"),
)
case(
    "format_wrong.json",
    edit('"conflict-timeline"', '"gantt-chart"'),
    ('not "conflict-timeline"', '"gantt-chart"', "$.format"),
)
case(
    "version_newer.json",
    edit('"version": 1', '"version": 3'),
    ("newer version of Conflict Timeline (format version 3)", '"version": ¦3', "$.version"),
)
case(
    "version_missing.json",
    edit('  "version": 1,\n', ""),
    ('add "version": 1', (1, 1), "$.version"),
)
case(
    "version_not_integer.json",
    edit('"version": 1', '"version": "1"'),
    ('not the text "1"', '"1"', "$.version"),
)
case(
    "events_missing.json",
    edit('"events": [', '"happenings": ['),
    ('add "events": []', (1, 1), "$.events"),
)
case(
    "events_not_list.json",
    '{"format": "conflict-timeline", "version": 1, "events": {"id": "ev-1"}}\n',
    ("must be a list of events, not an object", '{"id"', "$.events"),
)
case(
    "event_not_object.json",
    '{"format": "conflict-timeline", "version": 1, "events": ["ev-1"]}\n',
    ("must be an object describing one event", '"ev-1"', "$.events[0]"),
)

# --- fields -------------------------------------------------------------------------------------
case(
    "missing_event_id.json",
    edit('      "id": "ev-attack",\n', ""),
    ('give the event an "id"', ('{\n      "title": "Attack', 1), "$.events[1].id"),
)
case(
    "empty_event_id.json",
    edit('"id": "ev-attack"', '"id": ""'),
    ("must be a non-empty string", '""', "$.events[1].id"),
)
case(
    "missing_title.json",
    edit('      "title": "Attack on Tripoli",\n', ""),
    ('add "title"', ('{\n      "id": "ev-attack"', 1), "$.events[1].title"),
)
case(
    "missing_start.json",
    edit('      "start": "2019-04-04~",\n', ""),
    ('add "start"', ('{\n      "id": "ev-attack"', 1), "$.events[1].start"),
)
case(
    "impossible_date.json",
    edit('"start": "2019-04-04"', '"start": "2023-02-30"'),
    ("2023-02 has 28 days, not 30", '"2023-02-30"', "$.events[0].start"),
)
case(
    "date_wrong_format.json",
    edit('"start": "2019-04-04~"', '"start": "04/04/2019"'),
    ("write YYYY, YYYY-MM, YYYY-MM-DD", '"04/04/2019"', "$.events[1].start"),
)
case(
    "month_13.json",
    edit('"end": "2020-06-04"', '"end": "2020-13"'),
    ("month 13 does not exist", '"2020-13"', "$.events[0].end"),
)
case(
    "year_0000.json",
    edit('"start": "2019-04-04~"', '"start": "0000-04-04~"'),
    ("year 0 is outside 1 to 9999", '"0000-04-04~"', "$.events[1].start"),
)
case(
    "date_not_string.json",
    edit('"start": "2019-04-04~"', '"start": 20190404'),
    ("must be a date string", "20190404", "$.events[1].start"),
)
case(
    "end_before_start.json",
    edit('"end": "2020-06-04"', '"end": "2018-12"'),
    ("ends (2018-12) before it starts (2019-04-04)", '"2018-12"', "$.events[0].end"),
)
case(
    "open_end_malformed.json",
    edit('"end": "2020-06-04"', '"end": "..x"'),
    ('an open end (the event goes on) is written ".." alone', '"..x"', "$.events[0].end"),
)
case(
    "published_bad.json",
    edit('"published": "2020-12-22"', '"published": "last Tuesday"'),
    ("is not a date", '"last Tuesday"', "$.sources[0].published"),
)
case(
    "wrong_types.json",
    edit(
        '"location": "Tripoli"',
        '"location": null',
        edit('"tags": ["offensive"]', '"tags": "offensive"',
             edit('"title": "Attack on Tripoli"', '"title": 42')),
    ),
    ("must be a string, not null; leave the field out", "null", "$.events[0].location"),
    ('must be a list of strings, not the text "offensive"', '"offensive"', "$.events[0].tags"),
    ("must be a string, not the number 42", "42", "$.events[1].title"),
)
case(
    "actors_not_list.json",
    edit('"actors": ["haftar", "gna"]', '"actors": "haftar"'),
    ("must be a list of strings", '"actors": ¦"haftar"', "$.events[0].actors"),
)
case(
    "bad_color.json",
    edit('"#3a6fb5"', '"blue"'),
    ("write it as #rrggbb", '"blue"', "$.actors[1].color"),
)
case(
    "source_missing_id.json",
    edit('      "id": "egyptwatch-2020-12-22",\n', ""),
    ('give the source an "id"', ('{\n      "title": "Libya', 1), "$.sources[0].id"),
    ('names the source "egyptwatch', ('"egyptwatch', 1), "$.events[0].citations[0].source"),
    ('names the source "egyptwatch', ('"egyptwatch', 2), "$.events[1].citations[0].source"),
)
SECOND_CITATIONS = (
    '"citations": [\n        {"source": "egyptwatch-2020-12-22", "start": 16, "end": 32, '
    '"quote": "attacked Tripoli"}\n      ]'
)
case(
    "citations_not_list.json",
    edit(SECOND_CITATIONS, '"citations": {"source": "egyptwatch-2020-12-22"}'),
    ("must be a list of citations, not an object", '"citations": ¦{"source"',
     "$.events[1].citations"),
)
case(
    "citation_not_object.json",
    edit(SECOND_CITATIONS, '"citations": ["egyptwatch-2020-12-22"]'),
    ('must be an object {"source"', '[¦"egyptwatch-2020-12-22"]', "$.events[1].citations[0]"),
)

# --- references and consistency -----------------------------------------------------------------
case(
    "duplicate_event_id.json",
    edit('"id": "ev-attack"', '"id": "ev-offensive"'),
    ("is already the id of event 1 ($.events[0])", ('"ev-offensive"', 2), "$.events[1].id"),
)
case(
    "duplicate_source_id.json",
    edit(
        '    }\n  ],\n  "actors"',
        '    },\n    {"id": "egyptwatch-2020-12-22", "text": "Another text."}\n  ],\n  "actors"',
    ),
    ("is already the id of source 1", '"egyptwatch-2020-12-22", "text"', "$.sources[1].id"),
)
case(
    "duplicate_actor_id.json",
    edit('{"id": "gna"', '{"id": "haftar"'),
    ("is already the id of actor 1 ($.actors[0])", ('"haftar", "name": "Gov', 1), "$.actors[1].id"),
    ('names the actor "gna"', '"gna"', "$.events[0].actors[1]"),
)
case(
    "unknown_actor.json",
    edit('["haftar", "gna"]', '["haftar", "wagner"]'),
    ('names the actor "wagner", which is not in "actors"', '"wagner"', "$.events[0].actors[1]"),
)
case(
    "unknown_source.json",
    edit('"egyptwatch-2020-12-22", "start": 16', '"reuters-2019", "start": 16'),
    ('names the source "reuters-2019"', '"reuters-2019"', "$.events[1].citations[0].source"),
)
case(
    "offset_beyond_text.json",
    edit('"end": 32, "quote": "attacked Tripoli"', '"end": 500, "quote": "attacked Tripoli"'),
    ("500 is beyond the end of the source text", "500", "$.events[1].citations[0].end"),
)
case(
    "offset_start_beyond_text.json",
    edit('"start": 16, "end": 32', '"start": 60, "end": 76'),
    ("has 49 characters", '"start": ¦60', "$.events[1].citations[0].start"),
)
case(
    "offset_negative.json",
    edit('"start": 0, "end": 15', '"start": -3, "end": 15'),
    ("cannot be negative", "-3", "$.events[0].citations[0].start"),
)
case(
    "offset_float.json",
    edit('"start": 16, "end": 32', '"start": 16.0, "end": 32'),
    ("must be a whole number of characters", "16.0", "$.events[1].citations[0].start"),
)
case(
    "offset_bool.json",
    edit('"start": 0, "end": 15', '"start": false, "end": 15'),
    ("not false", "false", "$.events[0].citations[0].start"),
)
case(
    "offset_string.json",
    edit('"start": 16, "end": 32', '"start": "16", "end": 32'),
    ('not the text "16"', '"16"', "$.events[1].citations[0].start"),
)
case(
    "offset_missing.json",
    edit('"start": 16, "end": 32', '"end": 32'),
    ('add "start"', '{"source": "egyptwatch-2020-12-22", "end": 32',
     "$.events[1].citations[0].start"),
)
case(
    "citation_empty_span.json",
    edit('"start": 16, "end": 32', '"start": 16, "end": 16'),
    ("must be greater than start (16)", '"end": ¦16', "$.events[1].citations[0].end"),
)
case(
    "quote_mismatch.json",
    edit('"quote": "attacked Tripoli"', '"quote": "attacked Benghazi"'),
    ('the quote is "attacked Benghazi" but the text there is "attacked Tripoli"',
     '"attacked Benghazi"', "$.events[1].citations[0].quote"),
)
case(
    "quote_shifted.json",
    edit('"start": 16, "end": 32', '"start": 15, "end": 31'),
    ("the quote is at 16:32: fix the offsets", '"attacked Tripoli"',
     "$.events[1].citations[0].quote"),
)
case(
    "duplicate_key.json",
    edit('"title": "Attack on Tripoli",',
         '"title": "Attack on Tripoli",\n      "title": "Assault",'),
    ('the name "title" appears more than once', ('"title": "Assault"', 1), "$.events[1].title"),
)
case(
    "duplicate_key_root.json",
    edit('  "version": 1,\n', '  "version": 1,\n  "format": "conflict-timeline",\n'),
    ('the name "format" appears more than once', ('"format"', 2), "$.format"),
)
case(
    "duplicate_key_in_unknown_field.json",
    edit('"date_note": "start',
         '"x_review": {"by": "ana", "by": "li"},\n      "date_note": "start'),
    ('the name "by" appears more than once', ('"by"', 2), "$.events[0].x_review.by"),
)
case(
    # A key that would drive a terminal (ESC sequences) and fake a second problem line.
    "duplicate_key_with_controls.json",
    edit('"date_note": "start',
         '"x_note": {"k\\u001b[2J\\nother.json:1:1: $: fake": 1, '
         '"k\\u001b[2J\\nother.json:1:1: $: fake": 2},\n      "date_note": "start'),
    ("appears more than once", ('"k\\u001b', 2),
     '$.events[0].x_note["k\\u001b[2J\\nother.json:1:1: $: fake"]'),
)

# --- values JSON readers disagree on ------------------------------------------------------------
case(
    "nan.json",
    edit('"start": 0, "end": 15', '"start": NaN, "end": 15'),
    ("NaN is not allowed in JSON", "NaN", "$.events[0].citations[0].start"),
)
case(
    "infinity.json",
    edit('"language": "en",', '"language": "en",\n      "x_reliability": Infinity,'),
    ("Infinity is not allowed in JSON", "Infinity", "$.sources[0].x_reliability"),
)
case(
    "negative_infinity.json",
    edit('"title": "Tripoli offensive",', '"title": "Tripoli offensive",\n  "x_min": -Infinity,'),
    ("-Infinity is not allowed in JSON", "-Infinity", "$.x_min"),
)
case(
    "float_overflow.json",
    edit('"title": "Tripoli offensive",', '"title": "Tripoli offensive",\n  "x_scale": 1e400,'),
    ("overflows to infinity", "1e400", "$.x_scale"),
)
case(
    "big_integer.json",
    edit('"start": 16, "end": 32', '"start": 16, "end": 1234567890123456789012'),
    ("a number of 22 digits is too large", "1234567890123456789012",
     "$.events[1].citations[0].end"),
)
case(
    "huge_integer.json",
    edit('"language": "en",', '"language": "en",\n      "x_id": ' + "7" * 5000 + ","),
    ("a number of 5000 digits is too large", "7777", "$.sources[0].x_id"),
)
case(
    "lone_surrogate.json",
    edit("marches on the capital", "marches on the capital \\ud800"),
    ("unpaired surrogate", '"The LNA', "$.events[0].description"),
)
case(
    "lone_surrogate_in_name.json",
    edit('"location": "Tripoli",', '"location": "Tripoli",\n      "x_\\udc00": 1,'),
    # The path shows the surrogate as an escape; format_path quotes that key.
    ("this name contains an unpaired surrogate", '"x_\\udc00"', '$.events[0]["x_\\udc00"]'),
)
case(
    # A backslash (written \\), the letters ud83d, then a lone \ude00: not a pair.
    "lone_surrogate_after_backslash.json",
    edit("marches on the capital", "marches on the capital \\\\ud83d\\ude00"),
    ("unpaired surrogate", '"The LNA', "$.events[0].description"),
)
DEEP = "[" * 100 + "]" * 100
case(
    "deep_nesting.json",
    edit('"date_note": "start', f'"x_tree": {DEEP},\n      "date_note": "start'),
    # x_tree is at level 4 (root, events, event): its 62nd "[" is level 65.
    ("nested more than 64 levels deep", lambda text: text.index(DEEP) + 61,
     "$.events[0].x_tree" + "[0]" * 61),
)
VERY_DEEP = "{\"a\": " * 5000 + "1" + "}" * 5000
case(
    "very_deep_nesting.json",
    edit('"title": "Tripoli offensive",',
         f'"title": "Tripoli offensive",\n  "x_deep": {VERY_DEEP},'),
    # x_deep is at level 2: its 64th object is level 65.
    ("nested more than 64 levels deep", ('{"a"', 64), "$.x_deep" + ".a" * 63),
)

# --- view settings: the lane layout and saved views ------------------------------------------
case(
    "bad_view.json",
    BASE[:-3] + ',\n  "views": [\n    {"name": "June", "group_by": "outlet", '
    '"date_from": "2020-06-31", "x_note": "kept"}\n  ]\n}\n',
    ('write one of "actor", "tag"', '"group_by": ¦"outlet"', "$.views[0].group_by"),
    ("2020-06 has 30 days, not 31", '"2020-06-31"', "$.views[0].date_from"),
)
case(
    "bad_layout.json",
    BASE[:-3] + ',\n  "layout": {"tag": {"hidden": "offensive", '
    '"colors": {"offensive": "red"}}}\n}\n',
    ("must be a list of strings", '"offensive",', "$.layout.tag.hidden"),
    ("is not a colour", '"red"', "$.layout.tag.colors.offensive"),
)

# --- several problems at once ----------------------------------------------------------------
case(
    "many_problems.json",
    edit(
        '"start": "2019-04-04~"', '"start": "2019-02-29"',
        edit('"quote": "Haftar\'s forces"', '"quote": "Haftar\'s army"',
             edit('["haftar", "gna"]', '["haftar", "rsf"]',
                  edit('"#b5443a"', '"#b544"'))),
    ),
    ("write it as #rrggbb", '"#b544"', "$.actors[0].color"),
    ('names the actor "rsf"', '"rsf"', "$.events[0].actors[1]"),
    ("fix the offsets or the quote", "\"Haftar's army\"", "$.events[0].citations[0].quote"),
    ("2019-02 has 28 days, not 29", '"2019-02-29"', "$.events[1].start"),
)


def main() -> None:
    expected: dict[str, list[dict[str, Any]]] = {}
    for name, (content, problems) in CASES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (HERE / name).write_bytes(data)
        text = content if isinstance(content, str) else ""
        entries = []
        for fragment, where, path in problems:
            line, column = position(text, where)
            entries.append({"fragment": fragment, "line": line, "column": column, "path": path})
        expected[name] = entries
    with open(HERE / "expected.json", "w", encoding="utf-8", newline="\n") as handle:
        json.dump(expected, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    main()
