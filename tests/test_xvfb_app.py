"""Start the real application in a real X window (Xvfb), look at it, and close it.

Offscreen tests cannot show that the program starts from its entry point, maps a
window with the right title and draws something; this does, the way a user starts it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]

ROOT = Path(__file__).resolve().parent.parent

GRAB = r"""
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
image.save(sys.argv[1])
colors = {image.pixel(x, y)
          for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
print(len(colors))
"""


def _free_display() -> int:
    for n in range(91, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb() -> Iterator[dict[str, str]]:
    xvfb_bin = shutil.which("Xvfb")
    assert xvfb_bin, "Xvfb is missing: ./dev test installs it (Debian package xvfb)"
    assert shutil.which("xdotool"), "xdotool is missing: ./dev test installs it"
    n = _free_display()
    proc = subprocess.Popen([xvfb_bin, f":{n}", "-screen", "0", "1600x1000x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        assert proc.poll() is None, "Xvfb exited"
        assert time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=f":{n}", QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(ROOT / "build" /
                                                                              "xvfb-config"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    try:
        yield env
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_real_window_starts_shows_the_timeline_and_closes(
    xvfb: dict[str, str], tmp_path: Path
) -> None:
    shutil.rmtree(xvfb["XDG_CONFIG_HOME"], ignore_errors=True)
    app = subprocess.Popen([sys.executable, "-m", "timeline_app"], env=xvfb, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "events.json"],
            env=xvfb, capture_output=True, text=True, timeout=20,
        )
        assert found.returncode == 0, found.stderr
        wid = found.stdout.split()[0]
        name = subprocess.run(["xdotool", "getwindowname", wid], env=xvfb,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        assert name == "events.json (read-only) — Conflict Timeline"  # the sample
        time.sleep(1.0)  # let it paint
        shot = tmp_path / "screenshot.png"
        grab = subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=xvfb,
                              capture_output=True, text=True, timeout=30)
        assert grab.returncode == 0, grab.stderr
        assert int(grab.stdout.strip()) > 50, "the screen is blank"
        assert shot.stat().st_size > 20_000
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=xvfb, timeout=10)
        subprocess.run(["xdotool", "key", "--window", wid, "ctrl+q"], env=xvfb, timeout=10)
        assert app.wait(timeout=15) == 0
    finally:
        if app.poll() is None:
            app.kill()
        _, err = app.communicate(timeout=10)
    assert "Traceback" not in err, err
