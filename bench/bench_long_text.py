"""Selecting events with huge texts in the main window: the time until it has repainted.

```sh
.venv/bin/python bench/bench_long_text.py [--runs 5]
```

A timeline of the default events where one event has a 1 MB title, one a description
of 200,000 lines, and one a 1 MB location, tags and date note.  For each, the median
and max over the runs of: select it (the details pane, the source pane and the
timeline update) and repaint the window; hover it (the timeline's tooltip); and, once,
"Show all" on its longest field.  Selection used to take 8 to 32 s per click; the target
is that a click never freezes the window (≤ 100 ms here).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000


def make_file(folder: Path) -> tuple[Path, dict[str, str]]:
    doc = json.loads((ROOT / "events.json").read_text(encoding="utf-8"))
    events = doc["events"]
    events[0]["title"] = ("Offensive " * (MB // 10))[:MB]
    events[1]["description"] = "\n".join(f"line {i} of a long account" for i in range(200_000))
    events[2]["location"] = ("Tripoli, " * (MB // 9))[:MB]
    events[2]["tags"] = [f"tag {i}" for i in range(50_000)]
    events[2]["date_note"] = "\r\n".join("from the article" for _ in range(60_000))
    path = folder / "long-text.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    names = {events[0]["id"]: "1 MB title", events[1]["id"]: "200,000-line description",
             events[2]["id"]: "1 MB location, 50,000 tags, 60,000-line date note"}
    return path, names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QToolButton

    from timeline_app.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        path, names = make_file(Path(tmp))
        window = MainWindow(path, settings=QSettings(str(Path(tmp) / "s.ini"),
                                                     QSettings.Format.IniFormat))
        window.resize(1400, 860)
        window.show()
        while window.files.task is not None:  # a file this size opens in the background
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        assert window.session.path == path
        view = window.timeline
        for event_id, what in names.items():
            select, hover = [], []
            for _ in range(args.runs):
                window.session.select(None)
                app.processEvents()
                start = time.perf_counter()
                window.session.select(event_id)
                window.repaint()
                app.processEvents()
                select.append(time.perf_counter() - start)
                rect = view.event_rect(event_id)
                assert rect is not None, event_id
                for pos in (QPoint(2, 2), rect.center().toPoint()):
                    move = QMouseEvent(QMouseEvent.Type.MouseMove, pos, view.mapToGlobal(pos),
                                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                       Qt.KeyboardModifier.NoModifier)
                    start = time.perf_counter()
                    view.mouseMoveEvent(move)
                    app.processEvents()
                hover.append(time.perf_counter() - start)
            buttons = window.detail.findChildren(QToolButton, "showAllButton")
            start = time.perf_counter()
            if buttons:
                buttons[-1].click()
                app.processEvents()
            show_all = time.perf_counter() - start
            print(f"{what}:")
            print(f"  select + repaint  median {statistics.median(select) * 1000:8.1f} ms"
                  f"   max {max(select) * 1000:8.1f} ms")
            print(f"  hover tooltip     median {statistics.median(hover) * 1000:8.1f} ms"
                  f"   max {max(hover) * 1000:8.1f} ms")
            if buttons:
                print(f"  Show all (once)          {show_all * 1000:8.1f} ms")
        window.session.undo_stack.clear()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
