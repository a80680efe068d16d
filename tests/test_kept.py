"""The lanes and index of the events a filter keeps: what the timeline lays out when it hides."""

from __future__ import annotations

import numpy as np

from bench.synthetic import make_document
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.view.derived import DerivedState
from timeline_app.core.view.kept import kept_grouping
from timeline_app.core.view.lanes import GroupBy
from timeline_app.core.view.search import EventFilter


def test_only_kept_events_are_in_lanes_and_empty_lanes_go():
    doc = make_document(3_000)
    state = DerivedState(doc)
    full = state.grouping(GroupBy.ACTOR)
    kept = state.search.kept_mask(EventFilter(actors=frozenset({"un"}),
                                              date_from=parse_iso("2019-06"),
                                              date_to=parse_iso("2019-12")))
    shown = kept_grouping(full, kept)
    expected_keys = {a for i in np.flatnonzero(kept) for a in doc.events[i].actors}
    assert {lane.key for lane in shown.lane_set.lanes} == expected_keys
    assert len(shown.lane_set.lanes) < len(full.lane_set.lanes)
    every = set()
    for lane_i, lane in enumerate(shown.lane_set.lanes):
        members = shown.index.visible(lane_i, -1e12, 1e12).tolist()
        assert all(lane.key in doc.events[i].actors for i in members)
        every |= set(members)
    assert every == set(np.flatnonzero(kept).tolist())
    # Fit all and Tab: among the kept only.
    starts = [doc.events[i].start_seconds() for i in np.flatnonzero(kept)]
    assert shown.index.time_range()[0] == min(starts)
    walk, at = [], None
    while (at := shown.index.next_event(0.0, 1, at)) is not None:
        walk.append(at)
    assert sorted(walk) == np.flatnonzero(kept).tolist()
    assert [doc.events[i].start_seconds() for i in walk] == sorted(starts)
    hidden = int(np.flatnonzero(~kept)[-1])
    following = shown.index.next_event(0.0, -1, hidden)
    assert following is None or kept[following]


def test_fit_all_reaches_no_further_than_the_dates_kept():
    doc = make_document(2_000)
    state = DerivedState(doc)
    june = parse_iso("2020-06")
    kept = state.search.kept_mask(EventFilter(date_from=june, date_to=june))
    clip = (june.to_seconds(), june.end_seconds())
    t0, t1 = kept_grouping(state.grouping(), kept, clip).index.time_range()
    assert (t0, t1) == clip  # ranges of years run through June: the fit is June
    assert kept_grouping(state.grouping(), kept).index.time_range()[0] < clip[0]
