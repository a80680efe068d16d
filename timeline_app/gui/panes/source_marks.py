"""The marks on a source's text: cited spans, their colours, and the passage cycle.

Citations are marked in a marker-pen colour of their own, never the palette's selection
colour: the user's own text selection (for New Event from Selection, Cite Selection)
must not look like a citation.  When several events cite one passage, repeated clicks
on it step through them (``PassageCycle``), and the view says which one of how many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from timeline_app.core.model import Citation, Event, Source

__all__ = ["CycleLabel", "PassageCycle", "Span", "citation_colours", "events_at", "innermost_at",
           "make_spans"]

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
