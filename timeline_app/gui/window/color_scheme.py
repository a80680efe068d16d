"""The window follows the system's light or dark mode.

Where the platform theme hands Qt a dark palette, nothing is to be done: every part of
the window draws with palette roles (the timeline's ``RenderStyle``, the source marks,
the legend).  Where the system says it is dark (``QStyleHints.colorScheme``) but the
style still has a light palette (the Fusion style without a desktop theme), the window
takes a dark palette of its own, and gives it back when the system turns light again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

__all__ = ["SchemeFollower", "dark_palette", "follow_color_scheme"]

_R = QPalette.ColorRole
_DARK = {
    _R.Window: "#2b2b2e", _R.WindowText: "#e8e8ea", _R.Base: "#1f1f22",
    _R.AlternateBase: "#2a2a2e", _R.ToolTipBase: "#2b2b2e", _R.ToolTipText: "#e8e8ea",
    _R.PlaceholderText: "#9d9da3", _R.Text: "#e8e8ea", _R.Button: "#34343a",
    _R.ButtonText: "#e8e8ea", _R.BrightText: "#ff7b72", _R.Light: "#4a4a50",
    _R.Midlight: "#3e3e44", _R.Mid: "#38383d", _R.Dark: "#161618", _R.Shadow: "#000000",
    _R.Highlight: "#3d7bd6", _R.HighlightedText: "#ffffff", _R.Link: "#78aefc",
    _R.LinkVisited: "#b592f5",
}
_DARK_DISABLED = {_R.WindowText: "#7c7c82", _R.Text: "#7c7c82", _R.ButtonText: "#7c7c82",
                  _R.Highlight: "#4a4a50", _R.HighlightedText: "#b0b0b5"}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def _is_dark(palette: QPalette) -> bool:
    return palette.color(_R.Window).lightness() < 128


class SchemeFollower(QObject):
    """Gives the application a dark palette while the system is dark and the style's is
    light; takes it back (the platform's palette again) when the system turns light."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)  # lives as long as the application
        self.app = app
        self.ours = False

    def apply(self, scheme: Qt.ColorScheme) -> None:
        if scheme == Qt.ColorScheme.Dark and not _is_dark(self.app.palette()):
            self.app.setPalette(dark_palette())
            self.ours = True
        elif scheme != Qt.ColorScheme.Dark and self.ours:
            self.app.setPalette(QPalette())  # the platform's own palette again
            self.ours = False


def follow_color_scheme(app: QApplication) -> SchemeFollower:
    """Take the palette for the system's scheme now and whenever it changes."""
    follower = SchemeFollower(app)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(follower.apply)
    follower.apply(hints.colorScheme())
    return follower
