"""The main window: composes the timeline, the detail pane and the source view.

It only wires parts together.  File dialogs live in ``FileController``, the document and
its undo stack in ``DocumentSession``, drawing in ``TimelineRenderer``, menus in
``window_actions``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from timeline_app import APP_NAME
from timeline_app.core.view.derived import Applied
from timeline_app.core.view.lanes import GroupBy
from timeline_app.core.view.ticks import day_label
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.document.commands import DeleteEventCommand, EditEventCommand
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.panes.detail_pane import DetailPane
from timeline_app.gui.panes.event_table import EventTableDock
from timeline_app.gui.panes.source_view import SourceView
from timeline_app.gui.plain_text import one_line
from timeline_app.gui.timeline.export import prepare
from timeline_app.gui.timeline.filter_panel import FilterPanel
from timeline_app.gui.timeline.filter_state import FilterMode, FilterState
from timeline_app.gui.timeline.filter_view import FilteredTimeline
from timeline_app.gui.timeline.legend_panel import LegendPanel
from timeline_app.gui.timeline.overview import OverviewStrip
from timeline_app.gui.timeline.search_bar import SearchBar, SearchIndexCache
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.date_review import DateReview
from timeline_app.gui.window.event_authoring import EventAuthoring
from timeline_app.gui.window.file_controller import FileController
from timeline_app.gui.window.icons import app_icon
from timeline_app.gui.window.idle_pause import order_idle_work
from timeline_app.gui.window.load_progress import LoadProgress
from timeline_app.gui.window.saved_views import SavedViews
from timeline_app.gui.window.sources_and_actors import SourcesAndActors
from timeline_app.gui.window.undo_history import UndoHistoryDock
from timeline_app.gui.window.window_actions import WindowActions

__all__ = ["MainWindow"]

class MainWindow(QMainWindow):
    def __init__(self, path: str | os.PathLike[str] | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = settings or QSettings()
        self.session = DocumentSession(self)
        self.files = FileController(self.session, self, self.settings)

        self.timeline = TimelineView(self.session)
        self.overview = OverviewStrip(self.timeline)
        self.detail = DetailPane()
        self.source = SourceView()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        self.search_index = SearchIndexCache(self.session)  # shared by search and filters
        self.search = SearchBar(self.session, self.timeline, self.search_index)
        # The one filter the filter panel sets and the timeline, table and views follow.
        self.filters = FilterState(self.session, self.search_index, self)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.timeline, 1)
        left_layout.addWidget(self.overview)
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.setObjectName("sideSplitter")
        self.side.addWidget(self.detail)
        self.side.addWidget(self.source)
        self.side.setStretchFactor(0, 2)
        self.side.setStretchFactor(1, 3)
        self.side.setSizes([380, 460])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 520])
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel()
        self.range_label = QLabel()
        self.statusBar().addPermanentWidget(self.range_label)
        self.statusBar().addPermanentWidget(self.count_label)

        self.history = UndoHistoryDock(self.session.undo_stack, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.legend = LegendPanel(self.session, self.timeline, self)  # View > Legend
        self.legend.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.legend)
        # View > Filters, and the timeline and search following the filter.
        self.filter_panel = FilterPanel(self.filters, self)
        self.filter_panel.hide()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.filter_panel)
        self.filtered = FilteredTimeline(self.filters, self.timeline, self.search, self)
        self.filtered.selectionHidden.connect(lambda: self.statusBar().showMessage(
            "The selected event is hidden by the filters: it is no longer selected", 8000))
        self.filters.changed.connect(self._update_status)
        self.table_dock = EventTableDock(self.session, self.filters, self)  # View > Event Table
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.table_dock)
        self.event_table = self.table_dock.table
        self.authoring = EventAuthoring(self)  # New Event, from a selection, Duplicate...
        self.date_review = DateReview(self)  # Find Dates: the events its dates propose
        self.actions_ = WindowActions(self)
        # Sources and actors: Add Source, Edit Source, the Actors window.
        self.sources_actors = SourcesAndActors(self)
        self.sources_actors.install_actions()
        self.saved_views = SavedViews(self)  # View > Saved Views
        self.saved_views.install_menu()
        self._connect()
        self._restore_layout()
        if path is not None:
            self.files.open_path(path)
        self._update_title()
        self._update_status()

    # --- wiring -----------------------------------------------------------------------------
    def _connect(self) -> None:
        s = self.session
        s.documentReset.connect(self._on_document_reset)
        s.eventsChanged.connect(self._on_events_changed)
        s.selectionChanged.connect(self._on_selection_changed)
        s.pathChanged.connect(self._update_title)
        s.undo_stack.cleanChanged.connect(self._update_title)
        self.timeline.viewChanged.connect(self._update_status)
        self.files.loadStarted.connect(
            lambda task: self.statusBar().addWidget(LoadProgress(task, self.statusBar())))
        self.source.eventActivated.connect(self._select_and_reveal)
        self.timeline.eventActivated.connect(lambda _id: self.edit_selected())
        self.event_table.eventChosen.connect(self._select_and_reveal)
        self.event_table.eventActivated.connect(lambda _id: self.edit_selected())
        self.detail.citationActivated.connect(self._show_citation)
        self.files.autosave.failed.connect(lambda why: self.statusBar().showMessage(why, 8000))
        self.files.saver.started.connect(lambda text: self.statusBar().showMessage(text))
        self.files.saver.finished.connect(
            lambda _ok, text: self.statusBar().showMessage(text, 4000))
        self.source.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        order_idle_work(self)

    def _on_document_reset(self) -> None:
        self.detail.set_document(self.session.document)
        self.source.set_document(self.session.document, self.session.derived.citations)
        self.detail.show_event(None)
        self.source.show_event(None)
        self._update_status()

    def _on_events_changed(self, applied: Applied) -> None:
        self.detail.set_document(self.session.document)
        if applied.citations_replaced:
            self.source.set_document(self.session.document, self.session.derived.citations)
        else:
            self.source.citations_changed(applied.cited_sources)
        self._on_selection_changed(self.session.selected_id)
        self._update_status()

    def _on_selection_changed(self, event_id: object) -> None:
        event = self.session.selected_event()
        self.detail.show_event(event)
        self.source.show_event(event)
        self.actions_.update_enabled()

    def _select_and_reveal(self, event_id: str) -> None:
        self.session.select(event_id)
        self.timeline.scroll_to_event(event_id)

    def _show_citation(self, event_id: str, citation_index: int) -> None:
        self._select_and_reveal(event_id)
        event = self.session.event_by_id(event_id)
        if event is not None and 0 <= citation_index < len(event.citations):
            self.source.show_source(event.citations[citation_index].source)

    # --- commands the actions call -------------------------------------------------------------
    def set_group_by(self, group_by: GroupBy) -> None:
        self.timeline.set_group_by(group_by)
        self.settings.setValue("view/groupBy", group_by.value)

    def edit_selected(self) -> bool:
        """Edit > Edit Event: one undoable command for everything changed in the form."""
        event = self.session.selected_event()
        if event is None:
            return False
        editor = EventEditor(self.session.document, event, self)
        if not editor.exec():
            return False
        edited = editor.edited_event()
        if edited is not None:
            self.session.undo_stack.push(EditEventCommand(self.session, event, edited))
        return edited is not None

    def delete_selected(self) -> None:
        event = self.session.selected_event()
        if event is not None:
            self.session.undo_stack.push(DeleteEventCommand(self.session, event))

    def export_image(self) -> bool:
        """File > Export Image…: the timeline as PNG, SVG or PDF, as the dialog says."""
        view = self.timeline

        def prepare_export(options):
            group_by = view.group_by
            return prepare(self.session.document, replace(options, group_by=group_by),
                           palette=view.palette(), font=view.font(),
                           grouping=view.arrangement())  # what is shown, as arranged

        path = self.files.ask_export_image(prepare_export, view.visible_range())
        if path:
            self.statusBar().showMessage(f"Exported the timeline to {one_line(path)}", 4000)
        return path is not None

    # --- window state ------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.session.display_name()
        if self.session.read_only:
            name += " (read-only)"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(not self.session.undo_stack.isClean())
        if self.session.path is not None:
            self.setWindowFilePath(os.fspath(self.session.path))

    def _update_status(self) -> None:
        n = len(self.session.document.events)
        self.count_label.setText(f"{n:,} event{'s' if n != 1 else ''}")
        if self.filters.active:
            shown, total = self.filters.counts()
            faded = self.filters.mode is FilterMode.FADE  # the others are drawn faint
            self.count_label.setText(f"{shown:,} of {total:,} events "
                                     + ("kept, the others faded" if faded else "shown"))
        t0, t1 = self.timeline.visible_range()
        self.range_label.setText(f"{day_label(t0)} – {day_label(t1)}")

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")  # the docks: legend, undo history
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for key, splitter in (("window/mainSplitter", self.splitter),
                              ("window/sideSplitter", self.side)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        try:
            group = GroupBy(self.settings.value("view/groupBy", GroupBy.ACTOR.value))
        except ValueError:
            group = GroupBy.ACTOR
        self.actions_.set_group_checked(group)
        self.timeline.set_group_by(group)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/mainSplitter", self.splitter.saveState())
        self.settings.setValue("window/sideSplitter", self.side.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.cancel_load(wait=True)  # its thread must end before the app does
        self.files.autosave.discard()  # the changes were saved or deliberately discarded
        self._save_layout()
        event.accept()

    # --- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = event.mimeData().urls()
        local = [u.toLocalFile() for u in urls if u.isLocalFile()]
        if local:
            event.acceptProposedAction()
            self.files.open_path(Path(local[0]))
