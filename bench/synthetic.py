"""Reproducible synthetic timelines for the benchmarks: N events that look like real data.

    .venv/bin/python bench/synthetic.py N OUT.json [--seed 2019]

The same ``(n, seed)`` always gives the same document and, through ``writer.dumps``,
the same bytes.  What the data looks like (it shapes the cost of loading and drawing):

* ten years (2014 to 2023) of events, bursty like a real conflict: a uniform background
  of quiet-period incidents and a dozen Gaussian bursts (offensives, sieges) of a few
  days to a few months, one of them much denser than the rest;
* eight actors with colours; one or two actors per event, the main parties more often;
* 20 % range events lasting a day to a few months, about 3 % of them several years;
* dates mostly to the day, some to the minute, the month or the year, some approximate;
* titles, locations, tags, descriptions of 100 to 200 characters and date notes built
  from word lists; one or two citations per event, each the exact text of a sentence of
  one of ~50 generated source texts of a few KB (``quote == text[start:end]``, offsets
  in code points: a few sources hold non-ASCII characters).

Speed: strings are built once and reused (descriptions, quotes, dates); the per-event
work is a few random draws and one title.  A million events take seconds, plus the
canonical serialisation of ``writer.dumps``.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import os
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The world the events happen in (its years, actors, places, word lists and source
# articles) is in synthetic_world.py; all its names are importable from here as well
# (from the package: the repository root is on sys.path above, run as a script too).
from bench.synthetic_world import (  # noqa: F401
    _DETAILS,
    _OPENINGS,
    _SENTENCES,
    ACTORS,
    CITIES,
    DATE_NOTES,
    FIRST_DAY,
    N_SOURCES,
    OUTLETS,
    PLACES,
    POINT_KINDS,
    PORTS,
    RANGE_KINDS,
    SPAN_DAYS,
    TAG_SETS,
    TARGETS,
    _sources,
    _title,
    descriptions_by_place,
)
from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.gc_pause import gc_paused
from timeline_app.core.model import Actor, Citation, Document, Event

__all__ = [
    "ACTORS", "FIRST_DAY", "OUT_DIR", "SPAN_DAYS", "cached_file", "code_version",
    "harder_document", "make_document", "write_file",
]

DEFAULT_SEED = 2019
OUT_DIR = Path(__file__).resolve().parent / "out"  # git-ignored


def _ymd_table(days: int) -> list[tuple[int, int, int]]:
    base = FIRST_DAY.toordinal()
    out = []
    for k in range(days):
        d = date.fromordinal(base + k)
        out.append((d.year, d.month, d.day))
    return out


def _weighted(rng: random.Random, cum: list[float]) -> int:
    return bisect.bisect_right(cum, rng.random() * cum[-1])


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


class _Dates:
    """Shared ``PartialDate`` values: a timeline repeats its dates many times."""

    def __init__(self, ymd: list[tuple[int, int, int]]) -> None:
        self.ymd = ymd
        self.cache: dict[tuple[int, int, int, bool], PartialDate] = {}

    def get(self, day: int, precision: int, approximate: bool, minute: int = 0) -> PartialDate:
        y, m, d = self.ymd[day]
        if precision == 0:
            key = (y, 0, 0, approximate)
        elif precision == 1:
            key = (y, m, 0, approximate)
        elif precision == 2:
            key = (day, -1, 0, approximate)
        else:
            key = (day, -2, minute, approximate)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = PartialDate(
                y, m, d, minute // 60, minute % 60, Precision(precision), approximate
            )
        return hit


def _bursts(rng: random.Random) -> list[tuple[float, float, float]]:
    """(weight, centre day, sigma days) of the mixture; weight 0 is the uniform background."""
    comps = [(0.35, 0.0, 0.0)]
    # one major offensive: dense and short, the densest period of the timeline
    comps.append((0.12, rng.uniform(0.45, 0.6) * SPAN_DAYS, 9.0))
    for _ in range(11):
        comps.append((rng.uniform(0.02, 0.08), rng.uniform(0.03, 0.97) * SPAN_DAYS,
                      rng.uniform(4.0, 60.0)))
    return comps


def harder_document(n: int, seed: int = DEFAULT_SEED) -> Document:
    """The harder generator of ``synthetic_hard.py``: 16 lanes, unique titles, 25 % ranges."""
    if __package__:
        from .synthetic_hard import harder_document as make
    else:
        from synthetic_hard import harder_document as make
    return make(n, seed)


def make_document(n: int, seed: int = DEFAULT_SEED) -> Document:
    """A document of ``n`` events; the same ``(n, seed)`` always gives the same document."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    with gc_paused():
        return _make_document(n, seed)


