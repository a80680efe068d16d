"""Which events hold which values of one kind (their actors, tags, outlets or location).

The filter panel lists every value with its number of events, and a filter keeps the
events holding one of the chosen values.  A document of 100,000 events may name
thousands of places, so a value is not a mask of its own (thousands of masks to shift
on every insertion): the column keeps one entry per (event, value) pair, as two numpy
arrays, and a value's code in a small vocabulary.  A filter is one table lookup over
the entries; the counts are one ``bincount``; an edit shifts the entries after it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import numpy.typing as npt

__all__ = ["ValueColumn"]

Mask = npt.NDArray[np.bool_]


class ValueColumn:
    """The values of one kind held by each event, for filtering and counting."""

    __slots__ = ("_code", "_codes", "_event", "names")

    def __init__(self, rows: Iterable[Collection[str]]) -> None:
        """``rows``: the distinct values of each event, in document order."""
        self.names: list[str] = []
        self._codes: dict[str, int] = {}
        events: list[int] = []
        codes: list[int] = []
        for i, values in enumerate(rows):
            if len(values) > 1:
                values = dict.fromkeys(values)  # a value named twice counts once
            for value in values:
                events.append(i)
                codes.append(self._code_of(value))
        self._event = np.array(events, dtype=np.intp)
        self._code = np.array(codes, dtype=np.int32)

    def _code_of(self, value: str) -> int:
        code = self._codes.get(value)
        if code is None:
            code = self._codes[value] = len(self.names)
            self.names.append(value)
        return code

    # --- reading -------------------------------------------------------------------------
    def mask(self, chosen: Iterable[str], size: int) -> Mask:
        """One flag per event: it holds one of ``chosen``."""
        table = np.zeros(len(self.names) + 1, dtype=bool)
        for value in chosen:
            code = self._codes.get(value)
            if code is not None:
                table[code] = True
        out = np.zeros(size, dtype=bool)
        out[self._event[table[self._code]]] = True
        return out

    def counts(self, among: Mask | None = None) -> dict[str, int]:
        """Value -> number of events holding it (only among the events ``among`` flags);
        values no such event holds are left out."""
        code = self._code if among is None else self._code[among[self._event]]
        numbers = np.bincount(code, minlength=len(self.names)).tolist()
        return {name: n for name, n in zip(self.names, numbers, strict=True) if n}

    # --- edits (the document holds them already) ----------------------------------------
    def insert(self, at: int, values: Collection[str]) -> None:
        """An event holding ``values`` was inserted at position ``at``."""
        event = self._event
        event[event >= at] += 1
        self._append(at, values)

    def remove(self, at: int) -> None:
        """The event at position ``at`` was removed."""
        keep = self._event != at
        event, self._code = self._event[keep], self._code[keep]
        event[event > at] -= 1
        self._event = event

    def replace(self, at: int, values: Collection[str]) -> None:
        """The event at position ``at`` now holds ``values``."""
        keep = self._event != at
        self._event, self._code = self._event[keep], self._code[keep]
        self._append(at, values)

    def _append(self, at: int, values: Collection[str]) -> None:
        if values:
            codes = [self._code_of(value) for value in dict.fromkeys(values)]
            self._event = np.concatenate((self._event, np.full(len(codes), at, np.intp)))
            self._code = np.concatenate((self._code, np.array(codes, dtype=np.int32)))
