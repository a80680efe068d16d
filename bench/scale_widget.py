"""The measuring child process of ``bench_scale.py``: the timeline widget on one file.

``child(n, path, profile)`` runs in a fresh process per size (so that its peak memory is
its own) and returns the figures ``bench_scale.py`` prints and compares: load, open to
first frame, frame times at each zoom level, panning, zoom steps, hover hit-tests, peak
memory; at 100,000 events and more also the open in the main window
(``scale_window.py``).
"""

from __future__ import annotations

import functools
import gc
import io
import os
import random
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from targets import p95

WIDTH, HEIGHT = 1600, 900
FRAMES = 50
DAY = 86400.0
LEVELS = {"fit": None, "year": 365.2425 * DAY, "month": 30.436875 * DAY, "day": DAY}


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
        from scale_window import background_open

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
