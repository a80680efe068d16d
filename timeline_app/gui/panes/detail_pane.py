"""The detail pane: everything known about the selected event, and where it is reported.

Every string shown here comes from a file somebody else wrote (news text, analyst
notes), so every label is forced to plain text: a title such as ``<img src=x>`` must be
shown literally, never rendered, and no label ever opens a link.  Single-line fields
show control and bidi characters as escapes; long texts are cut to what a label lays out
quickly, and "Show all" opens the whole text in a scrollable, read-only field.  Colours
come from the palette so the pane follows light and dark themes.

A click from one event to another changes only the parts the two do not share (an
actor more, a citation less): the others keep their widgets, and only texts change.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLayoutItem,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.model import Citation, Document, Event
from timeline_app.gui.panes.detail_parts import (
    CitationCard,
    FullTextDialog,
    Swatch,
    muted,
    section_heading,
)
from timeline_app.gui.plain_text import HintedBox, PaneLabel, capped, one_line, plain_label

__all__ = ["DetailPane", "FullTextDialog"]

PLACEHOLDER = "Select an event on the timeline"
TITLE_CHARS = 1000  # a title is a line or two; more is cut, and reachable by "Show all"
FIELD_CHARS = 2000
SPARE_PARTS = 2  # the widgets of that many parts of each kind and form are kept aside,
SPARE_ALL = 60  # and of no more parts than this in all


def precision_text(date: PartialDate) -> str:
    """'day precision' or 'month precision, approximate': what the date really claims."""
    text = f"{date.precision.label} precision"
    if date.approximate:
        text += ", approximate"
    return f"{text}, uncertain" if date.uncertain else text


def _field_part(name: str, text: str, shown: str, cut: bool, is_muted: bool = False,
                kind: str = "field") -> tuple:
    """A label showing ``shown``; when that is ``text`` cut short, "Show all" too."""
    return (kind, (name, cut, is_muted), text, shown)


def _items(part: tuple) -> int:
    """How many items of the pane's layout a part of a plan takes (``_put_part``)."""
    kind, form = part[:2]
    if kind in ("placeholder", "heading", "citation"):
        return 2  # a stretch or a spacing, and the widget
    if kind in ("title", "field"):
        return 2 if form[1] else 1  # "Show all" below a cut text
    return 1


def _delete_item(item: QLayoutItem) -> None:
    """Delete a layout item taken out of the pane (a layout hands it over), and the
    items of an actor's row, but none of their widgets."""
    inner = item.layout()
    if inner is not None:
        while inner.count():
            shiboken6.delete(inner.takeAt(0))
    shiboken6.delete(item)


