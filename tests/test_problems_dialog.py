"""The problems dialog lists every problem exactly as given and copies them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from timeline_app.gui.dialogs.problems_dialog import ProblemsDialog

SUMMARY = "events.json could not be opened: 3 problems. Nothing was changed."
LINES = [
    "events.json:4:12: events[0].start: '2019-13' is not a date <b>bold</b>",
    'events.json:9:3: sources[1].url: <a href="file:///etc/passwd">x</a>',
    "events.json:17:5: events[2].title:   leading spaces and a tab\there <img src=x>",
]


def make_dialog(qtbot: QtBot) -> ProblemsDialog:
    dialog = ProblemsDialog("Could not open events.json", SUMMARY, LINES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_lists_every_line_literally(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.objectName() == "problemsDialog"
    assert dialog.windowTitle() == "Could not open events.json"
    summary = dialog.findChild(QLabel, "problemsSummary")
    assert summary.text() == SUMMARY
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or label.text() == ""
    text = dialog.findChild(QPlainTextEdit, "problemsText")
    assert text.isReadOnly()
    assert text.toPlainText().split("\n") == LINES
    metrics = QFontMetrics(text.font())
    assert metrics.horizontalAdvance("iiii") == metrics.horizontalAdvance("MMMM")


def test_copy_puts_summary_and_lines_on_the_clipboard(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.findChild(QPushButton, "copyButton"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "\n".join([SUMMARY, "", *LINES])
    assert dialog.isVisible()


def test_close_rejects(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    with qtbot.waitSignal(dialog.finished, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "closeButton"), Qt.MouseButton.LeftButton)
    assert blocker.args == [QDialog.DialogCode.Rejected.value]
    assert not dialog.isVisible()


def test_a_long_problem_wraps_instead_of_hiding_behind_a_scrollbar(qtbot: QtBot) -> None:
    long_line = ("events.json:3:14: events[0].title: " + "a very long value " * 20
                 + "/" + "x" * 200)
    dialog = ProblemsDialog("Could not open events.json", SUMMARY, [long_line])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.findChild(QPlainTextEdit, "problemsText")
    assert text.horizontalScrollBar().maximum() == 0
    assert not text.horizontalScrollBar().isVisible()
    assert text.document().blockCount() == 1
    assert text.document().firstBlock().layout().lineCount() > 2  # wrapped on screen
    assert text.toPlainText() == long_line  # but the text is unchanged (Copy gives it whole)
