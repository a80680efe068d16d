"""The view's keys work wherever the focus is in the window, as the README promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListView, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from timeline_app.gui.window.main_window import MainWindow
from timeline_app.gui.window.window_actions import SHORTCUTS_HELP

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def focus_in(qtbot: QtBot, window: MainWindow, where: str) -> QWidget:
    """Click where a user would: in the article's text or in the undo history."""
    window.activateWindow()  # the window the user works in (window shortcuts need it)
    qtbot.waitUntil(window.isActiveWindow)
    if where == "article":
        widget = window.source.text_edit().viewport()
    else:
        window.history.show()  # View > Undo History: a list in a dock of the window
        history = window.history.findChild(QListView)
        assert history is not None
        widget = history.viewport()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    focused = window.focusWidget()
    assert focused is not None and focused is not window.timeline
    return focused


def span(window: MainWindow) -> float:
    t0, t1 = window.timeline.visible_range()
    return t1 - t0


@pytest.mark.parametrize("where", ["article", "history"])
def test_view_keys_work_after_a_click_in_the_side_panes(
    qtbot: QtBot, window: MainWindow, where: str
) -> None:
    doc = window.session.document
    order = [ev.id for ev in sorted(doc.events, key=lambda e: e.start.sort_key())]
    window.session.select(order[0])
    target = focus_in(qtbot, window, where)
    full = span(window)

    qtbot.keyClick(target, Qt.Key.Key_Plus)
    assert span(window) < full
    qtbot.keyClick(target, Qt.Key.Key_Home)
    assert span(window) == pytest.approx(full)
    qtbot.keyClick(target, Qt.Key.Key_Minus)
    assert span(window) > full
    qtbot.keyClick(target, Qt.Key.Key_Home)
    left = window.timeline.visible_range()[0]
    qtbot.keyClick(target, Qt.Key.Key_Right)
    assert window.timeline.visible_range()[0] > left
    qtbot.keyClick(target, Qt.Key.Key_Left)
    assert window.timeline.visible_range()[0] == pytest.approx(left)

    qtbot.keyClick(target, Qt.Key.Key_Tab)
    assert window.session.selected_id == order[1]
    qtbot.keyClick(target, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selected_id == order[0]
    qtbot.keyClick(target, Qt.Key.Key_Home)
    qtbot.keyClick(target, Qt.Key.Key_F)
    ev = window.session.selected_event()
    assert ev is not None
    t0, t1 = window.timeline.visible_range()
    assert t0 < ev.start.to_seconds() < t1 and t1 - t0 < full
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    assert window.session.selected_id is None


def test_the_menus_show_the_keys_the_readme_and_the_help_name(window: MainWindow) -> None:
    readme = README.read_text(encoding="utf-8")
    expected = {"actionZoomIn": "+", "actionZoomOut": "-", "actionZoomToFit": "Home",
                "actionFocusSelection": "F", "actionNextEvent": "Tab",
                "actionPanEarlier": "Left", "actionClearSelection": "Esc"}
    for name, key in expected.items():
        act = window.findChild(QAction, name)
        assert act is not None, name
        assert act.shortcut() == QKeySequence(key), name  # the key the menu shows
        assert act.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    table = readme[readme.index("| to | do |"):]
    for key in ("`+`", "`−`", "`Home`", "`F`", "`Tab`", "`Esc`", "`←`"):
        assert key in table, key
    assert "Ctrl+F`" not in table or "`F`" in table
    assert any(keys == "F" or keys.startswith("F ") for keys, _ in SHORTCUTS_HELP)


def test_keyboard_shortcuts_dialog_puts_keys_and_descriptions_in_aligned_columns(
    qtbot: QtBot,
) -> None:
    dialog = ShortcutsDialog(SHORTCUTS_HELP)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    assert table is not None
    assert table.rowCount() == len(SHORTCUTS_HELP) and table.columnCount() == 2
    lefts = {table.visualItemRect(table.item(r, 1)).left() for r in range(table.rowCount())}
    assert len(lefts) == 1  # every description starts at the same x
    for r, (keys, what) in enumerate(SHORTCUTS_HELP):
        assert table.item(r, 0).text() == keys and table.item(r, 1).text() == what
    assert not re.search(r"\t", "".join(w for _, w in SHORTCUTS_HELP))


def test_help_keyboard_shortcuts_opens_the_aligned_table(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self) or 0)
    help_menu = window.menuBar().actions()[-1].menu()
    (action,) = [a for a in help_menu.actions() if "Keyboard" in a.text()]
    action.trigger()
    assert len(shown) == 1
    table = shown[0].findChild(QTableWidget, "shortcutsTable")
    keys = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Tab / Shift+Tab" in keys and "Esc" in keys
