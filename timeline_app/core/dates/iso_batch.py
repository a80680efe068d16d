"""Many ISO dates of the file form read at once: what a big file's load does.

A file of a million events can hold hundreds of thousands of distinct dates (minutes
over years), each read by ``parse_iso`` at ~7 µs: the regular expression, the integer
checks, the calendar, the span, the object.  ``parse_iso_batch`` reads the digits of all
of them together with numpy (the four forms, the qualifiers, the calendar and the spans
as arrays), and only builds each date's object one by one.

It never judges: a text it does not take (another form, a digit that is not ASCII, a
day the month does not have...) comes back as None, and ``parse_iso`` reads it, or
refuses it with its message.  What it does take is the very date ``parse_iso`` makes,
fields, span and text alike (a property test holds them to it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from timeline_app.core.dates.partial import PartialDate, Precision, checked_date

__all__ = ["parse_iso_batch"]

_LONGEST = len("2019-04-04T06:30~")
_BY_LENGTH = {4: Precision.YEAR, 7: Precision.MONTH, 10: Precision.DAY, 16: Precision.MINUTE}
_DAY = 86400.0
_ZERO = ord("0")


def parse_iso_batch(texts: Sequence[str]) -> list[PartialDate | None]:
    """``parse_iso(text)`` for each of ``texts`` (strings), or None where it declines."""
    n = len(texts)
    out: list[PartialDate | None] = [None] * n
    if not n:
        return out
    lengths = np.fromiter(map(len, texts), np.int64, n)
    codes = np.array(texts, dtype=f"<U{_LONGEST}").view(np.uint32).reshape(n, _LONGEST)
    last = codes[np.arange(n), np.clip(lengths - 1, 0, _LONGEST - 1)]
    tilde, query, percent = (last == ord("~")), (last == ord("?")), (last == ord("%"))
    body = lengths - (tilde | query | percent)
    digit = (codes >= _ZERO) & (codes <= _ZERO + 9)
    value = codes.astype(np.int64) - _ZERO

    def number(first: int, width: int) -> np.ndarray:
        total = value[:, first]
        for k in range(first + 1, first + width):
            total = total * 10 + value[:, k]
        return total

    def at(i: int, char: str) -> np.ndarray:
        return codes[:, i] == ord(char)

    ok = (lengths <= _LONGEST) & digit[:, :4].all(axis=1) & np.isin(body, list(_BY_LENGTH))
    has_month, has_day, has_time = body >= 7, body >= 10, body == 16
    ok &= ~has_month | (at(4, "-") & digit[:, 5:7].all(axis=1))
    ok &= ~has_day | (at(7, "-") & digit[:, 8:10].all(axis=1))
    ok &= ~has_time | (at(10, "T") & digit[:, 11:13].all(axis=1) & at(13, ":")
                       & digit[:, 14:16].all(axis=1))
    year = number(0, 4)
    month = np.where(has_month, number(5, 2), 1)
    day = np.where(has_day, number(8, 2), 1)
    hour = np.where(has_time, number(11, 2), 0)
    minute = np.where(has_time, number(14, 2), 0)
    ok &= (year >= 1) & (month >= 1) & (month <= 12) & (hour <= 23) & (minute <= 59)
    month = np.where(ok, month, 1)  # nothing below may fail on a text declined
    year = np.where(ok, year, 1970)

    def days_from_epoch(months_from_epoch: np.ndarray) -> np.ndarray:
        return (months_from_epoch.astype("datetime64[M]").astype("datetime64[D]")
                .astype(np.int64))

    months = (year - 1970) * 12 + (month - 1)
    month_start = days_from_epoch(months)
    month_days = days_from_epoch(months + 1) - month_start
    ok &= (day >= 1) & (day <= month_days)
    days = month_start + day - 1
    # As ``partial._span`` computes them, operation for operation (the same floats).
    start = days * _DAY + hour * 3600.0 + minute * 60.0
    year_days = days_from_epoch((year - 1970 + 1) * 12) - days_from_epoch((year - 1970) * 12)
    length = np.select([has_time, has_day, has_month], [0, 1, month_days], year_days)
    end = np.where(has_time, start + 60.0, (days + length) * _DAY)
    fields = zip(np.flatnonzero(ok).tolist(), year[ok].tolist(), month[ok].tolist(),
                 day[ok].tolist(), hour[ok].tolist(), minute[ok].tolist(), body[ok].tolist(),
                 (tilde | percent)[ok].tolist(), (query | percent)[ok].tolist(),
                 start[ok].tolist(), end[ok].tolist(), strict=True)
    for i, y, mo, d, h, mi, width, approximate, uncertain, first, after in fields:
        out[i] = checked_date(str(texts[i]), y, mo, d, h, mi, _BY_LENGTH[width],
                              approximate, uncertain, first, after)
    return out
