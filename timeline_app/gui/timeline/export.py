"""Export the timeline as an image through the very renderer the screen uses.

An export is a frame laid out at the image's size for the same visible range and
grouping as the view, drawn by ``TimelineRenderer``: what the report shows is what the
analyst saw.  Images are written atomically like timeline files.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette

from timeline_app.core.fileformat.storage import atomic_write_bytes
from timeline_app.core.model import Document
from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.extent import fit_extent
from timeline_app.core.view.frame_layout import FrameGeometry, layout_frame
from timeline_app.core.view.lanes import GroupBy
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.renderer import RenderStyle, TimelineRenderer

__all__ = ["MAX_PIXELS", "MAX_SIDE", "ExportError", "check_size", "render_image", "save_png"]

#: The painter's coordinates stop at 32767 (Qt's raster engine limit), and an image
#: of more than 2**28 pixels needs over a gigabyte before it is even encoded.
MAX_SIDE = 32767
MAX_PIXELS = 2**28


class ExportError(Exception):
    """The image could not be made or written; the message says where and why."""


def check_size(width: int, height: int, scale_factor: float = 1.0) -> tuple[int, int]:
    """The image's size in pixels, or ``ExportError`` when it cannot be drawn."""
    if not (math.isfinite(scale_factor) and scale_factor > 0):
        raise ExportError(f"a scale of {scale_factor} cannot be drawn: give a positive number")
    if width <= 0 or height <= 0:
        raise ExportError(f"an image of {width} × {height} pixels cannot be drawn: "
                          "give a positive width and height")
    pixels_w, pixels_h = width * scale_factor, height * scale_factor
    if (pixels_w > MAX_SIDE or pixels_h > MAX_SIDE
            or pixels_w * pixels_h > MAX_PIXELS):
        size = f"{round(pixels_w):,} × {round(pixels_h):,}"
        raise ExportError(
            f"an image of {size} pixels is too large to draw: at most {MAX_SIDE:,} pixels "
            f"a side and {MAX_PIXELS:,} pixels in all")
    return max(1, round(pixels_w)), max(1, round(pixels_h))


def render_image(
    document: Document,
    width: int,
    height: int,
    *,
    time_range: tuple[float, float] | None = None,
    group_by: GroupBy = GroupBy.ACTOR,
    palette: QPalette | None = None,
    font: QFont | None = None,
    selected: int = -1,
    scale_factor: float = 1.0,
    grouping: Grouping | None = None,
) -> QImage:
    """Draw the timeline for ``time_range`` into a ``width`` × ``height`` image.

    Without ``time_range``, everything: the extent "fit everything" shows in the window.
    ``scale_factor`` > 1 renders at a higher pixel density (crisp text in print) while
    keeping the layout of a ``width`` × ``height`` view.  ``grouping`` is the lanes and
    index of ``document`` for ``group_by`` when the caller holds them already.  A size
    too large to draw raises ``ExportError`` before any work is done.
    """
    pixels = check_size(width, height, scale_factor)
    geo = FrameGeometry()
    if grouping is None:
        grouping = Grouping.build(document, group_by)
    elif grouping.group_by is not group_by:
        raise ValueError(f"lanes by {grouping.group_by.value} given to draw by {group_by.value}")
    t0, t1 = time_range or fit_extent(grouping.index.time_range())
    area = max(1, int(width - geo.gutter))
    scale = TimeScale(t0, (t1 - t0) / area, area)
    renderer = TimelineRenderer(RenderStyle.from_palette(palette or QPalette(), font))
    frame = layout_frame(document, grouping.lane_set, grouping.index, scale, width, height,
                         renderer.measure, geometry=geo, selected=selected)
    image = QImage(*pixels, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"not enough memory for an image of {pixels[0]:,} × {pixels[1]:,} "
                          "pixels: export a smaller size")
    image.setDevicePixelRatio(scale_factor)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    try:
        renderer.paint(painter, frame, document)
    finally:
        painter.end()
    return image


def save_png(image: QImage, path: str | os.PathLike[str]) -> None:
    """Encode ``image`` as PNG and write it atomically."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(f"{os.fspath(path)}: the image could not be encoded as PNG")
    buffer.close()
    try:
        atomic_write_bytes(Path(path), bytes(data.data()), keep_backup=False)
    except OSError as exc:
        raise ExportError(f"{os.fspath(path)}: not written: {exc.strerror or exc}") from exc
