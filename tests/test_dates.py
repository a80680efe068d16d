"""The file form of dates: strict ISO partial dates, their spans on the time axis."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates.partial import DateError, PartialDate, Precision, parse_iso

DAY = 86400.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", PartialDate(2019, precision=Precision.YEAR)),
        ("2019-04", PartialDate(2019, 4, precision=Precision.MONTH)),
        ("2019-04-04", PartialDate(2019, 4, 4)),
        ("2019-04-04T06:30", PartialDate(2019, 4, 4, 6, 30, Precision.MINUTE)),
        ("2019~", PartialDate(2019, precision=Precision.YEAR, approximate=True)),
        ("2019-04~", PartialDate(2019, 4, precision=Precision.MONTH, approximate=True)),
        ("2019-04-04~", PartialDate(2019, 4, 4, approximate=True)),
        ("2019-04-04T06:30~", PartialDate(2019, 4, 4, 6, 30, Precision.MINUTE, True)),
        ("2020-02-29", PartialDate(2020, 2, 29)),
        ("0001", PartialDate(1, precision=Precision.YEAR)),
        ("9999-12-31T23:59", PartialDate(9999, 12, 31, 23, 59, Precision.MINUTE)),
    ],
)
def test_parse_iso_reads_every_precision(text: str, expected: PartialDate) -> None:
    parsed = parse_iso(text)
    assert parsed == expected
    assert parsed.precision is expected.precision
    assert parsed.iso() == text
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2023-02-30",  # no such day
        "2019-02-29",  # not a leap year
        "2019-13",
        "2019-00",
        "2019-04-00",
        "2019-4-4",  # not zero-padded
        "19",
        "0000",  # year 0
        "2019-04-04T24:00",
        "2019-04-04T06:60",
        "2019-04-04T6:30",
        "2019-04-04 06:30",
        "2019-04-04T06:30:00",  # seconds are not part of the file form
        " 2019",
        "2019\n",
        "2019~~",
        "~2019",
        "٢٠١٩",  # Arabic-Indic digits: int() would accept them
        "April 2019",
    ],
)
def test_parse_iso_rejects(text: str) -> None:
    with pytest.raises(DateError):
        parse_iso(text)


@pytest.mark.parametrize("value", [None, 2019, 2019.0, b"2019", date(2019, 4, 4), ["2019"]])
def test_parse_iso_rejects_non_strings(value: object) -> None:
    with pytest.raises(DateError, match="must be a string"):
        parse_iso(value)  # type: ignore[arg-type]


def test_error_messages_say_what_is_wrong() -> None:
    with pytest.raises(DateError, match="has 28 days, not 30"):
        parse_iso("2023-02-30")
    with pytest.raises(DateError, match="month 13 does not exist"):
        parse_iso("2019-13")
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        parse_iso("2019-4-4")
    with pytest.raises(DateError, match="year 0 is outside"):
        parse_iso("0000")


def test_fields_finer_than_the_precision_are_reset() -> None:
    """Otherwise equality, hashing and the time axis would disagree with iso()."""
    year = PartialDate(2019, 4, 4, 6, 30, Precision.YEAR)
    assert (year.month, year.day, year.hour, year.minute) == (1, 1, 0, 0)
    assert year == parse_iso("2019")
    assert hash(year) == hash(parse_iso("2019"))
    assert PartialDate(2019, 4, 4, 6, 30) == parse_iso("2019-04-04")
    assert PartialDate(2019, 4, 4, 6, 30).to_seconds() == parse_iso("2019-04-04").to_seconds()
    assert PartialDate(2019, 4, 30, precision=Precision.MONTH).iso() == "2019-04"


def test_invalid_fields_are_rejected_even_when_finer_than_the_precision() -> None:
    with pytest.raises(DateError):
        PartialDate(2019, 2, 30, precision=Precision.MONTH)


def test_plain_int_precision_is_coerced() -> None:
    value = PartialDate(2019, precision=0)  # type: ignore[arg-type]
    assert value.precision is Precision.YEAR
    assert value.iso() == "2019"
    with pytest.raises(DateError, match="precision 7"):
        PartialDate(2019, precision=7)  # type: ignore[arg-type]


def test_from_date_keeps_only_the_precision() -> None:
    moment = datetime(2019, 4, 4, 6, 30)
    assert PartialDate.from_date(moment).iso() == "2019-04-04"
    assert PartialDate.from_date(moment, Precision.MINUTE).iso() == "2019-04-04T06:30"
    assert PartialDate.from_date(moment, Precision.MONTH, approximate=True).iso() == "2019-04~"
    assert PartialDate.from_date(date(2019, 4, 4), Precision.YEAR).iso() == "2019"


def test_to_seconds_counts_from_the_epoch() -> None:
    assert parse_iso("1970-01-01").to_seconds() == 0.0
    assert parse_iso("1970-01-02T06:30").to_seconds() == DAY + 6 * 3600 + 30 * 60
    assert parse_iso("1969-12-31").to_seconds() == -DAY


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2020", 366),  # leap year
        ("2019", 365),
        ("2020-02", 29),
        ("2019-02", 28),
        ("2019-04", 30),
        ("2019-12", 31),
        ("2019-04-04", 1),
        ("9999", 365),
        ("9999-12", 31),
        ("9999-12-31", 1),
    ],
)
def test_span_covers_the_whole_period(text: str, days: int) -> None:
    value = parse_iso(text)
    assert value.end_seconds() - value.to_seconds() == days * DAY


def test_minute_spans_a_minute_and_spans_are_contiguous() -> None:
    minute = parse_iso("9999-12-31T23:59")
    assert minute.end_seconds() - minute.to_seconds() == 60.0
    assert parse_iso("2019-12").end_seconds() == parse_iso("2020-01").to_seconds()
    assert parse_iso("2019").end_seconds() == parse_iso("2020").to_seconds()


def test_last_moment_exclusive() -> None:
    assert parse_iso("2019-12").last_moment_exclusive() == datetime(2020, 1, 1)
    assert parse_iso("2020-02").last_moment_exclusive() == datetime(2020, 3, 1)
    assert parse_iso("2019-04-04T06:59").last_moment_exclusive() == datetime(2019, 4, 4, 7, 0)
    # The end of the calendar is clamped rather than overflowing.
    assert parse_iso("9999-12-31").last_moment_exclusive() == datetime.max
    assert parse_iso("9999-12-31T23:59").last_moment_exclusive() == datetime.max


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2019", "2019"),
        ("2019-04", "April 2019"),
        ("2019-04-04", "4 April 2019"),
        ("2019-04-04T06:30", "4 April 2019, 06:30"),
        ("2019~", "about 2019"),
        ("2019-04-04~", "about 4 April 2019"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert parse_iso(text).display() == shown


def test_sort_key_orders_chronologically_then_coarse_first() -> None:
    texts = ["2019-04-04T06:30", "2019", "2019-04-04", "2018-12", "2019-04"]
    ordered = sorted((parse_iso(t) for t in texts), key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == [
        "2018-12",
        "2019",
        "2019-04",
        "2019-04-04",
        "2019-04-04T06:30",
    ]


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    precision = draw(st.sampled_from(Precision))
    year = draw(st.integers(1, 9999))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(
        year,
        month,
        day,
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        precision,
        draw(st.booleans()),
        draw(st.booleans()),
    )


@given(partial_dates())
def test_iso_round_trip(value: PartialDate) -> None:
    """parse_iso builds its dates without the constructor's checks: they must be the
    constructor's in every field, span and hash."""
    parsed = parse_iso(value.iso())
    assert parsed == value and hash(parsed) == hash(value)
    assert [getattr(parsed, f) for f in PartialDate.__slots__] == [
        getattr(value, f) for f in PartialDate.__slots__]
    assert [type(getattr(parsed, f)) for f in PartialDate.__slots__] == [
        type(getattr(value, f)) for f in PartialDate.__slots__]
    assert value.to_seconds() < value.end_seconds()
