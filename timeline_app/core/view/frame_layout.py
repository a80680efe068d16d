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

from collections.abc import Callable, Sequence

import numpy as np

from timeline_app.core.model import Document, Event
from timeline_app.core.view.axis_labels import axis_labels
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.event_traits import EventTraits
from timeline_app.core.view.frame import (
    OPEN_TAIL_PX,
    Frame,
    FrameGeometry,
    Hit,
    HitKind,
    LaneBox,
    MarkerBox,
    OverflowBox,
)
from timeline_app.core.view.frame_marks import NO_MARKS, FrameMarks
from timeline_app.core.view.label_place import clear_badges, fuzz_of, place_labels
from timeline_app.core.view.lane_candidates import (
    Candidates,
    frame_candidates,
    frame_candidates_loop,
)
from timeline_app.core.view.lane_candidates import chips_of as lane_chips
from timeline_app.core.view.lanes import (
    GroupBy,
    LaneSet,
    PackResult,
    pack_labels,
    pack_rows,
    surely_overflows,
)
from timeline_app.core.view.ticks import tick_tiers
from timeline_app.core.view.timescale import TimeScale

__all__ = ["Frame", "FrameGeometry", "Hit", "HitKind", "LaneBox", "MarkerBox", "layout_frame"]

Measure = Callable[[str], float]


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
    traits: EventTraits | None = None,
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
    ``traits`` keeps what the layout reads of each event from one frame to the next.
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
    unoffered: list[np.ndarray] = []
    y = geo.axis_height
    events = document.events
    spp = scale.seconds_per_px
    pending: list[tuple[LaneBox, np.ndarray]] = []  # lanes drawn event by event
    # Every lane's events in view at once; a lane with more than this is a density strip.
    in_view, in_lane = index.in_view(t0, t1, 8 * geo.max_markers_per_lane)
    for lane_i, lane in enumerate(lane_set.lanes):
        h = heights[lane_i]
        box = LaneBox(
            lane_i, lane.key, lane.label, y, y + h,
            total=index.lane_size(lane_i),
            in_view=in_view[lane_i],
            rows=max(1, int((h - geo.lane_padding) // geo.row_height)),
        )
        lanes.append(box)
        visible = _individual_events(box, in_lane[lane_i], index, t1 - t0, geo)
        if visible is None:
            nbins = max(1, int(scale.width // geo.density_bin_px))
            box.density = index.density(lane_i, t0, t1, nbins)
            box.density_x0 = x_origin
            box.density_bin_px = scale.width / nbins
        elif len(visible):
            pending.append((box, visible))
        y += h
    # Labels are given out lane after lane, to the first events of each while any are
    # left (and always to the selected event, which takes none from the others).
    budgets, labels_left = [], geo.max_labels
    for _, visible in pending:
        budgets.append(labels_left)
        if len(visible) > labels_left:  # these get no label unless selected
            unoffered.append(visible[labels_left:])
        labels_left -= min(labels_left, len(visible))
    visibles = [visible for _, visible in pending]
    every = np.concatenate(visibles) if visibles else np.zeros(0, dtype=np.intp)
    # seconds come from the index's arrays: no per-event date arithmetic per frame
    x_starts = (index.starts[every] - scale.t_left) / spp + x_origin
    x_ends = (index.ends[every] - scale.t_left) / spp + x_origin
    if preview is not None:
        events = _Previewed(events, *preview)
        moved = every == preview[0]
        x_starts[moved] = (preview[1].start_seconds() - scale.t_left) / spp + x_origin
        x_ends[moved] = (preview[1].end_seconds() - scale.t_left) / spp + x_origin
    by_actor = lane_set.group_by is GroupBy.ACTOR
    args = (visibles, budgets, events, x_starts, x_ends, spp, geo, measure, selected,
            label_of, by_actor, edge_claims, x_origin, width)
    if wrap_labels:  # an export's wrapped labels: one event at a time
        lane_cands = frame_candidates_loop(*args, wrap_labels=True)
    else:
        lane_cands = frame_candidates(*args, traits=traits if preview is None else None)
    for (box, _), cands in zip(pending, lane_cands, strict=True):
        _layout_lane_events(box, cands, events, spp, x_origin, geo, measure, markers,
                            width, label_of, wrap_labels,
                            None if row_plan is None else row_plan[box.index], by_actor)
    frame = Frame(width, height, geo, scale, x_origin, tiers, lanes, markers, selected,
                  axis_labels(tiers, lambda t: x_origin + scale.x_of(t), x_origin, width,
                              geo.axis_height, measure), marks=marks or NO_MARKS)
    for m in markers:
        frame._by_event.setdefault(m.index, m)
    frame._lane_starts = [lane.y0 for lane in lanes]
    frame._label_reach = max((m.label_width for m in markers), default=0.0)
    frame.unoffered = unoffered
    return frame


def _individual_events(
    lane: LaneBox, visible: np.ndarray | None, index: EventIndex, span: float,
    geo: FrameGeometry
) -> np.ndarray | None:
    """The events to draw one by one (by document index), or None when the lane must be
    a density strip; ``visible`` are the lane's events in view (``EventIndex.in_view``:
    None for none or too many to fetch), ``span`` the view's length in seconds.

    Events longer than the view (a siege, an occupation, or a date known only to the
    year while the view shows two days) do not belong to it the way events inside it
    do; past a handful they are summarised as "N longer events" so that zooming in
    always ends in individual events, however many long ones there are.
    """
    cap = geo.max_markers_per_lane
    if lane.in_view == 0:
        return np.zeros(0, dtype=np.intp)
    if visible is None:  # certainly too many: they were not fetched
        return None
    through = (index.ends[visible] - index.starts[visible]) > span
    n_through = int(through.sum())
    if len(visible) - n_through > cap:
        return None
    if n_through > geo.max_ongoing_bars:
        lane.ongoing = n_through
        return visible[~through]
    return visible


class _Planned:
    """``preferred[k]`` of ``pack_rows``: the row the event of candidate ``k`` had in the
    lane's row plan (-1: none), looked up only for the candidates the packing reads."""

    __slots__ = ("events", "plan")

    def __init__(self, events: list[int], plan: dict[int, int]) -> None:
        self.events, self.plan = events, plan

    def __getitem__(self, k: int) -> int:
        return self.plan.get(self.events[k], -1)

    def __len__(self) -> int:
        return len(self.events)


class _Previewed:
    """The document's events with one of them replaced, for looking up by position."""

    __slots__ = ("event", "events", "index")

    def __init__(self, events: list[Event], index: int, event: Event) -> None:
        self.events, self.index, self.event = events, index, event

    def __getitem__(self, i: int) -> Event:
        return self.event if i == self.index else self.events[i]


def _layout_lane_events(
    lane: LaneBox,
    cands: Candidates,
    events: list | _Previewed,
    spp: float,
    x_origin: float,
    geo: FrameGeometry,
    measure: Measure,
    out: list[MarkerBox],
    right_edge: float,
    label_of: Callable[[int], str] | None,
    wrap_labels: bool,
    plan: dict[int, int] | None,
    by_actor: bool,
) -> None:
    """Place the lane's candidates (of its visible events) into rows.

    The packing reads only the candidates' claims; their tuples, and a ``MarkerBox``,
    are made only for the events that get a row, since in a crowded lane most of them
    end up in a "+N" cluster.
    """

    def chips_of(ev: Event) -> tuple[str, ...]:
        return lane_chips(ev, by_actor)

    order = np.argsort(cands.claims0, kind="stable")  # by claim, as a stable sort
    claims0 = cands.claims0[order].tolist()
    claims1 = cands.claims1[order].tolist()
    first_row = 1 if lane.ongoing and lane.rows > 1 else 0  # row 0 says "N ongoing"
    rows = lane.rows - first_row
    if wrap_labels:
        ordered = list(zip(claims0, claims1, strict=True))
        spans = [max(1, len(c[10])) for c in cands.take(order.tolist())]
        wanted = [plan.get(i, -1) for i in cands.events[order].tolist()] if plan else None

        def pack(n_rows: int) -> PackResult:
            return pack_labels(ordered, n_rows, spans=spans, preferred=wanted)
    else:  # one row a label: most of a crowded lane's candidates are skipped unread
        preferred = _Planned(cands.events[order].tolist(), plan) if plan else None

        def pack(n_rows: int) -> PackResult:
            return pack_rows(claims0, claims1, n_rows, preferred=preferred)
    # With "+N" markers, the last row is kept free for them: a lane that surely has
    # some is packed into the other rows at once.
    if rows > 1 and not wrap_labels and surely_overflows(cands.claims0, cands.claims1, rows):
        packed = pack(rows - 1)
    else:
        packed = pack(rows)
        if packed.overflow_clusters and rows > 1:
            packed = pack(rows - 1)
    row_y0 = lane.y0 + geo.lane_padding / 2 + first_row * geo.row_height
    placed: list[MarkerBox] = []
    given = [k for k, row in enumerate(packed.rows) if row >= 0]
    chosen = cands.take(order[given].tolist())  # only the candidates given a row
    given_rows = [packed.rows[k] for k in given]
    if not wrap_labels:  # the others have no row: they take no room from these labels
        shown = place_labels(chosen, given_rows, x_origin, right_edge, geo)
    for k, (cand, row) in enumerate(zip(chosen, given_rows, strict=True)):
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
        box.uncertain = ev.start.uncertain or (ev.end is not None and ev.end.uncertain)
        box.open_tail = OPEN_TAIL_PX if ev.open_end else 0.0
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
    # Hundreds of "+N" pills a frame in a busy view, of a few dozen counts: each count's
    # width is measured once a lane.
    lane_i, y0, y1 = lane.index, bottom + 3, bottom + geo.row_height - 3
    widths: dict[int, float] = {}
    pills = lane.overflow
    for x, count in packed.overflow_clusters:
        w = widths.get(count)
        if w is None:
            w = widths[count] = measure(f"+{count}") + 10
        pills.append(OverflowBox(lane_i, x, y0, y1, count, w))
    if rows == 1 and lane.overflow:
        clear_badges(placed, lane.overflow)
