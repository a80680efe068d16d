"""Text from a file, or a file's name, shown as exactly that text and nothing more.

Qt guesses: a tooltip, a message box or an action's tooltip whose text "might be rich
text" (``Qt.mightBeRichText``) is rendered as HTML, so a title such as
``<img src="/some/local.png">`` would make the app read that file and show it.  Every
place that shows text from a file goes through one of these helpers:

* ``plain_tooltip``: tooltip markup that shows the text literally;
* ``message_box`` / ``ask`` / ``inform``: message boxes in plain-text format;
* ``one_line``: a short single line, its control characters and bidi controls shown as
  escapes (``\\u202e``) exactly as the problems list shows them;
* ``capped``: a longer text cut to what a label can lay out quickly;
* ``menu_text``: text for an action or menu item, whose ``&`` would mark a shortcut.

Its labels (``PlainLabel``, ``PaneLabel``) lay their texts out only when and at the
width they are shown: ``HintedBox`` and ``hint_of_layout`` give the size hints of the
widgets that hold them without laying the texts out at another width.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QMargins, QSize, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from timeline_app.core.fileformat.problems import printable

__all__ = [
    "LABEL_CHARS",
    "LABEL_LINES",
    "HintedBox",
    "PaneLabel",
    "PlainLabel",
    "ask",
    "capped",
    "hint_of_layout",
    "inform",
    "menu_text",
    "message_box",
    "one_line",
    "plain_label",
    "plain_tooltip",
]

#: What a label is given at most: a few screens of text.  Laying out a megabyte in a
#: word-wrapped label takes tens of seconds; this takes milliseconds.
LABEL_CHARS = 4000
LABEL_LINES = 80
TOOLTIP_CHARS = 600

StandardButton = QMessageBox.StandardButton


def _cut_note(hidden: int, unit: str) -> str:
    return f" … [{hidden:,} more {unit}{'s' if hidden != 1 else ''}]"


def one_line(text: str, limit: int = 200, *, count: bool = True) -> str:
    """``text`` as one line: escapes for control and bidi characters, at most ``limit``
    characters of it, then a note of how many more there are (or "…" alone when
    ``count`` is false)."""
    if len(text) > limit:
        rest = _cut_note(len(text) - limit, "character") if count else "…"
        return printable(text[:limit]) + rest
    return printable(text)


def capped(text: str, chars: int = LABEL_CHARS, lines: int = LABEL_LINES) -> str:
    """``text`` cut to ``lines`` lines and ``chars`` characters, with a note of what
    was left out; the text itself when it fits."""
    shown = text[:chars]
    # the first `lines` line breaks of any kind a label honours
    count, end = 0, -1
    for i, ch in enumerate(shown):
        if ch in "\n\r\u2028\u2029" and not (ch == "\n" and i and shown[i - 1] == "\r"):
            count += 1
            if count == lines:
                end = i
                break
    if end >= 0:
        shown = shown[:end]
    if len(shown) == len(text):
        return text
    rest = text[len(shown):]
    hidden_lines = rest.count("\n") + rest.count("\r") - rest.count("\r\n")
    hidden_lines += rest.count("\u2028") + rest.count("\u2029")
    if hidden_lines > 1:
        return shown + "\n" + _cut_note(hidden_lines, "line").lstrip()
    return shown + _cut_note(len(rest), "character")


def plain_tooltip(text: str, limit: int = TOOLTIP_CHARS) -> str:
    """Tooltip markup that shows ``text`` literally: escaped, in an explicit rich-text
    paragraph that keeps its spaces and line breaks.  Long texts are cut."""
    if not text:
        return ""
    body = html.escape(capped(text, limit, 12), quote=False)
    return f'<qt><p style="white-space:pre-wrap">{body}</p></qt>'


def menu_text(text: str) -> str:
    """``text`` for an action or a menu, where a single ``&`` marks a shortcut key."""
    return text.replace("&", "&&")


#: A letter of a right-to-left script, or a mark or embedding that makes text run so.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]")
_BY_MOUSE = Qt.TextInteractionFlag.TextSelectableByMouse
_NONE = Qt.TextInteractionFlag.NoTextInteraction


class PlainLabel(QLabel):
    """A label that remembers its height at each width until its text or font changes,
    and whose text becomes selectable only when the user reaches for it.

    Qt's layouts ask a word-wrapped label its height for a width many times per layout
    (the scroll area with and without its scroll bar, minimum and preferred sizes), and a
    selectable label lays its text out as a document each time: the detail pane's labels
    took most of a click.  What changes the height resets the answers.

    A label selectable by mouse (``TextSelectableByMouse``, as ``plain_label`` makes
    them) is more: Qt lays a new text out as a document three to five times (the text,
    its options, its frame, its width), six times what a label that cannot be selected
    costs, which has the same height and draws the same pixels (a test compares them).
    So it is drawn as such a label until a mouse button is pressed on it, its context
    menu asked for or a selection set, and it becomes selectable then, in time for that
    press to start the selection; a new text makes it plain again (a right-to-left one
    excepted, see ``setText``).  It takes focus on a press, as a selectable label does
    (then Ctrl+C copies what is selected), and ``textInteractionFlags`` says what the
    user can do with it: select it with the mouse."""

    _heights: dict[int, int] | None = None
    _by_mouse = False  # selectable by mouse, as the user sees it
    _live = False  # ... and selectable in Qt's terms now

    def heightForWidth(self, width: int) -> int:
        heights = self._heights
        if heights is None:
            heights = self._heights = {}
        height = heights.get(width)
        if height is None:
            height = heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights = None
            # What was selected goes with the old text.  A right-to-left text is laid
            # out as a document at once: a plain label places its lines a pixel or two
            # otherwise, and the text would move under the press.
            self._set_live(_RIGHT_TO_LEFT.search(text) is not None)
            super().setText(text)

    def clear(self) -> None:
        self._heights = None
        self._set_live(False)
        super().clear()

    def setWordWrap(self, on: bool) -> None:
        self._heights = None
        super().setWordWrap(on)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._heights = None
        super().setTextFormat(text_format)

    def setTextInteractionFlags(self, flags: Qt.TextInteractionFlag) -> None:
        self._heights = None
        self._by_mouse = flags == _BY_MOUSE
        self._live = False
        if self._by_mouse:
            super().setTextInteractionFlags(_NONE)
            self._set_live(_RIGHT_TO_LEFT.search(self.text()) is not None)
        else:
            super().setTextInteractionFlags(flags)

    def textInteractionFlags(self) -> Qt.TextInteractionFlag:
        return _BY_MOUSE if self._by_mouse else super().textInteractionFlags()

    def setSelection(self, start: int, length: int) -> None:
        self._set_live(True)
        super().setSelection(start, length)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._by_mouse and not self._live:
            self._set_live(True)
            self.setFocus(Qt.FocusReason.MouseFocusReason)  # as the click would have
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._set_live(True)  # Copy and Select All, as a selectable label offers
        super().contextMenuEvent(event)

    def _set_live(self, live: bool) -> None:
        """Make the label selectable in Qt's terms (True), or draw it as a plain one."""
        if not self._by_mouse or live == self._live:
            return
        self._live = live
        self._heights = None  # the same heights, but laid out another way
        # (Qt gives a selectable label its focus policy: taken on a click.  A label
        # that takes focus is laid out as a document even when it cannot be selected,
        # so the plain one takes none; the press that makes it selectable gives it.)
        super().setTextInteractionFlags(_BY_MOUSE if live else _NONE)

    def setMargin(self, margin: int) -> None:
        self._heights = None
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:
        self._heights = None
        super().setIndent(indent)

    def setContentsMargins(self, *margins: int | QMargins) -> None:  # type: ignore[override]
        self._heights = None
        super().setContentsMargins(*margins)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LayoutDirectionChange):
            self._heights = None
        super().changeEvent(event)


