"""The ground of a frame (background, lane stripes and separators, grid): drawn from rows
of pixels on the screen, as shapes in SVG and PDF; both give the same pixels."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame import FrameGeometry
from timeline_app.core.view.frame_layout import Frame, layout_frame
from timeline_app.core.view.lane_heights import plan_lanes
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline import ground
from timeline_app.gui.timeline.render_style import RenderStyle
from timeline_app.gui.window.main_window import MainWindow

DAY = 86400.0


def dark_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(30, 30, 34))
    palette.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    palette.setColor(QPalette.ColorRole.Window, QColor(45, 45, 48))
    return palette


def frames(path: Path, width: int, height: int) -> list[Frame]:
    """Frames of ``path`` as the window lays them out (lane heights planned), from the
    whole range down to a day."""
    doc = load_path(path).document
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    geo = FrameGeometry()
    area = width - geo.gutter
    starts = sorted(e.start_seconds() for e in doc.events)
    whole = TimeScale(starts[0], (starts[-1] - starts[0] + DAY) / area, area)
    def measure(s: str) -> float:
        return 7.0 * len(s)
    _, heights = plan_lanes(doc, lanes, index, whole, width, height, measure, geo)
    out = []
    for span in (starts[-1] - starts[0] + DAY, 5 * 365 * DAY, 365 * DAY, 30 * DAY, DAY):
        centre = starts[len(starts) // 3]
        scale = TimeScale(centre - span / 2, span / area, area)
        out.append(layout_frame(doc, lanes, index, scale, width, height, measure,
                                geometry=geo, lane_heights=heights))
    return out


def painted(frame: Frame, style: RenderStyle, draw: Callable[..., None], ratio: int = 1
            ) -> QImage:
    """The ground drawn by ``draw`` on an image of ``ratio`` device pixels to a pixel."""
    image = QImage(int(frame.width) * ratio, int(frame.height) * ratio,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(255, 0, 255))  # what no ground has: shows a pixel left unpainted
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)  # as the renderer paints
    columns = ground.grid_columns(frame)
    if draw is ground._paint_rows:
        draw(painter, frame, style, columns, ratio)
    else:
        draw(painter, frame, style, columns)
    painter.end()
    return image


@pytest.mark.parametrize("palette", [QPalette, dark_palette], ids=["light", "dark"])
@pytest.mark.parametrize("size", [(1400, 860), (900, 2000)])  # lanes end above the bottom
def test_rows_of_pixels_give_the_shapes_pixels(qapp: QApplication, default_timeline: Path,
                                               palette: Callable[[], QPalette],
                                               size: tuple[int, int]) -> None:
    style = RenderStyle.from_palette(palette())
    for frame in frames(default_timeline, *size):
        assert ground._on_pixels(frame, style)  # the window's lanes lie on whole pixels
        rows = painted(frame, style, ground._paint_rows)
        shapes = painted(frame, style, ground._paint_shapes)
        assert rows == shapes

        # Both draw the grid, the stripes and the separators, not just the same thing.
        lanes = frame.lanes
        columns = ground.grid_columns(frame)
        assert any(columns) and len(lanes) >= 3
        lane = lanes[1]
        middle = int((lane.y0 + lane.y1) / 2)
        coarse = set(columns[-1])
        for x in columns[0]:
            want = style.grid_major if x in coarse else style.grid
            assert rows.pixel(x, middle) == want.rgba(), x
        clear = next(x for x in range(int(frame.x_origin), int(frame.width))
                     if all(x not in xs for xs in columns))
        assert rows.pixel(clear, middle) == style.lane_alt.rgba()
        assert rows.pixel(clear, int((lanes[0].y0 + lanes[0].y1) / 2)) == style.background.rgba()
        assert rows.pixel(clear, int(lane.y0)) == style.grid_major.rgba()
        if lanes[-1].y1 < frame.height:  # no grid below the last lane
            assert rows.pixel(columns[0][0], int(lanes[-1].y1)) == style.background.rgba()


@pytest.mark.parametrize("ratio", [2, 3])
def test_high_density_screens_get_the_same_pixels(qapp: QApplication, default_timeline: Path,
                                                  ratio: int) -> None:
    """Two or three device pixels to a pixel: a hairline is one device pixel wide, at
    the start of its pixel, and a separator as many device rows as the ratio."""
    style = RenderStyle.from_palette(QPalette())
    for frame in frames(default_timeline, 1000, 700)[1:4]:
        rows = painted(frame, style, ground._paint_rows, ratio)
        assert rows == painted(frame, style, ground._paint_shapes, ratio)
        lane = frame.lanes[1]
        x = ground.grid_columns(frame)[0][0]
        y = int((lane.y0 + lane.y1) / 2) * ratio
        line = [rows.pixel(x * ratio + k, y) for k in range(ratio)]
        assert line[0] != style.lane_alt.rgba() and set(line[1:]) == {style.lane_alt.rgba()}


def test_shapes_where_rows_would_differ(qapp: QApplication, default_timeline: Path) -> None:
    """Lanes between pixels, translucent colours (a transparent export), SVG and PDF
    (no device pixel ratio) and a fractional pixel ratio get the shapes."""
    style = RenderStyle.from_palette(QPalette())
    frame = frames(default_timeline, 1400, 860)[2]
    taken: list[str] = []

    def spy(name: str) -> Callable[..., None]:
        def draw(*args: object) -> None:
            taken.append(name)
        return draw

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ground, "_paint_rows", spy("rows"))
        mp.setattr(ground, "_paint_shapes", spy("shapes"))
        painter = QPainter()
        for dpr in (1.0, 2.0):
            ground.paint_ground(painter, frame, style, dpr)
        assert taken == ["rows", "rows"]
        for dpr in (None, 1.5):
            ground.paint_ground(painter, frame, style, dpr)
        see_through = dataclasses.replace(style, lane_alt=QColor(128, 128, 128, 24))
        ground.paint_ground(painter, frame, see_through, 1.0)
        shifted = layout_frame_between_pixels(default_timeline)
        ground.paint_ground(painter, shifted, style, 1.0)
    assert taken == ["rows", "rows", "shapes", "shapes", "shapes", "shapes"]


def layout_frame_between_pixels(path: Path) -> Frame:
    doc = load_path(path).document
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    starts = sorted(e.start_seconds() for e in doc.events)
    area = 1000 - FrameGeometry().gutter
    scale = TimeScale(starts[0], (starts[-1] - starts[0] + DAY) / area, area)
    # Lanes sharing the height equally: a third of 814 pixels each.
    frame = layout_frame(doc, lanes, index, scale, 1000, 860, lambda s: 7.0 * len(s))
    assert not float(frame.lanes[1].y0).is_integer()
    return frame


def test_the_window_paints_the_ground_it_lays_out(window: MainWindow, qapp: QApplication) -> None:
    """What the timeline shows between its markers is the ground of its frame: grid,
    stripes and separators where the frame puts them."""
    view = window.timeline
    qapp.processEvents()
    frame = view.current_frame()
    image = view.grab().toImage()
    style = view.renderer.style
    columns = ground.grid_columns(frame)
    lane = frame.lanes[1]
    y = int(lane.y1) - 2  # below the lane's markers
    dpr = image.devicePixelRatio()
    coarse = set(columns[-1])
    for x in columns[0]:
        want = style.grid_major if x in coarse else style.grid
        assert image.pixel(int(x * dpr), int(y * dpr)) == want.rgba(), x
    clear = next(x for x in range(int(frame.x_origin), int(frame.width))
                 if all(x not in xs for xs in columns))
    assert image.pixel(int(clear * dpr), int(lane.y0 * dpr)) == style.grid_major.rgba()
