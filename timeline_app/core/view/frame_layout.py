"""Where everything goes in one frame of the timeline: lanes, markers, labels, density bins.

The layout is pure geometry computed from the document, the lanes, the event index and
the time scale, with text measured through a callback; the Qt renderer only draws it.
So the screen, image export and hit-testing all read one ``Frame`` and cannot disagree,
and the layout is tested without a display.

Its cost is bounded by what is visible, never by the size of the document: each lane
asks the ``EventIndex`` for the events in view (binary search); a lane with more than
``max_markers_per_lane`` of them is drawn as a density histogram (bins computed by the
index with searchsorted) that dissolves into individual events as the user zooms in.
Labels are packed greedily into rows and capped per frame.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from operator import itemgetter

import numpy as np

from timeline_app.core.model import Document, Event
from timeline_app.core.view.axis_labels import AxisLabel, axis_labels
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame_marks import NO_MARKS, FrameMarks
from timeline_app.core.view.label_place import (
    MAX_CHIPS,
    chip_width,
    clear_badges,
    fuzz_of,
    label_extent,
    place_labels,
    wrapped_extent,
)
from timeline_app.core.view.lanes import GroupBy, LaneSet, pack_labels
from timeline_app.core.view.ticks import TickTier, tick_tiers
from timeline_app.core.view.timescale import TimeScale

__all__ = ["Frame", "FrameGeometry", "Hit", "HitKind", "LaneBox", "MarkerBox", "layout_frame"]

Measure = Callable[[str], float]

_FAR = 1e12  # no edge: where a label's claim on its row is computed

#: How far the whiskers of an approximate day reach beyond its marker.
_WHISKER_PX = 8.0


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

    def x_of(self, t: float) -> float:
        return self.x_origin + self.scale.x_of(t)

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


def _distance(box: MarkerBox, x: float) -> float:
    if box.x0 <= x <= box.x1:
        return 0.0
    return min(abs(box.x0 - x), abs(box.x1 - x))


def _lane_heights(
    lane_set: LaneSet, available: float, geo: FrameGeometry, expanded: int
) -> list[float]:
    n = len(lane_set.lanes)
    if n == 0:
        return []
    if 0 <= expanded < n and n > 1:
        small = geo.min_lane_height
        big = max(small, available - small * (n - 1))
        return [big if i == expanded else small for i in range(n)]
    return [max(geo.min_lane_height, available / n)] * n


def layout_frame(
    document: Document,
    lane_set: LaneSet,
    index: EventIndex,
    scale: TimeScale,
    width: float,
    height: float,
    measure: Measure,
    *,
    geometry: FrameGeometry | None = None,
    selected: int = -1,
    expanded_lane: int = -1,
    preview: tuple[int, Event] | None = None,
    label_of: Callable[[int], str] | None = None,
    lane_heights: Sequence[float] | None = None,
    wrap_labels: bool = False,
    row_plan: Sequence[dict[int, int]] | None = None,
    edge_claims: bool = False,
    marks: FrameMarks | None = None,
) -> Frame:
    """Lay out one frame; ``scale.width`` must equal the time area's width.

    ``preview`` is ``(i, event)``: draw ``event`` in place of ``document.events[i]``
    (same lanes), as while it is being dragged; the document is not touched.
    ``label_of`` gives the label of event ``i`` (its title by default: an export adds
    its source-note numbers); ``lane_heights`` sets each lane's height instead of
    sharing ``height`` out (an export makes every lane as tall as its events need);
    with ``wrap_labels`` a label that fits on neither side of its marker is wrapped onto
    the rows below it, on the side with more room, instead of running off the edge.
    ``row_plan[lane]`` maps events to the rows they had in a reference frame (see
    ``Frame.row_plan``): they keep them where they are free, so an event's row does not
    change while only the view does; ``edge_claims`` lays out such a reference frame.
    """
    geo = geometry or FrameGeometry()
    x_origin = geo.gutter
    t0, t1 = scale.t_left, scale.t_right
    tiers = tick_tiers(t0, t1, scale.width, measure)
    if lane_heights is not None:
        if len(lane_heights) != len(lane_set.lanes):
            raise ValueError(f"{len(lane_heights)} lane heights for {len(lane_set.lanes)} lanes")
        heights = list(lane_heights)
    else:
        heights = _lane_heights(lane_set, height - geo.axis_height, geo, expanded_lane)
    lanes: list[LaneBox] = []
    markers: list[MarkerBox] = []
    labels_left = geo.max_labels
    y = geo.axis_height
    events = document.events
    spp = scale.seconds_per_px
    for lane_i, lane in enumerate(lane_set.lanes):
        h = heights[lane_i]
        box = LaneBox(
            lane_i, lane.key, lane.label, y, y + h,
            total=index.lane_size(lane_i),
            in_view=index.count_visible(lane_i, t0, t1),
            rows=max(1, int((h - geo.lane_padding) // geo.row_height)),
        )
        lanes.append(box)
        visible = _individual_events(box, index, t0, t1, geo)
        if visible is None:
            nbins = max(1, int(scale.width // geo.density_bin_px))
            box.density = index.density(lane_i, t0, t1, nbins)
            box.density_x0 = x_origin
            box.density_bin_px = scale.width / nbins
        elif len(visible):
            labels_left = _layout_lane_events(
                box, index, visible, events, scale, x_origin, spp, geo,
                measure, labels_left, markers, selected, width, preview, label_of,
                wrap_labels, None if row_plan is None else row_plan[lane_i], lane_set.group_by,
                edge_claims,
            )
        y += h
    frame = Frame(width, height, geo, scale, x_origin, tiers, lanes, markers, selected,
                  axis_labels(tiers, lambda t: x_origin + scale.x_of(t), x_origin, width,
                              geo.axis_height, measure), marks=marks or NO_MARKS)
    for m in markers:
        frame._by_event.setdefault(m.index, m)
    frame._lane_starts = [lane.y0 for lane in lanes]
    frame._label_reach = max((m.label_width for m in markers), default=0.0)
    return frame


def _individual_events(
    lane: LaneBox, index: EventIndex, t0: float, t1: float, geo: FrameGeometry
) -> np.ndarray | None:
    """The events to draw one by one, or None when the lane must be a density strip.

    Events longer than the view (a siege, an occupation, or a date known only to the
    year while the view shows two days) do not belong to it the way events inside it
    do; past a handful they are summarised as "N longer events" so that zooming in
    always ends in individual events, however many long ones there are.
    """
    cap = geo.max_markers_per_lane
    if lane.in_view == 0:
        return np.zeros(0, dtype=np.intp)
    if lane.in_view > 8 * cap:  # certainly too many: skip fetching them
        return None
    visible = index.visible(lane.index, t0, t1)
    through = (index.ends[visible] - index.starts[visible]) > (t1 - t0)
    n_through = int(through.sum())
    if len(visible) - n_through > cap:
        return None
    if n_through > geo.max_ongoing_bars:
        lane.ongoing = n_through
        return visible[~through]
    return visible


class _Previewed:
    """The document's events with one of them replaced, for looking up by position."""

    __slots__ = ("event", "events", "index")

    def __init__(self, events: list[Event], index: int, event: Event) -> None:
        self.events, self.index, self.event = events, index, event

    def __getitem__(self, i: int) -> Event:
        return self.event if i == self.index else self.events[i]


