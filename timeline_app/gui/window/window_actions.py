"""Menus, toolbar and shortcuts of the main window, in one place.

Standard shortcuts come from ``QKeySequence.StandardKey`` so that each platform gets
its own (Ctrl+O here, Cmd+O on macOS).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from timeline_app import APP_NAME, __version__
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.dialogs.go_to_date import ask_date
from timeline_app.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from timeline_app.gui.plain_text import menu_text, one_line, plain_tooltip
from timeline_app.gui.window.event_authoring import AuthoringActions
from timeline_app.gui.window.file_import import ask_export
from timeline_app.gui.window.icons import icon

if TYPE_CHECKING:
    from timeline_app.gui.window.main_window import MainWindow

__all__ = ["SHORTCUTS_HELP", "WindowActions"]

SK = QKeySequence.StandardKey

# The view keys work wherever the focus is in the window: they are the View actions'
# own shortcuts (window-wide), so the menus show the same keys.
SHORTCUTS_HELP = [
    ("Mouse wheel", "Zoom about the pointer"),
    ("Drag empty space", "Pan"),
    ("+ / − (or Ctrl++ / Ctrl+−)", "Zoom in / out"),
    ("← / →", "Pan earlier / later"),
    ("Home (or Ctrl+0)", "Fit the whole timeline"),
    ("F", "Focus the selected event"),
    ("Ctrl+F", "Search the events (Enter / Shift+Enter: next / previous match, Esc: close)"),
    ("Tab / Shift+Tab", "Next / previous event in time"),
    ("Esc", "Clear the selection"),
    ("F2 / double-click", "Edit the selected event"),
    ("Ctrl+E / double-click a lane", "New event (at the centre / there)"),
    ("Ctrl+Shift+E", "New event citing the words selected in the article"),
    ("Ctrl+Shift+C", "Cite the selected words in the selected event"),
    ("Ctrl+D", "Duplicate the selected event"),
    ("Delete", "Delete the selected event"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("Drag an event", "Move it in time, snapping to the ticks (hold Alt: its own unit)"),
    ("Drag a bar's end", "Resize the range"),
    ("Esc while dragging", "Cancel the drag"),
    ("Alt+← / Alt+→", "Nudge the selected event by one tick"),
    ("Ctrl+G", "Go to a date"),
    ("Ctrl+Shift+L", "Show or hide the Filters panel"),
    ("Ctrl+Shift+T", "Show or hide the event table (F2 / double-click a cell: edit it)"),
    ("Ctrl+Shift+D", "Find Dates: mark the article's dates and propose events from them"),
    ("Click a highlighted passage", "Select the event it reports"),
]

GROUP_LABELS = {
    GroupBy.ACTOR: "&Actor",
    GroupBy.TAG: "&Tag",
    GroupBy.SOURCE: "&Source",
    GroupBy.TYPE: "Event T&ype (each event once)",
    GroupBy.NONE: "&None",
}


class WindowActions:
    """Creates every action of the window and the menus and toolbar that show them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        files = w.files
        view = w.timeline
        stack = w.session.undo_stack

        def action(text: str, slot, shortcut=None, icon_name: str | None = None,
                   tip: str | None = None) -> QAction:
            act = QAction(text, w)
            if icon_name:
                act.setIcon(icon(icon_name))
            if shortcut is not None:
                act.setShortcuts(QKeySequence.keyBindings(shortcut) if isinstance(shortcut, SK)
                                 else [QKeySequence(shortcut)])
            if tip:
                act.setStatusTip(tip)
                act.setToolTip(tip)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.open = action("&Open…", files.ask_open, SK.Open, "document-open",
                           "Open a timeline file")
        # The file is written on a worker thread: the window stays live meanwhile.
        self.save = action("&Save", partial(files.save, wait=False), SK.Save, "document-save",
                           "Save the timeline")
        self.save_as = action("Save &As…", partial(files.save_as, wait=False), SK.SaveAs,
                              "document-save-as")
        # No shortcut: Ctrl+E and Ctrl+Shift+E make events, the analyst's everyday work.
        self.export_image = action("&Export Image…", w.export_image, None, "document-export",
                                   "Export the timeline as an image (PNG, SVG or PDF) with its "
                                   "title, legend and sources")
        self._new_and_save_actions(action)
        # --- export to other formats ----------------------------------------------------
        self.export_csv = action("Export as &CSV…", partial(ask_export, files, "csv"),
                                 tip="Export the events as a CSV table, for spreadsheets")
        self.export_csv.setObjectName("actionExportCsv")
        self.export_timelinejs = action("Export as &TimelineJS…",
                                        partial(ask_export, files, "timelinejs"),
                                        tip="Export the timeline as a TimelineJS file")
        self.export_timelinejs.setObjectName("actionExportTimelineJS")
        self.quit = action("&Quit", w.close, SK.Quit, "application-exit")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Not QUndoStack.createUndoAction: its tooltip is the command's text, which names
        # an event by its title, and Qt renders a tooltip that looks like markup.
        self.undo = action("&Undo", stack.undo, SK.Undo, "edit-undo")
        self.redo = action("&Redo", stack.redo, SK.Redo, "edit-redo")
        # The signals' own values, never the stack: it emits them while being destroyed.
        self._steps: dict[QAction, dict[str, object]] = {
            self.undo: {"verb": "Undo", "able": stack.canUndo(), "what": stack.undoText()},
            self.redo: {"verb": "Redo", "able": stack.canRedo(), "what": stack.redoText()},
        }
        stack.canUndoChanged.connect(partial(self._set_step, self.undo, "able"))
        stack.undoTextChanged.connect(partial(self._set_step, self.undo, "what"))
        stack.canRedoChanged.connect(partial(self._set_step, self.redo, "able"))
        stack.redoTextChanged.connect(partial(self._set_step, self.redo, "what"))
        self._set_step(self.undo, "able", stack.canUndo())
        self._set_step(self.redo, "able", stack.canRedo())

        # --- undo history, nudges -------------------------------------------------------
        self.undo.setObjectName("actionUndo")
        self.redo.setObjectName("actionRedo")
        self.undo_history = w.history.toggleViewAction()
        self.undo_history.setText("Undo &History")
        self.undo_history.setObjectName("actionUndoHistory")
        self.undo_history.setStatusTip("Show every change, and step back to any of them")
        self.legend = w.legend.toggleViewAction()
        self.legend.setText("&Legend")
        self.legend.setObjectName("actionLegend")
        self.legend.setStatusTip("Show what the lanes' colours and the marks mean")
        self.filter_panel = w.filter_panel.toggleViewAction()
        self.filter_panel.setText("&Filters")
        self.filter_panel.setIcon(icon("view-filter"))
        self.filter_panel.setObjectName("actionFilters")
        self.filter_panel.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.filter_panel.setStatusTip("Show only some actors, tags, outlets, places or dates")
        self.event_table = w.table_dock.toggleViewAction()
        self.event_table.setText("Event &Table")
        self.event_table.setObjectName("actionEventTable")
        self.event_table.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.event_table.setStatusTip("List the events in a table to sort, read and edit")
        self.nudge_earlier = action("Nudge &Earlier", partial(view.nudge_selected, -1),
                                    "Alt+Left", tip="Move the selected event one tick earlier")
        self.nudge_later = action("Nudge &Later", partial(view.nudge_selected, 1),
                                  "Alt+Right", tip="Move the selected event one tick later")
        self.nudge_earlier.setObjectName("actionNudgeEarlier")
        self.nudge_later.setObjectName("actionNudgeLater")
        w.session.selectionChanged.connect(self._update_nudges)
        self._update_nudges()

        self.edit_event = action("&Edit Event…", w.edit_selected, "F2",
                                 tip="Edit the selected event (or double-click it)")
        self.delete_event = action("&Delete Event", w.delete_selected, SK.Delete,
                                   tip="Delete the selected event")
        self.zoom_in = action("Zoom &In", view.zoom_in, None, "zoom-in")
        self.zoom_out = action("Zoom &Out", view.zoom_out, None, "zoom-out")
        self.zoom_fit = action("Zoom to &Fit", view.zoom_to_fit, None, "zoom-fit-best",
                               "Show the whole timeline")
        self.focus = action("&Focus Selection", view.focus_selection)
        self.pan_earlier = action("Pan &Earlier", view.pan_earlier)
        self.pan_later = action("Pan &Later", view.pan_later)
        self.next_event = action("&Next Event", partial(view.select_neighbour, 1),
                                 tip="Select the next event in time")
        self.previous_event = action("&Previous Event", partial(view.select_neighbour, -1),
                                     tip="Select the previous event in time")
        self.clear_selection = action("&Clear Selection", view.escape)
        self._view_keys()
        self.go_to = action("&Go to Date…", self._go_to_date, "Ctrl+G", "go-jump")
        self.go_to.setObjectName("actionGoToDate")
        self.find = action("&Find…", w.search.start, SK.Find, "edit-find",
                           "Search titles, descriptions, places, actors, tags and quotes")
        self.find.setObjectName("actionFind")
        self.group = QActionGroup(w)
        self.group_actions: dict[GroupBy, QAction] = {}
        for g, label in GROUP_LABELS.items():
            act = QAction(label, w, checkable=True)
            act.triggered.connect(partial(w.set_group_by, g))
            self.group.addAction(act)
            self.group_actions[g] = act

        self.shortcuts = action("&Keyboard Shortcuts", self._show_shortcuts, SK.HelpContents)
        self.about = action(f"&About {APP_NAME}", self._about, icon_name="help-about")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        self.authoring = AuthoringActions(w)  # New Event and the other event authoring
        self.edit_event.setObjectName("actionEditEvent")
        self.delete_event.setObjectName("actionDeleteEvent")

        self._build_menus()
        self._build_toolbar()
        files.recentChanged.connect(self._fill_recent)
        self._fill_recent()
        self.update_enabled()

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_timeline)
        file_menu.addAction(self.open)
        self.recent_menu = QMenu("Open &Recent", self.window)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.export_image)
        file_menu.addActions([self.export_csv, self.export_timelinejs])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.edit_event, self.delete_event])
        edit.addSeparator()
        edit.addActions([self.nudge_earlier, self.nudge_later])
        self.authoring.fill_edit_menu(edit)
        edit.addSeparator()
        edit.addAction(self.find)
        view = bar.addMenu("&View")
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_fit, self.focus])
        view.addActions([self.pan_earlier, self.pan_later])
        view.addSeparator()
        view.addActions([self.next_event, self.previous_event, self.clear_selection])
        view.addSeparator()
        view.addAction(self.go_to)
        view.addSeparator()
        group_menu = view.addMenu("&Group Lanes By")
        group_menu.addActions(list(self.group_actions.values()))
        view.addSeparator()
        view.addActions([self.filter_panel, self.event_table, self.legend,
                         self.undo_history, self.window.source.dates.action])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main toolbar", self.window)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.new_timeline)
        tb.addActions([self.open, self.save])
        tb.addSeparator()
        tb.addActions([self.undo, self.redo])
        self.authoring.fill_toolbar(tb)
        tb.addSeparator()
        tb.addActions([self.zoom_in, self.zoom_out, self.zoom_fit, self.go_to])
        tb.addAction(self.filter_panel)
        tb.addSeparator()
        tb.addAction(self.export_image)
        self.window.addToolBar(tb)

    def _view_keys(self) -> None:
        """The view's keys, the bare key first (the one the menus show), on window-wide
        shortcuts: they work after a click in the article or the details as well."""
        keys = {
            self.zoom_in: ["+", "=", *QKeySequence.keyBindings(SK.ZoomIn)],
            self.zoom_out: ["-", *QKeySequence.keyBindings(SK.ZoomOut)],
            self.zoom_fit: ["Home", "Ctrl+0"],
            self.focus: ["F"],
            self.pan_earlier: ["Left"],
            self.pan_later: ["Right"],
            self.next_event: ["Tab"],
            self.previous_event: ["Shift+Tab", "Backtab"],
            self.clear_selection: ["Esc"],
        }
        names = {self.zoom_in: "actionZoomIn", self.zoom_out: "actionZoomOut",
                 self.zoom_fit: "actionZoomToFit", self.focus: "actionFocusSelection",
                 self.pan_earlier: "actionPanEarlier", self.pan_later: "actionPanLater",
                 self.next_event: "actionNextEvent", self.previous_event: "actionPreviousEvent",
                 self.clear_selection: "actionClearSelection"}
        for act, seqs in keys.items():
            act.setShortcuts([QKeySequence(k) for k in seqs])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setObjectName(names[act])
            self.window.addAction(act)  # also while the toolbar and menu bar are hidden

    def _new_and_save_actions(self, action) -> None:
        """File > New, and the object names tests outside the repository rely on."""
        self.new_timeline = action("&New", self.window.files.new_timeline, SK.New,
                                   "document-new", "Start a new, empty timeline")
        self.new_timeline.setObjectName("actionNewTimeline")
        self.save.setObjectName("actionSave")
        self.save_as.setObjectName("actionSaveAs")

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.window.files.recent_files()
        for i, path in enumerate(files, start=1):
            act = menu.addAction(f"&{i % 10} {menu_text(one_line(path, 300))}")
            act.triggered.connect(partial(self._open_recent, path))
        if files:
            menu.addSeparator()
            menu.addAction("&Clear Menu", self.window.files.clear_recent)
        menu.setEnabled(bool(files))

    def _open_recent(self, path: str) -> None:
        self.window.files.open_path(path)

    def _set_step(self, act: QAction, field: str, value: bool | str) -> None:
        """Undo / Redo name the step they take, as plain text in the menu and tooltip."""
        step = self._steps[act]
        step[field] = value
        able, what = bool(step["able"]), str(step["what"])
        act.setEnabled(able)
        text = f"{step['verb']} {what}" if able and what else str(step["verb"])
        act.setText(f"&{menu_text(text)}")
        # The toolbar shows the short verb: a button as wide as an event's title would
        # reflow the toolbar on every edit.  The command's name is in the tooltip.
        act.setIconText(str(step["verb"]))
        act.setToolTip(plain_tooltip(text))
        act.setStatusTip(text)

    def _update_nudges(self, *_args: object) -> None:
        selected = self.window.session.selected_id is not None
        self.nudge_earlier.setEnabled(selected)
        self.nudge_later.setEnabled(selected)

    def set_group_checked(self, group: GroupBy) -> None:
        self.group_actions[group].setChecked(True)

    def update_enabled(self) -> None:
        selected = self.window.session.selected_id is not None
        for act in (self.focus, self.edit_event, self.delete_event):
            act.setEnabled(selected)

    def _go_to_date(self) -> None:
        date = ask_date(self.window)
        if date is not None:
            view = self.window.timeline
            view.set_scale(view.scale.centered_on((date.to_seconds() + date.end_seconds()) / 2))

    def _show_shortcuts(self) -> None:
        ShortcutsDialog(SHORTCUTS_HELP, self.window).exec()

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\n\nReconstruct what happened in a conflict "
                          "from news reports: every event on the timeline leads to the words "
                          "of the source that reports it.",
                          QMessageBox.StandardButton.Close, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIconPixmap(self.window.windowIcon().pixmap(64, 64))
        box.exec()
