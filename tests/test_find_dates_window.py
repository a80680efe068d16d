"""Find Dates in the window, through the widgets: from a new timeline with the bare
article as its source, the toggle marks every date with its resolution, and the review
list turns the dated sentences into events, one undoable command each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QToolTip,
)
from pytestqt.qtbot import QtBot
from window_driver import action

from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.window.main_window import MainWindow

SATURDAY = "on Saturday"
APRIL = "on April 4 2019"


@pytest.fixture(autouse=True)
def answer_questions(message_boxes: list) -> None:
    """Any question (unsaved changes on close) is answered with Discard."""


def child(window: MainWindow, kind: type, name: str):
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def new_timeline_with_article(window: MainWindow, article: str, default_timeline: Path) -> None:
    """A new timeline, and the bare article pasted as its source in Add Source."""
    facts = load_path(default_timeline)
    source = getattr(facts, "document", facts).sources[0]
    action(window, "actionNewTimeline").trigger()
    assert window.session.document.events == []

    def fill(dialog: QDialog) -> None:
        try:
            for name, value in (("outletEdit", source.outlet), ("headlineEdit", source.title),
                                ("publishedEdit", "22 December 2020")):
                dialog.findChild(QLineEdit, name).setText(value)
            box = dialog.findChild(QPlainTextEdit, "textEdit")
            QApplication.clipboard().setText(article)
            box.setFocus()
            box.paste()
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, lambda: fill(QApplication.activeModalWidget()))
    action(window, "actionAddSource").trigger()
    assert window.source.current_source().text == article


def turn_on_find_dates(qtbot: QtBot, window: MainWindow) -> QListWidget:
    button = child(window.source, QToolButton, "findDatesButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked()
    dock = child(window, QDockWidget, "dateReview")
    assert dock.isVisible()
    return child(dock, QListWidget, "dateReviewList")


def click(qtbot: QtBot, window: MainWindow, name: str) -> None:
    button = child(window.date_review, QPushButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def row_of(listing: QListWidget, words: str) -> int:
    rows = [i for i in range(listing.count()) if words in listing.item(i).text()]
    assert len(rows) == 1, (words, [listing.item(i).text() for i in range(listing.count())])
    return rows[0]


def test_find_dates_marks_every_mention_with_its_resolution(
    qtbot: QtBot, window: MainWindow, article: str, default_timeline: Path,
) -> None:
    new_timeline_with_article(window, article, default_timeline)
    edit = window.source.text_edit()
    assert edit.extraSelections() == []
    turn_on_find_dates(qtbot, window)
    marked = {(s.cursor.selectionStart(), s.cursor.selectionEnd())
              for s in edit.extraSelections()}
    for phrase in (SATURDAY, APRIL, "more than a year ago", "the day after"):
        start = article.index(phrase)
        assert (window.source.qt_position(start),
                window.source.qt_position(start + len(phrase))) in marked, phrase
    assert len(marked) == len(window.source.dates.mentions) == 4

    # The tooltip over "on Saturday" says what it resolves to, as plain text.
    cursor = edit.textCursor()
    cursor.setPosition(window.source.qt_position(article.index(SATURDAY) + 3))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    rect = edit.cursorRect(cursor)
    inside = rect.center()
    inside.setX(rect.left() + 2)
    QApplication.sendEvent(edit.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, inside, edit.viewport().mapToGlobal(inside)))
    assert "2020-12-19" in QToolTip.text() and "Saturday before publication" in QToolTip.text()
    QToolTip.hideText()

    # Off again: the marks go, and the review list with them.
    qtbot.mouseClick(child(window.source, QToolButton, "findDatesButton"),
                     Qt.MouseButton.LeftButton)
    assert edit.extraSelections() == [] and not window.date_review.isVisible()


def test_accepting_the_proposals_gives_the_dated_events_with_exact_citations(
    qtbot: QtBot, window: MainWindow, article: str, default_timeline: Path,
) -> None:
    new_timeline_with_article(window, article, default_timeline)
    listing = turn_on_find_dates(qtbot, window)
    assert listing.count() == 4
    stack = window.session.undo_stack

    # Accept the Saturday visit: one command; undo takes it back and re-proposes it.
    listing.setCurrentRow(row_of(listing, "2020-12-19"))
    click(qtbot, window, "acceptProposalButton")
    (visit,) = window.session.document.events
    assert visit.start.iso() == "2020-12-19" and visit.end is None
    (cite,) = visit.citations
    assert article[cite.start:cite.end] == cite.quote and (cite.start, cite.end) == (71, 353)
    assert "on Saturday" in visit.date_note
    assert listing.count() == 3
    assert stack.undoText().startswith("Add “The head of General Intelligence")
    action(window, "actionUndo").trigger()
    assert window.session.document.events == [] and listing.count() == 4

    # An unresolved date cannot be accepted as it is; rejecting drops it.
    listing.setCurrentRow(row_of(listing, "no date  Haftar’s militia has suffered"))
    assert not child(window.date_review, QPushButton, "acceptProposalButton").isEnabled()
    click(qtbot, window, "rejectProposalButton")
    assert listing.count() == 3

    # Accept All: every sure proposal, as one undoable step.
    before = stack.index()
    click(qtbot, window, "acceptAllProposalsButton")
    events = window.session.document.events
    assert sorted(e.start.iso() for e in events) == ["2019-04-04", "2020-12-19"]
    assert stack.index() == before + 1
    for event in events:
        (cite,) = event.citations
        assert article[cite.start:cite.end] == cite.quote
    offensive = next(e for e in events if e.start.iso() == "2019-04-04")
    # The clause that carries the date, not the whole sentence.
    assert offensive.citations[0].quote == ("Haftar’s militia launched, on April 4 2019, an "
                                            "attack that failed to control Tripoli")
    assert listing.count() == 1  # the open-start sentence is left for the analyst
    action(window, "actionUndo").trigger()
    assert window.session.document.events == []


def test_edit_opens_the_editor_on_a_proposal_without_a_date(
    qtbot: QtBot, window: MainWindow, article: str, default_timeline: Path,
) -> None:
    new_timeline_with_article(window, article, default_timeline)
    listing = turn_on_find_dates(qtbot, window)
    listing.setCurrentRow(row_of(listing, "no date  Cairo is one of"))
    seen: dict[str, str] = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog.objectName() == "eventEditor"
            start = dialog.findChild(QLineEdit, "startEdit")
            seen["start"] = start.text()
            start.setText("2019-04-04")
            dialog.findChild(QLineEdit, "endEdit").setText("2020-06-04")
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill)
    click(qtbot, window, "editProposalButton")
    assert seen["start"] == ""  # never a guessed date in the field
    (event,) = window.session.document.events
    assert (event.start.iso(), event.end.iso()) == ("2019-04-04", "2020-06-04")
    (cite,) = event.citations
    assert cite.quote.startswith("Cairo is one of") and article[cite.start:cite.end] == cite.quote
    assert listing.count() == 3


def test_find_dates_stays_on_at_the_next_start(
    qtbot: QtBot, window: MainWindow, open_window, timeline_copy: Path,
) -> None:
    turn_on_find_dates(qtbot, window)
    window.session.undo_stack.setClean()
    window.close()
    again = open_window(timeline_copy)
    assert again.date_review.isVisible() and again.source.dates.action.isChecked()
    listing = child(again.date_review, QListWidget, "dateReviewList")
    # The shipped timeline cites every date of the article already: none is proposed again.
    assert listing.count() == 0
    assert "No dated sentence left" in child(again.date_review, QLabel, "dateReviewNote").text()
    assert len(again.source.dates.mentions) == 4
