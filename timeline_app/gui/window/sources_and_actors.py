"""Adding and editing sources, and the Actors window: the window's part of these flows.

The dialogs only fill in forms; here a chosen file is read (through the core, which
decodes and converts it), an edited text is checked against the citations of the
source, and every change goes onto the session's stack as one command.

An edit of a cited source's text re-anchors each citation to the nearest occurrence of
its quote.  When some quote is no longer in the text, the analyst is shown which
citations these are and chooses: keep the old text (the other changes of the form are
kept), or take the new text and remove those citations from their events (one command:
undo brings them back).  No citation is ever left pointing at other words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from timeline_app.core.model import Citation, Event, Source
from timeline_app.core.sources.reanchor import reanchor_events
from timeline_app.core.sources.text_files import ImportedText, SourceFileError, read_source_file
from timeline_app.core.view.derived import Applied
from timeline_app.gui.dialogs.actors_dialog import ActorsDialog
from timeline_app.gui.dialogs.source_editor import SourceEditor
from timeline_app.gui.document.source_commands import AddSourceCommand, EditSourceCommand
from timeline_app.gui.plain_text import inform, message_box, one_line
from timeline_app.gui.window.icons import icon

if TYPE_CHECKING:
    from timeline_app.gui.window.main_window import MainWindow

__all__ = ["SourcesAndActors"]

SOURCE_FILTER = "Articles (*.txt *.html *.htm);;Text files (*.txt);;Web pages (*.html *.htm)"
LOST_SHOWN = 12  # citations listed by name when a text edit loses them


class SourcesAndActors:
    """The Add Source, Edit Source and Actors… actions and what they do."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.session = window.session
        self.actors_dialog: ActorsDialog | None = None
        # What asks the user for a source file: a path, or None when cancelled.
        self.choose_file: Callable[[], str | None] = self._choose_file
        self.session.documentChanged.connect(self._on_document_changed)

    def install_actions(self) -> None:
        """Create the actions and put them in the Edit menu and the toolbar."""
        w = self.window

        def action(name: str, text: str, slot: Callable[[], object], tip: str,
                   icon_name: str | None = None) -> QAction:
            act = QAction(text, w)
            act.setObjectName(name)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            if icon_name:
                act.setIcon(icon(icon_name))
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.add_source = action("actionAddSource", "Add &Source…", self.ask_add_source,
                                 "Add an article: paste its text or open a .txt or .html file",
                                 "document-new")
        self.edit_source = action("actionEditSource", "Edit S&ource…", self.ask_edit_source,
                                  "Edit the shown source's outlet, headline, date, address "
                                  "or text")
        self.actors = action("actionActors", "A&ctors…", self.show_actors,
                             "Add, rename, recolour, merge or delete actors")
        edit_menu = next((a.menu() for a in w.menuBar().actions() if a.text() == "&Edit"),
                         None)
        if edit_menu is not None:
            edit_menu.addSeparator()
            edit_menu.addActions([self.add_source, self.edit_source, self.actors])
        toolbar = w.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.add_source)
        w.source.sourceChanged.connect(lambda _id: self.update_enabled())
        self.session.documentReset.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        self.edit_source.setEnabled(self.window.source.current_source() is not None)

    # --- sources ------------------------------------------------------------------------
    def _choose_file(self) -> str | None:
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Article", start,
                                              SOURCE_FILTER)
        return path or None

    def read_chosen_file(self) -> ImportedText | None:
        """Ask for a file and return its text; None when cancelled or unreadable (said)."""
        path = self.choose_file()
        if not path:
            return None
        try:
            return read_source_file(path)
        except SourceFileError as exc:
            inform(self.window, "Cannot Use This File", str(exc))
            return None

    def ask_add_source(self) -> Source | None:
        editor = SourceEditor(self.session.document, None, self.read_chosen_file, self.window)
        if not editor.exec():
            return None
        source = editor.edited_source()
        self.session.undo_stack.push(AddSourceCommand(self.session, source))
        self.window.source.show_source(source.id)
        return source

    def ask_edit_source(self) -> Source | None:
        before = self.window.source.current_source()
        if before is None:
            return None
        editor = SourceEditor(self.session.document, before, self.read_chosen_file, self.window)
        if not editor.exec():
            return None
        after = editor.edited_source()
        events: dict[int, Event] = {}
        if after.text != before.text:
            result = reanchor_events(self.session.document.events, before.id, before.text,
                                     after.text)
            if result.lost and not self._remove_lost(result.lost):
                after = replace(after, text=before.text)  # keep the old text
            else:
                events = result.events
        if after == before:
            return None
        self.session.undo_stack.push(EditSourceCommand(self.session, before, after, events))
        self.window.source.show_source(after.id)
        return after

    def _remove_lost(self, lost: list[tuple[Event, Citation]]) -> bool:
        """Ask what to do with citations whose quote the new text no longer holds: True
        to take the new text and remove them, False to keep the old text."""
        lines = [f"• {one_line(event.title or event.id, 60, count=False)}: "
                 f"“{one_line(c.quote, 60, count=False)}”"
                 for event, c in lost[:LOST_SHOWN]]
        if len(lost) > LOST_SHOWN:
            lines.append(f"… and {len(lost) - LOST_SHOWN} more")
        n = len(lost)
        box = message_box(
            QMessageBox.Icon.Warning, "Citations Would Be Lost",
            f"The new text no longer contains the quoted words of {n} "
            f"citation{'s' if n != 1 else ''}:\n\n" + "\n".join(lines) + "\n\n"
            "Keep the old text (your other changes to the source are kept), or take the "
            "new text and remove these citations from their events?",
            QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("lostCitationsDialog")
        remove = box.addButton("Remove These Citations", QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("removeCitationsButton")
        keep = box.addButton("Keep the Old Text", QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepOldTextButton")
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is remove

    # --- actors ---------------------------------------------------------------------------
    def show_actors(self) -> ActorsDialog:
        if self.actors_dialog is None:
            self.actors_dialog = ActorsDialog(self.session, self.window)
        self.actors_dialog.show()
        self.actors_dialog.raise_()
        self.actors_dialog.activateWindow()
        return self.actors_dialog

    # --- the views follow -----------------------------------------------------------------
    def _on_document_changed(self, applied: Applied) -> None:
        w, doc = self.window, self.session.document
        shown = w.source.current_source()
        w.detail.set_document(doc)
        if applied.citations_replaced:
            w.source.set_document(doc, self.session.derived.citations)
        event = self.session.selected_event()
        w.detail.show_event(event)
        w.source.show_event(event)
        if shown is not None:
            w.source.show_source(shown.id)
        self.update_enabled()
