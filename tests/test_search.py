"""The search and filter engine: which events a query or a filter keeps."""

from __future__ import annotations

import numpy as np

from bench.synthetic import make_document
from timeline_app.core.dates.partial import Precision, parse_iso
from timeline_app.core.view.search import EventFilter, SearchIndex


def _brute(doc, word):
    """Events holding every word of ``word`` in one of their fields, read the plain way."""
    names = {a.id: a.name for a in doc.actors}
    out = []
    for i, e in enumerate(doc.events):
        fields = [e.title, e.description, e.location, *e.tags, *e.actors,
                  *(names[a] for a in e.actors), *(c.quote for c in e.citations)]
        text = "\n".join(fields).casefold()
        if all(w in text for w in word.casefold().split()):
            out.append(i)
    return out


def test_search_finds_every_field_at_10000_events():
    doc = make_document(10_000)
    index = SearchIndex(doc)
    e = doc.events[1234]
    for word in (e.title.split()[-1], e.location, e.tags[0] if e.tags else "x",
                 e.citations[0].quote[5:20]):
        found = index.search(word).tolist()
        assert found == _brute(doc, word)
        assert 1234 in found
    # An actor is found by its name, whatever the case.
    found = index.search("rebel COALITION").tolist()
    assert found == _brute(doc, "rebel coalition")
    assert {i for i, ev in enumerate(doc.events) if "rebels" in ev.actors} <= set(found)
    assert index.search("").tolist() == list(range(10_000))
    assert len(index.search("no such words anywhere")) == 0


def test_incremental_search_gives_the_same_answer_as_a_fresh_one():
    doc = make_document(3_000)
    index = SearchIndex(doc)
    word = doc.events[7].title.split()[0]
    for k in range(1, len(word) + 1):
        typed = index.search(word[:k]).tolist()
        assert typed == _brute(doc, word[:k])
    # Deleting characters widens the answer again.
    assert index.search(word[:1]).tolist() == _brute(doc, word[:1])


def test_two_words_must_both_occur():
    doc = make_document(2_000)
    index = SearchIndex(doc)
    e = doc.events[10]
    a, b = e.title.split()[0], e.location
    both = set(_brute(doc, a)) & set(_brute(doc, b))
    assert set(index.search(f"{a} {b}").tolist()) == both and 10 in both
    assert len(both) < len(_brute(doc, a))


def test_filters_match_a_plain_reading_of_the_events():
    doc = make_document(10_000)
    index = SearchIndex(doc)
    outlets = {s.id: s.outlet or s.title or s.id for s in doc.sources}
    some_outlet = outlets[doc.events[0].citations[0].source]
    some_tag = doc.events[0].tags[0]
    flt = EventFilter(actors=frozenset({"gov", "militia-a"}), tags=frozenset({some_tag}),
                      outlets=frozenset({some_outlet}),
                      precisions=frozenset({Precision.DAY, Precision.MINUTE}),
                      date_from=parse_iso("2016-03"), date_to=parse_iso("2020"))
    lo, hi = parse_iso("2016-03").to_seconds(), parse_iso("2020").end_seconds()
    expected = [
        i for i, e in enumerate(doc.events)
        if set(e.actors) & {"gov", "militia-a"} and some_tag in e.tags
        and some_outlet in {outlets[c.source] for c in e.citations}
        and e.start.precision in (Precision.DAY, Precision.MINUTE)
        and e.end_seconds() > lo and e.start_seconds() < hi
    ]
    assert 0 < len(expected) < 10_000
    assert index.kept(flt).tolist() == expected
    assert index.kept(EventFilter()).tolist() == list(range(10_000))
    loc = doc.events[5].location
    assert index.kept(EventFilter(locations=frozenset({loc}))).tolist() == [
        i for i, e in enumerate(doc.events) if e.location == loc]
    word = doc.events[5].title.split()[0]
    both = index.matching(word, EventFilter(locations=frozenset({loc})))
    assert np.array_equal(both, np.intersect1d(index.search(word), index.kept(
        EventFilter(locations=frozenset({loc})))))
    counts = dict(index.values("actors"))
    assert counts["gov"] == sum("gov" in e.actors for e in doc.events)


def test_edits_update_the_index_as_a_fresh_one_would_answer():
    """The index a document's derived state keeps is brought up to date by each edit:
    searches, filters and counts answer as an index built again from scratch."""
    from dataclasses import replace

    from timeline_app.core.view.derived import DerivedState, EventChange

    doc = make_document(2_000)
    state = DerivedState(doc)
    index = state.search
    word = doc.events[3].title.split()[0]
    index.search(word)  # an answer kept from before the edits must not survive them
    flt = EventFilter(actors=frozenset({"gov"}), date_from=parse_iso("2017"))

    def edit(at, before, after):
        if before is None:
            doc.events.insert(at, after)
        elif after is None:
            del doc.events[at]
        else:
            doc.events[at] = after
        state.apply(EventChange(at, before, after))

    moved = replace(doc.events[10], title="Zanzibar ferry", actors=["rebels", "gov"],
                    location="Nowhere-on-sea", start=parse_iso("2018-05~"))
    edit(10, doc.events[10], moved)
    edit(0, None, replace(doc.events[5], id="new-1", title="Another zanzibar",
                          tags=["fresh-tag"]))
    edit(1500, doc.events[1500], None)
    fresh = SearchIndex(doc)
    assert state.search is index  # updated in place, not built again
    for query in (word, "zanzibar", "nowhere-on-sea", "ferry zanzibar"):
        assert index.search(query).tolist() == fresh.search(query).tolist()
    assert index.search("zanzibar").tolist() == [0, 11]
    assert index.kept(flt).tolist() == fresh.kept(flt).tolist()
    assert index.kept(EventFilter(approximate=True)).tolist() == \
        fresh.kept(EventFilter(approximate=True)).tolist()
    for kind in ("actors", "tags", "outlets", "locations"):
        assert index.values(kind) == fresh.values(kind)
    assert dict(index.values("tags"))["fresh-tag"] == 1


def test_a_query_going_back_or_refining_gives_the_fresh_answer():
    doc = make_document(3_000)
    index = SearchIndex(doc)
    e = doc.events[42]
    a, b = e.title.split()[0], e.location.split()[0]
    typed = f"{a} {b}"
    for k in range(1, len(typed) + 1):  # typed, then erased, then typed again
        assert index.search(typed[:k]).tolist() == _brute(doc, typed[:k])
    for k in range(len(typed), 0, -1):
        assert index.search(typed[:k]).tolist() == _brute(doc, typed[:k])
    assert index.search(f"{b} {a}").tolist() == _brute(doc, typed)


def test_matches_in_time_order_few_or_many():
    doc = make_document(4_000)
    index = SearchIndex(doc)
    for query in ("e", doc.events[9].title.split()[0], doc.events[9].location):
        found = index.search(query)
        ordered = index.in_time_order(found).tolist()
        assert ordered == sorted(found.tolist(), key=lambda i: (doc.events[i].start_seconds(), i))
