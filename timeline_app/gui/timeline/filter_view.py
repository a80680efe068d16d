"""The timeline and the search bar following the window's filter.

Hide: the timeline lays out the lanes and index of the kept events only
(``core.view.kept``), built once per filter, document revision and grouping; lanes left
empty go, and Zoom to Fit, the overview strip and Tab follow what is shown.  Fade: the
timeline keeps every event and draws those left out faint (``FrameMarks.faded``).  In
both, the search finds only kept events.  A selected event the filter hides is no longer
selected (Delete or F2 must not act on an event the user cannot see); the status bar
says so.  A faded one stays selected: it is still drawn.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, Signal

from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.frame_marks import NO_MARKS
from timeline_app.core.view.kept import kept_grouping
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.timeline.filter_state import FilterMode, FilterState
from timeline_app.gui.timeline.search_bar import SearchBar
from timeline_app.gui.timeline.timeline_view import TimelineView

__all__ = ["FilteredTimeline"]


class FilteredTimeline(QObject):
    """Applies ``filters`` to ``view`` and ``search`` on every change of either."""

    selectionHidden = Signal()  # the selected event was hidden, and so unselected

    def __init__(self, filters: FilterState, view: TimelineView, search: SearchBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters, self.view, self.search = filters, view, search
        self._key: tuple | None = None
        self._grouping: Grouping | None = None
        self._applied: object = None  # the filter and mode last applied
        search.kept_mask = filters.kept_mask
        filters.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        filters, view = self.filters, self.view
        mask = filters.kept_mask()
        hide = mask is not None and filters.mode is FilterMode.HIDE
        view.shown = self._shown if hide else None
        view.filter_key = (filters.filter, filters.mode) if mask is not None else None
        faded = frozenset(np.flatnonzero(~mask).tolist()) \
            if mask is not None and not hide else frozenset()
        marks = view.marks or NO_MARKS
        if faded or marks.faded:
            view.marks = replace(marks, faded=faded)
        if view.filter_key != self._applied:  # the filter changed, not the document
            self._applied = view.filter_key
            view.collapse_lane()  # an expanded lane may be gone, or another one now
            if view._auto_fit:  # the user has not navigated yet: fit what is shown
                view.zoom_to_fit()
        view.lanesChanged.emit()  # lanes come and go, the overview follows
        view.viewChanged.emit()
        view.update()
        self.search.refresh()
        selected = view.session.selected_index()
        if hide and selected >= 0 and not mask[selected]:
            view.session.select(None)
            self.selectionHidden.emit()

    def _shown(self, group_by: GroupBy) -> Grouping:
        """The lanes and index of the kept events, for the grouping ``group_by``."""
        filters, session = self.filters, self.view.session
        full = session.derived.grouping(group_by)
        key = (id(full), session.revision, group_by, filters.filter)
        if key != self._key or self._grouping is None:
            mask = filters.kept_mask()
            if mask is None:
                return full
            flt = filters.filter
            lo = flt.date_from.to_seconds() if flt.date_from is not None else -np.inf
            hi = flt.date_to.end_seconds() if flt.date_to is not None else np.inf
            clip = None if flt.date_from is None and flt.date_to is None else (lo, hi)
            self._grouping = kept_grouping(full, mask, clip)
            self._key = key
        return self._grouping