def _layout_lane_events(
    lane: LaneBox,
    index: EventIndex,
    visible: np.ndarray,
    events: list,
    scale: TimeScale,
    x_origin: float,
    spp: float,
    geo: FrameGeometry,
    measure: Measure,
    labels_left: int,
    out: list[MarkerBox],
    selected: int,
    right_edge: float,
    preview: tuple[int, Event] | None = None,
    label_of: Callable[[int], str] | None = None,
    wrap_labels: bool = False,
    plan: dict[int, int] | None = None,
    group_by: GroupBy = GroupBy.ACTOR,
    edge_claims: bool = False,
) -> int:
    """Place the lane's visible events into rows; return how many labels may still be drawn.

    Candidates are plain tuples; a ``MarkerBox`` is made only for the events that get
    a row, since in a crowded lane most of them end up in a "+N" cluster.
    """
    half = geo.marker_size / 2
    max_w = geo.max_label_width
    visible = np.sort(visible)
    by_actor = group_by is GroupBy.ACTOR

    def chips_of(ev: Event) -> tuple[str, ...]:
        """An event's actors, shown as chips where the lane does not say who acted, and on
        each copy of an event drawn in several actors' lanes."""
        if by_actor and len(ev.actors) < 2:
            return ()
        return tuple(ev.actors[:MAX_CHIPS])

    # seconds come from the index's arrays: no per-event date arithmetic per frame
    x_starts = ((index.starts[visible] - scale.t_left) / spp + x_origin).tolist()
    x_ends = ((index.ends[visible] - scale.t_left) / spp + x_origin).tolist()
    if preview is not None:
        events = _Previewed(events, *preview)
        at = int(np.searchsorted(visible, preview[0]))
        if at < len(visible) and visible[at] == preview[0]:
            x_starts[at] = (preview[1].start_seconds() - scale.t_left) / spp + x_origin
            x_ends[at] = (preview[1].end_seconds() - scale.t_left) / spp + x_origin
    cands = []
    for idx, band_x0, x_end in zip(visible.tolist(), x_starts, x_ends, strict=True):
        ev = events[idx]
        is_range = ev.end is not None
        fuzz = fuzz_of(ev, spp) if is_range else (0.0, 0.0)
        if is_range:
            x0, x1, band_x1 = band_x0, max(band_x0 + 2.0, x_end), max(band_x0 + 2.0, x_end)
        elif ev.start.precision < 2:
            # a month or a year is a span, never a point: it covers all of it (at least
            # a marker's width when zoomed out, so that it can still be seen and clicked)
            cx = (band_x0 + x_end) / 2
            x0, x1, band_x1 = min(band_x0, cx - half), max(x_end, cx + half), x_end
        else:
            cx = (band_x0 + x_end) / 2  # a point's end is the end of its precision span
            x0, x1, band_x1 = cx - half, cx + half, x_end
            if ev.start.approximate:  # whiskers: keep the label clear of them
                x0, x1 = x0 - _WHISKER_PX, x1 + _WHISKER_PX
        if labels_left > 0 or idx == selected:
            labels_left -= 1
            text = ev.title if label_of is None else label_of(idx)
            full = measure(text) + chip_width(chips_of(ev))
            w = min(full, max_w)
            # a month or a year is light enough to carry its label in it, like a bar
            inside_ok = is_range or ev.start.precision < 2
            lines: tuple[str, ...] = ()
            if wrap_labels:  # an export: no view moves, the label's place is its claim
                ext0, ext1, label_x = label_extent(x0, x1, inside_ok, w, geo, x_origin,
                                                   right_edge, fuzz)
                if ext1 > right_edge:
                    ext0, ext1, label_x, w, lines = wrapped_extent(
                        text, x0, x1, geo, x_origin, right_edge, measure, not is_range)
            else:
                # The claim a label makes on its row is the same wherever the view is:
                # beside its marker or in its bar, never moved by the view's edges, so
                # panning never changes which events share a row.
                # A reference frame (``edge_claims``) claims where the label will be drawn
                # in it, flipped left at the right edge, so that its rows leave it room.
                lo, hi = (x_origin, right_edge) if edge_claims else (-_FAR, _FAR)
                ext0, ext1, label_x = label_extent(x0, x1, inside_ok, w, geo, lo, hi, fuzz)
            cands.append((ext0, ext1, idx, x0, x1, band_x0, band_x1, True, w, label_x, lines,
                          full, fuzz, inside_ok))
        else:
            cands.append((x0, x1, idx, x0, x1, band_x0, band_x1, False, 0.0, 0.0, (), 0.0,
                          fuzz, False))
    cands.sort(key=itemgetter(0))
    ordered = [(c[0], c[1]) for c in cands]
    first_row = 1 if lane.ongoing and lane.rows > 1 else 0  # row 0 says "N ongoing"
    rows = lane.rows - first_row
    spans = [max(1, len(c[10])) for c in cands] if wrap_labels else None
    preferred = [plan.get(c[2], -1) for c in cands] if plan else None
    packed = pack_labels(ordered, rows, spans=spans, preferred=preferred)
    if packed.overflow_clusters and rows > 1:
        # keep the last row free for the "+N" markers
        packed = pack_labels(ordered, rows - 1, spans=spans, preferred=preferred)
    row_y0 = lane.y0 + geo.lane_padding / 2 + first_row * geo.row_height
    placed: list[MarkerBox] = []
    if not wrap_labels:
        shown = place_labels(cands, packed.rows, x_origin, right_edge, geo)
    for k, (cand, row) in enumerate(zip(cands, packed.rows, strict=True)):
        if row < 0:
            continue
        _, _, idx, x0, x1, band_x0, band_x1, has_label, w, label_x, lines = cand[:11]
        if has_label and not wrap_labels:
            has_label, label_x, w = shown[k]
        ev = events[idx]
        cy = row_y0 + row * geo.row_height + geo.row_height / 2
        if ev.end is not None:
            start_fuzz, end_fuzz = fuzz_of(ev, spp)
            hh = geo.bar_height / 2
            box = MarkerBox(idx, lane.index, x0, x1, cy - hh, cy + hh, band_x0, band_x1, True,
                            ev.start.approximate or ev.end.approximate, start_fuzz, end_fuzz)
        else:
            hh = geo.marker_size / 2
            box = MarkerBox(idx, lane.index, x0, x1, cy - hh, cy + hh, band_x0, band_x1,
                            False, ev.start.approximate, 0.0, 0.0)
            box.is_span = ev.start.precision < 2
        box.row = row
        if has_label and not lines:
            box.chips = chips_of(ev)
        if has_label:
            label = ev.title if label_of is None else label_of(idx)
            box.label, box.label_width, box.label_x = label, w, label_x
            box.label_lines = lines
        placed.append(box)
    placed.sort(key=lambda m: m.x0)  # Frame.hit bisects on x0
    out.extend(placed)
    bottom = row_y0 + (rows - 1) * geo.row_height
    for x, count in packed.overflow_clusters:
        text = f"+{count}"
        w = measure(text) + 10
        lane.overflow.append(OverflowBox(lane.index, x, bottom + 3, bottom + geo.row_height - 3,
                                         count, w))
    if rows == 1 and lane.overflow:
        clear_badges(placed, lane.overflow)
    return labels_left
