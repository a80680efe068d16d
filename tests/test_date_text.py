"""Free-text dates and phrases relative to a publication date."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates.partial import DateError, PartialDate, Precision
from timeline_app.core.dates.relative import Resolution, resolve_relative
from timeline_app.core.dates.text import parse_text

TUESDAY = date(2020, 12, 22)  # the publication date of the examples


# --- parse_text ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("April 4 2019", "2019-04-04", Precision.DAY),
        ("4 April 2019", "2019-04-04", Precision.DAY),
        ("Dec. 19, 2020", "2020-12-19", Precision.DAY),
        ("19 Dec 2020", "2020-12-19", Precision.DAY),
        ("the 4th of April 2019", "2019-04-04", Precision.DAY),
        ("June 2020", "2020-06", Precision.MONTH),
        ("Sept. 2019", "2019-09", Precision.MONTH),
        ("in June 2020", "2020-06", Precision.MONTH),
        ("2019", "2019", Precision.YEAR),
        ("April 4, 2019 06:30", "2019-04-04T06:30", Precision.MINUTE),
        ("4 April 2019 at 6:30 a.m.", "2019-04-04T06:30", Precision.MINUTE),
        ("April 4 2019 6pm", "2019-04-04T18:00", Precision.MINUTE),
        ("2019-04-04 06:30:45", "2019-04-04T06:30", Precision.MINUTE),
        ("4/4/2019", "2019-04-04", Precision.DAY),  # the same either way round
        ("13/4/2019", "2019-04-13", Precision.DAY),  # only one reading is a date
        ("2019/04/05", "2019-04-05", Precision.DAY),  # year first is always Y-M-D
        ("2019-4-4", "2019-04-04", Precision.DAY),
        ("20190404", "2019-04-04", Precision.DAY),
        ("2019-04-04", "2019-04-04", Precision.DAY),  # ISO goes to parse_iso
        ("2019-04~", "2019-04~", Precision.MONTH),
        ("Saturday, 19 December 2020", "2020-12-19", Precision.DAY),
        ("Sat 19 Dec 2020", "2020-12-19", Precision.DAY),
        ("Saturday June 2020", "2020-06", Precision.MONTH),  # a Saturday in June
        ("late 2019", "2019", Precision.YEAR),  # narrows inside 2019: not approximate
        ("mid-April 2019", "2019-04", Precision.MONTH),
    ],
)
def test_parse_text_infers_precision(text: str, iso: str, precision: Precision) -> None:
    value = parse_text(text)
    assert value.iso() == iso
    assert value.precision is precision


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("about April 2019", "2019-04~"),
        ("around 4 April 2019", "2019-04-04~"),
        ("circa 1990", "1990~"),
        ("c. 1990", "1990~"),
        ("c.1990", "1990~"),
        ("ca. 1990", "1990~"),
        ("approximately June 2020", "2020-06~"),
        ("April 2019~", "2019-04~"),
        ("about 2019-04", "2019-04~"),
    ],
)
def test_parse_text_marks_approximate(text: str, iso: str) -> None:
    value = parse_text(text)
    assert value.approximate
    assert value.iso() == iso


def test_parse_text_default_year() -> None:
    assert parse_text("4 April", default_year=2019).iso() == "2019-04-04"
    assert parse_text("June", default_year=2019).iso() == "2019-06"
    assert parse_text("4 April 2018", default_year=2019).iso() == "2018-04-04"
    with pytest.raises(DateError, match="no year"):
        parse_text("4 April")
    with pytest.raises(DateError, match="28 days"):
        parse_text("29 February", default_year=2021)


def test_parse_text_numeric_dates_need_a_decided_order() -> None:
    with pytest.raises(DateError, match=r"ambiguous.*2019-04-05 or 2019-05-04"):
        parse_text("4/5/2019")
    assert parse_text("4/5/2019", dayfirst=True).iso() == "2019-05-04"
    assert parse_text("4/5/2019", dayfirst=False).iso() == "2019-04-05"
    assert parse_text("2019/04/05", dayfirst=True).iso() == "2019-04-05"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not a date"),
        ("   ", "not a date"),
        ("hello", "not a date"),
        ("Saturday", "not a date"),
        ("06:30", "no date"),
        ("12", "no month"),
        ("June 2020 06:30", "no day"),
        ("4/4/19", "year in full"),  # read relative to today's date by dateutil
        ("April '19", "year in full"),
        ("4 and 5 April 2019", "year in full"),  # dateutil reads 2004-04-05T20:19
        ("April 4 2019 06:30 GMT", "time zone"),
        ("2019-04-04T06:30Z", "time zone"),
        ("April 4 2019 06:30 +0200", "time zone"),
        ("Sunday, 19 December 2020", "was a Saturday, not a Sunday"),
        ("2023-02-30", "28 days"),  # ISO shape: parse_iso's message
        ("2019-13", "month 13"),
        ("99999999999999999999", "not a date"),
        ("0000", "year 0"),
        ("x" * 1000, "too long"),
    ],
)
def test_parse_text_rejects_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_text(text)


@pytest.mark.parametrize("value", [None, 2019, b"2019", date(2019, 4, 4)])
def test_parse_text_rejects_non_strings(value: object) -> None:
    with pytest.raises(DateError):
        parse_text(value)  # type: ignore[arg-type]


# --- resolve_relative ---------------------------------------------------------------
def test_weekday_explanation() -> None:
    r = resolve_relative("on Saturday", TUESDAY)
    assert isinstance(r, Resolution)
    assert r.date == PartialDate(2020, 12, 19)
    assert r.precision is Precision.DAY
    assert r.explanation == (
        "'on Saturday' → 2020-12-19: the Saturday before publication on Tuesday 2020-12-22"
    )
    assert not r.ambiguous
    assert r.alternatives == ()
    assert r.phrase == "on Saturday"


@pytest.mark.parametrize(
    "phrase", ["Saturday", "last Saturday", "this past Saturday", "ON SATURDAY", "on Sat."]
)
def test_weekday_forms(phrase: str) -> None:
    assert resolve_relative(phrase, TUESDAY).date.iso() == "2020-12-19"


def test_weekday_of_publication_is_ambiguous() -> None:
    r = resolve_relative("on Tuesday", TUESDAY)
    assert r.date.iso() == "2020-12-22"
    assert r.ambiguous
    assert [a.iso() for a in r.alternatives] == ["2020-12-15"]
    assert r.explanation == (
        "'on Tuesday' → 2020-12-22: publication day Tuesday 2020-12-22 "
        "(or a week earlier, 2020-12-15)"
    )
    # "last Tuesday" never means the day of publication.
    last = resolve_relative("last Tuesday", TUESDAY)
    assert last.date.iso() == "2020-12-15"
    assert not last.ambiguous


def test_weekday_the_day_before_is_yesterday() -> None:
    assert resolve_relative("Monday", TUESDAY).date.iso() == "2020-12-21"
    assert resolve_relative("Wednesday", TUESDAY).date.iso() == "2020-12-16"


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("yesterday", "2020-12-21"),
        ("Yesterday", "2020-12-21"),
        ("today", "2020-12-22"),
        ("earlier today", "2020-12-22"),
        ("this morning", "2020-12-22"),
        ("tomorrow", "2020-12-23"),
        ("the day before yesterday", "2020-12-20"),
        ("3 days ago", "2020-12-19"),
        ("two days ago", "2020-12-20"),
        ("twelve days ago", "2020-12-10"),
        ("a week ago", "2020-12-15"),
        ("2 weeks ago", "2020-12-08"),
        ("about two weeks ago", "2020-12-08~"),
        ("last week", "2020-12-14~"),
        ("earlier this week", "2020-12-21~"),
        ("over the weekend", "2020-12-19~"),
        ("last month", "2020-11"),
        ("earlier this month", "2020-12"),
        ("this month", "2020-12"),
        ("a month ago", "2020-11"),
        ("13 months ago", "2019-11"),
        ("last year", "2019"),
        ("this year", "2020"),
        ("five years ago", "2015"),
        ("in August", "2020-08"),
        ("August", "2020-08"),
        ("last August", "2020-08"),
        ("in early August", "2020-08"),
        ("on April 4", "2020-04-04"),
        ("on 23 December", "2019-12-23"),  # the most recent 23 December
        ("on April 4 2019", "2019-04-04"),
        ("4 April 2019", "2019-04-04"),
    ],
)
def test_relative_forms(phrase: str, iso: str) -> None:
    r = resolve_relative(phrase, TUESDAY)
    assert r.date.iso() == iso
    assert r.precision is r.date.precision
    assert r.explanation.startswith(f"'{phrase}' → {iso}: ")
    assert "\n" not in r.explanation


def test_relative_precision() -> None:
    assert resolve_relative("yesterday", TUESDAY).precision is Precision.DAY
    assert resolve_relative("3 months ago", TUESDAY).precision is Precision.MONTH
    assert resolve_relative("3 years ago", TUESDAY).precision is Precision.YEAR
    assert resolve_relative("in August", TUESDAY).precision is Precision.MONTH


def test_last_week_says_it_is_approximate() -> None:
    r = resolve_relative("last week", TUESDAY)
    assert r.date == PartialDate(2020, 12, 14, approximate=True)  # a Monday
    assert "no week precision" in r.explanation


def test_last_night_is_ambiguous_with_the_publication_day() -> None:
    r = resolve_relative("last night", TUESDAY)
    assert r.date.iso() == "2020-12-21"
    assert r.ambiguous
    assert [a.iso() for a in r.alternatives] == ["2020-12-22"]


def test_absolute_phrase_is_stated_in_the_text() -> None:
    r = resolve_relative("on April 4 2019", TUESDAY)
    assert r.explanation == "'on April 4 2019' → 2019-04-04: stated in the text"
    assert not r.ambiguous


def test_month_without_year_across_a_year_boundary() -> None:
    r = resolve_relative("in December", date(2021, 1, 10))
    assert r.date.iso() == "2020-12"
    assert r.precision is Precision.MONTH
    assert not r.ambiguous


def test_month_of_publication_is_ambiguous() -> None:
    r = resolve_relative("in December", TUESDAY)
    assert r.date.iso() == "2020-12"
    assert r.ambiguous
    assert [a.iso() for a in r.alternatives] == ["2019-12"]
    assert resolve_relative("last December", TUESDAY).date.iso() == "2019-12"


def test_months_ago_across_a_year_boundary() -> None:
    assert resolve_relative("two months ago", date(2021, 1, 10)).date.iso() == "2020-11"
    assert resolve_relative("last month", date(2021, 1, 10)).date.iso() == "2020-12"


def test_reference_forms() -> None:
    """A datetime, a MINUTE-precision PartialDate and an approximate one all work."""
    assert resolve_relative("yesterday", datetime(2020, 12, 22, 23, 59)).date.iso() == (
        "2020-12-21"
    )
    minute = PartialDate(2020, 12, 22, 6, 30, Precision.MINUTE)
    assert resolve_relative("on Saturday", minute).date.iso() == "2020-12-19"
    approx = PartialDate(2020, 12, 22, approximate=True)
    assert resolve_relative("yesterday", approx).date.iso() == "2020-12-21~"
    # A date stated in the text does not inherit the reference's uncertainty.
    assert resolve_relative("4 April 2019", approx).date.iso() == "2019-04-04"


def test_reference_too_coarse_for_the_phrase() -> None:
    month = PartialDate(2020, 12, precision=Precision.MONTH)
    with pytest.raises(DateError, match=r"'yesterday' counts days .* only known to the month"):
        resolve_relative("yesterday", month)
    with pytest.raises(DateError, match="counts days"):
        resolve_relative("on Saturday", month)
    assert resolve_relative("last month", month).date.iso() == "2020-11"
    assert resolve_relative("in August", month).date.iso() == "2020-08"
    year = PartialDate(2020, precision=Precision.YEAR)
    with pytest.raises(DateError, match="counts months"):
        resolve_relative("in August", year)
    assert resolve_relative("last year", year).date.iso() == "2019"
    assert resolve_relative("4 April 2019", year).date.iso() == "2019-04-04"


@pytest.mark.parametrize(
    "phrase",
    ["", "blah", "next Saturday", "the other day", "in the summer", "4/5/2019", "06:30 GMT"],
)
def test_unreadable_phrases_raise_date_error_naming_them(phrase: str) -> None:
    with pytest.raises(DateError) as info:
        resolve_relative(phrase, TUESDAY)
    assert repr(phrase) in str(info.value)


def test_out_of_calendar_results_raise_date_error() -> None:
    with pytest.raises(DateError, match="'99999 years ago'"):
        resolve_relative("99999 years ago", TUESDAY)
    with pytest.raises(DateError, match="before the year 1"):
        resolve_relative("999999 days ago", TUESDAY)
    with pytest.raises(DateError, match="'25 months ago'"):
        resolve_relative("25 months ago", date(2, 6, 1))


def test_bad_reference_raises_date_error() -> None:
    with pytest.raises(DateError, match="publication date"):
        resolve_relative("yesterday", "2020-12-22")  # type: ignore[arg-type]


def test_resolution_is_frozen_and_consistent() -> None:
    r = resolve_relative("yesterday", TUESDAY)
    with pytest.raises(AttributeError):
        r.ambiguous = True  # type: ignore[misc]
    with pytest.raises(ValueError):
        Resolution(date=r.date, explanation="x", phrase="x", ambiguous=True)


# --- robustness -----------------------------------------------------------------------
_WORDS = [
    "on", "last", "this", "past", "about", "c.", "in", "the", "of", "ago", "days", "weeks",
    "month", "months", "year", "years", "a", "two", "12", "2019", "0", "99999", "April",
    "Dec.", "Saturday", "Tue", "yesterday", "week", "weekend", "GMT", "+0200", "06:30",
    "6pm", "4/5", "/", "-", ",", ".", "~", "2019-04", "T", "at", "and", "early", "mid",
]  # fmt: skip
date_ish = st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)
any_text = st.one_of(st.text(max_size=40), date_ish)


@given(any_text)
def test_parse_text_raises_only_date_error(text: str) -> None:
    try:
        value = parse_text(text)
    except DateError:
        return
    assert isinstance(value, PartialDate)


@given(any_text, st.dates(min_value=date(1, 1, 1)))
def test_resolve_relative_raises_only_date_error(text: str, reference: date) -> None:
    try:
        r = resolve_relative(text, reference)
    except DateError:
        return
    assert r.ambiguous == bool(r.alternatives)
    assert r.explanation.startswith("'")


# --- shapes that are not one date: read with their meaning or refused with the right advice
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-04-04/2020", "interval, from 2019-04-04 to 2020"),  # was 2019-04-04T20:20
        ("2020-06-04/05", "interval, from 2020-06-04 to 05"),  # was 2020-06-04T05:00
        ("2004-02-01/2005-02-08", "interval"),  # was "gives a time zone"
        ("1985-04-12/..", "to an open end"),  # was 1985-04-12
        ("../1985", "from an open start"),
        ("-2019", "before the year 1"),  # was 2019
        ("June 4-5, 2020", "range of days .4 to 5.*June 4, 2020"),  # was "year in full"
        ("4–5 June 2020", "range of days"),
        ("2019-20", "years 2019 to 2020"),  # was "month 20 does not exist" alone
        ("2019–2020", "years 2019 to 2020"),
    ],
)
def test_more_than_one_date_is_refused_for_what_it_is(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_text(text)


def test_an_ambiguous_date_without_a_year_invents_none() -> None:
    with pytest.raises(DateError) as info:
        parse_text("on 5/4")  # used to advise '2000-05-04 or 2000-04-05'
    assert "2000" not in str(info.value)
    assert "no year" in str(info.value) and "May 4" in str(info.value)
    assert "5 April" in str(info.value)


@pytest.mark.parametrize(("text", "iso"), [("2019/04", "2019-04"), ("2019/04/05", "2019-04-05"),
                                           ("2019-12", "2019-12")])
def test_slashes_and_dashes_that_are_one_date_still_read(text: str, iso: str) -> None:
    assert parse_text(text).iso() == iso
