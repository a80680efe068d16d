"""A selection in the source view, as code points: the reverse of the code point → UTF-16
table, on text with characters outside the BMP and CRLF line ends."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from timeline_app.core.model import Document, Source
from timeline_app.gui.panes.source_text import code_point_offset, display_text
from timeline_app.gui.panes.source_view import SourceView

TEXT = "Line 😀 one\r\nسطر 𝐁 two\r\n\r\nthree\rfour 🇱🇾 end"


def test_every_code_point_offset_maps_there_and_back() -> None:
    shown, table = display_text(TEXT)
    assert table is not None
    for offset in range(len(TEXT) + 1):
        back = code_point_offset(table, table[offset])
        # the "\n" of a "\r\n" shares its position with the next character
        if TEXT[offset - 1:offset + 1] == "\r\n":
            assert back == offset + 1
        else:
            assert back == offset, offset
    assert code_point_offset(None, 5) == 5
    assert code_point_offset(table, utf16(shown, len(shown))) == len(TEXT)


def utf16(text: str, index: int) -> int:
    """Qt's position of ``text[index]``: UTF-16 code units before it."""
    return len(text[:index].encode("utf-16-le")) // 2


def view_with(qtbot: QtBot, text: str) -> SourceView:
    view = SourceView()
    qtbot.addWidget(view)
    view.set_document(Document(sources=[Source("s", text=text)]))
    return view


def select_qt(view: SourceView, start: int, end: int) -> None:
    """Select as the user's drag leaves Qt's cursor: UTF-16 positions."""
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def test_a_selection_across_non_bmp_characters_and_crlf_is_exact(qtbot: QtBot) -> None:
    view = view_with(qtbot, TEXT)
    edit = view.text_edit()
    shown = edit.toPlainText()
    # "😀 one" up to and including the first line end, then the whole second line
    select_qt(view, utf16(shown, shown.index("😀")),
              utf16(shown, shown.index("two") + len("two")))
    selection = view.text_selection()
    assert selection is not None
    assert selection.quote == "😀 one\r\nسطر 𝐁 two"
    assert TEXT[selection.start:selection.end] == selection.quote
    # a selection that starts on the line after a CRLF starts after both characters
    select_qt(view, utf16(shown, shown.index("three")), utf16(shown, shown.index("four")))
    selection = view.text_selection()
    assert selection is not None and selection.quote == "three\r"
    # the flag is two characters outside the BMP: four UTF-16 units
    select_qt(view, utf16(shown, shown.index("🇱🇾")), utf16(shown, shown.index(" end")))
    selection = view.text_selection()
    assert selection is not None and selection.quote == "🇱🇾"
    assert selection.end - selection.start == 2


def test_no_selection_or_blanks_only_is_none(qtbot: QtBot) -> None:
    view = view_with(qtbot, "a \r\n\r\n b")
    assert view.text_selection() is None
    select_qt(view, 1, 4)
    assert view.text_selection() is None


def test_select_text_selects_the_code_points(qtbot: QtBot) -> None:
    view = view_with(qtbot, TEXT)
    start = TEXT.index("𝐁")
    view.select_text(start, start + 5)
    selection = view.text_selection()
    assert selection is not None and selection.quote == "𝐁 two"
