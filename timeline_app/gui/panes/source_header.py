"""The head of the source pane: outlet, headline, date, language and address of a report.

Every value is untrusted text from a file: labels are plain text, control and bidi
characters show as escapes, and the address is opened only on an explicit click, and
only for http and https.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from timeline_app.core.model import Source
from timeline_app.gui.plain_text import (
    PaneLabel,
    hint_of_layout,
    one_line,
    plain_label,
    plain_tooltip,
)

__all__ = ["OPENABLE_SCHEMES", "SourceHeader", "plain_label"]

OPENABLE_SCHEMES = frozenset({"http", "https"})


class _ElidedLabel(QLabel):
    """A one-line plain label that elides in the middle, so a long URL cannot widen the pane.

    Control and bidi characters show as escapes (``\\u202e``): an address must read
    as the characters it holds, not as the order a bidi override draws them in.
    """

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
        self._full = one_line(text, 2000)
        self.setToolTip(plain_tooltip(self._full))
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


class SourceHeader(QWidget):
    """Outlet, headline, publication date and language, and the address with its
    "Open in browser" button.  ``url_opener`` opens the address; tests replace it.
    ``openFailed`` carries the sentence to show when no browser could be started."""

    openFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_opener: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._url = QUrl()
        self._has_tools = False
        self.outlet = plain_label(label_class=PaneLabel)
        self.outlet.setObjectName("outletLabel")
        self.outlet.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = QFont(self.outlet.font())
        font.setBold(True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        self.outlet.setFont(font)

        self.headline = plain_label(label_class=PaneLabel)
        self.headline.setObjectName("headlineLabel")
        font = QFont(self.headline.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)

        self.meta = plain_label(label_class=PaneLabel)
        self.meta.setObjectName("metaLabel")
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.address = _ElidedLabel()
        self.address.setObjectName("addressLabel")
        self.address.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.open_button = QToolButton()
        self.open_button.setObjectName("openInBrowserButton")
        self.open_button.setText("Open in browser")
        self.open_button.setAutoRaise(True)
        self.open_button.clicked.connect(self._open_address)
        address_row = self._address_layout = QHBoxLayout()
        address_row.setContentsMargins(0, 0, 0, 0)
        address_row.setSpacing(6)
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.open_button, 0)
        self.address_row = QWidget()
        self.address_row.setLayout(address_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for widget in (self.outlet, self.headline, self.meta, self.address_row):
            layout.addWidget(widget)

    def sizeHint(self) -> QSize:
        return hint_of_layout(self)

    def add_tool(self, button: QWidget) -> None:
        """Put ``button`` at the end of the address row, shown for every source (with or
        without an address)."""
        self._address_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        self._has_tools = True

    def show_source(self, source: Source | None) -> None:
        if source is None:
            for label in (self.outlet, self.headline, self.meta):
                label.clear()
                label.setVisible(False)
            self.address_row.setVisible(False)
            return
        self.outlet.setText(one_line(source.outlet))
        self.outlet.setVisible(bool(source.outlet))
        self.headline.setText(one_line(source.title or source.id, 1000))
        self.headline.setVisible(True)
        meta = []
        if source.published is not None:
            meta.append(f"Published {source.published.display()}")
        if source.language:
            meta.append(f"Language: {one_line(source.language)}")
        self.meta.setText(" · ".join(meta))
        self.meta.setVisible(bool(meta))
        self.address.set_full_text(source.url)
        self.address.setVisible(bool(source.url))
        self.open_button.setVisible(bool(source.url))
        self.address_row.setVisible(bool(source.url) or self._has_tools)
        self._url = QUrl(source.url)
        openable = (
            bool(source.url)
            and self._url.isValid()
            and self._url.scheme().lower() in OPENABLE_SCHEMES
            and bool(self._url.host())
        )
        self.open_button.setEnabled(openable)
        if openable:
            self.open_button.setToolTip("Open this address in the web browser")
        else:
            scheme = self._url.scheme() if self._url.isValid() else ""
            why = f"“{scheme}:” addresses" if scheme else "This address"
            self.open_button.setToolTip(
                plain_tooltip(
                    f"{why} cannot be opened from here: only http and https web "
                    "addresses are opened in the browser."
                )
            )

    def _open_address(self) -> None:
        """Open the address, re-checked here so a stale enabled state cannot open others."""
        if not (
            self._url.isValid()
            and self._url.scheme().lower() in OPENABLE_SCHEMES
            and self._url.host()
        ):
            return
        # QDesktopServices.openUrl returns False when no browser could be started.
        if self.url_opener(QUrl(self._url)) is False:
            self.openFailed.emit(
                f"Could not open {one_line(self._url.toString(), 120)}: no web browser "
                "could be started.")
