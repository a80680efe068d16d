"""Citations follow their quote when a source's text changes; none points at other words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Citation, Event
from timeline_app.core.sources.reanchor import nearest_occurrence, reanchor_events

TEXT = "Kamel went to Benghazi. Haftar met Kamel. Then Kamel left."


def _event(event_id: str, *citations: Citation) -> Event:
    return Event(event_id, event_id, parse_iso("2020-12-19"), citations=list(citations))


def _cite(text: str, quote: str, nth: int = 0, source: str = "s") -> Citation:
    at = -1
    for _ in range(nth + 1):
        at = text.index(quote, at + 1)
    return Citation(source, at, at + len(quote), quote)


def test_nearest_occurrence() -> None:
    assert nearest_occurrence(TEXT, "Kamel", 30) == TEXT.index("Kamel", 30)
    assert nearest_occurrence(TEXT, "Kamel", 0) == 0
    assert nearest_occurrence(TEXT, "Sisi", 0) == -1


def test_citations_move_with_their_quote_and_lost_ones_are_listed() -> None:
    second_kamel = _cite(TEXT, "Kamel", 1)
    benghazi = _cite(TEXT, "Benghazi")
    other = _cite("elsewhere", "elsewhere", source="t")
    events = [_event("a", second_kamel, other), _event("b", benghazi), _event("c", other)]
    new_text = "Update: " + TEXT.replace("Benghazi", "Tripoli")
    result = reanchor_events(events, "s", TEXT, new_text)
    assert set(result.events) == {0, 1}
    moved = result.events[0].citations
    assert moved[1] is other
    assert new_text[moved[0].start:moved[0].end] == "Kamel"
    assert moved[0].start == second_kamel.start + len("Update: ") - 1  # still the second
    assert result.events[1].citations == []
    assert result.lost == [(events[1], benghazi)]


def test_an_insertion_before_a_repeated_quote_keeps_the_same_occurrence() -> None:
    third = _cite(TEXT, "Kamel", 2)
    new_text = TEXT.replace("Haftar met Kamel.", "Haftar met Kamel and Kamel.")
    (kept,) = reanchor_events([_event("a", third)], "s", TEXT, new_text).events[0].citations
    assert kept.start == third.start + len(" and Kamel")


def test_an_unchanged_text_changes_nothing() -> None:
    events = [_event("a", _cite(TEXT, "Kamel", 2))]
    result = reanchor_events(events, "s", TEXT, TEXT)
    assert result.events == {} and result.lost == []


@given(st.text(alphabet="ab .", max_size=40), st.text(alphabet="ab .", min_size=1, max_size=6),
       st.text(alphabet="ab .", max_size=40), st.integers(0, 40))
def test_every_kept_citation_points_at_its_quote(prefix: str, quote: str, suffix: str,
                                                 cut: int) -> None:
    old = prefix + quote + suffix
    citation = Citation("s", len(prefix), len(prefix) + len(quote), quote)
    new = old[:cut] + "x" + old[cut:]  # an insertion anywhere, maybe inside the quote
    result = reanchor_events([_event("e", citation)], "s", old, new)
    if quote in new:
        (kept,) = result.events.get(0, _event("e", citation)).citations
        assert new[kept.start:kept.end] == quote
        assert result.lost == []
    else:
        assert result.lost == [(_event("e", citation), citation)]
        assert result.events[0].citations == []
