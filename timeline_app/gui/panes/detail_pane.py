"""The detail pane: everything known about the selected event, and where it is reported.

Every string shown here comes from a file somebody else wrote (news text, analyst
notes), so every label is forced to plain text: a title such as ``<img src=x>`` must be
shown literally, never rendered, and no label ever opens a link.  Single-line fields
show control and bidi characters as escapes; long texts are cut to what a label lays out
quickly, and "Show all" opens the whole text in a scrollable, read-only field.  Colours
come from the palette so the pane follows light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Citation, Document, Event
from timeline_app.gui.plain_text import (
    HintedBox,
    PaneLabel,
    capped,
    hint_of_layout,
    one_line,
    plain_label,
)

__all__ = ["DetailPane", "FullTextDialog"]

PLACEHOLDER = "Select an event on the timeline"
TITLE_CHARS = 1000  # a title is a line or two; more is cut, and reachable by "Show all"
FIELD_CHARS = 2000
KEPT_SHAPES = 32  # the widgets of that many other shapes of event are kept aside,
KEPT_PARTS = 400  # with no more parts (lines, actors, citations) than this in all


def section_heading(text: str) -> QLabel:
    """Small, spaced capitals in the palette's muted colour: structure without noise."""
    label = plain_label(text, selectable=False, wrap=False)
    font = QFont(label.font())
    font.setBold(True)
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(size * 0.8, 7.0))
    font.setCapitalization(QFont.Capitalization.AllUppercase)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    label.setFont(font)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setObjectName("sectionHeading")
    return label


def muted(label: QLabel) -> QLabel:
    """Secondary information (precision, how a date was found) in the muted colour."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def precision_text(date: PartialDate) -> str:
    """'day precision' or 'month precision, approximate': what the date really claims."""
    text = f"{date.precision.label} precision"
    if date.approximate:
        text += ", approximate"
    return f"{text}, uncertain" if date.uncertain else text


def _field_part(name: str, text: str, shown: str, cut: bool, is_muted: bool = False) -> tuple:
    """A label showing ``shown``; when that is ``text`` cut short, "Show all" too."""
    return ("field", (name, cut, is_muted), text, shown)


class FullTextDialog(QDialog):
    """The whole of a field too long for the pane, read-only and scrollable."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fullTextDialog")
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("fullText")
        self.text.setReadOnly(True)
        self.text.setUndoRedoEnabled(False)
        self.text.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)


class _Swatch(QWidget):
    """A small square of an actor's colour, painted (not a style sheet built from file data)."""

    def __init__(self, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = color
        self.setFixedSize(QSize(12, 12))
        self.setObjectName("actorSwatch")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.setBrush(self.color)
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 2.5, 2.5)
        painter.end()


class _CitationCard(QFrame):
    """One citation; a click anywhere on it (that is not a text selection) activates it.

    The labels stay selectable so a quote can be copied; a press and release in the
    same place with nothing selected counts as a click.  Enter or Space activate it
    from the keyboard, and the "Show in source" button is the visible affordance.
    """

    activated = Signal()

    def __init__(self, heading: str, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citationCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._press: QPoint | None = None

        self.heading_label = plain_label(label_class=PaneLabel)
        self.heading_label.setObjectName("citationSource")
        font = QFont(self.heading_label.font())
        font.setBold(True)
        self.heading_label.setFont(font)

        self.quote_label = plain_label(label_class=PaneLabel)
        self.quote_label.setObjectName("citationQuote")
        qfont = QFont(self.quote_label.font())
        qfont.setItalic(True)
        self.quote_label.setFont(qfont)

        self.button = QToolButton()
        self.button.setObjectName("showInSourceButton")
        self.button.setText("Show in source")
        self.button.setAutoRaise(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.activated)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading_label, 1)
        top.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.quote_label)

        for label in (self.heading_label, self.quote_label):
            label.installEventFilter(self)
        self.show_citation(heading, quote)

    def sizeHint(self) -> QSize:
        return hint_of_layout(self)

    def show_citation(self, heading: str, quote: str) -> None:
        """Show another citation in this card."""
        self.heading_label.setText(heading)
        self.quote_label.setText(f"“{quote}”" if quote else "(no quoted text)")

    def _selection_active(self) -> bool:
        return self.heading_label.hasSelectedText() or self.quote_label.hasSelectedText()

    def _is_click(self, pos: QPoint) -> bool:
        if self._press is None:
            return False
        moved = (pos - self._press).manhattanLength()
        self._press = None
        return moved < QApplication.startDragDistance() and not self._selection_active()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """See clicks on the selectable labels, which otherwise swallow them."""
        if (
            isinstance(watched, QWidget)
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            pos = watched.mapTo(self, event.position().toPoint())
            if event.type() == QEvent.Type.MouseButtonPress:
                self._press = pos
            elif event.type() == QEvent.Type.MouseButtonRelease and self._is_click(pos):
                self.activated.emit()
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._is_click(
            event.position().toPoint()
        ):
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)


