"""What ``TimelineRenderer`` draws for each lane as a whole: its name and counts in the
gutter, a density histogram, the row of ranges longer than the view and the "+N" pills
of events that found no row (its stripe is drawn with the grid, in ``ground``).

Like the rest of the renderer it only draws what ``core.frame_layout`` laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen

from timeline_app.core.view.frame_layout import Frame, LaneBox
from timeline_app.gui.timeline.render_style import mix

if TYPE_CHECKING:
    from timeline_app.gui.timeline.kept_text import KeptTexts
    from timeline_app.gui.timeline.render_style import RenderStyle

__all__ = ["ONGOING_TEXT", "LanePainting"]

#: After the count of ranges longer than the view, in the first row of their lane.
ONGOING_TEXT = ("events longer than this view (ranges, or dates known only to the month "
                "or year)")


def _strip(lane: LaneBox) -> tuple[float, float, int]:
    """A density strip's top and bottom (room for its peak above it, a margin below) and
    the height of its bars' image."""
    top, bottom = lane.y0 + 22, lane.y1 - 6
    return top, bottom, max(4, int(bottom - top))


class LanePainting:
    """The per-lane parts of ``TimelineRenderer`` (a base class of it)."""

    if TYPE_CHECKING:
        style: RenderStyle
        _sprites: dict[tuple, QImage]
        _lane_names: dict[tuple[str, float, float], tuple[str, float]]
        _bar_columns: dict[tuple[int, int], np.ndarray]
        _small_texts: KeptTexts

        def measure(self, text: str) -> float: ...

        def _target(self, painter: QPainter) -> float | None: ...

        def _blit(self, painter: QPainter, at: QPointF, key: tuple, w: float, h: float,
                  draw: Callable[[QPainter], None]) -> None: ...

    def _paint_gutter(self, painter: QPainter, frame: Frame,
                      lanes: list[LaneBox] | None = None) -> None:
        """The lane names (of ``lanes``, all by default) and their counts."""
        geo = frame.geometry
        painter.fillRect(QRectF(0, 0, geo.gutter, frame.height), self.style.axis_background)
        painter.fillRect(QRectF(geo.gutter - 1, 0, 1, frame.height), self.style.grid_major)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap)
        fm = QFontMetricsF(self.style.bold_font)
        # The counts' font and pen, set once: a name is an image, or is drawn between a
        # save and a restore of the painter (SVG and PDF, see ``_blit``).
        painter.setFont(self.style.small_font)
        painter.setPen(self.style.muted)
        counts, dpr = self._small_texts, self._target(painter)
        for lane in frame.lanes if lanes is None else lanes:
            rect = QRectF(12, lane.y0 + 6, geo.gutter - 20, lane.y1 - lane.y0 - 12)
            name_bottom = rect.top() + self._paint_lane_name(painter, rect, lane.label, flags)
            count = f"{lane.total:,} event{'s' if lane.total != 1 else ''}"
            if lane.in_view != lane.total:
                count += f" · {lane.in_view:,} in view"
            sub = QRectF(rect.left(), name_bottom + 2, rect.width(),
                         rect.bottom() - name_bottom - 2)
            if sub.height() < fm.height():
                continue
            if counts.fits(count, sub.width()):  # on one line: from the top of its box
                counts.draw_from_top(painter, sub.left(), sub.top(), count, dpr)
            else:
                painter.drawText(sub, flags, count)

    def _paint_lane_name(self, painter: QPainter, rect: QRectF, label: str, flags: int
                         ) -> float:
        """A lane's name at the top of ``rect``, wrapped, or on one line elided when it
        would take more than about three lines; returns its height.  Laid out once per
        name and room, drawn from an image: a frame draws every lane's name."""
        key = (label, rect.width(), rect.height())
        laid = self._lane_names.get(key)
        if laid is None:
            if len(self._lane_names) > 1000:
                self._lane_names.clear()
            fm = QFontMetricsF(self.style.bold_font)
            height = fm.boundingRect(QRectF(0, 0, rect.width(), rect.height()), flags,
                                     label).height()
            if height > min(rect.height(), 3.2 * fm.height()):
                label, height = (fm.elidedText(label, Qt.TextElideMode.ElideRight,
                                               rect.width()), fm.height())
            laid = self._lane_names[key] = (label, height)
        text, height = laid
        w = rect.width()

        def draw(p: QPainter) -> None:
            p.setFont(self.style.bold_font)
            p.setPen(self.style.text)
            p.drawText(QRectF(0, 0, w, height), flags, text)

        self._blit(painter, rect.topLeft(), ("lane name", text, height), w, height + 2, draw)
        return height

    def _paint_densities(self, painter: QPainter, frame: Frame, lanes: list[LaneBox]) -> None:
        """Lanes with too many events to draw one by one: each one's histogram of events
        per pixel column, and its peak.

        The bars are rasterised with numpy into a one-pixel-per-bin image and drawn in
        one call per lane: thousands of separate translucent rectangles cost 20 ms a
        frame.  A year's view has a strip in every lane: those of one height and colour
        are rasterised together, and the peaks are written in one font and pen.
        """
        # (height, bins, colour) -> the strips' lanes, tops and bottoms
        groups: dict[tuple[int, int, int], list[tuple[LaneBox, float, float]]] = {}
        for lane in lanes:
            if lane.density is not None and len(lane.density):
                top, bottom, h = _strip(lane)
                base = self.style.lane_alt if lane.index % 2 else self.style.background
                rgba = mix(base, self.style.highlight, 0.75).rgba()
                groups.setdefault((h, len(lane.density), rgba), []).append((lane, top, bottom))
        peaks: list[tuple[LaneBox, float, int, int]] = []  # lane, top, peak, the peak's bin
        for (h, n, rgba), group in groups.items():
            counts = np.stack([lane.density for lane, _, _ in group])  # type: ignore[misc]
            highest = counts.max(axis=1)
            heights = np.where(counts > 0, np.maximum(
                2, np.ceil(h * counts / np.maximum(highest, 1)[:, None])), 0)
            pixels = self._density_pixels(heights, h, rgba)
            for k, (lane, _, bottom) in enumerate(group):
                if highest[k] > 0:
                    image = QImage(pixels[k].data, n, h, n * 4,
                                   QImage.Format.Format_ARGB32_Premultiplied)
                    painter.drawImage(QRectF(lane.density_x0, bottom - h,
                                             n * lane.density_bin_px, h), image)
                    del image  # it borrows ``pixels``: release it before the array goes
            peaks += [(lane, top, peak, i_peak) for (lane, top, _), peak, i_peak in zip(
                group, highest.tolist(), counts.argmax(axis=1).tolist(), strict=True)]
        if not any(peak for _, _, peak, _ in peaks):
            return
        painter.setFont(self.style.small_font)
        painter.setPen(self.style.text)
        texts, dpr = self._small_texts, self._target(painter)
        for lane, top, peak, i_peak in peaks:
            if peak > 0:
                label = f"peak {peak:,}"
                lw = texts.advance(label)  # in the font it is drawn in
                x = lane.density_x0 + i_peak * lane.density_bin_px
                x = min(max(x - lw / 2, frame.x_origin + 2), frame.width - lw - 4)
                texts.draw(painter, x, top - 6, label, dpr)  # above the bars
        painter.setFont(self.style.font)

    def _density_pixels(self, heights: np.ndarray, h: int, rgba: int) -> np.ndarray:
        """The images of bars ``heights`` high (one row of bars per strip, one column per
        bar) in strips ``h`` high, in colour ``rgba`` on nothing: one contiguous image
        per strip.  Up to 400 pixels high, each bar's column is taken from every column
        the strip may have, made once per height and colour (one gather, a third faster
        than comparing each pixel's row with its bar's height); a taller strip, whose
        columns would outnumber its pixels, is compared."""
        rows = np.arange(h, 0, -1)[:, None]  # distance of each row from the bottom
        if h > 400:
            return np.where(rows[None] <= heights[:, None, :], np.uint32(rgba), np.uint32(0)
                            ).astype(np.uint32)
        key = (h, rgba)
        columns = self._bar_columns.get(key)
        if columns is None:
            if len(self._bar_columns) >= 16:
                self._bar_columns.clear()
            columns = self._bar_columns[key] = np.where(
                rows <= np.arange(h + 1)[None, :], np.uint32(rgba), np.uint32(0)
            ).astype(np.uint32)  # column j: j pixels from the bottom
        taken = np.take(columns, heights.astype(np.intp), axis=1)  # row, strip, bar
        return np.ascontiguousarray(taken.transpose(1, 0, 2))

    def _paint_ongoing(self, painter: QPainter, frame: Frame, lanes: list[LaneBox]) -> None:
        """Ranges that run through the whole view, summarised in the first row of each of
        ``lanes`` that has them: the rows' fills in one call, then each count and the
        words after it, in one font and pen."""
        rows = [lane for lane in lanes if lane.ongoing]
        if not rows:
            return
        geo = frame.geometry
        fill = QColor(self.style.text)
        fill.setAlphaF(0.10)
        down = geo.lane_padding / 2 + (geo.row_height - geo.bar_height) / 2
        rects = [QRectF(frame.x_origin, lane.y0 + down, frame.width - frame.x_origin,
                        geo.bar_height) for lane in rows]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRects(rects)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        small = self.style.small_font
        painter.setFont(small)
        painter.setPen(self.style.muted)
        texts, dpr = self._small_texts, self._target(painter)
        for lane, rect in zip(rows, rects, strict=True):
            at = rect.adjusted(8, 0, -8, 0)
            # The count changes with the view, the words after it never: they are
            # drawn from an image made once per width, the count from a kept text.
            count = f"+ {lane.ongoing:,} "
            texts.draw_centred(painter, at.left(), at.top(), at.height(), count, dpr)
            dx = texts.advance(count)
            w, h = at.width() - dx, at.height()

            def draw(p: QPainter, w: float = w, h: float = h) -> None:
                p.setFont(small)  # as set: a vector target draws on this very painter
                p.setPen(self.style.muted)
                p.drawText(QRectF(0, 0, w, h), flags, ONGOING_TEXT)

            self._blit(painter, QPointF(at.left() + dx, at.top()), ("ongoing", ONGOING_TEXT),
                       w, h, draw)
        painter.setFont(self.style.font)

    def _paint_overflow(self, painter: QPainter, lane: LaneBox) -> None:
        """The lane's "+N" pills, up to hundreds a frame: each a cached image, looked up
        once per look in the lane and drawn at one point moved from pill to pill (a new
        ``QPointF`` a pill cost as much as the drawing's own call)."""
        dpr, sprites = self._target(painter), self._sprites
        at = QPointF()
        move_to_x, move_to_y = at.setX, at.setY
        images: dict[tuple[int, float, float], QImage] = {}
        for box in lane.overflow:
            w, h = box.width, box.y1 - box.y0
            look = (box.count, w, h)
            image = images.get(look)
            if image is None:
                text = f"+{box.count}"
                image = sprites.get(("pill", text, w, h, dpr))
                if image is None:  # not drawn yet, or a vector target
                    self._blit(painter, QPointF(box.x, box.y0), ("pill", text), w, h,
                               lambda p, w=w, h=h, text=text: self._draw_pill(p, w, h, text))
                    continue
                images[look] = image
            move_to_x(box.x)
            move_to_y(box.y0)
            painter.drawImage(at, image)

    def _draw_pill(self, painter: QPainter, w: float, h: float, text: str) -> None:
        rect = QRectF(0.5, 0.5, w - 1, h - 1)
        painter.setPen(QPen(self.style.grid_major, 1))
        painter.setBrush(self.style.axis_background)
        painter.drawRoundedRect(rect, h / 2, h / 2)
        painter.setFont(self.style.small_font)
        painter.setPen(self.style.text)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
