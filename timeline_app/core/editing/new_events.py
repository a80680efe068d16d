"""What a new event is given before the analyst edits it: a title taken from the cited
sentence, and a date as precise as the zoom at which it was placed (its id comes from
``ids.new_event_id``).
"""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates.partial import EPOCH_ORDINAL, PartialDate, Precision

__all__ = ["date_at", "precision_at", "title_from_passage"]

_DAY = 86400.0
# A date is placed to the day when a day is at least this many pixels wide, to the
# month when a month is; otherwise to the year.  Below that a click cannot aim at one.
MIN_PIXELS = 6.0
TITLE_LENGTH = 80
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s")


def title_from_passage(text: str) -> str:
    """A title proposed from a cited passage: its first sentence on one line, without
    the final full stop, cut at a word before ``TITLE_LENGTH`` characters (with "…")."""
    one_line = " ".join(text.split())
    sentence = _SENTENCE_END.split(one_line, maxsplit=1)[0].strip()
    if sentence.endswith("."):
        sentence = sentence[:-1].rstrip()
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    cut = sentence[: TITLE_LENGTH - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def precision_at(seconds_per_px: float) -> Precision:
    """The precision a click can aim at, at this zoom."""
    if _DAY / seconds_per_px >= MIN_PIXELS:
        return Precision.DAY
    if 30 * _DAY / seconds_per_px >= MIN_PIXELS:
        return Precision.MONTH
    return Precision.YEAR


def date_at(t: float, seconds_per_px: float) -> PartialDate:
    """The date under time ``t`` (seconds since 1970-01-01), to the precision the zoom
    allows (``precision_at``), clamped to the calendar's years 1 to 9999."""
    ordinal = EPOCH_ORDINAL + int(t // _DAY)
    ordinal = max(1, min(ordinal, dt.date(9999, 12, 31).toordinal()))
    return PartialDate.from_date(dt.date.fromordinal(ordinal), precision_at(seconds_per_px))
