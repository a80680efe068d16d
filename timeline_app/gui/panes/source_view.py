"""The source view: the text of a report with every cited sentence marked.

Analysts check an event against its words, so the view shows the whole article,
marks every span some event cites (faintly, so overlaps read darker) and the selected
event's spans strongly.  Clicking a marked span selects its event.

The text is untrusted: it goes into a ``QPlainTextEdit`` (which has no HTML mode) and
its address is opened only on an explicit click, and only for http and https.

Offsets: citations count Unicode code points, Qt counts UTF-16 code units and turns
"\\r\\n" into one paragraph separator.  ``display_text`` builds the text Qt is given
and a code point → UTF-16 table so that spans land on the cited characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextLine,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.model import Citation, Document, Event, Source
from timeline_app.core.view.citation_index import CitationIndex

__all__ = ["SourceView", "char_at", "display_text"]

OPENABLE_SCHEMES = frozenset({"http", "https"})
FAINT_ALPHA = 70  # of 255: two overlapping spans are visibly darker than one

# Characters whose UTF-16 length or Qt form differs from one code point → one unit.
_NEEDS_TABLE = re.compile("[\r\ud800-\udfff\U00010000-\U0010ffff]")


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


@dataclass(frozen=True, slots=True)
class _Span:
    """One cited span: code point offsets for the model, UTF-16 positions for Qt."""

    start: int
    end: int
    qt_start: int
    qt_end: int
    event_id: str
    title: str
    selected: bool


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally (QToolTip would render tags it finds)."""
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def _plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label that shows untrusted text literally and opens nothing."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


