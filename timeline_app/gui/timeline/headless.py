"""Exports from the command line: a Qt GUI application without a window."""

from __future__ import annotations

import os
import sys

from timeline_app.core.fileformat.problems import printable
from timeline_app.core.model import Document

__all__ = ["export_image"]


def export_image(document: Document, out: str, width: int, height: int) -> int:
    """Write ``document`` fitted to ``width`` × ``height`` as PNG; return the exit code.

    Whatever goes wrong is one line on stderr (the file name escaped) and status 1.
    """
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from timeline_app.gui.timeline.export import ExportError, render_image, save_png

    # Fonts and images need a GUI application; it lives until the process ends.
    _app = QGuiApplication.instance() or QGuiApplication(["timeline-app"])
    try:
        image = render_image(document, width, height)
    except ExportError as exc:
        print(printable(f"{out}: not written: {exc}"), file=sys.stderr)
        return 1
    try:
        save_png(image, out)
    except ExportError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 1
    return 0
