"""Candidate events from the dates found in the shipped article: one per sentence with a
date mention, dated only where the date is sure, citing the clause of the claim exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.editing.proposals import propose_events, sentence_spans
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Actor, Document, Source


@pytest.fixture(scope="module")
def doc() -> Document:
    result = load_path(Path(__file__).resolve().parent.parent / "events.json")
    return getattr(result, "document", result)


def test_one_proposal_per_dated_sentence_of_the_article(doc: Document) -> None:
    source = doc.sources[0]
    proposals = propose_events(source, doc.actors)
    assert [(p.start and p.start.iso(), p.certain) for p in proposals] == [
        ("2020-12-19", True), (None, False), ("2019-04-04", True), (None, False)]
    saturday, open_start, april, day_after = proposals
    for p in proposals:
        c = p.citation
        assert c.source == source.id and source.text[c.start:c.end] == c.quote
        assert c.quote == c.quote.strip() and c.start <= p.mention.start < p.mention.end <= c.end
    assert saturday.citation.start == 71 and saturday.citation.end == 353
    assert saturday.title.startswith("The head of General Intelligence Services")
    assert saturday.actors == ("egypt",)
    assert "on Saturday" in saturday.date_note and "2020-12-19" in saturday.date_note
    # The clause that carries the dated claim, as the shipped events cite it.
    shipped = {(c.start, c.end, c.quote) for e in doc.events for c in e.citations}
    for p in proposals:
        c = p.citation
        assert (c.start, c.end, c.quote) in shipped, c.quote
        assert p.sentence[0] <= c.start and c.end <= p.sentence[1]
    assert april.citation.quote == ("Haftar’s militia launched, on April 4 2019, an attack "
                                    "that failed to control Tripoli")
    assert source.text[slice(*april.sentence)].startswith("With the support of Arab")
    assert april.date_note.startswith("Stated in the article")
    # Never confidently wrong: an open start and an undated anchor give no date.
    assert "start open" in open_start.flag and open_start.end is None
    assert day_after.flag.startswith("No date") and "does not date" in day_after.flag
    assert "the announcement of the completion of the liberation of the capital" in day_after.flag


def test_an_event_from_a_proposal_has_a_fresh_id(doc: Document) -> None:
    saturday = propose_events(doc.sources[0], doc.actors)[0]
    taken = {e.id for e in doc.events}
    event = saturday.event(taken)
    assert event.id not in taken and event.start == parse_iso("2020-12-19")
    assert event.citations == [saturday.citation] and event.date_note == saturday.date_note
    with pytest.raises(ValueError):
        propose_events(doc.sources[0], doc.actors)[1].event(taken)


def test_ranges_ambiguity_and_actors() -> None:
    text = ("Talks were held from April 2019 to June 2020 in Geneva. "
            "The GNA said the meeting will be on 5/4.\nNothing happened here.")
    source = Source("s", text=text, published=parse_iso("2020-03-01"))
    actors = [Actor("gna", "Government of National Accord (GNA)"), Actor("un", "United Nations")]
    ranged, numeric = propose_events(source, actors)
    assert (ranged.start.iso(), ranged.end.iso(), ranged.certain) == ("2019-04", "2020-06", True)
    assert ranged.actors == ()
    assert numeric.actors == ("gna",)
    assert not numeric.certain and numeric.flag.startswith("Ambiguous")
    assert numeric.citation.quote == "The GNA said the meeting will be on 5/4."


def test_sentences_keep_exact_spans() -> None:
    text = "  First one. Second “quoted.” Third\nline two?  "
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "First one.", "Second “quoted.”", "Third", "line two?"]
