"""Load, validate and save a 100,000-event timeline file; memory per event after load.

Run from the repository root:

    .venv/bin/python bench/bench_format.py [--events 100000] [--runs 5] [--profile]

The file is generated once by ``bench/synthetic.py`` and cached under ``bench/out/``.
Prints the median (and min) of ``--runs`` runs of

* load + validate: ``loader.load_path``, with an approximate split (read and the
  msgspec parse of the whole file measured on their own; the rest is the quote count,
  validation and building the model; ``bench_loader.py`` compares the parsers);
* save: ``storage.save_document`` into a temporary folder, and its parts measured on
  their own: serialise (``writer.encode``: canonical UTF-8 in chunks), validate
  (``model_check.check_document``, the loader's rules applied to the model, which
  ``save_document`` runs so that it never writes a file that would not load back) and
  write (``atomic_write_bytes``: temp file, fsync, backup, rename);
* memory per event after load: ``tracemalloc`` current (what the document keeps) and
  peak (during the load), and, in a fresh process, the growth of VmRSS and VmHWM
  across ``load_path``;
* the file size.

Targets (100,000 events): load + validate <= 1.0 s, save <= 0.5 s, <= 1.5 KB
(1536 bytes) per event kept after load.  ``--strict`` exits 1 when one is missed.  The
figures go to ``bench/out/format.json``; an earlier one is compared first (new/old).
``--profile`` adds the top functions of a cProfile run of each operation.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import OUT_DIR, cached_file, code_version  # noqa: E402
from targets import Report, target  # noqa: E402

from timeline_app.core.fileformat.check import check_document  # noqa: E402
from timeline_app.core.fileformat.loader import load_path  # noqa: E402
from timeline_app.core.fileformat.storage import atomic_write_bytes, save_document  # noqa: E402
from timeline_app.core.fileformat.writer import encode  # noqa: E402
from timeline_app.core.model import Document  # noqa: E402

TARGET_LOAD_S = target("load_100k").limit
TARGET_SAVE_S = target("save_100k").limit
TARGET_BYTES_PER_EVENT = target("bytes_per_event").limit

_RSS_PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from timeline_app.core.fileformat.loader import load_path

def status():
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) * 1024
    return fields

before = status()
result = load_path(sys.argv[2])
after = status()
assert result.ok, result.problems[:3]
print(json.dumps({
    "rss_before": before["VmRSS"], "rss_after": after["VmRSS"],
    "hwm_before": before["VmHWM"], "hwm_after": after["VmHWM"],
    "events": len(result.document.events),
}))
"""


def timed_runs(fn: Callable[[], object], runs: int) -> list[float]:
    """Seconds of each run; the result of a run is dropped (and collected) before the next."""
    times = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        del result
    gc.collect()
    return times


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1e3:7.0f} ms" if seconds < 1.0 else f"{seconds:7.2f} s "


def profile(label: str, fn: Callable[[], object], top: int = 14) -> None:
    prof = cProfile.Profile()
    prof.enable()
    result = fn()
    prof.disable()
    del result
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    total = stats.total_tt  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(top)
    print(f"\n--- cProfile: {label} (total {total:.2f} s under the profiler) ---")
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(line for line in lines[start:] if line.strip()))


