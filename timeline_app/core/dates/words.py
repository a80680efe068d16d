"""English words for dates, whatever the locale: weekday and month names, numbers in
words, and the regular-expression alternations built from them.  Shared by the free-text
reader (``text``) and the relative-phrase resolver (``relative``)."""

from __future__ import annotations

from timeline_app.core.dates.partial import MONTH_NAMES

__all__ = ["MAX_PHRASE_LENGTH", "MONTHS", "MONTH_ALT", "NUMBER_ALT", "NUMBER_WORDS", "WEEKDAYS",
           "WEEKDAY_ABBRS", "WEEKDAY_ALT", "WEEKDAY_NAMES"]

# English names, independent of the locale (Qt sets LC_TIME from the environment), to
# match the English that dateutil reads.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBRS = (
    ("mon",),
    ("tue", "tues"),
    ("wed",),
    ("thu", "thur", "thurs"),
    ("fri",),
    ("sat",),
    ("sun",),
)
WEEKDAYS = {
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    **{abbr: i for i, abbrs in enumerate(WEEKDAY_ABBRS) for abbr in abbrs},
}
MONTHS = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES) if name},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES) if name},
    "sept": 9,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}

MAX_PHRASE_LENGTH = 200  # a date phrase is short; refuse to feed whole paragraphs to dateutil

WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMBER_ALT = "|".join([*sorted(NUMBER_WORDS, key=len, reverse=True), r"[0-9]{1,6}"])
