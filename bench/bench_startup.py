"""Start-up time and size of the packaged program (the one-folder PyInstaller bundle).

Run from the repository root after ``./dev package``:

    .venv/bin/python bench/bench_startup.py [--bundle dist/ConflictTimeline] [--runs 5]

Starts the bundle with no argument (so it opens its own events.json) on a private Xvfb
screen and measures, from outside, the time from starting the process until its window
whose title contains ``events.json`` is viewable: the moment ``xdotool search --sync
--onlyvisible --name events.json`` would find it.  The instant is taken from the X
server's MapNotify event (libX11 through ctypes) instead of ``--sync``, which looks only
twice a second; without libX11 it polls xdotool every 10 ms.  One warm-up run first (so
the figures are warm-cache), then the median of ``--runs``, and the CPU time the program
had used by then (which a busy machine inflates less than the wall time).  Each run ends
the way a user quits, Ctrl+Q.  Also prints the bundle's size, unpacked and as the
.tar.gz that ``packaging/build.py`` writes.

Targets: start <= 1.0 s, <= 150 MiB unpacked, <= 60 MiB .tar.gz (sizes are compared in
MiB, the unit of ``du -h``; the MB figure is printed too).  ``--strict`` exits 1 when a
target is missed.  Needs Xvfb and xdotool.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024  # MiB
TARGET_START_S = 1.0
TARGET_UNPACKED_MB = 150.0
TARGET_ARCHIVE_MB = 60.0
WINDOW_TIMEOUT_S = 15.0


def start_xvfb(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a free display number (it writes the number to the given fd)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=(tmp / "xvfb.log").open("wb"),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        raise SystemExit("Xvfb did not start; see its log")
    return proc, f":{number}"


def find_window(env: dict[str, str]) -> str | None:
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", r"events\.json"],
        env=env, capture_output=True, text=True,
    )
    ids = result.stdout.split()
    return ids[0] if ids else None


def window_name(window: str, env: dict[str, str]) -> str:
    result = subprocess.run(["xdotool", "getwindowname", window], env=env,
                            capture_output=True, text=True)
    return result.stdout.strip()


class MapWatcher:
    """Waits for top-level windows to be mapped, by X events rather than by polling.

    Without a window manager a top-level window becomes viewable the moment it is mapped,
    so the MapNotify on the root window is the instant ``xdotool search --onlyvisible``
    would first find it, without spawning a process every few milliseconds (which on a
    small, busy machine competes with the program being measured).  Uses libX11 through
    ctypes; ``available`` is False where that fails, and the caller polls xdotool.
    """

    MAP_NOTIFY = 19
    SUBSTRUCTURE_NOTIFY_MASK = 1 << 19

    class _MapEvent(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                    ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                    ("event", ctypes.c_ulong), ("window", ctypes.c_ulong),
                    ("override_redirect", ctypes.c_int)]

    def __init__(self, display: str) -> None:
        self.available = False
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        try:
            x = ctypes.CDLL(name)
        except OSError:
            return
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x = x
        self._dpy = x.XOpenDisplay(display.encode())
        if not self._dpy:
            return
        x.XSelectInput(self._dpy, x.XDefaultRootWindow(self._dpy),
                       self.SUBSTRUCTURE_NOTIFY_MASK)
        x.XSync(self._dpy, 1)  # also drops events from before now
        self._fd = x.XConnectionNumber(self._dpy)
        self._event = (ctypes.c_long * 24)()  # sizeof(XEvent)
        self.available = True

    def next_mapped(self, timeout: float) -> tuple[str, float] | None:
        """(id, perf_counter time) of the next top-level window mapped within ``timeout``."""
        deadline = time.perf_counter() + timeout
        while True:
            while self._x.XPending(self._dpy):
                self._x.XNextEvent(self._dpy, self._event)
                ev = ctypes.cast(self._event, ctypes.POINTER(self._MapEvent)).contents
                if ev.type == self.MAP_NOTIFY and not ev.override_redirect:
                    return str(ev.window), time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            select.select([self._fd], [], [], min(left, 0.05))

    def close(self) -> None:
        if self.available:
            self._x.XCloseDisplay(self._dpy)
            self.available = False


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_window(proc: subprocess.Popen[bytes], env: dict[str, str], started: float,
                    watcher: MapWatcher) -> tuple[str, float]:
    """The id of the program's *events.json* window and when it became viewable."""
    while True:
        elapsed = time.perf_counter() - started
        if elapsed > WINDOW_TIMEOUT_S or proc.poll() is not None:
            proc.kill()
            raise SystemExit(f"no window named *events.json* after {elapsed:.1f} s")
        if watcher.available:
            mapped = watcher.next_mapped(0.1)
            if mapped is not None and "events.json" in window_name(mapped[0], env):
                return mapped
        else:
            window = find_window(env)
            if window is not None:
                return window, time.perf_counter()
            time.sleep(0.01)


