"""Median cost of one search keystroke and of one filter change.

Run from the repository root:  .venv/bin/python bench/bench_search.py [--sizes 10000,100000]

A keystroke asks the index again; typing a word asks once per character, each query
extending the previous one (only the previous matches are tested).  Figures are
milliseconds; a keystroke must stay well under 50 ms at 100,000 events.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import make_document
from timeline_app.core.dates.partial import Precision, parse_iso
from timeline_app.core.view.search import EventFilter, SearchIndex


def ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        bench_size(n)


def bench_size(n: int) -> None:
    doc = make_document(n)
    t = time.perf_counter()
    index = SearchIndex(doc)
    build = (time.perf_counter() - t) * 1000
    print(f"{n:>9,} events: index build {build:8.1f} ms")
    word = doc.events[n // 2].title.split()[0]

    def fresh(q: str) -> int:
        index._last = None  # a query typed from scratch, not refining the last one
        return len(index.search(q))

    for query in ("e", word[:2], word, "zzzz", f"{word} {doc.events[0].location}"):
        found = fresh(query)
        cost = ms(lambda q=query: fresh(q))
        print(f"   search {query!r:32} cold {cost:7.1f} ms  ({found:,} found)")

    def typing() -> float:
        index._last = None
        worst = 0.0
        for k in range(1, len(word) + 1):
            t = time.perf_counter()
            index.search(word[:k])
            worst = max(worst, time.perf_counter() - t)
        return worst

    worst = statistics.median(typing() for _ in range(5)) * 1000
    print(f"   typing {word!r:32} worst keystroke {worst:7.1f} ms")
    flt = EventFilter(actors=frozenset({"gov", "rebels"}),
                      precisions=frozenset({Precision.DAY}),
                      date_from=parse_iso("2016-01"), date_to=parse_iso("2019"))
    print(f"   filter (actors+precision+dates)        {ms(lambda: index.kept(flt)):7.1f} ms"
          f"  ({len(index.kept(flt)):,} kept)")

if __name__ == "__main__":
    main()
