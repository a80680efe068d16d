"""What one mouse move of a drag costs: the new dates, and laying out the frame with
the preview, against the same frame without it.

Run from the repository root:  .venv/bin/python bench/bench_drag.py [--events 100000]

A drag lays out one frame per mouse move (the preview changes the frame), so the
"with preview" row must stay close to "without": the override costs one lookup per
lane, not a pass over the events.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import make_document
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.frame_layout import layout_frame
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.time_drag import DragPart, dragged
from timeline_app.core.view.timescale import TimeScale

DAY = 86400.0


def timings(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    doc = make_document(args.events)
    lanes = build_lanes(doc, GroupBy.ACTOR)
    index = EventIndex.build(doc, lanes)
    width, height = 1600, 900
    area = width - 176
    measure = lambda text: 7.0 * len(text)  # noqa: E731
    # the view a drag happens in: a fortnight around an event in the middle of the file
    target_i = len(doc.events) // 2
    target = doc.events[target_i]
    t = target.start.to_seconds()
    scale = TimeScale.fit(t - 7 * DAY, t + 7 * DAY, area)
    frame = layout_frame(doc, lanes, index, scale, width, height, measure)
    level = frame.tiers[0].level
    moved = dragged(target, DragPart.BODY, 3 * DAY, level)

    print(f"{args.events:,} events, {len(frame.markers)} boxes in the frame, ticks: {level}; "
          f"load average {os.getloadavg()[0]:.2f}")
    rows = [
        ("new dates of one move (dragged)",
         lambda: dragged(target, DragPart.BODY, 3 * DAY, level)),
        ("frame layout without preview",
         lambda: layout_frame(doc, lanes, index, scale, width, height, measure)),
        ("frame layout with preview",
         lambda: layout_frame(doc, lanes, index, scale, width, height, measure,
                              preview=(target_i, moved))),
    ]
    print(f"  {'':<36}{'median':>10}{'p95':>10}")
    for name, fn in rows:
        med, p95 = timings(fn, args.repeat)
        print(f"  {name:<36}{med * 1e3:8.3f} ms{p95 * 1e3:8.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
