"""Autosave and recovery: a copy of unsaved work is written after edits, kept in the
application-data folder, offered after a crash or kill, and removed once the work is
saved or deliberately discarded."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_no_lost_work import EDITED, edit_title, title_on_disk
from window_driver import Answers, wait_saved

from timeline_app import APP_NAME
from timeline_app.core.fileformat import recovery
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Document
from timeline_app.gui.document import background_save
from timeline_app.gui.document.autosave import (
    DEFAULT_SECONDS,
    ENVIRONMENT,
    autosave_seconds,
    recovery_folder,
)
from timeline_app.gui.window.main_window import MainWindow
from timeline_app.paths import default_timeline_path

SB = QMessageBox.StandardButton


# --- the core: naming and metadata -----------------------------------------------------------

def sample_document(default_timeline: Path, title: str = "Edited") -> Document:
    doc = load_path(default_timeline).document
    assert doc is not None
    i = doc.event_index(EDITED)
    doc.events[i] = replace(doc.events[i], title=title)
    return doc


def test_a_copy_names_its_file_and_time_and_reads_back(tmp_path: Path,
                                                       default_timeline: Path) -> None:
    folder = tmp_path / "recovery"
    user_file = tmp_path / "work" / "events.json"
    copy = recovery.write_copy(folder, user_file, sample_document(default_timeline),
                               now=1_700_000_000.0)
    assert copy.path.parent == folder
    found = recovery.find_copy(folder, user_file)
    assert found is not None
    assert found.original == Path(os.path.realpath(user_file))
    assert found.saved_at == 1_700_000_000.0 and not found.in_use()
    doc = recovery.load_copy(found).document
    assert doc is not None and doc.event(EDITED).title == "Edited"
    assert recovery.find_copy(folder, tmp_path / "other" / "events.json") is None
    assert recovery.find_copy(folder, None) is None
    assert recovery.remove_copy(folder, user_file)
    assert recovery.find_copy(folder, user_file) is None and list(folder.iterdir()) == []


def test_a_copy_reached_through_a_symlink_is_the_same_copy(tmp_path: Path,
                                                          default_timeline: Path) -> None:
    real = tmp_path / "events.json"
    real.write_bytes(default_timeline.read_bytes())
    link = tmp_path / "link.json"
    link.symlink_to(real)
    recovery.write_copy(tmp_path / "r", link, sample_document(default_timeline))
    assert recovery.find_copy(tmp_path / "r", real) is not None


def test_an_untitled_copy_and_lost_metadata(tmp_path: Path, default_timeline: Path) -> None:
    folder = tmp_path / "r"
    copy = recovery.write_copy(folder, None, sample_document(default_timeline))
    recovery.copy_paths(folder, None)[1].unlink()  # killed between the two writes
    found = recovery.find_copy(folder, None)
    assert found is not None and found.original is None
    assert found.saved_at == copy.path.stat().st_mtime and not found.in_use()


@pytest.mark.parametrize("saved", ["NaN", "Infinity", "-1e400", "1e18", "-5", "true",
                                   '"2020-01-01"'])
def test_a_copy_whose_time_no_clock_shows_is_dated_by_its_file(
        tmp_path: Path, default_timeline: Path, saved: str) -> None:
    """Metadata broken by hand or by a disk: a time that is not a number of seconds a
    clock can show (the recovery dialog failed with OverflowError or ValueError on it)
    is replaced by the copy's modification time."""
    folder = tmp_path / "r"
    copy = recovery.write_copy(folder, None, sample_document(default_timeline))
    meta = recovery.copy_paths(folder, None)[1]
    text = meta.read_text(encoding="utf-8")
    assert '"saved": ' in text
    meta.write_text(re.sub(r'"saved": [^,}]+', f'"saved": {saved}', text), encoding="utf-8")
    found = recovery.find_copy(folder, None)
    assert found is not None and found.saved_at == copy.path.stat().st_mtime
    time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(found.saved_at))  # what the dialog shows


def test_a_copy_of_a_running_process_is_in_use_until_it_ends(tmp_path: Path,
                                                             default_timeline: Path) -> None:
    folder = tmp_path / "r"
    recovery.write_copy(folder, None, sample_document(default_timeline))
    meta = recovery.copy_paths(folder, None)[1]
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        meta.write_text(meta.read_text().replace(f'"pid": {os.getpid()}',
                                                 f'"pid": {other.pid}'))
        assert recovery.find_copy(folder, None).in_use()
    finally:
        other.kill()
        other.wait()
    assert not recovery.find_copy(folder, None).in_use()


