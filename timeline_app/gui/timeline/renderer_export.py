"""The parts of ``TimelineRenderer`` that only an export has: heading, legend and notes.

The timeline itself is drawn by ``TimelineRenderer.paint``, the legend's samples by its
own marker code, so an export's marks are the window's marks.  Like the rest of the
renderer this only draws what ``core.view.export_layout`` laid out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from timeline_app.core.model import Document
from timeline_app.core.view.export_layout import HEADING, LABEL, ExportLayout, TextBox

if TYPE_CHECKING:
    from timeline_app.gui.timeline.renderer import TimelineRenderer

__all__ = ["ExportMetrics", "paint_export"]


class ExportMetrics:
    """``TextMetrics`` of a renderer's fonts: labels in its label font (as on screen),
    the heading larger and bold."""

    def __init__(self, renderer: TimelineRenderer) -> None:
        self.renderer = renderer
        style = renderer.style
        heading = QFont(style.bold_font)
        heading.setPointSizeF(style.font.pointSizeF() * 1.45)
        self.fonts = {HEADING: heading, LABEL: style.font, "small": style.small_font}
        self._metrics = {role: QFontMetricsF(font) for role, font in self.fonts.items()}

    def width(self, text: str, role: str) -> float:
        if role == LABEL:
            return self.renderer.measure(text)  # the very widths the frame's labels use
        return self._metrics[role].horizontalAdvance(text)

    def line_height(self, role: str) -> float:
        return self._metrics[role].height()


def paint_export(renderer: TimelineRenderer, painter: QPainter, layout: ExportLayout,
                 document: Document, metrics: ExportMetrics,
                 colors: dict[str, QColor]) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.translate(0, layout.frame_top)
    renderer.paint(painter, layout.frame, document, colors=colors)
    painter.translate(0, -layout.frame_top)
    style = renderer.style
    for box in layout.heading:
        _text(painter, metrics, box, style.text)
    for box in layout.legend_titles:
        _text(painter, metrics, box, style.text, bold=True)
    gray = QColor(128, 128, 128)  # a sample's colour is no lane's
    for item in layout.legend:
        if item.sample is not None:
            renderer.paint_sample(painter, item.sample, gray,
                                  layout.frame.geometry.marker_size / 2)
        else:
            x, y, w, h = item.swatch
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.get(item.actor, style.highlight))
            painter.drawRoundedRect(QRectF(x, y, w, h), 2, 2)
        for box in (item.text, *item.more):
            _text(painter, metrics, box, style.text)
    for k, box in enumerate(layout.notes):
        _text(painter, metrics, box, style.text, bold=k == 0)
    painter.restore()


def _text(painter: QPainter, metrics: ExportMetrics, box: TextBox, color: QColor,
          bold: bool = False) -> None:
    font = metrics.fonts[box.role]
    if bold:
        font = QFont(font)
        font.setBold(True)
    fm = metrics._metrics[box.role]
    painter.setFont(font)
    painter.setPen(color)
    baseline = box.y + (box.height - fm.height()) / 2 + fm.ascent()
    painter.drawText(QPointF(box.x, baseline), box.text)
