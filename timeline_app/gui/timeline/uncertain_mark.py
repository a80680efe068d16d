"""The mark of an uncertain date (EDTF ``?``, "reportedly"): a small "?" badge.

Approximate dates have whiskers and dashed outlines, which say "near this date";
an uncertain date is one the source gives but that may be wrong, so it carries a
separate sign that reads as a question: a "?" in a ring at the marker's upper right,
on the timeline, in the legend and in exported images alike.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from timeline_app.core.view.frame_layout import MarkerBox

__all__ = ["BADGE_RADIUS", "badge_centre", "paint_uncertain"]

BADGE_RADIUS = 5.5


def badge_centre(box: MarkerBox, marker_radius: float, at_start: bool = False) -> QPointF:
    """Where the badge sits: the upper right of a day's diamond or a span; on a period,
    over the end that is uncertain (``at_start``: the start)."""
    if box.is_range:
        return QPointF(box.x0 if at_start else box.x1, box.y0)
    if box.is_span:
        return QPointF(box.x1, box.y0)
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return QPointF(cx + marker_radius, cy - marker_radius)


def paint_uncertain(painter: QPainter, box: MarkerBox, color: QColor, background: QColor,
                    font: QFont, marker_radius: float,
                    ends: tuple[bool, bool] = (False, True)) -> None:
    """Draw the "?" badge of ``box`` (only when it is uncertain); on a period, one over
    each end that ``ends`` (start, end) says is uncertain."""
    if not box.uncertain:
        return
    for at_start in (True, False) if box.is_range else (False,):
        if box.is_range and not ends[0 if at_start else 1]:
            continue
        _badge(painter, badge_centre(box, marker_radius, at_start), color, background, font)


def _badge(painter: QPainter, c: QPointF, color: QColor, background: QColor,
           font: QFont) -> None:
    r = BADGE_RADIUS
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(color.darker(150), 1.2))
    painter.setBrush(background)
    painter.drawEllipse(c, r, r)
    small = QFont(font)
    small.setPixelSize(9)
    small.setBold(True)
    painter.setFont(small)
    painter.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r),
                     int(Qt.AlignmentFlag.AlignCenter), "?")
    painter.restore()
