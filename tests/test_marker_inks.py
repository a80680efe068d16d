"""The renderer keeps the pens, brushes and colours of bars, spans and bands by look;
whatever it drew before, a frame comes out as a renderer drawing it afresh draws it:
selected, hovered, approximate, with uncertain ends, in one lane's colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import Frame, layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.render_style import RenderStyle
from timeline_app.gui.timeline.renderer import TimelineRenderer

W, H = 1000, 420
SPECS = [  # id, start, end: every look of a marker, all of one actor (one colour)
    ("range", "2020-02-01", "2020-04-20"),
    ("uncertain ends", "2020-01", "2020-03"),
    ("approximate range", "2020-02-10~", "2020-03-01"),
    ("month", "2020-03", None),
    ("approximate month", "2020-05~", None),
    ("day", "2020-01-20", None),
    ("approximate day", "2020-01-10~", None),
]


def frame_of(selected: int) -> tuple[Document, Frame]:
    events = [Event(i, i, parse_iso(start), parse_iso(end) if end else None, ["a"])
              for i, start, end in SPECS]
    doc = Document("t", [], [Actor("a", "A", color="#0072B2")], events)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    geo = FrameGeometry()
    area = W - int(geo.gutter)
    t0 = parse_iso("2019-12-15").to_seconds()  # type: ignore[union-attr]
    scale = TimeScale(t0, 180 * 86400 / area, area)
    frame = layout_frame(doc, lanes, EventIndex.build(doc, lanes), scale, W, H,
                         lambda s: 7.0 * len(s), geometry=geo, selected=selected)
    assert len(frame.markers) == len(SPECS)
    return doc, frame


def painted(renderer: TimelineRenderer, doc: Document, frame: Frame, hover: int) -> QImage:
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    renderer.paint(painter, frame, doc, hover=hover)
    painter.end()
    return image


def test_kept_pens_and_brushes_draw_what_fresh_ones_draw(qapp: QApplication) -> None:
    style = RenderStyle.from_palette(QPalette())
    kept = TimelineRenderer(style)
    looks = [(-1, -1)] + [(k, -1) for k in range(len(SPECS))] + [
        (-1, k) for k in range(len(SPECS))] + [(0, 1), (-1, -1)]
    for selected, hover in looks:
        doc, frame = frame_of(selected)
        fresh = painted(TimelineRenderer(style), doc, frame, hover)
        assert painted(kept, doc, frame, hover) == fresh, (selected, hover)
    assert len(kept._inks) >= 8  # the looks were kept


@pytest.mark.parametrize("selected", [0, 3])
def test_a_selected_marker_looks_selected_after_unselected_ones(
        qapp: QApplication, selected: int) -> None:
    """(Kept by look, the outline of a selected bar or span is not the one kept for its
    colour unselected: the frames differ where the selection is.)"""
    style = RenderStyle.from_palette(QPalette())
    renderer = TimelineRenderer(style)
    doc, plain = frame_of(-1)
    before = painted(renderer, doc, plain, -1)
    doc, frame = frame_of(selected)
    assert painted(renderer, doc, frame, -1) != before
