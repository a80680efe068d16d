"""Frame time of the real main window: every zoom level, two window sizes, two generators.

Run from the repository root:

    .venv/bin/python bench/bench_frames.py [--quick] [--events 100000] [--frames 40]
        [--sizes 1600x1000,2560x1440] [--generators synthetic,harder] [--runs 3]
        [--profile] [--strict]

Each (generator, window size) runs in a fresh process (``QT_QPA_PLATFORM=offscreen``):
the application's ``MainWindow`` at that size, shown, with the generated file opened as
File > Open opens it (in the background).  A frame is one new view through the window's
own event path: ``TimelineView.set_scale`` (what every navigation calls; it emits
``viewChanged``, on which the overview strip and the status bar update), or a real wheel
or mouse event, and then ``processEvents``, in which Qt repaints what changed (the
timeline, the overview strip, the status bar's labels).  The time of a frame is from the
event to the end of that repaint.

Zoom levels, named after the ticks they show: the whole range (``fit``), ``years`` (a
view of five years), ``months`` (one year), ``days`` (one month) and ``hours`` (one
day).  At each level except ``fit``, two series of new views:

* ``random``: a new centre drawn at random (seeded) in the document's span every frame;
* ``densest``: around the densest day, moved by up to a quarter view every frame (where
  busy lanes become density bars, which is cheaper than individual events);

``fit`` pans the whole range by a few pixels each frame.  Then two series driven by
input events: ``wheel`` (one wheel notch in or out at a random place, from a random
centre at the months level) and ``drag`` (the mouse dragging the view by 10 px a move,
at the days level).  Every series is compared with the frame target of
``bench/targets.py`` (p95 <= 16 ms); ``N target(s) missed`` counts every miss.

Each generator and size runs ``--runs`` times (3), run after run over every case, each
time in a fresh process on the same views; the p95 compared with the target is the
median of the runs' p95s, and each run's is printed.  On a shared machine one run's p95
of a series moves by a third from one run to the next on the same code.

The generators are ``synthetic.make_document`` and ``synthetic.harder_document`` (sixteen
lanes, unique titles, 25 % ranges, every precision).  ``--quick`` runs 15 frames a series.

After the open, the series start once the window has done its idle work (it measures
every title in slices of 3 ms, ~1 s for 100,000 titles, then works out what a Save may
copy from the file, about a Save's CPU; the time is printed): frames
follow one another with no idle time between them, which a user's do not have.
``--profile`` prints the cProfile top functions of each child's frames instead of
figures to compare (the profiler slows everything down).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale_window import wait_for_idle_work  # noqa: E402
from synthetic import cached_file, code_version  # noqa: E402
from targets import Report, p95  # noqa: E402

DAY = 86400.0
YEAR = 365.2425 * DAY
#: level -> visible span (None: the whole range)
LEVELS: dict[str, float | None] = {
    "fit": None, "years": 5 * YEAR, "months": YEAR, "days": YEAR / 12, "hours": DAY,
}
DEFAULT_SIZES = ((1600, 1000), (2560, 1440))
GENERATORS = ("synthetic", "harder")
RESULT_PREFIX = "RESULT "


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


# --- the measuring child ---------------------------------------------------------------------


class _Probe:
    """Times the parts of a frame: layout, the timeline's paint, the overview's paint."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = {}
        self.paints = 0

    def add(self, name: str, seconds: float) -> None:
        self.parts[name] = self.parts.get(name, 0.0) + seconds

    def take(self) -> dict[str, float]:
        parts, self.parts = self.parts, {}
        return parts


