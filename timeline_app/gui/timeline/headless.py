"""Exports from the command line: a Qt GUI application without a window."""

from __future__ import annotations

import os
import sys

from timeline_app.core.fileformat.problems import printable
from timeline_app.core.model import Document

__all__ = ["export_image"]


def export_image(document: Document, out: str, options: object) -> int:
    """Write ``document`` to ``out`` as ``options`` say (an ``ExportOptions``); return
    the exit code.

    Whatever goes wrong is one line on stderr (the file name escaped) and status 1: Qt's
    own warnings are kept off the terminal, the error says what happened.
    """
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication

    from timeline_app.gui.timeline.export import ExportError, prepare
    from timeline_app.gui.timeline.export_files import encode, write_bytes

    # Fonts and images need a GUI application; it lives until the process ends.
    _app = QGuiApplication.instance() or QGuiApplication(["timeline-app"])
    previous = qInstallMessageHandler(lambda *_: None)
    try:
        data = encode(prepare(document, options))  # type: ignore[arg-type]
        write_bytes(out, data)
    except ExportError as exc:
        message = str(exc)
        if not message.startswith(os.fspath(out)):
            message = f"{out}: not written: {message}"
        print(printable(message), file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous)
    return 0
