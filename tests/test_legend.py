"""View > Legend: each lane's colours under every grouping, and the marks, as drawn."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QDockWidget, QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.timeline.legend_panel import LegendView, swatch_rects
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def open_legend(qtbot: QtBot, window: MainWindow) -> LegendView:
    action = window.findChild(QAction, "actionLegend")
    assert action is not None and action in window.menuBar().actions()[2].menu().actions()
    panel = window.findChild(QDockWidget, "legendPanel")
    assert panel is not None and not panel.isVisible()
    action.trigger()
    qtbot.waitUntil(panel.isVisible)
    legend = panel.findChild(LegendView)
    assert legend is not None
    return legend


def drawn_colours(window: MainWindow) -> dict[str, set[int]]:
    """The colour at the centre of every point marker the timeline draws, per lane label."""
    view = window.timeline
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    frame = view.current_frame()
    found: dict[str, set[int]] = {}
    for box in frame.markers:
        if box.is_range:
            continue
        x, y = round((box.x0 + box.x1) / 2), round((box.y0 + box.y1) / 2)
        found.setdefault(frame.lanes[box.lane].label, set()).add(image.pixel(x, y) & 0xFFFFFF)
    return found


@pytest.mark.parametrize("group", [GroupBy.ACTOR, GroupBy.TAG, GroupBy.SOURCE, GroupBy.NONE])
def test_the_legend_lists_each_lanes_colours_as_the_timeline_draws_them(
    qtbot: QtBot, window: MainWindow, group: GroupBy
) -> None:
    legend = open_legend(qtbot, window)
    window.actions_.group_actions[group].trigger()
    lanes = window.session.derived.grouping(group).lane_set.lanes
    rows = {row.text: row for row, _, _ in legend.placed() if not row.title}
    assert [lane.label for lane in lanes] == [r.text for r in legend.rows()[1:len(lanes) + 1]]
    drawn = drawn_colours(window)
    assert drawn, "the default timeline draws point markers"
    for label, colours in drawn.items():
        listed = {c.rgb() & 0xFFFFFF for c in rows[label].colours}
        assert colours <= listed, (label, colours, listed)
    # and the panel shows them: each swatch is painted in its colour
    image = legend.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    for row, sample, _ in legend.placed():
        for colour, rect in zip(row.colours, swatch_rects(row, sample), strict=True):
            centre = rect.center().toPoint()
            assert QColor(image.pixel(centre)).rgb() == colour.rgb()


def test_the_legend_names_the_grouping_and_follows_a_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    legend = open_legend(qtbot, window)
    assert "actor" in legend.rows()[0].text
    window.actions_.group_actions[GroupBy.TAG].trigger()
    assert "tag" in legend.rows()[0].text
    tags = {t for e in window.session.document.events for t in e.tags}
    assert tags <= {r.text for r in legend.rows()}


def test_the_legend_shows_every_mark_drawn_by_the_renderer(
    qtbot: QtBot, window: MainWindow
) -> None:
    legend = open_legend(qtbot, window)
    marks = [(row, sample) for row, sample, _ in legend.placed()
             if row.sample is not None or row.density]
    texts = " ".join(row.text for row, _ in marks).lower()
    for meaning in ("the span it may fall in", "whiskers", "faded ends", "too many events"):
        assert meaning in texts
    image = legend.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixel(1, 1)
    for row, sample in marks:
        r = sample.toRect()
        painted = sum(1 for x in range(r.left(), r.right()) for y in range(r.top(), r.bottom())
                      if image.pixel(x, y) != background)
        assert painted > 20, row.text  # the sample is drawn, not just named


def test_the_legend_stays_open_on_the_next_start(
    qtbot: QtBot, window: MainWindow, settings, timeline_copy  # type: ignore[no-untyped-def]
) -> None:
    open_legend(qtbot, window)
    window.close()
    again = MainWindow(timeline_copy, settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    panel = again.findChild(QDockWidget, "legendPanel")
    assert panel is not None and panel.isVisible()
    assert again.findChild(QAction, "actionLegend").isChecked()
