"""Scores of the date finder on the test set, and its speed on a long article.

Run from the repository root:  .venv/bin/python bench/bench_dates.py

Prints how many phrases of tests/data/dates/mentions.tsv are read correctly, flagged
ambiguous with the meant date among the readings, refused, missed, and read wrongly with
confidence (which must be zero), the dates counted from an event of the default timeline
("the day after <an event>") against the event citing them, then the median time to scan
a 10,000-word article made of the default timeline's article and the test sentences
(target: under 0.2 s).
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
from timeline_app.core.editing.event_anchors import date_from_events  # noqa: E402
from timeline_app.core.fileformat.loader import load_path  # noqa: E402

ARTICLE = ROOT / "tests" / "data" / "sources" / "egyptwatch-2020-12-22.txt"


def counted_from_events() -> int:
    """Dates counted from an event of the default timeline ("the day after <event>"):
    each is dated from the other events and compared with the event citing it; returns
    how many are wrong while confident."""
    loaded = load_path(ROOT / "events.json")
    doc = getattr(loaded, "document", loaded)
    source = doc.sources[0]
    wrong = 0
    for m in find_mentions(source.text, source.published):
        found = date_from_events(source.text, source.id, m, doc.events)
        if found is None:
            continue
        meant = [e.start.iso() for e in doc.events
                 if any(c.start <= m.start and m.end <= c.end for c in e.citations)]
        alone = date_from_events(source.text, source.id, m, [])
        ok = found.mention.date in meant and alone is not None and alone.mention.date is None
        wrong += found.mention.date is not None and not ok
        print(f"counted from the timeline's events: '{m.text}' → {found.mention.date} "
              f"(the event citing it: {', '.join(meant) or '-'}; without events: "
              f"{alone.mention.date if alone else '-'}) {'ok' if ok else 'WRONG'}")
    return wrong


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
    wrong_counted = counted_from_events()
    return 1 if scores["wrong"] or wrong_counted else 0


if __name__ == "__main__":
    raise SystemExit(main())
