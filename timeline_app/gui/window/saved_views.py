"""View > Saved Views: save the current filter, grouping, visible range and lanes under a
name in the document, and restore them from the menu.

The views are part of the document (``Document.views``): saving, renaming and deleting
one is an undoable change.  Restoring one sets the window's filter, grouping and
range; its lanes become the document's layout for that grouping (one undo step, since
the layout is saved in the file too).  A view naming actors, tags, outlets or locations
the timeline no longer has restores the rest, and the status bar says what was dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
)

from timeline_app.core.view.lane_layout import layout_of, with_layout
from timeline_app.core.view.saved_views import (
    SavedView,
    missing_names,
    renamed,
    with_view,
    without_view,
)
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.document.view_settings_commands import LayoutCommand, ViewsCommand
from timeline_app.gui.plain_text import menu_text, one_line, plain_label
from timeline_app.gui.timeline.filter_state import FilterMode

if TYPE_CHECKING:
    from timeline_app.gui.window.main_window import MainWindow

__all__ = ["SavedViews"]


class SavedViews(QObject):
    """The Saved Views menu of a window and what its entries do."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.menu = QMenu("Saved &Views", window)
        self.menu.setObjectName("savedViewsMenu")
        self.save_action = QAction("&Save Current View…", window)
        self.save_action.setObjectName("actionSaveView")
        self.save_action.setStatusTip("Keep the filter, grouping, visible range and lanes "
                                      "under a name, in the timeline's file")
        self.save_action.triggered.connect(lambda _checked=False: self.ask_save())
        self.manage_action = QAction("&Manage Views…", window)
        self.manage_action.setObjectName("actionManageViews")
        self.manage_action.triggered.connect(lambda _checked=False: self.manage())
        self.menu.aboutToShow.connect(self._fill)
        self.session.settingsChanged.connect(self._fill)
        self.session.documentReset.connect(self._fill)
        self._fill()

    def install_menu(self) -> None:
        """Put the submenu in the View menu, above Group Lanes By."""
        view_menu = next((a.menu() for a in self.window.menuBar().actions()
                          if a.text() == "&View"), None)
        if view_menu is None:
            return
        group = next((a for a in view_menu.actions() if a.text() == "&Group Lanes By"), None)
        view_menu.insertMenu(group, self.menu) if group else view_menu.addMenu(self.menu)
        self.window.addAction(self.save_action)

    def names(self) -> list[str]:
        return [str(v.get("name", "")) for v in self.session.document.views]

    def _fill(self, *_args: object) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.save_action)
        views = self.names()
        if views:
            menu.addSeparator()
        for i, name in enumerate(views):
            act = menu.addAction(f"&{(i + 1) % 10} {menu_text(one_line(name, 60))}"
                                 if i < 10 else menu_text(one_line(name, 60)))
            act.setObjectName(f"savedView{i}")
            act.setData(i)
            act.triggered.connect(lambda _checked=False, i=i: self.restore(i))
        menu.addSeparator()
        menu.addAction(self.manage_action)
        self.manage_action.setEnabled(bool(views))

    # --- saving ------------------------------------------------------------------------
    def current(self, name: str) -> SavedView:
        """The window's view now, called ``name``."""
        w = self.window
        start, end = w.timeline.visible_range()
        return SavedView(name, w.filters.filter, w.filters.mode is FilterMode.FADE,
                         w.timeline.group_by, start, end, dict(self.session.document.layout))

    def ask_save(self) -> None:
        """Save Current View…: ask a name; a view of that name is replaced."""
        dialog = QInputDialog(self.window)
        dialog.setObjectName("saveViewDialog")
        dialog.setWindowTitle("Save Current View")
        dialog.setLabelText("Name of the view (the filter, grouping, visible range and "
                            "lanes are saved in the timeline):")
        dialog.setTextValue(f"View {len(self.session.document.views) + 1}")
        if dialog.exec() and dialog.textValue().strip():
            self.save(dialog.textValue().strip())

    def save(self, name: str) -> None:
        replacing = name in self.names()
        verb = "Replace View" if replacing else "Save View"
        views = with_view(self.session.document.views, self.current(name))
        self.session.undo_stack.push(
            ViewsCommand(self.session, views, f"{verb} “{one_line(name, 40, count=False)}”"))
        self.window.statusBar().showMessage(
            f"{'Replaced' if replacing else 'Saved'} the view “{one_line(name, 60)}”: "
            "save the timeline to keep it", 6000)

    # --- restoring ---------------------------------------------------------------------
    def restore(self, index: int) -> None:
        """Show the view at ``index`` of the document's views."""
        w = self.window
        view = SavedView.from_json(self.session.document.views[index])
        flt, dropped = missing_names(view.filter, self.session.document)
        w.filters.set_mode(FilterMode.FADE if view.fade else FilterMode.HIDE)
        w.filters.set_filter(flt)
        group_by = view.group_by or w.timeline.group_by
        if group_by is not w.timeline.group_by:
            w.actions_.set_group_checked(group_by)
            w.set_group_by(group_by)
        if view.layout:
            lanes = layout_of(view.layout, group_by)
            layout = with_layout(self.session.document.layout, group_by, lanes)
            if layout != self.session.document.layout:
                self.session.undo_stack.push(LayoutCommand(
                    self.session, layout, f"Lanes of View “{one_line(view.name, 40)}”"))
        if view.start is not None and view.end is not None and view.end > view.start:
            timeline = w.timeline
            timeline.set_scale(TimeScale.fit(view.start, view.end, timeline.time_area_width(),
                                             margin=0.0))
        text = f"Showing the view “{one_line(view.name, 60)}”"
        if dropped:
            text += (". Not in the timeline any more, so left out of the filter: "
                     + ", ".join(one_line(d, 60) for d in dropped[:6])
                     + (f" and {len(dropped) - 6} more" if len(dropped) > 6 else ""))
        w.statusBar().showMessage(text, 10000)

    # --- managing ----------------------------------------------------------------------
    def manage(self) -> None:
        """Manage Views…: rename (edit a name in place) or delete views."""
        dialog = QDialog(self.window)
        dialog.setObjectName("manageViewsDialog")
        dialog.setWindowTitle("Saved Views")
        layout = QVBoxLayout(dialog)
        layout.addWidget(plain_label("Double-click a name to rename the view. Each change "
                                     "can be undone."))
        listing = QListWidget(dialog)
        listing.setObjectName("viewList")
        layout.addWidget(listing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        delete = QPushButton("&Delete")
        delete.setObjectName("deleteView")
        restore = QPushButton("&Show")
        restore.setObjectName("showView")
        buttons.addButton(restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(delete, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        filling = [False]

        def fill() -> None:
            filling[0] = True
            row = listing.currentRow()
            listing.clear()
            for name in self.names():
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                listing.addItem(item)
            listing.setCurrentRow(min(max(row, 0), listing.count() - 1))
            delete.setEnabled(listing.count() > 0)
            restore.setEnabled(listing.count() > 0)
            filling[0] = False

        def renamed_item(item: QListWidgetItem) -> None:
            if filling[0]:
                return
            names = self.names()
            row = listing.row(item)
            new = item.text().strip()
            if 0 <= row < len(names) and new and new != names[row] and new not in names:
                self.session.undo_stack.push(ViewsCommand(
                    self.session, renamed(self.session.document.views, names[row], new),
                    f"Rename View “{one_line(names[row], 30, count=False)}”"))
            else:
                fill()

        def delete_current() -> None:
            names = self.names()
            row = listing.currentRow()
            if 0 <= row < len(names):
                self.session.undo_stack.push(ViewsCommand(
                    self.session, without_view(self.session.document.views, names[row]),
                    f"Delete View “{one_line(names[row], 40, count=False)}”"))

        listing.itemChanged.connect(renamed_item)
        delete.clicked.connect(delete_current)
        restore.clicked.connect(lambda: self.restore(listing.currentRow())
                                if listing.currentRow() >= 0 else None)
        self.session.settingsChanged.connect(fill)
        fill()
        try:
            dialog.exec()
        finally:
            self.session.settingsChanged.disconnect(fill)

