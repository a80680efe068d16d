"""Dates read many at a time (``parse_iso_batch``) are the dates ``parse_iso`` reads, and
a file read with them loads as it did without them, its bad dates explained alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from loader_helpers import event, make
from test_loader_accepting import valid_events
from test_roundtrip import partial_dates

from timeline_app.core.dates.iso_batch import parse_iso_batch
from timeline_app.core.dates.partial import DateError, PartialDate, parse_iso
from timeline_app.core.fileformat import decoding, typed_events
from timeline_app.core.fileformat.event_fast_path import fast_event_converter
from timeline_app.core.fileformat.loader import load_bytes
from timeline_app.core.fileformat.problems import Report
from timeline_app.core.fileformat.validation import Validator

EDGES = [
    "", "..", "2019", "0000", "0001", "9999", "9999-12", "9999-12-31T23:59%", "0001-01-01T00:00",
    "2019-02-29", "2020-02-29", "2100-02-29", "2000-02-29~", "2019-13", "2019-00", "2019-04-31",
    "2019-04-00", "2019-04-04T24:00", "2019-04-04T23:60", "2019-04-04T6:30", "2019-4-04",
    "2019-04-04 06:30", "2019-04-04t06:30", "2019-04-04T06:30:00", "2019~~", "2019~?", "~2019",
    "201", "20190", "2019-", "2019-04-", "2019-04-04T", "\u0662\u0660\u0661\u0669", "２０１９",
    "2019\x00", "2019-04\x00", "\x002019", "2019\n", " 2019", "2019-04-04T06:30~ ", "+2019",
    "-2019", "2019%", "2019-04?", "2019-04-04T06:30?", "1969-12-31T23:59", "1970-01-01",
]
ALPHABET = "0123456789-T:~?%\u0662 \x00Z"


def _same(got: PartialDate, want: PartialDate) -> None:
    assert got == want
    assert (got.to_seconds(), got.end_seconds(), got.iso()) == (
        want.to_seconds(), want.end_seconds(), want.iso())
    assert type(got.iso()) is str and got.precision is want.precision
    assert type(got.approximate) is bool and type(got.uncertain) is bool
    assert type(got.year) is int and type(got.to_seconds()) is float


def _check(texts: list[str]) -> None:
    for text, got in zip(texts, parse_iso_batch(texts), strict=True):
        try:
            want = parse_iso(text)
        except DateError:
            assert got is None, text
            continue
        if got is not None:
            _same(got, want)


def test_the_edges() -> None:
    _check(EDGES)
    taken = dict(zip(EDGES, parse_iso_batch(EDGES), strict=True))
    for text in ("2019", "9999-12-31T23:59%", "2020-02-29", "1969-12-31T23:59", "2019-04?"):
        assert taken[text] is not None, text  # the file's own forms are read, not passed on


@settings(max_examples=300, deadline=None)
@given(st.lists(partial_dates(), min_size=1, max_size=50), st.data())
def test_every_date_of_the_file_form_is_read_as_parse_iso_reads_it(
    dates: list[PartialDate], data: st.DataObject
) -> None:
    qualified = [PartialDate(d.year, d.month, d.day, d.hour, d.minute, d.precision,
                             d.approximate, data.draw(st.booleans())).iso() for d in dates]
    got = parse_iso_batch(qualified)
    for text, date in zip(qualified, got, strict=True):
        assert date is not None, text
        _same(date, parse_iso(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(ALPHABET, max_size=20), st.sampled_from(EDGES),
                          partial_dates().map(PartialDate.iso)), max_size=40),
       st.data())
def test_any_text_is_read_as_parse_iso_reads_it_or_passed_on(texts: list[str],
                                                            data: st.DataObject) -> None:
    mutated = []
    for text in texts:  # a character changed, added or taken away
        if text and data.draw(st.booleans()):
            i = data.draw(st.integers(0, len(text) - 1))
            text = text[:i] + data.draw(st.sampled_from(["", "0", "9", "-", ":", "T", "x"])) \
                + text[i + 1:]
        mutated.append(text)
    _check(mutated)


class Text(str):
    """A str subclass: what the date keeps is a plain str, as with ``parse_iso``."""


def test_a_str_subclass_is_kept_as_a_plain_str() -> None:
    [date] = parse_iso_batch([Text("2019-04-04")])
    assert date is not None and type(date.iso()) is str


def _file(dates: list[str]) -> bytes:
    return json.dumps(make([event(id=f"e{i}", start=d) for i, d in enumerate(dates)]),
                      indent=2).encode()


@pytest.mark.parametrize("bad", [None, "2019-02-30", "2019-13-01", "\u0662\u0660\u0661\u0669"])
def test_a_file_loads_alike_with_its_dates_read_together(monkeypatch: pytest.MonkeyPatch,
                                                         bad: str | None) -> None:
    """A piece with many new dates reads them together; the document, or the problems
    of a bad date among them, are those of reading them one by one."""
    dates = [f"2019-{1 + i // 28:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}"
             for i in range(300)]
    if bad is not None:
        dates[150] = bad
    data = _file(dates)
    batches: list[int] = []
    real = Validator.parse_dates

    def spy(self: Validator, texts: set[str]) -> None:
        batches.append(len(texts))
        real(self, texts)

    monkeypatch.setattr(Validator, "parse_dates", spy)
    monkeypatch.setattr(decoding, "PIECE_BYTES", 40_000)  # pieces of ~130 events
    together = load_bytes(data, "t.json")
    assert batches and max(batches) >= 64  # the dates were read together
    monkeypatch.setattr(typed_events, "_BATCH_DATES", 10**9)
    alone = load_bytes(data, "t.json")
    assert [str(p) for p in together.problems] == [str(p) for p in alone.problems]
    assert together.document == alone.document
    if bad is None:
        assert together.document is not None and not together.problems
    else:
        assert together.problems and "$.events[150].start" in str(together.problems[0])


@settings(max_examples=200, deadline=None)
@given(st.lists(valid_events(), min_size=1, max_size=6))
def test_the_typed_path_reading_dates_together_agrees_with_the_fast_path(
    events: list[dict[str, Any]]
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typed_events, "_BATCH_DATES", 1)
        typed, fast = Validator(Report("t")), Validator(Report("t"))
        typed.document(make([]))
        fast.document(make([]))
        built = typed_events.typed_piece_converter(typed)(json.dumps(events).encode(), 0)
    accept = fast_event_converter(fast)
    expected = [accept(i, json.loads(json.dumps(ev))) for i, ev in enumerate(events)]
    if built is not None:
        assert built == expected
