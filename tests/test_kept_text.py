"""Event labels and the axis's dates are drawn from shaped texts kept across frames, to
the very pixels ``drawText`` gives: on their own, in every script, and in a whole frame
of the window."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline import kept_text
from timeline_app.gui.timeline.kept_text import KeptTexts
from timeline_app.gui.timeline.render_style import RenderStyle
from timeline_app.gui.timeline.renderer import TimelineRenderer
from timeline_app.gui.window.main_window import MainWindow

TEXTS = [
    "Haftar's offensive on Tripoli",
    "5+5 Joint Military Commission signs permanent ceasefire",
    "قصف مطار معيتيقة الدولي",  # Arabic
    "GNA يعلن تحرير ترهونة (June 2020)",  # both directions in one label
    "\u202eright to left override",
    "日本語のテキスト",
    "Cafe\u0301 de\u0301ja\u0300 vu",  # combining accents
    "  spaces around  ",
    "ffi fl office — “quoted” ‘words’",
]
BROKEN = ["two\nlines", "a\ttab", "carriage\rreturn", "line\u2028separator", "next\x85line"]


def painted(draw, font: QFont, ratio: float = 1.0) -> QImage:  # type: ignore[no-untyped-def]
    image = QImage(int(700 * ratio), int(40 * ratio) * (len(TEXTS) + len(BROKEN)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setFont(font)
    painter.setPen(QColor("#1d3557"))
    for k, text in enumerate(TEXTS + BROKEN):
        # positions between pixels, as labels have them
        draw(painter, 5.37 + 3.1 * k, 24.6 + 40 * k, text)
    painter.end()
    return image


def by_draw_text(painter: QPainter, x: float, baseline: float, text: str) -> None:
    painter.drawText(QPointF(x, baseline), text)


@pytest.mark.parametrize("bold", [False, True])
def test_kept_texts_give_draw_texts_pixels(qapp: QApplication, bold: bool) -> None:
    font = QFont(qapp.font())
    font.setBold(bold)
    kept = KeptTexts(font)

    def by_kept(painter: QPainter, x: float, baseline: float, text: str) -> None:
        kept.draw(painter, x, baseline, text, 1.0)

    expected = painted(by_draw_text, font)
    assert painted(by_kept, font) == expected
    assert not kept._texts  # a text seen once is not kept
    assert painted(by_kept, font) == expected  # the second time, kept and drawn from it
    assert painted(by_kept, font) == expected
    assert all(kept._texts[text] is not None for text in TEXTS)
    assert all(kept._texts[text] is None for text in BROKEN)  # drawText draws these


def test_texts_with_line_breaks_would_differ_as_static_texts(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why a text with a break is drawn by drawText: kept, it would break the line."""
    font = qapp.font()
    kept = KeptTexts(font)
    monkeypatch.setattr(kept_text, "_NOT_ONE_LINE", re.compile("$^"))  # matches nothing

    def by_kept(painter: QPainter, x: float, baseline: float, text: str) -> None:
        kept.draw(painter, x, baseline, text, 1.0)

    assert painted(by_kept, font) == painted(by_draw_text, font)  # seen, not yet kept
    assert painted(by_kept, font) != painted(by_draw_text, font)


@pytest.mark.parametrize("family, size", [("Sans Serif", 9.0), ("DejaVu Serif", 11.0),
                                          ("Sans Serif", 8.0)])
