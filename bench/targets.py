"""Every speed and memory target of the benchmarks, written once, and the one way to report them.

    .venv/bin/python bench/targets.py            # every target with its last figures

A benchmark never writes a limit of its own: it looks a target up here by name and hands
its figure to a ``Report``, which prints the figure beside the target with ``ok`` or
``MISS`` and ends with ``N target(s) missed`` counting every miss, the same count the
script's exit status (``--strict``) and its JSON use.  A figure that could not be
measured (``nan``) is a miss, never a pass.

Each report is also stored in ``bench/out/targets/<bench>.json``; run this module to see
every target with the latest figures of every benchmark (and which targets no run has
measured yet), so that nothing a benchmark found is left out of the summary.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

__all__ = ["TARGETS", "Report", "Row", "Target", "machine_ms", "main", "memory_ms", "report",
           "stored_reports", "target"]

OUT_DIR = Path(__file__).resolve().parent / "out" / "targets"  # git-ignored


@dataclass(frozen=True, slots=True)
class Target:
    """``value <= limit`` (in ``unit``) meets the target; ``where`` says what is measured."""

    name: str
    limit: float
    unit: str
    what: str
    fmt: str = ".1f"

    def met(self, value: float) -> bool:
        return not math.isnan(value) and value <= self.limit

    def limit_text(self) -> str:
        return f"<= {self.limit:{self.fmt}} {self.unit}"


# vis-timeline, measured on the same data protocol (1,000 point events; 10,000 mixed
# point and range items in 5 groups): first render and one zoom step.
VIS_1K_FIRST_S = 1.1
VIS_1K_ZOOM_MEDIAN_MS = 13.5
VIS_1K_ZOOM_P95_MS = 39.0
VIS_10K_FIRST_S = 78.0
VIS_10K_ZOOM_P95_MS = 139.0

_ALL = (
    # --- 100,000 events -----------------------------------------------------------------
    Target("open_100k", 1.0, "s", "100k events: open to first frame", ".2f"),
    Target("memory_100k", 400.0, "MB", "100k events: peak memory of the process", ".0f"),
    Target("frame_p95", 16.0, "ms",
           "100k events: frame p95 at every zoom level, window size and generator"),
    Target("save_100k", 0.5, "s", "100k events: File > Save", ".2f"),
    Target("save_block_100k", 50.0, "ms",
           "100k events: longest time File > Save blocks the window", ".0f"),
    Target("load_100k", 1.0, "s", "100k events: load + validate (load_path)", ".2f"),
    Target("bytes_per_event", 1536.0, "B", "memory kept per event after load", ".0f"),
    Target("hit_p95", 1.0, "ms", "100k events: hover hit-test p95 over all levels", ".3f"),
    Target("stall_100k", 100.0, "ms",
           "100k events: longest GUI stall while a file opens in the background", ".0f"),
    # --- 1,000,000 events ------------------------------------------------------------------
    Target("open_1m", 12.0, "s", "1M events: open to first frame", ".2f"),
    Target("click_1m", 16.0, "ms", "1M events: a click (select + repaint), median"),
    Target("frame_p95_1m", 33.0, "ms", "1M events: frame p95 (every series)"),
    Target("stall_1m", 200.0, "ms",
           "1M events: longest GUI stall while a file opens in the background", ".0f"),
    # --- against vis-timeline, on its own protocol ------------------------------------------
    Target("vis_1k_first", VIS_1K_FIRST_S / 10, "s",
           "1k events: first frame >= 10x faster than vis-timeline (1.1 s)", ".3f"),
    Target("vis_1k_zoom", VIS_1K_ZOOM_MEDIAN_MS, "ms",
           "1k events: zoom step p95 <= vis-timeline's median (13.5 ms)"),
    Target("vis_10k_first", VIS_10K_FIRST_S / 10, "s",
           "10k events: first frame >= 10x faster than vis-timeline (78 s)", ".2f"),
    Target("vis_10k_zoom", VIS_10K_ZOOM_P95_MS / 10, "ms",
           "10k events: zoom step p95 >= 10x better than vis-timeline (139 ms)"),
    # --- other benchmarks -------------------------------------------------------------------
    Target("default_frame", 5.0, "ms", "events.json: frame time median", ".2f"),
)

TARGETS: dict[str, Target] = {t.name: t for t in _ALL}


def target(name: str) -> Target:
    """The target called ``name`` (a ``KeyError`` names the known ones)."""
    try:
        return TARGETS[name]
    except KeyError:
        raise KeyError(f"no target {name!r}; known: {', '.join(TARGETS)}") from None


def _workload() -> int:
    """A fixed piece of the Python work the app does most: decode JSON, build small
    objects, hash and compare strings, sort."""
    rows = json.loads("[" + ",".join(
        f'{{"id": "e{i}", "start": "2019-04-{1 + i % 28:02d}", "tags": ["t{i % 7}"]}}'
        for i in range(20_000)) + "]")
    by_id = {r["id"]: (r["start"], len(r["tags"])) for r in rows}
    return len(sorted(by_id.values())) + sum(1 for k in by_id if k.endswith("7"))


def machine_ms() -> float:
    """How fast this machine runs Python now: the best of five runs of a fixed workload,
    in ms.  Printed with every report so that figures taken on different days (a shared
    machine's speed varies two- or threefold) can be compared; never used to scale a
    figure or a target."""
    best = math.inf
    for _ in range(5):
        t0 = time.perf_counter()
        _workload()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


_FRESH_MEMORY = (
    "import time\n"
    "t = time.perf_counter()\n"
    "rows = [{'id': i, 'start': 'x', 'n': (i, i)} for i in range(400_000)]\n"
    "print((time.perf_counter() - t) * 1000)\n"
)


def memory_ms() -> float:
    """How fast this machine gives a process fresh memory now: the best of three new
    interpreters building 400,000 small dicts (about 150 MB), in ms.  An open waits on
    this as much as on Python's speed; like ``machine_ms`` it never scales a figure."""
    best = math.inf
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _FRESH_MEMORY], capture_output=True,
                             text=True, check=False).stdout.strip()
        try:
            best = min(best, float(out))
        except ValueError:
            return math.nan
    return best


