"""No edit and no file is lost without the user's say: opening over unsaved edits, edits
made while a big file loads, quitting during a load, a file changed by another program,
a save that fails.  Every dialog is answered the way a user answers it: by a click."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import Answers, drop_file, wait_saved

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.model import Actor, Document, Event
from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.document.background_load import BACKGROUND_THRESHOLD, LoadTask
from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.window.app import FileOpenFilter
from timeline_app.gui.window.load_progress import LoadProgress
from timeline_app.gui.window.main_window import MainWindow

SB = QMessageBox.StandardButton
EDITED = "liberation-of-tarhuna"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A timeline large enough to open in the background."""
    events = [Event(f"e{i}", f"Event {i}", parse_iso(f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}"),
                    None, ["a"], description="A long enough description. " * 6)
              for i in range(25_000)]
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(dumps(Document("big", [], [Actor("a", "A")], events)), encoding="utf-8")
    assert path.stat().st_size > BACKGROUND_THRESHOLD
    return path


@pytest.fixture
def timeline(timeline_copy: Path) -> Path:
    return timeline_copy


@pytest.fixture
def window(answers: Answers, window: MainWindow) -> MainWindow:
    """The window, its dialogs answered by clicks from before it opens."""
    return window


def edit_title(window: MainWindow, title: str = "Tarhuna retaken") -> None:
    """An edit as the event editor makes it: one command on the session's undo stack."""
    session = window.session
    before = session.event_by_id(EDITED)
    assert before is not None
    session.undo_stack.push(EditEventCommand(session, before, replace(before, title=title)))
    assert window.isWindowModified()


def title_on_disk(path: Path) -> str:
    doc = load_path(path).document
    assert doc is not None
    event = doc.event(EDITED)
    assert event is not None
    return event.title


# --- every way of opening asks before the load starts ------------------------------------