def test_dates_centred_in_their_rows_in_any_font(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch, family: str, size: float) -> None:
    """The axis's dates, each centred in a row shorter than, as tall as and taller than
    the text: from kept texts as drawText draws them, and in the middle of a tall row."""
    font = QFont(family)
    font.setPointSizeF(size)
    kept = KeptTexts(font)
    dates = ["18", "December 2018", "2019", "Mon 3", "10:00", "Q3 2020"]
    text_height = QFontMetricsF(font).height()
    heights = (text_height - 1.5, text_height, text_height + 3.5, 2 * text_height + 0.3)

    def dates_in() -> QImage:
        image = QImage(300, 40 * len(heights) * len(dates),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        for k, text in enumerate(dates):
            for j, height in enumerate(heights):
                kept.draw_centred(painter, 3.3 + 17.1 * k, 4.5 + 40 * (len(heights) * k + j),
                                  height, text, 1.0)
        painter.end()
        return image

    image = dates_in()
    assert kept._texts  # drawn from kept texts
    tall = heights[-1]
    for k in range(len(dates)):  # in the tallest row, the line in its middle
        top = 4.5 + 40 * (len(heights) * k + len(heights) - 1)
        line_top = top + (tall - text_height) / 2
        ink = [y for y in range(int(top), int(top + tall) + 1)
               if any(image.pixelColor(x, y).lightness() < 200 for x in range(300))]
        assert ink and line_top - 1 <= ink[0] and ink[-1] <= line_top + text_height + 1
    monkeypatch.setattr(KeptTexts, "draw", lambda self, painter, x, baseline, text, dpr:
                        painter.drawText(QPointF(x, baseline), text))
    assert dates_in() == image


def test_other_ratios_are_drawn_as_text(qapp: QApplication) -> None:
    font = qapp.font()
    kept = KeptTexts(font)

    def by_kept(painter: QPainter, x: float, baseline: float, text: str) -> None:
        kept.draw(painter, x, baseline, text, 2.0)

    assert painted(by_kept, font, 2.0) == painted(by_draw_text, font, 2.0)
    assert not kept._texts  # nothing kept: a static text's glyphs fall elsewhere there


def test_at_most_the_limit_is_kept(qapp: QApplication) -> None:
    kept = KeptTexts(qapp.font(), limit=3)
    image = QImage(200, 40, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for k in range(10):
        for _ in range(2):
            kept.draw(painter, 2.0, 20.0, f"label {k}", 1.0)
        assert len(kept._texts) <= 3 and len(kept._seen) <= 3
    assert "label 9" in kept._texts
    painter.end()


def test_the_window_draws_its_labels_as_draw_text_would(
        window: MainWindow, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    """A frame of the default timeline, with labels in three scripts: the same pixels
    with kept texts as with drawText (the labels are there: a frame without them
    differs)."""
    view = window.timeline
    session = window.session
    doc = session.document
    titles = ["قصف مطار معيتيقة", "日本語のテキスト", "Haftar's offensive (هجوم)"]
    for i, title in enumerate(titles):
        session.replace_event(i, replace(doc.events[i], title=title))
    view.zoom_to_fit()
    qapp.processEvents()
    frame = view.current_frame()
    labels = [m.label for m in frame.markers if m.label]
    assert len(labels) >= 5 and set(titles) <= set(labels), labels

    def grab() -> QImage:
        view._renderer = type(view._renderer)(view._renderer.style)  # nothing kept yet
        view.grab()  # every text seen once
        return view.grab().toImage()

    kept_pixels = grab()
    dates = [label.text for label in frame.axis_labels]
    assert dates and set(dates) <= set(view._renderer._texts._texts)
    assert set(titles) <= set(view._renderer._texts._texts)  # drawn from kept texts
    monkeypatch.setattr(KeptTexts, "draw",
                        lambda self, painter, x, baseline, text, dpr:
                        painter.drawText(QPointF(x, baseline), text))
    assert grab() == kept_pixels
    monkeypatch.setattr(KeptTexts, "draw", lambda *args: None)  # no labels at all
    assert grab() != kept_pixels


def test_the_lanes_counts_look_as_drawn_in_their_boxes(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lane's count on one line is drawn from a kept text at the top of its box, to
    the pixels drawText gives it in the box (which a count too long for one line still
    gets, wrapped)."""
    view = window.timeline
    frame = view.current_frame()
    renderer = view._renderer

    def gutter() -> QImage:
        image = QImage(int(frame.geometry.gutter), int(frame.height),
                       QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        renderer._paint_gutter(painter, frame)
        painter.end()
        return image

    gutter()  # each count seen once
    kept = gutter()
    counts = set(renderer._small_texts._texts)
    assert len(counts) == len(frame.lanes), counts
    monkeypatch.setattr(kept_text.KeptTexts, "fits", lambda self, text, width: False)
    assert gutter() == kept  # every count drawn by drawText in its box
    monkeypatch.setattr(kept_text.KeptTexts, "draw", lambda *args: None)
    assert gutter() == kept
    monkeypatch.undo()
    monkeypatch.setattr(kept_text.KeptTexts, "draw", lambda *args: None)
    assert gutter() != kept  # the counts are there to compare


def test_a_text_fits_a_box_a_pixel_wider_than_it(qapp: QApplication) -> None:
    font = qapp.font()
    kept = KeptTexts(font)
    text = "14,170 events · 1,575 in view"
    advance = QFontMetricsF(font).horizontalAdvance(text)
    assert kept.fits(text, advance + 1.5)
    assert not kept.fits(text, advance + 0.5)  # so close that Qt might wrap it
    assert not kept.fits(text, advance / 2)


def test_peaks_and_counts_of_long_ranges_are_drawn_as_draw_text_draws_them(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lane drawn as a histogram, with its peak above it, and a lane of ranges longer
    than the view, with their count: from kept texts, as drawText draws them."""
    crowd = [Event(f"c{k}", f"Clash {k}", PartialDate(2020, 3, 1 + k % 20, k % 24),
                   actors=["a"]) for k in range(300)]
    wars = [Event(f"w{k}", f"War {k}", PartialDate(2019, 1 + k), PartialDate(2021, 12 - k),
                  actors=["b"]) for k in range(5)]
    doc = Document("t", [], [Actor("a", "A"), Actor("b", "B")], crowd + wars)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    geo = FrameGeometry(max_markers_per_lane=10)
    area = 900 - int(geo.gutter)
    scale = TimeScale(PartialDate(2020, 3, 1).to_seconds(), 21 * 86400 / area, area)
    frame = layout_frame(doc, lanes, EventIndex.build(doc, lanes), scale, 900, 300,
                         lambda s: 7.0 * len(s), geometry=geo, lane_heights=[130, 130])
    assert frame.lanes[0].density is not None and frame.lanes[1].ongoing == 5
    renderer = TimelineRenderer(RenderStyle.from_palette(QPalette()))

    def painted_frame() -> QImage:
        image = QImage(900, 300, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        renderer.paint(painter, frame, doc)
        painter.end()
        return image

    painted_frame()  # every text seen once
    kept = painted_frame()
    assert {"+ 5 ", f"peak {int(frame.lanes[0].density.max())}"} <= set(
        renderer._small_texts._texts)
    monkeypatch.setattr(KeptTexts, "draw", lambda self, painter, x, baseline, text, dpr:
                        painter.drawText(QPointF(x, baseline), text))
    assert painted_frame() == kept
    monkeypatch.setattr(KeptTexts, "draw", lambda *args: None)
    assert painted_frame() != kept
