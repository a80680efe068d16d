"""Scores of the date finder on the test set, and its speed on a long article.

Run from the repository root:  .venv/bin/python bench/bench_dates.py

Prints how many phrases of tests/data/dates/mentions.tsv are read correctly, flagged
ambiguous with the meant date among the readings, refused, missed, and read wrongly with
confidence (which must be zero), then the median time to scan a 10,000-word article made
of the default timeline's article and the test sentences (target: under 0.2 s).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from date_cases import OUTCOMES, grade, load_cases  # noqa: E402

from timeline_app.core.dates.mentions import find_mentions  # noqa: E402

ARTICLE = ROOT / "tests" / "data" / "sources" / "egyptwatch-2020-12-22.txt"


def long_article(words: int) -> str:
    parts = [ARTICLE.read_text(encoding="utf-8"), *(c.sentence for c in load_cases())]
    text, n = [], 0
    while n < words:
        for part in parts:
            text.append(part)
            n += len(part.split())
    return "\n\n".join(text)


def main() -> int:
    cases = load_cases()
    scores: Counter[str] = Counter()
    wrong = []
    for case in cases:
        outcome, mention = grade(case)
        scores[outcome] += 1
        if outcome == "wrong":
            wrong.append(f"  line {case.line}: {mention.explanation if mention else ''}")
    print(f"{len(cases)} phrases in context")
    labels = {"correct": "correct", "ambiguous": "correctly flagged ambiguous",
              "refused": "refused (with the reason)", "wrong": "wrong while confident",
              "missed": "missed"}
    for outcome in OUTCOMES:
        print(f"  {labels[outcome]:<30} {scores[outcome]:4d}")
    print(*wrong, sep="\n")

    text = long_article(10_000)
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        found = find_mentions(text, dt.date(2020, 12, 22))
        times.append(time.perf_counter() - t0)
    print(f"scan of a {len(text.split()):,}-word article ({len(text):,} characters): "
          f"{len(found)} mentions, median {statistics.median(times) * 1000:.1f} ms "
          f"(target < 200 ms)")
    return 1 if scores["wrong"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
