"""Edit > Edit Event and New Event: an event's fields in a form; the result is one
undoable command.

Dates are typed as people write them ("4 April 2019", "2019-04", "about June 2020", or
"on Saturday" for an event citing a dated source) and read by the core
(``date_reading``); ``datePreview`` shows, as you type, how each was understood, and
how sure the date is ("2019-04~" around, "2019-04-04?" reportedly).  An EDTF interval
typed in Start ("2004-06/2006-08") sets both ends; one open at the end ("2019-04/..", or
".." in End) stores an event that goes on; unknown ends are refused with advice.  An
entry that cannot be read, an end before the start or an empty title is marked at its
field (a red frame, an icon and the message under it), OK is disabled until it is fixed,
and the mark goes as soon as it is.  When a date comes from a relative phrase, the
"How the date was established" note is filled with the resolution, unless the user wrote
the note by hand.  Citations and unknown fields are kept as they were.

An edit changes exactly the fields the user changed: each widget's value is compared
with what the widget held when the dialog opened, and only a changed field is read
back.  An untouched field keeps its value to the character (spaces, CRLF, a lone CR,
U+2028, no-break spaces, an empty title).  Tags are one per line, so a tag may hold a
comma ("Tripoli, Libya").  A new event (``new=True``) is read from every field.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import DateError
from timeline_app.core.model import Document, Event, ends_before_start
from timeline_app.gui.dialogs.date_reading import (
    OPEN_END,
    DateReading,
    describe,
    describe_open_end,
    parse_user_date,
    publication_date,
    read_date,
)
from timeline_app.gui.plain_text import one_line, plain_label, plain_tooltip

__all__ = ["EventEditor", "parse_user_date"]

INVALID_STYLE = "QLineEdit { border: 2px solid #c62828; border-radius: 3px; padding: 1px; }"


class EventEditor(QDialog):
    """A form over one event; ``edited_event()`` is the result after ``accept``.

    ``start_text`` replaces what the start field shows at first (New Event from
    Selection puts the passage's date phrase there, so the preview explains it), and
    ``start_note`` is the date note proposed while the field still shows it.
    """

    def __init__(self, document: Document, event: Event, parent: QWidget | None = None, *,
                 new: bool = False, start_text: str | None = None,
                 start_note: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self.setWindowTitle("New Event" if new else "Edit Event")
        self.setMinimumWidth(560)
        self.original = event
        self.new = new
        self._result: Event | None = None
        self._reference = publication_date(document, event)
        self.title = QLineEdit(event.title)
        self.title.setObjectName("titleEdit")
        self.start = QLineEdit(event.start.iso())
        self.start.setObjectName("startEdit")
        self.end = QLineEdit(event.end.iso() if event.end else
                             OPEN_END if event.open_end else "")
        self.end.setObjectName("endEdit")
        self.end.setPlaceholderText("empty for a single date, .. if it goes on")
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
        self.actor_entry = self._actor_entry(document)
        self.description = QPlainTextEdit(event.description)
        self.date_note = QPlainTextEdit(event.date_note)
        self.date_note.setObjectName("dateNoteEdit")
        self.date_note.setMaximumHeight(70)
        self.preview = plain_label(selectable=False)
        self.preview.setObjectName("datePreview")
        self.error = plain_label(selectable=False)
        self.error.setObjectName("editorError")
        self.error.setStyleSheet("color: palette(highlight);")
        self.error.hide()
        self._messages: dict[QLineEdit, QLabel] = {}
        self._marks: dict[QLineEdit, QAction] = {}
        # What each widget shows of the event as opened.  A widget may normalise what
        # it is given (line ends, no-break spaces), so a field is unchanged when the
        # widget still reads as it did, whatever the event holds.
        self._initial = self._values()
        self._proposed_note: str | None = None  # the note this form last wrote itself
        self._start_hint = (start_text, start_note)
        if start_text is not None:
            self.start.setText(start_text)

        form = QFormLayout()
        form.addRow("&Title", self._with_message(self.title, "titleMessage"))
        form.addRow("&Start", self._with_message(self.start, "startMessage"))
        form.addRow("&End", self._with_message(self.end, "endMessage"))
        form.addRow("Understood as", self.preview)
        form.addRow("How the date was established", self.date_note)
        form.addRow("&Actors", self.actors)
        form.addRow("", self.actor_entry)
        form.addRow("&Location", self.location)
        form.addRow("Ta&gs, one a line", self.tags)
        form.addRow("&Description", self.description)
        hint = plain_label("Dates: 2019-04-04, 2019-04, 2019, 4 April 2019, about June 2020, "
                           "2019-04~ (around), 2019-04-04? (reportedly), 2019% (both); "
                           "in Start, 2019-04/2019-06 for both ends, 2019-04/.. if it "
                           "goes on"
                           + (", on Saturday, three days ago." if self._reference else "."),
                           selectable=False)
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for edit in (self.title, self.start, self.end):
            edit.textChanged.connect(self._check)
        self._check()

    # --- building ------------------------------------------------------------------------
    def _with_message(self, edit: QLineEdit, name: str) -> QWidget:
        """The field with its message under it (hidden while the entry is valid)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        message = plain_label(selectable=False)
        message.setObjectName(name)
        message.setStyleSheet("color: #c62828;")
        message.hide()
        column.addWidget(edit)
        column.addWidget(message)
        self._messages[edit] = message
        return box

    def _actor_entry(self, document: Document) -> QLineEdit:
        """Type an actor's name (completed from the document's actors), Enter ticks it."""
        entry = QLineEdit()
        entry.setObjectName("actorEdit")
        entry.setPlaceholderText("type an actor's name, Enter to tick it")
        names = [one_line(a.label) for a in document.actors]
        completer = QCompleter(names + [a.id for a in document.actors if a.label != a.id], entry)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        entry.setCompleter(completer)
        entry.returnPressed.connect(self._tick_typed_actor)
        completer.activated.connect(lambda _text: self._tick_typed_actor())
        return entry

    def _tick_typed_actor(self) -> None:
        typed = self.actor_entry.text().strip().casefold()
        for i in range(self.actors.count()):
            item = self.actors.item(i)
            if typed in (item.text().casefold(), str(item.data(Qt.ItemDataRole.UserRole))
                         .casefold()):
                item.setCheckState(Qt.CheckState.Checked)
                self.actors.scrollToItem(item)
                self.actor_entry.clear()
                return

    # --- values --------------------------------------------------------------------------
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

    def _changed(self) -> set[str]:
        values = self._values()
        if self.new:
            return set(values)
        return {key for key, value in values.items() if value != self._initial[key]}

    def _checked_actors(self) -> list[str]:
        return [
            self.actors.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.actors.count())
            if self.actors.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _read(self, edit: QLineEdit, key: str, changed: set[str]) -> DateReading | None:
        """The field's date as understood (the event's own if untouched); None if empty.
        Raises DateError."""
        if key not in changed:
            value = self.original.start if key == "start" else self.original.end
            return DateReading(value) if value is not None else None
        if key == "end" and edit.text().strip() in ("", OPEN_END):
            return None  # none, or open: see _end_open
        return read_date(edit.text(), self._reference)

    def _end_open(self, changed: set[str]) -> bool:
        """Whether End says the event goes on (".."), or did as opened."""
        if "end" not in changed:
            return self.original.open_end
        return self.end.text().strip() == OPEN_END

    # --- live checks ----------------------------------------------------------------------
    def _problems(self) -> tuple[dict[QLineEdit, str], list[str], list[str]]:
        """Per field what is wrong, the preview lines and the notes relative dates propose."""
        changed = self._changed()
        problems: dict[QLineEdit, str] = {}
        if "title" in changed and not self.title.text().strip():
            problems[self.title] = "An event needs a title."
        readings: dict[str, DateReading | None] = {}
        for edit, key in ((self.start, "start"), (self.end, "end")):
            try:
                readings[key] = self._read(edit, key, changed)
            except DateError as exc:
                problems[edit] = str(exc)
        typed_end = readings.get("end")
        if typed_end is not None and (typed_end.end is not None or typed_end.open_end):
            problems[self.end] = (f"{self.end.text().strip()!r} is an interval: type it in "
                                  "Start, which it fills with both ends, or type one date here"
                                  + (" (.. alone if it goes on)" if typed_end.open_end else ""))
        start = readings.get("start")
        from_interval = start is not None and (start.end is not None or start.open_end)
        open_end = self._end_open(changed) and "end" in readings
        if start is not None and start.end is not None:  # A/B typed in Start: B is the end
            readings["end"] = DateReading(start.end)
        if from_interval:
            open_end = start is not None and start.open_end  # A/.. typed in Start
            problems.pop(self.end, None)
        end = readings.get("end")
        if start is not None and end is not None and ends_before_start(start.date, end.date):
            problems[self.end] = f"{end.date.iso()} is before the start {start.date.iso()}."
        preview, notes = [], []
        for key, label in (("start", "Start"),
                           ("end", "End (from the interval typed in Start)" if from_interval
                            else "End")):
            reading = readings.get(key)
            if key == "end" and open_end:
                preview.append(describe_open_end(label, start.date if start else None))
            elif reading is not None:
                preview.append(describe(label, reading))
                hint_text, hint_note = self._start_hint
                if key == "start" and hint_note and self.start.text() == hint_text:
                    notes.append(hint_note)
                elif key in changed and (note := reading.note()):
                    notes.append(note)
            elif key not in readings:
                preview.append(f"{label}: not understood")
            elif key == "end":
                preview.append("End: none, a single date")
        return problems, preview, notes

    def _check(self) -> None:
        problems, preview, notes = self._problems()
        for edit in self._messages:
            self._mark(edit, problems.get(edit))
        self.preview.setText("\n".join(preview))
        self.ok_button.setEnabled(not problems)
        first = next(iter(problems.items()), None)
        if first is None:
            self.error.hide()
        else:
            names = {self.title: "Title", self.start: "Start", self.end: "End"}
            self.error.setText(f"{names[first[0]]}: {first[1]}")
            self.error.show()
        self._propose_note("\n".join(notes) if notes else None)

    def _mark(self, edit: QLineEdit, message: str | None) -> None:
        """Show ``message`` at the field (None clears it): frame, icon and text."""
        label = self._messages[edit]
        label.setText(message or "")
        label.setVisible(message is not None)
        edit.setStyleSheet(INVALID_STYLE if message else "")
        mark = self._marks.pop(edit, None)
        if mark is not None:
            edit.removeAction(mark)
        if message:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._marks[edit] = edit.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            self._marks[edit].setToolTip(plain_tooltip(message))  # it quotes the typing

    def _propose_note(self, proposal: str | None) -> None:
        """Let the note follow the dates, unless the user wrote it: the note is replaced
        only while it still reads as opened or as this form last wrote it."""
        current = self.date_note.toPlainText()
        if current not in (self._initial["date_note"], self._proposed_note):
            return
        wanted = proposal if proposal is not None else self._initial["date_note"]
        if current != wanted:
            self.date_note.setPlainText(str(wanted))
        self._proposed_note = proposal

    def _fail(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        if isinstance(field, QLineEdit) and field in self._messages:
            self._mark(field, message)
        field.setFocus()

    # --- result ---------------------------------------------------------------------------
    def accept(self) -> None:
        self._check()
        problems, _preview, _notes = self._problems()
        if problems:
            edit = next(iter(problems))
            edit.setFocus()
            return
        changed = self._changed()
        fields: dict[str, object] = {}
        if "title" in changed:
            fields["title"] = self.title.text().strip()
        if changed & {"start", "end"}:
            start = self._read(self.start, "start", changed)
            assert start is not None  # an empty start is a problem above
            if start.end is not None or start.open_end:  # an interval typed in Start
                fields["start"], fields["end"] = start.date, start.end
                fields["open_end"] = start.open_end
            else:
                end = self._read(self.end, "end", changed)
                fields["start"], fields["end"] = start.date, end.date if end else None
                fields["open_end"] = end is None and self._end_open(changed)
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
        except ValueError as exc:  # a value the model refuses: say why, at its field
            widgets = {"title": self.title, "start": self.start, "end": self.end,
                       "date_note": self.date_note, "actors": self.actors,
                       "location": self.location, "tags": self.tags,
                       "description": self.description}
            self._fail(str(exc), widgets.get(getattr(exc, "field", ""), self.title))
            return
        super().accept()

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
        """The edited copy, or None if cancelled or (editing) nothing changed."""
        if self._result is None or (self._result == self.original and not self.new):
            return None
        return self._result
