"""Find Dates in the source view: every date mention of the shown article marked, with
its resolution as a tooltip.

The finder is the core's (``core.dates.mentions.find_mentions``), run on the shown
source against its publication date when the toggle is on (and again when another
source is shown).  Mentions are marked in a violet of their own with a dotted underline:
never the amber (or teal) of citations nor the palette's selection colour, so a date
reads as a date inside a cited passage too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolButton, QWidget

from timeline_app.core.dates.mention_types import Mention
from timeline_app.core.dates.mentions import find_mentions
from timeline_app.core.model import Source

__all__ = ["DateMarks", "extra_selection", "mention_tooltip"]

SHORTCUT = "Ctrl+Shift+D"


def extra_selection(edit: QTextEdit | object, start: int, end: int,
                    fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    """An extra selection of UTF-16 positions ``start`` to ``end`` of ``edit``'s text."""
    sel = QTextEdit.ExtraSelection()
    cursor = QTextCursor(edit.document())  # type: ignore[attr-defined]
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    sel.cursor = cursor
    sel.format = fmt
    return sel


def mention_tooltip(mention: Mention) -> str:
    """What a mention means, in a few lines of plain text."""
    lines = [mention.explanation]
    if mention.ambiguous and mention.alternatives:
        lines.append("Ambiguous: " + " or ".join(a.iso() for a in mention.alternatives))
    if mention.approximate:
        lines.append("Approximate")
    return "\n".join(lines)


class DateMarks:
    """The Find Dates toggle (``action``, shown by ``button``) and the marks it makes."""

    def __init__(self, parent: QWidget, qt_position: Callable[[int], int]) -> None:
        self._qt_position = qt_position
        self.mentions: list[Mention] = []  # those of the shown source, while on
        self._source: Source | None = None
        self._found_for: Source | None = None
        self._spans: list[tuple[int, int, Mention]] = []
        # Mentions counted from an event, as the document's events date (or refuse)
        # them, by start: set by the window's review list, shown by the tooltip.
        self.counted: dict[int, Mention] = {}
        self.action = QAction("Find &Dates", parent)
        self.action.setObjectName("actionFindDates")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        tip = f"Mark every date in the article and propose events from them ({SHORTCUT})"
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        parent.addAction(self.action)
        self.button = QToolButton(parent)
        self.button.setObjectName("findDatesButton")
        self.button.setDefaultAction(self.action)
        self.button.setAccessibleName("Find Dates")

    @property
    def on(self) -> bool:
        return self.action.isChecked()

    def show_source(self, source: Source | None) -> None:
        """The shown source changed (or the toggle did): find its dates if on."""
        self._source = source
        if not self.on or source is None:
            self.mentions, self._spans, self._found_for = [], [], None
            return
        if self._found_for is not source:
            self.mentions = find_mentions(source.text, source.published)
            self.counted = {}
            self._found_for = source
        self._spans = [(self._qt_position(m.start), self._qt_position(m.end), m)
                       for m in self.mentions]

    def selections(self, edit: QTextEdit | object, palette: QPalette
                   ) -> list[QTextEdit.ExtraSelection]:
        if not self._spans:
            return []
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#4b3a78") if dark else QColor("#e3d4ff"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor("#c9b3ff") if dark else QColor("#5b2fb0"))
        return [extra_selection(edit, a, b, fmt) for a, b, _m in self._spans]

    def mention_at(self, qt_pos: int) -> Mention | None:
        found = next((m for a, b, m in self._spans if a <= qt_pos < b), None)
        return None if found is None else self.counted.get(found.start, found)
