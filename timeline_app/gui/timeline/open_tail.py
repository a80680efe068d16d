"""The mark of an event that goes on (an open end, EDTF ``A/..``): a fading tail.

The event began at its start and had not ended by the last report, so it is drawn as
its start's own marker with a band running on to the right and fading out: it does not
end anywhere, and it does not claim to reach any later date.  The layout reserves the
tail's width at the right of the marker (``MarkerBox.open_tail``) so that the label
comes after it; on the timeline, in the legend and in exported images alike.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter

from timeline_app.core.view.frame_layout import MarkerBox

__all__ = ["TAIL_THICKNESS", "paint_open_tail", "tail_rect"]

TAIL_THICKNESS = 4.0


def tail_rect(box: MarkerBox) -> QRectF:
    """Where the tail is drawn: from the middle of the marker (a day) or the end of its
    span (a month or a year) to the right end of the box."""
    marker_x1 = box.x1 - box.open_tail
    x0 = marker_x1 if box.is_span else (box.x0 + marker_x1) / 2
    cy = (box.y0 + box.y1) / 2
    return QRectF(x0, cy - TAIL_THICKNESS / 2, box.x1 - x0, TAIL_THICKNESS)


def paint_open_tail(painter: QPainter, box: MarkerBox, color: QColor) -> MarkerBox:
    """Draw the tail of ``box`` (when it goes on) and return the box of its marker alone,
    which the caller draws over the tail's start."""
    if box.open_tail <= 0:
        return box
    rect = tail_rect(box)
    gradient = QLinearGradient(rect.left(), 0, rect.right(), 0)
    solid, clear = QColor(color), QColor(color)
    clear.setAlpha(0)
    gradient.setColorAt(0.0, solid)
    gradient.setColorAt(1.0, clear)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRect(rect)
    painter.restore()
    return replace(box, x1=box.x1 - box.open_tail, open_tail=0.0)