def open_by_menu(qtbot: QtBot, window: MainWindow, path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions_.open.trigger()


def open_recent(qtbot: QtBot, window: MainWindow, path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    window.settings.setValue("recentFiles", [str(path)])
    window.files.recentChanged.emit()
    action = window.actions_.recent_menu.actions()[0]
    assert action.text().endswith(path.name)
    action.trigger()


def open_by_drop(qtbot: QtBot, window: MainWindow, path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> None:
    drop_file(window, path)


def open_with(qtbot: QtBot, window: MainWindow, path: Path,
              monkeypatch: pytest.MonkeyPatch) -> None:
    """The desktop's "Open With" (a file given to the running program), wired as run_app
    wires it."""
    app = QApplication.instance()
    filt = FileOpenFilter(window.files.open_path)
    app.installEventFilter(filt)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
    finally:
        app.removeEventFilter(filt)


WAYS = [open_by_menu, open_recent, open_by_drop, open_with]


@pytest.mark.parametrize("way", WAYS, ids=lambda f: f.__name__)
def test_every_way_of_opening_asks_about_unsaved_edits_before_loading(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path, big_file: Path,
    way, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    edit_title(window)
    answers.expect(SB.Cancel)
    way(qtbot, window, big_file, monkeypatch)
    assert answers.names() == ["unsavedChangesDialog"]
    assert "events.json" in answers.seen[0][1]
    assert window.files.task is None  # Cancel: no load started at all
    assert window.statusBar().findChild(LoadProgress) is None
    assert window.session.event_by_id(EDITED).title == "Tarhuna retaken"
    assert window.isWindowModified()

    answers.expect(SB.Save)
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        way(qtbot, window, big_file, monkeypatch)
        assert window.files.task is not None
    assert done.args == [True]
    assert answers.names() == ["unsavedChangesDialog"] * 2
    assert title_on_disk(timeline) == "Tarhuna retaken"
    assert len(window.session.document.events) == 25_000


def test_discard_opens_the_file_and_leaves_the_edits_unsaved(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path, big_file: Path
) -> None:
    original = timeline.read_bytes()
    edit_title(window)
    answers.expect(SB.Discard)
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        window.files.open_path(big_file)
    assert done.args == [True] and answers.names() == ["unsavedChangesDialog"]
    assert timeline.read_bytes() == original
    assert not window.isWindowModified()


def test_the_questions_show_a_file_name_as_plain_text(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path, big_file: Path
) -> None:
    marked = timeline.with_name("<b>big <font size=7>file.json")
    shutil.copyfile(timeline, marked)
    assert window.files.open_path(marked)
    edit_title(window)
    answers.expect(SB.Cancel)
    window.files.open_path(big_file)
    change_from_outside(marked)
    answers.expect("reloadButton", SB.Cancel)
    window.actions_.save.trigger()
    wait_saved(window)
    assert answers.names() == ["unsavedChangesDialog", "externalChangeDialog",
                               "unsavedChangesDialog"]
    assert all(marked.name in text for _, text in answers.seen)
    assert answers.formats == [Qt.TextFormat.PlainText] * 3


# --- edits made while a big file loads ------------------------------------------------------

@pytest.mark.parametrize("answer", [SB.Cancel, SB.Save, SB.Discard], ids=lambda b: b.name)
def test_edits_made_while_a_big_file_loads_are_not_dropped_without_an_answer(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path, big_file: Path,
    answer: SB,
) -> None:
    original = timeline.read_bytes()
    answers.expect(answer)
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        assert window.files.open_path(big_file) is False  # loading in the background
        assert answers.seen == []  # nothing to ask yet: the document was clean
        edit_title(window)  # the window keeps working while the file loads
    assert answers.names() == ["unsavedChangesDialog"]
    assert "big.json" in answers.seen[0][1] and "events.json" in answers.seen[0][1]
    if answer == SB.Cancel:
        assert done.args == [False]
        assert window.session.path == timeline
        assert window.session.event_by_id(EDITED).title == "Tarhuna retaken"
        assert window.isWindowModified()
        assert timeline.read_bytes() == original
    else:
        assert done.args == [True]
        assert window.session.path == big_file
        assert not window.isWindowModified()
        if answer == SB.Save:
            assert title_on_disk(timeline) == "Tarhuna retaken"
        else:
            assert timeline.read_bytes() == original


def test_an_edit_dialog_open_when_the_load_ends_keeps_its_edit(
    qtbot: QtBot, window: MainWindow, answers: Answers, big_file: Path
) -> None:
    """The load ends while the event editor is open: the document is not replaced under
    it; once the edit is made, the user is asked, and Cancel keeps it."""
    window.session.select(EDITED)
    task_done: list[bool] = []

    def fill_in_once_loaded() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, EventEditor):
            QTimer.singleShot(10, fill_in_once_loaded)
            return
        if not task_done:  # wait, the editor open, until the loaded file is delivered
            QTimer.singleShot(10, fill_in_once_loaded)
            return
        editor.title.setText("Edited in the dialog")
        editor.accept()

    answers.expect(SB.Cancel)
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        window.files.open_path(big_file)
        assert window.files.task is not None
        window.files.task.finished.connect(lambda *_: task_done.append(True))
        QTimer.singleShot(0, fill_in_once_loaded)
        assert window.edit_selected()
    assert done.args == [False]
    assert answers.names() == ["unsavedChangesDialog"]
    assert window.session.event_by_id(EDITED).title == "Edited in the dialog"
    assert len(window.session.document.events) == 5


def test_opening_a_small_file_during_a_big_load_cancels_the_big_one(
    qtbot: QtBot, window: MainWindow, answers: Answers, big_file: Path, tmp_path: Path,
    default_timeline: Path,
) -> None:
    small = tmp_path / "small.json"
    data = json.loads(default_timeline.read_text(encoding="utf-8"))
    data["events"] = data["events"][2:]
    small.write_text(json.dumps(data), encoding="utf-8")
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        window.files.open_path(big_file)
        assert window.files.open_path(small)
        edit_title(window)
    assert done.args == [False]
    assert answers.seen == []
    assert window.session.path == small
    assert window.session.event_by_id(EDITED).title == "Tarhuna retaken"


# --- quitting during a background load --------------------------------------------------------

QUIT_WHILE_LOADING = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timeline_app.cli import main
from timeline_app.gui.window.app import make_application
from timeline_app.gui.window.main_window import MainWindow

make_application()

def quit_once_loading():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows or windows[0].files.task is None:
        QTimer.singleShot(5, quit_once_loading)
        return
    # a second load cancels the first, whose thread may still be winding down
    windows[0].files.open_path(sys.argv[1], background=True)
    print("loading; quitting", flush=True)
    windows[0].actions_.quit.trigger()

QTimer.singleShot(0, quit_once_loading)
sys.exit(main([sys.argv[1]]))
"""


@pytest.mark.slow
def test_quitting_during_a_background_load_exits_cleanly(
    big_file: Path, cli_env: dict[str, str], tmp_path: Path
) -> None:
    env = dict(cli_env, XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run([sys.executable, "-c", QUIT_WHILE_LOADING, str(big_file)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert "loading; quitting" in run.stdout
    assert "QThread" not in run.stderr, run.stderr
    assert run.returncode == 0, run.stderr


def test_closing_waits_for_the_thread_of_a_load_cancelled_earlier(
    qtbot: QtBot, window: MainWindow, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancelled load stops at its next check; the app must not end before it does."""
    import threading
    import time

    from timeline_app.gui.document import background_load

    checking = threading.Event()
    real = background_load.load_handed_over

    def slow_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        checking.set()
        time.sleep(0.5)  # a long stretch between two checks for Cancel
        return real(*args, **kwargs)

    monkeypatch.setattr(background_load, "load_handed_over", slow_check)
    window.files.open_path(big_file)
    first = window.files.task
    assert first is not None
    qtbot.waitUntil(checking.is_set, timeout=30_000)
    window.files.open_path(big_file)  # cancels the first, still in its check
    assert first.cancelled
    window.close()
    threads = [task._thread for task in window.files.findChildren(LoadTask)]
    assert len(threads) == 2 and not any(thread.isRunning() for thread in threads)


# --- a file changed by another program --------------------------------------------------------

def change_from_outside(path: Path, title: str = "Changed elsewhere") -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    for event in data["events"]:
        if event["id"] == EDITED:
            event["title"] = title
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path.read_bytes()


def test_save_over_an_outside_change_asks_and_keep_writes_this_version(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path
) -> None:
    edit_title(window)
    outside = change_from_outside(timeline)
    answers.expect("keepButton")
    window.actions_.save.trigger()
    wait_saved(window)
    assert answers.names() == ["externalChangeDialog"]
    assert "events.json" in answers.seen[0][1] and "events.json.bak" in answers.seen[0][1]
    assert title_on_disk(timeline) == "Tarhuna retaken"
    assert timeline.with_name("events.json.bak").read_bytes() == outside
    assert not window.isWindowModified()
    edit_title(window, "Edited again")
    window.actions_.save.trigger()  # the file is ours again: no question
    wait_saved(window)
    assert answers.names() == ["externalChangeDialog"]
    assert title_on_disk(timeline) == "Edited again"


def test_save_over_an_outside_change_can_reload_the_version_on_disk(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path
) -> None:
    edit_title(window)
    outside = change_from_outside(timeline)
    answers.expect("reloadButton", SB.Cancel)
    window.actions_.save.trigger()  # Reload, then Cancel when asked to drop the edits
    wait_saved(window)
    assert answers.names() == ["externalChangeDialog", "unsavedChangesDialog"]
    assert window.session.event_by_id(EDITED).title == "Tarhuna retaken"
    assert timeline.read_bytes() == outside

    answers.expect("reloadButton", SB.Discard)
    window.actions_.save.trigger()
    wait_saved(window)
    assert answers.names()[2:] == ["externalChangeDialog", "unsavedChangesDialog"]
    assert timeline.read_bytes() == outside
    assert window.session.event_by_id(EDITED).title == "Changed elsewhere"
    assert not window.isWindowModified()
    edit_title(window)
    window.actions_.save.trigger()  # what was reloaded is what is on disk: no question
    wait_saved(window)
    assert len(answers.seen) == 4
    assert title_on_disk(timeline) == "Tarhuna retaken"


def test_save_over_an_outside_change_can_be_cancelled(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path
) -> None:
    edit_title(window)
    outside = change_from_outside(timeline)
    answers.expect(SB.Cancel)
    window.actions_.save.trigger()
    wait_saved(window)
    assert answers.names() == ["externalChangeDialog"]
    assert timeline.read_bytes() == outside
    assert not timeline.with_name("events.json.bak").exists()
    assert window.isWindowModified()


def test_a_file_loaded_in_the_background_is_watched_too(
    qtbot: QtBot, window: MainWindow, answers: Answers, big_file: Path, tmp_path: Path
) -> None:
    big = tmp_path / "watched.json"
    shutil.copyfile(big_file, big)
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000):
        window.files.open_path(big)
    assert window.files.save()  # unchanged on disk: no question
    assert answers.seen == []
    with big.open("r+b") as handle:  # same size, other bytes
        handle.seek(big.stat().st_size // 2)
        handle.write(b"7" if handle.read(1) != b"7" else b"8")
    answers.expect(SB.Cancel)
    assert not window.files.save()
    assert answers.names() == ["externalChangeDialog"]


def test_opening_a_file_removes_temporaries_its_killed_saves_left(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    from timeline_app.core.fileformat import storage

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    other = tmp_path / "other.json"
    shutil.copyfile(default_timeline, other)
    stale = tmp_path / f".other.json.{dead}@{storage._HOST}.k3x_9abz.tmp"
    stale.write_bytes(b"half a save")
    assert window.files.open_path(other)
    assert not stale.exists()


# --- a save that fails -------------------------------------------------------------------------

def test_save_onto_a_fifo_is_refused_and_says_why_once(
    qtbot: QtBot, window: MainWindow, answers: Answers, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import stat

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), ""))
    answers.expect(SB.Ok)
    window.actions_.save_as.trigger()
    wait_saved(window)
    assert len(answers.seen) == 1
    text = answers.seen[0][1]
    assert "it is a FIFO (named pipe), not a regular file" in text
    assert text.count("not saved") == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert window.session.path is not None and window.session.path.name == "events.json"


def test_answers_helper_reports_an_unexpected_dialog(qtbot: QtBot, answers: Answers) -> None:
    """The helper must see dialogs, or every assert about questions above proves nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, "t", "Surprise?", SB.Ok | SB.Cancel)
    box.setObjectName("surprise")
    assert box.exec() == SB.Cancel
    assert answers.seen == [("surprise", "Surprise?")]
    dialog = QDialog()
    dialog.setObjectName("plainDialog")
    answers.expect(lambda d: d.accept())
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert answers.names() == ["surprise", "plainDialog"]
