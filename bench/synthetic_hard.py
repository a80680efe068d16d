"""A harder synthetic timeline: what ``synthetic.make_document`` makes cheap, made expensive.

    .venv/bin/python bench/synthetic.py N OUT.json --harder [--seed 2019]

Where ``make_document`` has eight actors, titles that repeat and dates mostly to the day,
``harder_document(n, seed)`` has

* sixteen actors with flatter weights (sixteen busy lanes), one to three per event;
* a unique title per event (no text layout can be shared between two markers);
* 25 % range events lasting an hour to several years;
* every precision in quantity: 30 % to the minute, 35 % to the day, 20 % to the month,
  15 % to the year, 8 % approximate;
* half of the events spread evenly over the ten years, the rest in bursts, so that a
  random date is as busy as a burst's edge rather than empty;
* two to four citations per event and one to three tags.

The same ``(n, seed)`` always gives the same document.
"""

from __future__ import annotations

import bisect

if __package__:
    from .synthetic import (
        ACTORS,
        DATE_NOTES,
        POINT_KINDS,
        RANGE_KINDS,
        SPAN_DAYS,
        TAG_SETS,
        _bursts,
        _cumulative,
        _Dates,
        _sources,
        _title,
        _ymd_table,
        descriptions_by_place,
    )
else:
    from synthetic import (
        ACTORS,
        DATE_NOTES,
        POINT_KINDS,
        RANGE_KINDS,
        SPAN_DAYS,
        TAG_SETS,
        _bursts,
        _cumulative,
        _Dates,
        _sources,
        _title,
        _ymd_table,
        descriptions_by_place,
    )

from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Actor, Citation, Document, Event

__all__ = ["HARD_ACTORS", "harder_document"]

HARD_ACTORS = [(aid, name, color, 10 + w // 4) for aid, name, color, w in ACTORS] + [
    ("coast-guard", "Coast guard", "#117a65", 9),
    ("militia-c", "Militia C", "#a04000", 9),
    ("militia-d", "Militia D", "#6c3483", 8),
    ("volunteers", "Volunteer brigades", "#1a5276", 8),
    ("ngo", "Aid organisations", "#239b56", 7),
    ("press", "Press and media", "#7b7d7d", 6),
    ("ministry", "Ministry of Interior", "#283747", 6),
    ("clans", "Clan elders", "#b9770e", 6),
]
_ALL_TAGS = sorted({tag for tags in TAG_SETS.values() for tag in tags})


def harder_document(n: int, seed: int = 2019) -> Document:
    """A document of ``n`` events; the same ``(n, seed)`` always gives the same document."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    with gc_paused():
        return _harder(n, seed)


def _start_days(rng, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    comps = _bursts(rng)
    comps[0] = (sum(c[0] for c in comps[1:]), 0.0, 0.0)  # half of them uniform
    comp_cum = _cumulative([c[0] for c in comps])
    days: list[int] = []
    rand, gauss = rng.random, rng.gauss
    for _ in range(n):
        c = bisect.bisect_right(comp_cum, rand() * comp_cum[-1])
        if c == 0:
            days.append(int(rand() * SPAN_DAYS))
            continue
        _, mu, sigma = comps[c]
        while True:
            d = int(gauss(mu, sigma))
            if 0 <= d < SPAN_DAYS:
                break
        days.append(d)
    days.sort()
    return days


def _precision(r: float) -> int:
    return 3 if r < 0.30 else 2 if r < 0.65 else 1 if r < 0.85 else 0


def _harder(n: int, seed: int) -> Document:
    import random

    rng = random.Random(seed * 7919 + 17)
    rand = rng.random
    ymd = _ymd_table(SPAN_DAYS)
    dates = _Dates(ymd)
    sources, spans = _sources(rng, ymd)
    actors = [Actor(aid, name, color) for aid, name, color, _ in HARD_ACTORS]
    ids = [a[0] for a in HARD_ACTORS]
    names = [a[1] for a in HARD_ACTORS]
    actor_cum = _cumulative([a[3] for a in HARD_ACTORS])
    descriptions = descriptions_by_place()
    point_cum = _cumulative([w for _, w in POINT_KINDS])
    range_cum = _cumulative([w for _, w in RANGE_KINDS])
    source_ids = [s.id for s in sources]
    n_src = len(sources)
    days = _start_days(rng, n)
    width = max(6, len(str(max(n - 1, 0))))
    events: list[Event] = []
    for i, day in enumerate(days):
        picked: list[int] = []
        for _ in range(1 + int(rand() * rand() * 3)):
            a = bisect.bisect_right(actor_cum, rand() * actor_cum[-1])
            if a not in picked:
                picked.append(a)
        prec = _precision(rand())
        approx = rand() < 0.08
        minute = int(rand() * 1440)
        start = dates.get(day, prec, approx, minute)
        end = None
        if rand() < 0.25:
            kind = RANGE_KINDS[bisect.bisect_right(range_cum, rand() * range_cum[-1])][0]
            q = rand()
            if q < 0.05:
                length = 365 + int(rand() * 4 * 365)
            elif q < 0.35:
                length = 30 + int(rand() * 180)
            elif q < 0.55 and prec == 3:
                length = 0  # hours on the same day
            else:
                length = 1 + int(29 * rand() * rand())
            end_minute = min(1439, minute + 30 + int(rand() * 600)) if length == 0 else minute
            end = dates.get(min(day + length, SPAN_DAYS - 1), prec, rand() < 0.08, end_minute)
            if end.sort_key() < start.sort_key():
                end = start
        else:
            kind = POINT_KINDS[bisect.bisect_right(point_cum, rand() * point_cum[-1])][0]
        b_name = names[picked[1]] if len(picked) > 1 else None
        title, place = _title(kind, names[picked[0]], b_name, rng)
        title = f"{title}, report {i + 1:,}"  # unique
        pool = descriptions[place]
        citations = []
        for _ in range(2 + int(rand() * 3)):
            k = int(rand() * n_src)
            s0, s1, quote = spans[k][int(rand() * len(spans[k]))]
            citations.append(Citation(source_ids[k], s0, s1, quote))
        tags = list(TAG_SETS[kind])
        if rand() < 0.4:
            extra = _ALL_TAGS[int(rand() * len(_ALL_TAGS))]
            if extra not in tags:
                tags.append(extra)
        note = DATE_NOTES[int(rand() * len(DATE_NOTES))] if rand() < 0.3 else ""
        events.append(Event(
            f"ev-{i:0{width}d}", title, start, end, [ids[a] for a in picked], place, tags,
            pool[int(rand() * len(pool))], citations, note,
        ))
    title = f"Harder synthetic timeline ({n:,} events, seed {seed})"
    return Document(title, sources, actors, events)

