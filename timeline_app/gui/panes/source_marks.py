"""The marks on a source's text: cited spans, their colours, and the passage cycle.

Citations are marked in a marker-pen colour of their own, never the palette's selection
colour: the user's own text selection (for New Event from Selection, Cite Selection)
must not look like a citation.  When several events cite one passage, repeated clicks
on it step through them (``PassageCycle``), and the view says which one of how many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from timeline_app.core.model import Citation, Event, Source
from timeline_app.core.view.citation_index import CitationIndex

__all__ = ["CycleLabel", "PassageCycle", "Span", "SpanBook", "citation_colours", "events_at",
           "innermost_at", "make_spans"]

FAINT_ALPHA = 70  # of 255 on a light page: two overlapping spans are visibly darker
FAINT_ALPHA_DARK = 110  # a dark page needs more of the colour to show it


class Span(NamedTuple):
    """One cited span: code point offsets for the model, UTF-16 positions for Qt.

    A tuple, not a frozen dataclass: a source of a million-event timeline is cited tens of
    thousands of times, and a tuple is made three times faster (a click on an event of
    another source makes them all)."""

    start: int
    end: int
    qt_start: int
    qt_end: int
    event_id: str
    title: str
    selected: bool


def make_spans(source: Source, cited: Iterable[tuple[Event, Citation]],
               qt_position: Callable[[int], int], selected: bool = False) -> list[Span]:
    """The citations of ``source`` in ``cited`` as marked spans.  A big timeline cites
    a few dozen sentences of an article thousands of times: positions are mapped once
    per range.  An out-of-range citation marks nothing rather than wrong text."""
    text_length = len(source.text)
    positions: dict[tuple[int, int], tuple[int, int]] = {}
    spans = []
    for event, citation in cited:
        key = (citation.start, citation.end)
        qt = positions.get(key)
        if qt is None:
            if not 0 <= key[0] < key[1] <= text_length:
                continue
            qt = positions[key] = (qt_position(key[0]), qt_position(key[1]))
        spans.append(Span(key[0], key[1], qt[0], qt[1], event.id,
                          event.title or event.id, selected))
    return spans


class SpanBook:
    """The span of each citation of a source, made when first asked for (hover, a click
    in the text) and kept until its citations change; and the shown source's spans.

    A selection does not need them: the marks are one per distinct cited range (see
    ``CitationIndex.ranges``), and a source of a million-event timeline is cited tens of
    thousands of times."""

    def __init__(self, qt_position: Callable[[int], int]) -> None:
        self.qt_position = qt_position
        self.faint: dict[str, list[Span]] = {}
        self.shown: list[Span] | None = None  # of the shown source, once asked for
        self._index: CitationIndex | None = None
        self._timer = QTimer()
        self._timer.setInterval(0)  # whenever the event loop is idle
        self._timer.timeout.connect(self._count)

    def count_when_idle(self, index: CitationIndex) -> None:
        """Count each source's cited ranges a few milliseconds at a time whenever the
        window has nothing else to do, so that selecting an event of another source of
        a big timeline finds them counted."""
        self._index = index
        self._timer.start()

    @property
    def counting(self) -> bool:
        """Whether cited ranges are still being counted while the window is idle."""
        return self._timer.isActive()

    def _count(self) -> None:
        if self._index is None or not self._index.count_next():
            self._timer.stop()

    def pause(self, paused: bool) -> None:
        """Stop counting while a save runs on the worker thread (it shares the
        interpreter lock); go on after."""
        if paused:
            self._timer.stop()
        elif self._index is not None:
            self._timer.start()  # stops at once when all is counted

    def forget(self, source_ids: Iterable[str] | None = None) -> None:
        for source_id in self.faint.copy() if source_ids is None else source_ids:
            self.faint.pop(source_id, None)
        self.shown = None

    def faint_of(self, source: Source, cited: Iterable[tuple[Event, Citation]]) -> list[Span]:
        faint = self.faint.get(source.id)
        if faint is None:
            faint = self.faint[source.id] = make_spans(source, cited, self.qt_position)
        return faint

    def all_of(self, source: Source | None, cited: Iterable[tuple[Event, Citation]],
               selected: Event | None, strong: list[Span]) -> list[Span]:
        """Every marked span of ``source``: each citation's faint one, except the
        selected event's, which are ``strong``."""
        if self.shown is None:
            if source is None:
                self.shown = []
            else:
                faint = self.faint_of(source, cited)
                self.shown = list(faint) if selected is None else [
                    s for s in faint if s.event_id != selected.id] + strong
        return self.shown


def innermost_at(spans: Iterable[Span], qt_pos: int) -> Span | None:
    """The innermost (shortest) span containing the character at ``qt_pos``."""
    covering = [span for span in spans if span.qt_start <= qt_pos < span.qt_end]
    return min(covering, key=lambda span: span.qt_end - span.qt_start, default=None)


def events_at(spans: Iterable[Span], qt_pos: int) -> list[str]:
    """Every event citing the character at ``qt_pos``, innermost citation first (in
    the spans' order where two are as long), each once."""
    covering = sorted((span for span in spans if span.qt_start <= qt_pos < span.qt_end),
                      key=lambda span: span.qt_end - span.qt_start)
    return list(dict.fromkeys(span.event_id for span in covering))


def citation_colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(faint mark, strong mark, text on a strong mark) for ``palette``'s page.

    Amber, as a marker pen, on light and dark pages alike; teal instead where the
    palette's own selection colour is itself yellowish, so the two never look alike."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    highlight = palette.color(QPalette.ColorRole.Highlight)
    hue = highlight.hsvHue()
    yellowish = hue >= 0 and highlight.hsvSaturation() > 60 and 20 <= hue <= 75
    if yellowish:
        strong = QColor("#006d6f") if dark else QColor("#8fe3dc")
    else:
        strong = QColor("#7d5f00") if dark else QColor("#ffd24d")
    text = QColor("#ffffff") if dark else QColor("#1b1b1b")
    faint = QColor(strong)
    faint.setAlpha(FAINT_ALPHA_DARK if dark else FAINT_ALPHA)
    return faint, strong, text


class PassageCycle:
    """Which of the events citing one passage a click selects.

    The first click on a passage selects the event of its innermost citation; clicking
    the same passage again while that event is still selected selects the next one, and
    after the last the first again."""

    def __init__(self) -> None:
        self.events: tuple[str, ...] = ()
        self.index = 0

    def click(self, candidates: Sequence[str], selected_id: str | None) -> str:
        found = tuple(candidates)
        if found == self.events and selected_id == found[self.index]:
            self.index = (self.index + 1) % len(found)
        else:
            self.events, self.index = found, 0
        return found[self.index]

    def current(self) -> str | None:
        return self.events[self.index] if self.events else None

    def reset(self) -> None:
        self.events, self.index = (), 0

    def indication(self) -> str:
        """'2 of 6 events citing this passage…', or '' when one event cites it."""
        n = len(self.events)
        if n < 2:
            return ""
        return (f"{self.index + 1} of {n} events citing this passage "
                "(click it again for the next)")


class CycleLabel(QLabel):
    """'2 of 6 events citing this passage', shown while clicks step through them."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("passageCycleLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_cycle(self, cycle: PassageCycle) -> None:
        text = cycle.indication()
        self.setText(text)
        self.setVisible(bool(text))
