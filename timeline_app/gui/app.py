"""Starting the window: the QApplication, its identity and the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from timeline_app import APP_NAME, __version__

__all__ = ["make_application", "run_app"]


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings and the desktop file agree."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("ConflictTimeline")
    QCoreApplication.setOrganizationDomain("conflict-timeline.org")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setDesktopFileName("conflict-timeline")
    return app


def run_app(path: str | None) -> int:
    app = make_application()
    from timeline_app.gui.icons import app_icon
    from timeline_app.gui.main_window import MainWindow

    app.setWindowIcon(app_icon())
    window = MainWindow(path)
    window.show()
    return app.exec()
