"""A lane too full to draw event by event is painted as a histogram whose bars are as
tall as the layout's counts say, and a lane with more events than rows shows its "+N"
pills where the layout puts them: both read back from the painted pixels."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import Frame, LaneBox, layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.render_style import RenderStyle, mix
from timeline_app.gui.timeline.renderer import TimelineRenderer

W = 900


def crowded(per_day: list[int]) -> Document:
    """One lane; ``per_day[d]`` point events on day ``d`` of March 2020 (a second lane
    of one event, so that both lane colours are drawn)."""
    events = [Event(f"e{d}-{k}", f"Clash {k}", PartialDate(2020, 3, 1 + d, 10, 0), actors=["a"])
              for d, n in enumerate(per_day) for k in range(n)]
    events.append(Event("lone", "Lone", PartialDate(2020, 3, 2), actors=["b"]))
    return Document("t", [], [Actor("a", "A"), Actor("b", "B")], events)


def crowded_lanes(per_day: list[list[int]]) -> Document:
    """A lane per list; ``per_day[lane][d]`` point events on day ``d`` of March 2020."""
    actors = [Actor(f"a{i}", f"A{i}") for i in range(len(per_day))]
    events = [Event(f"e{i}-{d}-{k}", f"Clash {k}", PartialDate(2020, 3, 1 + d, 10, 0),
                    actors=[f"a{i}"])
              for i, days in enumerate(per_day) for d, n in enumerate(days) for k in range(n)]
    return Document("t", [], actors, events)


def assert_bars_as_tall_as_counts(image: QImage, lane: LaneBox, style: RenderStyle) -> None:
    assert lane.density is not None
    counts = lane.density.tolist()
    peak = max(counts)
    bottom = lane.y1 - 6
    h = max(4, int(bottom - (lane.y0 + 22)))
    base = style.lane_alt if lane.index % 2 else style.background
    bar = mix(base, style.highlight, 0.75).rgb()
    for i, count in enumerate(counts):
        x = int(lane.density_x0 + (i + 0.5) * lane.density_bin_px)
        painted = [y for y in range(int(lane.y0), int(lane.y1)) if image.pixel(x, y) == bar]
        want = 0 if count == 0 else max(2, math.ceil(h * count / peak))
        assert len(painted) == want, (lane.index, i, count)
        if want:  # one bar, standing on the strip's bottom
            assert painted == list(range(int(bottom) - want, int(bottom)))


def painted_frame(doc: Document, heights: list[float], days: int) -> tuple[QImage, Frame,
                                                                           RenderStyle]:
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    geo = FrameGeometry(max_markers_per_lane=10)
    area = W - int(geo.gutter)
    t0 = PartialDate(2020, 3, 1).to_seconds()
    scale = TimeScale(t0, days * 86400 / area, area)
    frame = layout_frame(doc, lanes, index, scale, W, sum(heights) + geo.axis_height,
                         lambda s: 7.0 * len(s), geometry=geo, lane_heights=heights)
    style = RenderStyle.from_palette(QPalette())
    image = QImage(W, int(frame.height), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    TimelineRenderer(style).paint(painter, frame, doc)
    painter.end()
    return image, frame, style


@pytest.mark.parametrize("lane_height", [90, 300, 700])  # 700: taller than kept columns
def test_density_bars_are_as_tall_as_their_counts(qapp: QApplication, lane_height: int) -> None:
    per_day = [40, 0, 7, 120, 1, 65, 0, 33, 90, 12, 0, 3, 150, 25, 77, 9, 0, 0, 46, 5]
    doc = crowded(per_day)
    image, frame, style = painted_frame(doc, [lane_height, 60], len(per_day))
    lane = frame.lanes[0]
    assert lane.density is not None and int(lane.density.sum()) == sum(per_day)
    assert_bars_as_tall_as_counts(image, lane, style)


def test_every_strip_of_a_frame_has_its_own_bars(qapp: QApplication) -> None:
    """Strips of one height and colour are drawn together: each still shows its own
    counts against its own peak, in its lane's colour (lanes 0 and 2 share both; lane 1
    has the other colour, lane 3 another height)."""
    per_day = [
        [40, 0, 7, 120, 1, 65, 0, 33, 90, 12, 0, 3, 150, 25, 77, 9, 0, 0, 46, 5],
        [3, 30, 0, 12, 12, 60, 8, 0, 0, 41, 17, 2, 9, 99, 0, 5, 5, 1, 0, 20],
        [0, 0, 0, 25, 200, 13, 0, 0, 6, 7, 8, 0, 0, 0, 31, 64, 2, 2, 2, 11],
        [15, 15, 15, 0, 0, 0, 90, 45, 22, 11, 5, 2, 1, 0, 0, 0, 0, 3, 33, 66],
    ]
    image, frame, style = painted_frame(crowded_lanes(per_day), [120, 120, 120, 200],
                                        len(per_day[0]))
    for lane, days in zip(frame.lanes, per_day, strict=True):
        assert lane.density is not None and int(lane.density.sum()) == sum(days)
        assert_bars_as_tall_as_counts(image, lane, style)


def test_each_plus_n_pill_is_drawn_where_the_frame_puts_it(qapp: QApplication) -> None:
    """A lane with more events than rows, not crowded enough for a histogram: its "+N"
    pills are painted at their boxes (read back from the pixels: the pill's fill across
    its middle, none of it just above)."""
    doc = crowded([3, 0, 4, 0, 2, 5, 0, 3, 0, 4, 2, 0, 3, 0, 0, 4, 0, 2, 3, 0])
    lanes = build_lanes(doc, GroupBy.ACTOR)
    geo = FrameGeometry()
    area = W - int(geo.gutter)
    scale = TimeScale(PartialDate(2020, 3, 1).to_seconds(), 20 * 86400 / area, area)
    frame = layout_frame(doc, lanes, EventIndex.build(doc, lanes), scale, W,
                         geo.axis_height + 120, lambda s: 7.0 * len(s), geometry=geo,
                         lane_heights=[90, 30])
    style = RenderStyle.from_palette(QPalette())
    image = QImage(W, int(frame.height), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    TimelineRenderer(style).paint(painter, frame, doc)
    painter.end()
    lane = frame.lanes[0]
    assert lane.density is None and len(lane.overflow) >= 5
    pill_fill = style.axis_background.rgb()
    for pill in lane.overflow:
        span = range(int(pill.x) + 1, int(pill.x + pill.width) - 1)
        middle = [image.pixel(x, int((pill.y0 + pill.y1) / 2)) for x in span]
        above = [image.pixel(x, int(pill.y0) - 3) for x in span]
        assert middle.count(pill_fill) >= 4 and pill_fill not in above, pill


def test_a_strips_peak_is_written_centred_over_its_highest_bar(qapp: QApplication) -> None:
    """"peak N" above a histogram, its middle over the middle of the highest bar (it is
    measured in the small font it is written in)."""
    per_day = [2] * 9 + [180] + [3] * 10
    image, frame, _ = painted_frame(crowded(per_day), [160, 40], len(per_day))
    lane = frame.lanes[0]
    assert lane.density is not None
    peak_bin = int(lane.density.argmax())
    centre = lane.density_x0 + (peak_bin + 0.5) * lane.density_bin_px
    top = int(lane.y0 + 22)  # the strip's top: the peak is written just above it
    ink = [x for x in range(int(frame.x_origin), W)
           if any(image.pixelColor(x, y).lightness() < 100 for y in range(top - 18, top - 4))]
    assert ink, "no peak written"
    assert abs((ink[0] + ink[-1] + 1) / 2 - centre) <= 1.5, (ink[0], ink[-1], centre)
