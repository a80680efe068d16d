"""View > Saved Views: save the view, save the file, reopen it, restore the view."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QListWidget, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from window_driver import action, in_dialog

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.view.lanes import GroupBy
from timeline_app.core.view.search import EventFilter
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.filter_state import FilterMode
from timeline_app.gui.window.main_window import MainWindow

JUNE = EventFilter(actors=frozenset({"lna", "gna"}), date_from=parse_iso("2020-06"),
                   date_to=parse_iso("2020-06"))


@pytest.fixture(autouse=True)
def discard_questions(message_boxes: list[QMessageBox]) -> None:
    """Questions (unsaved changes on close) are answered with Discard."""


def _save_view(window: MainWindow, name: str) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.objectName() == "saveViewDialog"
        dialog.setTextValue(name)
        dialog.accept()

    in_dialog(fill)
    action(window, "actionSaveView").trigger()


def _show_june(window: MainWindow) -> tuple[float, float]:
    window.filters.set_filter(JUNE)
    window.filters.set_mode(FilterMode.FADE)
    window.actions_.group_actions[GroupBy.TAG].trigger()
    view = window.timeline
    t0, t1 = parse_iso("2020-05-28").to_seconds(), parse_iso("2020-07-03").to_seconds()
    view.set_scale(TimeScale.fit(t0, t1, view.time_area_width(), margin=0.0))
    tag = view.lane_set.lanes[0]
    view.set_lane_hidden(tag.key or "", True, tag.label)
    return view.visible_range()


def test_a_saved_view_round_trips_through_the_file(
        window: MainWindow, open_window: Callable[..., MainWindow], tmp_path: Path,
        cli_env: dict[str, str]) -> None:
    shown = _show_june(window)
    lanes = [lane.label for lane in window.timeline.current_frame().lanes]
    steps = window.session.undo_stack.count()
    _save_view(window, "June 2020")
    assert window.session.undo_stack.count() == steps + 1
    menu = window.saved_views.menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions() if a.objectName() == "savedView0"] == [
        "&1 June 2020"]
    path = tmp_path / "views.json"
    window.session.save_as(path)
    saved = json.loads(path.read_text(encoding="utf-8"))["views"][0]
    assert saved["name"] == "June 2020" and saved["date_from"] == "2020-06"
    check = subprocess.run([sys.executable, "-m", "timeline_app", "--check", str(path)],
                           env=cli_env, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr

    again = open_window(path)
    again.filters.clear()
    again.set_group_by(GroupBy.ACTOR)
    again.timeline.zoom_to_fit()
    again.timeline.show_all_lanes()
    again.saved_views.menu.aboutToShow.emit()
    action(again, "savedView0").trigger()
    assert again.filters.filter == JUNE
    assert again.filters.mode is FilterMode.FADE
    assert again.timeline.group_by is GroupBy.TAG
    assert again.actions_.group_actions[GroupBy.TAG].isChecked()
    t0, t1 = again.timeline.visible_range()
    assert abs(t0 - shown[0]) <= 60 and abs(t1 - shown[1]) <= 60  # kept to the minute
    assert [lane.label for lane in again.timeline.current_frame().lanes] == lanes
    assert "June 2020" in again.statusBar().currentMessage()


def test_a_view_naming_a_gone_actor_restores_the_rest_and_says_so(
        window: MainWindow) -> None:
    window.session.document.views = [
        {"name": "Old", "group_by": "source", "actors": ["ghost", "lna"], "mode": "hide"}]
    window.saved_views.menu.aboutToShow.emit()
    action(window, "savedView0").trigger()
    assert window.filters.filter.actors == {"lna"}
    assert window.timeline.group_by is GroupBy.SOURCE
    message = window.statusBar().currentMessage()
    assert "actor “ghost”" in message and "Old" in message


def test_unknown_keys_of_a_view_survive_and_rename_and_delete_undo(
        window: MainWindow, tmp_path: Path) -> None:
    window.session.document.views = [{"name": "A", "x_by": "ana"}, {"name": "B"}]
    window.saved_views.menu.aboutToShow.emit()  # as opening the menu does

    def manage(dialog: QDialog) -> None:
        listing = dialog.findChild(QListWidget, "viewList")
        assert [listing.item(i).text() for i in range(listing.count())] == ["A", "B"]
        listing.item(0).setText("Renamed")
        listing.setCurrentRow(1)
        dialog.findChild(QPushButton, "deleteView").click()
        assert listing.count() == 1
        dialog.reject()

    in_dialog(manage)
    action(window, "actionManageViews").trigger()
    assert window.session.document.views == [{"name": "Renamed", "x_by": "ana"}]
    path = tmp_path / "kept.json"
    window.session.save_as(path)
    assert json.loads(path.read_text(encoding="utf-8"))["views"] == [
        {"name": "Renamed", "x_by": "ana"}]
    action(window, "actionUndo").trigger()
    action(window, "actionUndo").trigger()
    assert window.session.document.views == [{"name": "A", "x_by": "ana"}, {"name": "B"}]


def test_saving_a_view_under_a_used_name_replaces_it(window: MainWindow,
                                                     qtbot: QtBot) -> None:
    _save_view(window, "Mine")
    window.set_group_by(GroupBy.TAG)
    _save_view(window, "Mine")
    views = window.session.document.views
    assert [v["name"] for v in views] == ["Mine"]
    assert views[0]["group_by"] == "tag"
    assert window.session.undo_stack.undoText() == "Replace View “Mine”"
