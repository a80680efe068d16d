"""What a user does in the window with files: open (files with problems, unreadable files,
rich text shown literally, macOS open events, a dropped file), save, export a PNG; and
the layout and recent files remembered between runs."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from window_driver import action, view_of, wait_saved

from timeline_app.gui.dialogs.problems_dialog import ProblemsDialog
from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.timeline.export import render_image
from timeline_app.gui.window.main_window import MainWindow

# Closing a window with unsaved edits asks; in tests the answer is Discard.
pytestmark = pytest.mark.usefixtures("message_boxes")


def test_file_with_problems_shows_every_problem_and_keeps_the_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    doc = json.loads(window.session.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    doc["events"][0]["start"] = "2023-02-30"
    doc["events"][1]["id"] = doc["events"][2]["id"]
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert not window.files.open_path(bad)
    dialog = window.findChild(ProblemsDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(type(window.source.text_edit())).toPlainText()
    assert len(window.files.last_problems) >= 2
    for line in window.files.last_problems:
        assert line in text
    assert "2023-02-30" in text
    assert window.session.path is not None and window.session.path.name == "events.json"
    assert len(window.session.document.events) == 5


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_file_that_cannot_be_read_is_not_called_a_file_to_fix(
    window: MainWindow, tmp_path: Path, kind: str
) -> None:
    if kind == "missing":  # a path through a file: there is no such file to fix
        target = tmp_path / "events.json" / "gone.json"
    else:
        target = tmp_path / "a-folder.json"
        target.mkdir()
    assert not window.files.open_path(target)
    dialog = window.findChild(ProblemsDialog)
    assert dialog is not None and dialog.isVisible()
    summary = dialog.findChild(QLabel, "problemsSummary").text()
    assert "Nothing was changed." in summary
    assert "fix the file" not in summary
    text = dialog.findChild(type(window.source.text_edit())).toPlainText()
    assert ("no such file" if kind == "missing" else "is a folder") in text


def test_a_file_with_problems_is_one_to_fix(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert not window.files.open_path(bad)
    dialog = window.findChild(ProblemsDialog)
    assert "fix the file and open it again" in dialog.findChild(QLabel, "problemsSummary").text()


RICH = '<img src="x.png"><a href="file:///etc/passwd">link</a><b>bold</b>'


def test_rich_text_in_fields_appears_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    doc = json.loads(window.session.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    doc["events"][0]["title"] = RICH
    doc["events"][0]["description"] = RICH
    probe = tmp_path / "probe.json"
    probe.write_text(json.dumps(doc), encoding="utf-8")
    assert window.files.open_path(probe)
    window.session.select(doc["events"][0]["id"])
    labels = window.detail.findChildren(QLabel)
    assert any(lbl.text() == RICH for lbl in labels)
    for lbl in labels:
        assert lbl.textFormat() == Qt.TextFormat.PlainText
        assert not lbl.openExternalLinks()


def test_save_writes_the_edit_atomically_and_clears_modified(
    qtbot: QtBot, window: MainWindow
) -> None:
    from dataclasses import replace

    session = window.session
    path = session.path
    assert path is not None
    original = path.read_bytes()
    before = session.document.event("ceasefire-5-plus-5")
    assert before is not None
    edited = replace(before, location="Geneva, CH")
    session.undo_stack.push(EditEventCommand(session, before, edited))
    assert window.files.save()
    assert not window.isWindowModified()
    assert '"location": "Geneva, CH"' in path.read_text(encoding="utf-8")
    assert path.with_name("events.json.bak").read_bytes() == original
    # everything not edited is byte-for-byte as it was
    assert path.read_text(encoding="utf-8").replace("Geneva, CH", "Geneva") == original.decode()


def test_export_png_has_the_events_in_their_colours(window: MainWindow, tmp_path: Path) -> None:
    from timeline_app.gui.timeline.export import save_png

    view = view_of(window)
    # The window cuts titles at 280 px, an export never does: with every title
    # shorter than that, the export is pixel for pixel what the window shows.
    session = window.session
    for k, event in enumerate(list(session.document.events)):
        session.undo_stack.push(EditEventCommand(session, event,
                                                 replace(event, title=f"Event {k}")))
    session.select(None)
    out = tmp_path / "timeline.png"
    image = render_image(window.session.document, view.width(), view.height(),
                         time_range=view.visible_range(), palette=view.palette(),
                         font=view.font())
    save_png(image, out)
    back = QImage(str(out))
    assert back.width() == view.width() and back.height() == view.height()
    rect = view.event_rect("offensive-on-tripoli")
    assert rect is not None
    bar = back.pixelColor(rect.center().toPoint())
    red = window.session.document.actor("lna")
    assert red is not None
    # the bar in the first lane is drawn in the actor's colour (slightly translucent)
    assert bar.red() > 150 and bar.green() < 120 and bar.blue() < 120
    corner = back.pixelColor(view.width() - 3, view.height() - 3)
    assert corner != bar
    # and the export is what the screen shows
    window.detail.setFocus()  # the view's focus frame is not part of the timeline
    screen = view.grab().toImage().convertToFormat(back.format())
    points = [(x, y) for x in range(1, view.width() - 1, 7) for y in range(1, view.height() - 1, 5)]
    differ = [p for p in points if screen.pixelColor(*p) != back.pixelColor(*p)]
    assert differ == []


def test_layout_and_recent_files_are_remembered(
    qtbot: QtBot, window: MainWindow, settings: QSettings, timeline_copy: Path
) -> None:
    assert window.files.recent_files()[0] == str(timeline_copy.resolve())
    window.splitter.setSizes([1000, 400])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow(None, settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    # the offscreen screen is smaller than the window, so compare proportions
    restored = again.splitter.sizes()
    assert restored[0] / sum(restored) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)
    assert again.actions_.recent_menu.actions()[0].text().endswith("events.json")


def test_saving_the_first_recent_file_again_leaves_the_settings_alone(
    qtbot: QtBot, window: MainWindow, settings: QSettings, timeline_copy: Path
) -> None:
    """The settings file is rewritten (and synced to disk, on the window's thread) only
    when the recent files change, not at every Save."""
    settings.sync()
    before = os.stat(settings.fileName())
    for _ in range(2):
        window.session.select(window.session.document.events[0].id)
        action(window, "actionNudgeLater").trigger()
        action(window, "actionSave").trigger()
        wait_saved(window)
        qtbot.wait(50)  # QSettings writes on a later pass of the event loop
    settings.sync()
    after = os.stat(settings.fileName())
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert window.files.recent_files()[0] == str(timeline_copy.resolve())
    other = timeline_copy.with_name("other.json")
    window.files.saver.save(other, wait=True)  # Save As: the list changes
    assert window.files.recent_files()[:2] == [str(other.resolve()),
                                               str(timeline_copy.resolve())]


def test_macos_file_open_event_opens_the_file(qtbot: QtBot, tmp_path: Path,
                                              default_timeline: Path) -> None:
    from PySide6.QtGui import QFileOpenEvent

    from timeline_app.gui.window.app import FileOpenFilter

    opened: list[str] = []
    filt = FileOpenFilter(opened.append)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(filt)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(default_timeline)))
    finally:
        app.removeEventFilter(filt)
    assert opened == [str(default_timeline)]


def test_dropping_a_file_on_the_window_opens_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    other = tmp_path / "other.json"
    data = json.loads(default_timeline.read_text(encoding="utf-8"))
    data["events"] = data["events"][:2]
    other.write_text(json.dumps(data), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    pos = QPointF(200, 200)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.session.path == other
    assert len(window.session.document.events) == 2
    assert window.windowTitle().startswith("other.json")
