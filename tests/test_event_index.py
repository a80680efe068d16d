"""EventIndex against brute-force Python references on random data."""

from __future__ import annotations

import bisect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.lanes import GroupBy, build_lanes

DAY = 86400.0
T0 = 1.55e9  # 2019
SPAN = 3 * 365 * DAY
N_LANES = 4

DURATIONS = [0.0, 60.0, 3600.0, DAY, 7 * DAY, 30 * DAY, 366 * DAY, 5 * 366 * DAY, 60 * 366 * DAY]


def random_data(seed: int, n: int = 2000):
    rng = np.random.default_rng(seed)
    starts = np.floor(rng.uniform(T0, T0 + SPAN, n) / 60.0) * 60.0
    starts[: n // 10] = starts[n // 10]  # a run of equal starts
    durs = rng.choice(DURATIONS, n, p=[0.05, 0.3, 0.05, 0.4, 0.05, 0.1, 0.04, 0.009, 0.001])
    ends = starts + durs
    lanes: list[list[int]] = []
    for i in range(n):
        k = int(rng.integers(1, 3))  # one or two lanes
        lanes.append(sorted({int(x) for x in rng.integers(0, N_LANES, k)}))
        if i % 97 == 0:
            lanes[-1] = [N_LANES - 1]
    return starts, ends, lanes


def members(lanes: list[list[int]], lane: int) -> list[int]:
    return [i for i, row in enumerate(lanes) if lane in row]


def ref_visible(starts, ends, lanes, lane, t0, t1) -> list[int]:
    hits = [
        i
        for i in members(lanes, lane)
        if starts[i] < t1 and (ends[i] > t0 or (ends[i] == starts[i] and starts[i] >= t0))
    ]
    return sorted(hits, key=lambda i: (starts[i], i))


def random_windows(rng: np.random.Generator, starts: np.ndarray, k: int):
    for _ in range(k):
        width = float(rng.choice([60.0, 3600.0, DAY, 30 * DAY, 400 * DAY, 4 * SPAN]))
        if rng.random() < 0.3:  # windows starting exactly at an event's start or end
            t0 = float(starts[rng.integers(len(starts))])
        else:
            t0 = float(rng.uniform(T0 - 2 * 366 * DAY, T0 + SPAN))
        yield t0, t0 + width


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_visible_and_count_match_brute_force(seed: int) -> None:
    starts, ends, lanes = random_data(seed)
    idx = EventIndex.from_arrays(starts, ends, lanes, N_LANES)
    rng = np.random.default_rng(seed + 100)
    for t0, t1 in random_windows(rng, starts, 60):
        for lane in range(N_LANES):
            got = idx.visible(lane, t0, t1)
            assert got.tolist() == ref_visible(starts, ends, lanes, lane, t0, t1)
            assert idx.count_visible(lane, t0, t1) == len(got)
    assert idx.visible(0, T0 + 10, T0 + 10).tolist() == []
    assert idx.count_visible(0, T0 + 10, T0) == 0


def test_visible_returns_a_private_writable_array() -> None:
    starts, ends, lanes = random_data(4, 200)
    idx = EventIndex.from_arrays(starts, ends, lanes, N_LANES)
    got = idx.visible(0, T0, T0 + SPAN)
    got[:] = -1  # must not corrupt the index
    assert (idx.visible(0, T0, T0 + SPAN) >= 0).all()


@pytest.mark.parametrize("seed", [5, 6])
def test_density_matches_brute_force(seed: int) -> None:
    starts, ends, lanes = random_data(seed)
    idx = EventIndex.from_arrays(starts, ends, lanes, N_LANES)
    rng = np.random.default_rng(seed)
    for t0, t1 in random_windows(rng, starts, 30):
        for nbins in (1, 7, 300):
            edges = np.linspace(t0, t1, nbins + 1).tolist()
            for lane in range(N_LANES):
                ref = [0] * nbins
                in_range = 0
                for i in members(lanes, lane):
                    if t0 <= starts[i] < t1:
                        in_range += 1
                        ref[bisect.bisect_right(edges, starts[i]) - 1] += 1
                got = idx.density(lane, t0, t1, nbins)
                assert got.tolist() == ref
                assert int(got.sum()) == in_range


def test_density_cache_and_edge_cases() -> None:
    starts, ends, lanes = random_data(7, 500)
    idx = EventIndex.from_arrays(starts, ends, lanes, N_LANES)
    a = idx.density(1, T0, T0 + SPAN, 50)
    assert idx.density(1, T0, T0 + SPAN, 50) is a  # cached
    assert not a.flags.writeable  # shared with the cache
    assert idx.density(1, T0, T0 + SPAN, 51) is not a
    for k in range(400):  # the cache is bounded
        idx.density(1, T0 + k, T0 + SPAN, 10)
    assert len(idx._density_cache) <= 256
    assert idx.density(1, T0, T0 + SPAN, 0).tolist() == []
    assert idx.density(1, T0, T0, 5).tolist() == [0] * 5
    with pytest.raises(ValueError):
        idx.density(1, T0, T0 + 1, -1)
    with pytest.raises(IndexError):
        idx.density(N_LANES, T0, T0 + 1, 3)


def test_next_event_walks_all_events_in_time_order() -> None:
    starts, ends, lanes = random_data(10, 300)
    idx = EventIndex.from_arrays(starts, ends, lanes, N_LANES)
    expected = sorted(range(len(starts)), key=lambda i: (starts[i], i))
    forward = [idx.next_event(0.0, +1)]
    while (nxt := idx.next_event(0.0, +1, current=forward[-1])) is not None:
        forward.append(nxt)
    assert forward == expected
    backward = [idx.next_event(1e12, -1)]
    while (prv := idx.next_event(0.0, -1, current=backward[-1])) is not None:
        backward.append(prv)
    assert backward == expected[::-1]
    t = float(starts[expected[150]])
    first_at_t = min(i for i in range(len(starts)) if starts[i] == t)
    assert idx.next_event(t, +1) == first_at_t
    before = [i for i in expected if starts[i] < t]
    assert idx.next_event(t, -1) == before[-1]
    with pytest.raises(ValueError):
        idx.next_event(t, 0)


def test_empty_index() -> None:
    idx = EventIndex.from_arrays([], [], [], 1)
    assert idx.n_events == 0
    assert idx.visible(0, 0.0, 1e10).tolist() == []
    assert idx.density(0, 0.0, 1.0, 4).tolist() == [0, 0, 0, 0]
    assert idx.next_event(0.0, 1) is None
    assert idx.time_range() is None


def test_bad_lane_indices_are_rejected() -> None:
    with pytest.raises(ValueError):
        EventIndex.from_arrays([0.0], [1.0], [[2]], 2)
    with pytest.raises(ValueError):
        EventIndex.from_arrays([0.0, 1.0], [1.0], [[0], [0]], 1)
    idx = EventIndex.from_arrays([0.0], [1.0], [[0]], 1)
    with pytest.raises(IndexError):
        idx.visible(1, 0.0, 1.0)


def test_build_from_a_document_uses_the_full_precision_span() -> None:
    def event(i: int, start: PartialDate, actors: list[str], end=None) -> Event:
        return Event(f"e{i}", f"E{i}", start, end, actors=actors)

    doc = Document(
        actors=[Actor("a"), Actor("b")],
        events=[
            event(0, PartialDate(2019, 4, precision=Precision.MONTH), ["a"]),
            event(1, PartialDate(2019, 4, 4, 6, 30, Precision.MINUTE), ["a", "b"]),
            event(2, PartialDate(2019, 4, 20), [], end=PartialDate(2019, 6, 2)),
            event(3, PartialDate(2018, precision=Precision.YEAR), ["b"]),
        ],
    )
    ls = build_lanes(doc, GroupBy.ACTOR)
    idx = EventIndex.build(doc, ls)
    assert idx.n_lanes == 3 and idx.n_events == 4
    mid_april = PartialDate(2019, 4, 25).to_seconds()
    assert idx.visible(0, mid_april, mid_april + 3600).tolist() == [0]  # "April 2019"
    assert idx.visible(2, mid_april, mid_april + 3600).tolist() == [2]  # the range
    assert idx.visible(1, 0.0, 2e9).tolist() == [3, 1]  # by start
    assert idx.order(0).tolist() == [0, 1]
    assert idx.lane_size(1) == 2
    assert (
        idx.max_duration(2)
        == PartialDate(2019, 6, 3).to_seconds() - PartialDate(2019, 4, 20).to_seconds()
    )
    assert idx.time_range() == (
        PartialDate(2018, 1, 1).to_seconds(),
        PartialDate(2019, 6, 3).to_seconds(),
    )
    assert idx.next_event(0.0, 1, current=3) == 0  # 2018, April 2019, 4 April ...
    with pytest.raises(ValueError):
        EventIndex.build(Document(events=doc.events[:2]), ls)


def test_moving_one_event_gives_the_index_a_full_build_gives() -> None:
    """An edit of one event's dates reuses every other event's seconds: the result must
    answer every query as an index built from scratch does."""
    from dataclasses import replace

    rng = np.random.default_rng(5)
    events = []
    for i in range(400):
        year = int(rng.integers(2015, 2021))
        start = PartialDate(year, int(rng.integers(1, 13)), int(rng.integers(1, 28)))
        end = PartialDate(year + 1, 6, 1) if i % 5 == 0 else None
        events.append(Event(f"e{i}", "", start, end, [["a"], ["b"], ["a", "b"]][i % 3]))
    doc = Document("t", [], [Actor("a"), Actor("b")], events)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    for i, moved in ((7, replace(events[7], start=PartialDate(2030, 1, 1))),
                     (10, replace(events[10], end=PartialDate(2029, precision=Precision.YEAR))),
                     (12, replace(events[12], start=PartialDate(2014, 2, 3), end=None))):
        doc.events[i] = moved
        index = index.with_event_moved(i, moved, lanes.event_lanes, len(lanes.lanes))
        fresh = EventIndex.build(doc, lanes)
        assert np.array_equal(index.starts, fresh.starts)
        assert np.array_equal(index.ends, fresh.ends)
        assert index.time_range() == fresh.time_range()
        for lane in range(2):
            for t0, t1 in ((1.4e9, 1.9e9), (1.5e9, 1.52e9), (1.8e9, 1.95e9)):
                assert sorted(index.visible(lane, t0, t1)) == sorted(fresh.visible(lane, t0, t1))
                assert np.array_equal(index.density(lane, t0, t1, 50),
                                      fresh.density(lane, t0, t1, 50))
        assert index.next_event(1.6e9, +1) == fresh.next_event(1.6e9, +1)


@settings(max_examples=300, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from([0, 1, 3, 9, 30, 200]),
                  st.sets(st.integers(0, 3), max_size=2)),
        max_size=60),
    t0=st.integers(-250, 60), at=st.none() | st.tuples(st.integers(0, 59), st.booleans()),
    width=st.integers(-2, 300), cap=st.integers(0, 12),
    asked=st.one_of(st.none(), st.lists(st.integers(0, 3), unique=True)),
)
def test_every_lane_at_once_is_each_lane_by_itself(data, t0, at, width, cap, asked) -> None:
    """``in_view`` (one search of every lane's duration classes together) counts and
    lists what ``count_visible`` and the brute-force reference give lane by lane."""
    starts = np.array([float(s) for s, _, _ in data])
    ends = starts + np.array([float(d) for _, d, _ in data])
    lanes = [sorted(ls) for _, _, ls in data]
    if at is not None and data:  # a view from an event's start or end exactly
        k, at_end = at
        t0 = int((ends if at_end else starts)[k % len(data)])
    idx = EventIndex.from_arrays(starts, ends, lanes, 4)
    t0f, t1f = float(t0), float(t0 + width)
    counts, visible = idx.in_view(t0f, t1f, cap, asked)
    for k, lane in enumerate(range(4) if asked is None else asked):
        ref = ref_visible(starts, ends, lanes, lane, t0f, t1f) if t1f > t0f else []
        assert counts[k] == len(ref) == idx.count_visible(lane, t0f, t1f)
        if 0 < len(ref) <= cap:
            assert visible[k].tolist() == sorted(ref)  # by document index
        else:
            assert visible[k] is None
    assert len(counts) == len(visible) == (4 if asked is None else len(asked))


@pytest.mark.parametrize("seed", [1, 2])
def test_every_lane_at_once_on_large_random_data(seed: int) -> None:
    starts, ends, lanes = random_data(seed, 5000)
    idx = EventIndex.from_arrays(starts, ends, lanes, N_LANES)
    rng = np.random.default_rng(seed + 200)
    for t0, t1 in random_windows(rng, starts, 40):
        counts, visible = idx.in_view(t0, t1, 10**9, [3, 1, 0, 2])
        for k, lane in enumerate([3, 1, 0, 2]):
            assert counts[k] == idx.count_visible(lane, t0, t1)
            got = [] if visible[k] is None else visible[k].tolist()
            assert got == sorted(idx.visible(lane, t0, t1).tolist())
