"""Values JSON readers disagree on (NaN, infinities, huge numbers, lone surrogates, deep
nesting), wrong view settings, and a file with several problems at once.
"""

from __future__ import annotations

from bad_cases_common import BASE, case, edit

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