def p95(values: list[float]) -> float:
    """The 95th percentile, interpolated between the two nearest values (NaN for none):
    how every benchmark computes the p95 it compares."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * 0.95
    lo = math.floor(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass(frozen=True, slots=True)
class Row:
    """One figure compared with one target; ``case`` says where it was measured."""

    name: str
    case: str
    value: float
    ok: bool

    def line(self, width: int = 58) -> str:
        t = target(self.name)
        label = f"{t.name} [{self.case}]" if self.case else t.name
        value = "not measured" if math.isnan(self.value) else f"{self.value:{t.fmt}} {t.unit}"
        return (f"  {label:<{width}}{value:>14}  {t.limit_text():>14}  "
                f"{'ok' if self.ok else 'MISS'}")


class Report:
    """The figures a benchmark compared with their targets, in the order it measured them."""

    def __init__(self, bench: str) -> None:
        self.bench = bench
        self.rows: list[Row] = []
        self._machine: tuple[float, float] | None = None

    @property
    def machine(self) -> tuple[float, float]:
        """``machine_ms()`` and ``memory_ms()``, measured once, when the report is first
        printed or stored."""
        if self._machine is None:
            self._machine = (machine_ms(), memory_ms())
        return self._machine

    def check(self, name: str, value: float, case: str = "") -> bool:
        """Compare ``value`` (in the target's unit) with target ``name``; True when met."""
        value = float(value)
        ok = target(name).met(value)
        self.rows.append(Row(name, case, value, ok))
        return ok

    @property
    def misses(self) -> list[Row]:
        return [r for r in self.rows if not r.ok]

    def print(self, file: TextIO | None = None) -> None:
        """Every figure with its target and ok/MISS, then the count of misses."""
        out = file or sys.stdout
        width = max([len(f"{r.name} [{r.case}]") for r in self.rows] + [30]) + 2
        python, memory = self.machine
        print(f"\ntargets ({self.bench}; machine speed: a fixed Python workload took "
              f"{python:.0f} ms, fresh memory {memory:.0f} ms; load average "
              f"{os.getloadavg()[0]:.2f}):", file=out)
        for row in self.rows:
            print(row.line(width), file=out)
        print(summary_line(self.rows), file=out)

    def save(self) -> Path:
        """Store the rows in ``bench/out/targets/<bench>.json`` for the summary."""
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUT_DIR / f"{self.bench}.json"
        path.write_text(json.dumps({
            "bench": self.bench,
            "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "loadavg": os.getloadavg()[0],
            "machine_ms": self.machine[0],
            "memory_ms": self.machine[1],
            "rows": [{"name": r.name, "case": r.case,
                      "value": None if math.isnan(r.value) else r.value, "ok": r.ok}
                     for r in self.rows],
        }, indent=1) + "\n")
        return path

    def finish(self, strict: bool = False, save: bool = True) -> int:
        """Print, store, and the exit status: 1 when ``strict`` and a target is missed."""
        self.print()
        if save:
            self.save()
        return 1 if strict and self.misses else 0


def report(bench: str, figures: list[tuple[str, float, str]]) -> Report:
    """A ``Report`` of ``(target name, value, case)`` figures, printed."""
    rep = Report(bench)
    for name, value, case in figures:
        rep.check(name, value, case)
    rep.print()
    return rep


def summary_line(rows: list[Row]) -> str:
    misses = [r for r in rows if not r.ok]
    return f"{len(misses)} target(s) missed of {len(rows)} figure(s) compared"


def stored_reports() -> list[dict[str, Any]]:
    """Every benchmark's last stored report."""
    if not OUT_DIR.exists():
        return []
    out = []
    for path in sorted(OUT_DIR.glob("*.json")):
        try:
            out.append(json.loads(path.read_text()))
        except ValueError:
            continue
    return out


def main(argv: list[str] | None = None) -> int:
    reports = stored_reports()
    rows: list[Row] = []
    measured: set[str] = set()
    for rep in reports:
        speed = (f", fixed workload {rep['machine_ms']:.0f} ms" if "machine_ms" in rep
                 else "")
        if "memory_ms" in rep:
            speed += f", fresh memory {rep['memory_ms']:.0f} ms"
        print(f"\n{rep['bench']} (measured {rep['when']}, load average "
              f"{rep['loadavg']:.2f}{speed}):")
        for r in rep["rows"]:
            if r["name"] not in TARGETS:  # a target renamed since
                continue
            value = math.nan if r["value"] is None else r["value"]
            row = Row(r["name"], r["case"], value, target(r["name"]).met(value))
            rows.append(row)
            measured.add(row.name)
            print(row.line())
    missing = [t for t in _ALL if t.name not in measured]
    if missing:
        print("\nnot measured by any stored run:")
        for t in missing:
            print(f"  {t.name:<22}{t.limit_text():>14}  {t.what}")
    print("\n" + summary_line(rows))
    return 1 if any(not r.ok for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
