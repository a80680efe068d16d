"""Ranges longer than the view are summarised in the first row of their lane: a band
across the view with their count and what they are, in that lane and no other."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import LaneBox, layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.render_style import RenderStyle
from timeline_app.gui.timeline.renderer import TimelineRenderer

W = 900


def test_each_lane_shows_its_own_long_ranges(qapp: QApplication) -> None:
    def ranges(actor: str, n: int) -> list[Event]:
        return [Event(f"{actor}-{k}", f"War {k}", PartialDate(2019, 1 + k),
                      PartialDate(2021, 12 - k), actors=[actor]) for k in range(n)]

    doc = Document("t", [], [Actor("a", "A"), Actor("b", "B"), Actor("c", "C")],
                   [*ranges("a", 4), Event("b-1", "Visit", PartialDate(2018, 6, 2), actors=["b"]),
                    *ranges("c", 9)])
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    geo = FrameGeometry()
    area = W - int(geo.gutter)
    t0 = PartialDate(2020, 6, 1).to_seconds()
    frame = layout_frame(doc, lanes, index, TimeScale(t0, 5 * 86400 / area, area), W, 400,
                         lambda s: 7.0 * len(s), geometry=geo, lane_heights=[100, 100, 100])
    assert [lane.ongoing for lane in frame.lanes] == [4, 0, 9]
    style = RenderStyle.from_palette(QPalette())
    image = QImage(W, int(frame.height), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    TimelineRenderer(style).paint(painter, frame, doc)
    painter.end()

    def row(lane: LaneBox) -> tuple[int, int]:  # the first row's band, top to bottom
        top = lane.y0 + geo.lane_padding / 2 + (geo.row_height - geo.bar_height) / 2
        return int(top) + 1, int(top + geo.bar_height) - 1

    def band(lane: LaneBox, x0: int, x1: int) -> set[int]:
        y0, y1 = row(lane)
        return {image.pixel(x, y) for x in range(x0, x1) for y in range(y0, y1)}

    ground = {style.background.rgb(), style.lane_alt.rgb(), style.grid.rgb(),
              style.grid_major.rgb()}
    start = int(frame.x_origin)
    for lane in frame.lanes:
        right_end = band(lane, W - 6, W - 2)  # the band's own colour, past any words
        count = band(lane, start + 8, start + 20)  # "+ N"
        words = band(lane, start + 40, start + 200)
        if lane.ongoing:
            assert right_end - ground, lane.index  # the band is there
            assert len(count) > 3 and len(words) > 3, lane.index  # and text in it
        else:
            assert right_end <= ground and count <= ground and words <= ground
    # The two counts differ ("+ 4" and "+ 9"): each lane has its own.
    first, last = frame.lanes[0], frame.lanes[2]
    y0, y1 = row(first)
    z0, _ = row(last)
    assert any(image.pixel(x, y) != image.pixel(x, y - y0 + z0)
               for x in range(start + 8, start + 24) for y in range(y0, y1)
               if QColor(image.pixel(x, y)).lightness() < 200)
