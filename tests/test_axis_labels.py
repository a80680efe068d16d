"""The axis labels: each fine label sits under the name of its own period."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.view.axis_labels import LABEL_INSET, axis_labels
from timeline_app.core.view.ticks import Tick, TickTier, default_measure, tick_tiers
from timeline_app.core.view.timescale import MAX_TIME, MIN_TIME

DAY = 86400.0
EPOCH = datetime(1970, 1, 1)
ORIGIN = 120.0  # the gutter: labels start right of it
AXIS_H = 36.0


def secs(*args: int) -> float:
    return (datetime(*args) - EPOCH).total_seconds()


class View:
    """A view ``[t_left, t_right]`` drawn ``width`` px right of the gutter: its tiers
    and labels, as the frame computes them."""

    def __init__(self, t_left: float, t_right: float, width: float) -> None:
        self.t_left = t_left
        self.k = width / (t_right - t_left)
        self.tiers = tick_tiers(t_left, t_right, width, default_measure)
        self.labels = axis_labels(self.tiers, self.x_of, ORIGIN, ORIGIN + width, AXIS_H,
                                  default_measure)

    def x_of(self, t: float) -> float:
        return ORIGIN + (t - self.t_left) * self.k

    def coarse(self) -> list[str]:
        return [lb.text for lb in sorted(self.labels, key=lambda lb: lb.x) if lb.row == 0]


def period_of(tier: TickTier, t: float) -> Tick | None:
    """The coarse tick whose period holds ``t``: the last at or before it, else the
    context."""
    before = [tick for tick in tier.ticks if tick.t <= t]
    return before[-1] if before else tier.context


def assert_each_fine_label_under_its_period(view: View) -> int:
    """Every fine label written has, as the last coarse label left of it, the name of
    the period its tick is in; the number of fine labels checked."""
    tiers = view.tiers
    if len(tiers) < 2 or not tiers[1].level:
        return 0
    coarse = sorted((lb for lb in view.labels if lb.row == 0), key=lambda lb: lb.x)
    fine = {lb.x: lb for lb in view.labels if lb.row == 1}
    checked = 0
    for tick in tiers[0].ticks:
        label = fine.get(view.x_of(tick.t) + LABEL_INSET)
        if label is None:
            continue
        in_effect = [lb.text for lb in coarse if lb.x <= label.x]
        period = period_of(tiers[1], tick.t)
        assert period is not None
        names = {period.label, getattr(period, "short", "")} - {""}
        assert in_effect and in_effect[-1] in names, (label.text, in_effect, names)
        checked += 1
    return checked


def test_weeks_of_january_are_never_under_december() -> None:
    # A view from 30 December to early April: the weeks' coarse row must not say
    # "December 2013" over the January weeks (the pinned month, too long to fit before
    # "January 2014", is written short, or left out).
    view = View(secs(2013, 12, 30, 12), secs(2014, 4, 10), 700.0)
    assert view.tiers[0].level == "weeks" and view.tiers[1].level == "months"
    assert view.coarse()[0] == "January 2014", view.coarse()
    assert assert_each_fine_label_under_its_period(view) >= 10


def test_the_pinned_month_is_written_short_when_the_long_form_does_not_fit() -> None:
    # About eleven days of December visible: room for "Dec 2013", not "December 2013".
    view = View(secs(2013, 12, 21), secs(2014, 4, 10), 700.0)
    assert view.coarse()[:2] == ["Dec 2013", "January 2014"], view.coarse()
    assert assert_each_fine_label_under_its_period(view) >= 10


def test_the_pinned_day_keeps_its_long_form_when_it_fits() -> None:
    view = View(secs(2019, 4, 6, 1), secs(2019, 4, 6, 9), 700.0)
    assert view.coarse() == ["Sat 6 Apr 2019"], view.coarse()


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=MIN_TIME + 1e6, max_value=MAX_TIME - 4e10),
    st.floats(min_value=3600.0, max_value=3e10),
    st.floats(min_value=80.0, max_value=2400.0),
)
def test_every_fine_label_is_under_the_name_of_its_own_period(
    t_left: float, span: float, width: float
) -> None:
    view = View(t_left, t_left + span, width)
    for lb in view.labels:
        assert lb.x >= ORIGIN and lb.right <= ORIGIN + width
    assert_each_fine_label_under_its_period(view)
