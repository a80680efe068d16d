"""Memory across repeated opens: does the window give back what a big timeline took?

    .venv/bin/python bench/bench_reload_memory.py [--events 100000] [--cycles 30]

Opens, in one main window (offscreen), a synthetic file of N events (in the background,
as a user's File > Open does for a big file), then the small default ``events.json``,
and again, ``--cycles`` times.  After each small file it prints the process's resident
memory (VmRSS), the objects the cyclic collector tracks, those frozen out of its reach
(``gc.freeze``, done at each open), what ``tracemalloc`` sees as still allocated by
Python, and VmRSS again after glibc's ``malloc_trim(0)`` gives the free pages of its
heaps back to the system.  A leak grows in every column at every cycle, trimmed RSS
included; memory that the allocator merely keeps for reuse shows as RSS that trimming
gives back, while the Python heap stays flat.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import cached_file

from timeline_app.gui.window.app import make_application

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


try:  # loaded once: ctypes objects made at each call would show as frozen objects
    _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
except (OSError, AttributeError):
    _TRIM = None


def trimmed_rss_mb() -> float:
    """VmRSS after glibc returns the free memory of its heaps (NaN without glibc)."""
    if _TRIM is None:
        return float("nan")
    _TRIM(0)
    return rss_mb()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="measure the Python heap too (loads become ten times slower)")
    args = parser.parse_args()
    big = cached_file(args.events)
    small = ROOT / "events.json"

    app = make_application(["bench"])
    from PySide6.QtCore import QEventLoop, QSettings

    from timeline_app.gui.window.main_window import MainWindow

    settings_dir = tempfile.mkdtemp(prefix="bench-reload-")
    window = MainWindow(small, settings=QSettings(os.path.join(settings_dir, "s.ini"),
                                                  QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    if args.tracemalloc:
        tracemalloc.start()

    def open_big() -> None:
        loop = QEventLoop()
        outcome: list[bool] = []

        def done(ok: bool) -> None:
            outcome.append(ok)
            loop.quit()

        window.files.loadFinished.connect(done)
        window.files.open_path(big, background=True, show_problems=False)
        loop.exec()
        window.files.loadFinished.disconnect(done)
        assert outcome == [True], window.files.last_problems[:3]

    print(f"{args.events:,} events ({big.stat().st_size / 1e6:.0f} MB) and events.json, "
          f"{args.cycles} cycles; load average {os.getloadavg()[0]:.2f}")
    print(f"{'cycle':>5} {'RSS MB':>8} {'big RSS':>8} {'tracked':>10} {'frozen':>10}"
          f" {'py heap MB':>11} {'trimmed':>8} {'s':>6}")
    print(f"{0:>5} {rss_mb():>8.1f} {'':>8} {len(gc.get_objects()):>10,}"
          f" {gc.get_freeze_count():>10,}")
    rows = []
    for cycle in range(1, args.cycles + 1):
        t = time.perf_counter()
        open_big()
        app.processEvents()
        big_rss = rss_mb()
        assert window.files.open_path(small, show_problems=False)
        app.processEvents()
        heap = tracemalloc.get_traced_memory()[0] / 1e6 if tracemalloc.is_tracing() else 0.0
        row = (rss_mb(), big_rss, len(gc.get_objects()), gc.get_freeze_count(), heap)
        trimmed = trimmed_rss_mb()
        rows.append((*row, trimmed))
        print(f"{cycle:>5} {row[0]:>8.1f} {row[1]:>8.1f} {row[2]:>10,} {row[3]:>10,}"
              f" {row[4]:>11.1f} {trimmed:>8.1f} {time.perf_counter() - t:>6.2f}")
    first, last = rows[0], rows[-1]
    half = rows[len(rows) // 2]
    print(f"growth after the small file, cycle 1 to {len(rows)}: RSS {last[0] - first[0]:+.1f} MB"
          f" (second half {last[0] - half[0]:+.1f} MB), frozen objects {last[3] - first[3]:+,},"
          f" Python heap {last[4] - first[4]:+.1f} MB, trimmed RSS {last[5] - first[5]:+.1f} MB"
          f" (second half {last[5] - half[5]:+.1f} MB)")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
