"""How the tests drive the main window as a user would: find an action, fill the dialog
an action opens, answer the questions it asks by clicking, select words of the article
with the mouse, drop a file; find the timeline view, click an event in it, turn the mouse
wheel over it, edit an event in the event editor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QTextCursor, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.panes.source_view import SourceView
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow

SB = QMessageBox.StandardButton


def action(window: MainWindow, name: str) -> QAction:
    """The window's action with object name ``name``."""
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def wait_saved(window: MainWindow, timeout: float = 20.0) -> None:
    """Let the event loop run until the saves File > Save started on the worker have ended
    (their outcome arrives through the event loop, as it does for the user)."""
    import time

    deadline = time.monotonic() + timeout
    while window.files.saver.running:
        assert time.monotonic() < deadline, "the save did not end"
        QApplication.processEvents()
        time.sleep(0.002)


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


def open_window(qtbot: QtBot, path: Path, settings: QSettings,
                size: tuple[int, int] = (1400, 860)) -> MainWindow:
    """The main window opened on ``path``, shown at ``size`` and exposed."""
    win = MainWindow(path, settings=settings)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


def view_of(win: MainWindow) -> TimelineView:
    """The window's timeline view."""
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    return view


def click_event(qtbot: QtBot, view: TimelineView, event_id: str) -> None:
    """Click the middle of ``event_id``'s box in ``view``."""
    rect = view.event_rect(event_id)
    assert rect is not None, f"{event_id} is not drawn"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def wheel(view: TimelineView, pos: QPointF, delta: int) -> None:
    """Turn the mouse wheel by ``delta`` (120 a notch, away from the user) at ``pos``."""
    event = QWheelEvent(
        pos, view.mapToGlobal(pos), QPoint(0, 0), QPoint(0, delta),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def edit_in_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch, event_id: str,
                   fill: Callable[[EventEditor], None]) -> None:
    """Edit > Edit Event on ``event_id``, the form filled by ``fill(editor)`` and accepted."""

    def fill_and_accept(editor: EventEditor) -> int:
        fill(editor)
        editor.accept()
        return editor.result()

    monkeypatch.setattr(EventEditor, "exec", fill_and_accept)
    window.session.select(event_id)
    window.actions_.edit_event.trigger()


class Answers:
    """Answers the modal dialogs the window opens, in order, by clicking a button: a
    standard button, or a button's object name.  A dialog nobody expected is cancelled
    and recorded, so that a test sees every question that was asked."""

    def __init__(self) -> None:
        self.queue: list[SB | str | object] = []
        self.seen: list[tuple[str, str]] = []  # (object name, text) of each dialog
        self.formats: list[Qt.TextFormat] = []  # how each message box shows its text
        # left open by another test: not this test's to answer
        self.ignored = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def expect(self, *answers: SB | str | object) -> Answers:
        self.queue.extend(answers)
        return self

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if box is None or not box.isVisible() or isinstance(box, QFileDialog) \
                or any(box is w for w in self.ignored):
            return
        if isinstance(box, EventEditor):
            return  # the test that opens it fills it in
        text = box.text() if isinstance(box, QMessageBox) else box.windowTitle()
        if isinstance(box, QMessageBox):
            self.formats.append(box.textFormat())
        self.seen.append((box.objectName(), text))
        answer = self.queue.pop(0) if self.queue else SB.Cancel
        if callable(answer):
            answer(box)
            return
        button = (box.button(answer) if isinstance(answer, SB)
                  else box.findChild(QPushButton, answer))
        assert button is not None, f"no button {answer} in {box.objectName()}"
        button.click()

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]
