"""The arithmetic of dragging events in time: snapping to the tick grid, keeping precision."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import PartialDate, Precision, parse_iso
from timeline_app.core.model import Event
from timeline_app.core.view.ticks import adjacent_tick, nearest_tick
from timeline_app.core.view.time_drag import (
    DragPart,
    date_at,
    dragged,
    nudged,
    snap_level,
    snapped_time,
)

LEVELS = ["5 minutes", "hours", "12 hours", "days", "weeks", "months", "quarters", "years",
          "decades", "centuries"]
DAY = 86400.0


def ev(start: str, end: str | None = None) -> Event:
    return Event("e", "Liberation of Tarhuna", parse_iso(start),
                 parse_iso(end) if end else None, actors=["gna"])


dates = st.builds(
    lambda d, p, approx, hour, minute: PartialDate(d.year, d.month, d.day, hour, minute,
                                                   Precision(p), approx),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(0, 3), st.booleans(), st.integers(0, 23), st.integers(0, 59),
)
distances = st.floats(-40 * 365 * DAY, 40 * 365 * DAY, allow_nan=False)
levels = st.sampled_from([*LEVELS, None])


@st.composite
def events(draw) -> Event:  # type: ignore[no-untyped-def]
    start = draw(dates)
    if not draw(st.booleans()):
        return Event("e", "t", start)
    end = draw(dates)
    if end.end_seconds() <= start.to_seconds():
        start, end = end, start
    if end.end_seconds() <= start.to_seconds():
        end = start
    return Event("e", "t", start, end)


def unit_count(a: PartialDate, b: PartialDate, precision: Precision) -> int:
    if precision is Precision.YEAR:
        return b.year - a.year
    if precision is Precision.MONTH:
        return (b.year - a.year) * 12 + b.month - a.month
    if precision is Precision.DAY:
        return date(b.year, b.month, b.day).toordinal() - date(a.year, a.month, a.day).toordinal()
    return round((b.to_seconds() - a.to_seconds()) / 60)


@settings(max_examples=300, deadline=None)
@given(events(), distances, levels)
def test_a_move_keeps_precision_marks_and_duration(event: Event, dt: float,
                                                    level: str | None) -> None:
    moved = dragged(event, DragPart.BODY, dt, level)
    assert moved.start.precision is event.start.precision
    assert moved.start.approximate == event.start.approximate
    assert (moved.title, moved.actors, moved.citations) == (event.title, event.actors,
                                                          event.citations)
    if event.end is not None:
        assert moved.end is not None
        assert moved.end.precision is event.end.precision
        assert moved.end.approximate == event.end.approximate
        if event.end.precision is event.start.precision:
            p = event.start.precision
            assert unit_count(moved.start, moved.end, p) == unit_count(event.start, event.end, p)


@settings(max_examples=300, deadline=None)
@given(events(), distances, levels)
def test_a_snapped_start_lies_on_the_grid_nearest_the_pointer(event: Event, dt: float,
                                                               level: str | None) -> None:
    moved = dragged(event, DragPart.BODY, dt, level)
    if moved is event:
        return  # could not be written (the end would leave the calendar)
    snap = snap_level(event.start.precision, level)
    s = moved.start.to_seconds()
    target = event.start.to_seconds() + dt
    if snap is None:
        assert s % 60 == 0 and abs(s - target) <= 30
        return
    assert nearest_tick(snap, s) == s
    for direction in (-1, 1):  # no grid line is nearer the pointer
        other = adjacent_tick(snap, s, direction)
        if other is not None:
            assert abs(other - target) >= abs(s - target)


@settings(max_examples=200, deadline=None)
@given(events())
def test_a_drag_of_nothing_without_snapping_changes_nothing(event: Event) -> None:
    assert dragged(event, DragPart.BODY, 0.0, None) == event
    for part in (DragPart.START, DragPart.END):
        assert dragged(event, part, 0.0, None) == event


@settings(max_examples=300, deadline=None)
@given(events(), distances, levels)
def test_a_resize_moves_one_end_only_and_never_inverts(event: Event, dt: float,
                                                       level: str | None) -> None:
    if event.end is None:
        return
    start = dragged(event, DragPart.START, dt, level)
    assert start.end == event.end
    assert start.start.precision is event.start.precision
    assert start.end.end_seconds() > start.start.to_seconds()
    end = dragged(event, DragPart.END, dt, level)
    assert end.start == event.start
    assert end.end is not None and end.end.precision is event.end.precision
    assert end.end.end_seconds() > end.start.to_seconds()


@settings(max_examples=200, deadline=None)
@given(events(), st.sampled_from(LEVELS))
def test_nudging_later_then_earlier_comes_back_to_a_grid_line(event: Event, level: str) -> None:
    later = nudged(event, 1, level)
    assert later.start.to_seconds() > event.start.to_seconds()
    assert later.start.precision is event.start.precision
    back = nudged(later, -1, level)
    assert back.start.to_seconds() < later.start.to_seconds()
    snap = snap_level(event.start.precision, level)
    if snap is not None and nearest_tick(snap, event.start.to_seconds()) \
            == event.start.to_seconds():
        assert back.start == event.start


@given(st.floats(-1e10, 1e10, allow_nan=False), st.sampled_from(LEVELS))
def test_snapped_time_is_a_grid_line(t: float, level: str) -> None:
    s = snapped_time(t, Precision.MINUTE, level)
    assert nearest_tick(level, s) == s


def test_the_rules_the_readme_states() -> None:
    day = ev("2020-06-05")
    # a day snapped to days stays a day, moved by whole days
    assert dragged(day, DragPart.BODY, 2.4 * DAY, "days").start == parse_iso("2020-06-07")
    # a day in a view of months snaps to the first of the nearest month
    assert dragged(day, DragPart.BODY, 20 * DAY, "months").start == parse_iso("2020-07-01")
    # a month-precision event moves by months, even in a view of days
    month = ev("2020-06", "2020-08")
    moved = dragged(month, DragPart.BODY, 40 * DAY, "days")
    assert (moved.start.iso(), moved.end.iso()) == ("2020-07", "2020-09")
    # Alt (no snapping): a day moves by whole days
    assert dragged(day, DragPart.BODY, -1.6 * DAY, None).start == parse_iso("2020-06-03")
    # an approximate date stays approximate
    assert dragged(ev("2020-06~"), DragPart.BODY, 70 * DAY, "weeks").start.iso() == "2020-08~"
    # the end handle is the first moment after the range
    rng = ev("2019-04-04", "2020-06-04")
    assert dragged(rng, DragPart.END, 20 * DAY, "months").end == parse_iso("2020-06-30")
    assert dragged(rng, DragPart.START, -10 * DAY, "months").start == parse_iso("2019-04-01")
    # a handle stops at the other end
    assert dragged(rng, DragPart.START, 900 * DAY, "days").start == parse_iso("2020-06-04")
    assert dragged(rng, DragPart.END, -900 * DAY, "days").end == parse_iso("2019-04-04")
    # nudges step along the grid
    assert nudged(day, 1, "days").start == parse_iso("2020-06-06")
    assert nudged(day, -1, "months").start == parse_iso("2020-06-01")
    assert nudged(ev("2020-06-05T10:31"), 1, None).start == parse_iso("2020-06-05T10:32")


@pytest.mark.parametrize(("t", "precision", "iso"), [
    (0.0, Precision.DAY, "1970-01-01"),
    (-1.0, Precision.DAY, "1969-12-31"),
    (86400 * 31 + 3600 * 5 + 60 * 7 + 30, Precision.MINUTE, "1970-02-01T05:07"),
    (86400 * 40, Precision.MONTH, "1970-02"),
    (-1e20, Precision.YEAR, "0001"),
    (1e20, Precision.DAY, "9999-12-31"),
])
def test_date_at(t: float, precision: Precision, iso: str) -> None:
    assert date_at(t, precision).iso() == iso


def test_a_move_past_the_calendar_leaves_the_event() -> None:
    rng = ev("9999-01-01", "9999-12-31")
    assert dragged(rng, DragPart.BODY, 400 * DAY, "days") is rng
