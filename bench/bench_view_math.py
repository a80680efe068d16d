"""Median timings of the pure-Python view math: index build, per-frame queries, ticks.

Run from the repository root:  .venv/bin/python bench/bench_view_math.py [--sizes 100000,1000000]

Per-frame figures are what one lane costs in one repaint; they must not grow with the
number of events (compare the rows for 100k and 1M).  The synthetic document mixes
precisions like news-derived data: mostly days, some minutes, months and years, and a
few multi-year ranges (the case a single per-lane maximum duration handles badly).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.event_index import EventIndex
from timeline_app.core.view.lanes import GroupBy, build_lanes
from timeline_app.core.view.ticks import tick_tiers
from timeline_app.core.view.timescale import TimeScale

HOUR = 3600.0
DAY = 86400.0
N_ACTORS = 8


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def fmt(seconds: float) -> str:
    if seconds >= 0.1:
        return f"{seconds:8.3f} s "
    if seconds >= 1e-4:
        return f"{seconds * 1e3:8.3f} ms"
    return f"{seconds * 1e6:8.1f} µs"


def row(name: str, seconds: float) -> None:
    print(f"  {name:<46}{fmt(seconds)}")


def synthetic_document(n: int, seed: int = 1) -> Document:
    """``n`` events over ten years from 2015, one or two of eight actors each."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 3650, n)
    kind = rng.choice(5, n, p=[0.70, 0.15, 0.10, 0.045, 0.005])
    minutes = rng.integers(0, 24 * 60, n)
    actor_pick = rng.integers(0, N_ACTORS, n)
    two = rng.random(n) < 0.1
    base = date(2015, 1, 1).toordinal()
    day_dates = [PartialDate.from_date(date.fromordinal(base + d)) for d in range(3650 + 366 * 4)]
    one = [[f"a{k}"] for k in range(N_ACTORS)]
    pair = [[f"a{k}", f"a{(k + 1) % N_ACTORS}"] for k in range(N_ACTORS)]
    no_tags: list[str] = []
    no_cits: list = []
    extra: dict = {}
    events = []
    for i in range(n):
        d = day_dates[int(days[i])]
        k = int(kind[i])
        end = None
        if k == 1:
            m = int(minutes[i])
            start = PartialDate(d.year, d.month, d.day, m // 60, m % 60, Precision.MINUTE)
        elif k == 2:
            start = PartialDate(d.year, d.month, precision=Precision.MONTH)
        elif k == 3:
            start = PartialDate(d.year, precision=Precision.YEAR)
        elif k == 4:
            start, end = d, day_dates[int(days[i]) + 366 * 3]
        else:
            start = d
        a = int(actor_pick[i])
        events.append(
            Event(
                f"e{i}",
                "event",
                start,
                end,
                pair[a] if two[i] else one[a],
                "",
                no_tags,
                "",
                no_cits,
                "",
                extra=extra,
            )
        )
    return Document("bench", [], [Actor(f"a{k}", f"Actor {k}") for k in range(N_ACTORS)], events)


def bench_size(n: int) -> None:
    print(f"\n{n:,} events")
    t = time.perf_counter()
    doc = synthetic_document(n)
    print(f"  (synthetic document made in {time.perf_counter() - t:.1f} s, not timed below)")
    repeat = 5 if n <= 200_000 else 3

    row("build_lanes(ACTOR)", median_seconds(lambda: build_lanes(doc, GroupBy.ACTOR), repeat))
    lanes = build_lanes(doc, GroupBy.ACTOR)
    events = doc.events

    def seconds() -> tuple[np.ndarray, np.ndarray]:
        s = np.fromiter((ev.start.to_seconds() for ev in events), np.float64, n)
        e = np.fromiter((ev.end_seconds() for ev in events), np.float64, n)
        return s, e

    row("  starts/ends seconds (Python, per event)", median_seconds(seconds, repeat))
    s, e = seconds()
    n_lanes = len(lanes.lanes)
    row(
        "  EventIndex.from_arrays (the numpy part)",
        median_seconds(lambda: EventIndex.from_arrays(s, e, lanes.event_lanes, n_lanes), repeat),
    )
    row("EventIndex.build (both)", median_seconds(lambda: EventIndex.build(doc, lanes), repeat))
    index = EventIndex.build(doc, lanes)

    rng = np.random.default_rng(2)
    t_lo, t_hi = float(index.starts.min()), float(index.starts.max())
    calls = 300
    for label, span in (
        ("1 hour", HOUR),
        ("1 day", DAY),
        ("1 month", 30 * DAY),
        ("1 year", 365 * DAY),
    ):
        t0s = rng.uniform(t_lo, t_hi - span, calls)
        lane_ids = rng.integers(0, N_ACTORS, calls)
        it = iter(range(calls))

        def vis(t0s=t0s, lane_ids=lane_ids, span=span, it=it) -> None:
            k = next(it)
            index.visible(int(lane_ids[k]), float(t0s[k]), float(t0s[k]) + span)

        counts = [index.count_visible(int(lane_ids[k]), t0s[k], t0s[k] + span) for k in range(50)]
        avg = int(np.mean(counts))
        row(f"visible() {label} view (~{avg:,} events)", median_seconds(vis, calls))
        it2 = iter(range(calls))

        def cnt(t0s=t0s, lane_ids=lane_ids, span=span, it=it2) -> None:
            k = next(it)
            index.count_visible(int(lane_ids[k]), float(t0s[k]), float(t0s[k]) + span)

        row(f"count_visible() {label} view", median_seconds(cnt, calls))
        it3 = iter(range(calls))

        def every_lane(t0s=t0s, span=span, it=it3) -> None:
            k = next(it)
            t0 = float(t0s[k])
            for lane in range(n_lanes):  # what a frame asked, lane by lane
                if 0 < index.count_visible(lane, t0, t0 + span) <= 3200:
                    index.visible(lane, t0, t0 + span)

        it4 = iter(range(calls))

        def all_at_once(t0s=t0s, span=span, it=it4) -> None:
            k = next(it)
            index.in_view(float(t0s[k]), float(t0s[k]) + span, 3200)

        row(f"  all lanes, one by one ({label})",
            median_seconds(every_lane, calls))
        row(f"  all lanes, in_view() ({label})",
            median_seconds(all_at_once, calls))

    t0s = rng.uniform(t_lo, t_hi - 365 * DAY, calls)
    it3 = iter(range(calls))

    def dens() -> None:  # distinct arguments: every call misses the cache
        k = next(it3)
        index.density(k % N_ACTORS, float(t0s[k]), float(t0s[k]) + 365 * DAY, 400)

    row("density() 400 bins, uncached", median_seconds(dens, calls))
    row(
        "density() 400 bins, cached",
        median_seconds(lambda: index.density(0, t_lo, t_lo + 365 * DAY, 400), calls),
    )
    cur = iter(rng.integers(0, n, calls).tolist())
    row("next_event()", median_seconds(lambda: index.next_event(0.0, 1, next(cur)), calls))


def bench_ticks() -> None:
    print("\ntick_tiers() per call (1600 px, 7 px per character)")
    t0 = PartialDate(2019, 4, 4, 6, 17, Precision.MINUTE).to_seconds()
    for label, span in (
        ("2 hours", 2 * HOUR),
        ("1 day", DAY),
        ("1 month", 30 * DAY),
        ("1 year", 365 * DAY),
        ("30 years", 30 * 365 * DAY),
        ("1000 years", 1000 * 365 * DAY),
    ):
        scale = TimeScale(t0, span / 1600, 1600)
        tiers = tick_tiers(scale.t_left, scale.t_right, scale.width)
        secs = median_seconds(lambda s=scale: tick_tiers(s.t_left, s.t_right, s.width), 200)
        levels = f"{tiers[0].level}/{tiers[1].level}"
        row(f"{label} view ({levels}, {len(tiers[0].ticks)} ticks)", secs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated event counts")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}; median of repeated calls")
    for n in (int(x) for x in args.sizes.split(",")):
        bench_size(n)
    bench_ticks()


if __name__ == "__main__":
    main()
