"""The one place that names icons.

Actions ask for an icon by the freedesktop theme name; where the platform has no icon
theme (Windows, macOS, a bare Linux) nothing breaks: Qt's built-in standard icons stand in.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from timeline_app.paths import resource_path

__all__ = ["app_icon", "icon"]

_SP = QStyle.StandardPixmap
_FALLBACKS: dict[str, QStyle.StandardPixmap] = {
    "document-new": _SP.SP_FileIcon,
    "document-open": _SP.SP_DialogOpenButton,
    "document-save": _SP.SP_DialogSaveButton,
    "document-save-as": _SP.SP_DialogSaveButton,
    "document-export": _SP.SP_DriveFDIcon,
    "edit-undo": _SP.SP_ArrowBack,
    "edit-redo": _SP.SP_ArrowForward,
    "go-jump": _SP.SP_FileDialogContentsView,
    "view-filter": _SP.SP_FileDialogListView,
    "help-about": _SP.SP_MessageBoxInformation,
    "application-exit": _SP.SP_DialogCloseButton,
}


_DRAWN = {"zoom-in", "zoom-out", "zoom-fit-best"}


def _magnifier(name: str) -> QIcon:
    """Zoom icons drawn in the palette's text colour: no platform has a standard pixmap."""
    result = QIcon()
    color = QApplication.palette().color(QPalette.ColorRole.WindowText)
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        k = size / 24.0
        p.setPen(QPen(color, 2.0 * k, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawEllipse(QRectF(3 * k, 3 * k, 13 * k, 13 * k))
        p.drawLine(QPointF(14.5 * k, 14.5 * k), QPointF(21 * k, 21 * k))
        c = 9.5 * k
        if name in ("zoom-in", "zoom-out"):
            p.drawLine(QPointF(c - 3.5 * k, c), QPointF(c + 3.5 * k, c))
        if name == "zoom-in":
            p.drawLine(QPointF(c, c - 3.5 * k), QPointF(c, c + 3.5 * k))
        if name == "zoom-fit-best":
            p.drawRect(QRectF(c - 3 * k, c - 2.5 * k, 6 * k, 5 * k))
        p.end()
        result.addPixmap(pixmap)
    return result


def icon(name: str) -> QIcon:
    themed = QIcon.fromTheme(name)
    if not themed.isNull():
        return themed
    if name in _DRAWN:
        return _magnifier(name)
    fallback = _FALLBACKS.get(name)
    style = QApplication.style()
    if fallback is not None and style is not None:
        return style.standardIcon(fallback)
    return QIcon()


def app_icon() -> QIcon:
    """The application icon, from the PNG sizes shipped in resources/icons."""
    result = QIcon()
    folder = resource_path("icons")
    for png in sorted(folder.glob("conflict-timeline-*.png")):
        result.addFile(str(png))
    return result