PANE_LABEL_WIDTH = 160  # the one-line size hints of a PaneLabel
PANE_LABEL_MIN_WIDTH = 24


class PaneLabel(PlainLabel):
    """A word-wrapped label in a pane whose width the layout decides (the details):
    its size hints say one line of some width without laying the text out (a changed
    text otherwise costs three layouts for hints the pane does not use); its height
    comes from ``heightForWidth``."""

    def sizeHint(self) -> QSize:
        return QSize(PANE_LABEL_WIDTH, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(PANE_LABEL_MIN_WIDTH, self.fontMetrics().height())


def hint_of_layout(widget: QWidget) -> QSize:
    """``widget``'s size hint from its layout's hints alone, for a widget of
    ``PaneLabel``s: Qt's own adds the height its wrapped labels would take at the hint's
    width, laying every text out at a width the pane never has (a third of a click's
    text layouts in the details).  Its height comes from ``heightForWidth`` anyway."""
    layout = widget.layout()
    m = widget.contentsMargins()
    hint = layout.sizeHint() if layout is not None else QSize(0, 0)
    return hint + QSize(m.left() + m.right(), m.top() + m.bottom())


class HintedBox(QWidget):
    """A widget of wrapped labels whose size hint is its layout's (``hint_of_layout``)."""

    def sizeHint(self) -> QSize:
        return hint_of_layout(self)


def plain_label(text: str = "", *, selectable: bool = True, wrap: bool = True,
                label_class: type[PlainLabel] = PlainLabel) -> PlainLabel:
    """A QLabel that can never interpret its text as HTML or open a link."""
    label = label_class()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        if selectable
        else Qt.TextInteractionFlag.NoTextInteraction
    )
    label.setText(text)
    return label


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons: StandardButton = StandardButton.Ok,
                parent: QWidget | None = None,
                default: StandardButton = StandardButton.NoButton) -> QMessageBox:
    """A message box that shows ``text`` as plain text (QMessageBox guesses otherwise)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != StandardButton.NoButton:
        box.setDefaultButton(default)
    return box


def ask(parent: QWidget | None, title: str, text: str, buttons: StandardButton,
        default: StandardButton) -> StandardButton:
    """A question in plain text; the button the user chose."""
    box = message_box(QMessageBox.Icon.Question, title, text, buttons, parent, default)
    return StandardButton(box.exec())


def inform(parent: QWidget | None, title: str, text: str,
           icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> None:
    """An error or a warning in plain text, with OK."""
    message_box(icon, title, text, StandardButton.Ok, parent).exec()
