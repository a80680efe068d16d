"""Searching the events of an ``EventIndex`` by duration segment, many segments at once.

The index keeps each lane's events split into duration classes ("segments"), one after
the other in one array, each sorted by start.  A frame asks where its times fall in
every segment of every lane; ``SegmentKeys`` answers all of them with one search, and
``ranges`` lists the positions between the answers.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["SegmentKeys", "ranges", "segment_keys"]

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.intp]


class SegmentKeys:
    """Where a time falls in each duration segment, for many segments in one search.

    The entries are sorted by segment, then start; each entry's key is its
    segment's number times ``m`` plus the rank of its start among the distinct starts:
    integers, ascending over the whole array.  The first entry of segment ``j`` whose
    start is not below ``q`` is the first key not below ``j * m + rank(q)``, where
    ``rank(q)`` counts the distinct starts below ``q``: exact, as comparing the floats
    themselves is, and one ``searchsorted`` for every segment of a frame at once.
    """

    __slots__ = ("keys", "m", "values")

    def __init__(self, values: _FloatArray, keys: npt.NDArray[np.int64], m: int) -> None:
        self.values, self.keys, self.m = values, keys, m

    def lower_bounds(self, segments: _IntArray, queries: _FloatArray) -> _IntArray:
        """For each k, the first position of segment ``segments[k]`` (in the index's
        arrays) whose start is not below ``queries[k]``; the segment's end if none."""
        ranks = np.searchsorted(self.values, queries, side="left")
        return np.searchsorted(self.keys, segments.astype(np.int64) * self.m + ranks,
                               side="left").astype(np.intp)


def segment_keys(ordered: _FloatArray, g_order: _IntArray, c_order: _IntArray,
                 seg_counts: _IntArray) -> SegmentKeys:
    """The keys of ``SegmentKeys`` for the index's entries (``c_order``, segments of
    ``seg_counts`` entries one after the other), from the starts in time order
    (``ordered``, the events ``g_order``)."""
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    values = ordered[new]  # the distinct starts, ascending
    rank = np.empty(len(ordered), dtype=np.int64)
    rank[g_order] = np.cumsum(new) - 1
    m = len(values) + 1
    seg = np.repeat(np.arange(len(seg_counts), dtype=np.int64), seg_counts)
    return SegmentKeys(values, seg * m + rank[c_order], m)


def ranges(starts: _IntArray, stops: _IntArray) -> tuple[_IntArray, _IntArray]:
    """Every position of the ranges ``starts[k]:stops[k]`` (empty when not above), one
    after the other, and the ``k`` of each."""
    lengths = np.maximum(stops - starts, 0)
    total = int(lengths.sum())
    which = np.repeat(np.arange(len(starts)), lengths)
    first = np.cumsum(lengths) - lengths  # where each range begins in the output
    return np.arange(total) - first[which] + starts[which], which
