"""Which events hold which values of one kind (their actors, tags, outlets or location).

The filter panel lists every value with its number of events, and a filter keeps the
events holding one of the chosen values.  A document of 100,000 events may name
thousands of places, so a value is not a mask of its own (thousands of masks to shift
on every insertion): the column keeps one entry per (event, value) pair, as two numpy
arrays, and a value's code in a small vocabulary.  A filter is one table lookup over
the entries; the counts are one ``bincount``; an edit shifts the entries after it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from itertools import chain

import numpy as np
import numpy.typing as npt

__all__ = ["ValueColumn"]

Mask = npt.NDArray[np.bool_]


class ValueColumn:
    """The values of one kind held by each event, for filtering and counting."""

    __slots__ = ("_code", "_codes", "_event", "names")

    def __init__(self, rows: Iterable[Collection[str]],
                 value_of: Callable[[str], str] | None = None) -> None:
        """``rows``: the values of each event, in document order (``value_of`` maps each
        to the value it counts as: a source to its outlet); a value named twice in one
        row counts once."""
        self.names: list[str] = []
        self._codes: dict[str, int] = {}
        # Events name few distinct combinations of values: code each one once.
        known: dict[tuple[str, ...], tuple[int, ...]] = {}

        def codes_of(values: Collection[str]) -> tuple[int, ...]:
            key = tuple(values)
            codes = known.get(key)
            if codes is None:
                mapped = key if value_of is None else map(value_of, key)
                codes = known[key] = tuple(map(self._code_of, dict.fromkeys(mapped)))
            return codes

        per_event = list(map(codes_of, rows))
        lens = np.fromiter(map(len, per_event), np.intp, len(per_event))
        self._event = np.repeat(np.arange(len(per_event), dtype=np.intp), lens)
        self._code = np.fromiter(chain.from_iterable(per_event), np.int32, int(lens.sum()))

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
