"""The first Save after an open copies what the edit left, as later Saves do: the window
works out, while idle, which runs of events the file it opened holds as a save would
write them (``memo_priming``, ``save_priming``).  Nothing is taken from a file that is
not exactly what a save writes, from a file changed meanwhile, or after a save began."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_save_memo import copy_of, encoded_runs, retitled
from window_driver import action, wait_saved

from bench.synthetic import make_document, write_file
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.memo_priming import prime_log
from timeline_app.core.fileformat.save_memo import SaveMemo, run_ends
from timeline_app.core.fileformat.storage import encode_document, save_document
from timeline_app.core.model import Document

N = 6000  # about six runs


@pytest.fixture(scope="module")
def base() -> Document:
    return make_document(N, seed=12)


def primed(doc: Document, path: Path) -> SaveMemo:
    memo = SaveMemo()
    found = prime_log(doc, path)
    assert found is not None
    memo.commit(*found)
    return memo


# --- the core: prime_log ------------------------------------------------------------------

def test_a_file_the_app_wrote_lets_the_first_save_copy_all_but_the_edit(
        base: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.json"
    save_document(base, path)  # an earlier session wrote it
    doc = load_path(path).document  # this session opened it
    memo = primed(doc, path)
    assert memo.runs == len(run_ends(doc.events)) >= 2  # 6,000 > MAX_RUN
    encoded = encoded_runs(monkeypatch)
    doc = copy_of(doc)
    retitled(doc, N // 2)
    save_document(doc, path, memo=memo)
    assert len(encoded) == 1 and memo.copied == memo.runs - 1
    assert path.read_bytes() == encode_document(doc, "x")


def _reindented(data: bytes) -> bytes:
    return json.dumps(json.loads(data), indent=4, ensure_ascii=False).encode() + b"\n"


def _one_byte_changed(data: bytes) -> bytes:
    at = data.index(b'"title": "', len(data) // 2) + 10
    return data[:at] + (b"#" if data[at:at + 1] != b"#" else b"%") + data[at + 1:]


def _one_letter_escaped(data: bytes) -> bytes:
    at = data.index(b'"title": "', len(data) // 2) + 10
    return data[:at] + b"\\u%04x" % data[at] + data[at + 1:]


@pytest.mark.parametrize("change", [
    _reindented,  # written by another program
    _one_byte_changed,  # not the document's text
    lambda data: data + b"\n",  # more after the document's end
    lambda data: data[:-2],  # cut short
    _one_letter_escaped,  # the same text, spelled otherwise
], ids=["reindented", "byte", "longer", "shorter", "escaped"])
def test_a_file_that_is_not_what_a_save_writes_primes_nothing(
        base: Document, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.json"
    save_document(base, path)
    data = path.read_bytes()
    changed = change(data)
    assert changed != data
    path.write_bytes(changed)
    assert prime_log(base, path) is None


def test_the_work_goes_run_by_run_and_stops_when_told(base: Document, tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    save_document(base, path)
    turns: list[int] = []
    assert prime_log(base, path, lambda: turns.append(1) is None) is not None
    assert len(turns) == 1 + len(run_ends(base.events))  # the head, then each run
    turns.clear()
    assert prime_log(base, path, lambda: turns.append(1) is None and len(turns) < 3) is None
    assert len(turns) == 3  # nothing more was compared once told to stop


def test_a_file_replaced_meanwhile_primes_nothing(base: Document, tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    save_document(base, path)
    other = tmp_path / "other.json"
    other.write_bytes(path.read_bytes())  # the same bytes, but another file by the end

    def pace() -> bool:
        if other.exists():
            os.replace(other, path)
        return True

    assert prime_log(base, path, pace) is None
    assert prime_log(base, tmp_path / "missing.json") is None


# --- the window: primed while idle --------------------------------------------------------

def _wait_primed(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.files.saver.priming.running, timeout=20_000)


def test_the_first_file_save_after_an_open_copies_what_the_edit_left(
        open_window, tmp_path: Path, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    path = write_file(N, tmp_path / "big.json")
    window = open_window(path)
    session, memo = window.session, window.files.saver.memo
    qtbot.waitUntil(lambda: len(session.document.events) == N, timeout=20_000)
    _wait_primed(window, qtbot)
    runs = memo.runs
    assert runs == len(run_ends(session.document.events)) >= 2
    session.select(session.document.events[N // 2].id)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert not window.isWindowModified()
    assert runs - 2 <= memo.copied < runs  # the nudged event's run, and where it went
    assert path.read_bytes() == encode_document(session.document, "x")
    window.files.open_path(write_file(10, tmp_path / "small.json"))
    qtbot.waitUntil(lambda: len(session.document.events) == 10, timeout=20_000)
    _wait_primed(window, qtbot)
    assert memo.runs == 1  # the other document's own: the first one's are let go


def test_it_waits_for_the_windows_other_idle_work(
        open_window, tmp_path: Path, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    path = write_file(N, tmp_path / "big.json")
    window = open_window(None)
    priming, memo = window.files.saver.priming, window.files.saver.memo
    busy = [True]
    priming.busy = lambda: busy[0]
    window.files.open_path(path)
    qtbot.waitUntil(lambda: len(window.session.document.events) == N, timeout=20_000)
    qtbot.wait(300)
    assert priming.running and memo.runs == 0
    busy[0] = False
    _wait_primed(window, qtbot)
    assert memo.runs >= 2


def test_a_save_begun_meanwhile_stops_it_and_is_what_counts(
        open_window, tmp_path: Path, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    path = write_file(N, tmp_path / "big.json")
    window = open_window(None)
    priming, memo, session = window.files.saver.priming, window.files.saver.memo, window.session
    priming.busy = lambda: True  # held before its first run
    window.files.open_path(path)
    qtbot.waitUntil(lambda: len(session.document.events) == N, timeout=20_000)
    assert priming.running
    thread = priming._job.thread
    session.select(session.document.events[100].id)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    assert not priming.running
    wait_saved(window)
    thread.join(5)
    assert not thread.is_alive()
    qtbot.wait(100)
    assert memo.copied == 0 and memo.runs == len(run_ends(session.document.events))
    assert path.read_bytes() == encode_document(session.document, "x")


def test_closing_the_window_ends_the_work(
        open_window, tmp_path: Path, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    path = write_file(N, tmp_path / "big.json")
    window = open_window(None)
    priming = window.files.saver.priming
    priming.busy = lambda: True
    window.files.open_path(path)
    qtbot.waitUntil(lambda: len(window.session.document.events) == N, timeout=20_000)
    thread = priming._job.thread
    assert thread.is_alive()
    window.close()
    assert not thread.is_alive() and not priming.running


def test_a_file_written_by_another_program_is_saved_whole(
        open_window, tmp_path: Path, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    path = write_file(N, tmp_path / "big.json")
    path.write_bytes(_reindented(path.read_bytes()))
    window = open_window(path)
    session, memo = window.session, window.files.saver.memo
    qtbot.waitUntil(lambda: len(session.document.events) == N, timeout=20_000)
    _wait_primed(window, qtbot)
    assert memo.runs == 0
    session.select(session.document.events[5].id)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert memo.copied == 0
    assert path.read_bytes() == encode_document(session.document, "x")


def test_the_collector_stays_on_while_it_waits(base: Document, tmp_path: Path) -> None:
    """The collector is the whole process's: a priming that waits long for its turns
    must not leave it off meanwhile (a load or the window would pile up garbage)."""
    import gc

    path = tmp_path / "t.json"
    save_document(base, path)
    seen: list[bool] = []
    assert prime_log(base, path, lambda: seen.append(gc.isenabled()) is None) is not None
    assert seen and all(seen)


def test_a_save_replaces_the_file_only_once_the_priming_let_go_of_it(
        open_window, tmp_path: Path, qtbot: QtBot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Some systems refuse to replace a file another thread holds open: the Save that
    stops a priming waits, on its worker, for the priming to close the file."""
    import time

    from timeline_app.core.fileformat import storage
    from timeline_app.gui.document import save_priming

    order: list[str] = []

    def holding(doc, path, pace):  # type: ignore[no-untyped-def]
        with open(path, "rb"):
            order.append("opened")
            while pace():
                pass
            time.sleep(0.3)  # the rest of the run it was comparing
            order.append("closed")

    monkeypatch.setattr(save_priming, "prime_log", holding)
    path = write_file(300, tmp_path / "t.json")
    real_replace = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if os.fspath(dst) == os.fspath(path):
            order.append("replaced")
        return real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", replace)
    window = open_window(path)
    session = window.session
    qtbot.waitUntil(lambda: "opened" in order, timeout=20_000)
    session.select(session.document.events[0].id)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert order == ["opened", "closed", "replaced"]
    assert path.read_bytes() == encode_document(session.document, "x")
