"""New events: New Event, a double-click on a lane, New Event from Selection, Cite
Selection and Duplicate Event, with their actions.

Each flow builds a proposed event, lets the analyst finish it in the event editor (Cancel
creates nothing) and pushes one command on the session's undo stack.  What is proposed:

- New Event: the date at the centre of the visible range, as precise as the zoom
  (``core.authoring.date_at``), in the actor of the selected event's lane.
- Double-click on an empty spot of a lane: the date under the pointer, as precise as the
  zoom, in that lane's actor (or tag, when lanes are grouped by tag).
- From Selection: a citation of exactly the selected words, the title from their first
  sentence and the date of the first date phrase in them, resolved against the source's
  publication date (``core.dates.passage``); the start field shows the phrase, the date
  note how it was read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.dates.passage import find_date_phrase
from timeline_app.core.editing.ids import new_event_id
from timeline_app.core.editing.new_events import date_at, title_from_passage
from timeline_app.core.model import Citation, Event
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.document.commands import AddEventCommand, EditEventCommand, command_text
from timeline_app.gui.window.icons import icon

if TYPE_CHECKING:
    from timeline_app.gui.window.main_window import MainWindow

__all__ = ["AuthoringActions", "EventAuthoring"]

PLACEHOLDER_ID = "new-event"  # replaced by a readable unique id once the title is known


class _TakenIds:
    """The document's event ids, as a container (no set of a million ids is built)."""

    def __init__(self, window: MainWindow) -> None:
        self.session = window.session

    def __contains__(self, event_id: object) -> bool:
        return isinstance(event_id, str) and self.session.index_of(event_id) >= 0


class EventAuthoring:
    """The flows that create events; each returns whether it changed the document."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.session = window.session
        window.timeline.laneActivated.connect(self.new_event_at)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    def _zoom_date(self, t: float) -> PartialDate:
        return date_at(t, self.window.timeline.scale.seconds_per_px)

    def taken_ids(self) -> _TakenIds:
        """The document's event ids, for ``new_event_id``."""
        return _TakenIds(self.window)

    def centre_date(self) -> PartialDate:
        """The date at the centre of the visible range, as precise as the zoom."""
        t0, t1 = self.window.timeline.visible_range()
        return self._zoom_date((t0 + t1) / 2)

    def create(self, proposed: Event, verb: str, *, start_text: str | None = None,
                start_note: str | None = None) -> bool:
        """Open the editor on ``proposed``; on OK push one command adding the result."""
        editor = EventEditor(self.session.document, proposed, self.window, new=True,
                             start_text=start_text, start_note=start_note)
        if not editor.exec():
            return False
        event = editor.edited_event()
        if event is None:
            return False
        event = replace(event, id=new_event_id(event.title, _TakenIds(self.window)))
        self.session.undo_stack.push(AddEventCommand(self.session, event,
                                                     command_text(verb, event)))
        return True

    def new_event(self) -> bool:
        """Edit > New Event: at the centre of the view, in the selected event's lane."""
        t0, t1 = self.window.timeline.visible_range()
        actors: list[str] = []
        selected = self.session.selected_event()
        if selected is not None and selected.actors \
                and self.window.timeline.group_by is GroupBy.ACTOR:
            actors = [selected.actors[0]]
        return self.create(Event(PLACEHOLDER_ID, "", self._zoom_date((t0 + t1) / 2),
                                  actors=actors), "Add")

    def new_event_at(self, t: float, lane_key: object) -> bool:
        """Double-click on an empty spot of a lane: an event at that date in that lane."""
        group = self.window.timeline.group_by
        key = lane_key if isinstance(lane_key, str) else None
        actors = [key] if key is not None and group is GroupBy.ACTOR else []
        tags = [key] if key is not None and group in (GroupBy.TAG, GroupBy.TYPE) else []
        return self.create(Event(PLACEHOLDER_ID, "", self._zoom_date(t), actors=actors,
                                  tags=tags), "Add")

    def event_from_selection(self) -> bool:
        """New Event from Selection: cite exactly the selected words of the article."""
        selection = self.window.source.text_selection()
        source = self.session.document.source(selection.source_id) if selection else None
        if selection is None or source is None:
            self._say("Select the words that report the event in the article first.")
            return False
        citation = Citation(source.id, selection.start, selection.end, selection.quote)
        found = find_date_phrase(selection.quote, source.published)
        start_text = start_note = None
        if found is not None:
            start, start_text, start_note = found.date, found.phrase.strip(), found.note()
        elif source.published is not None:
            # Said in the note while the field keeps it, so it is not taken for a finding.
            start, start_text = source.published, source.published.iso()
            start_note = (f"No date in the cited words: the article's publication date, "
                          f"{start_text}, is only a proposal.")
        else:
            t0, t1 = self.window.timeline.visible_range()
            start = self._zoom_date((t0 + t1) / 2)
        proposed = Event(PLACEHOLDER_ID, title_from_passage(selection.quote), start,
                         citations=[citation])
        return self.create(proposed, "Add", start_text=start_text, start_note=start_note)

    def cite_selection(self) -> bool:
        """Cite Selection: the selected words become a citation of the selected event."""
        event = self.session.selected_event()
        selection = self.window.source.text_selection()
        if event is None or selection is None:
            self._say("Select an event, and the words that report it in the article.")
            return False
        citation = Citation(selection.source_id, selection.start, selection.end,
                            selection.quote)
        if any((c.source, c.start, c.end) == (citation.source, citation.start, citation.end)
               for c in event.citations):
            self._say("The event already cites these words.")
            return False
        after = replace(event, citations=[*event.citations, citation])
        self.session.undo_stack.push(EditEventCommand(self.session, event, after,
                                                      command_text("Cite in", after)))
        return True

    def duplicate_selected(self) -> bool:
        """Duplicate Event: a copy of the selected event under a new id, added at the end."""
        event = self.session.selected_event()
        if event is None:
            return False
        copy = replace(event, id=new_event_id(event.title, _TakenIds(self.window)),
                       actors=list(event.actors), tags=list(event.tags),
                       citations=list(event.citations), extra=dict(event.extra))
        self.session.undo_stack.push(AddEventCommand(self.session, copy,
                                                     command_text("Duplicate", event)))
        return True


