"""Draws a laid-out ``Frame`` onto any QPainter: the widget, and PNG, SVG and PDF exports.

The renderer only draws: no layout (``core.frame_layout`` does it), no widget state, no
change, so the same frame twice gives the same pixels and exports are what the screen shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
)

from timeline_app.core.model import Document
from timeline_app.core.view.frame_layout import Frame, MarkerBox
from timeline_app.core.view.label_place import CHIP_STEP, chip_width
from timeline_app.gui.timeline.ground import paint_ground
from timeline_app.gui.timeline.kept_text import KeptTexts
from timeline_app.gui.timeline.lane_paint import LanePainting
from timeline_app.gui.timeline.open_tail import paint_open_tail
from timeline_app.gui.timeline.render_style import (
    BAR_ALPHA,
    RenderStyle,
    bar_fill,
    contrast_ratio,
    lane_colors,
    text_on,
)
from timeline_app.gui.timeline.uncertain_mark import paint_uncertain

__all__ = [
    "RenderStyle", "TimelineRenderer", "bar_fill", "contrast_ratio", "lane_colors",
    "marker_reach", "text_on",
]
SEARCH_HALO = QColor(255, 214, 0, 150)  # a search match, behind its marker and label
FADED_OPACITY = 0.18  # an event a filter leaves out, when the user chose to fade it


def marker_reach(frame: Frame) -> float:
    """How far above or below its box a marker may draw (its label, the selection's
    pill, a search halo, an uncertainty badge), with room to spare."""
    return frame.geometry.row_height + 4.0


_Ink = TypeVar("_Ink", QColor, QPen, QBrush)

#: A clip far beyond any device: it clips nothing out.
_NO_CLIP_OUT = QRectF(-1e6, -1e6, 2e6, 2e6)


def fast_strokes(painter: QPainter) -> None:
    """Give a raster painter a clip that clips nothing out: Qt's raster engine then
    strokes a thin antialiased outline (every bar's, a dashed one too) several times
    faster, to the same pixels (a 700 px bar: ~250 µs without a clip, ~25 µs with).
    The window's repaint of a few rows has the rows' clip already."""
    painter.setClipRect(_NO_CLIP_OUT, Qt.ClipOperation.ReplaceClip)


_CHIP_HALF = 6.0  # half the side of a chip's image: its radius, 4.5, and half its ring


def _draw_chip(painter: QPainter, color: QColor, ring: QColor) -> None:
    painter.setPen(QPen(ring, 1.5))
    painter.setBrush(color)
    painter.drawEllipse(QPointF(_CHIP_HALF, _CHIP_HALF), 4.5, 4.5)


def _alpha(color: QColor, alpha: float) -> QColor:
    """``color`` at opacity ``alpha``."""
    faded = QColor(color)
    faded.setAlphaF(alpha)
    return faded


def _pen(color: QColor, width: float, dashed: bool) -> QPen:
    pen = QPen(color, width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _reaches(y0: float, y1: float, reach: float, rows: list[tuple[float, float]]) -> bool:
    """Whether what is drawn for ``y0``-``y1`` (give or take ``reach``) meets a band."""
    return any(y0 - reach <= bottom and top <= y1 + reach for top, bottom in rows)


class TimelineRenderer(LanePainting):
    """Stateless drawing of frames; one instance per style."""

    def __init__(self, style: RenderStyle) -> None:
        self.style = style
        self._metrics = QFontMetricsF(style.font)
        self._widths: dict[str, float] = {}
        self._elisions: dict[tuple[str, float], str] = {}
        self._texts = KeptTexts(style.font)  # labels and dates
        self._small_texts = KeptTexts(style.small_font)  # counts and peaks
        self._sprites: dict[tuple, QImage] = {}
        self._lane_names: dict[tuple[str, float, float], tuple[str, float]] = {}
        self._bar_columns: dict[tuple[int, int], np.ndarray] = {}  # see _density_pixels
        self._inks: dict[tuple, QColor | QPen | QBrush] = {}  # see _ink
        self._blit_to: tuple[QPainter, float | None] | None = None  # see _target

    def measure(self, text: str) -> float:
        """Width of ``text`` in the label font; cached, as layout asks every frame."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 250_000:  # bound the cache on huge documents
                self._widths.clear()
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def _ink(self, key: tuple, make: Callable[[], _Ink]) -> _Ink:
        """The colour, pen or brush ``key`` names, made once (the bands, bars and spans
        of a busy frame made ~500 of them, a few microseconds each)."""
        ink = self._inks.get(key)
        if ink is None:
            if len(self._inks) > 1000:
                self._inks.clear()
            ink = self._inks[key] = make()
        return ink  # type: ignore[return-value]

    def paint_sample(self, painter: QPainter, sample: MarkerBox, color: QColor,
                     radius: float) -> None:
        """One mark of a legend (a day, a band, whiskers, a period...), drawn exactly as
        the timeline draws it: the export's legend and the legend panel use this."""
        sample = paint_open_tail(painter, sample, color)
        self._paint_band(painter, sample, color)
        if sample.is_range:
            self._paint_bar(painter, sample, color, False, False)
        elif sample.is_span:
            self._paint_span(painter, sample, color, False, False)
        else:
            self._paint_point(painter, sample, color, False, False, radius)
        paint_uncertain(painter, sample, color, self.style.background, self.style.font, radius)

    # --- the whole frame ---------------------------------------------------------------
    def paint(self, painter: QPainter, frame: Frame, document: Document, *,
              hover: int = -1, colors: dict[str, QColor] | None = None,
              rows: list[tuple[float, float]] | None = None) -> None:
        """Draw ``frame``; with ``rows`` (top, bottom pairs), only what may reach into
        those bands (the painter is clipped to them): a click repaints the rows of the
        old and the new selection, not every marker."""
        colors = colors if colors is not None else lane_colors(document)
        painter.save()
        self._blit_to = None
        self._blit_to = (painter, self._target(painter))  # looked up once a frame
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if self._blit_to[1] is not None and not painter.hasClipping():
            fast_strokes(painter)
        paint_ground(painter, frame, self.style, self._blit_to[1])
        lanes = frame.lanes
        if rows is not None:  # the lanes that reach into the bands repainted
            reach = marker_reach(frame)
            lanes = [lane for lane in lanes if _reaches(lane.y0, lane.y1, reach, rows)]
        self._paint_densities(painter, frame, lanes)
        self._paint_ongoing(painter, frame, lanes)
        self._paint_markers(painter, frame, document, colors, hover, rows)
        painter.setOpacity(1.0)
        for lane in lanes:
            self._paint_overflow(painter, lane)
        self._paint_axis(painter, frame)
        self._paint_gutter(painter, frame, lanes)
        self._blit_to = None
        painter.restore()

    # --- parts ---------------------------------------------------------------------------
    def _paint_axis(self, painter: QPainter, frame: Frame) -> None:
        geo = frame.geometry
        painter.fillRect(QRectF(0, 0, frame.width, geo.axis_height), self.style.axis_background)
        painter.fillRect(QRectF(0, geo.axis_height - 1, frame.width, 1), self.style.grid_major)
        row_h = geo.axis_height / 2
        painter.setFont(self.style.font)  # the font the labels were measured with
        coarse_row = len(frame.tiers) > 1 and bool(frame.tiers[1].level)
        dpr, texts = self._target(painter), self._texts
        for label in frame.axis_labels:  # placed whole by the layout: none is cut
            painter.setPen(self.style.text if label.row == 0 and coarse_row else self.style.muted)
            texts.draw_centred(painter, label.x, label.y, label.height, label.text, dpr)
        # tick marks: fine tier in the lower row, coarse tier in the upper one
        for row_i, tier in ((1, frame.tiers[0] if frame.tiers else None),
                            (0, frame.tiers[1] if len(frame.tiers) > 1 else None)):
            if tier is None:
                continue
            y = row_i * row_h
            tick_top = y + (4 if row_i == 0 else 6)
            for tick in tier.ticks:
                x = frame.x_of(tick.t)
                if x >= frame.x_origin:
                    painter.fillRect(QRectF(round(x), tick_top, 1, y + row_h - tick_top),
                                     self.style.grid_major)

    def _lane_color(self, document: Document, frame: Frame, box: MarkerBox,
                    colors: dict[str, QColor]) -> QColor:
        lane = frame.lanes[box.lane]
        if lane.key in colors:
            return colors[lane.key]
        for actor_id in document.events[box.index].actors:
            if actor_id in colors:
                return colors[actor_id]
        return self.style.highlight

    def _paint_markers(self, painter: QPainter, frame: Frame, document: Document,
                       colors: dict[str, QColor], hover: int,
                       rows: list[tuple[float, float]] | None = None) -> None:
        fm = QFontMetricsF(self.style.font)
        matched, faded = frame.marks.matched, frame.marks.faded
        reach = marker_reach(frame)
        for box in frame.markers:
            if rows is not None and not _reaches(box.y0, box.y1, reach, rows):
                continue  # nothing of it is drawn in the bands repainted
            color = self._lane_color(document, frame, box, colors)
            selected = box.index == frame.selected
            hovered = box.index == hover
            painter.setOpacity(FADED_OPACITY if box.index in faded else 1.0)
            if box.index in matched:
                self._paint_match(painter, box)
            box = paint_open_tail(painter, box, color)  # the marker alone, drawn over it
            self._paint_band(painter, box, color)
            if box.is_range:
                self._paint_bar(painter, box, color, selected, hovered)
            elif box.is_span:
                self._paint_span(painter, box, color, selected, hovered)
            else:
                self._paint_point(painter, box, color, selected, hovered,
                                  frame.geometry.marker_size / 2)
            if box.uncertain:
                ev = document.events[box.index]
                paint_uncertain(painter, box, color, self.style.background, self.style.font,
                                frame.geometry.marker_size / 2,
                                (ev.start.uncertain, ev.end is not None and ev.end.uncertain))
            if box.label:
                self._paint_label(painter, fm, box, selected, hovered,
                                  frame.geometry.row_height, color, colors)

    def _paint_match(self, painter: QPainter, box: MarkerBox) -> None:
        """A search match: a bright halo behind the marker and its label."""
        right = max(box.x1, box.label_x + box.label_width) if box.label else box.x1
        left = min(box.x0, box.label_x) if box.label else box.x0
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SEARCH_HALO)
        painter.drawRoundedRect(QRectF(left - 4, box.y0 - 4, right - left + 8,
                                       box.y1 - box.y0 + 8), 5, 5)

    def _paint_band(self, painter: QPainter, box: MarkerBox, color: QColor) -> None:
        """The span an imprecise date may cover (a month, a year) as a soft band."""
        if box.is_range or box.is_span or box.band_x1 - box.band_x0 < 3:
            return
        band = self._ink(("band", color.rgba()), lambda: _alpha(color, 0.16))
        cy = (box.y0 + box.y1) / 2
        painter.fillRect(QRectF(box.band_x0, cy - 4, box.band_x1 - box.band_x0, 8), band)

    def _paint_bar(self, painter: QPainter, box: MarkerBox, color: QColor, selected: bool,
                   hovered: bool) -> None:
        rect = QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
        rgba = color.rgba()
        alpha = BAR_ALPHA if not hovered else 0.92
        if box.start_fuzz > 1 or box.end_fuzz > 1:
            fill = _alpha(color, alpha)
            grad = QLinearGradient(rect.left(), 0, rect.right(), 0)
            faded = _alpha(fill, 0.12)
            w = max(rect.width(), 1.0)
            grad.setColorAt(0.0, faded if box.start_fuzz > 1 else fill)
            grad.setColorAt(min(0.5, box.start_fuzz / w), fill)
            grad.setColorAt(max(0.5, 1 - box.end_fuzz / w), fill)
            grad.setColorAt(1.0, faded if box.end_fuzz > 1 else fill)
            brush = QBrush(grad)
        else:
            brush = self._ink(("bar", rgba, alpha), lambda: QBrush(_alpha(color, alpha)))
        painter.setPen(self._ink(("bar outline", rgba, selected, box.approximate), lambda: _pen(
            self.style.highlight if selected else color.darker(130), 2.5 if selected else 1,
            box.approximate)))
        painter.setBrush(brush)
        painter.drawRoundedRect(rect, 3, 3)

    def _paint_span(self, painter: QPainter, box: MarkerBox, color: QColor, selected: bool,
                    hovered: bool) -> None:
        """A date known only to the month or year: the whole span, light, with square
        ends and no point inside it, so that it never reads as a known day."""
        cy = (box.y0 + box.y1) / 2
        rect = QRectF(box.x0, cy - 5, box.x1 - box.x0, 10)
        rgba, alpha = color.rgba(), 0.30 if not hovered else 0.45
        painter.setPen(self._ink(("span outline", rgba, selected, box.approximate), lambda: _pen(
            self.style.highlight if selected else color, 2.5 if selected else 1.2,
            box.approximate)))
        painter.setBrush(self._ink(("span", rgba, alpha), lambda: QBrush(_alpha(color, alpha))))
        painter.drawRect(rect)

    def _paint_point(self, painter: QPainter, box: MarkerBox, color: QColor, selected: bool,
                     hovered: bool, radius: float) -> None:
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        r = radius + (1 if hovered else 0)
        if box.approximate:  # whiskers: the day is not certain
            painter.setPen(QPen(color, 1.2))
            painter.drawLine(QPointF(cx - r - 7, cy), QPointF(cx + r + 7, cy))
            painter.drawLine(QPointF(cx - r - 7, cy - 3), QPointF(cx - r - 7, cy + 3))
            painter.drawLine(QPointF(cx + r + 7, cy - 3), QPointF(cx + r + 7, cy + 3))
        half = r + 6
        self._blit(painter, QPointF(cx - half, cy - half), ("point", color.rgba(), r, selected),
                   2 * half, 2 * half, lambda p: self._draw_diamond(p, half, r, color, selected))

    def _draw_diamond(self, painter: QPainter, c: float, r: float, color: QColor,
                      selected: bool) -> None:
        if selected:
            painter.setPen(QPen(self.style.highlight, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(c, c), r + 4, r + 4)
        path = QPainterPath()
        path.moveTo(c, c - r)
        path.lineTo(c + r, c)
        path.lineTo(c, c + r)
        path.lineTo(c - r, c)
        path.closeSubpath()
        painter.setPen(QPen(color.darker(140), 1))
        painter.setBrush(color)
        painter.drawPath(path)

    def _target(self, painter: QPainter) -> float | None:
        """The device pixel ratio of a raster painter, None for SVG and PDF (vector);
        ``paint`` looks it up once for the whole frame."""
        if self._blit_to is not None and self._blit_to[0] is painter:
            return self._blit_to[1]
        engine = painter.paintEngine()
        if engine is not None and engine.type() in (QPaintEngine.Type.SVG,
                                                    QPaintEngine.Type.Pdf):
            return None
        device = painter.device()
        return device.devicePixelRatioF() if device is not None else 1.0

    def _blit(self, painter: QPainter, at: QPointF, key: tuple, w: float, h: float,
              draw: Callable[[QPainter], None]) -> None:
        """Draw a small drawing at ``at``: from a cached image on screen and in PNGs, as
        shapes and text in SVG and PDF, where it must stay vector (and text stays text)."""
        dpr = self._target(painter)
        if dpr is None:
            painter.save()
            painter.translate(at)
            draw(painter)
            painter.restore()
            return
        image = self._sprites.get((*key, w, h, dpr))
        painter.drawImage(at, image if image is not None
                          else self._sprite(painter, key, w, h, draw))

    def _sprite(self, painter: QPainter, key: tuple, w: float, h: float,
                draw: Callable[[QPainter], None]) -> QImage:
        """A small antialiased drawing, rendered once per look and device pixel ratio.

        Markers and "+N" pills repeat hundreds of times a frame; blitting a cached
        image costs a fraction of antialiasing the same path again.
        """
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        cache_key = (*key, w, h, dpr)
        image = self._sprites.get(cache_key)
        if image is None:
            if len(self._sprites) > 2000:
                self._sprites.clear()
            image = QImage(math.ceil(w * dpr), math.ceil(h * dpr),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(0)
            p = QPainter(image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            draw(p)
            p.end()
            self._sprites[cache_key] = image
        return image

    def _paint_label(self, painter: QPainter, fm: QFontMetricsF, box: MarkerBox, selected: bool,
                     hovered: bool, row_height: float = 0.0,
                     color: QColor | None = None,
                     colors: dict[str, QColor] | None = None) -> None:
        assert box.label is not None
        chips_w = chip_width(box.chips)
        text = self._elided(fm, box.label, box.label_width - chips_w + 1)
        inside = box.is_range and box.x0 <= box.label_x < box.x1  # on a bar's colour
        on_span = box.is_span and box.x0 <= box.label_x < box.x1
        if selected and on_span:  # a pill would hide the span the date covers
            painter.setPen(self.style.highlight)
        elif selected and not inside:
            height = fm.height()
            rect = QRectF(box.label_x, (box.y0 + box.y1) / 2 - height / 2,
                          box.label_width + 2, height)
            bg = QRectF(rect.adjusted(-3, -1, 3, 1))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.style.highlight)
            painter.drawRoundedRect(bg, 3, 3)
            painter.setPen(self.style.highlight_text)
        elif inside:  # black or white, whichever reads better on the bar's colour
            painter.setPen(text_on(bar_fill(color or self.style.highlight,
                                            self.style.background)))
        else:
            painter.setPen(self.style.text)
        if hovered and not selected and not inside:
            painter.setPen(self.style.highlight)
        # the label keeps the font it was measured with, so rows never overlap
        painter.setFont(self.style.font)
        baseline = (box.y0 + box.y1) / 2 + (fm.ascent() - fm.descent()) / 2
        if box.label_lines:  # an export's label wrapped onto the rows below the marker
            for k, line in enumerate(box.label_lines):
                painter.drawText(QPointF(box.label_x, baseline + k * row_height), line)
            return
        if box.chips:
            self._paint_chips(painter, box, colors or {})
        self._texts.draw(painter, box.label_x + chips_w, baseline, text, self._target(painter))

    def _paint_chips(self, painter: QPainter, box: MarkerBox, colors: dict[str, QColor]) -> None:
        """The event's actors as coloured dots before its title, in the actors' order;
        each dot from a cached image, as the markers' (a label of three actors drew
        three antialiased circles: ~60 µs)."""
        pen = painter.pen()
        cy = (box.y0 + box.y1) / 2
        ring = self.style.background
        for k, actor in enumerate(box.chips):
            color = colors.get(actor, self.style.muted)
            self._blit(painter, QPointF(box.label_x + k * CHIP_STEP + 4.5 - _CHIP_HALF,
                                        cy - _CHIP_HALF),
                       ("chip", color.rgba(), ring.rgba()), 2 * _CHIP_HALF, 2 * _CHIP_HALF,
                       lambda p, color=color: _draw_chip(p, color, ring))
        painter.setPen(pen)

    def _elided(self, fm: QFontMetricsF, text: str, width: float) -> str:
        if self.measure(text) <= width - 1:  # it fits (the layout measured it): as it is
            return text
        key = (text, width)
        elided = self._elisions.get(key)
        if elided is None:
            if len(self._elisions) > 50_000:
                self._elisions.clear()
            elided = self._elisions[key] = fm.elidedText(text, Qt.TextElideMode.ElideRight,
                                                         width)
        return elided
