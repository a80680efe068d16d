"""Typed dates against the examples of the EDTF specification (levels 0 and 1): each is
read with the meaning EDTF gives it, or refused with a reason naming what to type; and
uncertain (?) is kept apart from approximate (~) in the model and the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.dates.partial import DateError, PartialDate, Precision, parse_iso
from timeline_app.core.dates.text import parse_text
from timeline_app.core.dates.typed import doubt_words, read_typed
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.spec import DATE_PATTERN
from timeline_app.core.fileformat.writer import dumps

Y, M, D = Precision.YEAR, Precision.MONTH, Precision.DAY


def day(y: int, m: int, d: int, a: bool = False, u: bool = False) -> PartialDate:
    return PartialDate(y, m, d, 0, 0, D, a, u)


def month(y: int, m: int, a: bool = False, u: bool = False) -> PartialDate:
    return PartialDate(y, m, 1, 0, 0, M, a, u)


def year(y: int, a: bool = False, u: bool = False) -> PartialDate:
    return PartialDate(y, 1, 1, 0, 0, Y, a, u)


# EDTF's examples read with the meaning EDTF gives them: (text, start, end or None).
READ = [
    # level 0: dates
    ("1985-04-12", day(1985, 4, 12), None),
    ("1985-04", month(1985, 4), None),
    ("1985", year(1985), None),
    # level 0: intervals
    ("1964/2008", year(1964), year(2008)),
    ("2004-06/2006-08", month(2004, 6), month(2006, 8)),
    ("2004-02-01/2005-02-08", day(2004, 2, 1), day(2005, 2, 8)),
    ("2004-02-01/2005-02", day(2004, 2, 1), month(2005, 2)),
    ("2004-02-01/2005", day(2004, 2, 1), year(2005)),
    ("2005/2006-02", year(2005), month(2006, 2)),
    # level 1: qualification of a date
    ("1984?", year(1984, u=True), None),
    ("2004-06~", month(2004, 6, a=True), None),
    ("2004-06-11%", day(2004, 6, 11, a=True, u=True), None),
    # level 1: intervals of qualified dates
    ("1984?/2004-06~", year(1984, u=True), month(2004, 6, a=True)),
    ("1984~/2004-06-11%", year(1984, a=True), day(2004, 6, 11, a=True, u=True)),
]

# EDTF's intervals open at the end (level 1): from the start, going on; the file writes
# the start and "end": "..".  (text, start)
OPEN = [
    ("1985-04-12/..", day(1985, 4, 12)),
    ("1985-04/..", month(1985, 4)),
    ("1985/..", year(1985)),
    ("1984?/..", year(1984, u=True)),
    ("2004-06-11%/..", day(2004, 6, 11, a=True, u=True)),
]

# EDTF's examples the timeline cannot hold: (text, words the refusal must contain,
# including what to type instead).
REFUSED = [
    # level 0: times (the timeline keeps the minute, local time)
    ("1985-04-12T23:20:30", ["seconds", "type 1985-04-12T23:20"]),
    ("1985-04-12T23:20:30Z", ["time zone", "1985-04-12T23:20"]),
    ("1985-04-12T23:20:30-04", ["time zone", "1985-04-12T23:20"]),
    ("1985-04-12T23:20:30+04:30", ["time zone", "1985-04-12T23:20"]),
    # level 1: years beyond four digits, negative years
    ("Y170000002", ["year 170000002", "1 to 9999"]),
    ("Y-170000002", ["year -170000002", "1 to 9999"]),
    ("-1985", ["before the year 1", "1 to 9999"]),
    # level 1: seasons
    ("2001-21", ["spring 2001", "2001-03/2001-05"]),
    ("2001-22", ["summer 2001", "2001-06/2001-08"]),
    ("2001-23", ["autumn 2001", "2001-09/2001-11"]),
    ("2001-24", ["winter 2001", "2001-12/2002-02"]),
    # level 1: unspecified digits
    ("201X", ["2010 to 2019", "type 2010/2019"]),
    ("20XX", ["2000 to 2099", "type 2000/2099"]),
    ("2004-XX", ["some month of 2004", "type 2004"]),
    ("1985-04-XX", ["some day of April 1985", "type 1985-04"]),
    ("1985-XX-XX", ["1985", "type 1985"]),
    # level 1: extended intervals, unknown ends and open starts (open ends are read)
    ("1985-04-12/", ["end unknown", "type the start alone (1985-04-12)", "1985-04-12/.. if "
                     "it still goes on"]),
    ("1985/", ["end unknown", "type the start alone (1985)", "1985/.. if it still goes on"]),
    ("../1985-04-12", ["start open", "type the end alone (1985-04-12)"]),
    ("../..", ["neither a start nor an end", "/.. after it"]),
    ("/", ["neither a start nor an end"]),
    ("/1985-04-12", ["start unknown", "type the end alone (1985-04-12)"]),
    # level 2 (not read): qualifiers on a part, sets, unspecified digits inside
    ("2004-?06-11", ["part of the date", "2004-06-11?"]),
    ("?2004-06", ["part of the date", "2004-06?"]),
    ("[1667,1668,1670..1672]", ["set of possible dates", "interval"]),
    ("156X-12-25", ["unspecified digits", "interval"]),
]


@pytest.mark.parametrize(("text", "start", "end"), READ)
def test_edtf_examples_are_read_with_their_edtf_meaning(
    text: str, start: PartialDate, end: PartialDate | None
) -> None:
    typed = read_typed(text)
    assert (typed.start, typed.end) == (start, end)
    # what the file holds for it is the same EDTF text
    written = start.iso() if end is None else f"{start.iso()}/{end.iso()}"
    assert written == text


@pytest.mark.parametrize(("text", "start"), OPEN)
def test_edtf_open_ends_are_read_as_going_on(text: str, start: PartialDate) -> None:
    typed = read_typed(text)
    assert (typed.start, typed.end, typed.open_end) == (start, None, True)
    assert f"{start.iso()}/.." == text
    assert not read_typed(text.removesuffix("/..")).open_end


@pytest.mark.parametrize(("text", "words"), REFUSED)
def test_edtf_examples_the_timeline_cannot_hold_are_refused_with_advice(
    text: str, words: list[str]
) -> None:
    with pytest.raises(DateError) as caught:
        read_typed(text)
    message = str(caught.value)
    for word in words:
        assert word in message, (text, message)


def test_advice_that_names_what_to_type_is_itself_read() -> None:
    """Each suggested replacement reads as a date or interval: the advice can be followed."""
    for text in ("2010/2019", "2000/2099", "2001-03/2001-05", "2001-12/2002-02",
                 "1985-04-12T23:20", "2004-06-11?", "2004-06?"):
        read_typed(text)


def test_uncertain_is_not_approximate() -> None:
    uncertain, approximate = parse_iso("2019-04-04?"), parse_iso("2019-04-04~")
    assert uncertain.uncertain and not uncertain.approximate
    assert approximate.approximate and not approximate.uncertain
    assert uncertain != approximate != parse_iso("2019-04-04%")
    assert parse_iso("2019%") == year(2019, a=True, u=True)
    assert uncertain.display() == "4 April 2019 (uncertain)"
    assert parse_iso("2019-04%").display() == "about April 2019 (uncertain)"
    assert doubt_words(uncertain) == "uncertain (reportedly)"
    assert doubt_words(approximate) == "approximate (around)"
    # the same span on the time axis: the mark is about belief, not about the dates
    assert uncertain.to_seconds() == approximate.to_seconds()
    assert uncertain.end_seconds() == approximate.end_seconds()


@pytest.mark.parametrize(("text", "iso"), [
    ("reportedly 4 April 2019", "2019-04-04?"),
    ("allegedly April 2019", "2019-04?"),
    ("April 2019?", "2019-04?"),
    ("about June 2020?", "2020-06%"),
    ("4 April 2019%", "2019-04-04%"),
    ("2019-04-04T06:30?", "2019-04-04T06:30?"),
])
def test_free_text_says_uncertain_in_words_or_with_a_question_mark(text: str, iso: str) -> None:
    assert read_typed(text).start.iso() == iso
    assert parse_text(text).iso() == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("2019/04", "2019-04"),  # a date written with a slash, not an interval
    ("2019/04/05", "2019-04-05"),
])
def test_slashes_inside_a_date_are_not_an_interval(text: str, iso: str) -> None:
    typed = read_typed(text)
    assert typed.end is None and typed.start.iso() == iso


def test_ambiguous_and_backwards_text_is_refused() -> None:
    with pytest.raises(DateError, match="ambiguous"):
        read_typed("4/5/2019")
    with pytest.raises(DateError, match="swap the two dates"):
        read_typed("2008/1964")
    with pytest.raises(DateError, match=r"the end .*2019-02 has 28 days"):
        read_typed("2019/2019-02-30")


def test_the_file_pattern_takes_the_three_qualifiers_and_nothing_else() -> None:
    import re

    pattern = re.compile(DATE_PATTERN)
    for text in ("2019?", "2019-04~", "2019-04-04%", "2019-04-04T06:30?"):
        assert pattern.match(text) and parse_iso(text).iso() == text
    for text in ("2019??", "2019~?", "?2019", "2019-?04", "2019/2020", ".."):
        assert not pattern.match(text)
        with pytest.raises(DateError):
            parse_iso(text)


def _file(tmp_path: Path, start: str, end: str | None) -> Path:
    doc = {"format": "conflict-timeline", "version": 1, "sources": [], "actors": [],
           "events": [{"id": "e", "title": "T", "start": start, "end": end}]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(("start", "end"), [
    ("2019-04-04?", None), ("2019-04~", "2019%"), ("1984?", "2004-06~"),
    ("2019-04-04T06:30?", "2019-04-04T07:00%"),
])
def test_qualified_dates_load_and_save_byte_for_byte(
    tmp_path: Path, start: str, end: str | None
) -> None:
    document = load_path(_file(tmp_path, start, end)).document
    assert document is not None
    event = document.event("e")
    assert event is not None and event.start.iso() == start
    written = dumps(document)
    again = tmp_path / "again.json"
    again.write_text(written, encoding="utf-8")
    reloaded = load_path(again).document
    assert reloaded is not None and reloaded.event("e") == event
    assert dumps(reloaded) == written  # a second save writes the same bytes
    assert f'"start": "{start}"' in written


@pytest.mark.parametrize("start", ["2019", "2019-04-04?", "2019-04-04T06:30~"])
def test_an_open_end_loads_and_saves_byte_for_byte(tmp_path: Path, start: str) -> None:
    path = _file(tmp_path, start, "..")
    document = load_path(path).document
    assert document is not None
    event = document.event("e")
    assert event is not None and (event.start.iso(), event.end, event.open_end) == (
        start, None, True)
    written = dumps(document)
    assert f'"start": "{start}",\n      "end": ".."\n' in written
    again = tmp_path / "again.json"
    again.write_text(written, encoding="utf-8")
    reloaded = load_path(again).document
    assert reloaded is not None and reloaded.event("e") == event
    assert dumps(reloaded) == written


@pytest.mark.parametrize("end", ["..x", "2019/..", "...", ".. "])
def test_a_malformed_open_end_in_a_file_is_reported_at_its_place(
    tmp_path: Path, end: str
) -> None:
    result = load_path(_file(tmp_path, "2019", end))
    assert result.document is None
    [problem] = result.problems
    assert problem.line == 11 and problem.path == ("events", 0, "end"), problem
    assert 'open end (the event goes on) is written ".." alone' in problem.message


def test_uncertain_dates_survive_timelinejs_and_csv() -> None:
    from timeline_app.core.interchange.csv_table import read_csv_table, write_csv_table
    from timeline_app.core.interchange.timelinejs import read_timelinejs, write_timelinejs
    from timeline_app.core.model import Document, Event

    dates = [(day(2020, 5, 4, u=True), None), (month(2020, 5, a=True, u=True), month(2020, 6)),
             (year(2021, a=True), year(2022, u=True))]
    doc = Document("T", [], [], [Event(f"e{k}", "x", s, e) for k, (s, e) in enumerate(dates)])
    back = read_timelinejs(json.loads(write_timelinejs(doc).data), "t").document
    assert back is not None
    assert [(ev.start, ev.end) for ev in back.events] == dates
    table = read_csv_table(write_csv_table(doc, bom=False).data.decode("utf-8"), "t.csv").document
    assert table is not None
    assert [(ev.start, ev.end) for ev in table.events] == dates
