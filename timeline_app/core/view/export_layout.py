"""Where everything goes in an exported image: heading, timeline, legend and source notes.

An exported image is read where nobody can hover over it, so it carries what the window
shows on demand: every event's whole title (never elided), the timeline's title and the
range shown, a legend of the lane colours and of the marks for precision and
uncertainty, and numbered notes crediting the sources, each event's label ending with
the numbers of its notes.  The timeline part is an ordinary ``Frame`` laid out by
``layout_frame`` (the screen's layout), so the renderer draws an export with the code
that draws the window.

Pure geometry: text is measured through ``TextMetrics`` (the renderer's fonts), so the
layout is tested without a display, and "nothing overlaps" is a property of the boxes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from timeline_app.core.model import Document
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame_layout import Frame, FrameGeometry, MarkerBox, layout_frame
from timeline_app.core.view.lane_heights import collapsed_heights, plan_lanes
from timeline_app.core.view.lanes import LaneSet
from timeline_app.core.view.text_wrap import wrap_text
from timeline_app.core.view.ticks import day_label
from timeline_app.core.view.timescale import TimeScale

__all__ = [
    "ExportLayout",
    "ExportParts",
    "LegendItem",
    "TextBox",
    "TextMetrics",
    "layout_export",
    "mark_samples",
    "wrap_text",
]

HEADING, LABEL, SMALL = "heading", "label", "small"
MARGIN = 16.0
#: the width of a sample mark in the legend, and the room around it
SAMPLE_W = 40.0
_GAP = 18.0


class TextMetrics(Protocol):
    """The renderer's fonts: width of a text and height of a line, per role."""

    def width(self, text: str, role: str) -> float: ...

    def line_height(self, role: str) -> float: ...


@dataclass(frozen=True, slots=True)
class ExportParts:
    """Which parts around the timeline an export includes."""

    heading: bool = True
    legend: bool = True
    notes: bool = True


@dataclass(frozen=True, slots=True)
class TextBox:
    """One line of text: drawn from (x, y) to (x + width, y + height) in ``role``'s font."""

    x: float
    y: float
    width: float
    height: float
    text: str
    role: str

    def intersects(self, other: TextBox) -> bool:
        return (self.x < other.x + other.width and other.x < self.x + self.width
                and self.y < other.y + other.height and other.y < self.y + self.height)


@dataclass(frozen=True, slots=True)
class LegendItem:
    """A sample and what it means: a lane colour (``actor`` set) or a mark (``sample``)."""

    text: TextBox
    sample: MarkerBox | None = None
    actor: str = ""  # the actor whose colour the swatch shows
    swatch: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x, y, w, h
    more: tuple[TextBox, ...] = ()  # the text's further lines when it was wrapped


@dataclass(slots=True)
class ExportLayout:
    width: float
    height: float
    frame: Frame
    frame_top: float  # where the frame's y = 0 is drawn
    heading: list[TextBox] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    legend_titles: list[TextBox] = field(default_factory=list)
    notes: list[TextBox] = field(default_factory=list)
    note_numbers: dict[int, list[int]] = field(default_factory=dict)  # event -> its notes
    sources: list[str] = field(default_factory=list)  # source ids in note order
    clean: Callable[[str], str] = field(default=str, repr=False)  # how file text is shown

    def frame_texts(self) -> list[TextBox]:
        """The event labels of the frame, where the export draws them."""
        frame = self.frame
        boxes = []
        for m in frame.markers:
            if m.label:
                h = frame.geometry.row_height - 4
                cy = (m.y0 + m.y1) / 2 + self.frame_top
                for k, line in enumerate(m.label_lines or (m.label,)):
                    y = cy - h / 2 + k * frame.geometry.row_height
                    boxes.append(TextBox(m.label_x, y, m.label_width, h, line, LABEL))
        return boxes

    def texts(self) -> list[TextBox]:
        """Every text of the image outside the time axis and the lane names."""
        return [*self.heading, *self.frame_texts(), *self.legend_titles,
                *(box for item in self.legend for box in (item.text, *item.more)),
                *self.notes]


def _event_label(title: str, numbers: list[int]) -> str:
    return f"{title} [{', '.join(map(str, numbers))}]" if numbers else title


def _note_text(n: int, document: Document, source_id: str) -> str:
    source = document.source(source_id)
    if source is None:
        return f"{n}. {source_id}"
    parts = [p for p in (source.outlet, f"“{source.title}”" if source.title else "",
                         source.published.iso() if source.published else "") if p]
    text = f"{n}. " + (", ".join(parts) or source.id)
    return f"{text}. {source.url}" if source.url else text