class _ElidedLabel(QLabel):
    """A one-line plain label that elides in the middle, so a long URL cannot widen the pane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(text) if text else "")
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        text = self._full
        if width > 0:
            text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)
        if text != self.text():
            self.setText(text)


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


class SourceView(QWidget):
    """A source's metadata and text, with cited spans marked and clickable.

    ``eventActivated(event_id)`` is emitted when the user clicks a marked span (the
    innermost one where spans overlap); the window decides what selecting means and
    calls ``show_event`` back.  ``url_opener`` opens the address; tests replace it.
    """

    eventActivated = Signal(str)
    sourceChanged = Signal(str)  # the id of the source now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.setAccessibleName("Source text")
        self.url_opener: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._document = Document()
        self._source: Source | None = None
        self._table: list[int] | None = None
        self._qt_length = 0
        self._selected: Event | None = None
        self._spans: list[_Span] = []
        # Per source, built once per document: a click must not walk every event.
        self._cited = CitationIndex.build(self._document)
        self._faint_spans: dict[str, list[_Span]] = {}
        # Per source id: one faint selection per distinct (start, end) in Qt positions.
        self._faint_selections: dict[str, dict[tuple[int, int], QTextEdit.ExtraSelection]] = {}
        self._url = QUrl()
        self._scroll_pending = False
        self._build()
        self._show_source(None)

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self._combo = QComboBox()
        self._combo.setObjectName("sourceCombo")
        self._combo.setAccessibleName("Shown source")
        self._combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._combo.setMinimumContentsLength(16)
        self._combo.currentIndexChanged.connect(self._on_combo)

        self._outlet = _plain_label()
        self._outlet.setObjectName("outletLabel")
        self._outlet.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = QFont(self._outlet.font())
        font.setBold(True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        self._outlet.setFont(font)

        self._headline = _plain_label()
        self._headline.setObjectName("headlineLabel")
        font = QFont(self._headline.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        self._headline.setFont(font)

        self._meta = _plain_label()
        self._meta.setObjectName("metaLabel")
        self._meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self._address = _ElidedLabel()
        self._address.setObjectName("addressLabel")
        self._address.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._open_button = QToolButton()
        self._open_button.setObjectName("openInBrowserButton")
        self._open_button.setText("Open in browser")
        self._open_button.setAutoRaise(True)
        self._open_button.clicked.connect(self._open_address)
        address_row = QHBoxLayout()
        address_row.setContentsMargins(0, 0, 0, 0)
        address_row.setSpacing(6)
        address_row.addWidget(self._address, 1)
        address_row.addWidget(self._open_button, 0)
        self._address_row = QWidget()
        self._address_row.setLayout(address_row)

        header = QWidget()
        header.setObjectName("sourceHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(10, 8, 10, 8)
        head.setSpacing(3)
        head.addWidget(self._combo)
        head.addWidget(self._outlet)
        head.addWidget(self._headline)
        head.addWidget(self._meta)
        head.addWidget(self._address_row)

        # A plain QPlainTextEdit (no subclass): clicks, hover and tooltips are handled
        # by this widget's event filter on it and its viewport.
        self._text = QPlainTextEdit()
        self._text.setObjectName("sourceText")
        self._text.setAccessibleName("Article text")
        self._text.setReadOnly(True)
        self._text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._text.setUndoRedoEnabled(False)
        self._text.setPlaceholderText("No source text")
        self._text.setFrameShape(QFrame.Shape.NoFrame)
        self._text.document().setDocumentMargin(10)
        self._text.viewport().setMouseTracking(True)
        self._text.viewport().installEventFilter(self)
        self._text.installEventFilter(self)
        self._press: QPoint | None = None

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(line)
        layout.addWidget(self._text, 1)

    # --- public API --------------------------------------------------------------------
    def set_document(self, doc: Document, citations: CitationIndex | None = None) -> None:
        """Show ``doc``'s first source, with no event selected.

        ``citations`` is the document's index when the loader thread built it already.
        """
        self._document = doc
        self._selected = None
        if citations is None or citations.document is not doc:
            citations = CitationIndex.build(doc)
        self._cited = citations
        self._faint_spans.clear()
        self._faint_selections.clear()
        self._combo.blockSignals(True)
        self._combo.clear()
        for source in doc.sources:
            label = " — ".join(p for p in (source.outlet, source.title) if p) or source.id
            self._combo.addItem(label, source.id)
        self._combo.blockSignals(False)
        self._combo.setVisible(len(doc.sources) > 1)
        self._show_source(doc.sources[0] if doc.sources else None)

    def citations_changed(self, source_ids: Iterable[str]) -> None:
        """The events citing these sources were edited, in the citation index given to
        ``set_document`` (updated in place): their marks are redone when next shown."""
        for source_id in source_ids:
            self._faint_spans.pop(source_id, None)
            self._faint_selections.pop(source_id, None)

    def show_event(self, event: Event | None) -> None:
        """Select ``event``: show the source it cites first and mark its spans strongly.

        An event with no citation in a known source keeps the current source (its
        spans, if any, in that source are still marked).  None clears the selection.
        """
        self._selected = event
        target = self._source
        if event is not None:
            for citation in event.citations:
                source = self._document.source(citation.source)
                if source is not None:
                    target = source
                    break
        if target is not self._source:
            self._show_source(target)
        else:
            self._refresh_spans()
            if event is not None:
                self._scroll_to_selection()

    def show_source(self, source_id: str) -> bool:
        """Show the source with ``source_id`` (keeping the selection); False if unknown."""
        source = self._document.source(source_id)
        if source is None:
            return False
        if source is not self._source:
            self._show_source(source)
        return True

    def current_source(self) -> Source | None:
        return self._source

    def highlighted_spans(self) -> list[tuple[int, int, str, bool]]:
        """Every marked span of the shown source: (start, end, event_id, is_selected)."""
        return [(s.start, s.end, s.event_id, s.selected) for s in self._spans]

    def selected_span(self) -> tuple[int, int] | None:
        """The selected event's first span in the shown source (code points), if any."""
        for span in self._spans:
            if span.selected:
                return span.start, span.end
        return None

    def text_edit(self) -> QPlainTextEdit:
        """The text widget (for tests and for the window's find bar)."""
        return self._text

    def qt_position(self, offset: int) -> int:
        """The UTF-16 position in the text widget of code point ``offset`` of the source."""
        offset = max(0, min(offset, len(self._source.text) if self._source else 0))
        return self._table[offset] if self._table is not None else offset

    # --- showing -----------------------------------------------------------------------
    def _show_source(self, source: Source | None) -> None:
        self._source = source
        if source is None:
            text, self._table = "", None
        else:
            text, self._table = display_text(source.text)
        self._qt_length = self._table[-1] if self._table is not None else len(text)
        self._text.setPlainText(text)
        self._fill_header(source)
        if source is not None:
            index = self._combo.findData(source.id)
            if index >= 0 and index != self._combo.currentIndex():
                self._combo.blockSignals(True)
                self._combo.setCurrentIndex(index)
                self._combo.blockSignals(False)
        self._refresh_spans()
        self._scroll_to_selection()
        if source is not None:
            self.sourceChanged.emit(source.id)

    def _fill_header(self, source: Source | None) -> None:
        if source is None:
            for label in (self._outlet, self._headline, self._meta):
                label.clear()
                label.setVisible(False)
            self._address_row.setVisible(False)
            return
        self._outlet.setText(source.outlet)
        self._outlet.setVisible(bool(source.outlet))
        self._headline.setText(source.title or source.id)
        self._headline.setVisible(True)
        meta = []
        if source.published is not None:
            meta.append(f"Published {source.published.display()}")
        if source.language:
            meta.append(f"Language: {source.language}")
        self._meta.setText(" · ".join(meta))
        self._meta.setVisible(bool(meta))
        self._address.set_full_text(source.url)
        self._address_row.setVisible(bool(source.url))
        self._url = QUrl(source.url)
        openable = (
            bool(source.url)
            and self._url.isValid()
            and self._url.scheme().lower() in OPENABLE_SCHEMES
            and bool(self._url.host())
        )
        self._open_button.setEnabled(openable)
        if openable:
            self._open_button.setToolTip("Open this address in the web browser")
        else:
            scheme = self._url.scheme() if self._url.isValid() else ""
            why = f"“{scheme}:” addresses" if scheme else "This address"
            self._open_button.setToolTip(
                plain_tooltip(
                    f"{why} cannot be opened from here: only http and https web "
                    "addresses are opened in the browser."
                )
            )

    def _open_address(self) -> None:
        """Open the address, re-checked here so a stale enabled state cannot open others."""
        if (
            self._url.isValid()
            and self._url.scheme().lower() in OPENABLE_SCHEMES
            and self._url.host()
        ):
            self.url_opener(QUrl(self._url))

    def _refresh_spans(self) -> None:
        """Recompute the marked spans of the shown source and give them to Qt.

        The faint marks of a source are computed once per document and reused; only the
        selected event's strong marks are made on each selection.
        """
        source = self._source
        if source is None:
            self._spans = []
            self._apply_highlights()
            return
        faint = self._faint_spans.get(source.id)
        if faint is None:
            faint = self._make_spans(source, self._cited.of(source.id))
            self._faint_spans[source.id] = faint
        selected = self._selected
        strong: list[_Span] = []
        if selected is not None:
            # The selected event's own citations, even if the document holds an older
            # copy of it (or none): what is shown as selected is what was passed in.
            strong = self._make_spans(source, ((selected, c) for c in selected.citations
                                               if c.source == source.id), selected=True)
            self._spans = [s for s in faint if s.event_id != selected.id] + strong
        else:
            self._spans = list(faint)
        self._apply_highlights(strong)

    def _make_spans(self, source: Source, cited: Iterable[tuple[Event, Citation]],
                    selected: bool = False) -> list[_Span]:
        """The citations of ``source`` in ``cited`` as marked spans.  A big timeline cites
        a few dozen sentences of an article thousands of times: positions are mapped
        once per range.  An out-of-range citation marks nothing rather than wrong text."""
        text_length = len(source.text)
        positions: dict[tuple[int, int], tuple[int, int]] = {}
        spans = []
        for event, citation in cited:
            key = (citation.start, citation.end)
            qt = positions.get(key)
            if qt is None:
                if not 0 <= key[0] < key[1] <= text_length:
                    continue
                qt = positions[key] = (self.qt_position(key[0]), self.qt_position(key[1]))
            spans.append(_Span(key[0], key[1], qt[0], qt[1], event.id,
                               event.title or event.id, selected))
        return spans

    def _apply_highlights(self, strong: list[_Span] | None = None) -> None:
        if strong is None:  # a palette change: recolour everything
            self._faint_selections.clear()
            strong = [s for s in self._spans if s.selected]
        source = self._source
        if source is None:
            self._text.setExtraSelections([])
            return
        palette = self.palette()
        faint = self._faint_selections.get(source.id)
        if faint is None:
            faint_color = QColor(palette.color(QPalette.ColorRole.Highlight))
            faint_color.setAlpha(FAINT_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(faint_color)
            # One selection per distinct range: thousands of events citing one sentence
            # would otherwise be thousands of selections for Qt to paint.
            ranges = dict.fromkeys((span.qt_start, span.qt_end)
                                   for span in self._faint_spans.get(source.id, ()))
            faint = self._faint_selections[source.id] = {
                (start, end): self._selection(start, end, fmt) for start, end in ranges
            }
        strong_fmt = QTextCharFormat()
        strong_fmt.setBackground(palette.color(QPalette.ColorRole.Highlight))
        strong_fmt.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        strong_ranges = {(s.qt_start, s.qt_end) for s in strong}
        # Faint first, strong last (later selections are painted on top); a range the
        # selected event cites is strong only.
        self._text.setExtraSelections(
            [sel for key, sel in faint.items() if key not in strong_ranges]
            + [self._selection(s.qt_start, s.qt_end, strong_fmt) for s in strong])

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _scroll_to_selection(self) -> None:
        """Center the first selected span; wait for the first show if not laid out yet."""
        first = next((s for s in self._spans if s.selected), None)
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(first.qt_start if first is not None else 0)
        self._text.setTextCursor(cursor)
        if first is None:
            self._text.verticalScrollBar().setValue(0)
            return
        if not self._text.isVisible():
            self._scroll_pending = True
            return
        self._text.centerCursor()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._scroll_pending:
            self._scroll_pending = False
            self._text.centerCursor()

    def changeEvent(self, event: QEvent) -> None:
        """Recolour the marks when the palette changes (light and dark themes)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(
            self, "_text"
        ):
            self._apply_highlights()

    # --- interaction -------------------------------------------------------------------
    def _span_at(self, qt_pos: int) -> _Span | None:
        """The innermost (shortest) span containing the character at ``qt_pos``."""
        best: _Span | None = None
        for span in self._spans:
            if span.qt_start <= qt_pos < span.qt_end and (
                best is None or span.qt_end - span.qt_start < best.qt_end - best.qt_start
            ):
                best = span
        return best

    def _span_under(self, pos: QPoint) -> _Span | None:
        char = char_at(self._text, pos)
        return self._span_at(char) if char is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Clicks, hover and tooltips on the text; the text edit still sees every event."""
        if watched is self._text.viewport():
            if isinstance(event, QMouseEvent):
                self._viewport_mouse(event)
            elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                return self._tooltip(event)
            elif event.type() == QEvent.Type.Leave:
                self._press = None
        elif (
            watched is self._text
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            # Enter on a marked span activates it, for keyboard users.
            cursor = self._text.textCursor()
            span = None if cursor.hasSelection() else self._span_at(cursor.position())
            if span is not None:
                self.eventActivated.emit(span.event_id)
                return True
        return super().eventFilter(watched, event)

    def _viewport_mouse(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._press = pos if event.button() == Qt.MouseButton.LeftButton else None
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            # Seen before the text edit handles it: a drag has already made a selection.
            press, self._press = self._press, None
            if (
                press is not None
                and (pos - press).manhattanLength() < QApplication.startDragDistance()
                and not self._text.textCursor().hasSelection()
            ):
                span = self._span_under(pos)
                if span is not None:
                    self.eventActivated.emit(span.event_id)
        elif kind == QEvent.Type.MouseButtonDblClick:
            self._press = None  # a double click selects a word; it does not activate
        elif kind == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            over = self._span_under(pos) is not None
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            viewport = self._text.viewport()
            if viewport.cursor().shape() != shape:
                viewport.setCursor(shape)

    def _tooltip(self, event: QHelpEvent) -> bool:
        span = self._span_under(event.pos())
        if span is None:
            QToolTip.hideText()
            event.ignore()
        else:
            # Escaped into rich text: QToolTip would otherwise guess and render tags.
            QToolTip.showText(event.globalPos(), plain_tooltip(span.title), self._text.viewport())
        return True

    def _on_combo(self, index: int) -> None:
        source_id = self._combo.itemData(index)
        if isinstance(source_id, str):
            self.show_source(source_id)
