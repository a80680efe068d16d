"""Edit > Edit Event: change an event's fields; the change is one undoable command.

Dates are typed as people write them ("4 April 2019", "2019-04", "about June 2020") and
parsed by the core, so precision and approximation come from the text; a date that
does not parse, or an end before the start, is explained next to the field and the
dialog stays open.  Citations and unknown fields are kept as they were.

An edit changes exactly the fields the user changed: each widget's value is compared
with what the widget held when the dialog opened, and only a changed field is read
back.  An untouched field keeps its value to the character (spaces, CRLF, a lone CR,
U+2028, no-break spaces, an empty title).  Tags are one per line, so a tag may hold a
comma ("Tripoli, Libya").
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
from timeline_app.gui.plain_text import one_line

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
        self.tags = QPlainTextEdit("\n".join(event.tags))
        self.tags.setObjectName("tagsEdit")
        self.tags.setPlaceholderText("one tag per line")
        self.tags.setMaximumHeight(80)
        self.actors = QListWidget()
        self.actors.setMaximumHeight(110)
        for actor in document.actors:
            item = QListWidgetItem(one_line(actor.label))
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
        # What each widget shows of the event as opened.  A widget may normalise what
        # it is given (line ends, no-break spaces), so a field is unchanged when the
        # widget still reads as it did, whatever the event holds.
        self._initial = self._values()

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Start", self.start)
        form.addRow("&End", self.end)
        form.addRow("How the date was established", self.date_note)
        form.addRow("&Actors", self.actors)
        form.addRow("&Location", self.location)
        form.addRow("Ta&gs, one a line", self.tags)
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

    def _values(self) -> dict[str, object]:
        return {
            "title": self.title.text(),
            "start": self.start.text(),
            "end": self.end.text(),
            "date_note": self.date_note.toPlainText(),
            "actors": self._checked_actors(),
            "location": self.location.text(),
            "tags": self.tags.toPlainText(),
            "description": self.description.toPlainText(),
        }

    def _checked_actors(self) -> list[str]:
        return [
            self.actors.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.actors.count())
            if self.actors.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _fail(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        field.setFocus()

    def accept(self) -> None:
        changed = {key for key, value in self._values().items() if value != self._initial[key]}
        fields: dict[str, object] = {}
        if "title" in changed:
            title = self.title.text().strip()
            if not title:
                self._fail("An event needs a title.", self.title)
                return
            fields["title"] = title
        if changed & {"start", "end"}:
            dates = self._dates(changed)
            if dates is None:
                return
            fields["start"], fields["end"] = dates
        if "date_note" in changed:
            fields["date_note"] = self.date_note.toPlainText()
        if "actors" in changed:
            fields["actors"] = self._edited_actors()
        if "location" in changed:
            fields["location"] = self.location.text().strip()
        if "tags" in changed:
            fields["tags"] = self._edited_tags()
        if "description" in changed:
            fields["description"] = self.description.toPlainText()
        try:
            self._result = replace(self.original, **fields) if fields else self.original
        except ValueError as exc:  # a value the model refuses: say why, keep the dialog
            self._fail(str(exc), self.title)
            return
        super().accept()

    def _dates(self, changed: set[str]) -> tuple[PartialDate, PartialDate | None] | None:
        """Start and end after the edit (re-read only where changed); None on an error,
        which is shown."""
        start, end = self.original.start, self.original.end
        if "start" in changed:
            try:
                start = parse_user_date(self.start.text())
            except DateError as exc:
                self._fail(f"Start: {exc}", self.start)
                return None
        if "end" in changed:
            end = None
            if self.end.text().strip():
                try:
                    end = parse_user_date(self.end.text())
                except DateError as exc:
                    self._fail(f"End: {exc}", self.end)
                    return None
        if end is not None and end.end_seconds() <= start.to_seconds():
            self._fail(f"End: {end.iso()} is before the start {start.iso()}.", self.end)
            return None
        return start, end

    def _edited_actors(self) -> list[str]:
        """The event's own order, and ids the document does not declare, are kept: an
        edit must not reorder or drop what the user did not touch."""
        checked = self._checked_actors()
        known = {self.actors.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.actors.count())}
        actors = [a for a in self.original.actors if a in checked or a not in known]
        return actors + [a for a in checked if a not in actors]

    def _edited_tags(self) -> list[str]:
        """One tag per line.  A line that is one of the event's tags stays exactly that
        tag; a new line is trimmed; blank lines are dropped."""
        own = set(self.original.tags)
        tags = []
        for line in self.tags.toPlainText().split("\n"):
            if line in own:
                tags.append(line)
            elif line.strip():
                tags.append(line.strip())
        return tags

    def edited_event(self) -> Event | None:
        """The edited copy, or None if cancelled or nothing changed."""
        if self._result is None or self._result == self.original:
            return None
        return self._result
