"""The one place that names icons.

Actions ask for an icon by the freedesktop theme name; where the platform has no icon
theme (Windows, macOS, a bare Linux) nothing breaks: Qt's built-in standard icons stand in.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from timeline_app.paths import resource_path

__all__ = ["app_icon", "icon"]

_SP = QStyle.StandardPixmap
_FALLBACKS: dict[str, QStyle.StandardPixmap] = {
    "document-open": _SP.SP_DialogOpenButton,
    "document-save": _SP.SP_DialogSaveButton,
    "document-save-as": _SP.SP_DialogSaveButton,
    "document-export": _SP.SP_DriveFDIcon,
    "edit-undo": _SP.SP_ArrowBack,
    "edit-redo": _SP.SP_ArrowForward,
    "zoom-in": _SP.SP_ArrowUp,
    "zoom-out": _SP.SP_ArrowDown,
    "zoom-fit-best": _SP.SP_BrowserReload,
    "go-jump": _SP.SP_FileDialogContentsView,
    "help-about": _SP.SP_MessageBoxInformation,
    "application-exit": _SP.SP_DialogCloseButton,
}


def icon(name: str) -> QIcon:
    themed = QIcon.fromTheme(name)
    if not themed.isNull():
        return themed
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
