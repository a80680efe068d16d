"""Edit > Edit Event: change an event's fields; the change is one undoable command.

Dates are typed as people write them ("4 April 2019", "2019-04", "about June 2020") and
parsed by the core, so precision and approximation come from the text; a date that
does not parse, or an end before the start, is explained next to the field and the
dialog stays open.  Citations and unknown fields are kept as they were.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import DateError, PartialDate, parse_iso
from timeline_app.core.dates.text import parse_text
from timeline_app.core.model import Document, Event

__all__ = ["EventEditor", "parse_user_date"]


def parse_user_date(text: str) -> PartialDate:
    """ISO first (exactly what the file holds), then free text."""
    text = text.strip()
    try:
        return parse_iso(text)
    except DateError:
        return parse_text(text)


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class EventEditor(QDialog):
    """A form over one event; ``edited_event()`` is the result after ``accept``."""

    def __init__(self, document: Document, event: Event, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self.setWindowTitle("Edit Event")
        self.setMinimumWidth(520)
        self.original = event
        self._result: Event | None = None
        self.title = QLineEdit(event.title)
        self.start = QLineEdit(event.start.iso())
        self.end = QLineEdit(event.end.iso() if event.end else "")
        self.end.setPlaceholderText("empty for a single date")
        self.location = QLineEdit(event.location)
        self.tags = QLineEdit(", ".join(event.tags))
        self.tags.setPlaceholderText("comma-separated")
        self.actors = QListWidget()
        self.actors.setMaximumHeight(110)
        for actor in document.actors:
            item = QListWidgetItem(actor.label)
            item.setData(Qt.ItemDataRole.UserRole, actor.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if actor.id in event.actors
                               else Qt.CheckState.Unchecked)
            self.actors.addItem(item)
        self.description = QPlainTextEdit(event.description)
        self.date_note = QPlainTextEdit(event.date_note)
        self.date_note.setMaximumHeight(70)
        self.error = _plain()
        self.error.setObjectName("editorError")
        self.error.setStyleSheet("color: palette(highlight);")
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Start", self.start)
        form.addRow("&End", self.end)
        form.addRow("How the date was established", self.date_note)
        form.addRow("&Actors", self.actors)
        form.addRow("&Location", self.location)
        form.addRow("Ta&gs", self.tags)
        form.addRow("&Description", self.description)
        hint = _plain("Dates: 2019-04-04, 2019-04, 2019, 4 April 2019, about June 2020.")
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fail(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        field.setFocus()

    def accept(self) -> None:
        title = self.title.text().strip()
        if not title:
            self._fail("An event needs a title.", self.title)
            return
        try:
            start = parse_user_date(self.start.text())
        except DateError as exc:
            self._fail(f"Start: {exc}", self.start)
            return
        end: PartialDate | None = None
        if self.end.text().strip():
            try:
                end = parse_user_date(self.end.text())
            except DateError as exc:
                self._fail(f"End: {exc}", self.end)
                return
            if end.end_seconds() <= start.to_seconds():
                self._fail(f"End: {end.iso()} is before the start {start.iso()}.", self.end)
                return
        checked = [
            self.actors.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.actors.count())
            if self.actors.item(i).checkState() == Qt.CheckState.Checked
        ]
        known = {self.actors.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.actors.count())}
        # keep the event's own order, and ids the document does not declare: an edit
        # must not reorder or drop what the user did not touch
        actors = [a for a in self.original.actors if a in checked or a not in known]
        actors += [a for a in checked if a not in actors]
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        self._result = replace(
            self.original, title=title, start=start, end=end, actors=actors,
            location=self.location.text().strip(), tags=tags,
            description=self.description.toPlainText(),
            date_note=self.date_note.toPlainText(),
        )
        super().accept()

    def edited_event(self) -> Event | None:
        """The edited copy, or None if cancelled or nothing changed."""
        if self._result is None or self._result == self.original:
            return None
        return self._result
