"""File > Save on a worker thread: the same file as a save in place, edits made during the
save neither lost nor written half, closing waits for the save, failures reported."""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import action, wait_saved

from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.storage import encode_document, save_document
from timeline_app.core.model import Document
from timeline_app.gui.document import background_save
from timeline_app.gui.document.window_turns import WORKER_SWITCH_S
from timeline_app.gui.window.main_window import MainWindow


class Gate:
    """Holds the save worker before it writes, until released."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> None:
        self.entered.set()
        assert self.release.wait(20), "the test never released the save"

    def wait_entered(self) -> None:
        assert self.entered.wait(20), "the save never reached the worker"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(background_save, "test_hook", held)
    yield held
    held.release.set()  # never leave a worker waiting


def select(window: MainWindow, index: int) -> str:
    event_id = window.session.document.events[index].id
    window.session.select(event_id)
    return event_id


def ids_on_disk(path: Path) -> list[str]:
    doc = load_path(path).document
    assert doc is not None
    return [e.id for e in doc.events]


def test_the_worker_writes_the_bytes_a_save_in_place_writes(window: MainWindow,
                                                            timeline_copy: Path,
                                                            tmp_path: Path) -> None:
    select(window, 2)
    action(window, "actionDeleteEvent").trigger()
    select(window, 0)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    assert window.files.saver.running  # File > Save returns before the file is written
    wait_saved(window)
    assert not window.isWindowModified()
    in_place = tmp_path / "in_place.json"
    save_document(window.session.document, in_place)
    assert timeline_copy.read_bytes() == in_place.read_bytes()
    assert timeline_copy.read_bytes() == encode_document(window.session.document, "x")


def test_an_edit_during_the_save_is_neither_lost_nor_written_half(
        window: MainWindow, timeline_copy: Path, gate: Gate) -> None:
    deleted = select(window, 3)
    action(window, "actionDeleteEvent").trigger()
    snapshot = encode_document(window.session.document, "x")
    action(window, "actionSave").trigger()
    gate.wait_entered()
    assert window.statusBar().currentMessage() == "Saving events.json…"
    edited = select(window, 0)
    action(window, "actionDeleteEvent").trigger()  # while the worker holds the snapshot
    gate.release.set()
    wait_saved(window)
    assert window.statusBar().currentMessage() == "Saved events.json"
    assert timeline_copy.read_bytes() == snapshot  # the snapshot, whole, and only it
    assert deleted not in ids_on_disk(timeline_copy) and edited in ids_on_disk(timeline_copy)
    assert window.isWindowModified()  # the edit made meanwhile is not in the file
    action(window, "actionUndo").trigger()  # back to what the file holds
    assert not window.isWindowModified()
    action(window, "actionRedo").trigger()
    assert window.isWindowModified()
    gate.release.set()
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert edited not in ids_on_disk(timeline_copy)
    assert not window.isWindowModified()


def test_a_nudge_during_the_save_does_not_merge_into_the_one_being_saved(
        window: MainWindow, timeline_copy: Path, gate: Gate) -> None:
    event_id = select(window, 1)
    action(window, "actionNudgeLater").trigger()
    once = window.session.event_by_id(event_id)
    action(window, "actionSave").trigger()
    gate.wait_entered()
    action(window, "actionNudgeLater").trigger()  # would merge with the first nudge
    twice = window.session.event_by_id(event_id)
    assert twice != once
    gate.release.set()
    wait_saved(window)
    on_disk = load_path(timeline_copy).document
    assert on_disk is not None and on_disk.event(event_id) == once
    assert window.isWindowModified()
    action(window, "actionUndo").trigger()
    assert window.session.event_by_id(event_id) == once
    assert not window.isWindowModified()


def test_an_edit_that_goes_on_while_the_save_ends_is_kept_modified(
        window: MainWindow, timeline_copy: Path, gate: Gate) -> None:
    """Several edits after the snapshot: the stack is marked clean at the snapshot's
    place without changing what the user has in front of them."""
    select(window, 0)
    action(window, "actionDeleteEvent").trigger()
    action(window, "actionSave").trigger()
    gate.wait_entered()
    select(window, 0)
    action(window, "actionDeleteEvent").trigger()
    chosen = select(window, 1)
    action(window, "actionNudgeLater").trigger()
    document = encode_document(window.session.document, "x")
    gate.release.set()
    wait_saved(window)
    assert encode_document(window.session.document, "x") == document
    assert window.session.selected_id == chosen
    assert window.isWindowModified()
    action(window, "actionUndo").trigger()
    assert window.isWindowModified()
    action(window, "actionUndo").trigger()
    assert not window.isWindowModified()


def test_closing_the_window_during_a_save_waits_for_it(
        window: MainWindow, timeline_copy: Path, gate: Gate,
        message_boxes: list[QMessageBox]) -> None:
    deleted = select(window, 2)
    action(window, "actionDeleteEvent").trigger()
    action(window, "actionSave").trigger()
    gate.wait_entered()
    threading.Timer(0.3, gate.release.set).start()  # the GUI thread waits in close()
    assert window.close()
    assert message_boxes == []  # the save ended first: nothing left to ask about
    assert deleted not in ids_on_disk(timeline_copy)
    assert not window.files.saver.running


def test_closing_during_a_save_still_asks_about_an_edit_made_meanwhile(
        window: MainWindow, timeline_copy: Path, gate: Gate,
        message_boxes: list[QMessageBox]) -> None:
    deleted = select(window, 2)
    action(window, "actionDeleteEvent").trigger()
    action(window, "actionSave").trigger()
    gate.wait_entered()
    kept = select(window, 0)
    action(window, "actionDeleteEvent").trigger()
    threading.Timer(0.3, gate.release.set).start()
    assert window.close()  # the message boxes answer Discard
    assert len(message_boxes) == 1
    assert deleted not in ids_on_disk(timeline_copy) and kept in ids_on_disk(timeline_copy)


def test_two_saves_in_a_row_take_turns(window: MainWindow, timeline_copy: Path,
                                       gate: Gate) -> None:
    first = select(window, 0)
    action(window, "actionDeleteEvent").trigger()
    action(window, "actionSave").trigger()
    gate.wait_entered()
    second = select(window, 0)
    action(window, "actionDeleteEvent").trigger()
    action(window, "actionSave").trigger()  # queued behind the running save
    gate.release.set()
    wait_saved(window)
    on_disk = ids_on_disk(timeline_copy)
    assert first not in on_disk and second not in on_disk
    assert not window.isWindowModified()
    assert load_path(timeline_copy.with_name("events.json.bak")).document is not None


def test_a_save_that_fails_on_the_worker_says_why_and_keeps_the_changes(
        window: MainWindow, timeline_copy: Path, message_boxes: list[QMessageBox],
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = timeline_copy.read_bytes()
    select(window, 2)
    action(window, "actionDeleteEvent").trigger()

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert [box.windowTitle() for box in message_boxes] == ["Not saved"]
    assert os.strerror(errno.ENOSPC) in message_boxes[0].text()
    assert window.statusBar().currentMessage() == "Not saved: events.json"
    assert window.isWindowModified()
    assert timeline_copy.read_bytes() == before
    assert [p.name for p in timeline_copy.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert not window.isWindowModified()


def test_the_snapshot_is_not_reached_by_later_edits(
        window: MainWindow, message_boxes: list[QMessageBox]) -> None:
    session = window.session
    snapshot = session.snapshot()
    assert snapshot.document == session.document
    assert isinstance(snapshot.document, Document)
    select(window, 0)
    action(window, "actionDeleteEvent").trigger()
    assert len(snapshot.document.events) == len(session.document.events) + 1


def test_the_snapshot_holds_every_part_of_the_document() -> None:
    """Lanes and saved views are saved too: a snapshot that missed a part of the
    document would write a file without it."""
    doc = load_path(Path(__file__).parent.parent / "events.json").document
    doc.layout = {"actor": {"hidden": ["gna"], "colors": {"": "#112233"}}}
    doc.views = [{"name": "June 2020", "date_from": "2020-06", "x-note": "kept"}]
    doc.extra = {"x-tool": {"n": 1}}
    copy = background_save.snapshot_of(doc)
    assert copy == doc
    assert encode_document(copy, "t.json") == encode_document(doc, "t.json")
    doc.layout["actor"]["hidden"].append("lna")  # even a change in place stays out
    assert copy.layout == {"actor": {"hidden": ["gna"], "colors": {"": "#112233"}}}


def test_idle_work_stands_aside_while_the_worker_saves(
        window: MainWindow, timeline_copy: Path, gate: Gate, qtbot: QtBot) -> None:
    """Measuring titles (and counting cited ranges) while idle shares the interpreter
    lock with the save's worker: it stops during the save and carries on after."""
    widths = window.timeline.title_widths
    qtbot.waitUntil(lambda: widths.done)
    window.hide()  # no paint measures anything from here on
    window.timeline.renderer._widths.clear()
    window.files.open_path(timeline_copy)  # measuring again, from the first title
    assert not widths.done
    select(window, 0)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    gate.wait_entered()
    measured = widths._next  # titles measured so far
    for _ in range(20):
        QApplication.processEvents()  # idle time the measuring would have taken
    advanced = widths._next
    active = (widths._timer.isActive(), window.source.span_book.counting)
    gate.release.set()  # before asserting: a failure must not leave the worker held
    wait_saved(window)
    assert advanced == measured < len(window.session.document.events)
    assert active == (False, False)
    qtbot.waitUntil(lambda: widths.done)
    titles = [ev.title for ev in window.session.document.events]
    assert all(title in window.timeline.renderer._widths for title in titles)


def test_the_window_gets_the_interpreter_lock_within_a_millisecond_while_saving(
        window: MainWindow, timeline_copy: Path, gate: Gate) -> None:
    """Each call from Qt into Python waits for the interpreter lock while the worker
    encodes: the lock changes hands every millisecond during a save (a layout pass of
    a few dozen calls stalled the window for a quarter of a second at Python's 5 ms),
    and the interval is put back afterwards."""
    before = sys.getswitchinterval()
    assert before > WORKER_SWITCH_S
    select(window, 0)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    gate.wait_entered()
    assert sys.getswitchinterval() == WORKER_SWITCH_S
    gate.release.set()
    wait_saved(window)
    assert sys.getswitchinterval() == before


def test_a_load_and_a_save_at_once_keep_the_short_interval_until_both_end() -> None:
    from timeline_app.gui.document.window_turns import window_turns

    before = sys.getswitchinterval()
    first, second = window_turns(), window_turns()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() == WORKER_SWITCH_S  # the other worker still runs
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before