def _numbering(document: Document, shown: list[int]) -> tuple[list[str], dict[int, list[int]]]:
    """Sources in the order the shown events (in time order) first cite them."""
    order: dict[str, int] = {}
    numbers: dict[int, list[int]] = {}
    events = document.events
    for i in sorted(shown, key=lambda i: (events[i].start.to_seconds(), i)):
        mine: list[int] = []
        for citation in events[i].citations:
            n = order.setdefault(citation.source, len(order) + 1)
            if n not in mine:
                mine.append(n)
        numbers[i] = sorted(mine)
    return list(order), numbers


def _rows_used(frame: Frame) -> list[int]:
    """How many rows each lane of ``frame`` fills (a tall frame: nothing overflows)."""
    geo = frame.geometry
    used = [0] * len(frame.lanes)
    for m in frame.markers:
        lane = frame.lanes[m.lane]
        cy = (m.y0 + m.y1) / 2
        row = round((cy - lane.y0 - geo.lane_padding / 2 - geo.row_height / 2) / geo.row_height)
        used[m.lane] = max(used[m.lane], row + max(1, len(m.label_lines)))
    for i, lane in enumerate(frame.lanes):
        if lane.ongoing:
            used[i] = max(used[i], 1)
    return used


def _fitted_heights(frame: Frame) -> list[float]:
    geo = frame.geometry
    heights = []
    for lane, rows in zip(frame.lanes, _rows_used(frame), strict=True):
        if lane.density is not None:
            heights.append(2 * geo.min_lane_height)
        else:
            heights.append(max(geo.min_lane_height, rows * geo.row_height + geo.lane_padding))
    return heights


def layout_export(
    document: Document,
    lane_set: LaneSet,
    index: EventIndex,
    time_range: tuple[float, float],
    width: float,
    metrics: TextMetrics,
    *,
    height: float | None = None,
    parts: ExportParts = ExportParts(),
    geometry: FrameGeometry | None = None,
    group_label: str = "",
    clean: Callable[[str], str] = str,
    collapsed: Sequence[bool] = (),
) -> ExportLayout:
    """Lay out an export ``width`` pixels wide showing ``time_range``.

    Without ``height`` the image is as tall as its content: every lane gets a row for
    each of its events.  With ``height`` the lanes share what the other parts leave,
    as in the window (events without room are counted in "+N").  A ``collapsed`` lane
    (one flag per lane) is one thin row, as in the window.  Every text from the file
    goes through ``clean`` (the caller's rule for showing it: control characters as
    escapes), titles whole.
    """
    geo = replace(geometry or FrameGeometry(), max_label_width=math.inf)
    t0, t1 = time_range
    area = max(1.0, float(int(width - geo.gutter)))
    scale = TimeScale(t0, (t1 - t0) / area, area)

    def label_measure(text: str) -> float:
        return metrics.width(text, LABEL)

    def frame(label_of=None, lane_heights=None, frame_height=0.0, row_plan=None) -> Frame:
        return layout_frame(document, lane_set, index, scale, width, frame_height,
                            label_measure, geometry=geo, label_of=label_of,
                            lane_heights=lane_heights, wrap_labels=True, row_plan=row_plan)

    n_lanes = len(lane_set.lanes)
    # room for every event, even each on its own rows (first-fit costs only the rows used)
    tall = [(6 * index.count_visible(i, t0, t1) + 2) * geo.row_height + geo.lane_padding
            for i in range(n_lanes)]
    first = frame(lane_heights=tall)
    shown = sorted({m.index for m in first.markers})
    sources, numbers = _numbering(document, shown) if parts.notes else ([], {})
    events = document.events

    def label_of(i: int) -> str:
        return _event_label(clean(events[i].title), numbers.get(i, []))

    out = ExportLayout(width, 0.0, first, 0.0, sources=sources, note_numbers=numbers,
                       clean=clean)
    y = MARGIN if parts.heading else 0.0
    if parts.heading:
        y = _layout_heading(out, document, time_range, width, metrics, y, group_label,
                            _in_range(index, t0, t1), _histograms(first)) + 10
    frame_top = y
    legend_h = _layout_legend(out, document, first, width, metrics, 0.0, shown) \
        if parts.legend else 0.0
    notes_h = _layout_notes(out, document, width, metrics, 0.0) if parts.notes else 0.0
    below = (legend_h + 12 if parts.legend else 0.0) + (notes_h + 12 if parts.notes else 0.0)
    below += MARGIN if (parts.legend or parts.notes) else 0.0
    if height is None:
        with_labels = frame(label_of, tall)
        fitted = collapsed_heights(_fitted_heights(with_labels), collapsed, geo)
        frame_height = geo.axis_height + sum(fitted)
        out.frame = frame(label_of, fitted, frame_height)
    else:
        frame_height = max(geo.axis_height + n_lanes * geo.min_lane_height,
                           height - frame_top - below)
        # the lanes share the height as the window shares it: by what each needs
        plan, heights = plan_lanes(document, lane_set, index, scale, width, frame_height,
                                   label_measure, geo, collapsed=collapsed)
        out.frame = frame(label_of, collapsed_heights(heights, collapsed, geo), frame_height, plan)
    out.frame_top = frame_top
    for lane in out.frame.lanes:
        lane.label = clean(lane.label)
    y = frame_top + frame_height + 12
    if parts.legend:
        _shift(out, "legend", y)
        y += legend_h + 12
    if parts.notes:
        _shift(out, "notes", y)
        y += notes_h + 12
    out.height = y - 12 + MARGIN if parts.legend or parts.notes else frame_top + frame_height
    if height is not None:
        out.height = max(out.height, height)
    return out


