"""The date finder: every date mention in a text, resolved honestly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from date_cases import Case, grade, load_cases

from timeline_app.core.dates.mentions import find_mentions
from timeline_app.core.dates.partial import PartialDate, Precision

ARTICLE = Path(__file__).parent / "data" / "sources" / "egyptwatch-2020-12-22.txt"
TUESDAY = dt.date(2020, 12, 22)
CASES = load_cases()


def test_the_test_set_is_large_and_covers_every_outcome() -> None:
    assert len(CASES) >= 150
    assert {c.expected for c in CASES} == {"correct", "ambiguous", "refused"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"line{c.line}")
def test_each_phrase_in_context(case: Case) -> None:
    outcome, mention = grade(case)
    explanation = mention.explanation if mention else "not found"
    assert outcome == case.expected, explanation


def test_the_article_dates_are_found_with_exact_spans() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    found = [(text[m.start:m.end], m.date) for m in find_mentions(text, TUESDAY)]
    assert found == [
        ("on Saturday", "2020-12-19"),
        ("more than a year ago", "../2019-12-22~"),
        ("on April 4 2019", "2019-04-04"),
        ("the day after", None),  # after an event the article does not date
    ]


def test_a_mention_carries_what_the_review_needs() -> None:
    text = "Delegates met on June 4 2020 in Cairo; the next day, talks resumed."
    first, second = find_mentions(text, PartialDate(2020, 12, 22))
    assert (first.start, first.end, first.precision, first.anchor) == (14, 28, Precision.DAY,
                                                                     None)
    assert second.anchor == 0 and second.date == "2020-06-05"
    assert "after 'on June 4 2020'" in second.explanation
    assert second.as_dict() == {
        "text": "the next day", "start": 39, "end": 51, "kind": "anchored",
        "date": "2020-06-05", "precision": "day", "approximate": False, "ambiguous": False,
        "alternatives": [], "explanation": second.explanation, "anchor": 0,
    }


def test_an_undecided_tense_gives_both_readings() -> None:
    (m,) = find_mentions("Talks in January with the envoy.", TUESDAY)
    assert m.ambiguous and m.date == "2020-01"
    assert [a.iso() for a in m.alternatives] == ["2021-01"]


def test_a_duration_is_an_approximate_span_holding_every_meaning() -> None:
    (m,) = find_mentions("The truce was agreed two weeks ago.", TUESDAY)
    assert m.approximate and m.value is not None and m.value.is_range
    assert m.date == "2020-12-04~/2020-12-12~"


def test_a_refusal_names_what_is_missing_and_invents_no_year() -> None:
    (m,) = find_mentions("The forum opens on January 5.", None)
    assert m.refused and m.date is None
    assert "no year" in m.explanation and "publication date" in m.explanation
    assert "2000" not in m.explanation


@pytest.mark.parametrize("text", [
    "May I ask a question?", "the 5 + 5 military committee", "On Mondays the market is closed",
    "They march on the capital.", "90 kilometres southeast of Tripoli", "",
])
def test_no_date_is_invented(text: str) -> None:
    assert find_mentions(text, TUESDAY) == []


@pytest.mark.parametrize(("text", "published"), [
    ("The letter is dated 30/2 in the archive.", TUESDAY),  # no such day either way round
    ("It happened 999 decades ago.", TUESDAY),
    ("Talks resume next year, the day after.", dt.date(9999, 12, 30)),
    ("It began two months ago.", dt.date(1, 1, 5)),
])
def test_dates_outside_the_calendar_are_refused_not_raised(text: str,
                                                           published: dt.date) -> None:
    for m in find_mentions(text, published):
        assert text[m.start:m.end] == m.text
        assert m.value is not None or "not resolved" in m.explanation
