"""Labels the user may select text in: drawn as plain labels until reached for.

A label selectable by mouse lays its text out as a document, several times for each new
text; the details and the source header change a dozen of them on every click.  So a
``PlainLabel`` made selectable becomes so in Qt's terms only when a mouse button is
pressed on it (or its context menu asked for, or a selection set), and must look, size
and behave for the user exactly as a selectable label.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.test_detail_pane import label, make_pane
from timeline_app.gui.plain_text import PaneLabel, plain_label

ARABIC = "قوات حفتر تعلن السيطرة على ترهونة — Tarhuna, 5 June 2020"
TEXTS = [
    "Short.",
    "Egypt's intelligence chief Abbas Kamel visits Haftar in Benghazi to discuss "
    "the offensive on Tripoli and the ceasefire talks in Berlin",
    ARABIC,
    "中文引文：双方同意停火。 and a mixed-direction tail",
    "a" * 240,
    "two\nlines",
]


def _documents(shown: QLabel) -> int:
    """How many text documents Qt keeps for the label (one once it is selectable)."""
    return sum(child.metaObject().className() == "QWidgetTextControl"
               for child in shown.children())


def _pixels(widget: QWidget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.width(), 4).copy()


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [90, 230, 541])
def test_a_label_has_the_same_height_and_pixels_before_and_once_selectable(
    qtbot: QtBot, text: str, width: int
) -> None:
    shown = plain_label(text, label_class=PaneLabel)
    qtbot.addWidget(shown)
    height = shown.heightForWidth(width)
    shown.resize(width, height)
    before = _pixels(shown)
    # Drawn as a plain label; a right-to-left text at once as a document (a plain
    # label places its lines a pixel or two otherwise: it would move under the press).
    assert _documents(shown) == (1 if text is ARABIC else 0)
    assert shown.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse

    shown.setSelection(0, 0)  # as a press would: selectable now, nothing selected
    assert _documents(shown) == 1
    assert shown.heightForWidth(width) == height
    assert np.array_equal(_pixels(shown), before)
    qtbot.addWidget(reference := QLabel())  # and as Qt's own selectable label
    reference.setTextFormat(Qt.TextFormat.PlainText)
    reference.setWordWrap(True)
    reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    reference.setText(text)
    assert reference.heightForWidth(width) == height
    reference.resize(width, height)
    assert np.array_equal(_pixels(reference), before)


def _drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    """Press at ``start``, move to ``end`` with the button held, release there."""
    for kind, at, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton),
    ):
        QApplication.sendEvent(widget, QMouseEvent(
            kind, QPointF(at), QPointF(widget.mapToGlobal(at)), Qt.MouseButton.LeftButton,
            buttons, Qt.KeyboardModifier.NoModifier))


def test_dragging_over_a_detail_selects_it_and_ctrl_c_copies_it(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.activateWindow()  # a click gives focus in the window the user works in
    qtbot.waitUntil(pane.isActiveWindow)
    pane.show_event(doc.events[0])
    title = label(pane, "titleLabel")
    assert _documents(title) == 0
    line = title.fontMetrics().height() // 2
    _drag(title, QPoint(1, line), QPoint(title.width() - 2, line))
    assert title.hasSelectedText()
    selected = title.selectedText()
    assert len(selected) > 5 and title.text().startswith(selected)
    assert title.hasFocus()  # taken on the press, as by a selectable label
    qtbot.keyClick(title, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == selected

    pane.show_event(doc.events[1])  # a new text: nothing selected, plain again
    assert title.text() == doc.events[1].title
    assert not title.hasSelectedText()
    assert _documents(title) == 0
    assert title.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse


def test_a_click_on_a_quote_still_activates_its_citation(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    quote = pane.findChildren(QLabel, "citationQuote")[1]
    assert _documents(quote) == 0
    with qtbot.waitSignal(pane.citationActivated, timeout=1000) as blocker:
        qtbot.mouseClick(quote, Qt.MouseButton.LeftButton)
    assert blocker.args == ["e1", 1]
    with qtbot.assertNotEmitted(pane.citationActivated, wait=50):  # a drag selects
        line = quote.fontMetrics().height() // 2
        _drag(quote, QPoint(1, line), QPoint(quote.width() - 2, line))
    assert quote.hasSelectedText()


def test_the_context_menu_of_a_detail_offers_copy_and_select_all(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    shown = label(pane, "descriptionLabel")
    at = QPoint(4, 4)
    QApplication.sendEvent(shown, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, at, shown.mapToGlobal(at)))
    menu = QApplication.activePopupWidget()
    assert menu is not None
    texts = [action.text().replace("&", "") for action in menu.actions()]
    menu.close()
    assert any(t.startswith("Copy") for t in texts)
    assert any(t.startswith("Select All") for t in texts)
