"""How the real timeline widget scales: 1,000 to 1,000,000 events, offscreen.

Run from the repository root:

    .venv/bin/python bench/bench_scale.py [--sizes 1000,10000,100000,1000000] [--profile]

Files come from ``bench/synthetic.py`` (cached under ``bench/out/``).  Each size runs
in a fresh process (``QT_QPA_PLATFORM=offscreen``), so that its peak memory
(``ru_maxrss``) is its own.  There the widget is exactly the application's
``TimelineView`` on a ``DocumentSession``, 1600 x 900, painted with ``QWidget.render``
into a 1600 x 900 ``QImage``.  Measured:

* load: ``loader.load_path``, median of every run: the two inside the opens below and,
  below 1,000,000 events, up to four more on their own;
* open to first frame: ``DocumentSession.open``, ``TimelineView(session)``, resize, one
  paint, with the three parts; Qt's own one-time start (fonts) is done before, on an
  empty view, and printed on its own.  Also in the application's order (the main
  window's view exists, empty, when the file is opened): ``session.open`` + one paint;
* frame time, median and p95 of 50 frames, each panned by 1 px so that no cache keeps
  the layout of the previous frame: full view (fit), one year, one month and one day
  around the densest day of the timeline;
* panning: a mouse drag (press, then 50 mouse-move events of 10 px, each followed by
  a paint) through the densest period, at one year and at one month;
* zoom step: ``view.zoom(1.25, x)`` + paint, from the full view into one day around the
  densest day and back out (about 75 steps), median and p95;
* hover hit-test: ``view.current_frame().hit(x, y)`` at random points and on drawn
  markers at each zoom level, and the whole ``mouseMoveEvent`` path (hit-test, cursor,
  tooltip);
* peak memory: ``ru_maxrss`` after all of the above.

Targets: those of ``bench/targets.py`` (open to first frame, frame p95, hit-test, peak
memory, stalls, Save, the 1M click, and against vis-timeline), each printed with its figure;
``--strict`` exits 1 when a target is missed.

Figures go to ``bench/out/scale.json``; when an earlier one exists, new/old ratios are
printed first.  ``--profile`` adds, per size, the top functions (cProfile) of the
open-to-first-frame and of 50 panned frames at each zoom level.

This file runs the children and prints, checks and stores their figures; what a child
measures is in ``scale_widget.py`` (the widget) and ``scale_window.py`` (the main window).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale_widget import HEIGHT, WIDTH, child  # noqa: E402
from synthetic import code_version  # noqa: E402
from targets import (  # noqa: E402
    VIS_1K_FIRST_S,
    VIS_1K_ZOOM_MEDIAN_MS,
    VIS_1K_ZOOM_P95_MS,
    VIS_10K_FIRST_S,
    VIS_10K_ZOOM_P95_MS,
    Report,
)

DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
RESULT_PREFIX = "RESULT "


# --- the parent: runs the children, prints, compares ------------------------------------------


def run_size(n: int, profile: bool) -> dict[str, Any]:
    from synthetic import cached_file

    path = cached_file(n)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n), str(path)]
    if profile:
        cmd.append("--profile")
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"the run for {n:,} events failed (exit {proc.returncode})")
    line = next(x for x in reversed(proc.stdout.splitlines()) if x.startswith(RESULT_PREFIX))
    res = json.loads(line[len(RESULT_PREFIX):])
    res["wall_s"] = time.perf_counter() - t
    res["file_mb"] = path.stat().st_size / 1e6
    return res


def print_size(res: dict[str, Any]) -> None:
    n = res["events"]
    print(f"\n=== {n:,} events ({res['file_mb']:.1f} MB file; densest day holds "
          f"{res['densest_day_events']:,} events; child process {res['wall_s']:.0f} s) ===")
    if res.get("size_limit_lifted"):
        print("  !! the app refuses this file (larger than loader.DEFAULT_MAX_BYTES); the limit "
              "was lifted in the\n  !! benchmark process only, to measure the rest")
    print(f"  load (load_path, median of {res['load_runs']})".ljust(47) + f"{res['load_s']:8.3f} s")
    print(f"  open to first frame                          {res['first_frame_s']:8.3f} s  "
          f"(session.open {res['first_frame_open_s']:.3f} [load_path "
          f"{res.get('first_frame_load_s', math.nan):.3f}] + TimelineView() "
          f"{res['first_frame_view_s']:.3f} + resize+paint {res['first_frame_paint_s']:.3f})")
    if "app_open_s" in res:
        print(f"  open into an existing view (the app's order) {res['app_open_s']:8.3f} s  "
              f"(load_path {res['app_open_load_s']:.3f} + documentReset handlers "
              f"{res['app_open_signals_s']:.3f} + paint {res['app_open_paint_s']:.3f})")
    if "background" in res:
        b = res["background"]
        print(f"  open in the main window (in the background)  {b['open_s']:8.3f} s  "
              f"(GUI thread's 10 ms timer: longest gap {b['stall_max_ms']:.0f} ms, "
              f"p99 {b['stall_p99_ms']:.0f} ms; the longest at {b['stall_at_s']:.2f} s)")
        print(f"  {'in the main window (ms)':<26}{'median':>8}{'p95':>8}")
        for key, label in (("select", "click: select + its frame"), ("edit", "retitle + repaint"),
                           ("move", "change a date + repaint"), ("undo", "undo + repaint"),
                           ("delete", "delete + repaint"), ("undelete", "undo delete + repaint"),
                           ("save", "Save after an edit")):
            if key + "_median_ms" in b:  # (figures from before deletes were measured)
                print(f"  {label:<26}{b[key + '_median_ms']:8.1f}{b[key + '_p95_ms']:8.1f}")
        if "first_save_ms" in b:
            print(f"  {'first Save after the open':<26}{b['first_save_ms']:8.1f}")
        if "save_as_ms" in b:
            print(f"  {'Save As a new file':<26}{b['save_as_ms']:8.1f}   (every event "
                  "encoded; not a target)")
    print(f"  Qt one-time start (before, not included)     {res['qt_warmup_s']:8.3f} s")
    print(f"  {'frame time (ms)':<26}{'median':>8}{'p95':>8}{'max':>8}   drawn")
    for key, f in res["frames"].items():
        label = {"fit": "full view, pan 1 px", "year": "1 year, pan 1 px",
                 "month": "1 month, pan 1 px", "day": "1 day, pan 1 px",
                 "pan_year": "drag at 1 year, 10 px", "pan_month": "drag at 1 month, 10 px",
                 "zoom": f"zoom step x1.25 ({f['n']})"}.get(key, key)
        drawn = ""
        if "markers" in f:
            drawn = f"{f['markers']} markers, {f['density_lanes']} density lanes"
        print(f"  {label:<26}{f['median_ms']:8.1f}{f['p95_ms']:8.1f}{f['max_ms']:8.1f}   {drawn}")
    print(f"  {'hit-test (µs)':<26}{'median':>8}{'p95':>8}{'max':>8}")
    for key, h in res["hit"].items():
        label = {"mouse_move": "mouseMoveEvent path"}.get(key, f"hit() at {key}")
        print(f"  {label:<26}{h['median_us']:8.1f}{h['p95_us']:8.1f}{h['max_us']:8.0f}")
    print(f"  peak memory (ru_maxrss)                      {res['peak_rss_mb']:8.0f} MB  "
          f"(VmHWM {res.get('vm_hwm_mb', math.nan):.0f} MB; RSS after open "
          f"{res['rss_after_open_mb']:.0f} MB, of which the document and view "
          f"{res['rss_growth_open_mb']:.0f} MB)")


def check_targets(results: dict[int, dict[str, Any]], bench: str = "bench_scale") -> Report:
    """Every figure of the run that has a target in ``bench/targets.py``."""
    c = Report(bench)
    r = results.get(100_000)
    if r:
        for key, f in r["frames"].items():
            c.check("frame_p95", f["p95_ms"], f"100k {key}, TimelineView {WIDTH}x{HEIGHT}")
        c.check("open_100k", r["first_frame_s"], "TimelineView")
        if "app_open_s" in r:
            c.check("open_100k", r["app_open_s"], "into an existing view")
        c.check("hit_p95", r["hit"]["all"]["p95_us"] / 1e3)
        c.check("memory_100k", r["peak_rss_mb"])
        if "background" in r:
            b = r["background"]
            c.check("stall_100k", b["stall_max_ms"])
            if "save_median_ms" in b:
                c.check("save_100k", b.get("first_save_ms", math.nan) / 1e3,
                        "main window, first after the open and an edit")
                c.check("save_100k", b["save_median_ms"] / 1e3,
                        "main window, after an edit, median")
    r = results.get(1_000_000)
    if r:
        if r.get("size_limit_lifted"):
            print(f"  !! 1M: the app refuses the {r['file_mb'] / 1.048576:.0f} MiB file "
                  f"(limit {_size_limit() >> 20} MiB): counted as a missed open")
            c.check("open_1m", math.nan, "the loader's size limit refuses the file")
        c.check("open_1m", r["first_frame_s"], "TimelineView")
        if "background" in r:
            b = r["background"]
            c.check("stall_1m", b["stall_max_ms"])
            if "select_median_ms" in b:
                c.check("click_1m", b["select_median_ms"], "main window, select + its frame")
        for key, f in r["frames"].items():
            c.check("frame_p95_1m", f["p95_ms"], key)
    r = results.get(1_000)
    if r:
        c.check("vis_1k_first", r["first_frame_s"])
        c.check("vis_1k_zoom", r["frames"]["zoom"]["p95_ms"])
    r = results.get(10_000)
    if r:
        c.check("vis_10k_first", r["first_frame_s"])
        c.check("vis_10k_zoom", r["frames"]["zoom"]["p95_ms"])
    return c


def print_vis(results: dict[int, dict[str, Any]]) -> None:
    print("\nvs vis-timeline (its published figures; ours on the synthetic data, 20 % ranges):")
    print(f"  {'':<34}{'vis-timeline':>14}{'ours':>12}{'ratio':>9}")
    r = results.get(1_000)
    if r:
        z = r["frames"]["zoom"]
        for label, vis, ours in (
            ("1k first render", VIS_1K_FIRST_S * 1e3, r["first_frame_s"] * 1e3),
            ("1k zoom step median", VIS_1K_ZOOM_MEDIAN_MS, z["median_ms"]),
            ("1k zoom step p95", VIS_1K_ZOOM_P95_MS, z["p95_ms"]),
        ):
            print(f"  {label + ' (ms)':<34}{vis:14.1f}{ours:12.1f}{vis / ours:8.1f}x")
    r = results.get(10_000)
    if r:
        z = r["frames"]["zoom"]
        for label, vis, ours in (
            ("10k first render", VIS_10K_FIRST_S * 1e3, r["first_frame_s"] * 1e3),
            ("10k zoom step p95", VIS_10K_ZOOM_P95_MS, z["p95_ms"]),
        ):
            print(f"  {label + ' (ms)':<34}{vis:14.1f}{ours:12.1f}{vis / ours:8.1f}x")


def flatten(obj: Any, prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("profiles", "n", "points", "load_runs", "events"):
                continue
            out |= flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        out[prefix] = float(obj)
    return out


def compare(previous: dict[str, Any], results: dict[int, dict[str, Any]]) -> None:
    print("\nnew / old against the previous bench/out/scale.json:")
    for n, res in results.items():
        old = previous.get("sizes", {}).get(str(n))
        if not old:
            continue
        new_f, old_f = flatten(res), flatten(old)
        print(f"  {n:,} events (old figures from {old.get('when', previous.get('when', '?'))})")
        for key, value in new_f.items():
            if old_f.get(key):
                print(f"    {key:<40}{old_f[key]:12.3f} -> {value:12.3f}   "
                      f"{value / old_f[key]:6.2f}")


def _size_limit() -> int:
    from timeline_app.core.fileformat import loader

    return loader.DEFAULT_MAX_BYTES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated event counts")
    parser.add_argument("--profile", action="store_true", help="print cProfile tops per size")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        res = child(int(args.child[0]), Path(args.child[1]), args.profile)
        print(RESULT_PREFIX + json.dumps(res))
        return 0

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"Scale benchmark: TimelineView {WIDTH}x{HEIGHT} offscreen, sizes "
          f"{', '.join(f'{n:,}' for n in sizes)}")
    print(f"code {code_version()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} (other processes make the figures noisy)")
    started = time.perf_counter()
    results: dict[int, dict[str, Any]] = {}
    for n in sizes:
        results[n] = run_size(n, args.profile)
        print_size(results[n])
        for label, text in results[n].get("profiles", {}).items():
            print(f"\n  --- cProfile, {n:,} events: {label} ---")
            print("\n".join("  " + line for line in text.splitlines() if line.strip()))

    print_vis(results)
    checks = check_targets(results)
    checks.print()

    if args.profile:
        print("\n(--profile: the figures above include the profiler's overhead; "
              "bench/out/scale.json is left as it was)")
        return 1 if checks.misses and args.strict else 0
    for n in results:  # one stored report per size: a run of some sizes keeps the others'
        with contextlib.redirect_stdout(io.StringIO()):
            check_targets({n: results[n]}, f"bench_scale-{n}").save()
    out_file = ROOT / "bench" / "out" / "scale.json"
    previous: dict[str, Any] | None = None
    if out_file.exists():
        try:
            previous = json.loads(out_file.read_text())
            compare(previous, results)
        except (ValueError, TypeError, AttributeError) as exc:
            print(f"(previous scale.json not comparable: {exc})")
            previous = None
    out_file.parent.mkdir(parents=True, exist_ok=True)
    when = time.strftime("%Y-%m-%dT%H:%M:%S")
    # sizes not run this time keep their last figures (each size says when it was measured)
    stored: dict[str, Any] = dict(previous.get("sizes", {})) if previous else {}
    for n, r in results.items():
        stored[str(n)] = {k: v for k, v in r.items() if k != "profiles"} | {
            "when": when, "code": code_version()}
    out_file.write_text(json.dumps({
        "when": when,
        "code": code_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "loadavg_end": os.getloadavg()[0],
        "size": [WIDTH, HEIGHT],
        "misses": [f"{m.name} [{m.case}]: {m.value}" for m in checks.misses],
        "sizes": stored,
    }, indent=2) + "\n")
    print(f"\n{len(checks.misses)} target(s) missed (of {len(checks.rows)}); figures written to "
          f"{out_file.relative_to(ROOT)} ({time.perf_counter() - started:.0f} s in all)")
    return 1 if checks.misses and args.strict else 0


if __name__ == "__main__":
    raise SystemExit(main())
