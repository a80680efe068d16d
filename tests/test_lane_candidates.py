"""The vectorised lane layout gives exactly the frame of the per-event loop it replaced."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view import frame_layout
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.event_traits import EventTraits
from timeline_app.core.view.frame import Frame, FrameGeometry
from timeline_app.core.view.label_place import place_labels
from timeline_app.core.view.lane_candidates import (
    frame_candidates,
    frame_candidates_loop,
    lane_candidates_loop,
)
from timeline_app.core.view.lanes import (
    GroupBy,
    build_lanes,
    pack_labels,
    pack_rows,
    surely_overflows,
)
from timeline_app.core.view.timescale import TimeScale

ACTORS = ["a", "b", "c", "d"]
YEAR = 365.2425 * 86400


def measure(text: str) -> float:
    return 6.5 * len(text) + 0.25 * text.count("w")


@st.composite
def dates(draw: st.DrawFn) -> PartialDate:
    return PartialDate(2018 + draw(st.integers(0, 3)), draw(st.integers(1, 12)),
                       draw(st.integers(1, 28)), draw(st.integers(0, 23)),
                       draw(st.integers(0, 59)), Precision(draw(st.integers(0, 3))),
                       draw(st.booleans()), uncertain=draw(st.booleans()))


@st.composite
def events(draw: st.DrawFn, i: int) -> Event:
    start = draw(dates())
    end = draw(st.none() | dates())
    if end is not None and end.sort_key() < start.sort_key():
        start, end = end, start
    actors = draw(st.lists(st.sampled_from(ACTORS), max_size=3, unique=True))
    title = draw(st.text("abwxyz ", min_size=0, max_size=60))
    open_end = end is None and draw(st.booleans())
    return Event(f"e{i}", title, start, end, actors, open_end=open_end)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    n = draw(st.integers(0, 70))
    evs = [draw(events(i)) for i in range(n)]
    return Document("t", [], [Actor(a, a.upper()) for a in ACTORS], evs)


def layout(doc: Document, group: GroupBy, t_mid: float, span: float, width: int,
           selected: int, geo: FrameGeometry, edge_claims: bool,
           preview: tuple[int, Event] | None, traits: EventTraits | None = None) -> Frame:
    lanes = build_lanes(doc, group)
    index = EventIndex.build(doc, lanes)
    area = width - int(geo.gutter)
    scale = TimeScale(t_mid - span / 2, span / area, area)
    return frame_layout.layout_frame(doc, lanes, index, scale, width, 700, measure,
                                     geometry=geo, selected=selected,
                                     edge_claims=edge_claims, preview=preview,
                                     traits=traits)


def slow_layout(*args: object, traits: EventTraits | None = None) -> Frame:
    """``layout`` with every lane's candidates made one event at a time (the loop), and
    every lane packed into all its rows first (no shortcut for crowded lanes)."""
    try:
        frame_layout.frame_candidates = frame_candidates_loop
        frame_layout.surely_overflows = lambda *args: False  # type: ignore[assignment]
        return layout(*args, traits=traits)  # type: ignore[arg-type]
    finally:
        frame_layout.frame_candidates = frame_candidates
        frame_layout.surely_overflows = surely_overflows


def frame_state(frame: Frame) -> tuple:
    """Everything a frame says about its lanes and events (arrays as lists)."""
    lanes = [(lane.key, lane.y0, lane.y1, lane.in_view, lane.rows, lane.ongoing,
              None if lane.density is None else lane.density.tolist(), lane.overflow)
             for lane in frame.lanes]
    return lanes, frame.markers


@settings(max_examples=60, deadline=None)
@given(documents(), st.sampled_from(list(GroupBy)), st.floats(0.0, 1.0),
       st.sampled_from([3600.0, 86400.0, 30 * 86400.0, YEAR, 4 * YEAR]),
       st.integers(500, 2600), st.integers(-1, 80), st.integers(0, 40), st.booleans(),
       st.booleans(), st.data())
def test_the_vectorised_layout_gives_the_frame_of_the_loop(
    doc: Document, group: GroupBy, where: float, span: float, width: int, selected: int,
    max_labels: int, edge_claims: bool, with_preview: bool, data: st.DataObject,
) -> None:
    t_mid = PartialDate(2018, 1, 1).to_seconds() + where * 4 * YEAR
    geo = replace(FrameGeometry(), max_labels=max_labels, max_markers_per_lane=50)
    selected = selected if selected < len(doc.events) else -1
    preview = None
    if with_preview and doc.events:
        i = data.draw(st.integers(0, len(doc.events) - 1))
        preview = (i, replace(doc.events[i], start=data.draw(dates()), end=None))
    kept = EventTraits()  # kept across the frames below, as the view keeps it

    def frames() -> tuple[tuple, ...]:
        args = (doc, group, t_mid, span, width, selected, geo, edge_claims, preview)
        fast = frame_state(layout(*args))
        kept_once = frame_state(layout(*args, traits=kept))
        kept_twice = frame_state(layout(*args, traits=kept))
        return frame_state(slow_layout(*args)), fast, kept_once, kept_twice

    slow, *others = frames()
    assert all(other == slow for other in others)
    if doc.events:  # edited in place, as the session does: the kept traits go stale
        i = data.draw(st.integers(0, len(doc.events) - 1))
        doc.events[i] = replace(data.draw(events(i)), id=doc.events[i].id)
        if data.draw(st.booleans()):
            doc.events.reverse()  # every position another event, the same number
        else:
            doc.events.insert(i, data.draw(events(len(doc.events))))
        slow, *others = frames()
        assert all(other == slow for other in others)


@settings(max_examples=100, deadline=None)
@given(documents(), st.floats(-200.0, 2000.0), st.floats(0.01, 5000.0), st.integers(-3, 30),
       st.booleans(), st.booleans(), st.booleans(), st.data())
def test_the_candidates_are_those_of_the_loop(
    doc: Document, shift: float, spp: float, labels_left: int, by_actor: bool,
    edge_claims: bool, labelled_by_index: bool, data: st.DataObject,
) -> None:
    """Straight on the candidates, with views far off (markers beyond both edges): the
    document's events in two lanes, given labels as ``budgets`` says (the second lane's
    candidates are read past the first's in the shared columns)."""
    visible = np.arange(len(doc.events))
    base = PartialDate(2018, 1, 1).to_seconds()
    x_starts = [(ev.start_seconds() - base) / spp / 3000 + shift for ev in doc.events]
    x_ends = [(ev.end_seconds() - base) / spp / 3000 + shift for ev in doc.events]
    selected = data.draw(st.integers(-1, max(len(visible) - 1, -1)))
    label_of = (lambda i: f"[{i}] {doc.events[i].title}") if labelled_by_index else None
    geo = FrameGeometry()
    budgets = [labels_left, data.draw(st.integers(0, 30))]
    lanes = frame_candidates([visible, visible], budgets, doc.events,
                             np.array(x_starts * 2), np.array(x_ends * 2), spp, geo, measure,
                             selected, label_of, by_actor, edge_claims, geo.gutter, 1500.0)
    for cands, budget in zip(lanes, budgets, strict=True):
        loop, _ = lane_candidates_loop(visible.tolist(), doc.events, x_starts, x_ends, spp,
                                       geo, measure, budget, selected, label_of, by_actor,
                                       edge_claims, geo.gutter, 1500.0)
        assert cands.tuples() == loop
        # the claims are those of the tuples, any taken
        assert cands.claims0.tolist() == [c[0] for c in loop]
        assert cands.claims1.tolist() == [c[1] for c in loop]
        ks = data.draw(st.lists(st.integers(0, max(len(visible) - 1, 0)), max_size=8))
        if len(visible):
            assert cands.take(ks) == [loop[k] for k in ks]


