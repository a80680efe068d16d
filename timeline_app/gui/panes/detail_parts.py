"""The widgets the detail pane is made of: section headings, an actor's colour swatch,
a citation's card, and the dialog that shows the whole of a text cut short.

Every text they show comes from a file somebody else wrote: their labels are plain text
(``plain_label``), and colours come from the palette or are painted, never put into a
style sheet.
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.gui.plain_text import PaneLabel, hint_of_layout, plain_label

__all__ = ["CitationCard", "FullTextDialog", "Swatch", "muted", "section_heading"]


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


class Swatch(QWidget):
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


class CitationCard(QFrame):
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
