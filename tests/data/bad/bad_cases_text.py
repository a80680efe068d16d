"""Malformed files that are not JSON at all, or not text, and JSON files that are not a
timeline.
"""

from __future__ import annotations

from bad_cases_common import BASE, case, edit, position

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
