"""Calendar ticks: right dates, right labels, never overlapping, always bounded."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.view.ticks import (
    LABEL_PADDING,
    MAX_TICKS,
    TickTier,
    default_measure,
    tick_tiers,
)
from timeline_app.core.view.timescale import MAX_TIME, MIN_TIME

HOUR = 3600.0
DAY = 86400.0
YEAR = 365.2425 * DAY
EPOCH = datetime(1970, 1, 1)


def secs(*args: int) -> float:
    return (datetime(*args) - EPOCH).total_seconds()


_WIDE = set("MW@%")
_NARROW = set("il1.:' ")


def proportional_measure(label: str) -> float:
    """A deterministic stand-in for real font metrics, with unequal character widths."""
    return sum(10.0 if c in _WIDE else 3.5 if c in _NARROW else 6.5 for c in label)


def assert_well_formed(
    tiers: list[TickTier],
    t_left: float,
    t_right: float,
    width: float,
    measure: Callable[[str], float] = default_measure,
) -> None:
    assert len(tiers) == 2
    px_per_s = width / (t_right - t_left)
    for tier in tiers:
        ticks = tier.ticks
        assert len(ticks) <= MAX_TICKS
        times = [tk.t for tk in ticks]
        assert times == sorted(set(times)), tier.level
        for tk in ticks:
            assert t_left <= tk.t <= t_right
            assert MIN_TIME <= tk.t < MAX_TIME
        for a, b in pairwise(ticks):
            x_a = (a.t - t_left) * px_per_s
            x_b = (b.t - t_left) * px_per_s
            assert x_a + measure(a.label) + LABEL_PADDING <= x_b + 1e-9, (tier.level, a, b)


SPANS = [2 * HOUR, 7 * HOUR, DAY, 3 * DAY, 7 * DAY, 31 * DAY, 95 * DAY, YEAR, 3 * YEAR,
         11 * YEAR, 35 * YEAR, 100 * YEAR, 333 * YEAR, 1000 * YEAR, 2000 * YEAR]  # fmt: skip
WIDTHS = [300, 450, 800, 1280, 1920, 3000]
STARTS = [secs(2019, 4, 4, 6, 17), secs(1000, 3, 5), secs(7000, 12, 30, 23, 59)]


@pytest.mark.parametrize("measure", [default_measure, proportional_measure])
@pytest.mark.parametrize("span", SPANS)
def test_labels_never_overlap_and_stay_bounded(
    span: float, measure: Callable[[str], float]
) -> None:
    for width in WIDTHS:
        for start in STARTS:
            t_right = start + span
            tiers = tick_tiers(start, t_right, width, measure)
            assert_well_formed(tiers, start, t_right, width, measure)
            assert tiers[0].ticks or span < DAY, (span, width)  # something to read


def test_month_view_of_april_2019() -> None:
    t0, t1 = secs(2019, 4, 1), secs(2019, 5, 1)
    minor, major = tick_tiers(t0, t1, 1000)
    assert minor.level == "days"
    assert [tk.label for tk in minor.ticks] == [str(d) for d in range(1, 31)] + ["1"]
    assert minor.ticks[3].t == secs(2019, 4, 4)
    assert major.level == "months"
    assert [(tk.t, tk.label) for tk in major.ticks] == [
        (secs(2019, 4, 1), "April 2019"),
        (secs(2019, 5, 1), "May 2019"),
    ]


def test_year_view_month_ticks_use_the_calendar() -> None:
    t0, t1 = secs(2019, 1, 1), secs(2020, 1, 1)
    minor, major = tick_tiers(t0, t1, 1000)
    assert minor.level == "months"
    assert [(tk.t, tk.label) for tk in minor.ticks[:5]] == [
        (secs(2019, 1, 1), "Jan"),
        (secs(2019, 2, 1), "Feb"),
        (secs(2019, 3, 1), "Mar"),
        (secs(2019, 4, 1), "Apr"),
        (secs(2019, 5, 1), "May"),
    ]
    assert [tk.label for tk in major.ticks] == ["2019", "2020"]


def test_hour_view_has_the_day_as_context() -> None:
    t0, t1 = secs(2019, 4, 6, 5, 30), secs(2019, 4, 6, 7, 30)
    minor, major = tick_tiers(t0, t1, 1200)
    assert minor.level.endswith("minutes")
    assert "06:00" in [tk.label for tk in minor.ticks]
    assert major.level == "days"
    assert major.ticks == []  # no midnight in view ...
    assert major.context is not None  # ... but the renderer can pin the day
    assert (major.context.t, major.context.label) == (secs(2019, 4, 6), "Sat 6 Apr 2019")


def test_context_is_the_period_containing_the_left_edge() -> None:
    t0 = secs(2019, 4, 17)
    _, major = tick_tiers(t0, t0 + 10 * DAY, 1000)
    assert major.level == "months"
    assert major.context is not None and major.context.label == "April 2019"
    assert [tk.label for tk in major.ticks] == []


def test_coarse_levels_and_their_labels() -> None:
    minor, major = tick_tiers(secs(1000, 1, 1), secs(3000, 1, 1), 800)
    assert minor.level == "centuries"
    assert minor.ticks[0].label == "1000"
    assert major.level == "millennia"
    assert [tk.label for tk in major.ticks] == [
        "2nd millennium",
        "3rd millennium",
        "4th millennium",  # 3000 is the right edge, which is inside the view
    ]
    minor, major = tick_tiers(secs(1890, 1, 1), secs(2030, 1, 1), 800)
    assert minor.level == "decades"
    assert [tk.label for tk in major.ticks] == ["20th century", "21st century"]
    minor, major = tick_tiers(secs(1990, 1, 1), secs(2030, 1, 1), 3000)
    assert minor.level == "years"
    assert "2010s" in [tk.label for tk in major.ticks]


def test_finer_levels_when_wider() -> None:
    t0, t1 = secs(2019, 1, 1), secs(2019, 3, 1)
    narrow, _ = tick_tiers(t0, t1, 300)
    wide, _ = tick_tiers(t0, t1, 3000)
    assert (narrow.level, wide.level) == ("weeks", "days")
    assert [tk.label for tk in narrow.ticks[:2]] == ["7", "14"]  # Mondays


def test_no_minor_level_without_readable_context() -> None:
    # 12-hour ticks would fit, but "Sat 6 Apr 2019" would not fit a day: use days.
    t0 = secs(2019, 4, 1)
    minor, major = tick_tiers(t0, t0 + 12 * DAY, 12 * 80)
    assert minor.level == "days"
    assert major.level == "months"


@pytest.mark.parametrize(
    ("t_left", "t_right", "width"),
    [
        (secs(2019, 4, 4), secs(2019, 4, 4) + 1.0, 3000),  # one second
        (secs(2019, 4, 4), secs(2019, 4, 4) + 1e-6, 3000),
        (-1e15, 1e15, 3000),  # far outside the calendar
        (MIN_TIME, MAX_TIME, 40),  # everything, tiny
        (MIN_TIME, MAX_TIME, 1e7),  # everything, absurdly wide
        (MAX_TIME - 3 * HOUR, MAX_TIME, 1000),  # the last hours of 9999
        (MIN_TIME, MIN_TIME + 3 * HOUR, 1000),
    ],
)
def test_extreme_views_are_bounded(t_left: float, t_right: float, width: float) -> None:
    tiers = tick_tiers(t_left, t_right, width)
    assert_well_formed(tiers, t_left, t_right, width)


@pytest.mark.parametrize(
    "args",
    [(1.0, 1.0, 100), (2.0, 1.0, 100), (math.nan, 1.0, 100), (0.0, math.inf, 100), (0.0, 100.0, 0)],
)
def test_degenerate_input_gives_empty_tiers(args: tuple[float, float, float]) -> None:
    assert [tier.ticks for tier in tick_tiers(*args)] == [[], []]


def test_every_tick_within_a_huge_span_is_bounded_by_the_width() -> None:
    # the cap holds even when labels are measured as zero-width
    tiers = tick_tiers(MIN_TIME, MAX_TIME, 1e9, measure=lambda _s: 0.0, padding=0.0)
    assert all(len(t.ticks) <= MAX_TICKS for t in tiers)


@settings(max_examples=200, deadline=None)
@given(
    t_left=st.floats(MIN_TIME, MAX_TIME - HOUR),
    log_span=st.floats(math.log(60.0), math.log(3000 * YEAR)),
    width=st.floats(50.0, 4000.0),
    proportional=st.booleans(),
)
def test_ticks_never_overlap_property(
    t_left: float, log_span: float, width: float, proportional: bool
) -> None:
    t_right = min(t_left + math.exp(log_span), MAX_TIME)
    measure = proportional_measure if proportional else default_measure
    tiers = tick_tiers(t_left, t_right, width, measure)
    assert_well_formed(tiers, t_left, t_right, width, measure)


def test_day_label_is_english_whatever_the_locale() -> None:
    import locale

    from timeline_app.core.view.ticks import day_label

    before = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    try:
        assert day_label(0.0) == "1 Jan 1970"
        assert day_label((datetime(2019, 4, 4, 1) - datetime(1970, 1, 1)).total_seconds()) == (
            "4 Apr 2019")
        assert day_label(-1.0) == "31 Dec 1969"
    finally:
        locale.setlocale(locale.LC_TIME, before)


@pytest.mark.parametrize("t", [float("nan"), float("inf"), -1e15, 1e15])
def test_day_label_outside_the_calendar_is_a_dash(t: float) -> None:
    from timeline_app.core.view.ticks import day_label

    assert day_label(t) == "—"
