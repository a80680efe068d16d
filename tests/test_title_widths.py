"""The window measures every title while idle, with the widths the layout would find."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from timeline_app.gui.window.main_window import MainWindow


def test_every_title_is_measured_after_an_open(window: MainWindow, qtbot: QtBot) -> None:
    view = window.timeline
    qtbot.waitUntil(lambda: view._title_widths.done)
    window.hide()  # no paint measures anything from here on
    view.renderer._widths.clear()
    window.files.open_path(window.session.path)  # File > Open of the same file
    assert not view._title_widths.done
    qtbot.waitUntil(lambda: view._title_widths.done)
    widths = view.renderer._widths
    titles = [ev.title for ev in window.session.document.events]
    assert titles and all(title in widths for title in titles)
    metrics = view.renderer._metrics
    assert all(widths[t] == metrics.horizontalAdvance(t) for t in titles)
