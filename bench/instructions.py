"""Instructions, not seconds: frames, a load or clicks counted by callgrind, for this
checkout and for an earlier revision.

Run from the repository root (needs valgrind, Debian's package):

    .venv/bin/python bench/instructions.py frames [--against REV] [--generator harder]
        [--size 2560x1440] [--level days] [--where densest] [--count 10]
    .venv/bin/python bench/instructions.py load [--against REV] [--generator harder]
        [--events 10000]
    .venv/bin/python bench/instructions.py clicks [--against REV] [--count 16]

Wall-clock figures on this shared machine move by a third from one run to the next
(see the README), so a change of a few per cent cannot be told from them, even with
old and new code taking turns.  Valgrind's callgrind counts the instructions the work
executes, which the machine's load does not change: the same code on the same input
counts the same to within 0.1 %.  Each case runs in a fresh process under callgrind
with counting off while the window opens and the file loads, and on only around the
work measured (``callgrind_control -i on``), which the process asks for itself:

* ``frames``: ``--count`` new views through ``TimelineView.set_scale`` and the repaint
  Qt does for them, in the real main window at ``--size`` with 100,000 events of
  ``--generator``, once the idle work after the open is done, at ``--level`` (the
  zoom levels of ``bench_frames``), centred at random (seeded) or around the densest
  day, as ``bench_frames`` draws them;
* ``load``: ``load_path`` of a generated file of ``--events`` (once, after one load
  that warms the imports);
* ``clicks``: ``--count`` clicks on events of a one-day view, each with the repaint
  it causes, as ``bench_save_open`` makes them (100,000 events).

The figure is instructions per frame, load or click, with this checkout's against
``--against``'s (default ``HEAD``: what the uncommitted change does).  It judges a
change too small for the clock, never a target: an instruction of numpy's or of the
raster engine is not one of Python's, and waiting on memory counts nothing (a change
that allocates less may save time that no count shows).  Time both ways too
(``against.py``) before trusting a count alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from against import export  # noqa: E402
from synthetic import cached_file  # noqa: E402

_CHILD = r"""
import gc, json, os, random, subprocess, sys, tempfile, time
tree, case, path, bench = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[5]
opts = json.loads(sys.argv[4])
sys.path.insert(0, tree)
sys.path.insert(1, bench)  # this checkout's helpers, whichever revision is counted
os.environ["QT_QPA_PLATFORM"] = "offscreen"

def counting(on):
    if on:  # every run starts from the same heap: a collection never falls differently
        gc.collect()
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],
                   check=True, stdout=subprocess.DEVNULL)

if case == "load":
    from pathlib import Path
    from timeline_app.core.fileformat.loader import load_path
    assert load_path(Path(path)).ok
    counting(True)
    result = load_path(Path(path))
    counting(False)
    assert result.ok
    print(json.dumps({"units": 1}))
    raise SystemExit(0)

from pathlib import Path
import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.window.main_window import MainWindow
settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
window = MainWindow(settings=settings)
width, height = map(int, opts["size"].split("x"))
window.resize(width, height)
window.show()
app.processEvents()
window.files.open_path(Path(path), background=False, show_problems=False)
app.processEvents()
view = window.timeline
from scale_window import click_picks, click_point, press_and_release, wait_for_idle_work
wait_for_idle_work(app, window)  # the idle work after an open, done before counting
DAY = 86400.0
YEAR = 365.2425 * DAY
count = opts["count"]
if case == "frames":
    tw = view.time_area_width()
    starts = np.asarray(view.index.starts)
    days = np.floor(starts / DAY).astype(np.int64)
    densest = (int(np.bincount(days - days.min()).argmax()) + int(days.min()) + 0.5) * DAY
    lo, hi = view.index.time_range()
    rng = random.Random(opts["seed"])
    span = {"years": 5 * YEAR, "months": YEAR, "days": YEAR / 12, "hours": 2 * DAY}[
        opts["level"]]
    def centre():
        if opts["where"] == "densest":
            return densest + rng.uniform(-0.25, 0.25) * span
        return rng.uniform(lo, hi)
    scales = [TimeScale(centre() - span / 2, span / tw, tw) for _ in range(count + 3)]
    for scale in scales[:3]:  # warm: the first views draw what later ones find made
        view.set_scale(scale)
        app.processEvents()
    counting(True)
    for scale in scales[3:]:
        view.set_scale(scale)
        app.processEvents()
    counting(False)
    print(json.dumps({"units": count}))
    raise SystemExit(0)
# clicks, as bench_save_open makes them
picks = click_picks(app, window, count)
def click(box):
    pos = click_point(view, box)
    if pos is None:
        return 0  # a label moved over it after an earlier click
    press_and_release(app, view, pos)
    app.processEvents()
    return 1
for box in picks[:2]:
    click(box)  # warm
counting(True)
clicked = sum(click(box) for box in picks)
counting(False)
window.session.undo_stack.setClean()
print(json.dumps({"units": clicked}))
"""


def count(tree: Path, case: str, data: Path, opts: dict) -> tuple[int, int]:
    """Instructions of ``case`` run from ``tree``, and the units (frames, loads, clicks)
    they were spent on."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no",
             f"--callgrind-out-file={tmp}/callgrind.out", sys.executable, "-c", _CHILD,
             str(tree), case, str(data), json.dumps(opts), str(ROOT / "bench")],
            cwd=tree, capture_output=True, text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})  # the same orders in every run
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        print(proc.stdout[-2000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"{case} failed in {tree}")
    units = json.loads(proc.stdout.strip().splitlines()[-1])["units"]
    return int(found.group(1).replace(",", "")), units


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("case", choices=("frames", "load", "clicks"))
    parser.add_argument("--against", default="HEAD", help="a git revision (default HEAD)")
    parser.add_argument("--generator", choices=("synthetic", "harder"), default="harder")
    parser.add_argument("--events", type=int, default=10_000, help="events loaded (load)")
    parser.add_argument("--size", default="2560x1440",
                        help="window size of the frames (clicks: 1600x1000, as bench_save_open)")
    parser.add_argument("--level", choices=("years", "months", "days", "hours"),
                        default="days")
    parser.add_argument("--where", choices=("random", "densest"), default="densest")
    parser.add_argument("--count", type=int, default=10, help="frames or clicks counted")
    parser.add_argument("--seed", type=int, default=5, help="seed of the view centres")
    args = parser.parse_args(argv)
    events = args.events if args.case == "load" else 100_000
    data = cached_file(events, harder=args.generator == "harder")
    opts = {"size": args.size if args.case == "frames" else "1600x1000",
            "level": args.level, "where": args.where, "count": args.count,
            "seed": args.seed}
    what = {"frames": f"{args.level} {args.where}, {args.size}", "load": "load_path",
            "clicks": "clicks in a one-day view, 1600x1000"}[args.case]
    print(f"Instructions per {args.case[:-1] if args.case != 'load' else 'load'}: {what}, "
          f"{events:,} events ({args.generator}), callgrind")
    with tempfile.TemporaryDirectory() as tmp:
        old_total, old_units = count(export(args.against, Path(tmp)), args.case, data, opts)
    new_total, new_units = count(ROOT, args.case, data, opts)
    old, new = old_total / old_units, new_total / new_units
    print(f"  {args.against:<20s} {old / 1e6:10.2f} M")
    print(f"  {'this checkout':<20s} {new / 1e6:10.2f} M   new/old {new / old:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
