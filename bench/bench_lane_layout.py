"""Median time to arrange the lanes (order, hidden lanes) of a big document.

Run from the repository root:  .venv/bin/python bench/bench_lane_layout.py [--sizes 100000,1000000]

Arranging happens after every change of the lane layout and every edit that rebuilds
the lanes; it maps each distinct list of lanes once and reads the grouping's own index,
so it should cost a small fraction of building that index.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import make_document

from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.lane_layout import LaneLayout, arrange, lane_key
from timeline_app.core.view.lanes import GroupBy


def _median(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000")
    args = parser.parse_args()
    for n in map(int, args.sizes.split(",")):
        doc = make_document(n)
        for group_by in (GroupBy.ACTOR, GroupBy.TAG):
            t = time.perf_counter()
            grouping = Grouping.build(doc, group_by)
            build = time.perf_counter() - t
            keys = [lane_key(lane) for lane in grouping.lane_set.lanes]
            layout = LaneLayout(order=tuple(reversed(keys)), hidden=frozenset(keys[:1]))
            took = _median(lambda g=grouping, lo=layout: arrange(g.lane_set, g.index, lo))
            print(f"{n:>9,} events, by {group_by.value:<5} ({len(keys)} lanes): "
                  f"arrange {took * 1000:7.1f} ms   (building the lanes and index: "
                  f"{build * 1000:7.1f} ms)")


if __name__ == "__main__":
    main()
