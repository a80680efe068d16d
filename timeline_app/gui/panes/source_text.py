"""Where a source's characters are in Qt's text: code points against UTF-16 positions.

Citations count Unicode code points, Qt counts UTF-16 code units and turns "\\r\\n" into
one paragraph separator.  ``display_text`` builds the text Qt is given and a code point
→ UTF-16 table so that spans land on the cited characters; ``char_at`` finds the
character under the pointer; ``code_point_offset`` maps a position back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QTextLine
from PySide6.QtWidgets import QPlainTextEdit

__all__ = ["TextSelection", "char_at", "code_point_offset", "display_text"]

# Characters whose UTF-16 length or Qt form differs from one code point → one unit.
_NEEDS_TABLE = re.compile("[\r\ud800-\udfff\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class TextSelection:
    """The text the user selected in the shown source: code point offsets and the words."""

    source_id: str
    start: int
    end: int
    quote: str


def display_text(text: str) -> tuple[str, list[int] | None]:
    """The text to give Qt and, when it differs, a code point → UTF-16 position table.

    The table has ``len(text) + 1`` entries (so an exclusive end maps too).  None means
    positions are equal: the common case of BMP text with "\\n" line ends.  "\\r\\n"
    becomes one "\\n" (the newline belongs to the "\\r"), a lone "\\r" becomes "\\n",
    a non-BMP character takes two units, and a lone surrogate (which Qt cannot take)
    becomes U+FFFD.  Qt turns "\\n", "\\u2029", "\\ufdd0" and "\\ufdd1" into one
    paragraph separator each, which keeps the count.
    """
    if not _NEEDS_TABLE.search(text):
        return text, None
    out: list[str] = []
    table: list[int] = []
    pos = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        table.append(pos)
        if ch == "\r":
            out.append("\n")
            pos += 1
            if i + 1 < n and text[i + 1] == "\n":
                table.append(pos)
                i += 1
        elif ord(ch) > 0xFFFF:
            out.append(ch)
            pos += 2
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\ufffd")
            pos += 1
        else:
            out.append(ch)
            pos += 1
        i += 1
    table.append(pos)
    return "".join(out), table


def code_point_offset(table: list[int] | None, qt_pos: int) -> int:
    """The code point offset of UTF-16 position ``qt_pos``: the reverse of ``display_text``'s
    table (None: positions are equal).

    Where several code points map to one position, the last is taken: the "\\n" of a
    "\\r\\n" is never split from its "\\r" (a selection that starts after a line end
    starts after both; one that ends after it ends after both).  A position inside a
    surrogate pair (Qt's cursor never stops there) counts as the character's start.
    """
    if table is None:
        return max(0, qt_pos)
    return max(0, bisect_right(table, qt_pos) - 1)


def char_at(edit: QPlainTextEdit, pos: QPoint) -> int | None:
    """UTF-16 position of the character drawn under viewport point ``pos``, or None.

    Unlike ``cursorForPosition`` (the nearest gap between characters) this is only a
    hit when the point is on the character itself, not beside the end of a line.
    """
    block = edit.cursorForPosition(pos).block()
    if not block.isValid():
        return None
    layout = block.layout()
    geometry = edit.blockBoundingGeometry(block).translated(edit.contentOffset())
    point = QPointF(pos)
    if not geometry.contains(point):
        return None
    local = point - geometry.topLeft() - layout.position()
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        if not line.y() <= local.y() < line.y() + line.height():
            continue
        if not line.x() <= local.x() < line.x() + line.naturalTextWidth():
            return None
        offset = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
        if offset >= block.length() - 1:  # the block separator is not text
            return None
        return block.position() + offset
    return None
