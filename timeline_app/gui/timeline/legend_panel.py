"""The legend panel (View > Legend): what the lanes' colours and the marks mean.

The colours of each lane come from the renderer's own rule (``_lane_color``) and the
samples of the marks are drawn by the renderer's own marker code with the samples an
exported image's legend uses, so the legend cannot disagree with the timeline.  Names
from the file are drawn as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QDockWidget, QScrollArea, QVBoxLayout, QWidget

from timeline_app.core.model import Document
from timeline_app.core.view.export_layout import SAMPLE_W, mark_samples
from timeline_app.core.view.frame_layout import Frame, FrameGeometry, LaneBox, MarkerBox
from timeline_app.core.view.lanes import GroupBy, LaneSet
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import one_line
from timeline_app.gui.timeline.lane_list import LaneList
from timeline_app.gui.timeline.renderer import RenderStyle, TimelineRenderer, lane_colors
from timeline_app.gui.timeline.timeline_view import TimelineView

__all__ = ["LegendPanel", "LegendRow", "lane_colours", "legend_rows", "swatch_rects"]

MAX_SWATCHES = 6  # colours shown per lane; a lane of many actors says "and more"
_PAD = 8.0
_SWATCH = 12.0
_PER_LINE = 3
_SAMPLE_GRAY = QColor(128, 128, 128)  # a sample's colour is no lane's (as in exports)
_DENSITY_H = 44.0

_LANES_TITLE = {
    GroupBy.ACTOR: "Lanes: one per actor, in its colour",
    GroupBy.TAG: "Lanes: one per tag; an event has its first actor's colour",
    GroupBy.SOURCE: "Lanes: one per source; an event has its first actor's colour",
    GroupBy.NONE: "One lane; an event has its first actor's colour",
}


@dataclass(frozen=True)
class LegendRow:
    """A line of the legend: a title, a lane and its colours, or a mark and its meaning."""

    text: str
    colours: tuple[QColor, ...] = ()
    more: bool = False  # the lane has more colours than are shown
    sample: MarkerBox | None = None
    density: bool = False
    title: bool = False


class _LanesOnly:
    """The part of a ``Frame`` the renderer's lane colour rule reads."""

    def __init__(self, lane_set: LaneSet) -> None:
        self.lanes = lane_set.lanes


class _At:
    """The part of a ``MarkerBox`` the rule reads: which event, in which lane."""

    __slots__ = ("index", "lane")

    def __init__(self) -> None:
        self.index = 0
        self.lane = 0


def lane_colours(document: Document, lane_set: LaneSet, renderer: TimelineRenderer,
                 colors: dict[str, QColor]) -> list[tuple[list[QColor], bool]]:
    """For each lane, the colours its events are drawn in (first seen first, at most
    ``MAX_SWATCHES``) and whether there are more."""
    frame = _LanesOnly(lane_set)
    found: list[dict[int, QColor]] = [{} for _ in lane_set.lanes]
    more = [False] * len(lane_set.lanes)
    at = _At()
    # A lane whose key has a colour of its own is drawn in it, whatever its events: one
    # event asks the rule (the actor grouping of a million events needs no scan).
    settled = {k for k, lane in enumerate(lane_set.lanes) if lane.key in colors}
    for i, lanes_of in enumerate(lane_set.event_lanes):
        for k in lanes_of:
            seen = found[k]
            if (k in settled and seen) or more[k]:
                continue
            at.index, at.lane = i, k
            colour = renderer._lane_color(document, frame, at, colors)  # type: ignore[arg-type]
            if colour.rgba() not in seen:
                if len(seen) >= MAX_SWATCHES:
                    more[k] = True
                else:
                    seen[colour.rgba()] = colour
    return [(list(seen.values()), extra) for seen, extra in zip(found, more, strict=True)]


