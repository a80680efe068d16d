"""The layout of one frame, headless: rows, labels, hit-testing and density at scale."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from timeline_app.core.dates.partial import PartialDate, Precision, parse_iso
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame_layout import Frame, HitKind, layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale

W, H = 1600, 900


def measure(text: str) -> float:
    return 7.0 * len(text)


def frame_for(doc: Document, t0: float, t1: float, group: GroupBy = GroupBy.ACTOR,
              selected: int = -1) -> Frame:
    lanes = build_lanes(doc, group)
    index = EventIndex.build(doc, lanes)
    area = W - 176
    scale = TimeScale(t0, (t1 - t0) / area, area)
    return layout_frame(doc, lanes, index, scale, W, H, measure, selected=selected)


def secs(iso: str) -> float:
    return parse_iso(iso).to_seconds()


@pytest.fixture
def small_doc() -> Document:
    actors = [Actor("a", "Alpha"), Actor("b", "Bravo")]
    events = [
        Event("long", "A long offensive", parse_iso("2019-04-04"), parse_iso("2020-06-04"),
              ["a", "b"]),
        Event("p1", "First point", parse_iso("2019-06-01"), None, ["a"]),
        Event("p2", "Second point, close to the first", parse_iso("2019-06-02"), None, ["a"]),
        Event("month", "Something in August", parse_iso("2019-08"), None, ["b"]),
    ]
    return Document("t", [], actors, events)


def test_every_visible_event_is_placed_and_rows_never_overlap(small_doc: Document) -> None:
    frame = frame_for(small_doc, secs("2019-01-01"), secs("2020-12-31"))
    assert [lane.label for lane in frame.lanes] == ["Alpha", "Bravo"]
    placed = {(m.index, m.lane) for m in frame.markers}
    assert placed == {(0, 0), (0, 1), (1, 0), (2, 0), (3, 1)}
    for lane in range(2):
        boxes = [m for m in frame.markers if m.lane == lane]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if a.y0 == b.y0:  # same row: extents must not overlap
                    a_end = max(a.x1, a.label_x + a.label_width)
                    b_end = max(b.x1, b.label_x + b.label_width)
                    a_start, b_start = min(a.x0, a.label_x), min(b.x0, b.label_x)
                    assert a_end <= b_start or b_end <= a_start


def test_month_precision_spans_its_month(small_doc: Document) -> None:
    frame = frame_for(small_doc, secs("2019-01-01"), secs("2020-12-31"))
    box = frame.marker_for(3)
    assert box is not None
    assert box.band_x0 == pytest.approx(frame.x_of(secs("2019-08-01")))
    assert box.band_x1 == pytest.approx(frame.x_of(secs("2019-09-01")))
    assert box.band_x0 < (box.x0 + box.x1) / 2 < box.band_x1


def test_hit_anywhere_on_a_long_bar_finds_it(small_doc: Document) -> None:
    frame = frame_for(small_doc, secs("2019-01-01"), secs("2020-12-31"))
    bar = frame.marker_for(0)
    assert bar is not None and bar.x1 - bar.x0 > 800
    y = (bar.y0 + bar.y1) / 2
    for x in (bar.x0 + 2, (bar.x0 + bar.x1) / 2, bar.x1 - 2):
        hit = frame.hit(x, y)
        assert hit.kind is HitKind.EVENT and hit.index == 0
    p1 = frame.marker_for(1)
    assert p1 is not None
    hit = frame.hit((p1.x0 + p1.x1) / 2, (p1.y0 + p1.y1) / 2)
    assert hit.index == 1
    lane = frame.lanes[1]
    assert frame.hit(frame.x_origin + 5, lane.y1 - 2).kind is HitKind.LANE
    assert frame.hit(5, lane.y1 - 2).kind is HitKind.NONE


def test_labels_flip_left_at_the_right_edge() -> None:
    doc = Document("t", [], [Actor("a", "A")],
                   [Event("late", "A label that would run off the edge", parse_iso("2020-12-20"),
                          None, ["a"])])
    frame = frame_for(doc, secs("2020-01-01"), secs("2020-12-31"))
    box = frame.marker_for(0)
    assert box is not None and box.label
    assert box.label_x + box.label_width <= box.x0
    assert box.label_x >= frame.x_origin


def test_crowded_lane_gets_overflow_marker_and_expands() -> None:
    events = [Event(f"e{i}", f"Event number {i}", parse_iso("2020-03-01"), None, ["a"])
              for i in range(60)]
    doc = Document("t", [], [Actor("a", "A"), Actor("b", "B")], events)
    frame = frame_for(doc, secs("2020-01-01"), secs("2020-06-01"))
    lane = frame.lanes[0]
    shown = sum(1 for m in frame.markers if m.lane == 0)
    assert lane.overflow and shown + sum(o.count for o in lane.overflow) == 60
    o = lane.overflow[0]
    assert frame.hit(o.x + 2, (o.y0 + o.y1) / 2).kind is HitKind.OVERFLOW
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    area = W - 176
    scale = TimeScale(secs("2020-01-01"), (secs("2020-06-01") - secs("2020-01-01")) / area, area)
    expanded = layout_frame(doc, lanes, index, scale, W, H, measure, expanded_lane=0)
    assert sum(1 for m in expanded.markers if m.lane == 0) > shown


def big_document(n: int, seed: int = 7) -> Document:
    """Bursty (denser early), 8 actors, 20% ranges, fixed seed."""
    rng = random.Random(seed)
    actors = [Actor(f"a{i}", f"Actor {i}") for i in range(8)]
    first = date(2015, 1, 1).toordinal()
    events = []
    for i in range(n):
        day = first + int(rng.random() ** 2 * 3650)
        start = PartialDate.from_date(date.fromordinal(day), Precision.DAY)
        end = None
        if rng.random() < 0.2:
            end = PartialDate.from_date(date.fromordinal(day + rng.randint(1, 60)))
        events.append(Event(f"e{i}", f"Event {i}", start, end, [actors[rng.randrange(8)].id]))
    return Document("big", [], actors, events)


@pytest.mark.slow
def test_100k_events_density_bins_sum_and_zooming_in_shows_events() -> None:
    doc = big_document(100_000)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    t0, t1 = secs("2015-01-01"), secs("2025-01-01")
    area = W - 176
    scale = TimeScale(t0, (t1 - t0) / area, area)
    frame = layout_frame(doc, lanes, index, scale, W, H, measure)
    starts = index.starts
    for lane_i, lane in enumerate(frame.lanes):
        assert lane.density is not None
        members = np.array([i for i, ls in enumerate(lanes.event_lanes) if lane_i in ls])
        in_range = int(((starts[members] >= t0) & (starts[members] < t1)).sum())
        assert int(lane.density.sum()) == in_range
    # zoom into a single day: individual events appear and can be clicked
    day = secs("2016-03-10")
    scale = TimeScale(day - 86400, 3 * 86400 / area, area)
    frame = layout_frame(doc, lanes, index, scale, W, H, measure)
    assert all(lane.density is None for lane in frame.lanes)
    assert frame.markers
    box = next(m for m in frame.markers if not m.is_range)
    hit = frame.hit((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    assert hit.kind is HitKind.EVENT
    assert doc.events[hit.index].start.to_seconds() == doc.events[box.index].start.to_seconds()


def test_events_longer_than_the_view_are_summarised_so_zooming_in_shows_events() -> None:
    year_dates = [Event(f"y{i}", f"Sometime in 2020 #{i}", parse_iso("2020"), None, ["a"])
                  for i in range(500)]
    sieges = [Event(f"s{i}", f"Siege {i}", parse_iso("2019-01-01"), parse_iso("2021-01-01"),
                    ["a"]) for i in range(50)]
    day_events = [Event(f"d{i}", f"Clash {i}", parse_iso("2020-03-10"), None, ["a"])
                  for i in range(3)]
    doc = Document("t", [], [Actor("a", "A")], year_dates + sieges + day_events)
    frame = frame_for(doc, secs("2020-03-09"), secs("2020-03-12"))
    lane = frame.lanes[0]
    assert lane.density is None
    assert lane.ongoing == 550
    shown = {doc.events[m.index].id for m in frame.markers}
    assert shown == {"d0", "d1", "d2"}
    # the summary takes the first row; events start below it
    assert min(m.y0 for m in frame.markers) > lane.y0 + frame.geometry.row_height
    # zoomed out to the whole year, the year-precision dates are in view as events again
    wide = frame_for(doc, secs("2018-06-01"), secs("2021-06-01"))
    assert wide.lanes[0].density is not None  # 553 events in view: a density strip


def test_label_of_a_marker_left_of_the_view_stays_at_the_left_edge() -> None:
    doc = Document("t", [], [Actor("a", "A")],
                   [Event("e", "Long label of an event before the view", parse_iso("2020-03-01"),
                          None, ["a"])])
    t0 = secs("2020-03-01") + 20 * 3600  # the marker (noon on 1 March) is left of the view
    frame = frame_for(doc, t0, t0 + 2 * 86400)
    box = frame.marker_for(0)
    assert box is not None and box.x1 < frame.x_origin
    assert box.label_x >= frame.x_origin


def test_a_preview_draws_one_event_at_other_dates_without_touching_the_document(
    small_doc: Document,
) -> None:
    from dataclasses import replace

    t0, t1 = secs("2019-01-01"), secs("2020-12-31")
    lanes = build_lanes(small_doc, GroupBy.ACTOR)
    index = EventIndex.build(small_doc, lanes)
    area = W - 176
    scale = TimeScale(t0, (t1 - t0) / area, area)
    before = list(small_doc.events)
    moved = replace(small_doc.events[3], start=parse_iso("2020-02"))
    frame = layout_frame(small_doc, lanes, index, scale, W, H, measure, preview=(3, moved))
    box = frame.marker_for(3)
    assert box is not None
    assert box.band_x0 == pytest.approx(frame.x_of(secs("2020-02-01")))
    assert box.band_x1 == pytest.approx(frame.x_of(secs("2020-03-01")))
    resized = replace(small_doc.events[0], end=parse_iso("2019-12-31"))
    bar = layout_frame(small_doc, lanes, index, scale, W, H, measure,
                       preview=(0, resized)).marker_for(0)
    assert bar is not None and bar.x1 == pytest.approx(frame.x_of(secs("2020-01-01")))
    assert small_doc.events == before
    plain = frame_for(small_doc, t0, t1).marker_for(3)
    assert plain is not None and plain.band_x0 == pytest.approx(frame.x_of(secs("2019-08-01")))


@pytest.mark.parametrize("height", [40, 60, 90])
def test_a_plus_n_marker_never_covers_a_label_even_in_a_lane_of_one_row(height: int) -> None:
    """Six actors in a short window: some lanes get a single row, where the "+N" markers
    share the row with the labels."""
    actors = [Actor(f"a{k}", f"Actor {k}") for k in range(6)]
    events = [Event(f"e{k}-{i}", f"Event {i} of actor {k}", parse_iso(f"2020-03-{1 + i:02d}"),
                    None, [f"a{k}"]) for k in range(6) for i in range(20)]
    doc = Document("t", [], actors, events)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    area = W - 176
    t0, t1 = secs("2020-02-25"), secs("2020-03-25")
    frame = layout_frame(doc, lanes, index, TimeScale(t0, (t1 - t0) / area, area), W, height * 6,
                         measure)
    badges = [b for lane in frame.lanes for b in lane.overflow]
    assert badges, "the window is small enough for +N markers"
    for box in frame.markers:
        if not box.label:
            continue
        for b in badges:
            same_row = b.y0 < (box.y0 + box.y1) / 2 < b.y1
            assert not (same_row and box.label_x < b.x + b.width
                        and b.x < box.label_x + box.label_width), (box.label, b)
