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
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import io
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

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
WIDTH, HEIGHT = 1600, 900
FRAMES = 50
DAY = 86400.0
LEVELS = {"fit": None, "year": 365.2425 * DAY, "month": 30.436875 * DAY, "day": DAY}
RESULT_PREFIX = "RESULT "


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * 0.95
    lo = math.floor(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1e3 for s in seconds]
    return {"median_ms": statistics.median(ms), "p95_ms": p95(ms), "max_ms": max(ms),
            "n": len(ms)}


def vm_rss(field: str = "VmRSS") -> int:
    """Bytes of ``VmRSS`` (or ``VmHWM``, the peak) of this process, from /proc."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


# --- the measuring child process ------------------------------------------------------------


def child(n: int, path: Path, profile: bool) -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import numpy as np
    from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
    from PySide6.QtGui import QImage, QMouseEvent
    from PySide6.QtWidgets import QApplication

    from timeline_app.core.fileformat import fingerprint as fingerprint_module
    from timeline_app.core.fileformat import loader
    from timeline_app.core.fileformat.loader import load_path
    from timeline_app.core.view.timescale import TimeScale
    from timeline_app.gui.document import background_load as loading_module
    from timeline_app.gui.document.session import DocumentSession
    from timeline_app.gui.timeline.timeline_view import TimelineView

    res: dict[str, Any] = {"events": n}
    size = path.stat().st_size
    res["size_limit_lifted"] = size > loader.DEFAULT_MAX_BYTES
    if res["size_limit_lifted"]:
        # The app refuses the file (a finding of its own, reported as a missed target);
        # lift the limit in this process only, so that the rest can still be measured.
        load_path = functools.partial(loader.load_path, max_bytes=size + 1)
    load_times: list[float] = []  # every load_path, also those inside session.open

    def timed_load_path(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return load_path(*args, **kwargs)
        finally:
            load_times.append(time.perf_counter() - t)

    # session.open reads through the fingerprint module, the window's loader thread directly
    fingerprint_module.load_path = loading_module.load_path = timed_load_path
    app = QApplication.instance() or QApplication([])
    img = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    profiles: dict[str, str] = {}

    def run_profiled(label: str, fn):  # type: ignore[no-untyped-def]
        if not profile:
            return fn()
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        try:
            return fn()
        finally:
            prof.disable()
            out = io.StringIO()
            stats = pstats.Stats(prof, stream=out)
            stats.sort_stats("tottime").print_stats(16)
            text = out.getvalue()
            start = text.find("   ncalls")
            profiles[label] = (f"total {stats.total_tt:.3f} s under the profiler\n"  # type: ignore[attr-defined]
                               + text[start:].rstrip())

    # Qt's one-time start: font database, first QPainter on an image.
    t = time.perf_counter()
    warm_view = TimelineView(DocumentSession())
    warm_view.resize(WIDTH, HEIGHT)
    warm_view.render(img)
    res["qt_warmup_s"] = time.perf_counter() - t
    del warm_view
    rss_base = vm_rss()

    # --- open to first frame -------------------------------------------------------------
    def open_first_frame():  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        session = DocumentSession()
        outcome = session.open(path)
        t1 = time.perf_counter()
        if not outcome.ok:
            raise SystemExit(f"{path} does not open: {outcome.problems[:3]}")
        view = TimelineView(session)
        t2 = time.perf_counter()
        view.resize(WIDTH, HEIGHT)
        view.render(img)
        t3 = time.perf_counter()
        return session, view, (t3 - t0, t1 - t0, t2 - t1, t3 - t2)

    session, view, (total, t_open, t_view, t_paint) = run_profiled("open to first frame",
                                                                   open_first_frame)
    res["first_frame_s"] = total
    res["first_frame_open_s"] = t_open
    res["first_frame_view_s"] = t_view
    res["first_frame_paint_s"] = t_paint
    res["first_frame_load_s"] = load_times[0]
    res["rss_after_open_mb"] = vm_rss() / 2**20
    res["rss_growth_open_mb"] = (vm_rss() - rss_base) / 2**20
    assert view.width() == WIDTH and view.height() == HEIGHT, (view.width(), view.height())
    w = view.time_area_width()
    gutter = view.frame_geometry.gutter

    # The densest day: the centre of every zoom level below.
    starts = np.asarray(view.index.starts)
    days = np.floor(starts / DAY).astype(np.int64)
    d0 = int(days.min())
    counts = np.bincount(days - d0)
    densest = int(counts.argmax()) + d0
    t_center = (densest + 0.5) * DAY
    res["densest_day_events"] = int(counts.max())

    view.zoom_to_fit()
    fit_scale = view.scale

    def level_scale(level: str) -> TimeScale:
        span = LEVELS[level]
        if span is None:
            return fit_scale
        return TimeScale(t_center - span / 2, span / w, w)

    def paint() -> None:
        view.render(img)

    # --- frame time at each zoom level: pan by 1 px per frame ---------------------------------
    frames: dict[str, Any] = {}
    for level in LEVELS:
        view.set_scale(level_scale(level))
        paint()  # the jump itself is not a frame of the series

        def series() -> list[float]:
            times = []
            for _ in range(FRAMES):
                t = time.perf_counter()
                view.pan_by(1.0)
                paint()
                times.append(time.perf_counter() - t)
            return times

        times = run_profiled(f"50 frames at {level}", series)
        frame = view.current_frame()
        frames[level] = summary_ms(times) | {
            "markers": len(frame.markers),
            "density_lanes": sum(lane.density is not None for lane in frame.lanes),
        }

    # --- panning with the mouse ----------------------------------------------------------------
    def mouse(kind: QEvent.Type, x: float, y: float, button: Qt.MouseButton,
              buttons: Qt.MouseButton) -> None:
        pos = QPointF(x, y)
        ev = QMouseEvent(kind, pos, pos, button, buttons, Qt.KeyboardModifier.NoModifier)
        QCoreApplication.sendEvent(view, ev)

    left = Qt.MouseButton.LeftButton
    for level in ("year", "month"):
        view.set_scale(level_scale(level))
        paint()
        x0, y0 = gutter + w * 0.75, HEIGHT / 2
        mouse(QEvent.Type.MouseButtonPress, x0, y0, left, left)

        def drag(x0: float = x0, y0: float = y0) -> list[float]:
            times = []
            for k in range(1, FRAMES + 1):
                t = time.perf_counter()
                mouse(QEvent.Type.MouseMove, x0 - 10 * k, y0, Qt.MouseButton.NoButton, left)
                paint()
                times.append(time.perf_counter() - t)
            return times

        times = run_profiled(f"drag at {level}", drag)
        mouse(QEvent.Type.MouseButtonRelease, x0 - 10 * FRAMES, y0, left,
              Qt.MouseButton.NoButton)
        frames[f"pan_{level}"] = summary_ms(times)

    # --- zoom steps -----------------------------------------------------------------------------
    view.set_scale(fit_scale)
    paint()

    def zoom_sequence() -> list[float]:
        times = []
        for direction in (1.25, 1 / 1.25):
            for _ in range(200):
                span = view.scale.visible_span
                if direction > 1 and span <= DAY:
                    break
                if direction < 1 and span >= fit_scale.visible_span:
                    break
                x = gutter + view.scale.x_of(t_center)
                t = time.perf_counter()
                view.zoom(direction, x)
                paint()
                times.append(time.perf_counter() - t)
        return times

    zoom_times = run_profiled("zoom sequence", zoom_sequence)
    frames["zoom"] = summary_ms(zoom_times)
    res["frames"] = frames

    # --- hover hit-test -------------------------------------------------------------------------
    rng = random.Random(7)
    geo = view.frame_geometry
    hits: dict[str, Any] = {}
    all_hit_times: list[float] = []
    for level in LEVELS:
        view.set_scale(level_scale(level))
        paint()
        frame = view.current_frame()
        points = [(rng.uniform(gutter, WIDTH), rng.uniform(geo.axis_height, HEIGHT))
                  for _ in range(1000)]
        markers = frame.markers
        points += [((m.x0 + m.x1) / 2, (m.y0 + m.y1) / 2)
                   for m in (rng.sample(markers, min(1000, len(markers))) if markers else [])]
        times = []
        for x, y in points:
            t = time.perf_counter()
            view.current_frame().hit(x, y)
            times.append(time.perf_counter() - t)
        all_hit_times += times
        hits[level] = {"median_us": statistics.median(times) * 1e6, "p95_us": p95(times) * 1e6,
                       "max_us": max(times) * 1e6, "points": len(points)}
    hits["all"] = {"median_us": statistics.median(all_hit_times) * 1e6,
                   "p95_us": p95(all_hit_times) * 1e6, "max_us": max(all_hit_times) * 1e6,
                   "points": len(all_hit_times)}
    # the whole hover path: mouseMoveEvent (hit-test, cursor, tooltip) at one month
    view.set_scale(level_scale("month"))
    paint()
    frame = view.current_frame()
    targets = [((m.x0 + m.x1) / 2, (m.y0 + m.y1) / 2) for m in frame.markers[:150]]
    targets += [(rng.uniform(gutter, WIDTH), rng.uniform(geo.axis_height, HEIGHT))
                for _ in range(300 - len(targets))]
    rng.shuffle(targets)
    move_times = []
    for x, y in targets:
        t = time.perf_counter()
        mouse(QEvent.Type.MouseMove, x, y, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
        move_times.append(time.perf_counter() - t)
    hits["mouse_move"] = {"median_us": statistics.median(move_times) * 1e6,
                          "p95_us": p95(move_times) * 1e6, "max_us": max(move_times) * 1e6,
                          "points": len(move_times)}
    res["hit"] = hits

    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the same from /proc: Linux carries ru_maxrss over from the parent through fork and
    # exec (the parent here is small, so the two should agree)
    res["vm_hwm_mb"] = vm_rss("VmHWM") / 2**20
    res["rss_at_end_mb"] = vm_rss() / 2**20

    # --- the application's order: the view exists (empty) when the file is opened ---------------
    view.deleteLater()
    view = None  # type: ignore[assignment]  # (closures above refer to it)
    del session, frame
    app.processEvents()
    gc.collect()
    app_session = DocumentSession()
    app_view = TimelineView(app_session)
    app_view.resize(WIDTH, HEIGHT)
    app_view.render(img)
    gc.collect()
    t0 = time.perf_counter()
    app_session.open(path)
    t1 = time.perf_counter()
    app_view.render(img)
    t2 = time.perf_counter()
    res["app_open_s"] = t2 - t0
    res["app_open_load_s"] = load_times[-1]
    res["app_open_signals_s"] = t1 - t0 - load_times[-1]
    res["app_open_paint_s"] = t2 - t1
    app_view.deleteLater()
    app_view = None  # type: ignore[assignment]
    del app_session
    app.processEvents()
    gc.collect()

    # --- in the background, as the app opens big files: how long does the window stall? ----------
    if n >= 100_000 and not res["size_limit_lifted"]:
        res["background"] = background_open(app, path)
        app.processEvents()
        gc.collect()

    # --- load_path alone (after the views are gone, so that memory is reused) --------------------
    # Below 1M a few more runs; at 1M the two loads inside the opens above must do.
    for _ in range(4 if n <= 10_000 else 1 if n <= 100_000 else 0):
        gc.collect()
        result = timed_load_path(path)
        assert result.ok
        del result
    res["load_s"] = statistics.median(load_times)
    res["load_runs"] = len(load_times)
    if profiles:
        res["profiles"] = profiles
    return res


# --- the parent: runs the children, prints, compares ------------------------------------------


def background_open(app: Any, path: Path) -> dict[str, float]:
    """Open ``path`` in the real main window, as File > Open does for a big file (read,
    load, lanes and index on a worker thread; then the window adopts the document and
    paints), while a 10 ms timer ticks in the GUI thread: the longest gap between two
    ticks is the longest time the window could not repaint."""
    import tempfile

    from PySide6.QtCore import QEvent, QEventLoop, QSettings, QTimer

    from timeline_app.gui.window.main_window import MainWindow

    # Views the caller dropped with deleteLater() would be destroyed inside the loop below
    # (processEvents() leaves deferred deletes alone) and count as a stall.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ROOT / "events.json", settings=settings)
        window.resize(WIDTH, HEIGHT)
        window.show()
        app.processEvents()
        gaps: list[float] = []
        worst = [0.0, 0.0]  # longest gap, and when it began (seconds into the open)
        t = time.perf_counter()
        last = [t]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            if gaps[-1] > worst[0]:
                worst[:] = [gaps[-1], last[0] - t]
            last[0] = now

        loop = QEventLoop()
        outcome: list[bool] = []
        window.files.loadFinished.connect(lambda ok: (outcome.append(ok), loop.quit()))
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        t = last[0] = time.perf_counter()
        timer.start()
        window.files.open_path(path, background=True, show_problems=False)
        loop.exec()
        adopted = time.perf_counter()
        window.timeline.repaint()  # the first frame of the new document
        elapsed = time.perf_counter() - t
        tick()  # the adoption and first paint count as a gap too
        timer.stop()
        assert outcome == [True], window.files.last_problems[:3]
        interaction = edit_and_select(app, window)
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gaps.sort()
    return {**interaction, "open_s": elapsed, "first_paint_s": elapsed - (adopted - t),
            "ticks": len(gaps), "stall_max_ms": gaps[-1] * 1e3,
            "stall_p99_ms": gaps[int(0.99 * (len(gaps) - 1))] * 1e3, "stall_at_s": worst[1]}


def edit_and_select(app: Any, window: Any) -> dict[str, float]:
    """What a click and an edit cost in the main window with the document open: select
    a random event (detail pane, source pane, timeline) and repaint the window; retitle
    one (an undoable edit) and repaint; undo it and repaint; delete one and undo that;
    save the document."""
    import tempfile
    from dataclasses import replace

    from timeline_app.gui.document.commands import DeleteEventCommand, EditEventCommand

    session = window.session
    events = session.document.events
    rng = random.Random(7)

    def timed(action: Any) -> float:
        t = time.perf_counter()
        action()
        window.repaint()
        app.processEvents()
        return time.perf_counter() - t

    select = [timed(lambda: session.select(events[rng.randrange(len(events))].id))
              for _ in range(30)]
    edit, move, undo = [], [], []
    for _ in range(10):
        before = events[rng.randrange(len(events))]
        after = replace(before, title=before.title + " (checked)")
        command = EditEventCommand(session, before, after)
        edit.append(timed(functools.partial(session.undo_stack.push, command)))
        undo.append(timed(session.undo_stack.undo))
        # A new date (another point event's), same actors: the index is redone.
        before = next(ev for ev in iter(lambda: events[rng.randrange(len(events))], None)
                      if ev.end is None)
        after = replace(before, start=events[rng.randrange(len(events))].start)
        command = EditEventCommand(session, before, after)
        move.append(timed(functools.partial(session.undo_stack.push, command)))
        undo.append(timed(session.undo_stack.undo))
    # Edit > Delete Event and its undo (the event goes back to its place).
    delete, undelete = [], []
    for _ in range(5):
        command = DeleteEventCommand(session, events[rng.randrange(len(events))])
        delete.append(timed(functools.partial(session.undo_stack.push, command)))
        undelete.append(timed(session.undo_stack.undo))
    # File > Save of the whole document, in the GUI thread (checked, written, fsynced).
    with tempfile.TemporaryDirectory() as tmp:
        save = [timed(functools.partial(window.files._save_to, Path(tmp) / "saved.json"))
                for _ in range(3)]
    figures = {}
    for key, times in (("select", select), ("edit", edit), ("move", move), ("undo", undo),
                       ("delete", delete), ("undelete", undelete), ("save", save)):
        figures[key + "_median_ms"] = statistics.median(times) * 1e3
        figures[key + "_p95_ms"] = p95(times) * 1e3
    return figures


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
        for key, label in (("select", "click: select + repaint"), ("edit", "retitle + repaint"),
                           ("move", "change a date + repaint"), ("undo", "undo + repaint"),
                           ("delete", "delete + repaint"), ("undelete", "undo delete + repaint"),
                           ("save", "File > Save (GUI thread)")):
            if key + "_median_ms" in b:  # (figures from before deletes were measured)
                print(f"  {label:<26}{b[key + '_median_ms']:8.1f}{b[key + '_p95_ms']:8.1f}")
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
                c.check("save_100k", b["save_median_ms"] / 1e3, "main window, median")
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
                c.check("click_1m", b["select_median_ms"], "main window, select + repaint")
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
