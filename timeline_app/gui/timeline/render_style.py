"""The colours and fonts of the timeline, taken from the palette, and the colour rules
the renderer follows: each lane's colour, a bar's fill, the text that reads on it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette

from timeline_app.core.model import Document
from timeline_app.core.view.lane_layout import layout_of
from timeline_app.core.view.lanes import GroupBy

__all__ = [
    "BAR_ALPHA", "RenderStyle", "bar_fill", "contrast_ratio", "lane_colors", "layout_colors",
    "mix", "text_on",
]

# Colour-blind-safe qualitative palette (Okabe–Ito) for lanes without their own colour.
_FALLBACK_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                    "#F0E442", "#000000"]


@dataclass(frozen=True)
class RenderStyle:
    """Colours and fonts, taken from the palette so that dark mode and themes just work."""

    background: QColor
    lane_alt: QColor
    text: QColor
    muted: QColor
    grid: QColor
    grid_major: QColor
    highlight: QColor
    highlight_text: QColor
    axis_background: QColor
    font: QFont
    small_font: QFont
    bold_font: QFont

    @classmethod
    def from_palette(cls, palette: QPalette, font: QFont | None = None) -> RenderStyle:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightness() < 128
        lane_alt = base.lighter(112) if dark else base.darker(103)
        muted = QColor(text)
        muted.setAlphaF(0.62)
        # Opaque mixes, not translucent colours: blending a full-height column costs the
        # raster engine ten times more than an opaque line.
        grid = mix(base, text, 0.08)
        grid_major = mix(base, text, 0.20)
        axis_bg = palette.color(QPalette.ColorRole.Window)
        f = QFont(font) if font is not None else QFont()
        small = QFont(f)
        small.setPointSizeF(max(7.0, f.pointSizeF() * 0.88))
        bold = QFont(f)
        bold.setBold(True)
        return cls(base, lane_alt, text, muted, grid, grid_major,
                   palette.color(QPalette.ColorRole.Highlight),
                   palette.color(QPalette.ColorRole.HighlightedText), axis_bg, f, small, bold)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way towards ``b``, opaque."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


#: Opacity of a bar's fill over the lane.
BAR_ALPHA = 0.78


def bar_fill(color: QColor, base: QColor) -> QColor:
    """The colour a bar of ``color`` shows over ``base``: what its label is read against."""
    return mix(base, color, BAR_ALPHA)


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``fill``."""
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    return white if contrast_ratio(white, fill) >= contrast_ratio(black, fill) else black


def lane_colors(document: Document) -> dict[str, QColor]:
    """Colour of each actor: its own if the file gives one, else a stable fallback."""
    colors: dict[str, QColor] = {}
    for i, actor in enumerate(document.actors):
        color = QColor(actor.color) if actor.color else QColor()
        if not color.isValid():
            color = QColor(_FALLBACK_COLORS[i % len(_FALLBACK_COLORS)])
        colors[actor.id] = color
    return colors


def layout_colors(document: Document, group_by: GroupBy) -> dict[str | None, QColor]:
    """The colours the document's lane layout gives the lanes of ``group_by`` that are
    not actors' (a tag's, a source's), by lane key (None: the lane of events without
    one); the window and every export paint them over ``lane_colors``."""
    colors = layout_of(document.layout, group_by).colors
    return {(k or None): QColor(c) for k, c in colors.items() if QColor(c).isValid()}
