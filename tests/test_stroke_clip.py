"""The renderer gives a raster painter a clip that clips nothing out, because Qt's raster
engine then strokes the thin outlines of bars several times faster: the frames it paints
must be the very pixels of the same frames painted without it."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import Frame, layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline import renderer
from timeline_app.gui.timeline.render_style import RenderStyle

DAY = 86400.0
W, H = 1200, 700


def ranges_of_every_kind(seed: int = 5) -> Document:
    """Three lanes of ranges from a day to months long (approximate ends dashed, ends
    known to the month or year faded), open ends, points, uncertain dates."""
    rng = random.Random(seed)
    events = []
    for i in range(160):
        day = rng.randrange(1, 300)
        first = date(2020, 1, 1) + timedelta(days=day)
        start = PartialDate.from_date(first,
                                      rng.choice([Precision.DAY, Precision.DAY,
                                                  Precision.MONTH]),
                                      approximate=rng.random() < 0.3,
                                      uncertain=rng.random() < 0.1)
        end = None
        if rng.random() < 0.6:
            end = PartialDate.from_date(first + timedelta(days=rng.choice([2, 9, 40, 120])),
                                        rng.choice([Precision.DAY, Precision.MONTH]),
                                        approximate=rng.random() < 0.3)
        events.append(Event(f"e{i}", f"Event {i}", start, end,
                            actors=[rng.choice("abc")],
                            open_end=end is None and rng.random() < 0.1))
    return Document("t", [], [Actor(a, a.upper()) for a in "abc"], events)


def frames_of(doc: Document) -> list[Frame]:
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    geo = FrameGeometry()
    area = W - geo.gutter
    lo, hi = index.time_range()
    out = []
    for span in (hi - lo + DAY, 365 * DAY, 90 * DAY, 30 * DAY):
        scale = TimeScale((lo + hi) / 2 - span / 2, span / area, area)
        frame = layout_frame(doc, lanes, index, scale, W, H, lambda s: 7.0 * len(s),
                             geometry=geo)
        if frame.markers:
            frame.selected = frame.markers[len(frame.markers) // 2].index
        out.append(frame)
    return out


def painted(frame: Frame, doc: Document, style: RenderStyle, ratio: int) -> QImage:
    image = QImage(W * ratio, H * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(255, 0, 255))
    painter = QPainter(image)
    hover = frame.markers[0].index if frame.markers else -1
    renderer.TimelineRenderer(style).paint(painter, frame, doc, hover=hover)
    painter.end()
    return image


@pytest.mark.parametrize("ratio", [1, 2])
@pytest.mark.parametrize("which", ["ranges", "default"])
def test_the_clip_changes_no_pixel(qapp: QApplication, default_timeline: Path,
                                   monkeypatch: pytest.MonkeyPatch, ratio: int,
                                   which: str) -> None:
    doc = ranges_of_every_kind() if which == "ranges" else load_path(default_timeline).document
    style = RenderStyle.from_palette(QPalette())
    frames = frames_of(doc)
    outlined = [m for f in frames for m in f.markers if m.is_range]
    assert any(m.x1 - m.x0 > 300 for m in outlined)  # the long outlines it is for
    if which == "ranges":
        assert len(outlined) >= 20 and any(m.approximate for m in outlined)
    clipped = [painted(f, doc, style, ratio) for f in frames]
    calls: list[QPainter] = []
    monkeypatch.setattr(renderer, "fast_strokes", calls.append)
    for frame, image in zip(frames, clipped, strict=True):
        assert painted(frame, doc, style, ratio) == image
    assert len(calls) == len(frames)  # each frame did ask for the clip


def test_the_clip_is_given_up_with_the_frame(qapp: QApplication) -> None:
    """What the caller paints after the frame is not clipped by it, nor is a painter
    the caller clipped given another clip."""
    doc = ranges_of_every_kind()
    frame = frames_of(doc)[2]
    style = RenderStyle.from_palette(QPalette())
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    renderer.TimelineRenderer(style).paint(painter, frame, doc)
    assert not painter.hasClipping()
    painter.setClipRect(0, 0, 50, 50)
    renderer.TimelineRenderer(style).paint(painter, frame, doc)
    assert painter.clipBoundingRect().toRect().width() == 50
    painter.end()
