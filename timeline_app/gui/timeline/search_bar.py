"""The search bar above the timeline: type to find events, walk the matches.

Every keystroke asks the core's ``SearchIndex`` (titles, descriptions, locations,
actors, tags and quoted words) and hands the matches to the timeline as
``FrameMarks.matched``: the layout carries them, the renderer draws a halo.  Enter /
the arrow buttons select the next / previous match in time and bring it into view;
the label says how many were found and which one is selected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from timeline_app.core.view.frame_marks import NO_MARKS
from timeline_app.core.view.search import SearchIndex
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.timeline.timeline_view import TimelineView

__all__ = ["SearchBar", "SearchIndexCache"]


class SearchIndexCache:
    """The ``SearchIndex`` of the session's current document: part of its derived state,
    built on first use and brought up to date by every edit."""

    def __init__(self, session: DocumentSession) -> None:
        self.session = session

    def get(self) -> SearchIndex:
        return self.session.derived.search


class SearchBar(QWidget):
    def __init__(self, session: DocumentSession, view: TimelineView,
                 cache: SearchIndexCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.session, self.view, self.cache = session, view, cache
        self.field = QLineEdit(objectName="searchField")
        self.field.setPlaceholderText(
            "Search titles, descriptions, places, actors, tags, quotes  (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.previous_button = QToolButton(objectName="searchPrevious", text="▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton(objectName="searchNext", text="▼")
        self.next_button.setToolTip("Next match (Enter)")
        self.count = QLabel(objectName="searchCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count)
        self.matches = np.zeros(0, dtype=np.intp)  # positions, in time order
        # The events a filter keeps (one flag per position; None: all): the search finds
        # only among them.
        self.kept_mask: Callable[[], npt.NDArray[np.bool_] | None] = lambda: None
        self.field.textChanged.connect(self.refresh)
        self.field.returnPressed.connect(self.next)
        self.next_button.clicked.connect(self.next)
        self.previous_button.clicked.connect(self.previous)
        back = QShortcut(QKeySequence("Shift+Return"), self.field, self.previous)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.field.installEventFilter(self)  # Esc in the field closes the search
        session.documentReset.connect(self.refresh)
        session.eventsChanged.connect(self.refresh)
        session.selectionChanged.connect(self._show_count)
        self._show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in the field is the field's (it clears the search), not the window's
        Clear Selection: take it before the window-wide shortcut does."""
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if watched is self.field and event.type() in kinds and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.close_search()
            return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(watched, event)

    def start(self) -> None:
        """Ctrl+F: put the cursor in the field, its text selected to type over."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_search(self) -> None:
        self.field.clear()
        self.view.setFocus()

    def refresh(self, *_: object) -> None:
        """Search again: the text or the document changed."""
        query = self.field.text()
        if query.strip():
            index = self.cache.get()
            found = index.search(query)
            kept = self.kept_mask()
            if kept is not None:
                found = found[kept[found]]
            self.matches = index.in_time_order(found)
        else:
            self.matches = np.zeros(0, dtype=np.intp)
        marks = self.view.marks or NO_MARKS
        self.view.marks = replace(marks, matched=frozenset(self.matches.tolist()))
        self.view.update()
        self._show_count()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        n = len(self.matches)
        if n == 0:
            return
        current = self.session.selected_index()
        where = np.flatnonzero(self.matches == current)
        first = 0 if direction > 0 else n - 1  # nothing of the matches selected yet
        k = (int(where[0]) + direction) % n if len(where) else first
        event_id = self.session.document.events[int(self.matches[k])].id
        self.session.select(event_id)
        self.view.scroll_to_event(event_id)

    def _show_count(self, *_: object) -> None:
        n = len(self.matches)
        has_query = bool(self.field.text().strip())
        self.previous_button.setEnabled(n > 0)
        self.next_button.setEnabled(n > 0)
        if not has_query:
            self.count.setText("")
            return
        if n == 0:
            self.count.setText("No match")
            return
        where = np.flatnonzero(self.matches == self.session.selected_index())
        self.count.setText(f"{int(where[0]) + 1} of {n:,}" if len(where) else f"{n:,} found")
