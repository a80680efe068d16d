"""Take the screenshots in this folder: ``python docs/screenshots/take.py`` from the root.

Runs the window on the default timeline and on ``sample-15-events.json`` (a fictional
15-event, 4-actor timeline), in the light and the dark palette, with the legend open,
and saves 256-colour PNGs.  It needs a display (for example ``Xvfb :57`` and
``DISPLAY=:57 QT_QPA_PLATFORM=xcb``) and ImageMagick's ``convert`` to make the files small.
The dark palette is the one the window takes when the system reports dark mode.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHOTS = [("default", ROOT / "events.json", "offensive-on-tripoli"),
         ("sample-15-events", HERE / "sample-15-events.json", "siege-of-kessa")]


def shoot(path: Path, out: Path, scheme: str, select: str) -> None:
    from PySide6.QtCore import QSettings, Qt, QTimer

    from timeline_app.gui.window.app import make_application
    from timeline_app.gui.window.color_scheme import SchemeFollower
    from timeline_app.gui.window.main_window import MainWindow

    app = make_application([sys.argv[0]])
    SchemeFollower(app).apply(Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(path, settings=settings)
        window.resize(1400, 820)
        window.show()
        window.legend.show()
        window.resizeDocks([window.legend], [300], Qt.Orientation.Horizontal)

        def grab() -> None:
            window.session.select(select)
            app.processEvents()
            window.grab().save(str(out))
            app.quit()

        QTimer.singleShot(800, grab)
        app.exec()


def main() -> None:
    if len(sys.argv) == 5:  # one screenshot, in a process of its own
        shoot(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4])
        return
    for name, path, select in SHOTS:
        for scheme in ("light", "dark"):
            out = HERE / f"{name}-{scheme}.png"
            subprocess.run([sys.executable, __file__, str(path), str(out), scheme, select],
                           check=True)
            subprocess.run(["convert", str(out), "-strip", "-colors", "256", f"PNG8:{out}"],
                           check=True)
            print(out.relative_to(ROOT))


if __name__ == "__main__":
    main()