def _install_probe(probe: _Probe) -> None:
    from timeline_app.gui.timeline import overview, timeline_view

    layout = timeline_view.layout_frame

    def timed_layout(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return layout(*args, **kwargs)
        finally:
            probe.add("layout", time.perf_counter() - t)

    timeline_view.layout_frame = timed_layout
    from timeline_app.gui.timeline import renderer

    measure = renderer.TimelineRenderer.measure

    def timed_measure(self: Any, text: str) -> float:
        t = time.perf_counter()
        try:
            return measure(self, text)
        finally:
            probe.add("measure", time.perf_counter() - t)

    renderer.TimelineRenderer.measure = timed_measure

    def wrap(cls: type, name: str) -> None:
        paint = cls.paintEvent

        def paint_event(self: Any, event: Any) -> None:
            t = time.perf_counter()
            try:
                paint(self, event)
            finally:
                probe.add(name, time.perf_counter() - t)
                if name == "timeline":
                    probe.paints += 1

        cls.paintEvent = paint_event

    wrap(timeline_view.TimelineView, "timeline")
    wrap(overview.OverviewStrip, "overview")


def child(path: Path, width: int, height: int, frames: int, seed: int,
          profile: bool) -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from PySide6.QtCore import (
        QCoreApplication,
        QEvent,
        QEventLoop,
        QPoint,
        QPointF,
        QSettings,
        Qt,
    )
    from PySide6.QtGui import QMouseEvent, QWheelEvent
    from PySide6.QtWidgets import QApplication

    from timeline_app.core.view.timescale import TimeScale
    from timeline_app.gui.window.main_window import MainWindow

    probe = _Probe()
    _install_probe(probe)
    app = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp(prefix="bench-frames-")
    settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(width, height)
    window.show()
    app.processEvents()
    loop = QEventLoop()
    outcome: list[bool] = []
    window.files.loadFinished.connect(lambda ok: (outcome.append(ok), loop.quit()))
    t = time.perf_counter()
    window.files.open_path(path, background=True, show_problems=False)
    if not outcome:
        loop.exec()
    app.processEvents()
    opened = time.perf_counter() - t
    assert outcome == [True], window.files.last_problems[:3]
    view = window.timeline
    # The window's idle work after an open (its time is reported) ends before the
    # first frame below, as a user looks at the file meanwhile.
    idle_work = wait_for_idle_work(app, window)
    w = view.time_area_width()
    gutter = view.frame_geometry.gutter
    res: dict[str, Any] = {
        "window": [window.width(), window.height()],
        "timeline": [view.width(), view.height()], "time_area": w,
        "overview_width": window.overview.width(), "open_s": opened,
        "idle_work_s": idle_work,
        "events": len(window.session.document.events), "lanes": len(view.lane_set.lanes),
    }
    starts = np.asarray(view.index.starts)
    days = np.floor(starts / DAY).astype(np.int64)
    d0 = int(days.min())
    counts = np.bincount(days - d0)
    densest = (int(counts.argmax()) + d0 + 0.5) * DAY
    res["densest_day_events"] = int(counts.max())
    lo, hi = view.index.time_range()  # the events themselves, not the margins of "fit"
    view.zoom_to_fit()
    app.processEvents()
    fit = view.scale
    rng = random.Random(seed)

    def frame(action: Any) -> tuple[float, dict[str, float], int]:
        probe.take()
        painted = probe.paints
        t = time.perf_counter()
        action()
        app.processEvents()
        dt = time.perf_counter() - t
        return dt, probe.take(), probe.paints - painted

    def scale_at(span: float, centre: float) -> TimeScale:
        return TimeScale(centre - span / 2, span / w, w)

    series: dict[str, dict[str, Any]] = {}
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()

    def run(name: str, actions: list[Any]) -> None:
        times, layout, timeline, overview, measured, unpainted = [], [], [], [], [], 0
        for action in actions:
            if prof is not None:
                prof.enable()
            dt, parts, paints = frame(action)
            if prof is not None:
                prof.disable()
            times.append(dt * 1e3)
            layout.append(parts.get("layout", 0.0) * 1e3)
            timeline.append(parts.get("timeline", 0.0) * 1e3)
            overview.append(parts.get("overview", 0.0) * 1e3)
            measured.append(parts.get("measure", 0.0) * 1e3)
            unpainted += paints == 0
        f = view.current_frame()
        series[name] = {
            "median_ms": _median(times), "p95_ms": p95(times), "max_ms": max(times),
            "layout_ms": _median(layout), "timeline_paint_ms": _median(timeline),
            "overview_paint_ms": _median(overview), "measure_ms": _median(measured),
            "n": len(times), "unpainted": unpainted,
            "markers": len(f.markers), "density_lanes": sum(x.density is not None for x in f.lanes),
        }

    # warm-up: Qt's first paints, font caches
    for _ in range(3):
        frame(lambda: view.set_scale(scale_at(YEAR, rng.uniform(lo, hi))))
    for level, span in LEVELS.items():
        if span is None:
            moves = [rng.choice((-1, 1)) * rng.randint(1, 20) for _ in range(frames)]
            run("fit", [partial(view.set_scale, fit.panned(dx)) for dx in moves])
            continue
        centres = [rng.uniform(lo, hi) for _ in range(frames)]
        run(f"{level} random", [partial(view.set_scale, scale_at(span, c)) for c in centres])
        centres = [densest + rng.uniform(-0.25, 0.25) * span for _ in range(frames)]
        run(f"{level} densest", [partial(view.set_scale, scale_at(span, c)) for c in centres])

    # --- input events -------------------------------------------------------------------------
    def wheel(x: float, y: float, notches: int) -> None:
        pos = QPointF(x, y)
        ev = QWheelEvent(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120 * notches),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                         Qt.ScrollPhase.NoScrollPhase, False)
        QCoreApplication.sendEvent(view, ev)

    def mouse(kind: QEvent.Type, x: float, y: float, button: Qt.MouseButton,
              buttons: Qt.MouseButton) -> None:
        pos = QPointF(x, y)
        ev = QMouseEvent(kind, pos, view.mapToGlobal(pos), button, buttons,
                         Qt.KeyboardModifier.NoModifier)
        QCoreApplication.sendEvent(view, ev)

    top = view.frame_geometry.axis_height
    frame(lambda: view.set_scale(scale_at(YEAR, rng.uniform(lo, hi))))
    points = [(gutter + rng.uniform(0, w), rng.uniform(top, view.height()))
              for _ in range(frames)]
    run("wheel", [partial(wheel, x, y, 1 if i % 2 == 0 else -1)
                  for i, (x, y) in enumerate(points)])

    frame(lambda: view.set_scale(scale_at(YEAR / 12, rng.uniform(lo, hi))))
    left = Qt.MouseButton.LeftButton
    x0, y0 = gutter + w * 0.8, top / 2  # on the axis: no event under the press
    mouse(QEvent.Type.MouseButtonPress, x0, y0, left, left)
    assert view._grab is None  # a pan, not an event's drag
    run("drag", [partial(mouse, QEvent.Type.MouseMove, x0 - 10 * k, y0,
                         Qt.MouseButton.NoButton, left) for k in range(1, frames + 1)])
    mouse(QEvent.Type.MouseButtonRelease, x0 - 10 * frames, y0, left, Qt.MouseButton.NoButton)
    res["series"] = series
    if prof is not None:
        import io
        import pstats

        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(28)
        text = out.getvalue()
        res["profile"] = text[text.find("   ncalls"):].rstrip()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(28)
        text = out.getvalue()
        res["profile_cumulative"] = text[text.find("   ncalls"):].rstrip()
    window.session.undo_stack.setClean()
    window.close()
    return res