def load_parts(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """What the loader does before validating, each on its own: read, parse."""
    import msgspec

    read_t = timed_runs(lambda: path.read_bytes(), runs)
    data = path.read_bytes()
    decode = msgspec.json.Decoder().decode
    gc.disable()  # as the loader parses: with the collector paused
    try:
        parse_t = timed_runs(lambda: decode(data), runs)
    finally:
        gc.enable()
    return read_t, parse_t


def save_parts(
    doc: Document, path: Path, runs: int
) -> tuple[list[float], list[float], list[float], list[float], bool]:
    """``save_document`` into a temporary folder, then its three parts on their own."""
    with tempfile.TemporaryDirectory(prefix="bench-format-") as tmp:
        target = Path(tmp) / "timeline.json"
        save_t = timed_runs(lambda: save_document(doc, target), runs)
        serialise_t = timed_runs(lambda: encode(doc), runs)
        encoded = encode(doc)
        saved = b"".join(encoded.chunks)
        validate_t = timed_runs(
            lambda: check_document(doc, str(target), events=not encoded.plain), runs
        )
        write_t = timed_runs(lambda: atomic_write_bytes(target, saved), runs)
        same = target.read_bytes() == path.read_bytes()
    return save_t, serialise_t, validate_t, write_t, same


def rss_probe(path: Path) -> dict[str, int]:
    """VmRSS/VmHWM growth across ``load_path`` in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, str(ROOT), str(path)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="add cProfile tops")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    n = args.events
    path = cached_file(n)
    size = path.stat().st_size
    print(f"Format benchmark: {n:,} events, {size / 1e6:.1f} MB file "
          f"({path.relative_to(ROOT)}), median of {args.runs} runs")
    print(f"code {code_version()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{platform.machine()}, "
          f"load average {os.getloadavg()[0]:.2f} (other processes make the figures noisy)")

    # --- load --------------------------------------------------------------------------
    first = load_path(path)
    if not first.ok:
        print("the generated file does not load:", *first.problems[:5], sep="\n  ")
        return 2
    del first
    load_t = timed_runs(lambda: load_path(path), args.runs)
    read_t, parse_t = load_parts(path, args.runs)

    # --- save ----------------------------------------------------------------------------
    doc = load_path(path).document
    assert doc is not None
    save_t, serialise_t, validate_t, write_t, same = save_parts(doc, path, args.runs)
    if args.profile:
        profile("load_path", lambda: load_path(path))
        with tempfile.TemporaryDirectory(prefix="bench-format-") as tmp:
            profile("save_document", lambda: save_document(doc, Path(tmp) / "t.json"))
    doc = None
    gc.collect()

    # --- memory ----------------------------------------------------------------------------
    tracemalloc.start()
    kept = load_path(path)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    gc.collect()
    rss = rss_probe(path)
    rss_delta = rss["rss_after"] - rss["rss_before"]
    hwm_delta = rss["hwm_after"] - rss["rss_before"]

    # --- report --------------------------------------------------------------------------------
    med = statistics.median
    figures = {
        "events": n,
        "file_bytes": size,
        "load_s": med(load_t),
        "load_read_s": med(read_t),
        "load_parse_s": med(parse_t),
        "save_s": med(save_t),
        "save_serialise_s": med(serialise_t),
        "save_validate_s": med(validate_t),
        "save_write_s": med(write_t),
        "mem_tracemalloc_current_per_event": current / n,
        "mem_tracemalloc_peak_per_event": peak / n,
        "mem_rss_delta_per_event": rss_delta / n,
        "mem_rss_peak_delta_per_event": hwm_delta / n,
        # (not ru_maxrss: Linux carries it over from the parent through fork and exec)
        "fresh_process_vmhwm_bytes": rss["hwm_after"],
    }
    rest = figures["load_s"] - figures["load_read_s"] - figures["load_parse_s"]
    checks = Report("bench_format")

    def verdict(value: float, limit: float, name: str, case: str = "") -> str:
        if n != 100_000:
            return "(the target is for 100,000 events)"
        if not checks.check(name, value, case):
            return f"MISS ({value / limit:.1f}x)"
        return "ok"

    w = 44
    print(f"\n{'':<{w}}{'median':>10} {'min':>10}   target")
    print(f"{'load + validate (load_path)':<{w}}{fmt_s(med(load_t))} {fmt_s(min(load_t))}"
          f"   <= {TARGET_LOAD_S:.1f} s  {verdict(med(load_t), TARGET_LOAD_S, 'load_100k')}")
    for label, times in (("read the file", read_t),
                         ("msgspec parse (collector paused)", parse_t)):
        print(f"{'  ' + label:<{w}}{fmt_s(med(times))} {fmt_s(min(times))}")
    print(f"{'  validate + build the model (the rest)':<{w}}{fmt_s(rest)}")
    print(f"{'save (save_document)':<{w}}{fmt_s(med(save_t))} {fmt_s(min(save_t))}"
          f"   <= {TARGET_SAVE_S:.1f} s  {verdict(med(save_t), TARGET_SAVE_S, 'save_100k')}")
    for label, times in (("serialise (writer.encode)", serialise_t),
                         ("validate (model_check on the model)", validate_t),
                         ("write (atomic_write_bytes)", write_t)):
        print(f"{'  ' + label:<{w}}{fmt_s(med(times))} {fmt_s(min(times))}")
    print(f"{'  saved bytes identical to the input file':<{w}}{'yes' if same else 'NO':>10}")
    target_b = TARGET_BYTES_PER_EVENT
    print(f"\n{'memory per event after load':<{w}}{'bytes':>10}")
    print(f"{'  tracemalloc current (document kept)':<{w}}{current / n:10.0f}"
          f"   <= {target_b:.0f} B  {verdict(current / n, target_b, 'bytes_per_event', 'kept')}")
    print(f"{'  RSS growth, fresh process':<{w}}{rss_delta / n:10.0f}"
          f"   <= {target_b:.0f} B  {verdict(rss_delta / n, target_b, 'bytes_per_event', 'RSS')}")
    print(f"{'  tracemalloc peak during load':<{w}}{peak / n:10.0f}   (information)")
    print(f"{'  peak RSS growth (VmHWM), fresh process':<{w}}{hwm_delta / n:10.0f}"
          f"   (information; VmHWM {rss['hwm_after'] / 2**20:.0f} MB)")
    print(f"\n{'file size':<{w}}{size / 1e6:8.1f} MB   ({size / n:.0f} bytes per event)")

    out_file = OUT_DIR / "format.json"
    if out_file.exists():
        with contextlib.suppress(ValueError, KeyError, TypeError):
            old = json.loads(out_file.read_text())["figures"]
            print("\nnew / old (previous bench/out/format.json):")
            for key, value in figures.items():
                if isinstance(old.get(key), (int, float)) and old[key]:
                    print(f"  {key:<40}{value / old[key]:6.2f}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out_file.write_text(json.dumps({
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "code": code_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "loadavg_end": os.getloadavg()[0],
        "runs": args.runs,
        "targets": {"load_s": TARGET_LOAD_S, "save_s": TARGET_SAVE_S,
                    "bytes_per_event": TARGET_BYTES_PER_EVENT},
        "misses": [f"{m.name} [{m.case}]: {m.value}" for m in checks.misses],
        "figures": figures,
        "times": {"load": load_t, "save": save_t, "serialise": serialise_t,
                  "validate": validate_t, "write": write_t},
    }, indent=2) + "\n")
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}; written to "
          f"{out_file.relative_to(ROOT)}")
    return checks.finish(args.strict)


if __name__ == "__main__":
    raise SystemExit(main())
