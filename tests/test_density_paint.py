"""A lane too full to draw event by event is painted as a histogram whose bars are as
tall as the layout's counts say, read back from the painted pixels."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import layout_frame
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


@pytest.mark.parametrize("lane_height", [90, 300, 700])  # 700: taller than kept columns
def test_density_bars_are_as_tall_as_their_counts(qapp: QApplication, lane_height: int) -> None:
    per_day = [40, 0, 7, 120, 1, 65, 0, 33, 90, 12, 0, 3, 150, 25, 77, 9, 0, 0, 46, 5]
    doc = crowded(per_day)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    geo = FrameGeometry(max_markers_per_lane=10)
    area = W - int(geo.gutter)
    t0 = PartialDate(2020, 3, 1).to_seconds()
    scale = TimeScale(t0, len(per_day) * 86400 / area, area)
    frame = layout_frame(doc, lanes, index, scale, W, lane_height + 100, lambda s: 7.0 * len(s),
                         geometry=geo, lane_heights=[lane_height, 60])
    lane = frame.lanes[0]
    assert lane.density is not None and int(lane.density.sum()) == sum(per_day)
    style = RenderStyle.from_palette(QPalette())
    image = QImage(W, int(frame.height), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    TimelineRenderer(style).paint(painter, frame, doc)
    painter.end()
    counts = lane.density.tolist()
    peak = max(counts)
    bottom = lane.y1 - 6
    h = max(4, int(bottom - (lane.y0 + 22)))
    bar = mix(style.background, style.highlight, 0.75).rgb()
    for i, count in enumerate(counts):
        x = int(lane.density_x0 + (i + 0.5) * lane.density_bin_px)
        painted = [y for y in range(int(lane.y0), int(lane.y1)) if image.pixel(x, y) == bar]
        want = 0 if count == 0 else max(2, math.ceil(h * count / peak))
        assert len(painted) == want, (i, count)
        if want:  # one bar, standing on the strip's bottom
            assert painted == list(range(int(bottom) - want, int(bottom)))
