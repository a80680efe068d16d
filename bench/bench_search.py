"""Search and filters in the main window: a keystroke, a filter change, an edit.

Run from the repository root:  .venv/bin/python bench/bench_search.py [--sizes 10000,100000]

Each figure is printed against its target (MISS when it is over), at every size:

* keystroke: typing a query from scratch, one character at a time, into the search
  field, each keystroke measured until the timeline has repainted (the halo of the
  matches); the worst keystroke of the query, median of the runs.  Target < 50 ms.
* filter change: ticking an actor in the Filters panel (open) until the timeline, the
  overview, the status bar and the panel's counts are redrawn, hiding and fading.
  Target < 100 ms.
* index update after an edit: ``SearchIndex.apply`` of one edit (the index is kept up
  to date, not built again), and the first keystroke after the edit.  Targets < 10 ms
  and < 50 ms.

The index build (once per document, at its first search or filter) and searches typed
from scratch without the window are printed for reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from bench.synthetic import make_document
from timeline_app.core.fileformat.loader import LoadResult
from timeline_app.core.view.derived import DerivedState
from timeline_app.core.view.search import SearchIndex
from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.timeline.filter_state import FilterMode
from timeline_app.gui.window.main_window import MainWindow

RUNS = 5


def verdict(value_ms: float, target_ms: float) -> str:
    miss = "" if value_ms < target_ms else "  MISS"
    return f"{value_ms:8.1f} ms  (target < {target_ms:g} ms){miss}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            bench_size(app, n, Path(tmp))


def bench_size(app: QApplication, n: int, tmp: Path) -> None:
    doc = make_document(n)
    start = time.perf_counter()
    SearchIndex(doc)
    print(f"{n:>9,} events: index build (first search or filter) "
          f"{(time.perf_counter() - start) * 1000:8.1f} ms")

    window = MainWindow(settings=QSettings(str(tmp / f"s{n}.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    window.session.adopt(LoadResult(doc), tmp / "bench.json", derived=DerivedState.build(doc))
    window.filter_panel.show()
    app.processEvents()
    index = window.session.derived.search
    field = window.search.field
    view = window.timeline

    def settle() -> None:
        view.repaint()  # what the pending update would paint, now
        app.processEvents()

    def typing(query: str) -> float:
        """The worst keystroke of typing ``query`` from an empty field."""
        field.clear()
        index._answers.clear()  # typed from scratch: no answer kept from an earlier run
        settle()
        worst = 0.0
        for k in range(1, len(query) + 1):
            start = time.perf_counter()
            field.setText(query[:k])
            settle()
            worst = max(worst, time.perf_counter() - start)
        return worst * 1000

    e = doc.events[n // 2]
    one = e.title.split()[0]
    two = f"{one} {e.location.split()[0]}"
    for query in (one, two):
        worst = statistics.median(typing(query) for _ in range(RUNS))
        words = len(query.split())
        what = f"keystroke, {words} word{'s' if words > 1 else ''} {query!r}"
        print(f"   {what:44}{verdict(worst, 50)}  ({len(window.search.matches):,} found)")
    field.clear()
    settle()

    actors = window.filter_panel.lists["actors"].model

    def tick(value: str) -> float:
        row = next(i for i, r in enumerate(actors.rows) if r[0] == value)
        checked = value in actors.checked
        state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        start = time.perf_counter()
        actors.setData(actors.index(row), state, Qt.ItemDataRole.CheckStateRole)
        settle()
        return (time.perf_counter() - start) * 1000

    for mode in (FilterMode.HIDE, FilterMode.FADE):
        window.filters.set_mode(mode)
        settle()
        times = []
        for _ in range(RUNS):
            times.append(tick("militia-a"))  # on: 1 actor kept
            times.append(tick("un"))  # on: 2 actors
            times.append(tick("un"))
            times.append(tick("militia-a"))  # off: every event again
        what = f"filter change, {mode.value}"
        print(f"   {what:44}{verdict(statistics.median(times), 100)}"
              f"  (worst {max(times):.1f} ms)")
    window.filters.clear()

    stack = window.session.undo_stack
    applies, firsts = [], []
    for run in range(RUNS):
        event = doc.events[(run + 1) * n // (RUNS + 2)]
        edited = replace(event, title=f"{event.title} edited {run}")
        original = SearchIndex.apply
        took: list[float] = []

        def timed(self: SearchIndex, change: object, original=original, took=took) -> None:
            start = time.perf_counter()
            original(self, change)
            took.append(time.perf_counter() - start)

        SearchIndex.apply = timed  # type: ignore[method-assign]
        try:
            stack.push(EditEventCommand(window.session, event, edited))
        finally:
            SearchIndex.apply = original  # type: ignore[method-assign]
        applies.append(took[0] * 1000)
        field.clear()
        settle()
        start = time.perf_counter()
        field.setText(one[:1])
        settle()
        firsts.append((time.perf_counter() - start) * 1000)
    print(f"   {'index update after an edit':44}{verdict(statistics.median(applies), 10)}")
    print(f"   {'first keystroke after an edit':44}{verdict(statistics.median(firsts), 50)}")
    stack.setClean()
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
