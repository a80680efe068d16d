"""Time of an image export (targets: 100,000 events at 4000×2000 in at most 1.5 s; the
default events.json in at most 0.3 s including the start of the command).

    .venv/bin/python bench/bench_export.py [--runs 5]

For the 100,000-event file (``synthetic.cached_file``) the file is loaded once, then
each run lays the export out and draws and encodes it (PNG, SVG, PDF) and writes it,
as ``timeline-app --export-filename`` does after loading.  For the default file the
whole command runs in a fresh process each time (interpreter, Qt, load, export).
Prints the median and the slowest run of each, and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import cached_file  # noqa: E402

WIDTH, HEIGHT = 4000, 2000


def _row(name: str, times: list[float], target: float | None) -> None:
    median, worst = statistics.median(times), max(times)
    verdict = "" if target is None else ("  ok" if median <= target else "  OVER TARGET")
    goal = f"  (target {target:.2f} s)" if target is not None else ""
    print(f"{name:<46} median {median:6.3f} s  slowest {worst:6.3f} s{goal}{verdict}")


def bench_large(runs: int, out_dir: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from timeline_app.core.fileformat.loader import load_path
    from timeline_app.gui.timeline.export import ExportOptions, prepare
    from timeline_app.gui.timeline.export_files import encode, write_bytes

    _app = QGuiApplication.instance() or QGuiApplication([])
    path = cached_file(100_000)
    start = time.perf_counter()
    document = load_path(path).document
    assert document is not None
    print(f"loading {path.name}: {time.perf_counter() - start:.2f} s (not counted below)")
    for kind in ("png", "svg", "pdf"):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            options = ExportOptions(width=WIDTH, height=HEIGHT, format=kind)
            write_bytes(out_dir / f"large.{kind}", encode(prepare(document, options)))
            times.append(time.perf_counter() - start)
        _row(f"100,000 events, {WIDTH}×{HEIGHT} {kind.upper()}", times,
             1.5 if kind == "png" else None)
    size = (out_dir / "large.png").stat().st_size
    print(f"  (the PNG: {size / 1e6:.1f} MB)")


def bench_default(runs: int, out_dir: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for kind in ("png", "svg", "pdf"):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "timeline_app", "--export-filename",
                            str(out_dir / f"default.{kind}"), str(ROOT / "events.json")],
                           check=True, env=env)
            times.append(time.perf_counter() - start)
        _row(f"events.json, whole command, {kind.upper()}", times, 0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        bench_default(args.runs, Path(tmp))
        bench_large(args.runs, Path(tmp))


if __name__ == "__main__":
    main()
