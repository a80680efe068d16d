"""One extent for "fit everything": in the window, the overview strip and exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app import cli
from timeline_app.core.dates.partial import PartialDate, parse_iso
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.extent import EMPTY_SPAN, FIT_MARGIN, fit_extent
from timeline_app.core.view.timescale import MAX_SPAN
from timeline_app.gui.timeline import export
from timeline_app.gui.window.main_window import MainWindow

DAY = 86400.0


def seconds(text: str) -> float:
    return parse_iso(text).to_seconds()


def test_the_extent_holds_every_event_whole_with_a_margin() -> None:
    t0, t1 = PartialDate(2020, 1, 1).to_seconds(), PartialDate(2021, 1, 1).to_seconds()
    left, right = fit_extent((t0, t1))
    margin = (right - left) * FIT_MARGIN
    assert left == pytest.approx(t0 - margin) and right == pytest.approx(t1 + margin)


def test_a_single_point_gets_a_day_on_each_side() -> None:
    t = seconds("2020-06-01")
    left, right = fit_extent((t, t + 60))
    assert left < t - DAY and right > t + DAY + 60
    assert (right - left) * (1 - 2 * FIT_MARGIN) == pytest.approx(2 * DAY + 60)


def test_nothing_to_fit_shows_a_year_and_the_span_has_its_limits() -> None:
    left, right = fit_extent(None)
    assert left < EMPTY_SPAN[0] and right > EMPTY_SPAN[1]
    assert right - left < 400 * DAY
    left, right = fit_extent((seconds("0001"), seconds("9999")))
    assert right - left == pytest.approx(MAX_SPAN)


DOCUMENTS = {
    "points": [("2020-03-01", None), ("2020-03-04T10:00", None), ("2020-03-20", None)],
    "ranges": [("2019-11-02", "2020-01-15"), ("2020-01-01", "2020-02-29"),
               ("2020-02-10", None)],
    # the case: the year-long event must not be cut off by an export
    "years": [("2020", None), ("2020-06-01", None)],
    "one point": [("2021-05-05", None)],
}


def write_document(path: Path, dates: list[tuple[str, str | None]]) -> None:
    events = [Event(f"e{i}", f"Event {i}", parse_iso(start),
                    parse_iso(end) if end else None, ["a"])
              for i, (start, end) in enumerate(dates)]
    path.write_text(dumps(Document("t", [], [Actor("a", "A")], events)), encoding="utf-8")


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_window_overview_and_command_line_export_fit_the_same_extent(
    open_window: Callable[..., MainWindow], tmp_path: Path, name: str,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.json"
    write_document(path, DOCUMENTS[name])
    window = open_window(path, size=(1200, 700))
    view = window.timeline
    view.zoom(6.0)
    window.actions_.zoom_fit.trigger()
    shown = view.visible_range()
    assert window.overview.full_range() == pytest.approx(shown, abs=1.0)

    drawn: list[tuple[float, float]] = []  # the time range of the exported layout
    real_layout = export.layout_export

    def layout(document, lanes, index, time_range, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(time_range)
        return real_layout(document, lanes, index, time_range, *args, **kwargs)

    monkeypatch.setattr(export, "layout_export", layout)
    out = tmp_path / "out.png"
    assert cli.main([str(path), "--export-filename", str(out)]) == 0
    assert out.stat().st_size > 0
    assert drawn == [pytest.approx(shown, abs=1.0)]

    first = min(ev.start.to_seconds() for ev in window.session.document.events)
    last = max(ev.end_seconds() for ev in window.session.document.events)
    assert shown[0] < first and shown[1] > last  # every event whole, markers included
    window.close()


def test_reveal_scale_moves_only_as_far_as_it_must() -> None:
    from timeline_app.core.view.extent import reveal_scale
    from timeline_app.core.view.timescale import TimeScale

    day = 86400.0
    view = TimeScale(0.0, day / 10, 300)  # 30 days across 300 px
    assert reveal_scale(view, 5 * day, 6 * day) == view  # in view: unchanged
    moved = reveal_scale(view, 100 * day, 101 * day)  # out of view: centred, same zoom
    assert moved.seconds_per_px == view.seconds_per_px
    assert moved.t_left < 100 * day and 101 * day < moved.t_right
    wide = reveal_scale(view, 0.0, 90 * day)  # longer than the view: zoomed out to it
    assert wide.t_left <= 0.0 and 90 * day <= wide.t_right


def test_focus_scale_gives_a_point_two_weeks_either_side_and_fills_with_a_range() -> None:
    from timeline_app.core.view.extent import focus_scale

    day = 86400.0
    point = focus_scale(100 * day, 101 * day, False, 800)
    assert point.t_left <= 86 * day and 115 * day <= point.t_right
    assert point.visible_span < 40 * day
    span = focus_scale(100 * day, 200 * day, True, 800)
    assert span.t_left < 100 * day and 200 * day < span.t_right
    assert span.visible_span < 140 * day  # a 12 % margin each side