def one_start(exe: Path, env: dict[str, str], log: Path) -> tuple[float, float]:
    """Wall and CPU seconds from starting ``exe`` until its window is viewable; then quit."""
    watcher = MapWatcher(env["DISPLAY"])
    try:
        with log.open("ab") as out:
            started = time.perf_counter()
            proc = subprocess.Popen([str(exe)], env=env, stdout=out, stderr=out)
            window, when = wait_for_window(proc, env, started, watcher)
            shown = when - started
            cpu = cpu_seconds(proc.pid)
            subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env,
                           capture_output=True, timeout=5)
            subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], env=env, timeout=5)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                print("    (did not quit on Ctrl+Q; killed)")
    finally:
        watcher.close()
    return shown, cpu


def tree_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*")
               if p.is_file() and not p.is_symlink())


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ConflictTimeline")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)

    exe = args.bundle / "ConflictTimeline"
    if not exe.is_file():
        raise SystemExit(f"{exe} not found: build it first (./dev package)")
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (Debian packages: xvfb xdotool)")

    missed = False
    with tempfile.TemporaryDirectory(prefix="ct-bench-") as name:
        tmp = Path(name)
        xvfb, display = start_xvfb(tmp)
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp / "config"),
                   XDG_CACHE_HOME=str(tmp / "cache"), XDG_DATA_HOME=str(tmp / "data"))
        log = tmp / "app.log"
        try:
            warm, _ = one_start(exe, env, log)
            runs = [one_start(exe, env, log) for _ in range(args.runs)]
        finally:
            xvfb.terminate()
            xvfb.wait()
    times = [wall for wall, _ in runs]
    median = statistics.median(times)
    missed |= median > TARGET_START_S
    load = os.getloadavg()[0]
    print(f"Start-up to visible window (Xvfb, warm cache; warm-up run {warm:.3f} s)")
    print(f"    runs:   {', '.join(f'{t:.3f}' for t in times)} s")
    print(f"    median: {median:.3f} s   (target <= {TARGET_START_S:.1f} s: "
          f"{verdict(median, TARGET_START_S)})")
    print(f"    CPU time used by then (median): {statistics.median(c for _, c in runs):.3f} s; "
          f"load average {load:.2f} on {os.cpu_count()} CPUs"
          + ("  (busy machine: wall times are inflated)" if load > 0.5 * (os.cpu_count() or 1)
             else ""))

    size = tree_bytes(args.bundle)
    unpacked = size / MB
    missed |= unpacked > TARGET_UNPACKED_MB
    print(f"Bundle {args.bundle.name}/: {unpacked:.1f} MiB ({size / 1e6:.1f} MB) unpacked   "
          f"(target <= {TARGET_UNPACKED_MB:.0f} MiB: {verdict(unpacked, TARGET_UNPACKED_MB)})")
    archives = sorted(args.bundle.parent.glob(f"{args.bundle.name}-*-linux-*.tar.gz"),
                      key=lambda p: p.stat().st_mtime)
    if archives:
        size = archives[-1].stat().st_size
        packed = size / MB
        missed |= packed > TARGET_ARCHIVE_MB
        print(f"Archive {archives[-1].name}: {packed:.1f} MiB ({size / 1e6:.1f} MB)   "
              f"(target <= {TARGET_ARCHIVE_MB:.0f} MiB: {verdict(packed, TARGET_ARCHIVE_MB)})")
    else:
        print("Archive: none found next to the bundle (packaging/build.py writes it on Linux)")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
