"""The load path against its alternatives and against an earlier revision, back to back.

Run from the repository root:

    .venv/bin/python bench/bench_loader.py [--events 100000] [--runs 5] [--against REV] [--harder]

On the file of ``bench/synthetic.py`` (cached under ``bench/out/``), each in a fresh
process, alternating so that a busy machine slows all of them alike, prints the median
and minimum of ``--runs`` loads and the peak memory (VmHWM) of the process:

* ``load_path`` of this checkout;
* ``load_path`` of ``--against`` (a git revision, default ``HEAD``: its ``timeline_app``
  is exported to a temporary folder), to see what a change to the loader did;
* with ``--stall``, only the longest gap of a thread that ticks every 10 ms while
  ``load_path`` runs on another, for both: how long a window loading the file in the
  background could not repaint because the load held the interpreter lock;
* the parsers alone, without validation or the model, on the whole file: stdlib
  ``json.loads`` (after ``bytes.decode``), msgspec to builtins, msgspec to typed structs
  and orjson, when they are installed.  The loader's choice of parser was made on
  these figures; they show what is left for validation and the model.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from against import export  # noqa: E402
from synthetic import cached_file, code_version  # noqa: E402

_CHILD = r"""
import gc, json, sys, time
root, path, what = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, root)
gc.disable()  # as the loader parses: with the collector paused
if what == "load_path":
    gc.enable()
    from timeline_app.core.fileformat.loader import load_path
    def run():
        result = load_path(path)
        assert result.ok, result.problems[:3]
        return result
elif what == "stall":
    gc.enable()
    import threading
    from timeline_app.core.fileformat.loader import load_path
    def run():
        # The window's view of a background load: how long can a thread that wants the
        # interpreter lock every 10 ms wait for it?  The longest gap between its ticks.
        box = []
        worker = threading.Thread(target=lambda: box.append(load_path(path)))
        gaps = []
        last = time.perf_counter()
        worker.start()
        while worker.is_alive():
            time.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
        worker.join()
        assert box[0].ok, box[0].problems[:3]
        print(json.dumps({"stall_ms": max(gaps) * 1e3}))
        return box
elif what == "json":
    def run():
        with open(path, "rb") as f:
            return json.loads(f.read().decode("utf-8"))
elif what == "msgspec":
    import msgspec
    decode = msgspec.json.Decoder().decode
    def run():
        with open(path, "rb") as f:
            return decode(f.read())
elif what == "msgspec-structs":
    import msgspec
    from typing import Any
    class Citation(msgspec.Struct):
        source: str
        start: int
        end: int
        quote: str
    class Event(msgspec.Struct):
        id: str
        title: str
        start: str
        end: str | None = None
        actors: list[str] = []
        location: str = ""
        tags: list[str] = []
        description: str = ""
        citations: list[Citation] = []
        date_note: str = ""
    class Root(msgspec.Struct):
        format: str
        version: int
        title: str = ""
        sources: list[Any] = []
        actors: list[Any] = []
        events: list[Event] = []
    decode = msgspec.json.Decoder(Root).decode
    def run():
        with open(path, "rb") as f:
            return decode(f.read())
elif what == "orjson":
    import orjson
    def run():
        with open(path, "rb") as f:
            return orjson.loads(f.read())
t = time.perf_counter()
kept = run()
seconds = time.perf_counter() - t
hwm = 0
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
print(json.dumps({"s": seconds, "hwm": hwm}))
"""


def _available(module: str) -> bool:
    probe = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return probe.returncode == 0


def _once(root: Path, path: Path, what: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(path), what],
                         check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in out.strip().splitlines() if line.startswith("{")]
    return {k: v for line in lines for k, v in line.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", default="HEAD", help="git revision to compare with")
    parser.add_argument("--harder", action="store_true",
                        help="the file of synthetic.harder_document (sixteen lanes, unique "
                        "titles, ranges, every precision) instead of make_document's")
    parser.add_argument("--stall", action="store_true",
                        help="instead: the longest wait of a 10 ms ticker while load_path "
                        "runs on another thread (what a window loading in the background sees)")
    args = parser.parse_args(argv)
    path = cached_file(args.events, harder=args.harder)
    print(f"Loader benchmark: {args.events:,} events ({path.name.split('-')[0]}), "
          f"{path.stat().st_size / 1e6:.1f} MB, "
          f"each run in a fresh process, median of {args.runs}")
    print(f"code {code_version()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} (other processes make the figures noisy)")
    with tempfile.TemporaryDirectory(prefix="bench-loader-") as tmp:
        old = export(args.against, Path(tmp))  # the revision's whole tree
        cases = [("load_path (this checkout)", ROOT, "load_path"),
                 (f"load_path ({args.against})", old, "load_path"),
                 ("  parse only: bytes.decode + json.loads", ROOT, "json")]
        for module, what in (("msgspec", "msgspec"), ("msgspec", "msgspec-structs"),
                             ("orjson", "orjson")):
            if _available(module):
                cases.append((f"  parse only: {what}", ROOT, what))
        runs: dict[str, list[dict[str, float]]] = {label: [] for label, _, _ in cases}
        if args.stall:
            cases = [(f"background load_path ({label}), longest stall", root, "stall")
                     for label, root in (("this checkout", ROOT), (args.against, old))]
            runs = {label: [] for label, _, _ in cases}
        for _ in range(args.runs):
            for label, root, what in cases:
                runs[label].append(_once(root, path, what))
    if args.stall:
        print()
        for label, results in runs.items():
            stalls = [r["stall_ms"] for r in results]
            print(f"{label:<60}{statistics.median(stalls):6.0f} ms (median; max "
                  f"{max(stalls):.0f} ms; loads "
                  f"{statistics.median(r['s'] for r in results):.1f} s)")
        return 0
    print(f"\n{'':<44}{'median':>9}{'min':>9}{'peak (VmHWM)':>15}")
    for label, results in runs.items():
        seconds = [r["s"] for r in results]
        hwm = statistics.median(r["hwm"] for r in results)
        print(f"{label:<44}{statistics.median(seconds):8.3f}s{min(seconds):8.3f}s"
              f"{hwm / 2**20:12.0f} MB")
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
