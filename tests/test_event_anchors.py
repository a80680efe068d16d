"""Dates counted from an event the timeline has dated, and the clause a proposal cites.

"The day after the announcement of the completion of the liberation of the capital": the
article does not date the announcement; the timeline's event citing those words does.
Never a confident wrong date: without a dated event citing them, or with events that
disagree, or one dated less than to the day, the mention stays undated with the reason."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from timeline_app.core.dates.mentions import find_mentions
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.editing.claim_clause import claim_span
from timeline_app.core.editing.event_anchors import counted_days, date_from_events
from timeline_app.core.editing.proposals import propose_events
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Citation, Document, Event, Source

ANNOUNCEMENT = "the announcement of the completion of the liberation of the capital"


@pytest.fixture(scope="module")
def doc() -> Document:
    result = load_path(Path(__file__).resolve().parent.parent / "events.json")
    return getattr(result, "document", result)


def citing(source: Source, words: str, date: str, title: str = "Withdrawal",
           end: str | None = None) -> Event:
    start = source.text.index(words)
    return Event(title.lower(), title, parse_iso(date), parse_iso(end) if end else None,
                 citations=[Citation(source.id, start, start + len(words), words)])


def tarhuna(source: Source, events: list[Event]):
    proposals = propose_events(source, (), events=events)
    (p,) = [p for p in proposals if p.mention.text == "the day after"]
    return p


def test_the_day_after_a_dated_event_is_dated_from_it(doc: Document) -> None:
    source = doc.sources[0]
    withdrawal = next(e for e in doc.events if e.id == "withdrawal-from-tripoli")
    p = tarhuna(source, [withdrawal])
    assert p.certain and p.start.iso() == "2020-06-05" and p.end is None
    assert p.date_note.startswith("Counted from another event of the timeline")
    assert "the day after 2020-06-04" in p.date_note
    assert "Haftar's forces complete withdrawal from Tripoli" in p.date_note
    assert ANNOUNCEMENT in p.date_note
    # The whole shipped timeline: the Tarhuna event cites the counted phrase itself and
    # is not taken as its own anchor; the withdrawal still dates it.
    assert tarhuna(source, doc.events).start.iso() == "2020-06-05"


def test_without_a_dated_anchor_it_stays_undated_with_the_reason(doc: Document) -> None:
    source = doc.sources[0]
    alone = tarhuna(source, [])
    assert alone.start is None and not alone.certain
    assert ANNOUNCEMENT in alone.flag and "does not date" in alone.flag
    # Dated only to the month: refused, never the 1st of the month plus one.
    vague = tarhuna(source, [citing(source, ANNOUNCEMENT, "2020-06")])
    assert vague.start is None and "not to the day" in vague.flag
    # Two events citing the words with different dates: refused, both named.
    two = tarhuna(source, [citing(source, ANNOUNCEMENT, "2020-06-04", "A"),
                           citing(source, "the completion of the liberation of the capital",
                                   "2020-06-03", "B")])
    assert two.start is None and "disagree" in two.flag and "'A' 2020-06-04" in two.flag
    # An approximate date stays approximate: "~" carries over, never made exact.
    about = tarhuna(source, [citing(source, ANNOUNCEMENT, "2020-06-04~")])
    assert about.start.iso() == "2020-06-05~" and about.start.approximate
    # An event citing only a few of the words, or other words, is no anchor.
    assert tarhuna(source, [citing(source, "the capital.", "2020-06-04")]).start is None
    assert tarhuna(source, [citing(source, "strategic city of Tarhuna",
                                   "2020-06-04")]).start is None
    # Nor is an event citing the counted phrase itself (the Tarhuna event).
    own = citing(source, "the day after " + ANNOUNCEMENT, "2020-06-05", "Tarhuna")
    assert tarhuna(source, [own]).start is None


def test_counting_before_and_from_a_span() -> None:
    text = ("The talks ended. Fighting resumed two days before the signing of the accord, "
            "and stopped a week after the signing of the accord.")
    source = Source("s", text=text, published=parse_iso("2020-12-22"))
    mentions = find_mentions(text, source.published)
    assert [counted_days(m) for m in mentions] == [-2, 7]
    accord = citing(source, "the signing of the accord", "2020-03-01", "Accord",
                    end="2020-03-03")
    second = text.rindex("the signing of the accord")
    before, after = (date_from_events(text, "s", m, [accord]) for m in mentions)
    # Counted from the words an event cites, not from the same words elsewhere.
    assert before.event is accord and after.event is None and after.mention.date is None
    accord.citations.append(Citation("s", second, second + 25, text[second:second + 25]))
    before, after = (date_from_events(text, "s", m, [accord]) for m in mentions)
    assert before.mention.date == "2020-02-28"
    assert "2 days before 2020-03-01, the date of 'Accord'" in before.mention.explanation
    assert after.mention.date == "2020-03-10"
    assert "a week after 2020-03-03, the end of 'Accord'" in after.mention.explanation
    # Dated mentions and those not counted from an event are left to the finder.
    dated = replace(mentions[0], value=before.mention.value)
    assert date_from_events(text, "s", dated, [accord]) is None


def test_the_cited_clause_carries_the_dated_claim() -> None:
    text = ("With the support of Arab and European countries, the militia launched, on "
            "April 4 2019, an attack that failed to control Tripoli. In Tripoli, on Monday, "
            "a long list of officials from many ministries met to discuss the budget again. "
            "The army, which launched on Monday its biggest attack on the town in months, "
            "took the hill; it then withdrew on Friday, which surprised the residents.")

    def clause(sentence_start: str, sentence_end: str, phrase: str) -> str:
        s = text.index(sentence_start)
        e = text.index(sentence_end, s) + len(sentence_end)
        m = text.index(phrase, s)
        a, b = claim_span(text, (s, e), (m, m + len(phrase)))
        assert a <= m and m + len(phrase) <= b
        return text[a:b]

    assert clause("With", "Tripoli.", "on April 4 2019") == (
        "the militia launched, on April 4 2019, an attack that failed to control Tripoli")
    # A place before the date is kept: the sentence whole.
    assert clause("In Tripoli", "again.", "on Monday").startswith("In Tripoli, on Monday")
    assert clause("In Tripoli", "again.", "on Monday").endswith("again.")
    # Not the relative clause's own subject ("which launched"): it keeps its antecedent.
    assert clause("The army", "residents.", "on Monday") == (
        "The army, which launched on Monday its biggest attack on the town in months, "
        "took the hill")
    assert clause("The army", "residents.", "on Friday") == "it then withdrew on Friday"
    short = "It ended on Monday."
    assert claim_span(short, (0, len(short)), (9, 18)) == (0, len(short))
