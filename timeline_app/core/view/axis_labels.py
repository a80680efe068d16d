"""Where the time axis writes its tick labels: whole, inside the axis, never cut.

The axis has two rows: the coarse tier on top ("2020", "April 2019") and the fine tier
below ("Apr", "4", "06:00").  A label is written left-aligned just right of its tick;
one that would run past the view's right edge is left out rather than cut ("202",
"Octo").  The coarse row also pins the label of the period the view starts in (the
tier's ``context``) at its left edge, so the year of the first visible tick is always
readable; when that pinned label and the next coarse label do not both fit, the one
naming the first visible fine tick's period is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from timeline_app.core.view.ticks import Tick, TickTier

__all__ = ["AxisLabel", "axis_labels"]

#: Pixels between a tick and its label, and between a label and the next one.
LABEL_INSET = 4.0


@dataclass(frozen=True, slots=True)
class AxisLabel:
    """A tick label: its text and rectangle, in the fine (``row`` 1) or coarse (0) row."""

    text: str
    x: float
    y: float
    width: float
    height: float
    row: int

    @property
    def right(self) -> float:
        return self.x + self.width


def axis_labels(
    tiers: list[TickTier],
    x_of: Callable[[float], float],
    x_origin: float,
    right_edge: float,
    axis_height: float,
    measure: Callable[[str], float],
) -> list[AxisLabel]:
    """The labels of ``tiers`` (fine first, as ``tick_tiers`` gives them), each inside
    ``[x_origin, right_edge] x [0, axis_height]``; linear in the ticks."""
    row_h = axis_height / 2
    out: list[AxisLabel] = []
    fine = tiers[0].ticks if tiers else []
    first_fine = next((t for t in fine if x_of(t.t) >= x_origin), None)
    for row, tier in ((1, tiers[0] if tiers else None), (0, tiers[1] if len(tiers) > 1 else None)):
        if tier is None:
            continue
        ticks = [t for t in tier.ticks if x_of(t.t) >= x_origin]
        pinned = None
        if row == 0 and tier.context is not None and (not ticks or ticks[0].t > tier.context.t):
            pinned = tier.context
        out.extend(_row(ticks, pinned, first_fine, x_of, x_origin, right_edge, row * row_h,
                        row_h, row, measure))
    return out


def _row(
    ticks: list[Tick], pinned: Tick | None, first_fine: Tick | None,
    x_of: Callable[[float], float], x_origin: float, right_edge: float, y: float, h: float,
    row: int, measure: Callable[[str], float],
) -> list[AxisLabel]:
    labels: list[AxisLabel] = []
    limit = right_edge - 2
    for tick in ticks:
        w = measure(tick.label)
        x = x_of(tick.t) + LABEL_INSET
        if x + w > limit:
            break  # ticks are sorted: every later label would run off too
        if labels and x < labels[-1].right + LABEL_INSET:
            continue  # thinned by tick_tiers; a safeguard for fonts that measure oddly
        labels.append(AxisLabel(tick.label, x, y, w, h, row))
    if pinned is None:
        return labels
    w = measure(pinned.label)
    x = x_origin + LABEL_INSET
    if x + w > limit:
        return labels
    first = AxisLabel(pinned.label, x, y, w, h, row)
    if not labels or first.right + LABEL_INSET <= labels[0].x:
        return [first, *labels]
    # Both do not fit: keep the one naming the period of the first visible fine tick.
    if first_fine is not None and first_fine.t >= ticks[0].t:
        return labels
    return [first, *(label for label in labels if label.x >= first.right + LABEL_INSET)]
