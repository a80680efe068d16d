"""Build the desktop bundle: ``python packaging/build.py`` (what ``./dev package`` runs).

1. checks the committed icons are there (renders them with make_icons.py if one is missing);
2. runs PyInstaller on packaging/conflict_timeline.spec with ``--noconfirm --clean``,
   giving ``dist/ConflictTimeline/`` (work files in ``build/pyinstaller/``);
3. on Linux, checks that every Qt library a bundled binary links to was kept by the
   spec's trimming, and packs ``dist/ConflictTimeline-<version>-linux-<arch>.tar.gz``;
4. prints the sizes, unpacked and packed, and the largest parts of the bundle.

Windows and macOS get the folder (and the .app on macOS) but no archive from here.
"""

from __future__ import annotations

import ast
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "conflict_timeline.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE_NAME = "ConflictTimeline"
MB = 1024 * 1024


def package_version() -> str:
    tree = ast.parse((ROOT / "timeline_app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)):
            return str(node.value.value)
    raise SystemExit("timeline_app/__init__.py has no __version__")


def linux_arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def step(text: str) -> None:
    print(f"==> {text}", flush=True)


def ensure_icons() -> None:
    make_icons = [sys.executable, str(ROOT / "packaging" / "make_icons.py")]
    if subprocess.run([*make_icons, "--check"], cwd=ROOT).returncode != 0:
        step("Rendering the missing icons from resources/icons/conflict-timeline.svg")
        subprocess.run(make_icons, cwd=ROOT, check=True)


def run_pyinstaller() -> Path:
    step("Running PyInstaller (this takes a minute)")
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]
    started = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True)
    print(f"    PyInstaller took {time.monotonic() - started:.0f} s")
    bundle = DIST / BUNDLE_NAME
    if not bundle.is_dir():
        raise SystemExit(f"PyInstaller made no {bundle.relative_to(ROOT)}")
    return bundle


def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED names of an ELF file (via readelf), or None if it is not ELF."""
    with path.open("rb") as f:
        if f.read(4) != b"\x7fELF":
            return None
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def check_qt_dependencies(bundle: Path) -> None:
    """Fail if a kept binary links to a Qt library the spec's trimming removed.

    Also names the Qt libraries nothing links to any more (candidates for the spec's
    DROPPED_QT_LIBS), following chains: a library only an unused one needs is unused too.
    """
    if shutil.which("readelf") is None:
        print("    (readelf not found: skipping the Qt dependency check; install binutils)")
        return
    present = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    needs: dict[Path, list[str]] = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name
                                                          or os.access(path, os.X_OK)):
            needed = elf_needed(path)
            if needed is not None:
                needs[path] = needed
    qt_prefixes = ("libQt6", "libicu", "libpyside6", "libshiboken6")
    missing: dict[str, list[str]] = {}
    for path, needed in needs.items():
        for lib in needed:
            if lib.startswith(qt_prefixes) and lib not in present:
                missing.setdefault(lib, []).append(str(path.relative_to(bundle)))
    if missing:
        for lib, users in sorted(missing.items()):
            print(f"    MISSING {lib}, needed by {', '.join(users[:5])}", file=sys.stderr)
        raise SystemExit("the spec removed Qt libraries that kept binaries need")
    print("    every Qt library the bundled binaries link to is present")
    alive = dict(needs)
    while True:
        wanted = {lib for needed in alive.values() for lib in needed}
        unused = [p for p in alive if p.name.startswith("libQt6") and p.name not in wanted]
        if not unused:
            break
        for path in unused:
            del alive[path]
    dropped = sorted(p.name for p in needs if p not in alive)
    if dropped:
        print(f"    linked by nothing (could be dropped): {', '.join(dropped)}")


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def make_tarball(bundle: Path, version: str) -> Path:
    out = DIST / f"{BUNDLE_NAME}-{version}-linux-{linux_arch()}.tar.gz"
    step(f"Packing {out.relative_to(ROOT)}")

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
        return info

    tmp = out.with_suffix(".tmp")
    with tarfile.open(tmp, "w:gz", compresslevel=9) as tar:
        tar.add(bundle, arcname=BUNDLE_NAME, filter=normalise)
    tmp.replace(out)
    return out


def both_units(size: int) -> str:
    """``146.3 MiB (153.4 MB)``: du -h counts in MiB, file managers often in MB."""
    return f"{size / MB:.1f} MiB ({size / 1e6:.1f} MB)"


def report_sizes(bundle: Path, archive: Path | None) -> None:
    unpacked = tree_size(bundle)
    internal = bundle / "_internal"
    step("Largest parts of the bundle")
    parts = []
    for child in internal.iterdir() if internal.is_dir() else ():
        size = tree_size(child) if child.is_dir() else child.lstat().st_size
        parts.append((size, child.name))
    for size, name in sorted(parts, reverse=True)[:12]:
        print(f"    {size / MB:7.1f} MiB  _internal/{name}")
    print(f"Bundle:  {bundle.relative_to(ROOT)}/  {both_units(unpacked)} unpacked")
    if archive is not None:
        print(f"Archive: {archive.relative_to(ROOT)}  {both_units(archive.stat().st_size)}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        print(__doc__)
        return 0 if args[0] in ("-h", "--help") else 2
    version = package_version()
    ensure_icons()
    bundle = run_pyinstaller()
    archive = None
    if sys.platform.startswith("linux"):
        step("Checking the trimmed Qt")
        check_qt_dependencies(bundle)
        for old in DIST.glob(f"{BUNDLE_NAME}-*-linux-*.tar.gz"):
            old.unlink()
        archive = make_tarball(bundle, version)
    else:
        print("    (archives are made on Linux only; ship the folder or the .app as it is)")
    report_sizes(bundle, archive)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
