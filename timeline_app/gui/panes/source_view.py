"""The source view: the text of a report with every cited sentence marked.

Analysts check an event against its words, so the view shows the whole article,
marks every span some event cites (faintly, so overlaps read darker) and the selected
event's spans strongly.  Clicking a marked span selects its event.

The text is untrusted: it goes into a ``QPlainTextEdit`` (which has no HTML mode); the
head of the pane (``source_header``) shows the metadata as plain text.  Citations count
code points and Qt UTF-16 units: ``source_text`` maps one to the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QPlainTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.model import Document, Event, Source
from timeline_app.core.view.citation_index import CitationIndex
from timeline_app.gui.panes.date_marks import DateMarks, extra_selection, mention_tooltip
from timeline_app.gui.panes.source_documents import SourceDocuments
from timeline_app.gui.panes.source_header import SourceHeader
from timeline_app.gui.panes.source_marks import (
    CycleLabel,
    PassageCycle,
    Span,
    SpanBook,
    citation_colours,
    events_at,
    innermost_at,
    make_spans,
)
from timeline_app.gui.panes.source_text import (
    TextSelection,
    char_at,
    code_point_offset,
)
from timeline_app.gui.plain_text import HintedBox, hint_of_layout, one_line, plain_tooltip

__all__ = ["SourceView", "TextSelection", "char_at"]

class SourceView(QWidget):
    """A source's metadata and text, with cited spans marked and clickable.

    ``eventActivated(event_id)`` is emitted when the user clicks a marked span (the
    innermost one where spans overlap; clicking again steps through every event citing
    the passage); the window decides what selecting means and calls ``show_event``
    back.  ``url_opener`` opens the address; tests replace it.
    """

    eventActivated = Signal(str)
    sourceChanged = Signal(str)  # the id of the source now shown
    textSelectionChanged = Signal()  # the user selected text, or cleared the selection
    statusMessage = Signal(str)  # for the window's status bar (e.g. no browser started)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.setAccessibleName("Source text")
        self._document = Document()
        self._source: Source | None = None
        self._table: list[int] | None = None
        self._qt_length = 0
        self._selected: Event | None = None
        self._strong: list[Span] = []  # the selected event's spans in the shown source
        # Per source, built once per document: a click must not walk every event.
        self._cited = CitationIndex.build(self._document)
        self.span_book = SpanBook(self.qt_position)
        self._scroll_pending = False
        self._cycle = PassageCycle()
        self.dates = DateMarks(self, self.qt_position)  # Find Dates: its toggle and marks
        self.dates.action.toggled.connect(lambda _on: self._show_dates())
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
        self._combo.setVisible(False)  # shown from two sources on (set_document)

        self._header = SourceHeader()
        self._header.add_tool(self.dates.button)
        self._header.openFailed.connect(self.statusMessage)
        header = HintedBox()
        header.setObjectName("sourceHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(10, 8, 10, 8)
        head.setSpacing(3)
        head.addWidget(self._combo)
        head.addWidget(self._header)
        # "2 of 6 events citing this passage": shown while clicks cycle through them.
        self._cycle_label = CycleLabel()
        head.addWidget(self._cycle_label)

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
        # One document per source shown lately, with its marks (``source_documents``).
        self._texts = SourceDocuments(self, self._text)
        self._text.viewport().setMouseTracking(True)
        self._text.viewport().installEventFilter(self)
        self._text.installEventFilter(self)
        self._press: QPoint | None = None
        self._context_actions: list[QAction] = []
        self._text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._text.customContextMenuRequested.connect(self._context_menu)
        self._text.selectionChanged.connect(self.textSelectionChanged)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(line)
        layout.addWidget(self._text, 1)

    def sizeHint(self) -> QSize:
        return hint_of_layout(self)  # the header's labels are laid out at its real width

    # --- public API --------------------------------------------------------------------
    @property
    def url_opener(self) -> Callable[[QUrl], object]:
        """What opens the source's address ("Open in browser"); tests replace it."""
        return self._header.url_opener

    @url_opener.setter
    def url_opener(self, opener: Callable[[QUrl], object]) -> None:
        self._header.url_opener = opener

    def set_document(self, doc: Document, citations: CitationIndex | None = None) -> None:
        """Show ``doc``'s first source, with no event selected.

        ``citations`` is the document's index when the loader thread built it already.
        """
        self._document = doc
        self._selected = None
        if citations is None or citations.document is not doc:
            citations = CitationIndex.build(doc)
        self._cited = citations
        self.span_book.forget()
        self.span_book.count_when_idle(citations)
        self._texts.forget_marks()
        self._combo.blockSignals(True)
        self._combo.clear()
        for source in doc.sources:
            self._combo.addItem(one_line(source.label, 200), source.id)
        self._combo.blockSignals(False)
        self._combo.setVisible(len(doc.sources) > 1)
        self._show_source(doc.sources[0] if doc.sources else None)

    def citations_changed(self, source_ids: Iterable[str]) -> None:
        """The events citing these sources were edited, in the citation index given to
        ``set_document`` (updated in place): their marks are redone when next shown."""
        source_ids = list(source_ids)
        self.span_book.forget(source_ids)
        self._texts.forget_marks(source_ids)

    def show_event(self, event: Event | None) -> None:
        """Select ``event``: show the source it cites first and mark its spans strongly.

        An event with no citation in a known source keeps the current source (its
        spans, if any, in that source are still marked).  None clears the selection.
        """
        self._selected = event
        if event is None or event.id != self._cycle.current():
            self._cycle.reset()  # selected some other way: no longer cycling
        self._cycle_label.show_cycle(self._cycle)
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

    def passage_indication(self) -> str:
        """What the view says while clicks cycle through the events citing one passage."""
        return self._cycle_label.text() if self._cycle_label.isVisibleTo(self) else ""

    def current_source(self) -> Source | None:
        return self._source

    def highlighted_spans(self) -> list[tuple[int, int, str, bool]]:
        """Every marked span of the shown source: (start, end, event_id, is_selected)."""
        return [(s.start, s.end, s.event_id, s.selected) for s in self._spans]

    def selected_span(self) -> tuple[int, int] | None:
        """The selected event's first span in the shown source (code points), if any."""
        first = self._strong[0] if self._strong else None
        return (first.start, first.end) if first is not None else None

    def text_edit(self) -> QPlainTextEdit:
        """The text widget (for tests and for the window's find bar)."""
        return self._text

    def qt_position(self, offset: int) -> int:
        """The UTF-16 position in the text widget of code point ``offset`` of the source."""
        offset = max(0, min(offset, len(self._source.text) if self._source else 0))
        return self._table[offset] if self._table is not None else offset

    def text_selection(self) -> TextSelection | None:
        """What the user selected in the text, as a citation would hold it; None for no
        selection (or one of blanks only)."""
        cursor = self._text.textCursor()
        source = self._source
        if source is None or not cursor.hasSelection():
            return None
        start = code_point_offset(self._table, cursor.selectionStart())
        end = min(code_point_offset(self._table, cursor.selectionEnd()), len(source.text))
        quote = source.text[start:end]
        if start >= end or not quote.strip():
            return None
        return TextSelection(source.id, start, end, quote)

    def select_text(self, start: int, end: int) -> None:
        """Select code points ``start`` to ``end`` of the shown source, as a drag would."""
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(self.qt_position(start))
        cursor.setPosition(self.qt_position(end), QTextCursor.MoveMode.KeepAnchor)
        self._text.setTextCursor(cursor)

    def add_context_actions(self, actions: Iterable[QAction]) -> None:
        """Offer ``actions`` in the text's context menu, after Copy and Select All."""
        self._context_actions.extend(actions)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self._text.createStandardContextMenu(pos)
        if self._context_actions:
            menu.addSeparator()
            menu.addActions(self._context_actions)
        menu.setObjectName("sourceTextMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._text.viewport().mapToGlobal(pos))

    # --- showing -----------------------------------------------------------------------
    def _show_source(self, source: Source | None) -> None:
        self._source = source
        self._shown = shown = self._texts.text_of(source)
        self._table, self._qt_length = shown.table, shown.qt_length
        self._texts.show(shown)
        self.dates.show_source(source)
        self._header.show_source(source)
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

    def _refresh_spans(self) -> None:
        """Make the selected event's spans in the shown source and give the marks to Qt.

        The faint marks of a source are one per distinct cited range, counted once per
        document by the citation index; the span of each citation (tens of thousands in
        a source of a million-event timeline) is only made when something asks for it.
        """
        source = self._source
        selected = self._selected
        strong: list[Span] = []
        if source is not None and selected is not None:
            # The selected event's own citations, even if the document holds an older
            # copy of it (or none): what is shown as selected is what was passed in.
            strong = make_spans(source, ((selected, c) for c in selected.citations
                                         if c.source == source.id), self.qt_position,
                                selected=True)
        self._strong = strong
        self.span_book.shown = None
        self._apply_highlights(strong)

    @property
    def _spans(self) -> list[Span]:
        source = self._source
        cited = self._cited.of(source.id) if source is not None else []
        return self.span_book.all_of(source, cited, self._selected, self._strong)

    def _show_dates(self) -> None:
        self.dates.show_source(self._source)
        self._apply_highlights()

    def _apply_highlights(self, strong: list[Span] | None = None) -> None:
        if strong is None:  # a palette change: recolour everything
            self._texts.forget_marks()
            strong = self._strong
        source = self._source
        if source is None:
            self._text.setExtraSelections([])
            return
        faint_color, strong_color, strong_text = citation_colours(self.palette())
        faint = self._shown.faint
        if faint is None:
            fmt = QTextCharFormat()
            fmt.setBackground(faint_color)
            # One selection per distinct range: thousands of events citing one sentence
            # would otherwise be thousands of selections for Qt to paint.  A range
            # outside the text marks nothing (as ``make_spans``).
            length = len(source.text)
            qt = self.qt_position
            ranges = dict.fromkeys((qt(start), qt(end))
                                   for start, end in self._cited.ranges(source.id)
                                   if 0 <= start < end <= length)
            faint = self._shown.faint = {
                (start, end): extra_selection(self._text, start, end, fmt)
                for start, end in ranges
            }
        strong_fmt = QTextCharFormat()
        strong_fmt.setBackground(strong_color)
        strong_fmt.setForeground(strong_text)
        strong_ranges = {(s.qt_start, s.qt_end) for s in strong}
        # Faint first, strong last (later selections are painted on top); a range the
        # selected event cites is strong only.
        self._text.setExtraSelections(
            [sel for key, sel in faint.items() if key not in strong_ranges]
            + self.dates.selections(self._text, self.palette())
            + [extra_selection(self._text, s.qt_start, s.qt_end, strong_fmt) for s in strong])

    def _scroll_to_selection(self) -> None:
        """Center the first selected span; wait for the first show if not laid out yet."""
        first = self._strong[0] if self._strong else None
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
    def _span_under(self, pos: QPoint) -> Span | None:
        char = char_at(self._text, pos)
        return innermost_at(self._spans, char) if char is not None else None

    def _activate_at(self, qt_pos: int) -> bool:
        """Select an event citing the passage at ``qt_pos``: the innermost citation's
        first, then, on each click again, the next event citing it.  The text stays
        where it is: the user is looking at the passage they clicked."""
        # In the document's order (the faint marks'), whichever event is selected now.
        source = self._source
        faint = self.span_book.faint_of(source, self._cited.of(source.id)) if source else []
        candidates = events_at([*faint, *self._strong], qt_pos)
        if not candidates:
            return False
        selected = self._selected.id if self._selected is not None else None
        event_id = self._cycle.click(candidates, selected)
        bar = self._text.verticalScrollBar()
        kept = bar.value()
        self.eventActivated.emit(event_id)
        bar.setValue(kept)
        self._scroll_pending = False
        self._cycle_label.show_cycle(self._cycle)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Clicks, hover and tooltips on the text; the text edit still sees every event."""
        if watched is self._text.viewport():
            if isinstance(event, QMouseEvent):
                return self._viewport_mouse(event)
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
            if not cursor.hasSelection() and self._activate_at(cursor.position()):
                return True
        return super().eventFilter(watched, event)

    def _viewport_mouse(self, event: QMouseEvent) -> bool:
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
                char = char_at(self._text, pos)
                if char is not None:
                    self._activate_at(char)
        elif kind == QEvent.Type.MouseButtonDblClick:
            self._press = None
            # Clicking a passage again quickly is a double click: on a marked passage it
            # steps to the next event citing it (a drag still selects words there).
            char = char_at(self._text, pos)
            if char is not None and innermost_at(self._spans, char) is not None:
                return self._activate_at(char)
        elif kind == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            over = self._span_under(pos) is not None
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            viewport = self._text.viewport()
            if viewport.cursor().shape() != shape:
                viewport.setCursor(shape)
        return False

    def _tooltip(self, event: QHelpEvent) -> bool:
        span = self._span_under(event.pos())
        char = char_at(self._text, event.pos())
        mention = self.dates.mention_at(char) if char is not None else None
        lines = [one_line(span.title, 300)] if span is not None else []
        lines += [mention_tooltip(mention)] if mention is not None else []
        if not lines:
            QToolTip.hideText()
            event.ignore()
        else:
            # Escaped into rich text: QToolTip would otherwise guess and render tags.
            QToolTip.showText(event.globalPos(), plain_tooltip("\n".join(lines)),
                              self._text.viewport())
        return True

    def _on_combo(self, index: int) -> None:
        source_id = self._combo.itemData(index)
        if isinstance(source_id, str):
            self.show_source(source_id)