def _shift(out: ExportLayout, part: str, dy: float) -> None:
    """Move a part laid out at y = 0 down by ``dy``."""
    if part == "notes":
        out.notes = [replace(b, y=b.y + dy) for b in out.notes]
        return
    out.legend_titles = [replace(b, y=b.y + dy) for b in out.legend_titles]
    moved = []
    for item in out.legend:
        sample = item.sample
        if sample is not None:
            sample = replace(sample, y0=sample.y0 + dy, y1=sample.y1 + dy)
        sx, sy, sw, sh = item.swatch
        moved.append(LegendItem(replace(item.text, y=item.text.y + dy), sample, item.actor,
                                (sx, sy + dy, sw, sh),
                                tuple(replace(b, y=b.y + dy) for b in item.more)))
    out.legend = moved


def _in_range(index: EventIndex, t0: float, t1: float) -> int:
    """How many events overlap the range (an event with two actors counts once)."""
    overlap = (index.starts < t1) & (index.ends > t0)
    kept = getattr(index, "kept", None)  # a filter's index (core.view.kept): what it shows
    if kept is not None:
        overlap &= kept
    return int(np.count_nonzero(overlap))


def _histograms(frame: Frame) -> bool:
    return any(lane.density is not None for lane in frame.lanes)


def _layout_heading(out: ExportLayout, document: Document, time_range: tuple[float, float],
                    width: float, metrics: TextMetrics, y: float, group_label: str,
                    n_events: int, histograms: bool) -> float:
    text_w = width - 2 * MARGIN
    title = out.clean(document.title) or "Timeline"
    lh = metrics.line_height(HEADING)
    for line in wrap_text(title, text_w, lambda t: metrics.width(t, HEADING)):
        out.heading.append(TextBox(MARGIN, y, metrics.width(line, HEADING), lh, line, HEADING))
        y += lh
    t0, t1 = time_range
    sub = f"{day_label(t0)} – {day_label(t1 - 1)}"  # the last day shown, not the next
    sub += f" · {n_events:,} event{'s' if n_events != 1 else ''}"
    if histograms:
        sub += " · lanes with too many to draw one by one show how many there are (histogram)"
    if group_label:
        sub += f" · one lane per {group_label}"
    lh = metrics.line_height(LABEL)
    for line in wrap_text(sub, text_w, lambda t: metrics.width(t, LABEL)):
        out.heading.append(TextBox(MARGIN, y + 2, metrics.width(line, LABEL), lh, line, LABEL))
        y += lh + 2
    return y


def _marks(frame: Frame) -> list[tuple[str, MarkerBox]]:
    """The samples of the marks for dates: what each shape on the timeline means."""
    h = frame.geometry.marker_size / 2
    bh = frame.geometry.bar_height / 2
    w = SAMPLE_W

    def point(approximate: bool = False, band: float = 0.0) -> MarkerBox:
        c = w / 2
        return MarkerBox(-1, -1, c - h, c + h, -h, h, c - band, c + band, False, approximate,
                         0.0, 0.0)

    def bar(approximate: bool = False, fuzz: float = 0.0) -> MarkerBox:
        return MarkerBox(-1, -1, 0.0, w, -bh, bh, 0.0, w, True, approximate, fuzz, fuzz)

    def span() -> MarkerBox:
        box = MarkerBox(-1, -1, 0.0, w, -h, h, 0.0, w, False, False, 0.0, 0.0)
        box.is_span = True
        return box

    def uncertain(box: MarkerBox) -> MarkerBox:
        box.uncertain = True
        return box

    def goes_on() -> MarkerBox:  # a day's marker at the left, its tail the rest
        box = MarkerBox(-1, -1, 0.0, w, -h, h, 0.0, 2 * h, False, False, 0.0, 0.0)
        box.open_tail = w - 2 * h
        return box

    return [
        ("a day", point()),
        ("a date known only to the month or year: the span it may fall in", span()),
        ("an approximate date (about, circa): whiskers", point(approximate=True)),
        ("a period", bar()),
        ("a period whose start or end is known only to the month or year: faded ends",
         bar(fuzz=w / 3)),
        ("an approximate period: dashed outline", bar(approximate=True)),
        ("an uncertain date or period (reportedly, ?): a \"?\" badge", uncertain(point())),
        ("an event that goes on (an open end, ..): a tail fading out", goes_on()),
    ]


