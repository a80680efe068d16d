"""The default timeline: the Libyan war as one Egypt Watch article reports it.

Every event must cite the exact words of the article, and dates the article gives
relative to its publication ("on Saturday") must be what the date engine resolves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.dates.relative import resolve_relative
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Document

# Event id -> the phrase of its citation that the date was resolved from.
RELATIVE_DATES = {"kamel-visits-benghazi": "on Saturday"}

EXPECTED = {
    "offensive-on-tripoli": ("2019-04-04", "2020-06-04", "Tripoli"),
    "withdrawal-from-tripoli": ("2020-06-04", None, "Tripoli"),
    "liberation-of-tarhuna": ("2020-06-05", None, "Tarhuna"),
    "ceasefire-5-plus-5": ("2020-10-23", None, "Geneva"),
    "kamel-visits-benghazi": ("2020-12-19", None, "Benghazi"),
}


@pytest.fixture(scope="module")
def doc() -> Document:
    result = load_path(Path(__file__).resolve().parent.parent / "events.json")
    assert result.problems == []
    assert result.document is not None
    return result.document


def test_source_is_the_article_byte_for_byte(doc: Document, article: str) -> None:
    (src,) = doc.sources
    assert src.text == article
    assert "Abbas Kamel" in src.text and "\u2019" in src.text  # curly apostrophes kept
    assert src.outlet == "Egypt Watch"
    assert src.title == "Al-Sisi renews support for Libyan General Khalifa Haftar"
    assert src.published is not None and src.published.iso() == "2020-12-22"
    assert src.language == "en"
    assert src.url.startswith("https://egyptwatch.net/2020/12/22/")


def test_events_dates_places_and_actors(doc: Document) -> None:
    assert {ev.id for ev in doc.events} == set(EXPECTED)
    actor_ids = {a.id for a in doc.actors}
    assert {"lna", "gna", "egypt"} <= actor_ids
    for ev in doc.events:
        start, end, location = EXPECTED[ev.id]
        assert ev.start.iso() == start
        assert (ev.end.iso() if ev.end else None) == end
        assert ev.location == location
        assert ev.actors and set(ev.actors) <= actor_ids
        assert ev.date_note


def test_every_event_cites_the_exact_span(doc: Document) -> None:
    (src,) = doc.sources
    for ev in doc.events:
        assert ev.citations, ev.id
        for cit in ev.citations:
            assert cit.source == src.id
            assert src.text[cit.start : cit.end] == cit.quote


def test_offensive_cites_its_launch_date(doc: Document) -> None:
    ev = doc.event("offensive-on-tripoli")
    assert ev is not None
    assert any("on April 4 2019" in c.quote for c in ev.citations)


@pytest.mark.parametrize("event_id", sorted(RELATIVE_DATES))
def test_relative_dates_are_the_engines_resolution(doc: Document, event_id: str) -> None:
    ev = doc.event(event_id)
    assert ev is not None
    phrase = RELATIVE_DATES[event_id]
    assert any(phrase in c.quote for c in ev.citations)
    (src,) = doc.sources
    assert src.published is not None
    resolution = resolve_relative(phrase, src.published)
    assert resolution.date == ev.start
    assert not resolution.ambiguous
    assert resolution.explanation in ev.date_note
