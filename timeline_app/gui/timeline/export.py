"""Export the timeline as an image through the very renderer the screen uses.

An export is laid out by ``core.view.export_layout`` (the screen's frame layout plus a
heading, a legend and source notes, with whole titles) and drawn by
``TimelineRenderer``: what the report shows is what the analyst saw, and more.  The
files (PNG, SVG, PDF) are encoded by ``export_files``, reproducibly.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette

from timeline_app.core.fileformat.problems import printable
from timeline_app.core.model import Document
from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.export_layout import ExportLayout, ExportParts, layout_export
from timeline_app.core.view.extent import fit_extent
from timeline_app.core.view.lane_layout import arrange, layout_of
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.timeline.render_style import lane_colors, layout_colors
from timeline_app.gui.timeline.renderer import RenderStyle, TimelineRenderer
from timeline_app.gui.timeline.renderer_export import ExportMetrics, paint_export

__all__ = [
    "FORMATS",
    "MAX_PIXELS",
    "MAX_SIDE",
    "ExportError",
    "ExportOptions",
    "Prepared",
    "check_size",
    "prepare",
    "render_image",
    "save_png",
]

#: The painter's coordinates stop at 32767 (Qt's raster engine limit), and an image
#: of more than 2**28 pixels needs over a gigabyte before it is even encoded.
MAX_SIDE = 32767
MAX_PIXELS = 2**28
FORMATS = ("png", "svg", "pdf")
NO_PARTS = ExportParts(heading=False, legend=False, notes=False)


class ExportError(Exception):
    """The image could not be made or written; the message says where and why."""


def check_size(width: int, height: int | None, scale_factor: float = 1.0) -> tuple[int, int]:
    """The image's size in pixels, or ``ExportError`` when it cannot be drawn; a height
    of None (as tall as the content, not known yet) checks the width alone."""
    if not (math.isfinite(scale_factor) and scale_factor > 0):
        raise ExportError(f"a scale of {scale_factor} cannot be drawn: give a positive number")
    if width <= 0 or (height is not None and height <= 0):
        raise ExportError(f"an image of {width} × {height} pixels cannot be drawn: "
                          "give a positive width and height")
    pixels_w = width * scale_factor
    pixels_h = height * scale_factor if height is not None else 1.0
    size = (f"of {_pixel_count(pixels_w)} × {_pixel_count(pixels_h)} pixels" if height is not None
            else f"{_pixel_count(pixels_w)} pixels wide")
    if (pixels_w > MAX_SIDE or pixels_h > MAX_SIDE
            or pixels_w * pixels_h > MAX_PIXELS):
        raise ExportError(
            f"an image {size} is too large to draw: at most {MAX_SIDE:,} pixels "
            f"a side and {MAX_PIXELS:,} pixels in all")
    if pixels_w < 1 or pixels_h < 1:  # a blank pixel, or none: not what was asked
        raise ExportError(f"an image {size} cannot be drawn: give a larger scale")
    return round(pixels_w), round(pixels_h)


def _pixel_count(n: float) -> str:
    """``n`` pixels for a message: whole and grouped, or in powers of ten when a number
    typed by mistake makes it absurd (a scale of 1e300 gave a 304-digit figure)."""
    return f"{round(n):,}" if 1 <= n < 1e12 else f"{n:.3g}"


@dataclass(frozen=True)
class ExportOptions:
    """What the Export Image dialog and the command line ask for.

    ``width`` and ``height`` are in pixels at scale 1 (the image has ``scale`` times as
    many); without ``height`` the image is as tall as its content.  Without
    ``time_range``, everything: the extent "fit everything" shows in the window.
    """

    width: int = 1600
    height: int | None = None
    scale: float = 1.0
    time_range: tuple[float | None, float | None] | None = None  # None: the fit extent's
    parts: ExportParts = field(default_factory=ExportParts)
    transparent: bool = False
    format: str = "png"
    group_by: GroupBy = GroupBy.ACTOR


@dataclass
class Prepared:
    """An export laid out and ready to draw on any device."""

    document: Document
    options: ExportOptions
    renderer: TimelineRenderer
    metrics: ExportMetrics
    layout: ExportLayout
    colors: dict[str | None, QColor]  # by actor id or lane key, as the window paints

    @property
    def size(self) -> tuple[int, int]:
        """Width and height at scale 1."""
        return round(self.layout.width), math.ceil(self.layout.height)

    @property
    def pixels(self) -> tuple[int, int]:
        return check_size(*self.size, self.options.scale)

    def title(self) -> str:
        return printable(self.document.title) or "Timeline"

    def draw(self, painter: QPainter) -> None:
        paint_export(self.renderer, painter, self.layout, self.document, self.metrics,
                     self.colors)

    def image(self) -> QImage:
        pixels = self.pixels
        image = QImage(*pixels, QImage.Format.Format_ARGB32_Premultiplied)
        if image.isNull():
            raise ExportError(f"not enough memory for an image of {pixels[0]:,} × "
                              f"{pixels[1]:,} pixels: export a smaller size")
        image.setDevicePixelRatio(self.options.scale)
        image.fill(QColor(0, 0, 0, 0) if self.options.transparent else QColor(255, 255, 255))
        painter = QPainter(image)
        try:
            self.draw(painter)
        finally:
            painter.end()
        return image


def light_palette() -> QPalette:
    """Dark text on white, whatever the desktop's theme: what a printed page shows."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in ((roles.Base, "#ffffff"), (roles.Text, "#000000"),
                        (roles.Window, "#efefef"), (roles.WindowText, "#000000"),
                        (roles.Highlight, "#308cc6"), (roles.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(color))
    return palette