@pytest.mark.parametrize(("value", "seconds"), [("0.5", 0.5), ("2", 2.0), ("", DEFAULT_SECONDS),
                                                ("x", DEFAULT_SECONDS), ("-1", DEFAULT_SECONDS),
                                                ("nan", DEFAULT_SECONDS)])
def test_the_interval_comes_from_the_environment(value: str, seconds: float) -> None:
    assert autosave_seconds({ENVIRONMENT: value}) == seconds
    assert autosave_seconds({}) == DEFAULT_SECONDS == 30.0


# --- the window: writing and removing its copy ----------------------------------------------

@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh application-data folder, and the app's own name (as ``run_app`` sets it),
    so that in-process windows and the real app in a subprocess use the same folder."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv(ENVIRONMENT, "0.05")
    app = QCoreApplication.instance()
    names = (app.organizationName(), app.applicationName())
    app.setOrganizationName("ConflictTimeline")
    app.setApplicationName(APP_NAME)
    yield home
    app.setOrganizationName(names[0])
    app.setApplicationName(names[1])


@pytest.fixture
def timeline(tmp_path: Path, default_timeline: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    path = work / "events.json"
    path.write_bytes(default_timeline.read_bytes())
    return path


@pytest.fixture
def window(open_window: Callable[..., MainWindow], timeline: Path, data_home: Path,
           answers: Answers) -> MainWindow:
    return open_window(timeline)


def wait_for_copy(qtbot: QtBot, original: Path | None,
                  window: MainWindow | None = None) -> recovery.RecoveryCopy:
    """The copy of ``original`` once written; with ``window``, once that window has also
    taken the outcome of the write (the file is there a moment before)."""
    folder = recovery_folder()
    qtbot.waitUntil(lambda: recovery.find_copy(folder, original) is not None
                    and (window is None or not window.files.autosave.writing),
                    timeout=10_000)
    return recovery.find_copy(folder, original)


def test_an_edit_is_copied_to_the_data_folder_and_save_removes_the_copy(
    qtbot: QtBot, window: MainWindow, timeline: Path, data_home: Path
) -> None:
    edit_title(window)
    copy = wait_for_copy(qtbot, timeline, window)
    assert copy.path.is_relative_to(data_home)
    assert sorted(p.name for p in timeline.parent.iterdir()) == ["events.json"]  # nothing beside
    assert recovery.load_copy(copy).document.event(EDITED).title == "Tarhuna retaken"
    window.actions_.save.trigger()
    wait_saved(window)
    assert title_on_disk(timeline) == "Tarhuna retaken"
    assert recovery.find_copy(recovery_folder(), timeline) is None


def test_a_copy_written_while_the_timeline_is_saved_is_removed_once_handed_back(
    qtbot: QtBot, window: MainWindow, timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy's file is there a moment before the window takes the write's outcome:
    a Save in between still leaves no copy behind once the write has ended."""
    real = recovery.write_copy

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        copy = real(*args, **kwargs)
        time.sleep(0.3)  # written, not yet handed back to the window
        return copy

    monkeypatch.setattr(recovery, "write_copy", slow)
    edit_title(window)
    wait_for_copy(qtbot, timeline)  # the file only
    assert window.files.autosave.writing
    window.actions_.save.trigger()
    wait_saved(window)
    qtbot.waitUntil(lambda: not window.files.autosave.writing, timeout=10_000)
    assert title_on_disk(timeline) == "Tarhuna retaken"
    assert recovery.find_copy(recovery_folder(), timeline) is None


def test_a_copy_dropped_while_it_is_written_lets_its_events_go(
    qtbot: QtBot, window: MainWindow, timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changes undone while their copy is being written: once written, the copy is
    removed and what it wrote is forgotten (it held the events of those changes)."""
    entered, release = threading.Event(), threading.Event()

    def hold() -> None:
        entered.set()
        assert release.wait(20), "the test never released the copy"

    monkeypatch.setattr(background_save, "test_hook", hold)
    try:
        edit_title(window)
        qtbot.waitUntil(entered.is_set, timeout=10_000)  # the copy is on the worker
        window.session.undo_stack.undo()  # back to the file: the copy is moot
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.files.autosave.pending()
                    and recovery.find_copy(recovery_folder(), timeline) is None,
                    timeout=10_000)
    window.files.autosave.finish()
    assert window.files.autosave.memo.runs == 0


@pytest.mark.parametrize("how", ["new", "quit", "undo"])
def test_discarding_the_changes_removes_the_copy(
    qtbot: QtBot, window: MainWindow, answers: Answers, timeline: Path, how: str
) -> None:
    edit_title(window)
    wait_for_copy(qtbot, timeline, window)
    if how == "new":
        answers.expect(SB.Discard)
        window.findChild(QAction, "actionNewTimeline").trigger()
        assert answers.names() == ["unsavedChangesDialog"]
    elif how == "quit":
        answers.expect(SB.Discard)
        window.actions_.quit.trigger()
        assert answers.names() == ["unsavedChangesDialog"] and not window.isVisible()
    else:
        window.session.undo_stack.undo()  # back to the file as it is on disk
    # A copy still being written on the worker is removed once it is written.
    qtbot.waitUntil(lambda: recovery.find_copy(recovery_folder(), timeline) is None,
                    timeout=5000)
    assert title_on_disk(timeline) != "Tarhuna retaken"


def test_cancelling_the_quit_keeps_the_copy(qtbot: QtBot, window: MainWindow,
                                            answers: Answers, timeline: Path) -> None:
    edit_title(window)
    wait_for_copy(qtbot, timeline, window)
    answers.expect(SB.Cancel)
    window.actions_.quit.trigger()
    assert window.isVisible()
    assert recovery.find_copy(recovery_folder(), timeline) is not None


# --- the window: offering a copy left by a session that ended without saving -----------------

def leave_copy(original: Path | None, default_timeline: Path, title: str = "Recovered") -> None:
    recovery.write_copy(recovery_folder(), original, sample_document(default_timeline, title))


@pytest.mark.parametrize("choice", ["restoreButton", "discardButton", SB.Cancel])
def test_opening_a_file_with_a_copy_offers_it(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, timeline: Path, data_home: Path, answers: Answers,
    default_timeline: Path, choice: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    leave_copy(timeline, default_timeline)
    answers.expect(choice)
    window = open_window(timeline)
    assert answers.names() == ["recoveryDialog"]
    assert "events.json" in answers.seen[0][1]
    copy_left = recovery.find_copy(recovery_folder(), timeline) is not None
    title = window.session.event_by_id(EDITED).title
    if choice == "restoreButton":
        assert title == "Recovered" and window.isWindowModified()
        assert window.session.path == timeline
        window.actions_.save.trigger()
        wait_saved(window)
        assert title_on_disk(timeline) == "Recovered" and not window.isWindowModified()
        assert recovery.find_copy(recovery_folder(), timeline) is None
    else:
        assert title != "Recovered" and not window.isWindowModified()
        assert copy_left == (choice == SB.Cancel)
    window.session.undo_stack.setClean()
    window.close()


def test_a_copy_kept_for_later_is_not_overwritten_by_the_next_edits(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, timeline: Path, data_home: Path, answers: Answers,
    default_timeline: Path
) -> None:
    leave_copy(timeline, default_timeline)
    answers.expect(SB.Cancel)
    window = open_window(timeline)
    edit_title(window, "Later work")
    qtbot.waitUntil(lambda: len(recovery.find_copies(recovery_folder(), timeline)) == 2,
                    timeout=10_000)
    titles = [recovery.load_copy(c).document.event(EDITED).title
              for c in recovery.find_copies(recovery_folder(), timeline)]
    assert titles == ["Later work", "Recovered"]  # newest first
    answers.expect(SB.Discard)
    window.close()  # this session's work is discarded; the kept copy stays
    assert [recovery.load_copy(c).document.event(EDITED).title
            for c in recovery.find_copies(recovery_folder(), timeline)] == ["Recovered"]

    answers.expect("restoreButton")
    window = open_window(timeline)
    assert window.session.event_by_id(EDITED).title == "Recovered"
    window.actions_.save.trigger()
    wait_saved(window)
    assert recovery.find_copies(recovery_folder(), timeline) == []
    assert [name for name, _ in answers.seen].count("recoveryDialog") == 2
    window.close()


def test_a_restored_copy_is_not_compared_with_the_file(
    open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch,
    timeline: Path, data_home: Path, answers: Answers, default_timeline: Path
) -> None:
    """The Save memo is worked out from a file just opened; a restored copy differs from
    the file, and comparing them would only cost a Save's worth of work."""
    from timeline_app.gui.document.save_priming import SavePriming

    started: list[str] = []
    real = SavePriming.start

    def start(self, doc, path, adopt):  # type: ignore[no-untyped-def]
        started.append(doc.event(EDITED).title)
        real(self, doc, path, adopt)

    monkeypatch.setattr(SavePriming, "start", start)
    leave_copy(timeline, default_timeline)
    answers.expect("restoreButton")
    window = open_window(timeline)
    assert window.session.event_by_id(EDITED).title == "Recovered"
    assert started == [title_on_disk(timeline)]  # the file as opened, before the restore
    window.session.undo_stack.setClean()
    window.close()


def test_undoing_a_restore_returns_to_the_file_on_disk(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, timeline: Path, data_home: Path, answers: Answers,
    default_timeline: Path
) -> None:
    leave_copy(timeline, default_timeline)
    answers.expect("restoreButton")
    window = open_window(timeline)
    window.actions_.undo.trigger()
    assert window.session.event_by_id(EDITED).title == title_on_disk(timeline)
    assert not window.isWindowModified()
    window.actions_.redo.trigger()
    assert window.session.event_by_id(EDITED).title == "Recovered"
    window.session.undo_stack.setClean()
    window.close()


def test_an_untitled_copy_is_offered_on_new_and_with_the_sample(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, data_home: Path, answers: Answers, default_timeline: Path
) -> None:
    leave_copy(None, default_timeline, "Untitled work")
    answers.expect(SB.Cancel, "restoreButton")
    window = open_window(default_timeline_path())  # started without a file
    assert answers.names() == ["recoveryDialog"]
    assert "untitled" in answers.seen[0][1]
    assert window.session.read_only  # Cancel: the sample, and the copy is kept
    window.findChild(QAction, "actionNewTimeline").trigger()
    assert answers.names() == ["recoveryDialog", "recoveryDialog"]
    assert window.session.path is None and window.isWindowModified()
    assert window.session.event_by_id(EDITED).title == "Untitled work"
    window.session.undo_stack.setClean()  # as Save would: the copy goes
    assert recovery.find_copy(recovery_folder(), None) is None
    window.close()


# --- a real app killed with SIGKILL -----------------------------------------------------------

DRIVER = """
import sys
from dataclasses import replace
from PySide6.QtCore import QTimer
from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.window.app import make_application
from timeline_app.gui.window.main_window import MainWindow

app = make_application([sys.argv[0]])
window = MainWindow(sys.argv[1])
window.show()

def edit():
    session = window.session
    before = session.event_by_id("liberation-of-tarhuna")
    session.undo_stack.push(EditEventCommand(session, before, replace(before, title=sys.argv[2])))
    print("edited", flush=True)

window.files.autosave.written.connect(lambda copy: print("copy", copy.path, flush=True))
QTimer.singleShot(0, edit)
app.exec()
"""


@pytest.mark.slow
@pytest.mark.parametrize("choice", ["restoreButton", "discardButton"])
def test_an_app_killed_after_an_edit_offers_it_back(
    open_window: Callable[..., MainWindow],
    qtbot: QtBot, tmp_path: Path, timeline: Path, data_home: Path, answers: Answers,
    cli_env: dict[str, str], choice: str
) -> None:
    env = dict(cli_env, XDG_DATA_HOME=str(data_home), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env[ENVIRONMENT] = "0.5"
    app = subprocess.Popen([sys.executable, "-c", DRIVER, str(timeline), "Survived a kill"],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, app.kill)  # a copy that never comes ends the wait
    watchdog.start()
    try:
        assert app.stdout.readline().strip() == "edited"
        line = app.stdout.readline().split(maxsplit=1)  # waits for the copy
        assert line[0] == "copy", app.stderr.read()
        assert Path(line[1].strip()).is_relative_to(data_home)
    finally:
        watchdog.cancel()
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    assert app.returncode == -signal.SIGKILL
    assert title_on_disk(timeline) != "Survived a kill"

    answers.expect(choice)
    window = open_window(timeline)
    assert answers.names() == ["recoveryDialog"]
    assert "events.json" in answers.seen[0][1]
    if choice == "restoreButton":
        assert window.session.event_by_id(EDITED).title == "Survived a kill"
        assert window.isWindowModified()
        window.actions_.save.trigger()
        wait_saved(window)
        assert title_on_disk(timeline) == "Survived a kill"
    else:
        assert window.session.event_by_id(EDITED).title != "Survived a kill"
    assert recovery.find_copy(recovery_folder(), timeline) is None
    window.session.undo_stack.setClean()
    window.close()
