"""The form of a source: where it comes from, when it was published, and its text.

Used to add a source (pasted text, or a ``.txt``/``.html`` file that the window reads
and converts) and to edit one later.  The publication date is typed as people write
dates and read by the same parser as the event editor's dates; how it was understood
is shown beside it.  The form only builds the new ``Source``: re-anchoring citations to
an edited text, and the undo command, are the window's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import DateError, PartialDate
from timeline_app.core.editing.ids import new_source_id
from timeline_app.core.model import Document, Source
from timeline_app.core.sources.text_files import ImportedText
from timeline_app.gui.dialogs.event_editor import parse_user_date
from timeline_app.gui.plain_text import plain_label

__all__ = ["SourceEditor"]

# Qt's text document ends each paragraph with U+2029 in its raw text.
_PARAGRAPH = "\u2029"


class SourceEditor(QDialog):
    """A form over a new source (``source`` None) or an existing one;
    ``edited_source()`` is the result after ``accept``.

    ``open_file`` asks the user for a file and returns its text (None when cancelled or
    unreadable, after saying why): the form never reads files itself.
    """

    def __init__(self, document: Document, source: Source | None = None,
                 open_file: Callable[[], ImportedText | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceEditor")
        self.setWindowTitle("Add Source" if source is None else "Edit Source")
        self.setMinimumSize(640, 560)
        self.document = document
        self.original = source
        self._open_file = open_file
        src = source or Source("new")
        self.outlet = self._line("outletEdit", src.outlet, "Egypt Watch")
        self.headline = self._line("headlineEdit", src.title, "The article's headline")
        self.published = self._line("publishedEdit",
                                    src.published.iso() if src.published else "",
                                    "22 December 2020, Dec. 22, 2020, 2020-12-22…")
        self.published_preview = plain_label(selectable=False)
        self.published_preview.setObjectName("publishedPreview")
        self.url = self._line("urlEdit", src.url, "https://…")
        self.language = self._line("languageEdit", src.language, "en")
        self.language.setMaximumWidth(120)
        self.text = QPlainTextEdit()
        self.text.setObjectName("textEdit")
        self.text.setPlaceholderText("Paste the article's text here, or open a .txt or "
                                     ".html file")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self._given = ("", "")
        self._give_text(src.text)
        self.error = plain_label(selectable=False)
        self.error.setObjectName("sourceError")
        self.error.hide()
        if source is not None and source.id:
            note = plain_label(f"Id: {source.id}", selectable=False)
            note.setEnabled(False)
        else:
            note = None

        form = QFormLayout()
        form.addRow("&Outlet", self.outlet)
        form.addRow("&Headline", self.headline)
        form.addRow("&Published", self.published)
        form.addRow("", self.published_preview)
        form.addRow("&Address", self.url)
        form.addRow("&Language", self.language)
        text_row = QHBoxLayout()
        text_label = QLabel("&Text")  # our own words: the mnemonic needs Qt's label format
        text_label.setBuddy(self.text)
        text_row.addWidget(text_label)
        text_row.addStretch(1)
        if open_file is not None:
            self.open_button = QPushButton("Open &File…")
            self.open_button.setObjectName("openFileButton")
            self.open_button.setToolTip("Take the text of a .txt or .html file; a page's "
                                        "scripts do not run and nothing is downloaded")
            self.open_button.clicked.connect(self._open)
            text_row.addWidget(self.open_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if note is not None:
            layout.addWidget(note)
        layout.addLayout(text_row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.published.textChanged.connect(self._update)
        self.text.textChanged.connect(self._update)
        self._update()

    def _line(self, name: str, value: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    # --- reading the form ------------------------------------------------------------
    def published_date(self) -> PartialDate | None:
        """The publication date as understood (None when empty); ``DateError`` if not a date."""
        text = self.published.text().strip()
        return parse_user_date(text) if text else None

    def _give_text(self, text: str) -> None:
        self.text.setPlainText(text)
        self._given = (self.text.document().toRawText(), text)

    def source_text(self) -> str:
        """The text as the box holds it; exactly the text it was given (the source's, or
        the file's) while the user has not changed it: the box holds some characters
        differently from how they are stored (line ends, paragraph separators)."""
        raw = self.text.document().toRawText()
        if raw == self._given[0]:
            return self._given[1]
        return raw.replace(_PARAGRAPH, "\n")

    def text_changed(self) -> bool:
        return self.original is not None and self.source_text() != self.original.text

    def edited_source(self) -> Source:
        """The source the form describes (call when it is valid: OK is enabled)."""
        published = self.published_date()
        fields = {
            "outlet": self.outlet.text().strip(), "title": self.headline.text().strip(),
            "url": self.url.text().strip(), "language": self.language.text().strip(),
            "published": published, "text": self.source_text(),
        }
        if self.original is not None:
            return replace(self.original, **fields)
        taken = {s.id for s in self.document.sources}
        return Source(new_source_id(fields["outlet"], published, taken), **fields)

    # --- reacting ----------------------------------------------------------------------
    def _update(self) -> None:
        problem = ""
        try:
            date = self.published_date()
        except DateError as exc:
            self.published_preview.setText(f"Not understood: {exc}")
            problem = "Correct the publication date, or leave it empty."
        else:
            self.published_preview.setText(
                "" if date is None else f"Read as {date.display()} ({date.precision.label})")
        if not problem and not self.source_text().strip():
            problem = "The source needs its text: paste it, or open a file."
        self.error.setText(problem)
        self.error.setVisible(bool(problem) and bool(self.text.toPlainText()
                                                     or self.published.text()))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        ok.setToolTip(problem)

    def _open(self) -> None:
        imported = self._open_file() if self._open_file is not None else None
        if imported is None:
            return
        self._give_text(imported.text)
        if imported.title and not self.headline.text().strip():
            self.headline.setText(imported.title)
        self._update()
