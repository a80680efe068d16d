"""What the date finder reports for each date mention in a text.

A mention keeps its exact character span, what it means (one date, a range ``A/B`` or
a range open at the start ``../B``), whether that meaning is approximate, and, when the
text allows more than one reading, every reading rather than a silent choice.  A mention
the finder cannot resolve keeps ``value`` None and an explanation naming what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.core.dates.partial import PartialDate, Precision

__all__ = ["DateValue", "Mention"]


@dataclass(frozen=True, slots=True)
class DateValue:
    """One date (``end`` None), a range ``start``/``end``, or ``../end`` (``start`` None)."""

    start: PartialDate | None
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        if self.start is None and self.end is None:
            raise ValueError("a date value needs a start or an end")

    def iso(self) -> str:
        if self.end is None:
            return self.start.iso()  # type: ignore[union-attr]
        return f"{self.start.iso() if self.start else '..'}/{self.end.iso()}"

    @property
    def precision(self) -> Precision:
        dates = [d for d in (self.start, self.end) if d is not None]
        return min(d.precision for d in dates)

    @property
    def approximate(self) -> bool:
        return any(d.approximate for d in (self.start, self.end) if d is not None)

    @property
    def is_range(self) -> bool:
        return self.end is not None


@dataclass(frozen=True, slots=True)
class Mention:
    """A date expression found in a text at ``start``:``end`` (code-point offsets)."""

    start: int
    end: int
    text: str
    kind: str  # "absolute", "relative", "anchored", "range", "vague", "duration"
    value: DateValue | None
    explanation: str
    ambiguous: bool = False
    alternatives: tuple[DateValue, ...] = ()
    anchor: int | None = None  # index of the mention an anchored one counts from

    @property
    def refused(self) -> bool:
        return self.value is None

    @property
    def date(self) -> str | None:
        return None if self.value is None else self.value.iso()

    @property
    def precision(self) -> Precision | None:
        return None if self.value is None else self.value.precision

    @property
    def approximate(self) -> bool:
        return self.value is not None and self.value.approximate

    def as_dict(self) -> dict[str, object]:
        """The command line's JSON form."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "date": self.date,
            "precision": None if self.precision is None else self.precision.label,
            "approximate": self.approximate,
            "ambiguous": self.ambiguous,
            "alternatives": [a.iso() for a in self.alternatives],
            "explanation": self.explanation,
            "anchor": self.anchor,
        }
