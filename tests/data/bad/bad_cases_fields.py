"""Timelines with a wrong field (missing, empty, of the wrong type, a date that does not
exist) or a broken reference (duplicate ids, unknown actors and sources, citation
offsets and quotes that do not match the source text, repeated names).
"""

from __future__ import annotations

from bad_cases_common import case, edit

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
