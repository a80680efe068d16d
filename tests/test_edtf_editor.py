"""Typed EDTF dates through the window: the event editor reads intervals and the ?/~/%
qualifiers with a preview in words, refuses unknown ends with advice, and the edit is one
undo step; Go to Date reads the same; uncertain dates are drawn with their own mark,
named in the legend and in the detail pane."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.window_driver import action, in_dialog, open_window
from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.timeline.legend_panel import LegendView
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.timeline.uncertain_mark import BADGE_RADIUS, badge_centre
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def discard_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def child(dialog: QDialog, kind: type, name: str):
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def test_an_interval_typed_in_start_sets_both_ends_and_undoes_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = window.session
    before = session.document.event("liberation-of-tarhuna")
    assert before is not None
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        start = child(dialog, QLineEdit, "startEdit")
        retype(qtbot, start, "2020-06?/2020-08~")
        seen["preview"] = child(dialog, QLabel, "datePreview").text()
        dialog.accept()

    session.select("liberation-of-tarhuna")
    in_dialog(fill)
    action(window, "actionEditEvent").trigger()
    assert "Start: June 2020 (uncertain) · month · uncertain (reportedly)" in seen["preview"]
    assert ("End (from the interval typed in Start): about August 2020 · month · "
            "approximate (around)") in seen["preview"]
    after = session.document.event("liberation-of-tarhuna")
    assert after is not None and after.end is not None
    assert (after.start.iso(), after.end.iso()) == ("2020-06?", "2020-08~")
    assert after.start.uncertain and not after.start.approximate
    assert session.undo_stack.count() == 1
    action(window, "actionUndo").trigger()
    assert session.document.event("liberation-of-tarhuna") == before
    action(window, "actionRedo").trigger()
    assert window.files.save()
    assert session.path is not None
    saved = json.loads(Path(session.path).read_text(encoding="utf-8"))
    written = next(e for e in saved["events"] if e["id"] == "liberation-of-tarhuna")
    assert (written["start"], written["end"]) == ("2020-06?", "2020-08~")
    reloaded = load_path(session.path).document
    assert reloaded is not None and reloaded.event("liberation-of-tarhuna") == after


def test_the_editor_refuses_an_unknown_end_and_an_unspecified_year_with_advice(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        start = child(dialog, QLineEdit, "startEdit")
        message = child(dialog, QLabel, "startMessage")
        ok = dialog.ok_button  # type: ignore[attr-defined]
        retype(qtbot, start, "2020-06/")
        seen["open"] = (message.text(), ok.isEnabled())
        retype(qtbot, start, "202X")
        seen["unspecified"] = (message.text(), ok.isEnabled())
        end = child(dialog, QLineEdit, "endEdit")
        retype(qtbot, end, "2020-07/2020-09")
        seen["end"] = (child(dialog, QLabel, "endMessage").text(), ok.isEnabled())
        end.clear()
        retype(qtbot, start, "reportedly 4 June 2020")
        seen["fixed"] = (message.isVisible(), ok.isEnabled(),
                         child(dialog, QLabel, "datePreview").text())

    window.session.select("liberation-of-tarhuna")
    in_dialog(fill)
    action(window, "actionEditEvent").trigger()
    text, enabled = seen["open"]  # type: ignore[misc]
    assert not enabled and "end unknown" in text and "type the start alone (2020-06)" in text
    assert "2020-06/.. if it still goes on" in text
    text, enabled = seen["unspecified"]  # type: ignore[misc]
    assert not enabled and "type 2020/2029" in text
    text, enabled = seen["end"]  # type: ignore[misc]
    assert not enabled and "type it in Start" in text
    visible, enabled, preview = seen["fixed"]  # type: ignore[misc]
    assert not visible and enabled
    assert "Start: 4 June 2020 (uncertain) · day · uncertain (reportedly)" in preview
    assert window.session.undo_stack.count() == 0  # nothing was stored


def test_go_to_date_reads_an_interval_and_refuses_a_season_with_advice(
    qtbot: QtBot, window: MainWindow, message_boxes: list[QMessageBox]
) -> None:
    from timeline_app.core.dates.partial import parse_iso

    view = window.findChild(TimelineView, "timelineView")
    assert view is not None

    def type_and_ok(text: str):
        def fill(dialog: QDialog) -> None:
            edit = dialog.findChild(QLineEdit)
            assert edit is not None
            edit.setText(text)
            dialog.accept()
        return fill

    in_dialog(type_and_ok("2017-01/2017-03"))
    action(window, "actionGoToDate").trigger()
    middle = (parse_iso("2017-01").to_seconds() + parse_iso("2017-03").end_seconds()) / 2
    centre = view.scale.t_of(view.scale.width / 2)
    assert centre == pytest.approx(middle, abs=view.scale.seconds_per_px * 2)

    def season_then_cancel(dialog: QDialog) -> None:
        in_dialog(lambda again: again.reject())  # the question comes back: cancel it
        type_and_ok("2019-21")(dialog)

    in_dialog(season_then_cancel)
    action(window, "actionGoToDate").trigger()
    assert message_boxes and "spring 2019" in message_boxes[-1].text()
    assert "2019-03/2019-05" in message_boxes[-1].text()


UNCERTAIN_FILE = {
    "format": "conflict-timeline", "version": 1, "sources": [],
    "actors": [{"id": "a", "label": "A"}],
    "events": [
        {"id": "sure", "title": "Sure", "start": "2020-03-02", "actors": ["a"]},
        {"id": "doubt", "title": "Reportedly", "start": "2020-03-12?", "actors": ["a"]},
        {"id": "near", "title": "Around", "start": "2020-03-22~", "actors": ["a"]},
        {"id": "both", "title": "Both", "start": "2020-04-02%", "actors": ["a"]},
    ],
}


@pytest.fixture
def uncertain_window(qtbot: QtBot, tmp_path: Path, settings: QSettings):
    path = tmp_path / "uncertain.json"
    path.write_text(json.dumps(UNCERTAIN_FILE, indent=2), encoding="utf-8")
    win = open_window(qtbot, path, settings)
    yield win
    win.close()


def _badge_pixels(image: QImage, box, radius: float) -> set[int]:
    c = badge_centre(box, radius)
    r = int(BADGE_RADIUS)
    return {image.pixel(int(c.x()) + dx, int(c.y()) + dy)
            for dx in range(-r, r + 1) for dy in range(-r, r + 1)}


def test_uncertain_is_drawn_apart_from_approximate_and_named(
    qtbot: QtBot, uncertain_window: MainWindow
) -> None:
    win = uncertain_window
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    frame = view.current_frame()
    ids = [e.id for e in win.session.document.events]
    boxes = {i: frame.marker_for(ids.index(i)) for i in ids}
    assert all(b is not None for b in boxes.values())
    assert [(i, b.uncertain, b.approximate) for i, b in boxes.items()] == [  # type: ignore[union-attr]
        ("sure", False, False), ("doubt", True, False), ("near", False, True),
        ("both", True, True)]
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    radius = frame.geometry.marker_size / 2
    # the badge's ring and "?" put several colours where a sure day's corner has few
    doubt = _badge_pixels(image, boxes["doubt"], radius)
    sure = _badge_pixels(image, boxes["sure"], radius)
    assert len(doubt) > len(sure) + 2
    # the detail pane says it in words
    win.session.select("doubt")
    texts = " ".join(label.text() for label in win.findChildren(QLabel) if label.isVisible())
    assert "12 March 2020 (uncertain)" in texts
    # the legend explains the mark and draws it
    legend_action = win.findChild(QAction, "actionLegend")
    assert legend_action is not None
    legend_action.trigger()
    panel = win.findChild(QDockWidget, "legendPanel")
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    legend = panel.findChild(LegendView)
    assert legend is not None
    rows = [row for row, _sample, _ in legend.placed() if row.sample is not None]
    assert any("uncertain" in row.text and "?" in row.text and row.sample.uncertain
               for row in rows if row.sample is not None)