def lane_items(longest: int, most: int) -> st.SearchStrategy[list[tuple[float, float]]]:
    """A lane's items, ``(start, end)`` in order of start: anywhere, or on whole pixels
    (equal starts, items ending where the next one starts), up to ``longest`` long."""
    extents = st.lists(st.tuples(st.floats(-50, 400), st.floats(0, 120))
                       | st.tuples(st.integers(-50, 400).map(float),
                                   st.integers(0, longest).map(float)), max_size=most)
    return extents.map(lambda xs: sorted((x, x + w) for x, w in xs))


def preferred_rows(n: int) -> st.SearchStrategy[list[int] | None]:
    """The rows ``n`` items had in an earlier frame (-1: none), or no plan."""
    return st.none() | st.lists(st.integers(-1, 6), min_size=n, max_size=n)


@settings(max_examples=300, deadline=None)
@given(lane_items(300, 200), st.integers(0, 5), st.data())
def test_packing_one_row_labels_is_the_general_packing(
    items: list[tuple[float, float]], max_rows: int, data: st.DataObject,
) -> None:
    """The screen's packing (every label one row high, runs of items that fit in no row
    skipped by bisection) gives what the general one gives, item by item: crowded
    lanes, equal starts, items ending where the next one starts."""
    preferred = data.draw(preferred_rows(len(items)))
    fast = pack_labels(items, max_rows, preferred=preferred)
    general = pack_labels(items, max_rows, spans=[1] * len(items), preferred=preferred)
    assert fast == general