# --- the parent ---------------------------------------------------------------------------------


def run_child(path: Path, size: tuple[int, int], frames: int, seed: int,
              profile: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path),
           f"{size[0]}x{size[1]}", "--frames", str(frames), "--seed", str(seed)]
    if profile:
        cmd.append("--profile")
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"the run at {size} on {path.name} failed (exit {proc.returncode})")
    line = next(x for x in reversed(proc.stdout.splitlines()) if x.startswith(RESULT_PREFIX))
    res = json.loads(line[len(RESULT_PREFIX):])
    res["wall_s"] = time.perf_counter() - t
    return res


def print_run(gen: str, res: dict[str, Any], which: str = "") -> None:
    ww, wh = res["window"]
    tw, th = res["timeline"]
    print(f"\n=== {gen}: {res['events']:,} events, {res['lanes']} lanes; window {ww}x{wh}, "
          f"timeline {tw}x{th} (time area {res['time_area']} px); densest day "
          f"{res['densest_day_events']:,} events; {res['wall_s']:.0f} s"
          f"{'; ' + which if which else ''} ===")
    print(f"  (after the open, {res.get('idle_work_s', math.nan):.2f} s of idle work "
          "before the frames: measuring titles, counting cited ranges, working out what "
          "a Save may copy)")
    print(f"  {'series (ms)':<18}{'median':>8}{'p95':>8}{'max':>8}{'layout':>8}"
          f"{'(text)':>8}{'timeline':>9}{'overview':>9}   drawn (last frame)")
    for name, s in res["series"].items():
        note = f"{s['markers']} markers, {s['density_lanes']} density lanes"
        if s["unpainted"]:
            note += f"; {s['unpainted']} frame(s) without a timeline paint"
        print(f"  {name:<18}{s['median_ms']:8.1f}{s['p95_ms']:8.1f}{s['max_ms']:8.1f}"
              f"{s['layout_ms']:8.1f}{s.get('measure_ms', math.nan):8.1f}"
              f"{s['timeline_paint_ms']:9.1f}{s['overview_paint_ms']:9.1f}   {note}")


