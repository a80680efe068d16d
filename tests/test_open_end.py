"""Events that go on (an open end, EDTF ``A/..``) through the window: typed in the editor
with a preview, stored as ``"end": ".."``, undone in one step; Go to Date centres on the
start; drawn with a fading tail that the legend explains; named in the detail pane;
kept by a drag, by --check and by the CSV table."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.window_driver import action, in_dialog
from timeline_app.cli import main
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Event, ModelError
from timeline_app.core.view.frame import OPEN_TAIL_PX
from timeline_app.core.view.time_drag import DragPart, dragged
from timeline_app.core.view.timescale import TimeScale
from timeline_app.gui.timeline.legend_panel import LegendView
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow

FILE = {
    "format": "conflict-timeline", "version": 1, "sources": [],
    "actors": [{"id": "a", "name": "A", "color": "#b5443a"}],
    "events": [
        {"id": "siege", "title": "Siege", "start": "2020-03-02", "end": "..",
         "actors": ["a"]},
        {"id": "talks", "title": "Talks", "start": "2020-03-20", "actors": ["a"]},
        {"id": "raid", "title": "Raid", "start": "2020-04-10", "actors": ["a"]},
    ],
}


@pytest.fixture(autouse=True)
def discard_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


@pytest.fixture
def open_file(tmp_path: Path) -> Path:
    path = tmp_path / "open.json"
    path.write_text(json.dumps(FILE, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def win(open_window: Callable[..., MainWindow], open_file: Path) -> MainWindow:
    return open_window(open_file)


def child(dialog: QDialog, kind: type, name: str):
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(edit, text)


def edit_event(win: MainWindow, event_id: str, fill: Callable[[QDialog], None]) -> None:
    win.session.select(event_id)
    in_dialog(fill)
    action(win, "actionEditEvent").trigger()


def test_an_open_end_typed_in_start_is_previewed_stored_and_undone_in_one_step(
    qtbot: QtBot, win: MainWindow
) -> None:
    session = win.session
    before = session.document.event("talks")
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        retype(qtbot, child(dialog, QLineEdit, "startEdit"), "2020-03-20~/..")
        seen["preview"] = child(dialog, QLabel, "datePreview").text()
        seen["ok"] = dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
        dialog.accept()

    edit_event(win, "talks", fill)
    assert seen["ok"]
    assert "Start: about 20 March 2020 · day · approximate (around)" in seen["preview"]
    assert ("End (from the interval typed in Start): open (..), it goes on · from about "
            "20 March 2020, continuing") in seen["preview"]
    after = session.document.event("talks")
    assert after is not None and (after.start.iso(), after.end, after.open_end) == (
        "2020-03-20~", None, True)
    assert session.undo_stack.count() == 1
    action(win, "actionUndo").trigger()
    assert session.document.event("talks") == before
    action(win, "actionRedo").trigger()
    assert win.files.save()
    saved = json.loads(Path(session.path).read_text(encoding="utf-8"))  # type: ignore[arg-type]
    written = next(e for e in saved["events"] if e["id"] == "talks")
    assert (written["start"], written["end"]) == ("2020-03-20~", "..")
    reloaded = load_path(session.path).document  # type: ignore[arg-type]
    assert reloaded is not None and reloaded.event("talks") == after


def test_end_shows_and_reads_dot_dot_and_a_typed_end_closes_the_event(
    qtbot: QtBot, win: MainWindow
) -> None:
    session = win.session
    seen: dict[str, object] = {}

    def retitle(dialog: QDialog) -> None:
        seen["end"] = child(dialog, QLineEdit, "endEdit").text()
        seen["preview"] = child(dialog, QLabel, "datePreview").text()
        retype(qtbot, child(dialog, QLineEdit, "titleEdit"), "Siege of the city")
        dialog.accept()

    edit_event(win, "siege", retitle)
    assert seen["end"] == ".."
    assert "End: open (..), it goes on · from 2 March 2020, continuing" in str(seen["preview"])
    siege = session.document.event("siege")
    assert siege is not None and siege.title == "Siege of the city" and siege.open_end

    def in_end_field(text: str) -> Callable[[QDialog], None]:
        def fill(dialog: QDialog) -> None:
            end = child(dialog, QLineEdit, "endEdit")
            retype(qtbot, end, "2020/..")
            seen["interval"] = child(dialog, QLabel, "endMessage").text()
            retype(qtbot, end, text)
            seen["preview"] = child(dialog, QLabel, "datePreview").text()
            dialog.accept()
        return fill

    edit_event(win, "siege", in_end_field("2020-05"))
    assert "is an interval" in str(seen["interval"]) and ".. alone" in str(seen["interval"])
    siege = session.document.event("siege")
    assert siege is not None and siege.end == parse_iso("2020-05") and not siege.open_end
    edit_event(win, "talks", in_end_field(" .. "))
    talks = session.document.event("talks")
    assert talks is not None and talks.open_end and talks.end is None
    assert "End: open (..), it goes on · from 20 March 2020" in str(seen["preview"])
    edit_event(win, "talks", in_end_field(""))
    talks = session.document.event("talks")
    assert talks is not None and not talks.open_end
    assert "End: none, a single date" in str(seen["preview"])
    assert session.undo_stack.count() == 4


def test_go_to_date_centres_an_open_interval_on_its_start(win: MainWindow) -> None:
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None

    def fill(dialog: QDialog) -> None:
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        edit.setText("2017-01-05/..")
        dialog.accept()

    in_dialog(fill)
    action(win, "actionGoToDate").trigger()
    day = parse_iso("2017-01-05")
    centre = view.scale.t_of(view.scale.width / 2)
    middle = (day.to_seconds() + day.end_seconds()) / 2
    assert centre == pytest.approx(middle, abs=view.scale.seconds_per_px * 2)


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_an_open_end_is_drawn_as_a_tail_fading_out_and_explained(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    frame = view.current_frame()
    siege, talks = frame.marker_for(0), frame.marker_for(1)
    assert siege is not None and talks is not None
    assert siege.open_tail == OPEN_TAIL_PX and talks.open_tail == 0.0
    # the tail takes its room before the label, which comes after it
    assert siege.label and siege.label_x >= siege.x1
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixelColor(int(siege.x1) + 1, int(siege.y1) + 3)
    lane = QColor("#b5443a")
    cy = int((siege.y0 + siege.y1) / 2)
    marker_right = siege.x1 - OPEN_TAIL_PX
    near = image.pixelColor(int(marker_right + 4), cy)
    middle = image.pixelColor(int(marker_right + OPEN_TAIL_PX / 2), cy)
    far = image.pixelColor(int(siege.x1 - 2), cy)
    # strong next to the marker, paler further on, almost gone at its end
    assert _distance(near, lane) < _distance(middle, lane) < _distance(far, lane)
    assert _distance(far, background) < 40 < _distance(near, background)
    # a day that does not go on has nothing there
    talks_cy = int((talks.y0 + talks.y1) / 2)
    assert _distance(image.pixelColor(int(talks.x1 + 4), talks_cy), background) < 10
    # the detail pane says it goes on
    win.session.select("siege")
    date_label = win.findChild(QLabel, "dateLabel")
    assert date_label is not None and date_label.text() == "2 March 2020 – (continuing)"
    # the legend explains and draws the tail
    legend_action = win.findChild(QAction, "actionLegend")
    assert legend_action is not None
    legend_action.trigger()
    panel = win.findChild(QDockWidget, "legendPanel")
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    legend = panel.findChild(LegendView)
    assert legend is not None
    rows = [row for row, _sample, _ in legend.placed() if row.sample is not None]
    assert any("goes on" in row.text and row.sample.open_tail > 0
               for row in rows if row.sample is not None)


def test_a_drag_and_a_nudge_keep_the_open_end(qtbot: QtBot, win: MainWindow) -> None:
    event = Event("e", "t", parse_iso("2020-03-02"), open_end=True)
    for dt in (86400.0 * 3, -86400.0 * 40):
        moved = dragged(event, DragPart.BODY, dt, None)
        assert moved.start != event.start and moved.open_end and moved.end is None
    # dragged with the mouse: the tooltip says it goes on, and it still does
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    day = 86400.0
    t = parse_iso("2020-03-02").to_seconds()
    view.set_scale(TimeScale.fit(t - 10 * day, t + 10 * day, view.time_area_width()))
    box = view.current_frame().marker_for(0)
    assert box is not None and box.open_tail
    start = QPoint(int(box.x0 + (box.x1 - box.open_tail - box.x0) / 2), int((box.y0 + box.y1) / 2))
    dx = round(3.2 * (view.x_of_time(day) - view.x_of_time(0)))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for step in (2, 6, dx // 2, dx):
        qtbot.mouseMove(view, start + QPoint(step, 0))
    assert view._drag is not None and view._drag.dates_text() == "5 March 2020 – (continuing)"
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))
    siege = win.session.document.event("siege")
    assert siege is not None and siege.start == parse_iso("2020-03-05") and siege.open_end
    win.session.select("siege")
    action(win, "actionNudgeLater").trigger()
    siege = win.session.document.event("siege")
    assert siege is not None and siege.start.to_seconds() > parse_iso("2020-03-05").to_seconds()
    assert siege.open_end and siege.end is None


def test_the_model_refuses_an_end_that_is_both_open_and_a_date() -> None:
    with pytest.raises(ModelError, match="either ends or goes on"):
        Event("e", "t", parse_iso("2020"), parse_iso("2021"), open_end=True)
    with pytest.raises(ModelError, match="open_end: must be a bool"):
        Event("e", "t", parse_iso("2020"), open_end=1)  # type: ignore[arg-type]


def test_check_accepts_an_open_end_and_places_a_malformed_one(
    open_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--check", str(open_file)]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text(open_file.read_text(encoding="utf-8").replace('"..', '"..x'),
                   encoding="utf-8")
    assert main(["--check", str(bad)]) == 1
    out = capsys.readouterr()
    printed = out.out + out.err
    assert "$.events[0].end" in printed and '"..x" is not a date' in printed


def test_csv_keeps_an_open_end_and_timelinejs_says_it_cannot(open_file: Path) -> None:
    from timeline_app.core.interchange.csv_table import read_csv_table, write_csv_table
    from timeline_app.core.interchange.timelinejs import write_timelinejs

    doc = load_path(open_file).document
    assert doc is not None
    table = write_csv_table(doc)
    assert b"siege,Siege,2020-03-02,..," in table.data
    back = read_csv_table(table.data.decode("utf-8"), "t.csv").document
    assert back is not None
    assert [(e.end, e.open_end) for e in back.events] == [(None, True), (None, False),
                                                          (None, False)]
    exported = write_timelinejs(doc)
    siege = json.loads(exported.data)["events"][0]
    assert "end_date" not in siege and siege["start_date"]["day"] == 2
    assert any("open ends" in lost for lost in exported.lost)
