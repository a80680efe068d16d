"""The regular expressions of the date finder: one per kind of date expression.

They are matched against the text with its ASCII capitals lowered (``lowered``: the
same length, so spans agree), which is more than twice as fast as ignoring case, and so
are written in lower case; "On Saturday" and "on Saturday" both match.  Month and
weekday names must still be capitalised in the text (the readers check the original),
so "may" and "march" as verbs are no dates.  Each match must be of whole words.
"""

from __future__ import annotations

import re
import string

__all__ = ["MON", "PATTERNS", "WD", "lowered"]

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def lowered(text: str) -> str:
    """``text`` with ASCII capitals lowered: the same length, so spans agree."""
    return text.translate(_LOWER)

MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november"
       r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)")
WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
YEAR = r"(?P<y>1[0-9]{3}|20[0-9]{2})(?![0-9])"
DAY = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?"
NUM = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
       r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|[0-9]{1,3})")
SINCE = r"(?:(?P<since>since|from)\s+)"


def _y(n: str) -> str:
    return YEAR.replace("?P<y>", f"?P<{n}>")


# (kind, pattern); the finder takes, at each place, the longest match of any kind.
_SOURCES: list[tuple[str, str]] = [
    # ranges
    ("range_days", rf"(?:on\s+|between\s+|from\s+)?(?P<m>{MON})\s+(?P<d1>[0-3]?[0-9])"
                   rf"(?:st|nd|rd|th)?\s*(?:[-–—]|and|to|until)\s*(?P<d2>[0-3]?[0-9])(?:st|nd|rd|th)?"
                   rf"(?![0-9:])(?:,?\s+{YEAR})?"),
    ("range_days", rf"(?:on\s+|between\s+|from\s+)?(?:the\s+)?(?P<d1>[0-3]?[0-9])(?:st|nd|rd|th)?"
                   rf"\s*(?:[-–—]|and|to|until)\s*(?:the\s+)?(?P<d2>[0-3]?[0-9])(?:st|nd|rd|th)?"
                   rf"(?:\s+of)?\s+(?P<m>{MON})(?:,?\s+{YEAR})?"),
    ("range_months", rf"(?:between\s+|from\s+)?(?P<m1>{MON})(?:\s+{_y('y1')})?\s*"
                     rf"(?:[-–—]|and|to|until|through)\s*(?P<m2>{MON}),?\s+{_y('y2')}"),
    ("range_years", rf"(?:between\s+|from\s+)?{_y('y1')}\s*(?:[-–—]|and|to|until|through)\s*"
                    rf"{_y('y2')}"),
    # stated dates
    ("day", rf"{SINCE}?(?:on\s+)?(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+"
            rf"(?P<m>{MON}),?\s+{YEAR}"),
    ("day", rf"{SINCE}?(?:on\s+)?(?:(?P<wd>{WD}),?\s+)?(?P<m>{MON})\s+{DAY},?\s+{YEAR}"),
    ("iso", rf"{SINCE}?(?:on\s+)?(?P<y>[0-9]{{4}})-(?P<mo>[0-9]{{2}})-(?P<d>[0-9]{{2}})"
            r"(?![0-9/])"),
    ("numeric", rf"{SINCE}?(?:on\s+)?(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})"
                r"(?:/(?P<y>[0-9]{4}))?(?![0-9/])"),
    ("month", rf"{SINCE}?(?:(?:in|during|by|until)\s+)?(?P<m>{MON}),?\s+(?:of\s+)?{YEAR}"),
    ("year", rf"(?:{SINCE}|(?:in|during|by|until|before|after)\s+){YEAR}"),
    ("vague", rf"(?:in\s+)?(?P<q>early|mid|late|the\s+end\s+of|the\s+start\s+of"
              rf"|the\s+beginning\s+of)[\s-]+(?:(?P<m>{MON}),?\s+)?{YEAR}"),
    ("season", rf"(?:(?:in|during)\s+)?(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)"
               rf"\s+(?:of\s+)?{YEAR}"),
    # dates without a year, read with the publication date
    ("day_no_year", rf"{SINCE}?(?:(?P<pre>on|by|until)\s+)?(?:(?P<wd>{WD}),?\s+)?"
                    rf"(?:(?P<m>{MON})\s+{DAY}|(?:the\s+)?{DAY.replace('?P<d>', '?P<d2>')}"
                    rf"(?:\s+of)?\s+(?P<m2>{MON}))(?![0-9:]|\s*[-–—]\s*[0-9])"),
    ("month_no_year", rf"(?:{SINCE}|(?P<pre>in|during|by|until|last|next|this|early|late|mid"
                      rf"|earlier\s+in|later\s+in)[\s-]+)(?:(?P<q>early|mid|late)[\s-]+)?"
                      rf"(?P<m>{MON})(?!\s*[0-9])(?:\s+(?P<rel>last|next|this)\s+year)?"),
    ("month_no_year", rf"(?P<m>{MON})\s+(?P<rel>last|next|this)\s+year"),
    ("nth", rf"{SINCE}?(?:(?P<pre>on|by|until)\s+)?the\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)"
            r"(?:\s+of\s+(?P<rel>this|last|next)\s+month)?"
            r"(?=\s*[,.;:)]|\s*$|\s+(?:of\s+(?:this|last|next)\s+month|and|at|when|in\s+the)\b)"),
    # relative to the publication date
    ("weekday", rf"(?:(?P<pre>on|since|by|until|last|next|this\s+past|this\s+coming|coming|this"
                rf"|past|early\s+on|late\s+on)\s+)?(?P<wd>{WD})(?P<poss>['’]s)?"),
    ("day_word", r"(?:(?P<pre>since|until|by)\s+)?(?P<w>the\s+day\s+before\s+yesterday"
                 r"|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|last\s+night"
                 r"|this\s+(?:morning|afternoon|evening))"),
    ("period", r"(?P<w>last|next|this|earlier\s+this|later\s+this|previous|the\s+coming"
               r"|the\s+past|past|over\s+the|at\s+the|during\s+the)\s+"
               r"(?P<u>weekend|week|month|year)"),
    ("ago", rf"(?P<q>(?:about|around|some|nearly|almost|roughly|more\s+than|over|less\s+than"
            rf"|under|at\s+least|just\s+over|just\s+under)\s+)?(?P<n>{NUM}|a\s+few"
            rf"|a\s+couple\s+of|several|a|an)\s+(?P<u>day|week|month|year|decade)s?\s+ago"),
    # counted from an earlier date in the text
    ("anchored", rf"(?P<w>the\s+(?:next|following|previous|preceding)\s+(?:day|morning|evening"
                 rf"|night|week)|the\s+day\s+(?:after|before)|(?:that|the)\s+same\s+day"
                 rf"|(?P<n>{NUM}|a)\s+(?P<u>day|week)s?\s+(?:later|earlier|before|after))"),
]

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(source)) for kind, source in _SOURCES
]
