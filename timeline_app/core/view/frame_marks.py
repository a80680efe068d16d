"""What a frame marks besides the selection: the events a search found, those a filter fades.

The search bar and the filter panel compute the positions once per query (see
``core.view.search``) and hand them to ``layout_frame(marks=...)``; the frame carries
them to the renderer, which only looks them up while it paints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["NO_MARKS", "FrameMarks"]


@dataclass(frozen=True, eq=False)
class FrameMarks:
    """``matched``: positions the search found (drawn highlighted); ``faded``: positions a
    filter left out while the user chose to see them faded rather than hidden."""

    matched: frozenset[int] = frozenset()
    faded: frozenset[int] = frozenset()

    @classmethod
    def of(cls, matched: Iterable[int] = (), faded: Iterable[int] = ()) -> FrameMarks:
        return cls(frozenset(matched), frozenset(faded))


NO_MARKS = FrameMarks()