def _make_document(n: int, seed: int) -> Document:
    rng = random.Random(seed)
    ymd = _ymd_table(SPAN_DAYS)
    dates = _Dates(ymd)
    sources, spans = _sources(rng, ymd)
    actors = [Actor(aid, name, color) for aid, name, color, _ in ACTORS]
    actor_ids = [a[0] for a in ACTORS]
    actor_names = [a[1] for a in ACTORS]
    actor_cum = _cumulative([a[3] for a in ACTORS])
    n_actors = len(ACTORS)

    descriptions = descriptions_by_place()
    point_cum = _cumulative([w for _, w in POINT_KINDS])
    range_cum = _cumulative([w for _, w in RANGE_KINDS])
    source_ids = [s.id for s in sources]
    n_src = len(sources)

    # Start days: a bursty mixture, sorted so the file is in time order like a real one.
    comps = _bursts(rng)
    comp_cum = _cumulative([c[0] for c in comps])
    gauss = rng.gauss
    rand = rng.random
    days: list[int] = []
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

    width = max(6, len(str(max(n - 1, 0))))
    events: list[Event] = []
    append = events.append
    for i, day in enumerate(days):
        a_i = bisect.bisect_right(actor_cum, rand() * actor_cum[-1])
        b_i = -1
        if rand() < 0.4:
            b_i = bisect.bisect_right(actor_cum, rand() * actor_cum[-1])
            if b_i == a_i:
                b_i = (a_i + 1 + int(rand() * (n_actors - 1))) % n_actors
        a_name = actor_names[a_i]
        b_name = actor_names[b_i] if b_i >= 0 else None
        ev_actors = [actor_ids[a_i]] if b_i < 0 else [actor_ids[a_i], actor_ids[b_i]]

        r = rand()
        is_range = r < 0.2
        end = None
        if is_range:
            kind = RANGE_KINDS[bisect.bisect_right(range_cum, rand() * range_cum[-1])][0]
            q = rand()
            if q < 0.03:  # several years
                length = 365 + int(rand() * 3 * 365)
                prec = 1 if rand() < 0.5 else 0
            elif q < 0.30:  # one to six months
                length = 30 + int(rand() * 150)
                prec = 1 if rand() < 0.3 else 2
            else:  # a day to a month
                length = 1 + int(29 * rand() * rand())
                prec = 2
            approx = rand() < 0.06
            start = dates.get(day, prec, approx)
            # the timeline was compiled at the end of the ten years: nothing ends later
            end = dates.get(min(day + length, SPAN_DAYS - 1), prec, rand() < 0.08)
            if end.sort_key() < start.sort_key():  # same year or month at coarse precision
                end = start
        else:
            kind = POINT_KINDS[bisect.bisect_right(point_cum, rand() * point_cum[-1])][0]
            q = rand()
            approx = rand() < 0.06
            if q < 0.78:
                start = dates.get(day, 2, approx)
            elif q < 0.90:
                start = dates.get(day, 3, approx, int(rand() * 1440))
            elif q < 0.97:
                start = dates.get(day, 1, approx)
            else:
                start = dates.get(day, 0, approx)

        title, place = _title(kind, a_name, b_name, rng)
        pool = descriptions[place]
        description = pool[int(rand() * len(pool))]
        k = int(rand() * n_src)
        s0, s1, quote = spans[k][int(rand() * len(spans[k]))]
        citations = [Citation(source_ids[k], s0, s1, quote)]
        if rand() < 0.3:
            k = int(rand() * n_src)
            s0, s1, quote = spans[k][int(rand() * len(spans[k]))]
            citations.append(Citation(source_ids[k], s0, s1, quote))
        tags = TAG_SETS[kind]
        if rand() < 0.3:
            tags = tags[:1]
        note = DATE_NOTES[int(rand() * len(DATE_NOTES))] if rand() < 0.25 else ""
        append(
            Event(
                f"ev-{i:0{width}d}", title, start, end, ev_actors, place, list(tags),
                description, citations, note,
            )
        )
    title = f"Synthetic conflict timeline ({n:,} events, seed {seed})"
    return Document(title, sources, actors, events)


