"""The ground of a frame: the background, each lane's stripe and separator, and the grid.

A vertical hairline is, for the raster engine, a one-pixel span on every row it crosses:
the sixty lines of a one-year view down a 1,300-pixel timeline cost more than a
millisecond a frame, about as much as everything else on the ground together.  On a
raster target whose lanes lie on whole pixels (the window's always do), every row of a
lane is the same row of pixels: its stripe with the grid's pixels in it.  So the ground
is made a row at a time, once a frame, and each lane is that row repeated, which the
raster engine copies (on a screen of two or three device pixels to a pixel too, where
the grid costs twice or three times as much).  The pixels are those of the shapes it
replaces (a test compares them); SVG and PDF, a translucent colour (a transparent
export), a lane between pixels or a fractional pixel ratio get the shapes themselves.
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QLineF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap

from timeline_app.core.view.frame_layout import Frame
from timeline_app.gui.timeline.render_style import RenderStyle

__all__ = ["grid_columns", "paint_ground"]


def grid_columns(frame: Frame) -> list[list[int]]:
    """The pixel column of each grid line, tier by tier (finest first), between the
    gutter and the right edge: a line's column is its tick's x rounded."""
    left, right = frame.x_origin, frame.width
    return [[x for x in (round(frame.x_of(tick.t)) for tick in tier.ticks) if left <= x < right]
            for tier in frame.tiers]


def paint_ground(painter: QPainter, frame: Frame, style: RenderStyle,
                 dpr: float | None) -> None:
    """Fill ``frame``'s whole area: background, lanes and grid (``dpr``: the raster
    target's device pixel ratio, None for SVG and PDF)."""
    columns = grid_columns(frame)
    if dpr in _WHOLE_RATIOS and _on_pixels(frame, style):
        _paint_rows(painter, frame, style, columns, int(dpr))
    else:
        _paint_shapes(painter, frame, style, columns)


_WHOLE_RATIOS = (1.0, 2.0, 3.0)  # a fractional ratio puts some lines a pixel further


def _on_pixels(frame: Frame, style: RenderStyle) -> bool:
    """Whether rows of pixels give the same ground as the shapes: opaque colours, a
    whole width, and lanes below the axis, one after the other, on whole pixels."""
    lanes = frame.lanes
    if not (lanes and style.background.alpha() == 255 and style.lane_alt.alpha() == 255
            and float(frame.width).is_integer() and frame.width > 0
            and lanes[0].y0 == frame.geometry.axis_height):
        return False
    edges = [lanes[0].y0, *(lane.y1 for lane in lanes)]
    return (all(float(y).is_integer() for y in edges)
            and all(a.y1 == b.y0 for a, b in pairwise(lanes)))


def _grid_colors(style: RenderStyle, tiers: int) -> list[QColor]:
    """Each tier's colour, the coarsest in the major colour."""
    return [style.grid_major if i == tiers - 1 else style.grid for i in range(tiers)]


def _paint_shapes(painter: QPainter, frame: Frame, style: RenderStyle,
                  columns: list[list[int]]) -> None:
    painter.fillRect(QRectF(0, 0, frame.width, frame.height), style.background)
    for lane in frame.lanes:
        if lane.index % 2:
            painter.fillRect(QRectF(0, lane.y0, frame.width, lane.y1 - lane.y0), style.lane_alt)
    for lane in frame.lanes[1:]:
        painter.fillRect(QRectF(0, round(lane.y0), frame.width, 1), style.grid_major)
    # Hairlines on the pixel grid, without antialiasing and in one call per colour:
    # antialiased full-height lines cost the raster engine ~0.1 ms each.
    top = frame.geometry.axis_height
    bottom = frame.lanes[-1].y1 if frame.lanes else frame.height
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    # A line's last pixel would reach a row below the lanes.
    painter.setClipRect(QRectF(0, top, frame.width, bottom - top), Qt.ClipOperation.IntersectClip)
    for xs, color in zip(columns, _grid_colors(style, len(columns)), strict=True):
        if xs:
            painter.setPen(QPen(color, 0))
            painter.drawLines([QLineF(x, top, x, bottom) for x in xs])
    painter.restore()


def _paint_rows(painter: QPainter, frame: Frame, style: RenderStyle,
                columns: list[list[int]], scale: int = 1) -> None:
    """The ground as rows of device pixels, ``scale`` of them to a pixel of the frame
    (a high-density screen's ratio): a hairline is one device pixel wide, in the first
    device column of its pixel, as Qt draws it."""
    width = int(frame.width)
    colors = [color.rgba() for color in _grid_colors(style, len(columns))]

    def row(fill: int) -> QPixmap:
        pixels = np.full(width * scale, fill, dtype=np.uint32)
        for xs, color in zip(columns, colors, strict=True):  # finest first, as drawn
            pixels[[x * scale for x in xs]] = color
        # Opaque colours are their own premultiplied values: no conversion on the way.
        image = QImage(pixels.data, width * scale, 1, width * scale * 4,
                       QImage.Format.Format_ARGB32_Premultiplied)
        return QPixmap.fromImage(image)  # a copy: ``pixels`` may go

    stripes = (row(style.background.rgba()), row(style.lane_alt.rgba()))
    separator = row(style.grid_major.rgba())
    top, bottom = int(frame.lanes[0].y0), int(frame.lanes[-1].y1)
    painter.fillRect(QRectF(0, 0, width, top), style.background)
    if frame.height > bottom:
        painter.fillRect(QRectF(0, bottom, width, math.ceil(frame.height) - bottom),
                         style.background)
    painter.save()
    painter.scale(1 / scale, 1 / scale)  # device pixels: each row is copied as it is
    for i, lane in enumerate(frame.lanes):
        y0, y1 = int(lane.y0) * scale, int(lane.y1) * scale
        if i and y1 > y0:
            painter.drawTiledPixmap(QRect(0, y0, width * scale, scale), separator)
            y0 += scale
        if y1 > y0:
            painter.drawTiledPixmap(QRect(0, y0, width * scale, y1 - y0),
                                    stripes[lane.index % 2])
    painter.restore()
