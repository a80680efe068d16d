"""How the tests drive the main window as a user would: find an action, fill the dialog
an action opens, select words of the article with the mouse, drop a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from timeline_app.gui.panes.source_view import SourceView
from timeline_app.gui.window.main_window import MainWindow


def action(window: MainWindow, name: str) -> QAction:
    """The window's action with object name ``name``."""
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def in_dialog(fill: Callable[[QDialog], None]) -> None:
    """Run ``fill`` on the modal dialog the next action opens, as a user would; the
    dialog is cancelled if ``fill`` leaves it open."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)


def point_in(view: SourceView, offset: int, dx: int = 2) -> QPoint:
    """A viewport point on the character at code point ``offset`` of the shown source
    (``dx`` pixels right of its left edge: 1 is the gap before it, for a selection)."""
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(offset))
    rect = edit.cursorRect(cursor)
    return QPoint(rect.left() + dx, rect.center().y())


def select_words(qtbot: QtBot, window: MainWindow, start: int, end: int) -> QPlainTextEdit:
    """Select code points ``start`` to ``end`` of the shown source with the mouse: the
    passage is brought into view, then dragged across."""
    edit = window.source.findChild(QPlainTextEdit)
    assert edit is not None
    cursor = edit.textCursor()
    cursor.setPosition(window.source.qt_position(start))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    press, release = point_in(window.source, start, 1), point_in(window.source, end, 1)
    assert edit.viewport().rect().contains(release)
    qtbot.mousePress(edit.viewport(), Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(edit.viewport(), release)
    qtbot.mouseRelease(edit.viewport(), Qt.MouseButton.LeftButton, pos=release)
    chosen = edit.textCursor()
    assert (chosen.selectionStart(), chosen.selectionEnd()) == (
        window.source.qt_position(start), window.source.qt_position(end))
    return edit


def drop_file(window: MainWindow, path: Path) -> None:
    """Drag ``path`` from a file manager and drop it on the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
