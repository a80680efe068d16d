"""How long writing a recovery copy keeps the window busy.

Run from the repository root:

    .venv/bin/python bench/bench_autosave.py [--events 100000] [--runs 5]

The copy is written on the window's thread by ``Autosave.write_now`` (the same call the
timer makes): the core's atomic save of the document as it is (serialise, check that it
would load back, write, fsync, rename) plus its small metadata file.  Prints the time of
the first copy (every event encoded) and the median and min of ``--runs`` copies after
an edit each (what the last copy wrote is copied, see ``core/fileformat/save_memo.py``)
for the default ``events.json`` and for a synthetic timeline of ``--events`` events
(``bench/synthetic.py``), into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from synthetic import make_document  # noqa: E402

from timeline_app.core.fileformat.loader import load_path  # noqa: E402
from timeline_app.core.model import Document  # noqa: E402
from timeline_app.gui.document.autosave import Autosave  # noqa: E402
from timeline_app.gui.document.session import DocumentSession  # noqa: E402
from timeline_app.paths import default_timeline_path  # noqa: E402


def measure(name: str, document: Document, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        session = DocumentSession()
        session.replace_document(document)
        session.path = Path(folder) / "user" / name
        autosave = Autosave(session, folder=Path(folder) / "recovery", seconds=30)
        times = []
        events = session.document.events
        rng = random.Random(5)
        for run in range(runs + 1):
            if run:  # an edit (a new value in place of an event), as the timer follows one
                k = rng.randrange(len(events))
                events[k] = replace(events[k], title=events[k].title + " (edited)")
            t0 = time.perf_counter()
            copy = autosave.write_now()
            times.append(time.perf_counter() - t0)
            assert copy is not None, "the copy was not written"
        size = copy.path.stat().st_size
    first, later = times[0], times[1:]
    print(f"{name:>24}: {len(document.events):>7,} events, {size / 1e6:7.2f} MB copy: "
          f"first {first * 1000:8.1f} ms; after an edit median "
          f"{statistics.median(later) * 1000:8.1f} ms, min {min(later) * 1000:8.1f} ms "
          f"({runs} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _app = QCoreApplication([])
    print(f"load average {os.getloadavg()[0]:.2f}")
    default = load_path(default_timeline_path()).document
    assert default is not None
    measure("events.json", default, args.runs)
    measure(f"synthetic-{args.events}.json", make_document(args.events), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