def series_p95s(case_runs: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Each series' p95 in every run of a case; their median is the figure compared."""
    return {name: [r["series"][name]["p95_ms"] for r in case_runs]
            for name in case_runs[0]["series"]}


def print_medians(case: str, p95s: dict[str, list[float]]) -> None:
    """Each series' p95 in every run of ``case``, and their median."""
    runs = len(next(iter(p95s.values()), []))
    print(f"\n=== {case}: p95 (ms) of each of {runs} runs, and their median ===")
    for name, values in p95s.items():
        print(f"  {name:<18}" + "".join(f"{v:8.1f}" for v in values)
              + f"   median {statistics.median(values):5.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--frames", type=int, default=40, help="frames per series")
    parser.add_argument("--quick", action="store_true", help="15 frames per series")
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in DEFAULT_SIZES))
    parser.add_argument("--generators", default=",".join(GENERATORS))
    parser.add_argument("--seed", type=int, default=11, help="seed of the view centres")
    parser.add_argument("--runs", type=int, default=3,
                        help="fresh processes per window size and generator; each figure "
                             "compared is the median of theirs")
    parser.add_argument("--profile", action="store_true", help="cProfile tops, no figures")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    frames = 15 if args.quick else args.frames
    if args.child:
        w, h = (int(v) for v in args.child[1].split("x"))
        res = child(Path(args.child[0]), w, h, frames, args.seed, args.profile)
        print(RESULT_PREFIX + json.dumps(res))
        return 0

    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",") if s]
    gens = [g for g in args.generators.split(",") if g]
    runs = 1 if args.profile else max(1, args.runs)
    print(f"Frame benchmark: MainWindow offscreen, {args.events:,} events, {frames} frames a "
          f"series, sizes {', '.join(f'{w}x{h}' for w, h in sizes)}, {runs} run(s) of each")
    print(f"code {code_version()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} (other processes make the figures noisy)")
    started = time.perf_counter()
    report = Report("bench_frames")
    results: dict[str, list[dict[str, Any]]] = {}
    # Run after run over every case, so that a slow spell of the machine falls on one
    # run of several cases rather than on every run of one.
    for k in range(runs):
        for gen in gens:
            path = cached_file(args.events, harder=gen == "harder")
            for size in sizes:
                res = run_child(path, size, frames, args.seed,  # type: ignore[arg-type]
                                args.profile)
                results.setdefault(f"{gen} {size[0]}x{size[1]}", []).append(res)
                print_run(gen, res, f"run {k + 1} of {runs}" if runs > 1 else "")
                if args.profile:
                    print("\n  --- cProfile (tottime) ---\n" + res["profile"])
                    print("\n  --- cProfile (cumulative) ---\n" + res["profile_cumulative"])
    for case, case_runs in results.items():
        p95s = series_p95s(case_runs)
        if runs > 1:
            print_medians(case, p95s)
        for name, values in p95s.items():
            report.check("frame_p95", statistics.median(values), f"{case} {name}")
    if args.profile:
        print("\n(--profile: the figures include the profiler's overhead; nothing stored)")
        return 0
    out = ROOT / "bench" / "out" / "frames.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "code": code_version(),
        "loadavg_end": os.getloadavg()[0], "frames": frames, "events": args.events,
        "runs": runs, "results": results,
    }, indent=1) + "\n")
    status = report.finish(args.strict)
    print(f"load average at the end {os.getloadavg()[0]:.2f}; "
          f"{time.perf_counter() - started:.0f} s in all; figures in {out.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
