"""Texts the timeline draws frame after frame, shaped once: event labels, the axis's
dates, the lanes' counts, density peaks.

``QPainter.drawText`` shapes its string on every call: 30–60 µs for a label of forty
letters here, a third of a busy frame's drawing when it shows sixty labels.  A
``QStaticText`` keeps the shaped glyphs and draws them in about 15 µs, to the very same
pixels where one pixel of the frame is one pixel of the target (a test compares them,
for Latin, Arabic, mixed-direction and CJK texts).  At two device pixels to a pixel
(a high-density screen, an image exported at twice the size) its glyphs fall up to a
device pixel apart from drawText's, so there, and in SVG and PDF, which keep text as
text, the text is drawn as before.

A text with a line break or a tab is drawn by ``drawText`` too: a static text would
break the line or expand the tab where ``drawText`` does neither.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText

__all__ = ["KeptTexts"]

#: What a static text lays out otherwise than ``drawText(QPointF, text)``.
_NOT_ONE_LINE = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")


class KeptTexts:
    """Texts in one font drawn at their baseline, shaped once each from the second time
    they are drawn (making a static text and drawing it costs a quarter more than
    drawText: a label seen once, in a view the user jumped to and left, is not kept).
    At most ``limit`` texts are kept and as many remembered as seen: a view shows a few
    dozen labels, and they change as the user moves."""

    def __init__(self, font: QFont, limit: int = 4096) -> None:
        self._metrics = metrics = QFontMetricsF(font)
        self._ascent, self._height = metrics.ascent(), metrics.height()
        self._limit = limit
        self._texts: dict[str, QStaticText | None] = {}  # None: drawn by drawText
        self._seen: set[str] = set()
        self._advances: dict[str, float] = {}

    def draw(self, painter: QPainter, x: float, baseline: float, text: str,
             dpr: float | None) -> None:
        """``painter.drawText(QPointF(x, baseline), text)`` in the font this was made
        for, the painter's current one; ``dpr`` is the target's device pixel ratio
        (None for SVG and PDF)."""
        kept = self._texts.get(text, False) if dpr == 1.0 else None
        if kept is False:
            kept = self._keep(text)
        if kept is None:
            painter.drawText(QPointF(x, baseline), text)
        else:
            painter.drawStaticText(QPointF(x, baseline - self._ascent), kept)

    def _keep(self, text: str) -> QStaticText | None:
        """The static text for ``text`` the second time it is drawn (None the first)."""
        if text not in self._seen:
            if len(self._seen) >= self._limit:
                self._seen.clear()
            self._seen.add(text)
            return None
        if len(self._texts) >= self._limit:
            self._texts.clear()
        kept = None
        if not _NOT_ONE_LINE.search(text):
            kept = QStaticText(text)
            kept.setTextFormat(Qt.TextFormat.PlainText)
        self._texts[text] = kept
        return kept

    def advance(self, text: str) -> float:
        """How far ``text`` advances the pen: measured once per text (measuring shapes
        it, ~20 us)."""
        advance = self._advances.get(text)
        if advance is None:
            if len(self._advances) >= self._limit:
                self._advances.clear()
            advance = self._advances[text] = self._metrics.horizontalAdvance(text)
        return advance

    def fits(self, text: str, width: float) -> bool:
        """Whether ``text`` is clearly narrower than ``width`` (by a pixel): it takes one
        line in a box that wide."""
        return self.advance(text) < width - 1

    def draw_from_top(self, painter: QPainter, x: float, top: float, text: str,
                      dpr: float | None) -> None:
        """``text`` on one line from ``x`` with its line's top at ``top``: where
        ``drawText`` puts it in a box aligned to the top (the lanes' counts)."""
        self.draw(painter, x, top + self._ascent, text, dpr)

    def draw_centred(self, painter: QPainter, x: float, y: float, height: float, text: str,
                     dpr: float | None) -> None:
        """``text`` on one line from ``x``, centred in the row from ``y`` down ``height``
        (its line's middle at the row's: the axis's dates)."""
        self.draw(painter, x, y + (height - self._height) / 2 + self._ascent, text, dpr)