class DetailPane(QWidget):
    """Shows one event: what, when (and how sure), who, where, and the quoted sources.

    ``citationActivated(event_id, citation_index)`` asks the window to show that
    citation in the source view; the pane itself never opens anything.
    """

    citationActivated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Event details")
        self._document = Document()
        self._event: Event | None = None
        self._shape: list[tuple] = []  # the parts the shown widgets were built for
        self._parts: list[tuple] = []  # their widgets, part by part
        self._current_plan: list[tuple] = []
        # The widgets of other shapes shown lately, by shape (see ``_build``).
        self._kept: dict[tuple, tuple[QWidget, list[tuple]]] = {}

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("detailScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self.show_event(None)

    # --- public API --------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        """Use ``doc`` to resolve actors and sources; clears the shown event."""
        self._document = doc
        self.show_event(None)

    def show_event(self, event: Event | None) -> None:
        """Show ``event``, or the placeholder when nothing is selected.

        What is shown is planned first (``_plan``).  When the plan needs the widgets
        already shown, or those of a shape shown lately (a click from one event to a
        similar one), they are shown and only their texts change: a new tree costs Qt a
        polish and a layout of every widget.
        """
        self._event = event
        plan = self._plan(event)
        shape = [part[:2] for part in plan]
        if shape != self._shape:
            self._build(plan, shape)
            self._shape = shape
        self._fill(plan)
        self._scroll.verticalScrollBar().setValue(0)

    def current_event(self) -> Event | None:
        return self._event

    # --- what is shown -------------------------------------------------------------------
    def _plan(self, event: Event | None) -> list[tuple]:
        """The parts shown for ``event``, top to bottom: ``(kind, form, *texts)``; two
        plans with the same kinds and forms are shown by the same widgets."""
        if event is None:
            return [("placeholder", None)]
        text = event.title or event.id
        plan: list[tuple] = [("title", len(text) > TITLE_CHARS, text,
                              one_line(text, TITLE_CHARS))]
        plan.append(("heading", "When"))
        if event.end is None:
            when = event.start.display() + (" – (continuing)" if event.open_end else "")
            precision = precision_text(event.start)
        else:
            when = f"{event.start.display()} – {event.end.display()}"
            start_p, end_p = precision_text(event.start), precision_text(event.end)
            precision = start_p if start_p == end_p else f"from: {start_p}; to: {end_p}"
        plan.append(("label", ("dateLabel", False), when))
        plan.append(("label", ("precisionLabel", True), precision))
        if event.date_note:
            note = f"How the date was established: {event.date_note}"
            shown = capped(note, FIELD_CHARS)
            plan.append(_field_part("dateNoteLabel", note, shown, shown != note, True))
        if event.actors:
            plan.append(("heading", "Who"))
            for actor_id in event.actors:
                actor = self._document.actor(actor_id)
                color = QColor(actor.color) if actor is not None and actor.color else QColor()
                name = one_line(actor.label if actor is not None
                                else f"{actor_id} (unknown actor)", FIELD_CHARS)
                plan.append(("actor", color.isValid(), color, name))
        if event.location:
            plan.append(("heading", "Where"))
            plan.append(_field_part("locationLabel", event.location,
                                    one_line(event.location, FIELD_CHARS),
                                    len(event.location) > FIELD_CHARS))
        if event.tags:
            tags = " · ".join(event.tags)
            plan.append(("heading", "Tags"))
            plan.append(_field_part("tagsLabel", tags, one_line(tags, FIELD_CHARS),
                                    len(tags) > FIELD_CHARS))
        if event.description:
            plan.append(("heading", "Description"))
            shown = capped(event.description)
            plan.append(_field_part("descriptionLabel", event.description, shown,
                                    shown != event.description))
        plan.append(("heading", "Sources"))
        if not event.citations:
            plan.append(("label", ("noCitationsLabel", True), "No source cited for this event"))
        for index, citation in enumerate(event.citations):
            plan.append(("citation", index, self._citation_heading(citation),
                         self._quote(citation)))
        return plan

    def _build(self, plan: list[tuple], shape: list[tuple]) -> None:
        """The widgets for ``plan`` (texts come from ``_fill``): those of the last few
        shapes shown are kept aside, out of the pane, to be shown again as they are."""
        shown = self._scroll.takeWidget()
        if shown is not None:  # set aside, no longer a child of the pane
            self._kept[tuple(self._shape)] = (shown, self._parts)
            parts = sum(len(shape) for shape in self._kept)
            while len(self._kept) > KEPT_SHAPES or parts > KEPT_PARTS:
                oldest = next(iter(self._kept))
                parts -= len(oldest)
                self._kept.pop(oldest)[0].deleteLater()
        kept = self._kept.pop(tuple(shape), None)
        if kept is not None:
            content, self._parts = kept
            self._scroll.setWidget(content)
            return
        content = HintedBox()
        content.setObjectName("detailContent")
        # The scroll area's viewport paints Window; keep the content on the same role.
        content.setBackgroundRole(QPalette.ColorRole.Window)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(14, 12, 14, 14)
        layout.setSpacing(4)
        self._parts = [self._build_part(layout, k, part) for k, part in enumerate(plan)]
        layout.addStretch(1)
        self._scroll.setWidget(content)

    def _build_part(self, layout: QVBoxLayout, k: int, part: tuple) -> tuple:
        kind, form = part[:2]
        if kind == "placeholder":
            label = muted(plain_label(PLACEHOLDER, selectable=False))
            label.setObjectName("placeholderLabel")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addStretch(1)
            layout.addWidget(label)
            return (label,)
        if kind == "heading":
            layout.addSpacing(10)
            layout.addWidget(section_heading(form))
            return ()
        if kind == "label":
            name, is_muted = form
            label = plain_label(label_class=PaneLabel)
            label.setObjectName(name)
            layout.addWidget(muted(label) if is_muted else label)
            return (label,)
        if kind in ("title", "field"):
            name, cut, is_muted = ("titleLabel", form, False) if kind == "title" else form
            label = plain_label(label_class=PaneLabel)
            label.setObjectName(name)
            layout.addWidget(muted(label) if is_muted else label)
            if kind == "title":
                font = QFont(label.font())
                font.setBold(True)
                size = font.pointSizeF()
                if size > 0:
                    font.setPointSizeF(size * 1.35)
                label.setFont(font)
            if cut:
                button = QToolButton()
                button.setObjectName("showAllButton")
                button.setText("Show all")
                button.setAutoRaise(True)
                button.setToolTip("Show the whole text in a window of its own")
                button.clicked.connect(lambda _checked=False, k=k: self._show_all_of(k))
                layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            return (label,)
        if kind == "actor":
            # a layout, not a widget, so that the wrapped name's height propagates
            box = QHBoxLayout()
            box.setSpacing(6)
            # no colour: a gap keeps the names aligned (and the rows the same height)
            swatch = _Swatch(QColor()) if form else QWidget()
            swatch.setFixedSize(QSize(12, 12))
            box.addWidget(swatch, 0, Qt.AlignmentFlag.AlignVCenter)
            name_label = plain_label(label_class=PaneLabel)
            name_label.setObjectName("actorLabel")
            box.addWidget(name_label, 1)
            layout.addLayout(box)
            return (swatch, name_label)
        card = _CitationCard("", "")
        card.activated.connect(lambda i=form: self._activate_citation(i))
        layout.addSpacing(2)
        layout.addWidget(card)
        return (card,)

    def _fill(self, plan: list[tuple]) -> None:
        """The texts (and colours) of ``plan`` into the widgets built for its shape."""
        self._current_plan = plan
        for part, widgets in zip(plan, self._parts, strict=True):
            kind = part[0]
            if kind in ("title", "field"):
                widgets[0].setText(part[3])
            elif kind == "label":
                widgets[0].setText(part[2])
            elif kind == "actor":
                swatch, name_label = widgets
                if isinstance(swatch, _Swatch) and swatch.color != part[2]:
                    swatch.color = part[2]
                    swatch.update()
                name_label.setText(part[3])
            elif kind == "citation":
                card = widgets[0]
                card.show_citation(part[2], part[3])
                card.setAccessibleName(f"Citation {part[1] + 1}: {card.heading_label.text()}")

    def _show_all_of(self, k: int) -> FullTextDialog:
        part = self._current_plan[k]
        name = "titleLabel" if part[0] == "title" else part[1][0]
        return self._show_all(name, part[2])

    def _activate_citation(self, index: int) -> None:
        if self._event is not None:
            self.citationActivated.emit(self._event.id, index)

    def _show_all(self, name: str, text: str) -> FullTextDialog:
        heading = name.removesuffix("Label").replace("dateNote", "date note")
        dialog = FullTextDialog(f"Full {heading}", text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _citation_heading(self, citation: Citation) -> str:
        source = self._document.source(citation.source)
        if source is None:
            return f"Unknown source “{one_line(citation.source)}”"
        return one_line(source.label, FIELD_CHARS)

    def _quote(self, citation: Citation) -> str:
        """The quoted words, cut to what a label lays out quickly ("Show in source"
        shows them all)."""
        if citation.quote:
            return capped(citation.quote, FIELD_CHARS)
        source = self._document.source(citation.source)
        if source is not None and 0 <= citation.start < citation.end <= len(source.text):
            return capped(source.text[citation.start : citation.end], FIELD_CHARS)
        return ""
