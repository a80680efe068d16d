"""The window follows the system's light or dark mode, and the timeline stays readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.gui.timeline.renderer import RenderStyle, lane_colors
from timeline_app.gui.window.color_scheme import SchemeFollower
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_window_turns_dark_with_the_system_and_back(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    follower = SchemeFollower(app)
    light_window = window.palette().color(QPalette.ColorRole.Window)
    try:
        follower.apply(Qt.ColorScheme.Dark)
        qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness()
                        < 80)
        for scheme in ("dark", "light"):
            if scheme == "light":
                follower.apply(Qt.ColorScheme.Light)
                qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window)
                                == light_window)
            view = window.timeline
            style = RenderStyle.from_palette(view.palette(), view.font())
            assert contrast(style.text, style.background) >= 7, scheme  # titles
            assert contrast(style.text, style.lane_alt) >= 7, scheme
            for colour in lane_colors(window.session.document).values():
                # a marker's fill, or its outline (drawn darker), stands out 3:1
                outline = colour.darker(140)
                assert max(contrast(colour, style.background),
                           contrast(outline, style.background)) >= 3, (scheme, colour.name())
            # and the view is painted with it
            image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
            frame = view.current_frame()
            bg = image.pixelColor(int(frame.width - 5), int(frame.lanes[0].y1 - 5))
            assert (bg.lightness() < 80) == (scheme == "dark")
    finally:
        follower.apply(Qt.ColorScheme.Light)
    assert not follower.ours


def test_a_palette_the_theme_made_dark_is_left_alone(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    themed = QPalette(before)
    themed.setColor(QPalette.ColorRole.Window, QColor("#101010"))
    app.setPalette(themed)
    try:
        follower = SchemeFollower(app)
        follower.apply(Qt.ColorScheme.Dark)
        assert not follower.ours
        assert app.palette().color(QPalette.ColorRole.Window) == QColor("#101010")
    finally:
        app.setPalette(before)