def _flow(entries: list[tuple[float, str]], width: float, metrics: TextMetrics,
          y: float) -> tuple[list[tuple[float, float, float, list[str]]], float]:
    """Entries (sample width, text) placed left to right in lines: (x, text x, y, lines);
    an entry wider than a whole line has its text wrapped onto lines of its own."""
    lh = max(metrics.line_height(LABEL), 16.0)
    x = MARGIN
    placed = []
    right = width - MARGIN
    for sample_w, text in entries:
        text_w = metrics.width(text, LABEL)
        need = sample_w + 6 + text_w
        if x > MARGIN and x + need > right:
            x, y = MARGIN, y + lh + 4
        lines = [text]
        if x + need > right:
            lines = wrap_text(text, max(right - x - sample_w - 6, 40.0),
                              lambda t: metrics.width(t, LABEL))
            need = sample_w + 6 + max(metrics.width(line, LABEL) for line in lines)
        placed.append((x, x + sample_w + 6, y, lines))
        if len(lines) > 1:
            x, y = MARGIN, y + len(lines) * lh + 4
        else:
            x += need + _GAP
    return placed, y + lh


def _line_boxes(lines: list[str], x: float, y: float, lh: float,
                metrics: TextMetrics) -> list[TextBox]:
    return [TextBox(x, y + k * lh, metrics.width(line, LABEL), lh, line, LABEL)
            for k, line in enumerate(lines)]


def _layout_legend(out: ExportLayout, document: Document, frame: Frame, width: float,
                   metrics: TextMetrics, y: float, shown: list[int]) -> float:
    lh = max(metrics.line_height(LABEL), 16.0)
    title_lh = metrics.line_height(LABEL)
    actors_shown = {a for i in shown for a in document.events[i].actors}
    actors = [a for a in document.actors if a.id in actors_shown]
    if actors:
        out.legend_titles.append(TextBox(MARGIN, y, metrics.width("Colours", LABEL), title_lh,
                                         "Colours", LABEL))
        y += title_lh + 4
        placed, y = _flow([(14.0, out.clean(a.name or a.id)) for a in actors], width,
                          metrics, y)
        for actor, (x, tx, ly, lines) in zip(actors, placed, strict=True):
            first, *more = _line_boxes(lines, tx, ly, lh, metrics)
            out.legend.append(LegendItem(first, None, actor.id, (x, ly + lh / 2 - 6, 14.0, 12.0),
                                         tuple(more)))
        y += 8
    out.legend_titles.append(TextBox(MARGIN, y, metrics.width("Dates", LABEL), title_lh,
                                     "Dates", LABEL))
    y += title_lh + 4
    marks = _marks(frame)
    placed, y = _flow([(SAMPLE_W, text) for text, _ in marks], width, metrics, y)
    for (_, sample), (x, tx, ly, lines) in zip(marks, placed, strict=True):
        cy = ly + lh / 2
        moved = replace(sample, x0=sample.x0 + x, x1=sample.x1 + x, y0=sample.y0 + cy,
                        y1=sample.y1 + cy, band_x0=sample.band_x0 + x,
                        band_x1=sample.band_x1 + x)
        first, *more = _line_boxes(lines, tx, ly, lh, metrics)
        out.legend.append(LegendItem(first, moved, more=tuple(more)))
    return y


def _layout_notes(out: ExportLayout, document: Document, width: float, metrics: TextMetrics,
                  y: float) -> float:
    if not out.sources:
        return y
    lh = metrics.line_height(LABEL)
    out.notes.append(TextBox(MARGIN, y, metrics.width("Sources", LABEL), lh, "Sources", LABEL))
    y += lh + 4
    text_w = width - 2 * MARGIN - 16
    for n, source_id in enumerate(out.sources, start=1):
        lines = wrap_text(out.clean(_note_text(n, document, source_id)), text_w,
                          lambda t: metrics.width(t, LABEL))
        for k, line in enumerate(lines):
            x = MARGIN + (16 if k else 0)
            out.notes.append(TextBox(x, y, metrics.width(line, LABEL), lh, line, LABEL))
            y += lh
        y += 3
    return y


def mark_samples(frame: Frame) -> list[tuple[str, MarkerBox]]:
    """The samples of the marks for dates, at the origin (``SAMPLE_W`` wide, centred on
    y = 0), with what each means: the export's legend and the window's legend panel."""
    return _marks(frame)
