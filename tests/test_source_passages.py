"""The source view as the analyst reads it: their own selection is not a citation, a
clicked passage stays put, and a passage cited by several events steps through them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import point_in

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.gui.panes.source_view import SourceView
from timeline_app.gui.window.main_window import MainWindow

FILLER = "".join(f"Paragraph {i} of background that nobody cites.\n" for i in range(80))
SHARED = "The ceasefire was signed in Geneva by all six delegations."
TEXT = FILLER + SHARED + "\n" + FILLER


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def drag_select(qtbot: QtBot, view: SourceView, start: int, end: int) -> None:
    viewport = view.text_edit().viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_in(view, start))
    qtbot.mouseMove(viewport, point_in(view, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_in(view, end))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_users_selection_is_not_coloured_like_a_citation(
    qtbot: QtBot, window: MainWindow, theme: str
) -> None:
    if theme == "dark":
        palette = QPalette(window.palette())
        for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                             (QPalette.ColorRole.Base, "#1e1e1e"),
                             (QPalette.ColorRole.Text, "#e6e6e6"),
                             (QPalette.ColorRole.WindowText, "#e6e6e6"),
                             (QPalette.ColorRole.Highlight, "#3d6fb6")):
            palette.setColor(role, QColor(colour))
        window.setPalette(palette)
    source = window.source
    ev = window.session.document.events[0]
    window.session.select(ev.id)
    edit = source.text_edit()
    cit = ev.citations[0]
    edit.centerCursor()
    drag_select(qtbot, source, cit.start + 2, cit.end - 2)  # words inside the citation
    assert edit.textCursor().hasSelection()
    selection_colour = edit.palette().color(QPalette.ColorRole.Highlight)
    assert selection_colour == window.palette().color(QPalette.ColorRole.Highlight)
    marks = {s.format.background().color().rgb() for s in edit.extraSelections()}
    assert marks, "the citations are marked"
    for mark in marks:
        a, b = QColor(mark), selection_colour
        distance = (abs(a.red() - b.red()) + abs(a.green() - b.green())
                    + abs(a.blue() - b.blue()))
        assert distance > 150, (QColor(mark).name(), selection_colour.name())


def six_events_one_passage() -> Document:
    source = Source("s1", title="Report", text=TEXT)
    start = TEXT.index(SHARED)
    events = [Event(f"e{i}", f"Delegation {i} signs", parse_iso(f"2021-03-0{i}"),
                    actors=["a"], citations=[Citation("s1", start, start + len(SHARED), SHARED)])
              for i in range(1, 7)]
    return Document(title="Six", sources=[source], actors=[Actor("a", "A")], events=events)


def make_view(qtbot: QtBot, doc: Document) -> SourceView:
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    view.set_document(doc)
    view.show()
    qtbot.waitExposed(view)
    # as the window does: an activated event becomes the selection, which centres the
    # selected event's passage when it is selected from elsewhere
    view.eventActivated.connect(lambda event_id: view.show_event(doc.event(event_id)))
    return view


def test_clicking_a_passage_keeps_it_where_it_was(qtbot: QtBot) -> None:
    doc = six_events_one_passage()
    view = make_view(qtbot, doc)
    edit = view.text_edit()
    bar = edit.verticalScrollBar()
    start = TEXT.index(SHARED)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(start))
    bar.setValue(cursor.blockNumber() - 2)  # (in lines) the passage near the top
    before = bar.value()
    assert 0 < before < bar.maximum()
    target = point_in(view, start + 10)
    assert edit.viewport().rect().contains(target)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert view.selected_span() == (start, start + len(SHARED))
    assert bar.value() == before
    assert point_in(view, start + 10) == target
    view.show_event(doc.event("e2"))  # selected from the timeline: centred, as before
    assert bar.value() != before


def test_repeated_clicks_cycle_through_the_events_citing_a_passage(qtbot: QtBot) -> None:
    doc = six_events_one_passage()
    view = make_view(qtbot, doc)
    label = view.findChild(QLabel, "passageCycleLabel")
    assert label is not None and not label.isVisible()
    start = TEXT.index(SHARED)
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(start))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    seen = []
    for n in range(1, 8):
        with qtbot.waitSignal(view.eventActivated, timeout=1000) as blocker:
            qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton,
                             pos=point_in(view, start + 10))
        seen.append(blocker.args[0])
        shown = (n - 1) % 6 + 1
        assert label.isVisible()
        assert label.text().startswith(f"{shown} of 6 ")
        assert view.passage_indication() == label.text()
    assert seen == ["e1", "e2", "e3", "e4", "e5", "e6", "e1"]
    view.show_event(None)  # selected otherwise (Esc): no longer cycling
    assert not label.isVisible() and view.passage_indication() == ""
    with qtbot.waitSignal(view.eventActivated, timeout=1000) as blocker:
        qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_in(view, start + 10))
    assert blocker.args == ["e1"] and label.text().startswith("1 of 6 ")


def test_clicking_again_quickly_steps_on_too(qtbot: QtBot) -> None:
    """A second click that comes quickly is a double click: on a marked passage it steps
    to the next event as a slower click does, instead of selecting a word."""
    doc = six_events_one_passage()
    view = make_view(qtbot, doc)
    start = TEXT.index(SHARED)
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(start))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    target = point_in(view, start + 10)
    seen: list[str] = []
    view.eventActivated.connect(seen.append)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=target)
    qtbot.mouseDClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert seen == ["e1", "e2"]
    assert view.passage_indication().startswith("2 of 6 ")
    assert not edit.textCursor().hasSelection()
    # away from any citation a double click still selects a word
    filler = TEXT.index("background")
    cursor.setPosition(view.qt_position(filler))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    qtbot.mouseDClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=point_in(view, filler + 3))
    assert edit.textCursor().selectedText() == "background"
    assert seen == ["e1", "e2"]
