"""Open, memory, File > Save and a click, through the real main window, on both generators.

    .venv/bin/python bench/bench_save_open.py            # 100,000 events, both generators
    .venv/bin/python bench/bench_save_open.py --million  # also 1,000,000 (open, click)
    .venv/bin/python bench/bench_save_open.py --quick    # 100,000 events, synthetic only
    .venv/bin/python bench/bench_save_open.py --runs 1   # one run of each case, not three

Each case runs in a fresh process (peak memory is that process's ``VmHWM`` once the
open and its idle work are done), with a
``MainWindow`` of 1600x1000 on the offscreen platform:

* open: ``files.open_path`` as File > Open does for a big file (read, load, lanes and
  index on the loader thread), until the window has painted its first frame;
* save: an edit, then File > Save of the file opened (a copy of the generated one, on
  the worker thread) until the status bar says "Saved"; the first after the open (the
  runs of events the edit left are copied from the file as the window found it while
  idle, see ``core/fileformat/memo_priming.py``) reported apart from the three after it
  (copied from the last save, see ``save_memo.py``); a 2 ms timer in the GUI thread
  measures the longest time the window could not repaint meanwhile and for
  ``AFTER_SAVE_MS`` after ("window blocked during save").  Then Save As to a new file,
  which encodes every event: printed for comparison, not a target;
* click: a mouse press and release on an event of the timeline, then
  ``processEvents``, in which Qt lays out and repaints what the click changed (the
  timeline, the details, the source text), as a frame of ``bench_frames`` is timed;
  median of up to 16 clicks on events spread over a view of one day around a date
  drawn at random (seeded) among the events', once the window has done the idle work
  that follows an open (measuring titles, counting each source's cited ranges, working
  out what a Save may copy: ``idle_work_s``).  A click after which no timeline was
  painted does not count.

Each case runs ``--runs`` times (3), run after run over all the cases, each time in a
fresh process; every figure compared is the median of the runs' figures, each run's
printed beside it (the same open measured 1.3 s and 2.5 s within an hour on the
machine of the figures in ``bench/README.md``); a run that could not measure a figure
makes it a miss.  Figures are compared with ``bench/targets.py``; the summary counts
every miss.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scale_window import click_picks, click_point, press_and_release, wait_for_idle_work
from targets import Report

WIDTH, HEIGHT = 1600, 1000
DAY = 86400.0


def _status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


AFTER_SAVE_MS = 200  # after "Saved", still counted as the Save's in "window blocked"


def _paint_counter(count: list[int]) -> Any:
    """An event filter that counts the paint events of what it is installed on."""
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                count[0] += 1
            return False

    return Counter()


def child(path: Path, save: bool) -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import tempfile
    from dataclasses import replace

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from timeline_app.core.fileformat import loader
    from timeline_app.gui.document.commands import EditEventCommand
    from timeline_app.gui.window.main_window import MainWindow

    size = path.stat().st_size
    lifted = size > loader.DEFAULT_MAX_BYTES  # the 1M harder file is over the app's limit
    if lifted:  # lifted in this process only (the limit is bound where it is imported)
        import functools

        from timeline_app.gui.document import background_load

        background_load.DEFAULT_MAX_BYTES = size + 1
        for name in ("load_path", "load_handed_over"):
            setattr(background_load, name,
                    functools.partial(getattr(loader, name), max_bytes=size + 1))
    app = QApplication.instance() or QApplication([])
    res: dict[str, Any] = {"size_limit_lifted": lifted}
    tmp = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(None, settings=settings)
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.processEvents()
    res["rss_before_mb"] = _status("VmRSS") / 2**20

    loop = QEventLoop()
    outcome: list[bool] = []
    window.files.loadFinished.connect(lambda ok: (outcome.append(ok), loop.quit()))
    if save:  # a copy, which File > Save may write over (copied before the clock starts)
        path = Path(shutil.copyfile(path, Path(tmp.name) / path.name))
    t0 = time.perf_counter()
    window.files.open_path(path, background=True, show_problems=False)
    loop.exec()
    window.repaint()
    res["open_s"] = time.perf_counter() - t0
    assert outcome == [True], window.files.last_problems[:3]
    app.processEvents()
    res["peak_mb"] = _status("VmHWM") / 2**20
    res["events"] = len(window.session.document.events)

    # The window measures titles and counts cited ranges while idle after an open; a
    # user reads the first screen for that long before a click (as in bench_frames).
    res["idle_work_s"] = wait_for_idle_work(app, window)
    res["peak_mb"] = _status("VmHWM") / 2**20  # the idle work included

    # --- a click on an event ----------------------------------------------------------
    view = window.timeline
    picks = click_picks(app, window)
    clicks: list[float] = []
    painted = [0]
    paint_counter = _paint_counter(painted)
    view.installEventFilter(paint_counter)
    for box in picks:
        pos = click_point(view, box)
        if pos is None:
            continue  # a label moved over it after an earlier click
        t = time.perf_counter()
        press_and_release(app, view, pos)
        before = painted[0]
        app.processEvents()
        elapsed = time.perf_counter() - t
        if painted[0] > before:
            clicks.append(elapsed)
    view.removeEventFilter(paint_counter)
    res["click_median_ms"] = statistics.median(clicks) * 1e3 if clicks else float("nan")
    res["clicks"] = len(clicks)

    if save:
        session = window.session
        rng = random.Random(3)
        saves: list[float] = []
        blocks: list[float] = []
        for target in [path] * 4 + [Path(tmp.name) / "saved.json"]:  # then Save As
            if target == path:
                events = session.document.events
                before = events[rng.randrange(len(events))]
                session.undo_stack.push(EditEventCommand(
                    session, before, replace(before, title=before.title + " !")))
                app.processEvents()
            last = [time.perf_counter()]
            worst = [0.0]

            def tick(last: list[float] = last, worst: list[float] = worst) -> None:
                now = time.perf_counter()
                worst[0] = max(worst[0], now - last[0])
                last[0] = now

            timer = QTimer()
            timer.setInterval(2)
            timer.timeout.connect(tick)
            timer.start()
            done = QEventLoop()
            window.files.saver.finished.connect(done.quit)
            t = last[0] = time.perf_counter()
            window.files.saver.save(target)  # what File > Save does
            tick()  # the time save() itself held the GUI thread
            done.exec()
            saves.append(time.perf_counter() - t)
            tick()
            window.files.saver.finished.disconnect(done.quit)
            assert window.statusBar().currentMessage() == f"Saved {target.name}"
            # What follows a Save on the window's thread counts too (the recent files
            # written, the file the save freed removed on a thread meanwhile).
            after = QEventLoop()
            QTimer.singleShot(AFTER_SAVE_MS, after.quit)
            after.exec()
            tick()
            timer.stop()
            blocks.append(worst[0])
        res["saves_s"] = [round(x, 3) for x in saves]
        res["save_blocks_ms"] = [round(x * 1e3, 1) for x in blocks]
        res["first_save_s"] = saves[0]
        res["save_s"] = statistics.median(saves[1:4])
        res["save_as_s"] = saves[4]
        res["save_block_ms"] = max(blocks[:4]) * 1e3
    window.files.saver.finish()
    window.session.undo_stack.setClean()
    window.close()
    return res


def run(path: Path, save: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path)]
    if save:
        cmd.append("--save")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return {}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 events")
    parser.add_argument("--quick", action="store_true", help="synthetic 100k only")
    parser.add_argument("--strict", action="store_true", help="exit 1 on a miss")
    parser.add_argument("--runs", type=int, default=3,
                        help="fresh processes per case; each figure compared is the median "
                             "of theirs")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--save", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.save)))
        return 0
    from synthetic import cached_file

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    report = Report("save_open")
    generators = [("synthetic", False)] + ([] if args.quick else [("harder", True)])
    runs = max(1, args.runs)
    cases = [(f"100k {name}", name, cached_file(100_000, harder=harder), True)
             for name, harder in generators]
    if args.million:
        cases += [(f"1M {name}", name, cached_file(1_000_000, harder=harder), False)
                  for name, harder in generators]
    results: dict[str, list[dict[str, Any]]] = {label: [] for label, *_ in cases}
    # Run after run over every case: a slow spell of the machine falls on one run of
    # several cases rather than on every run of one.
    for k in range(runs):
        for label, _, path, save in cases:
            res = run(path, save=save)
            results[label].append(res)
            print(f"{label}, run {k + 1} of {runs}: {json.dumps(res)}", flush=True)
            if res.get("size_limit_lifted"):
                print(f"  !! the app refuses the {label} file (over its size limit); the "
                      "limit was lifted in the child to measure the rest", flush=True)

    def figure(label: str, key: str) -> float:
        """The median over the runs of ``label`` of figure ``key``, each run's printed."""
        values = [r.get(key, float("nan")) for r in results[label]]
        # A run that could not measure it makes the figure a miss, as a single run did.
        median = (float("nan") if any(math.isnan(v) for v in values)
                  else statistics.median(values))
        if runs > 1:
            print(f"  {label} {key}: " + ", ".join(f"{v:.3g}" for v in values)
                  + f" -> median {median:.3g}")
        return median

    for label, name, _, save in cases:
        if save:
            report.check("open_100k", figure(label, "open_s"), name)
            report.check("memory_100k", figure(label, "peak_mb"), name)
            report.check("save_100k", figure(label, "first_save_s"),
                         f"{name}, an edit, first after the open")
            report.check("save_100k", figure(label, "save_s"), f"{name}, an edit, later Saves")
            print(f"  Save As a new file (every event encoded; not a target): "
                  f"{figure(label, 'save_as_s'):.2f} s", flush=True)
            report.check("save_block_100k", figure(label, "save_block_ms"), name)
        else:
            report.check("open_1m", figure(label, "open_s"), name)
            report.check("click_1m", figure(label, "click_median_ms"), name)
    return report.finish(args.strict)


if __name__ == "__main__":
    raise SystemExit(main())