class DetailPane(QWidget):
    """Shows one event: what, when (and how sure), who, where, and the quoted sources.

    ``citationActivated(event_id, citation_index)`` asks the window to show that
    citation in the source view; the pane itself never opens anything.
    """

    citationActivated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Event details")
        self._document = Document()
        self._event: Event | None = None
        self._shape: list[tuple] = []  # the parts the shown widgets were built for
        self._parts: list[tuple] = []  # their widgets, part by part
        self._current_plan: list[tuple] = []
        self._spare: dict[tuple, list[tuple]] = {}  # see _set_aside
        self._spared = 0  # parts in _spare
        self._aside = QWidget()  # their widgets' parent, never shown

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("detailScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = HintedBox()
        content.setObjectName("detailContent")
        # The scroll area's viewport paints Window; keep the content on the same role.
        content.setBackgroundRole(QPalette.ColorRole.Window)
        self._layout = QVBoxLayout(content)
        self._layout.setContentsMargins(14, 12, 14, 14)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)  # below the parts, always last
        self._scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self.show_event(None)

    # --- public API --------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        """Use ``doc`` to resolve actors and sources; clears the shown event."""
        self._document = doc
        self.show_event(None)

    def show_event(self, event: Event | None) -> None:
        """Show ``event``, or the placeholder when nothing is selected.

        What is shown is planned first (``_plan``).  The parts the shown event has too
        keep their widgets (a click from one event to another changes a few parts, if
        any) and only their texts change: a new widget costs Qt a polish and a layout.
        """
        self._event = event
        plan = self._plan(event)
        shape = [part[:2] for part in plan]
        if shape != self._shape:
            self._reshape(plan, shape)
        self._fill(plan)
        # Laid out now, up to the scroll area's bars: posted, the requests would reach
        # the scroll area a pass of the event loop later, after the pane was painted
        # half laid out (painted twice, the first time at wrong heights).
        self._layout.activate()
        QApplication.sendPostedEvents(self._scroll.viewport(), QEvent.Type.LayoutRequest)
        self._scroll.verticalScrollBar().setValue(0)

    def current_event(self) -> Event | None:
        return self._event

    # --- what is shown -------------------------------------------------------------------
    def _plan(self, event: Event | None) -> list[tuple]:
        """The parts shown for ``event``, top to bottom: ``(kind, form, *texts)``; two
        plans with the same kinds and forms are shown by the same widgets."""
        if event is None:
            return [("placeholder", None)]
        text = event.title or event.id
        plan: list[tuple] = [_field_part("titleLabel", text, one_line(text, TITLE_CHARS),
                                         len(text) > TITLE_CHARS, kind="title")]
        plan.append(("heading", "When"))
        if event.end is None:
            when = event.start.display() + (" – (continuing)" if event.open_end else "")
            precision = precision_text(event.start)
        else:
            when = f"{event.start.display()} – {event.end.display()}"
            start_p, end_p = precision_text(event.start), precision_text(event.end)
            precision = start_p if start_p == end_p else f"from: {start_p}; to: {end_p}"
        plan.append(("label", ("dateLabel", False), when))
        plan.append(("label", ("precisionLabel", True), precision))
        if event.date_note:
            note = f"How the date was established: {event.date_note}"
            shown = capped(note, FIELD_CHARS)
            plan.append(_field_part("dateNoteLabel", note, shown, shown != note, True))
        if event.actors:
            plan.append(("heading", "Who"))
            for actor_id in event.actors:
                actor = self._document.actor(actor_id)
                color = QColor(actor.color) if actor is not None and actor.color else QColor()
                name = one_line(actor.label if actor is not None
                                else f"{actor_id} (unknown actor)", FIELD_CHARS)
                plan.append(("actor", color.isValid(), color, name))
        if event.location:
            plan.append(("heading", "Where"))
            plan.append(_field_part("locationLabel", event.location,
                                    one_line(event.location, FIELD_CHARS),
                                    len(event.location) > FIELD_CHARS))
        if event.tags:
            tags = " · ".join(event.tags)
            plan.append(("heading", "Tags"))
            plan.append(_field_part("tagsLabel", tags, one_line(tags, FIELD_CHARS),
                                    len(tags) > FIELD_CHARS))
        if event.description:
            plan.append(("heading", "Description"))
            shown = capped(event.description)
            plan.append(_field_part("descriptionLabel", event.description, shown,
                                    shown != event.description))
        plan.append(("heading", "Sources"))
        if not event.citations:
            plan.append(("label", ("noCitationsLabel", True), "No source cited for this event"))
        for index, citation in enumerate(event.citations):
            plan.append(("citation", index, self._citation_heading(citation),
                         self._quote(citation)))
        return plan

    def _reshape(self, plan: list[tuple], shape: list[tuple]) -> None:
        """The widgets for ``plan`` (texts come from ``_fill``) from those shown: the
        parts the two shapes share, in order, keep theirs; the others' leave the pane
        at once, a few of each kind of part kept aside for the next events (``_spare``),
        and the new parts take spare widgets or new ones."""
        layout, parts, at = self._layout, [], 0
        matcher = SequenceMatcher(None, self._shape, shape, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                parts += self._parts[i1:i2]
                at += sum(_items(part) for part in shape[j1:j2])
                continue
            for old, widgets in zip(self._shape[i1:i2], self._parts[i1:i2], strict=True):
                for _ in range(_items(old)):
                    _delete_item(layout.takeAt(at))
                self._set_aside(old, widgets)
            for part in plan[j1:j2]:
                parts.append(self._put_part(layout, at, part))
                at += _items(part)
        self._parts, self._shape = parts, shape
        # Shown now, not once control returns to the event loop (Qt's way for a widget
        # put into a shown layout): the layout that follows gives them their room.
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for widget in layout.parentWidget().findChildren(QWidget, options=direct):
            if widget.isHidden():
                widget.show()

    def _set_aside(self, part: tuple, widgets: tuple) -> None:
        """A part's widgets out of the pane: kept aside for a part of the same kind and
        form (a few, see ``SPARE_PARTS``), else deleted once control returns to the
        event loop."""
        spare = self._spare.setdefault(part, [])
        keep = len(spare) < SPARE_PARTS and self._spared < SPARE_ALL
        for widget in widgets:
            # No longer among the pane's children, and hidden; in a widget never shown
            # rather than none (a widget of none becomes a window of its own).
            widget.setParent(self._aside)
            if not keep:
                widget.deleteLater()
        if keep:
            spare.append(widgets)
            self._spared += 1

    def _put_part(self, layout: QVBoxLayout, at: int, part: tuple) -> tuple:
        """The widgets of ``part`` (spare, or made), put into ``layout`` from its item
        ``at`` on (as many items as ``_items`` says)."""
        kind, form = part[:2]
        spare = self._spare.get(part[:2])
        if spare:
            widgets = spare.pop()
            self._spared -= 1
        else:
            widgets = self._make_part(kind, form)
        if kind == "placeholder":
            layout.insertStretch(at, 1)
            at += 1
        elif kind in ("heading", "citation"):
            layout.insertSpacing(at, 10 if kind == "heading" else 2)
            at += 1
        if kind == "actor":
            # a layout, not a widget, so that the wrapped name's height propagates;
            # in the pane before it takes the widgets, so that they are the pane's
            box = QHBoxLayout()
            box.setSpacing(6)
            layout.insertLayout(at, box)
            box.addWidget(widgets[0], 0, Qt.AlignmentFlag.AlignVCenter)
            box.addWidget(widgets[1], 1)
            return widgets
        layout.insertWidget(at, widgets[0])
        if len(widgets) == 2:  # "Show all" below a cut text
            layout.insertWidget(at + 1, widgets[1], 0, Qt.AlignmentFlag.AlignLeft)
        return widgets

    def _make_part(self, kind: str, form: Any) -> tuple:
        """New widgets for a part: the one whose text ``_fill`` sets comes first."""
        if kind == "placeholder":
            label = muted(plain_label(PLACEHOLDER, selectable=False))
            label.setObjectName("placeholderLabel")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return (label,)
        if kind == "heading":
            return (section_heading(form),)
        if kind == "label":
            name, is_muted = form
            label = plain_label(label_class=PaneLabel)
            label.setObjectName(name)
            return (muted(label) if is_muted else label,)
        if kind in ("title", "field"):
            name, cut, is_muted = form
            label = plain_label(label_class=PaneLabel)
            label.setObjectName(name)
            if is_muted:
                muted(label)
            if kind == "title":
                font = QFont(label.font())
                font.setBold(True)
                size = font.pointSizeF()
                if size > 0:
                    font.setPointSizeF(size * 1.35)
                label.setFont(font)
            if not cut:
                return (label,)
            button = QToolButton()
            button.setObjectName("showAllButton")
            button.setText("Show all")
            button.setAutoRaise(True)
            button.setToolTip("Show the whole text in a window of its own")
            button.clicked.connect(lambda _checked=False, n=name: self._show_all_of(n))
            return (label, button)
        if kind == "actor":
            # no colour: a gap keeps the names aligned (and the rows the same height)
            swatch = Swatch(QColor()) if form else QWidget()
            swatch.setFixedSize(QSize(12, 12))
            name_label = plain_label(label_class=PaneLabel)
            name_label.setObjectName("actorLabel")
            return (swatch, name_label)
        card = CitationCard("", "")
        card.activated.connect(lambda i=form: self._activate_citation(i))
        return (card,)

    def _fill(self, plan: list[tuple]) -> None:
        """The texts (and colours) of ``plan`` into the widgets built for its shape."""
        self._current_plan = plan
        for part, widgets in zip(plan, self._parts, strict=True):
            kind = part[0]
            if kind in ("title", "field"):
                widgets[0].setText(part[3])
            elif kind == "label":
                widgets[0].setText(part[2])
            elif kind == "actor":
                swatch, name_label = widgets
                if isinstance(swatch, Swatch) and swatch.color != part[2]:
                    swatch.color = part[2]
                    swatch.update()
                name_label.setText(part[3])
            elif kind == "citation":
                card = widgets[0]
                card.show_citation(part[2], part[3])
                card.setAccessibleName(f"Citation {part[1] + 1}: {card.heading_label.text()}")

    def _show_all_of(self, name: str) -> FullTextDialog | None:
        for part in self._current_plan:
            if part[0] in ("title", "field") and part[1][0] == name:
                return self._show_all(name, part[2])
        return None

    def _activate_citation(self, index: int) -> None:
        if self._event is not None:
            self.citationActivated.emit(self._event.id, index)

    def _show_all(self, name: str, text: str) -> FullTextDialog:
        heading = name.removesuffix("Label").replace("dateNote", "date note")
        dialog = FullTextDialog(f"Full {heading}", text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _citation_heading(self, citation: Citation) -> str:
        source = self._document.source(citation.source)
        if source is None:
            return f"Unknown source “{one_line(citation.source)}”"
        return one_line(source.label, FIELD_CHARS)

    def _quote(self, citation: Citation) -> str:
        """The quoted words, cut to what a label lays out quickly ("Show in source"
        shows them all)."""
        if citation.quote:
            return capped(citation.quote, FIELD_CHARS)
        source = self._document.source(citation.source)
        if source is not None and 0 <= citation.start < citation.end <= len(source.text):
            return capped(source.text[citation.start : citation.end], FIELD_CHARS)
        return ""
