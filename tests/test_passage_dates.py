"""The date a selected passage gives, and what a new event is given before editing."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.dates.passage import find_date_phrase
from timeline_app.core.editing.ids import new_event_id
from timeline_app.core.editing.new_events import date_at, precision_at, title_from_passage

TUESDAY = PartialDate(2020, 12, 22)  # the default timeline's article


@pytest.mark.parametrize(("passage", "phrase", "iso", "relative"), [
    ("Abbas Kamel, conveyed, on Saturday, to the commander", "on Saturday", "2020-12-19", True),
    ("Haftar's militia launched, on April 4 2019, an attack", "on April 4 2019", "2019-04-04",
     False),
    ("It began on 4 June 2020.", "on 4 June 2020", "2020-06-04", False),
    ("Talks were held three days ago in Cairo", "three days ago", "2020-12-19", True),
    ("The GNA announced it yesterday.", "yesterday", "2020-12-21", True),
    ("Fighting resumed in June 2020 near Sirte", "in June 2020", "2020-06", False),
    ("Fighting resumed in June near Sirte", "in June", "2020-06", True),
])
def test_the_first_date_phrase_is_found_and_resolved(passage: str, phrase: str, iso: str,
                                                      relative: bool) -> None:
    found = find_date_phrase(passage, TUESDAY)
    assert found is not None
    assert passage[found.start:found.end] == phrase
    assert found.date.iso() == iso
    assert found.relative is relative
    assert f"'{phrase}' → {iso}" in found.note()


def test_the_note_says_how_a_relative_date_was_resolved() -> None:
    found = find_date_phrase("conveyed, on Saturday, to the commander", TUESDAY)
    assert found is not None
    assert found.note() == ("Resolved from the article's publication date: 'on Saturday' → "
                            "2020-12-19: the Saturday before publication on Tuesday 2020-12-22")


@pytest.mark.parametrize("passage", [
    "May I ask a question?",  # a bare month name is no date without a preposition
    "the 5 + 5 military committee",
    "On Mondays the market is closed",
    "",
])
def test_no_date_is_invented(passage: str) -> None:
    assert find_date_phrase(passage, TUESDAY) is None


def test_without_a_publication_date_only_stated_dates_are_found() -> None:
    assert find_date_phrase("conveyed, on Saturday, to", None) is None
    found = find_date_phrase("on Saturday, then on 4 April 2019", None)
    assert found is not None and found.date.iso() == "2019-04-04"


def test_a_datetime_reference_is_accepted() -> None:
    found = find_date_phrase("on Saturday", dt.date(2020, 12, 22))
    assert found is not None and found.date.iso() == "2020-12-19"


def test_new_ids_are_readable_and_unique() -> None:
    taken = {"kamel-visits-benghazi", "kamel-visits-benghazi-2"}
    assert new_event_id("Kamel visits Benghazi", taken) == "kamel-visits-benghazi-3"
    assert new_event_id("Kamel visits Benghazi", set()) == "kamel-visits-benghazi"
    assert new_event_id("Ceasefire — 5+5 talks in Genève, October 2020", set()) \
        == "ceasefire-5-5-talks-in-genève"
    assert new_event_id("  ", set()) == "event"
    assert new_event_id("— ! —", {"event"}) == "event-2"
    assert new_event_id("حفتر يعلن", set()) == "حفتر-يعلن"


def test_title_is_the_first_sentence_on_one_line() -> None:
    assert title_from_passage("This message was\ndelivered in Benghazi. Then more.") \
        == "This message was delivered in Benghazi"
    long = "word " * 40
    title = title_from_passage(long)
    assert title.endswith("…") and len(title) <= 80 and "  " not in title


def test_a_placed_date_is_as_precise_as_the_zoom() -> None:
    t = PartialDate(2020, 6, 15).to_seconds() + 3600
    assert date_at(t, 3600).iso() == "2020-06-15"  # a day is 24 px
    assert date_at(t, 86400).iso() == "2020-06"  # a month is 30 px
    assert date_at(t, 30 * 86400).iso() == "2020"
    assert precision_at(86400 / 6) is Precision.DAY
    assert date_at(-1e15, 86400).year == 1
