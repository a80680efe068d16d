"""One laid-out frame of the timeline and how a point is hit in it.

``layout_frame`` (in ``frame_layout``) fills a ``Frame``; the renderer draws it and the
view hit-tests it, so screen, export and clicks read one value.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from timeline_app.core.view.axis_labels import AxisLabel
from timeline_app.core.view.frame_marks import NO_MARKS, FrameMarks
from timeline_app.core.view.ticks import TickTier
from timeline_app.core.view.timescale import TimeScale

__all__ = ["OPEN_TAIL_PX", "Frame", "FrameGeometry", "Hit", "HitKind", "LaneBox", "MarkerBox",
           "OverflowBox"]

OPEN_TAIL_PX = 48.0
"""The fading tail drawn to the right of an event that goes on (an open end, ``..``)."""


@dataclass(frozen=True, slots=True)
class FrameGeometry:
    """Fixed metrics of the drawing, in pixels (scaled by the caller for high-DPI export)."""

    gutter: float = 176.0  # lane names on the left
    axis_height: float = 46.0  # two tiers of tick labels on top
    row_height: float = 24.0
    lane_padding: float = 8.0
    marker_size: float = 11.0
    bar_height: float = 14.0
    label_gap: float = 6.0
    max_label_width: float = 280.0
    min_lane_height: float = 40.0
    max_markers_per_lane: int = 400
    max_labels: int = 600
    density_bin_px: int = 3
    max_ongoing_bars: int = 2  # more ranges through the whole view become "N ongoing"


@dataclass(slots=True)
class MarkerBox:
    """One event drawn in one lane (an event with two actors has a box in each lane)."""

    index: int  # position in document.events
    lane: int
    x0: float  # marker (point) or bar (range) extent
    x1: float
    y0: float
    y1: float
    band_x0: float  # the span its dates may cover: month precision spans the month
    band_x1: float
    is_range: bool
    approximate: bool
    start_fuzz: float  # for ranges: pixels at each end that the precision leaves uncertain
    end_fuzz: float
    label: str | None = None
    label_x: float = 0.0
    label_width: float = 0.0
    label_lines: tuple[str, ...] = ()  # a wrapped label: its lines, one row each
    is_span: bool = False  # a point known only to the month or year: drawn as that span
    row: int = -1  # its row in the lane, counted from the first row events may use
    chips: tuple[str, ...] = ()  # actor ids drawn as coloured chips before the label
    uncertain: bool = False  # a date is uncertain (EDTF ?): drawn with a "?" badge
    open_tail: float = 0.0  # an event that goes on: the last pixels of x0..x1 are its tail

    def contains(self, x: float, y: float, slop: float = 3.0) -> bool:
        left, right = self.x0, self.x1
        if self.label:
            left = min(left, self.label_x)
            right = max(right, self.label_x + self.label_width)
        return left - slop <= x <= right + slop and self.y0 - slop <= y <= self.y1 + slop


@dataclass(slots=True)
class OverflowBox:
    """A "+N" marker: N events that found no row; clicking it expands the lane."""

    lane: int
    x: float
    y0: float
    y1: float
    count: int
    width: float


@dataclass(slots=True)
class LaneBox:
    index: int
    key: str
    label: str
    y0: float
    y1: float
    total: int  # events in the lane
    in_view: int  # events of the lane overlapping the visible range
    rows: int
    density: np.ndarray | None = None  # counts per bin when too many are in view
    density_x0: float = 0.0
    density_bin_px: float = 0.0
    overflow: list[OverflowBox] = field(default_factory=list)
    ongoing: int = 0  # ranges running through the whole view, summarised in row 0


class HitKind(Enum):
    NONE = "none"
    EVENT = "event"
    OVERFLOW = "overflow"
    DENSITY = "density"
    LANE = "lane"


@dataclass(frozen=True, slots=True)
class Hit:
    kind: HitKind
    lane: int = -1
    index: int = -1  # event index for EVENT
    t: float = 0.0  # time under the point for DENSITY and LANE


@dataclass(slots=True)
class Frame:
    """Everything one paint needs, in widget pixels."""

    width: float
    height: float
    geometry: FrameGeometry
    scale: TimeScale  # maps time to x relative to ``x_origin``
    x_origin: float
    tiers: list[TickTier]
    lanes: list[LaneBox]
    markers: list[MarkerBox]  # sorted by lane, then x0
    selected: int = -1
    axis_labels: list[AxisLabel] = field(default_factory=list)  # tick labels, whole
    _by_event: dict[int, MarkerBox] = field(default_factory=dict)
    _lane_starts: list[float] = field(default_factory=list)
    _label_reach: float = 0.0  # the widest label: how far left of a point hits may come from
    marks: FrameMarks = NO_MARKS  # search matches and faded events, for the renderer
    # Per lane, the events drawn one by one that were offered no label, sorted: the
    # frame's ``FrameGeometry.max_labels`` had run out (the selected event is labelled
    # all the same).  See ``reselected``.
    unoffered: list[np.ndarray] = field(default_factory=list)

    def x_of(self, t: float) -> float:
        return self.x_origin + self.scale.x_of(t)

    def reselected(self, selected: int) -> Frame | None:
        """This frame with ``selected`` as the selection, when that is the frame
        ``layout_frame`` would lay out for it; None when it needs a layout of its own.

        The selection changes a layout only by the label it always gets: when neither
        the old nor the new selection is an event offered no label, the boxes are the
        same.  A click on an event of a big timeline then costs a repaint, not a layout."""
        if selected == self.selected:
            return self
        if any(_holds(events, self.selected) or _holds(events, selected)
               for events in self.unoffered):
            return None
        twin = copy.copy(self)  # shares the boxes: a laid-out frame is never changed
        twin.selected = selected
        return twin

    def t_of(self, x: float) -> float:
        return self.scale.t_of(x - self.x_origin)

    def row_plan(self) -> list[dict[int, int]]:
        """The row of each event in each lane, for ``layout_frame(row_plan=...)``."""
        plan: list[dict[int, int]] = [{} for _ in self.lanes]
        for m in self.markers:
            plan[m.lane][m.index] = m.row
        return plan

    def marker_for(self, index: int) -> MarkerBox | None:
        """The first box of event ``index`` in this frame, or None if it is not shown."""
        return self._by_event.get(index)

    def lane_at(self, y: float) -> int:
        i = bisect.bisect_right(self._lane_starts, y) - 1
        if 0 <= i < len(self.lanes) and y < self.lanes[i].y1:
            return i
        return -1

    def hit(self, x: float, y: float) -> Hit:
        """What is under the point: logarithmic in the markers of the lane under it."""
        lane_i = self.lane_at(y)
        if lane_i < 0 or x < self.x_origin:
            return Hit(HitKind.NONE, lane_i)
        lane = self.lanes[lane_i]
        for box in lane.overflow:
            if box.x - 2 <= x <= box.x + box.width + 2 and box.y0 <= y <= box.y1:
                return Hit(HitKind.OVERFLOW, lane_i)
        if lane.density is not None:
            return Hit(HitKind.DENSITY, lane_i, -1, self.t_of(x))
        best: MarkerBox | None = None
        lo = bisect.bisect_left(self.markers, lane_i, key=lambda m: m.lane)
        hi = bisect.bisect_right(self.markers, lane_i, key=lambda m: m.lane)
        # Markers of a lane are sorted by x0; a label reaches at most the widest beyond.
        reach = self._label_reach + self.geometry.marker_size + 8
        start = bisect.bisect_left(self.markers, x - reach, lo, hi, key=lambda m: m.x0)
        end = bisect.bisect_right(self.markers, x + reach, lo, hi, key=lambda m: m.x0)
        # A bar may start far left of the point: ranges are checked on their own (a lane
        # lays out at most max_markers_per_lane boxes, so this stays bounded).
        ranges = [m for m in self.markers[lo:start] if m.is_range and m.x1 >= x]
        for box in [*self.markers[start:end], *ranges]:
            # prefer the box whose marker is nearest; a label is a weaker claim
            if box.contains(x, y) and (best is None or _distance(box, x) < _distance(best, x)):
                best = box
        if best is not None:
            return Hit(HitKind.EVENT, lane_i, best.index, self.t_of(x))
        return Hit(HitKind.LANE, lane_i, -1, self.t_of(x))


def _holds(sorted_events: np.ndarray, index: int) -> bool:
    if index < 0:
        return False
    at = int(np.searchsorted(sorted_events, index))
    return at < len(sorted_events) and int(sorted_events[at]) == index


def _distance(box: MarkerBox, x: float) -> float:
    if box.x0 <= x <= box.x1:
        return 0.0
    return min(abs(box.x0 - x), abs(box.x1 - x))
