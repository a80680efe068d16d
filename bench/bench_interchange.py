"""Import a generated 100,000-row ACLED CSV (target ≤ 2 s), and export our 100,000-event
file to CSV and TimelineJS; prints the best of a few runs of each.

    .venv/bin/python bench/bench_interchange.py [--rows 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import cached_file
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.interchange.acled import ACLED_COLUMNS
from timeline_app.core.interchange.formats import export_document, import_path

OUT = Path(__file__).resolve().parent / "out"
ACTORS = ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)",
          "Civilians (Ukraine)", "Protesters (Ukraine)", "Unidentified Armed Group (Ukraine)",
          "Police Forces of Ukraine (2019-)", "Wagner Group", "Rioters (Ukraine)"]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/"
         "missile attack"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Looting")]
OUTLETS = ["Ukrinform", "Suspilne", "Ukrainska Pravda", "Kyiv Independent", "Reuters",
           "Ministry of Defence of Ukraine", "Telegram", "Liga.net"]


def acled_file(rows: int, seed: int = 2022) -> Path:
    """A reproducible ACLED export of ``rows`` rows in the current column layout."""
    path = OUT / f"acled-{rows}-s{seed}.csv"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    rnd = random.Random(seed)
    first = date(2022, 2, 24)
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(ACLED_COLUMNS)
        for i in range(rows):
            day = first + timedelta(days=rnd.randrange(700))
            kind, sub = rnd.choice(TYPES)
            a1, a2 = rnd.sample(ACTORS, 2)
            place = f"Village {rnd.randrange(3000)}"
            sources = "; ".join(rnd.sample(OUTLETS, rnd.choice((1, 1, 2))))
            out.writerow([
                f"UKR{i + 1}", day.isoformat(), day.year, rnd.choice("1111123"), "Political "
                "violence", kind, sub, a1, "", "State forces", a2 if rnd.random() < .7 else "",
                "", "Civilians", "State forces-Civilians", "", 804, "Europe", "Ukraine",
                "Donetsk", "Pokrovskyi", "", place, f"{48 + rnd.random():.4f}",
                f"{37 + rnd.random():.4f}", rnd.choice("123"), sources, "National",
                f"On {day:%d %B %Y}, {a1} {sub.lower()} near {place}.\nDetails unclear.",
                rnd.choice((0, 0, 1, 3)), "", 1700000000 + i])
    return path


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    acled = acled_file(args.rows)
    size = acled.stat().st_size / 1e6
    seconds = best(args.runs, lambda: import_path(acled))
    result = import_path(acled)
    assert result.document is not None and not result.problems
    print(f"import ACLED CSV, {args.rows:,} rows ({size:.0f} MB): {seconds:.2f} s "
          f"(target ≤ 2 s), {len(result.document.events):,} events")
    ours = load_path(cached_file(args.rows)).document
    assert ours is not None
    for kind in ("csv", "timelinejs"):
        seconds = best(args.runs, lambda kind=kind: export_document(ours, kind))
        data = export_document(ours, kind).data
        print(f"export {len(ours.events):,} events to {kind}: {seconds:.2f} s "
              f"({len(data) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
