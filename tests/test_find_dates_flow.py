"""Issue 14's "done when", through the widgets: from the bare article, Find Dates and
Accept All give the default timeline's events the article dates, with their exact
citations; once the analyst adds the withdrawal (dated from outside the article) citing
"the announcement of the completion of the liberation of the capital", the Tarhuna
proposal is dated the day after it.  The events are then compared with events.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QToolTip,
)
from pytestqt.qtbot import QtBot
from test_find_dates_window import child, click, new_timeline_with_article, row_of
from test_find_dates_window import turn_on_find_dates as find_dates
from window_driver import action, in_dialog, point_in, select_words

from timeline_app.gui.window.main_window import MainWindow

ANNOUNCEMENT = "the announcement of the completion of the liberation of the capital"
TARHUNA_ROW = "Haftar’s militia has suffered"


@pytest.fixture(autouse=True)
def answer_questions(message_boxes: list) -> None:
    """Any question (unsaved changes on close) is answered with Discard."""


def spans(event) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.quote) for c in event.citations]


def shipped_spans(event: dict) -> list[tuple[int, int, str]]:
    return [(c["start"], c["end"], c["quote"]) for c in event["citations"]]


def tooltip_at(window: MainWindow, offset: int) -> str:
    """The tooltip the source view shows over code point ``offset``."""
    edit = window.source.text_edit()
    cursor = edit.textCursor()
    cursor.setPosition(window.source.qt_position(offset))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    inside = point_in(window.source, offset)
    QApplication.sendEvent(edit.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, inside, edit.viewport().mapToGlobal(inside)))
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def add_event_citing(qtbot: QtBot, window: MainWindow, article: str, words: str,
                     title: str, start: str) -> None:
    """New Event from Selection on ``words``, with the title and date typed in."""
    at = article.index(words)
    select_words(qtbot, window, at, at + len(words))

    def fill(dialog: QDialog) -> None:
        assert dialog.objectName() == "eventEditor"
        dialog.findChild(QLineEdit, "titleEdit").setText(title)
        dialog.findChild(QLineEdit, "startEdit").setText(start)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    in_dialog(fill)
    action(window, "actionEventFromSelection").trigger()


def test_from_the_bare_article_to_the_default_timelines_dated_events(
    qtbot: QtBot, window: MainWindow, article: str, default_timeline: Path,
) -> None:
    shipped = {e["id"]: e for e in json.loads(default_timeline.read_text("utf-8"))["events"]}
    new_timeline_with_article(window, article, default_timeline)
    listing = find_dates(qtbot, window)
    note = child(window.date_review, QLabel, "dateReviewNote")
    doc = window.session

    # Tarhuna: no date yet, and the dock says why.
    listing.setCurrentRow(row_of(listing, "no date  " + TARHUNA_ROW))
    assert not child(window.date_review, type(window.date_review.accept_button),
                     "acceptProposalButton").isEnabled()
    assert ANNOUNCEMENT in note.text() and "does not date" in note.text()
    assert ANNOUNCEMENT in listing.currentItem().toolTip()
    day_after = article.index("the day after") + 4
    assert ANNOUNCEMENT in tooltip_at(window, day_after)  # what it counts from, and why not

    # Accept All: the Saturday visit and the offensive's start, one undoable step.
    click(qtbot, window, "acceptAllProposalsButton")
    events = doc.document.events
    assert sorted(e.start.iso() for e in events) == ["2019-04-04", "2020-12-19"]
    visit = next(e for e in events if e.start.iso() == "2020-12-19")
    # The visit's second sentence, cited as the shipped event does: a click on the visit's
    # passage selects it, then Cite Selection.
    edit = window.source.text_edit()
    at = article.index("The head of General Intelligence")
    cursor = edit.textCursor()
    cursor.setPosition(window.source.qt_position(at))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton,
                     pos=point_in(window.source, at + 5))
    assert doc.selected_id == visit.id
    second = shipped["kamel-visits-benghazi"]["citations"][1]
    select_words(qtbot, window, second["start"], second["end"])
    action(window, "actionCiteSelection").trigger()

    # The withdrawal, dated from outside the article, citing the announcement.
    add_event_citing(qtbot, window, article, ANNOUNCEMENT,
                     "Haftar's forces complete withdrawal from Tripoli", "2020-06-04")
    listing.setCurrentRow(row_of(listing, TARHUNA_ROW))
    assert listing.currentItem().text().startswith("2020-06-05")
    # Undo the withdrawal: the date goes with it; redo brings both back.
    action(window, "actionUndo").trigger()
    assert listing.item(row_of(listing, TARHUNA_ROW)).text().startswith("⚠ no date")
    action(window, "actionRedo").trigger()
    listing.setCurrentRow(row_of(listing, TARHUNA_ROW))
    assert listing.currentItem().text().startswith("2020-06-05")
    assert "the day after 2020-06-04" in note.text()
    assert "Haftar's forces complete withdrawal from Tripoli" in note.text()
    assert "'the day after' → 2020-06-05" in tooltip_at(window, day_after)
    click(qtbot, window, "acceptProposalButton")
    # Undo takes the Tarhuna event back, and the proposal with its date returns.
    action(window, "actionUndo").trigger()
    assert listing.item(row_of(listing, TARHUNA_ROW)).text().startswith("2020-06-05")
    action(window, "actionRedo").trigger()

    made = {e.start.iso(): e for e in doc.document.events}
    assert sorted(made) == ["2019-04-04", "2020-06-04", "2020-06-05", "2020-12-19"]
    kamel, offensive = shipped["kamel-visits-benghazi"], shipped["offensive-on-tripoli"]
    tarhuna, withdrawal = shipped["liberation-of-tarhuna"], shipped["withdrawal-from-tripoli"]
    # Exactly as shipped: the visit's date, citations and date note; Tarhuna's date and
    # citation; the offensive's start and its citation of that start.
    visit = made["2020-12-19"]
    assert (visit.start.iso(), visit.end) == (kamel["start"], None)
    assert spans(visit) == shipped_spans(kamel)
    assert visit.date_note == kamel["date_note"]
    got = made["2020-06-05"]
    assert (got.start.iso(), got.end, spans(got)) == (tarhuna["start"], None,
                                                      shipped_spans(tarhuna))
    assert "the day after 2020-06-04" in got.date_note
    got = made["2019-04-04"]
    assert got.start.iso() == offensive["start"]
    assert spans(got) == shipped_spans(offensive)[:1]
    # The withdrawal cites the announcement as the shipped one does (its other citation
    # and its date come from the analyst).
    assert spans(made["2020-06-04"])[0] in shipped_spans(withdrawal)
    # What is left is the open-start sentence, never given a date.
    assert listing.count() == 1 and listing.item(0).text().startswith("⚠ no date")
    assert "start open" in listing.item(0).toolTip()


def test_a_proposal_cites_the_words_the_analyst_selects(
    qtbot: QtBot, window: MainWindow, article: str, default_timeline: Path,
) -> None:
    new_timeline_with_article(window, article, default_timeline)
    listing: QListWidget = find_dates(qtbot, window)
    note = child(window.date_review, QLabel, "dateReviewNote")
    listing.setCurrentRow(row_of(listing, "2019-04-04"))
    clause = "Haftar’s militia launched, on April 4 2019, an attack that failed to control Tripoli"
    assert window.date_review.current().citation.quote == clause

    # The whole sentence, then back to a few words.
    click(qtbot, window, "citeSentenceProposalButton")
    assert window.date_review.current().citation.quote == (
        "With the support of Arab and European countries, " + clause + ".")
    assert not window.date_review.cite_sentence_button.isEnabled()
    words = "Haftar’s militia launched, on April 4 2019"
    at = article.index(words)
    # Words without the date are not taken: the citation must keep what dates it.
    select_words(qtbot, window, at, at + len("Haftar’s militia launched"))
    click(qtbot, window, "citeWordsProposalButton")
    assert "Select words of the article that hold 'on April 4 2019'" in note.text()
    assert window.date_review.current().citation.quote.startswith("With the support")
    select_words(qtbot, window, at, at + len(words))
    click(qtbot, window, "citeWordsProposalButton")
    listing.setCurrentRow(row_of(listing, "2019-04-04"))
    assert window.date_review.current().citation.quote == words
    assert words in listing.currentItem().toolTip()
    click(qtbot, window, "acceptProposalButton")
    (event,) = window.session.document.events
    (cite,) = event.citations
    assert (cite.start, cite.end, cite.quote) == (at, at + len(words), words)
    assert article[cite.start:cite.end] == words