def export_style(palette: QPalette | None, font: QFont | None, transparent: bool) -> RenderStyle:
    """The screen's style when it is light (a dark theme's is replaced by a light one:
    light text on a white page cannot be read), on white or on nothing."""
    if palette is None or palette.color(QPalette.ColorRole.Base).lightness() < 128:
        palette = light_palette()
    style = RenderStyle.from_palette(palette, font)
    if transparent:
        clear = QColor(0, 0, 0, 0)
        return dataclasses.replace(style, background=clear, axis_background=clear,
                                   lane_alt=QColor(128, 128, 128, 24))
    return dataclasses.replace(style, background=QColor(255, 255, 255))


def prepare(
    document: Document,
    options: ExportOptions,
    *,
    palette: QPalette | None = None,
    font: QFont | None = None,
    grouping: Grouping | None = None,
) -> Prepared:
    """Lay out ``document`` for ``options``; a size too large raises ``ExportError``
    before anything is drawn.  ``grouping`` is the lanes and index of ``document`` for
    ``options.group_by`` when the caller holds them already."""
    if options.height is None and options.width > 0:
        wide = options.width * options.scale if math.isfinite(options.scale) else 0
        if wide > MAX_SIDE:
            raise ExportError(f"an image {_pixel_count(wide)} pixels wide is too large to draw: at "
                              f"most {MAX_SIDE:,} pixels a side")
    check_size(options.width, options.height, options.scale)
    if grouping is None:  # the lanes of the file: in its order, collapsed, hidden
        built = Grouping.build(document, options.group_by)
        grouping = arrange(built.lane_set, built.index,  # type: ignore[assignment]
                           layout_of(document.layout, options.group_by))
    elif grouping.group_by is not options.group_by:
        raise ValueError(f"lanes by {grouping.group_by.value} given to draw by "
                         f"{options.group_by.value}")
    fit = fit_extent(grouping.index.time_range())
    start, end = options.time_range or (None, None)
    time_range = (fit[0] if start is None else start, fit[1] if end is None else end)
    if not time_range[1] > time_range[0]:
        raise ExportError("the range to export ends before it starts: give a later end")
    renderer = TimelineRenderer(export_style(palette, font, options.transparent))
    metrics = ExportMetrics(renderer)
    group = "" if options.group_by is GroupBy.NONE else options.group_by.value
    layout = layout_export(document, grouping.lane_set, grouping.index, time_range,
                           options.width, metrics, height=options.height,
                           parts=options.parts, group_label=group, clean=printable,
                           collapsed=getattr(grouping, "collapsed", ()))
    colors = {**lane_colors(document), **layout_colors(document, options.group_by)}
    prepared = Prepared(document, options, renderer, metrics, layout, colors)  # as on screen
    prepared.pixels  # noqa: B018 - the whole image's size is checked before drawing
    return prepared


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
    """The timeline alone for ``time_range`` in a ``width`` × ``height`` image, as the
    window shows it (whole titles; no heading, legend or notes)."""
    del selected  # an image for a report shows no selection
    check_size(width, height, scale_factor)
    options = ExportOptions(width=width, height=height, scale=scale_factor,
                            time_range=time_range, parts=NO_PARTS, group_by=group_by)
    return prepare(document, options, palette=palette, font=font, grouping=grouping).image()


def save_png(image: QImage, path) -> None:
    """Encode ``image`` as PNG and write it atomically."""
    from timeline_app.gui.timeline.export_files import encode_png, write_bytes

    write_bytes(path, encode_png(image))
