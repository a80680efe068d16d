"""One benchmark on this checkout and on an earlier revision, run by turns.

    .venv/bin/python bench/against.py REV [--runs 2] SCRIPT [ARGS...]
    .venv/bin/python bench/against.py HEAD~3 bench_frames.py --quick

The speed of this machine changes from day to day and within an hour (see the README):
a figure means something only beside one of the other code measured just before or
after it.  This runs ``bench/SCRIPT ARGS`` in a copy of revision ``REV`` (exported
from git) and in this checkout, by turns
(``REV`` first), ``--runs`` times each, and prints every figure the script compared
with a target: each run's value for both, their medians, the ratio new/old, and
whether the new median meets the target.

The copy reads this checkout's generated files (``bench/out/*.json``, linked); should
its generators differ, it makes its own and says so.  Its reports stay in the copy;
this checkout's runs store theirs as usual.  A revision whose script stores no report
(older than ``bench/targets.py``) cannot be compared.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from targets import target

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def export(rev: str, into: Path) -> Path:
    """Revision ``rev``'s tree (a few MB) under ``into``, reading this checkout's
    generated files."""
    archive = into / "rev.tar"
    subprocess.run(["git", "archive", "-o", str(archive), rev],
                   cwd=ROOT, check=True)
    tree = into / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    out = tree / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    for data in OUT.glob("*.json"):
        (out / data.name).symlink_to(data)
    return tree


def run_once(tree: Path, script: str, args: list[str]) -> dict[tuple[str, str], float]:
    """Run ``bench/script`` in ``tree``; the figures of the reports it stored."""
    reports = tree / "bench" / "out" / "targets"
    started = time.time()
    proc = subprocess.run([sys.executable, str(tree / "bench" / script), *args], cwd=tree,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-2000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"{script} failed in {tree}")
    figures: dict[tuple[str, str], float] = {}
    for path in sorted(reports.glob("*.json")) if reports.exists() else []:
        if path.stat().st_mtime < started:
            continue  # an earlier run's
        for row in json.loads(path.read_text())["rows"]:
            value = row["value"]
            figures[row["name"], row["case"]] = math.nan if value is None else value
    if not figures:
        raise SystemExit(f"{script} in {tree} stored no report: it cannot be compared")
    return figures


def table(old: list[dict], new: list[dict]) -> list[str]:
    """A line per figure: each run's value for both, medians, new/old, and the verdict."""
    keys = list(dict.fromkeys(k for runs in (new, old) for figures in runs for k in figures))
    lines = []
    width = max([len(f"{n} [{c}]") for n, c in keys] + [20]) + 2
    for name, case in keys:
        t = target(name)
        a = [f[name, case] for f in old if not math.isnan(f.get((name, case), math.nan))]
        b = [f[name, case] for f in new if not math.isnan(f.get((name, case), math.nan))]
        ma = statistics.median(a) if a else math.nan
        mb = statistics.median(b) if b else math.nan
        ratio = f"{mb / ma:5.2f}x" if a and b and ma else "   - "
        shown_a = " ".join(f"{v:{t.fmt}}" for v in a) or "-"
        shown_b = " ".join(f"{v:{t.fmt}}" for v in b) or "-"
        label = f"{name} [{case}]" if case else name
        verdict = "ok" if t.met(mb) else "MISS"
        lines.append(f"  {label:<{width}}old {shown_a:>16}  new {shown_b:>16}  "
                     f"{ratio}  {t.limit_text():>12}  {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the git revision to compare with")
    parser.add_argument("--runs", type=int, default=2, help="runs of each (default 2)")
    parser.add_argument("script", help="a benchmark in bench/, e.g. bench_frames.py")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    args = parser.parse_args(argv)
    found = subprocess.run(["git", "rev-parse", "--short", "--verify", f"{args.rev}^{{commit}}"],
                           cwd=ROOT, capture_output=True, text=True)
    if found.returncode != 0:
        raise SystemExit(f"{args.rev!r} is not a revision of this repository")
    commit = found.stdout.strip()
    if not (ROOT / "bench" / args.script).is_file():
        raise SystemExit(f"no benchmark bench/{args.script}")
    with tempfile.TemporaryDirectory(prefix="bench-against-") as tmp:
        tree = export(args.rev, Path(tmp))
        old: list[dict] = []
        new: list[dict] = []
        for i in range(args.runs):
            for label, where, into in ((commit, tree, old), ("this checkout", ROOT, new)):
                print(f"run {i + 1}/{args.runs}: {args.script} on {label} ...", flush=True)
                into.append(run_once(where, args.script, args.args))
        made = [p.name for p in (tree / "bench" / "out").glob("*.json") if not p.is_symlink()]
    if made:
        print(f"note: {commit}'s generators differ; it measured its own files: "
              f"{', '.join(made)}")
    command = " ".join([args.script, *args.args])
    print(f"\n{command}: {commit} (old) against this checkout (new), {args.runs} run(s) "
          "each, by turns; ok or MISS says whether the new median meets the target")
    print("\n".join(table(old, new)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
