"""How tall each lane is: as many rows as its events need, not an equal share.

A lane of five events with short titles needs two rows; sharing the view's height
equally among the lanes left most of it empty while a crowded lane hid events behind
"+N".  The rows each lane needs come from a frame of the whole timeline laid out with
room to spare (``rows_needed``); ``lane_heights`` then gives each lane its need (and a free
row) when they all fit, and otherwise at least one row each (two when it overflows, so its "+N"
markers have a row of their own) and the rest in proportion to what each lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from timeline_app.core.model import Document
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame_layout import Frame, FrameGeometry, layout_frame
from timeline_app.core.view.lanes import LaneSet
from timeline_app.core.view.timescale import TimeScale

__all__ = [
    "DENSITY_ROWS", "EXPANDED_PROBE_ROWS", "PROBE_ROWS", "collapsed_heights", "lane_heights",
    "plan_lanes",
    "rows_needed",
]

#: Rows a lane is given to find out how many it needs; an expanded lane gets more.
PROBE_ROWS = 40
EXPANDED_PROBE_ROWS = 120
#: Rows of a lane drawn as a density strip.
DENSITY_ROWS = 3


def rows_needed(frame: Frame) -> list[int]:
    """The rows each lane of ``frame`` uses: events, its "N ongoing" row, its "+N" row."""
    needs = [1] * len(frame.lanes)
    for m in frame.markers:
        span = max(1, len(m.label_lines))
        needs[m.lane] = max(needs[m.lane], m.row + span)
    for lane in frame.lanes:
        if lane.density is not None:
            needs[lane.index] = DENSITY_ROWS
            continue
        if lane.ongoing and lane.rows > 1:
            needs[lane.index] += 1
        if lane.overflow:
            needs[lane.index] += 1
    return needs


def lane_heights(needs: Sequence[int], available: float, geo: FrameGeometry) -> list[float]:
    """Heights for lanes needing ``needs`` rows in ``available`` pixels."""
    def height(rows: float) -> float:
        return max(geo.min_lane_height, rows * geo.row_height + geo.lane_padding)

    roomy = [height(n + 1) for n in needs]  # a free row: room to click, drag and read
    if sum(roomy) <= available:
        return roomy
    wanted = [height(n) for n in needs]
    if sum(wanted) <= available:
        return wanted
    floor = [height(min(n, 2)) for n in needs]
    spare = available - sum(floor)
    lacking = [w - f for w, f in zip(wanted, floor, strict=True)]
    total = sum(lacking)
    if spare <= 0 or total <= 0:
        return floor
    out = []
    for f, lack in zip(floor, lacking, strict=True):
        extra = spare * lack / total
        rows = int((f + extra - geo.lane_padding) // geo.row_height)  # whole rows
        out.append(max(f, rows * geo.row_height + geo.lane_padding))
    return out


def collapsed_heights(heights: list[float], collapsed: Sequence[bool],
                      geo: FrameGeometry) -> list[float]:
    """``heights`` with each ``collapsed`` lane (one flag per lane, or none) one thin
    row high: the height the window and its exports give a collapsed lane."""
    thin = geo.row_height + geo.lane_padding
    return [thin if i < len(collapsed) and collapsed[i] else h
            for i, h in enumerate(heights)]


def plan_lanes(
    document: Document, lane_set: LaneSet, index: EventIndex, fitted: TimeScale,
    width: float, height: float, measure: Callable[[str], float], geo: FrameGeometry,
    expanded: int = -1, collapsed: Sequence[bool] = (),
) -> tuple[list[dict[int, int]], list[float]]:
    """The row of each event in each lane and the height of each lane, from frames of
    the whole timeline (``fitted``): what a view keeps while the user pans and zooms.

    An ``expanded`` lane (its "+N" clicked) gets all the rows it needs that the view
    can give; the others then keep up to two rows each.  A ``collapsed`` lane needs one
    row: the room it leaves goes to the others.
    """
    def reference(heights: list[float]) -> Frame:
        return layout_frame(document, lane_set, index, fitted, width, height, measure,
                            geometry=geo, lane_heights=heights, edge_claims=True)

    n = len(lane_set.lanes)
    probe = [geo.lane_padding + geo.row_height
             * (EXPANDED_PROBE_ROWS if i == expanded else PROBE_ROWS) for i in range(n)]
    needs = rows_needed(reference(probe))
    needs = [1 if i < len(collapsed) and collapsed[i] else k for i, k in enumerate(needs)]
    available = height - geo.axis_height
    if 0 <= expanded < n:
        others = [min(k, 2) for i, k in enumerate(needs) if i != expanded]
        room = available - sum(lane_heights(others, 0, geo))
        mine = max(2, int((room - geo.lane_padding) // geo.row_height))
        needs = [min(k, mine) if i == expanded else min(k, 2) for i, k in enumerate(needs)]
    heights = lane_heights(needs, available, geo)
    return reference(heights).row_plan(), heights
