"""The strip under the timeline: the whole span of the document and the window in view.

Shows where the events are (a histogram over the whole span) so that a user zoomed in
on one day never loses their place; dragging the window, or clicking beside it, moves
the main view.

The strip repaints on every change of the view, but only the window moves: the caption
and the histogram are drawn once per document revision, size and palette into a pixmap
(the bars rasterised with numpy and drawn in one call), which each paint copies.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from timeline_app.core.view.extent import fit_extent
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.timeline_view import TimelineView

__all__ = ["OverviewStrip"]


class OverviewStrip(QWidget):
    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewStrip")
        self.setAccessibleName("Overview of the whole timeline")
        self.setFixedHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the backdrop fills it
        self.view = view
        self._drag_offset: float | None = None
        self._counts_key: tuple | None = None
        self._counts = np.zeros(0, dtype=np.int64)
        self._sorted_key: tuple = ()
        self._sorted_starts = np.zeros(0)
        self._backdrop: QPixmap | None = None
        self._backdrop_key: tuple | None = None
        view.viewChanged.connect(self.update)
        view.lanesChanged.connect(self.update)

    def full_range(self) -> tuple[float, float]:
        """The span the strip shows: what "fit everything" shows in the timeline."""
        return fit_extent(self.view.index.time_range())  # numpy min/max: runs every paint

    def _full_scale(self) -> TimeScale:
        width = max(1, int(self.width() - self.view.frame_geometry.gutter))
        t0, t1 = self.full_range()
        return TimeScale.fit(t0, t1, width, margin=0.0)

    def _histogram(self, scale: TimeScale) -> np.ndarray:
        key = (self.view.session.revision, scale, self.view.filter_key)
        if key != self._counts_key:
            if self._sorted_key != key[::2]:  # the events shown: a filter's, or all
                index = self.view.index
                shown = getattr(index, "shown_starts", None)  # a filter's or arranged index
                self._sorted_starts = shown() if shown is not None else np.sort(index.starts)
                self._sorted_key = key[::2]
            starts = self._sorted_starts
            nbins = max(1, scale.width // 2)
            edges = scale.t_left + np.arange(nbins + 1) * (scale.visible_span / nbins)
            self._counts = np.diff(np.searchsorted(starts, edges))
            self._counts_key = key
        return self._counts

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        pal = self.palette()
        painter.drawPixmap(0, 0, self._backdrop_pixmap())
        window = self.viewport_rect()
        fill = QColor(pal.color(QPalette.ColorRole.Highlight))
        fill.setAlphaF(0.22)
        painter.setBrush(fill)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5))
        painter.drawRoundedRect(window, 3, 3)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(QPointF(0, 0.5), QPointF(self.width(), 0.5))

    def _backdrop_pixmap(self) -> QPixmap:
        """The caption and the histogram: what does not move with the view."""
        scale = self._full_scale()
        dpr = self.devicePixelRatioF()
        key = (self.view.session.revision, scale, self.width(), self.height(), dpr,
               self.palette().cacheKey(), self.view.frame_geometry.gutter)
        if self._backdrop is None or key != self._backdrop_key:
            pixmap = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            painter = QPainter(pixmap)
            try:
                self._paint_backdrop(painter, scale)
            finally:
                painter.end()
            self._backdrop, self._backdrop_key = pixmap, key
        return self._backdrop

    def _paint_backdrop(self, painter: QPainter, scale: TimeScale) -> None:
        pal = self.palette()
        origin = self.view.frame_geometry.gutter
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRectF(8, 0, origin - 16, self.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         "Overview")
        counts = self._histogram(scale)
        peak = int(counts.max()) if counts.size else 0
        h = self.height() - 10
        if not peak:
            return
        # One bar per bin, rasterised with numpy (a column per bin, a row per pixel) and
        # drawn in one call: a drawRect per bin took 2-3 ms a paint.
        heights = np.where(counts > 0, np.maximum(2.0, h * (0.25 + 0.75 * counts / peak)), 0.0)
        rows = np.arange(h, 0, -1)[:, None] - 0.5  # each row's distance from the bottom
        bar = QColor(pal.color(QPalette.ColorRole.Text))
        bar.setAlphaF(0.45)
        pixels = np.where(rows < heights[None, :], np.uint32(bar.rgba()), np.uint32(0))
        pixels = np.ascontiguousarray(pixels, dtype=np.uint32)
        image = QImage(pixels.data, len(counts), h, len(counts) * 4,
                       QImage.Format.Format_ARGB32)
        painter.drawImage(QRectF(origin, self.height() - 5 - h, scale.width, h), image)
        del image  # it borrows ``pixels``

    def viewport_rect(self) -> QRectF:
        """Where the strip marks the view: within the strip's time area, right of its
        caption, and at least a few pixels wide, however far the view is zoomed or
        panned (a view beyond the span shows as a sliver at that end)."""
        scale = self._full_scale()
        origin = self.view.frame_geometry.gutter
        left, right = origin + 1.0, max(origin + 5.0, self.width() - 1.0)
        v0, v1 = self.view.visible_range()
        x0 = min(max(origin + scale.x_of(v0), left), right - 4)
        x1 = max(min(origin + scale.x_of(v1), right), x0 + 4)
        return QRectF(x0, 2, x1 - x0, self.height() - 4)

    def _center_at(self, x: float) -> None:
        scale = self._full_scale()
        self.view.set_scale(self.view.scale.centered_on(
            scale.t_of(x - self.view.frame_geometry.gutter)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        scale = self._full_scale()
        origin = self.view.frame_geometry.gutter
        v0, v1 = self.view.visible_range()
        x0, x1 = origin + scale.x_of(v0), origin + scale.x_of(v1)
        x = event.position().x()
        if not x0 <= x <= x1:
            self._center_at(x)
            x0, x1 = x - (x1 - x0) / 2, x + (x1 - x0) / 2
        self._drag_offset = x - (x0 + x1) / 2

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None:
            self._center_at(event.position().x() - self._drag_offset)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_offset = None
