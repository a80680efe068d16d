"""Searching from the window: Ctrl+F, typing, the count, next / previous, the halo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton
from pytestqt.qtbot import QtBot

from bench.synthetic import write_file
from timeline_app.gui.window.main_window import MainWindow


def _words_in(doc, words):
    names = {a.id: a.name for a in doc.actors}
    out = []
    for i, e in enumerate(doc.events):
        text = "\n".join([e.title, e.description, e.location, *e.tags, *e.actors,
                          *(names[a] for a in e.actors),
                          *(c.quote for c in e.citations)]).casefold()
        if all(w in text for w in words.casefold().split()):
            out.append(i)
    return out


def test_ctrl_f_types_a_search_and_enter_walks_the_matches_in_time(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path,
) -> None:
    path = write_file(10_000, tmp_path / "big.json")
    window = open_window(path)
    qtbot.waitUntil(lambda: len(window.session.document.events) == 10_000, timeout=20_000)
    doc = window.session.document
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.findChild(QLineEdit, "searchField")
    assert field is not None and field.hasFocus()
    word = doc.events[4321].location.split()[0]
    qtbot.keyClicks(field, word)
    expected = _words_in(doc, word)
    count = window.findChild(QLabel, "searchCount")
    assert 0 < len(expected) < 10_000
    assert count.text() == f"{len(expected):,} found"
    assert window.timeline.current_frame().marks.matched == frozenset(expected)

    # Enter: the first match in time, then the next; Shift+Enter goes back.
    order = sorted(expected, key=lambda i: (doc.events[i].start_seconds(), i))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.session.selected_id == doc.events[order[0]].id
    assert count.text() == f"1 of {len(expected):,}"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.session.selected_id == doc.events[order[1]].id
    assert count.text() == f"2 of {len(expected):,}"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selected_id == doc.events[order[0]].id
    qtbot.mouseClick(window.findChild(QToolButton, "searchPrevious"), Qt.MouseButton.LeftButton)
    assert window.session.selected_id == doc.events[order[-1]].id  # wraps round
    frame = window.timeline.current_frame()
    assert order[-1] in {m.index for m in frame.markers}  # brought into view, drawn

    # A second word narrows the answer; a word nowhere finds nothing.
    other = doc.events[order[0]].title.split()[0]
    qtbot.keyClicks(field, " " + other)
    both = _words_in(doc, f"{word} {other}")
    assert count.text().endswith(f"{len(both):,}") or count.text() == f"{len(both):,} found"
    assert window.timeline.current_frame().marks.matched == frozenset(both)
    field.clear()
    qtbot.keyClicks(field, "qqqzzzxx")
    assert count.text() == "No match"
    assert not window.findChild(QToolButton, "searchNext").isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and window.timeline.current_frame().marks.matched == frozenset()


def test_search_follows_edits_and_f_still_focuses(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.session.document
    n = len(doc.events)
    field = window.findChild(QLineEdit, "searchField")
    count = window.findChild(QLabel, "searchCount")
    word = doc.events[0].title.split()[0]
    qtbot.keyClick(window.timeline, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, word)
    found = _words_in(doc, word)
    assert count.text() == f"{len(found):,} found"
    qtbot.keyClick(field, Qt.Key.Key_Return)  # selects the first match
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_F)  # F is still Focus Selection
    assert not field.hasFocus() and field.text() == word
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)  # the selected match goes
    assert len(window.session.document.events) == n - 1
    assert count.text() == f"{len(found) - 1:,} found"
    assert len(window.timeline.current_frame().marks.matched) == len(found) - 1
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert count.text() == f"1 of {len(found):,}"  # undo brings it back, selected
