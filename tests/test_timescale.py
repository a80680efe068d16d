"""TimeScale: the time <-> pixel mapping and its navigation steps."""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.view.timescale import MAX_SPAN, MAX_TIME, MIN_SPAN, MIN_TIME, TimeScale

DAY = 86400.0
T2019 = (datetime(2019, 4, 4) - datetime(1970, 1, 1)).total_seconds()


def test_x_and_t_are_inverse_on_floats_and_arrays() -> None:
    ts = TimeScale(T2019, 60.0, 1000)
    assert ts.x_of(T2019) == 0.0
    assert ts.x_of(T2019 + 600.0) == pytest.approx(10.0)
    assert ts.t_of(10.0) == pytest.approx(T2019 + 600.0)
    xs = np.array([0.0, 12.5, 999.0])
    back = ts.x_of(ts.t_of(xs))
    assert isinstance(back, np.ndarray)
    np.testing.assert_allclose(back, xs, atol=1e-9)
    assert ts.t_right == T2019 + 60_000.0
    assert ts.visible_span == 60_000.0


def test_is_immutable_and_validates() -> None:
    ts = TimeScale(T2019, 60.0, 1000)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ts.t_left = 0.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        TimeScale(T2019, 0.0, 100)
    with pytest.raises(ValueError):
        TimeScale(math.nan, 1.0, 100)
    assert TimeScale(T2019, 60.0, 0).width == 1  # a widget not shown yet


@pytest.mark.parametrize("factor", [1.25, 0.8, 3.0, 0.1])
@pytest.mark.parametrize("anchor_x", [0.0, 317.25, 1000.0])
def test_zoom_keeps_the_anchor_time_under_the_anchor(factor: float, anchor_x: float) -> None:
    ts = TimeScale(T2019, 3600.0, 1000)
    t_anchor = ts.t_of(anchor_x)
    z = ts.zoomed(factor, anchor_x)
    assert abs(z.x_of(t_anchor) - anchor_x) < 1e-6
    assert z.seconds_per_px == pytest.approx(ts.seconds_per_px / factor)
    assert z.width == ts.width


def test_zoom_in_direction() -> None:
    ts = TimeScale(T2019, 3600.0, 1000)
    assert ts.zoomed(2.0, 500).visible_span < ts.visible_span
    assert ts.zoomed(0.5, 500).visible_span > ts.visible_span


def test_zoom_limits_keep_the_anchor() -> None:
    ts = TimeScale(T2019, 3600.0, 1000)
    t_anchor = ts.t_of(250.0)
    deep = ts.zoomed(1e9, 250.0)
    assert deep.visible_span == pytest.approx(MIN_SPAN)
    assert abs(deep.x_of(t_anchor) - 250.0) < 1e-6
    wide = ts.zoomed(1e-9, 250.0)
    assert wide.visible_span == pytest.approx(MAX_SPAN)
    assert abs(wide.x_of(t_anchor) - 250.0) < 1e-6
    assert deep.zoomed(2.0, 100).visible_span == pytest.approx(MIN_SPAN)


def test_zoom_out_at_the_calendar_edge_stays_in_years_1_to_9999() -> None:
    first = TimeScale(MIN_TIME + 3600.0, 3.6, 1000)
    out = first.zoomed(1e-6, 0.0)
    assert out.t_left >= MIN_TIME
    last = TimeScale(MAX_TIME - 7200.0, 3.6, 1000)
    out = last.zoomed(1e-6, 1000.0)
    assert out.t_right <= MAX_TIME + 1e-3


def test_pan_right_shows_earlier_times() -> None:
    ts = TimeScale(T2019, 60.0, 1000)
    p = ts.panned(100.0)
    assert p.t_left == pytest.approx(T2019 - 6000.0)
    assert p.seconds_per_px == ts.seconds_per_px
    assert ts.panned(-100.0).t_left == pytest.approx(T2019 + 6000.0)
    # a time under the mouse moves with the drag
    assert p.x_of(ts.t_of(400.0)) == pytest.approx(500.0)


def test_pan_is_clamped_to_the_calendar() -> None:
    ts = TimeScale(T2019, 1e6, 1000)
    assert ts.panned(1e12).t_left == MIN_TIME
    assert ts.panned(-1e12).t_right == pytest.approx(MAX_TIME)


def test_resized_keeps_left_edge_and_scale() -> None:
    ts = TimeScale(T2019, 60.0, 1000)
    r = ts.resized(1500)
    assert (r.t_left, r.seconds_per_px, r.width) == (T2019, 60.0, 1500)
    assert ts.resized(0).width == 1


def test_fit_leaves_the_margin_on_both_sides() -> None:
    t0, t1 = T2019, T2019 + 30 * DAY
    ts = TimeScale.fit(t0, t1, 1000)
    assert ts.x_of(t0) == pytest.approx(40.0)
    assert ts.x_of(t1) == pytest.approx(960.0)
    ts = TimeScale.fit(t1, t0, 1000, margin=0.0)  # order does not matter
    assert ts.x_of(t0) == pytest.approx(0.0, abs=1e-6)
    assert ts.x_of(t1) == pytest.approx(1000.0)


def test_fit_a_single_instant_or_too_much_history() -> None:
    ts = TimeScale.fit(T2019, T2019, 800)
    assert ts.visible_span == pytest.approx(MIN_SPAN)
    assert ts.x_of(T2019) == pytest.approx(400.0)
    huge = TimeScale.fit(MIN_TIME, MAX_TIME, 800)
    assert huge.visible_span == pytest.approx(MAX_SPAN)
    assert huge.t_left >= MIN_TIME
    assert huge.t_right <= MAX_TIME + 1e-3


def test_centered_on() -> None:
    ts = TimeScale(T2019, 60.0, 1000).centered_on(T2019 + 10 * DAY)
    assert ts.x_of(T2019 + 10 * DAY) == pytest.approx(500.0)
    assert ts.seconds_per_px == 60.0


@settings(max_examples=300, deadline=None)
@given(
    t_left=st.floats(-2.2e9, 4.1e9),  # 1900 .. 2100
    span=st.floats(MIN_SPAN, 300 * 365 * DAY),
    width=st.integers(300, 3000),
    factor=st.floats(0.01, 100.0),
    anchor_frac=st.floats(0.0, 1.0),
)
def test_zoom_anchor_invariant_property(
    t_left: float, span: float, width: int, factor: float, anchor_frac: float
) -> None:
    ts = TimeScale(t_left, span / width, width)
    anchor_x = anchor_frac * width
    t_anchor = ts.t_of(anchor_x)
    z = ts.zoomed(factor, anchor_x)
    assert abs(z.x_of(t_anchor) - anchor_x) < 1e-6
    assert MIN_SPAN * (1 - 1e-12) <= z.visible_span <= MAX_SPAN * (1 + 1e-12)
