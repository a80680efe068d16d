"""Export the timeline as an image through the very renderer the screen uses.

An export is a frame laid out at the image's size for the same visible range and
grouping as the view, drawn by ``TimelineRenderer``: what the report shows is what the
analyst saw.  Images are written atomically like timeline files.
"""

from __future__ import annotations

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

__all__ = ["ExportError", "render_image", "save_png"]


class ExportError(Exception):
    """The image could not be written; the message says where and why."""


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
    index of ``document`` for ``group_by`` when the caller holds them already.
    """
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
    image = QImage(round(width * scale_factor), round(height * scale_factor),
                   QImage.Format.Format_ARGB32_Premultiplied)
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
