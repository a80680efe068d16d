"""Starting the window: the QApplication, its identity and the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from timeline_app import APP_NAME, __version__
from timeline_app.gui.window.color_scheme import follow_color_scheme

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
    follow_color_scheme(app)
    return app


class FileOpenFilter(QObject):
    """macOS delivers "Open With" and double-clicked documents as QFileOpenEvent."""

    def __init__(self, open_file: Callable[[str], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.open_file = open_file

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.open_file(event.file())
            return True
        return super().eventFilter(watched, event)


def run_app(path: str | None) -> int:
    app = make_application()
    from timeline_app.gui.window.icons import app_icon
    from timeline_app.gui.window.main_window import MainWindow

    app.setWindowIcon(app_icon())
    window = MainWindow(path)
    app.installEventFilter(FileOpenFilter(window.files.open_path, app))
    window.show()
    return app.exec()