class LegendView(QWidget):
    """Draws the legend's rows: the sample or swatches on the left, the text beside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendView")
        self.setMinimumWidth(260)  # a sample and a few words beside it
        self._rows: list[LegendRow] = []
        self._placed: list[tuple[LegendRow, QRectF, QRectF]] = []  # row, sample, text
        self._renderer = TimelineRenderer(RenderStyle.from_palette(self.palette(), self.font()))

    @property
    def renderer(self) -> TimelineRenderer:
        return self._renderer

    def set_rows(self, rows: list[LegendRow]) -> None:
        self._rows = rows
        self._relayout()

    def rows(self) -> list[LegendRow]:
        return list(self._rows)

    def placed(self) -> list[tuple[LegendRow, QRectF, QRectF]]:
        """Each row with the rectangles of its sample (or swatches) and of its text."""
        return list(self._placed)

    def _relayout(self) -> None:
        fm = QFontMetricsF(self.font())
        text_x = _PAD + SAMPLE_W + _PAD
        text_w = max(60.0, self.width() - text_x - _PAD)
        flags = int(Qt.TextFlag.TextWordWrap)
        y = _PAD
        placed = []
        for row in self._rows:
            if row.title:
                y += 4 if placed else 0
                rect = fm.boundingRect(QRectF(_PAD, y, self.width() - 2 * _PAD, 10_000), flags,
                                       row.text)
                placed.append((row, QRectF(), QRectF(_PAD, y, self.width() - 2 * _PAD,
                                                     rect.height())))
                y += rect.height() + 4
                continue
            text_h = fm.boundingRect(QRectF(text_x, y, text_w, 10_000), flags, row.text).height()
            lines = max(1, -(-len(row.colours) // _PER_LINE))
            sample_h = _DENSITY_H if row.density else max(18.0, lines * (_SWATCH + 2) + 2)
            h = max(text_h, sample_h)
            placed.append((row, QRectF(_PAD, y, SAMPLE_W, h), QRectF(text_x, y, text_w, h)))
            y += h + 4
        self._placed = placed
        self.setMinimumHeight(int(y + _PAD))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self._renderer = TimelineRenderer(RenderStyle.from_palette(self.palette(),
                                                                       self.font()))
            self._relayout()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            style = self._renderer.style
            bold = QFont(self.font())
            bold.setBold(True)
            align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                        | Qt.TextFlag.TextWordWrap)
            for row, sample, text in self._placed:
                painter.setFont(bold if row.title else self.font())
                painter.setPen(style.text)
                painter.drawText(text, align, row.text)
                if not row.title:
                    self._paint_sample(painter, row, sample)
        finally:
            painter.end()

    def _paint_sample(self, painter: QPainter, row: LegendRow, rect: QRectF) -> None:
        renderer = self._renderer
        cy = rect.center().y()
        if row.sample is not None:
            painter.save()
            painter.translate(rect.left(), cy)
            renderer.paint_sample(painter, row.sample, _SAMPLE_GRAY,
                                  FrameGeometry().marker_size / 2)
            painter.restore()
        elif row.density:
            counts = np.array([1, 2, 4, 7, 9, 6, 4, 3, 5, 8, 5, 3, 2, 1, 1, 2], dtype=np.int64)
            lane = LaneBox(0, "", "", rect.top(), rect.top() + _DENSITY_H, 0, 0, 0,
                           density=counts, density_x0=rect.left(),
                           density_bin_px=SAMPLE_W / len(counts))
            frame = _DensityRoom(rect.left(), rect.right() + 30)
            renderer._paint_densities(painter, frame, [lane])  # type: ignore[arg-type]
        else:
            painter.setPen(QPen(_SAMPLE_GRAY, 0.5))
            for colour, swatch in zip(row.colours, swatch_rects(row, rect), strict=True):
                painter.setBrush(colour)
                painter.drawRoundedRect(swatch, 2, 2)


def swatch_rects(row: LegendRow, rect: QRectF) -> list[QRectF]:
    """Where a lane row's colours go in its sample rectangle: three to a line."""
    lines = max(1, -(-len(row.colours) // _PER_LINE))
    top = rect.center().y() - (lines * (_SWATCH + 2) - 2) / 2
    return [QRectF(rect.left() + (k % _PER_LINE) * (_SWATCH + 2),
                   top + (k // _PER_LINE) * (_SWATCH + 2), _SWATCH, _SWATCH)
            for k in range(len(row.colours))]


class _DensityRoom:
    """The part of a ``Frame`` the density strip reads: where its peak label may go."""

    def __init__(self, x_origin: float, width: float) -> None:
        self.x_origin = x_origin
        self.width = width


def legend_rows(document: Document, lane_set: LaneSet, group_by: GroupBy,
                renderer: TimelineRenderer, frame: Frame) -> list[LegendRow]:
    """The legend for the lanes of ``lane_set`` and the marks ``frame`` draws."""
    rows = [LegendRow(_LANES_TITLE[group_by], title=True)]
    found = lane_colours(document, lane_set, renderer, lane_colors(document))
    for lane, (colours, more) in zip(lane_set.lanes, found, strict=True):
        text = one_line(lane.label, 200) + (" (and more colours)" if more else "")
        rows.append(LegendRow(text, tuple(colours), more))
    if group_by is not GroupBy.ACTOR:  # the colours are the actors': name them
        rows.append(LegendRow("Colours: the event's first actor", title=True))
        used = {c.rgba() for colours, _ in found for c in colours}
        colors = lane_colors(document)
        for actor in document.actors:
            colour = colors.get(actor.id)
            if colour is not None and colour.rgba() in used:
                rows.append(LegendRow(one_line(actor.name or actor.id, 200), (colour,)))
        if renderer.style.highlight.rgba() in used:
            rows.append(LegendRow("No actor", (renderer.style.highlight,)))
    rows.append(LegendRow("Marks", title=True))
    for text, sample in mark_samples(frame):
        rows.append(LegendRow(text[:1].upper() + text[1:], sample=sample))
    rows.append(LegendRow("Too many events to draw one by one: how many there are in each "
                          "column (zoom in to see them)", density=True))
    return rows


class LegendPanel(QDockWidget):
    """View > Legend: a dock beside the timeline, kept up to date while it is shown."""

    def __init__(self, session: DocumentSession, view: TimelineView,
                 parent: QWidget | None = None) -> None:
        super().__init__("Legend", parent)
        self.setObjectName("legendPanel")
        self._session = session
        self._view = view
        self.legend = LegendView()
        scroll = QScrollArea()
        scroll.setObjectName("legendScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.legend)
        scroll.setMinimumWidth(self.legend.minimumWidth() + 16)
        self.lanes = LaneList(view)  # hide, move, collapse, colour lanes from the keyboard
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.lanes)
        box_layout.addWidget(scroll, 1)
        self.setWidget(box)
        self._stale = True
        view.lanesChanged.connect(self._changed)
        session.documentReset.connect(self._changed)
        session.eventsChanged.connect(self._changed)  # an event's actors: a lane's colours
        self.visibilityChanged.connect(self._shown)

    def _changed(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _shown(self, visible: bool) -> None:
        if visible and self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Build the rows again from the document, the grouping in use and the palette."""
        self._stale = False
        view = self._view
        grouping = view.arrangement()  # the lanes shown, in their order
        self.legend.set_rows(legend_rows(self._session.document, grouping.lane_set,
                                         view.group_by, self.legend.renderer,
                                         view.current_frame()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._changed()
