"""Frame time of the timeline widget on the default events.json (target: under 5 ms).

Paints the real TimelineView into a 1600×900 image offscreen, panning one pixel per
frame so that the layout is recomputed every time, and prints the median and p95.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from targets import Report, target  # noqa: E402

from timeline_app.gui.document.session import DocumentSession  # noqa: E402
from timeline_app.gui.timeline.timeline_view import TimelineView  # noqa: E402

FRAMES = 200


def main() -> None:
    app = QApplication.instance() or QApplication([])
    session = DocumentSession()
    outcome = session.open(ROOT / "events.json")
    assert outcome.ok, outcome.problems
    view = TimelineView(session)
    view.resize(1600, 900)
    image = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
    times = []
    for i in range(FRAMES + 10):
        view.pan_by(1 if i % 2 else -1)
        start = time.perf_counter()
        view.render(image)
        if i >= 10:
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"default events.json, 1600x900, {FRAMES} frames (layout + paint each):")
    limit = target("default_frame").limit
    print(f"  median {statistics.median(times):.2f} ms   p95 {p95:.2f} ms   target <= {limit} ms")
    report = Report("bench_default_frame")
    report.check("default_frame", statistics.median(times), "TimelineView 1600x900")
    report.finish()
    del app


if __name__ == "__main__":
    main()
