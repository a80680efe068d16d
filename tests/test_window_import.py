"""Opening an ACLED export, a TimelineJS file or a CSV table in the window imports it as
a new unsaved timeline; File > Export as CSV / TimelineJS writes the others."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from window_driver import drop_file, wait_saved

from timeline_app.core.fileformat.loader import load_path
from timeline_app.gui.window.main_window import MainWindow

DATA = Path(__file__).resolve().parent / "data" / "interchange"


def open_by_menu(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions_.open.trigger()


def test_acled_opens_as_new_unsaved_timeline_and_save_asks_where(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        message_boxes: list[QMessageBox]) -> None:
    source = tmp_path / "ukraine.csv"
    shutil.copyfile(DATA / "acled_current.csv", source)
    before = source.read_bytes()
    open_by_menu(window, source, monkeypatch)
    session = window.session
    assert message_boxes == []
    assert [ev.id for ev in session.document.events] == [
        "UKR12001", "UKR12002", "UKR12003", "UKR12004"]
    assert session.path is None
    assert window.windowTitle().startswith("ukraine (imported)")
    asked: list[str] = []
    target = tmp_path / "ukraine-timeline.json"

    def save_dialog(parent, caption, start, *rest):
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.actions_.save.trigger()  # Save goes to Save As
    wait_saved(window)
    assert asked == [str(tmp_path / "ukraine.timeline.json")]
    assert source.read_bytes() == before
    loaded = load_path(target)
    assert loaded.ok and loaded.document.event("UKR12002").extra["acled"]["admin1"] == \
        "Kharkivska"
    assert session.path == target and window.windowTitle().startswith("ukraine-timeline.json")


@pytest.mark.parametrize("answer, events", [
    (QMessageBox.StandardButton.Ok, 2), (QMessageBox.StandardButton.Cancel, None)])
def test_bad_rows_are_listed_and_imported_only_if_agreed(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        answer: QMessageBox.StandardButton, events: int | None) -> None:
    boxes: list[QMessageBox] = []

    def exec_box(box: QMessageBox) -> int:
        boxes.append(box)
        return answer.value

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    before = window.session.document
    open_by_menu(window, DATA / "acled_bad_rows.csv", monkeypatch)
    assert len(boxes) == 1
    box = boxes[0]
    assert box.button(QMessageBox.StandardButton.Ok).text() == "Import"
    assert "acled_bad_rows.csv:5: event_date '2024-13-40'" in box.text()
    assert "Import the other 2 events?" in box.text()
    if events is None:
        assert window.session.document is before
    else:
        assert len(window.session.document.events) == events


def test_timelinejs_dropped_on_the_window(window: MainWindow, tmp_path: Path,
                                          message_boxes: list[QMessageBox]) -> None:
    source = tmp_path / "sudan.json"
    value = json.loads((DATA / "sudan_timelinejs.json").read_text(encoding="utf-8"))
    del value["events"][4]  # the event without a year
    source.write_text(json.dumps(value), encoding="utf-8")
    drop_file(window, source)
    doc = window.session.document
    assert doc.title == "The Sudan crisis" and len(doc.events) == 4
    assert window.session.path is None
    assert window.windowTitle().startswith("sudan (imported)")


def test_export_as_csv_and_timelinejs(window: MainWindow, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      message_boxes: list[QMessageBox]) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.findChild(type(window.actions_.open), "actionExportCsv").trigger()
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,title,start")
    assert "CSV cannot carry" in message_boxes[-1].text()
    window.findChild(type(window.actions_.open), "actionExportTimelineJS").trigger()
    value = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(value["events"]) == len(window.session.document.events)
    assert window.session.undo_stack.isClean() and window.session.path.name == "events.json"


def test_command_line_file_is_imported(open_window: Callable[..., MainWindow],
                                       message_boxes: list[QMessageBox]) -> None:
    win = open_window(DATA / "acled_old_cp1252.csv")
    assert [ev.id for ev in win.session.document.events] == ["EGY1001", "EGY1002"]
    assert win.session.path is None
    assert win.windowTitle().startswith("acled_old_cp1252 (imported)")
    assert message_boxes == []