def write_file(n: int, path: str | Path, seed: int = DEFAULT_SEED, *,
               harder: bool = False) -> Path:
    """Write the canonical file of ``make_document(n, seed)`` (or ``harder_document``) to
    ``path``; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    make = harder_document if harder else make_document
    with gc_paused():
        data = dumps(make(n, seed)).encode("utf-8")
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    tmp.replace(path)  # a cached file is complete or absent, never cut off
    return path


def _cache_key() -> str:
    """Changes with this generator, so that files of an older version are made again.

    The canonical form (``writer``) is not part of the key: a cached file stays a valid
    input when it changes; delete ``bench/out/`` to regenerate after a format change.
    """
    here = Path(__file__)
    code = b"".join(here.with_name(name).read_bytes()
                    for name in ("synthetic.py", "synthetic_world.py", "synthetic_hard.py"))
    return hashlib.sha256(code).hexdigest()[:10]


def code_version() -> str:
    """The commit measured, with "+dirty" when the application's code has local changes.

    Every benchmark records it beside its figures, so that a later run's ratios say
    which change they measure.
    """
    root = OUT_DIR.parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "timeline_app"],
                               cwd=root, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def cached_file(n: int, seed: int = DEFAULT_SEED, *, quiet: bool = False,
                harder: bool = False) -> Path:
    """The file of ``n`` events under ``bench/out/``, generated on first use.

    Generated in a separate process so that the caller's heap (which the benchmarks
    measure) is not inflated by the generator's; older files of the same size and seed
    made by another version of the generator are removed.
    """
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stem = "harder" if harder else "synthetic"  # harder_document or make_document
    path = OUT_DIR / f"{stem}-{n}-s{seed}-{_cache_key()}.json"
    if path.exists():
        return path
    for stale in OUT_DIR.glob(f"{stem}-{n}-s{seed}-*.json"):
        stale.unlink()
    if not quiet:
        print(f"generating {n:,} events into {path.relative_to(OUT_DIR.parent.parent)} ...",
              flush=True)
    root = OUT_DIR.parent.parent
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), str(n), str(path.relative_to(root)),
         "--seed", str(seed)] + (["--harder"] if harder else []),
        check=True, stdout=subprocess.DEVNULL if quiet else None, cwd=root,
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("out", type=Path, help="file to write (canonical JSON)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--harder", action="store_true",
                        help="the harder generator (synthetic_hard.py)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    doc = (harder_document if args.harder else make_document)(args.n, args.seed)
    t1 = time.perf_counter()
    with gc_paused():
        data = dumps(doc).encode("utf-8")
    t2 = time.perf_counter()
    del doc
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(f"{args.out.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    tmp.replace(args.out)
    t3 = time.perf_counter()
    size = args.out.stat().st_size
    print(
        f"{args.out}: {args.n:,} events, {size / 1e6:.1f} MB "
        f"(generate {t1 - t0:.1f} s, writer.dumps {t2 - t1:.1f} s with the collector paused, "
        f"write {t3 - t2:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
