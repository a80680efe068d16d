"""Where the time axis writes its tick labels: whole, inside the axis, never cut.

The axis has two rows: the coarse tier on top ("2020", "April 2019") and the fine tier
below ("Apr", "4", "06:00").  A label is written left-aligned just right of its tick;
one that would run past the view's right edge is left out rather than cut ("202",
"Octo").  The coarse row also pins the label of the period the view starts in (the
tier's ``context``) at its left edge, so the year of the first visible tick is always
readable.  When the pinned label and the next coarse label do not both fit, the pinned
one is written in its short form ("Dec 2013"); when that does not fit either, the next
coarse label is kept (it names most of the view).  A fine label is written only where
the name of its period is: no fine label ever sits under the name of a period it is not
in (four January weeks under "December 2013"), at either edge.
"""

from __future__ import annotations

import math
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
    ``[x_origin, right_edge] x [0, axis_height]``; linear in the ticks.

    A fine label is written only under the name of its own period: when the coarse
    label of a period is left out (no room at either edge), so are its fine labels."""
    if not tiers:
        return []
    row_h = axis_height / 2
    fine = [t for t in tiers[0].ticks if x_of(t.t) >= x_origin]
    if len(tiers) < 2 or not tiers[1].level:
        return _row(fine, x_of, right_edge, row_h, row_h, 1, measure)[0]
    tier = tiers[1]
    ticks = [t for t in tier.ticks if x_of(t.t) >= x_origin]
    coarse, named = _row(ticks, x_of, right_edge, 0.0, row_h, 0, measure)
    context = tier.context
    if context is not None and (not ticks or ticks[0].t > context.t):
        coarse = _pin(coarse, context, x_origin, right_edge, row_h, measure)
        if len(coarse) > len(named):
            named.add(context.t)
    # the fine ticks of the periods whose name is written: each period starts at its
    # coarse tick (the first at the context's, before every tick of the view)
    starts = [context.t if context is not None else -math.inf] + [t.t for t in ticks]
    kept: list[Tick] = []
    k = 0
    for tick in fine:
        while k + 1 < len(starts) and starts[k + 1] <= tick.t:
            k += 1
        if starts[k] in named:
            kept.append(tick)
    return _row(kept, x_of, right_edge, row_h, row_h, 1, measure)[0] + coarse


def _row(
    ticks: list[Tick], x_of: Callable[[float], float], right_edge: float, y: float,
    h: float, row: int, measure: Callable[[str], float],
) -> tuple[list[AxisLabel], set[float]]:
    """The labels of ``ticks`` that fit, and the times of the ticks they label."""
    labels: list[AxisLabel] = []
    named: set[float] = set()
    limit = right_edge - 2
    for tick in ticks:
        w = measure(tick.label)
        x = x_of(tick.t) + LABEL_INSET
        if x + w > limit:
            break  # ticks are sorted: every later label would run off too
        if labels and x < labels[-1].right + LABEL_INSET:
            continue  # thinned by tick_tiers; a safeguard for fonts that measure oddly
        labels.append(AxisLabel(tick.label, x, y, w, h, row))
        named.add(tick.t)
    return labels, named


def _pin(
    labels: list[AxisLabel], context: Tick, x_origin: float, right_edge: float, h: float,
    measure: Callable[[str], float],
) -> list[AxisLabel]:
    """``labels`` with ``context``'s label (or its short form) pinned at the left edge
    when one fits before the first of them."""
    x = x_origin + LABEL_INSET
    end = labels[0].x - LABEL_INSET if labels else right_edge - 2
    for text in (context.label, context.short):
        if not text:
            continue
        w = measure(text)
        if x + w <= end:
            return [AxisLabel(text, x, 0.0, w, h, 0), *labels]
    return labels