class AuthoringActions:
    """The actions of ``EventAuthoring``, in the Edit menu, toolbar and the article's
    context menu; enabled when what they need is there."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        flows = window.authoring

        def action(text: str, slot, name: str, shortcut: str | None = None,
                   tip: str | None = None) -> QAction:
            act = QAction(text, window)
            act.setObjectName(name)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            if tip:
                act.setToolTip(tip)
                act.setStatusTip(tip)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.new_event = action("&New Event…", flows.new_event, "actionNewEvent", "Ctrl+E",
                                "Add an event at the centre of the view")
        self.new_event.setIcon(icon("list-add"))
        self.from_selection = action(
            "New Event from &Selection…", flows.event_from_selection,
            "actionEventFromSelection", "Ctrl+Shift+E",
            "Add an event citing the words selected in the article")
        self.cite_selection = action(
            "&Cite Selection", flows.cite_selection, "actionCiteSelection", "Ctrl+Shift+C",
            "Add the words selected in the article to the selected event's citations")
        self.duplicate = action("D&uplicate Event", flows.duplicate_selected,
                                "actionDuplicateEvent", "Ctrl+D",
                                "Copy the selected event under a new id")
        window.source.add_context_actions([self.from_selection, self.cite_selection])
        window.session.selectionChanged.connect(self.update_enabled)
        window.source.textSelectionChanged.connect(self.update_enabled)
        self.update_enabled()

    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions([self.new_event, self.from_selection, self.cite_selection,
                         self.duplicate])

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        toolbar.addSeparator()
        toolbar.addAction(self.new_event)

    def update_enabled(self, *_args: object) -> None:
        has_text = self.window.source.text_selection() is not None
        has_event = self.window.session.selected_id is not None
        self.from_selection.setEnabled(has_text)
        self.cite_selection.setEnabled(has_text and has_event)
        self.duplicate.setEnabled(has_event)