@settings(max_examples=400, deadline=None)
@given(lane_items(30, 300), st.integers(0, 5), st.data())
def test_a_lane_said_to_overflow_surely_does(
    items: list[tuple[float, float]], max_rows: int, data: st.DataObject,
) -> None:
    """``surely_overflows`` is never wrong (the layout then skips packing into every
    row), whatever rows the items would prefer, and it says so for crowded lanes."""
    starts, ends = [x for x, _ in items], [x for _, x in items]
    preferred = data.draw(preferred_rows(len(items)))
    packed = pack_rows(starts, ends, max_rows, preferred=preferred)
    if surely_overflows(np.array(starts), np.array(ends), max_rows):
        assert packed.overflow_clusters
    shortest = min((e - s for s, e in items), default=0.0)
    if items and len(items) > max(
            4 * max_rows, 2 * max_rows * (1 + (starts[-1] - starts[0]) / (shortest + 4)) + 2):
        assert surely_overflows(np.array(starts), np.array(ends), max_rows)


@pytest.mark.parametrize("rows", [1, 2, 5])
@pytest.mark.parametrize("lengths", [[0.0], [10.0], [37.5], [8.0, 120.0, 33.0, 260.5]])
def test_rows_packed_edge_to_edge_are_not_said_to_overflow(
        rows: int, lengths: list[float]) -> None:
    """The tightest lanes that fit: every row a chain of items a gap apart (of one
    length, or of short and long ones); twice as many overflow, and are said to."""
    starts, ends, row_end = [], [], [0.0] * rows
    for k in range(40 * rows):
        r = k % rows
        length = lengths[(k // rows) % len(lengths)]
        starts.append(row_end[r])
        ends.append(row_end[r] + length)
        row_end[r] += length + 4.0
    order = sorted(range(len(starts)), key=lambda k: (starts[k], k))
    starts, ends = [starts[k] for k in order], [ends[k] for k in order]
    assert not pack_rows(starts, ends, rows).overflow_clusters
    assert not surely_overflows(np.array(starts), np.array(ends), rows)
    both = sorted(zip(starts + starts, ends + ends, strict=True))
    more, more_ends = [x for x, _ in both], [x for _, x in both]
    assert surely_overflows(np.array(more), np.array(more_ends), rows)
    assert pack_rows(more, more_ends, rows).overflow_clusters


def test_a_crowded_lane_packed_once_gives_the_frame_packed_twice(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Lanes of a few rows with hundreds of events in an hour of a day's view: they
    surely overflow, and the frame is the one packing into every row first gives."""
    base = PartialDate(2020, 5, 4, 10).to_seconds()
    evs = [Event(f"e{k}", "w" * (k % 12), PartialDate(2020, 5, 4, 10, k % 60, Precision.MINUTE),
                 actors=[ACTORS[k % 4]]) for k in range(320)]
    doc = Document("t", [], [Actor(a, a.upper()) for a in ACTORS], evs)
    geo = replace(FrameGeometry(), max_markers_per_lane=500)
    said = []

    def spy(*args: object) -> bool:
        said.append(surely_overflows(*args))  # type: ignore[arg-type]
        return said[-1]

    monkeypatch.setattr(frame_layout, "surely_overflows", spy)
    args = (doc, GroupBy.ACTOR, base + 1800, 86400.0, 1600, -1, geo, False, None)
    once = frame_state(layout(*args))
    assert said and all(said)  # every lane took the shortcut
    assert once == frame_state(slow_layout(*args))
    assert all(lane.overflow for lane in layout(*args).lanes)


def test_kept_traits_follow_edits_made_in_place() -> None:
    """The session edits the document's list in place: a kept trait of an event that is
    no longer at its position is read again (replaced, reversed, inserted, removed)."""
    import random

    rng = random.Random(5)
    evs = []
    for i in range(300):
        start = PartialDate(2018 + rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28),
                            rng.randint(0, 23), 0, Precision(rng.randint(0, 3)),
                            rng.random() < 0.3)
        end = None if rng.random() < 0.6 else PartialDate(2022, rng.randint(1, 12), 1,
                                                           precision=Precision(rng.randint(0, 2)))
        actors = rng.sample(ACTORS, rng.randint(0, 3))
        evs.append(Event(f"e{i}", "w" * rng.randint(0, 30), start, end, actors))
    doc = Document("t", [], [Actor(a, a.upper()) for a in ACTORS], evs)
    geo = replace(FrameGeometry(), max_labels=400, max_markers_per_lane=500)
    args = (doc, GroupBy.ACTOR, PartialDate(2020, 1, 1).to_seconds(), 5 * YEAR, 1800, -1,
            geo, False, None)
    kept = EventTraits()
    edits = [lambda: doc.events.reverse(), lambda: doc.events.insert(7, doc.events.pop(200)),
             lambda: doc.events.__setitem__(3, replace(doc.events[3], end=None, title="x")),
             lambda: doc.events.pop(0), lambda: None]
    for edit in edits:
        edit()
        fast = frame_state(layout(*args, traits=kept))
        slow = frame_state(slow_layout(*args))
        assert slow[1] and fast == slow


@settings(max_examples=80, deadline=None)
@given(documents(), st.sampled_from(list(GroupBy)), st.floats(0.0, 1.0),
       st.sampled_from([86400.0, 30 * 86400.0, YEAR, 4 * YEAR]), st.integers(-1, 80),
       st.integers(-1, 80), st.integers(0, 40))
def test_a_frame_reselected_is_the_frame_laid_out_for_that_selection(
    doc: Document, group: GroupBy, where: float, span: float, before: int, after: int,
    max_labels: int,
) -> None:
    """A click reuses the frame when the selection changes no box; when it would (the
    labels ran out before the event), the frame says so and is laid out again."""
    t_mid = PartialDate(2018, 1, 1).to_seconds() + where * 4 * YEAR
    geo = replace(FrameGeometry(), max_labels=max_labels, max_markers_per_lane=50)
    before = before if before < len(doc.events) else -1
    after = after if after < len(doc.events) else -1

    def laid_out(selected: int) -> Frame:
        return layout(doc, group, t_mid, span, 1200, selected, geo, False, None)

    reused = laid_out(before).reselected(after)
    fresh = laid_out(after)
    if reused is not None:
        assert frame_state(reused) == frame_state(fresh) and reused.selected == after


def test_a_click_in_a_crowded_view_lays_out_again_only_when_it_must() -> None:
    """Three events a lane, one label to give: selecting the first (labelled anyway)
    reuses the frame; selecting the third, which gets a label of its own, does not."""
    evs = [Event(f"e{i}", f"Event {i}", PartialDate(2019, 3, 1 + 9 * i), actors=["a"])
           for i in range(3)]
    doc = Document("t", [], [Actor("a", "A")], evs)
    geo = replace(FrameGeometry(), max_labels=1)
    t_mid = PartialDate(2019, 3, 10).to_seconds()
    frame = layout(doc, GroupBy.ACTOR, t_mid, 60 * 86400.0, 1200, -1, geo, False, None)
    assert [m.label for m in frame.markers] == ["Event 0", None, None]
    assert frame.reselected(0) is not None
    assert frame.reselected(2) is None
    third = layout(doc, GroupBy.ACTOR, t_mid, 60 * 86400.0, 1200, 2, geo, False, None)
    assert [m.label for m in third.markers] == ["Event 0", None, "Event 2"]
    assert third.reselected(-1) is None  # its label goes again


@settings(max_examples=80, deadline=None)
@given(documents(), st.floats(0.5, 5000.0), st.integers(0, 4), st.integers(0, 30))
def test_labels_are_placed_among_the_candidates_given_a_row_alone(
    doc: Document, spp: float, max_rows: int, labels_left: int,
) -> None:
    """The layout hands ``place_labels`` only the candidates that got a row: those
    without one take no room, so each label goes where it goes among all of them."""
    base = PartialDate(2018, 1, 1).to_seconds()
    x_starts = [(ev.start_seconds() - base) / spp + 176.0 for ev in doc.events]
    x_ends = [(ev.end_seconds() - base) / spp + 176.0 for ev in doc.events]
    geo = FrameGeometry()
    cands, _ = lane_candidates_loop(list(range(len(doc.events))), doc.events, x_starts, x_ends,
                                    spp, geo, measure, labels_left, -1, None, True, False,
                                    geo.gutter, 1500.0)
    cands.sort(key=lambda c: c[0])
    rows = pack_labels([(c[0], c[1]) for c in cands], max_rows).rows
    every = place_labels(cands, rows, geo.gutter, 1500.0, geo)
    given = [k for k, row in enumerate(rows) if row >= 0]
    alone = place_labels([cands[k] for k in given], [rows[k] for k in given], geo.gutter,
                         1500.0, geo)
    assert alone == [every[k] for k in given]
