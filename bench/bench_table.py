"""The event table at 100,000 events: building it, sorting, filtering, one edit, scrolling.

```sh
.venv/bin/python bench/bench_table.py [--events 100000] [--pages 200]
```

Runs the real ``EventTable`` (in the main window's dock, shown at 1400×500) on a
generated timeline (``bench/synthetic.py``).  Prints milliseconds: the model's build
(sorted by date), a header click on each column (the sort, and the view's relayout),
a filter change and its removal, one edited title (the row moves, sorted by title), and
the time to scroll the view by one page and repaint it (``repaint`` paints at once;
median and p95 against the 16.7 ms of a 60 Hz frame), by pages and by single rows.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.targets import p95  # noqa: E402

FRAME_MS = 1000 / 60


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from bench.synthetic import make_document
    from timeline_app.core.fileformat.loader import LoadResult
    from timeline_app.core.view.event_table import Column
    from timeline_app.core.view.search import EventFilter
    from timeline_app.gui.document.commands import EditEventCommand
    from timeline_app.gui.panes.event_table_model import EventTableModel
    from timeline_app.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    print(f"load average {os.getloadavg()[0]:.2f}; {args.events:,} events")
    document = make_document(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(settings=QSettings(str(Path(tmp) / "s.ini"),
                                               QSettings.Format.IniFormat))
        window.resize(1400, 860)
        window.show()
        session = window.session
        session.adopt(LoadResult(document), Path(tmp) / "bench.json")
        window.table_dock.show()
        window.table_dock.resize(1400, 500)
        table = window.event_table
        app.processEvents()

        start = time.perf_counter()
        EventTableModel(session, window.filters)
        print(f"model build (sorted by date)        {ms(start):8.1f} ms")

        header = table.horizontalHeader()
        for column in (Column.TITLE, Column.ACTORS, Column.SOURCES, Column.PRECISION,
                       Column.DATE):
            start = time.perf_counter()
            table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            table.viewport().repaint()
            print(f"sort by {column.field:<10}  (+ repaint)     {ms(start):8.1f} ms")
        start = time.perf_counter()
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        table.viewport().repaint()
        print(f"reverse the date order               {ms(start):8.1f} ms")
        table.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)

        actor = document.events[0].actors[0]
        start = time.perf_counter()
        window.search_index.get()
        print(f"the filter's index (built once per change of the document) {ms(start):6.1f} ms")
        start = time.perf_counter()
        window.filters.set_filter(EventFilter(actors=frozenset({actor})))
        table.viewport().repaint()
        print(f"filter on one actor ({table.model().rowCount():,} rows)   {ms(start):8.1f} ms")
        start = time.perf_counter()
        window.filters.clear()
        table.viewport().repaint()
        print(f"filter cleared                       {ms(start):8.1f} ms")

        table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
        table.selectRow(10)
        app.processEvents()
        event = table.table_model.event_at(10)
        start = time.perf_counter()
        session.undo_stack.push(EditEventCommand(session, event, replace(event, title="Zz")))
        table.viewport().repaint()
        print(f"one title edited, its row moved      {ms(start):8.1f} ms  (with the window's "
              "other views)")
        window.filters.set_filter(EventFilter(actors=frozenset({actor})))
        event = table.table_model.event_at(10)
        start = time.perf_counter()
        session.undo_stack.push(EditEventCommand(session, event, replace(event, title="Aa")))
        table.viewport().repaint()
        print(f"the same with a filter set           {ms(start):8.1f} ms  (the filter's index "
              "is built again)")
        window.filters.clear()
        table.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)

        bar = table.verticalScrollBar()
        for what, step in (("a page", bar.pageStep()), ("a row", bar.singleStep())):
            bar.setValue(0)
            app.processEvents()
            times = []
            for _ in range(args.pages):
                start = time.perf_counter()
                bar.setValue(bar.value() + step)
                table.viewport().repaint()
                times.append(ms(start))
            med, high = statistics.median(times), p95(times)
            verdict = "ok" if high < FRAME_MS else "over"
            print(f"scroll by {what:<7} + repaint: median {med:5.2f} ms, p95 {high:5.2f} ms "
                  f"(frame {FRAME_MS:.1f} ms: {verdict}); {table.viewport().height()} px, "
                  f"{table.rowAt(table.viewport().height() - 1) - table.rowAt(0) + 1} rows")
        session.undo_stack.setClean()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
