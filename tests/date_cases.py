"""The date-mention test set (tests/data/dates/mentions.tsv) and how a finding is graded.

Shared by tests/test_date_mentions.py and bench/bench_dates.py, so the test and the
printed scores grade alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from timeline_app.core.dates.mention_types import Mention
from timeline_app.core.dates.mentions import find_mentions
from timeline_app.core.dates.partial import PartialDate, parse_iso

CASES_PATH = Path(__file__).parent / "data" / "dates" / "mentions.tsv"
OUTCOMES = ("correct", "ambiguous", "refused", "wrong", "missed")


@dataclass(frozen=True)
class Case:
    line: int
    published: dt.date | None
    sentence: str
    phrase: str
    truth: str
    expected: str


def load_cases(path: Path = CASES_PATH) -> list[Case]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        published, sentence, phrase, truth, expected = line.split("\t")
        ref = None if published == "none" else dt.date.fromisoformat(published)
        cases.append(Case(n, ref, sentence, phrase, truth, expected))
    return cases


def _span(iso: str) -> tuple[float, float]:
    """Seconds from the first to the end of what ``iso`` (a date, A/B or ../B) means."""
    first, _, last = iso.partition("/")
    start = float("-inf") if first == ".." else parse_iso(first).to_seconds()
    end_date: PartialDate = parse_iso(last or first)
    return start, end_date.end_seconds()


def matches(reading: str, truth: str, approximate: bool) -> bool:
    """Whether a reading is the meant date: equal, or an approximate span holding it."""
    if reading == truth:
        return True
    if not approximate:
        return False
    a, b = _span(reading)
    c, d = _span(truth)
    return a <= c and d <= b


def mention_of(case: Case, mentions: list[Mention]) -> Mention | None:
    start = case.sentence.index(case.phrase)
    end = start + len(case.phrase)
    return next((m for m in mentions if (m.start, m.end) == (start, end)), None)


def grade(case: Case) -> tuple[str, Mention | None]:
    """The outcome of the finder on ``case``: one of OUTCOMES."""
    found = mention_of(case, find_mentions(case.sentence, case.published))
    if found is None:
        return "missed", None
    if found.value is None:
        return "refused", found
    readings = [found.value, *found.alternatives]
    if found.ambiguous:
        ok = any(matches(r.iso(), case.truth, r.approximate) for r in readings)
        return ("ambiguous" if ok else "wrong"), found
    return ("correct" if matches(found.value.iso(), case.truth, found.approximate)
            else "wrong"), found
