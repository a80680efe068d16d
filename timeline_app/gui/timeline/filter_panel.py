"""The Filters dock (View > Filters, Ctrl+Shift+L): which events the timeline shows.

Sections: actors (with their lane colours), tags, outlets, places, how precise the date
is, and a date range typed as a report writes it ("2020-06", "June 2020", "4 April
2019").  Every change applies at once to the window's ``FilterState``; the panel shows
that state, so a filter set elsewhere (a saved view, Clear) shows here too.  Beside each
value: how many events holding it the rest of the filter keeps, so that ticking June
2020 tells at a glance how many events each actor has in it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import DateError, PartialDate, Precision
from timeline_app.core.dates.text import parse_text
from timeline_app.core.view.search import FILTER_KINDS, EventFilter
from timeline_app.gui.plain_text import one_line
from timeline_app.gui.timeline.filter_lists import ValueList
from timeline_app.gui.timeline.filter_state import FilterMode, FilterState
from timeline_app.gui.timeline.render_style import lane_colors

__all__ = ["FilterPanel"]

_SECTIONS = {  # kind: (object name, title, what the find box looks for, list height)
    "actors": ("filterActors", "Actors", "actors", 150),
    "tags": ("filterTags", "Tags", "tags", 120),
    "outlets": ("filterOutlets", "Sources / outlets", "outlets", 120),
    "locations": ("filterLocations", "Places", "places", 140),
}
_APPROXIMATE = [("Exact or approximate", None), ("Approximate only", True),
                ("Exact only", False)]
_DATE_HINT = "e.g. 2020-06, June 2020 or 4 April 2019"


class FilterPanel(QDockWidget):
    def __init__(self, filters: FilterState, parent: QWidget | None = None) -> None:
        super().__init__("Filters", parent)
        self.setObjectName("filterPanel")
        self.filters = filters
        self.session = filters.session
        self._syncing = False
        self._stale = True
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        mode_row = QHBoxLayout()
        self.hide_button = QRadioButton("Hide", objectName="filterHide")
        self.fade_button = QRadioButton("Fade", objectName="filterFade")
        self.hide_button.setToolTip("Events left out are not drawn")
        self.fade_button.setToolTip("Events left out are drawn faint, for context")
        self._modes = QButtonGroup(self)
        for button in (self.hide_button, self.fade_button):
            self._modes.addButton(button)
            mode_row.addWidget(button)
        mode_row.addStretch(1)
        self.clear_button = QPushButton("Clear filters", objectName="filterClear")
        self.clear_button.clicked.connect(filters.clear)
        mode_row.addWidget(self.clear_button)
        layout.addLayout(mode_row)
        self.summary = QLabel(objectName="filterSummary")
        layout.addWidget(self.summary)

        dates = QGroupBox("Dates")
        form = QFormLayout(dates)
        self.date_from = QLineEdit(objectName="filterFrom")
        self.date_to = QLineEdit(objectName="filterTo")
        for field in (self.date_from, self.date_to):
            field.setPlaceholderText(_DATE_HINT)
            field.setClearButtonEnabled(True)
        form.addRow("From", self.date_from)
        form.addRow("To", self.date_to)
        self.date_problem = QLabel(objectName="filterDateProblem")
        self.date_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.date_problem.setWordWrap(True)
        self.date_problem.hide()
        form.addRow(self.date_problem)
        precision_row = QHBoxLayout()
        self.precision_boxes: dict[Precision, QCheckBox] = {}
        for precision in Precision:
            box = QCheckBox(precision.label, objectName=f"filterPrecision{precision.name.title()}")
            box.setToolTip(f"Only events whose start is known to the {precision.label}")
            box.toggled.connect(self._from_widgets)
            self.precision_boxes[precision] = box
            precision_row.addWidget(box)
        form.addRow("Known to the", precision_row)
        self.approximate = QComboBox(objectName="filterApproximate")
        for text, _value in _APPROXIMATE:
            self.approximate.addItem(text)
        self.approximate.currentIndexChanged.connect(self._from_widgets)
        form.addRow("Dates", self.approximate)
        layout.addWidget(dates)

        self.lists: dict[str, ValueList] = {}
        for kind in FILTER_KINDS:
            name, title, what, height = _SECTIONS[kind]
            group = QGroupBox(title)
            box_layout = QVBoxLayout(group)
            values = ValueList(name, what)
            values.view.setMinimumHeight(height)
            values.model.checkedChanged.connect(self._from_widgets)
            box_layout.addWidget(values)
            self.lists[kind] = values
            layout.addWidget(group, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        # Scroll down, never sideways: the dock is at least as wide as its widest row.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(body.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 4)
        self.setWidget(scroll)

        # Typed dates apply once the typing pauses (or at Enter), not at every digit.
        self._date_timer = QTimer(self, singleShot=True, interval=400)
        self._date_timer.timeout.connect(self._from_widgets)
        for field in (self.date_from, self.date_to):
            field.textEdited.connect(lambda _text: self._date_timer.start())
            field.editingFinished.connect(self._from_widgets)
        self._modes.buttonToggled.connect(self._mode_toggled)
        filters.changed.connect(self._changed)
        self.session.documentReset.connect(self._changed)
        self.visibilityChanged.connect(lambda visible: visible and self._stale and self.refresh())
        self.refresh()

    # --- from the widgets to the filter ------------------------------------------------
    def _mode_toggled(self, button: object, checked: bool) -> None:
        if checked and not self._syncing:
            self.filters.set_mode(FilterMode.FADE if button is self.fade_button
                                  else FilterMode.HIDE)

    def _from_widgets(self, *_: object) -> None:
        if self._syncing:
            return
        self._date_timer.stop()
        chosen = {kind: frozenset(values.model.checked) or None
                  for kind, values in self.lists.items()}
        precisions = frozenset(p for p, box in self.precision_boxes.items() if box.isChecked())
        current = self.filters.filter
        problems = []
        dates = []
        for field, name, was in ((self.date_from, "From", current.date_from),
                                 (self.date_to, "To", current.date_to)):
            date, problem = _read_date(field.text())
            if problem:
                problems.append(f"{name}: {problem}")
                date = was  # keep what applied until the text reads as a date
            field.setStyleSheet("QLineEdit { color: #c0392b; }" if problem else "")
            dates.append(date)
        self.date_problem.setText("\n".join(problems))
        self.date_problem.setVisible(bool(problems))
        self.filters.set_filter(EventFilter(
            **chosen, precisions=precisions or None, date_from=dates[0], date_to=dates[1],
            approximate=_APPROXIMATE[self.approximate.currentIndex()][1]))

    # --- from the filter to the widgets ------------------------------------------------
    def _changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Show the window's filter, and the counts beside each value."""
        self._stale = False
        flt, filters = self.filters.filter, self.filters
        self._syncing = True
        try:
            (self.fade_button if filters.mode is FilterMode.FADE
             else self.hide_button).setChecked(True)
            for precision, box in self.precision_boxes.items():
                box.setChecked(bool(flt.precisions) and precision in flt.precisions)
            self.approximate.setCurrentIndex(
                [v for _t, v in _APPROXIMATE].index(flt.approximate))
            for field, date in ((self.date_from, flt.date_from), (self.date_to, flt.date_to)):
                if not field.hasFocus() or not field.text().strip():
                    _show_date(field, date)
            self._fill_lists()
        finally:
            self._syncing = False
        self.clear_button.setEnabled(filters.active)
        shown, total = filters.counts()
        self.summary.setText(f"{shown:,} of {total:,} events kept" if filters.active
                             else f"All {total:,} events")

    def _fill_lists(self) -> None:
        doc = self.session.document
        index = self.filters.cache.get() if doc.events else None
        names = {a.id: a.name or a.id for a in doc.actors}
        colors = lane_colors(doc)
        for kind, values in self.lists.items():
            chosen = getattr(self.filters.filter, kind) or frozenset()
            every = dict(index.values(kind)) if index is not None else {}
            counts = self.filters.value_counts(kind) if index is not None else {}
            keys = list(every)
            if kind == "actors":  # in the order the analyst gave them, as the lanes
                order = {a.id: i for i, a in enumerate(doc.actors)}
                keys.sort(key=lambda k: (order.get(k, len(order)), k))
            keys.extend(sorted(chosen - every.keys()))  # still ticked: can be unticked
            label = names.get if kind == "actors" else (lambda k, _d=None: k)
            values.model.colors = colors if kind == "actors" else {}
            values.model.set_rows([(k, label(k, k) or k, counts.get(k, 0)) for k in keys])
            values.model.set_checked(set(chosen))


def _read_date(text: str) -> tuple[PartialDate | None, str]:
    """The date typed in a field (None when empty), or the reason it is not one."""
    if not text.strip():
        return None, ""
    try:
        return parse_text(text.strip()), ""
    except DateError as error:
        return None, one_line(str(error), 160)


def _show_date(field: QLineEdit, date: PartialDate | None) -> None:
    text = date.iso() if date is not None else ""
    if field.text() != text:
        _date, problem = _read_date(field.text())
        if problem or _date != date:
            field.setText(text)
            field.setStyleSheet("")
