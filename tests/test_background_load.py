"""Big files open on a worker thread with progress and Cancel; the open document is safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.fingerprint import read_fingerprint
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.model import Actor, Document, Event
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.window.load_progress import LoadProgress
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    events = [Event(f"e{i}", f"Event {i}", parse_iso(f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}"),
                    None, ["a"]) for i in range(20_000)]
    path = tmp_path / "big.json"
    path.write_text(dumps(Document("big", [], [Actor("a", "A")], events)), encoding="utf-8")
    return path


def test_background_open_shows_progress_then_the_document(
    qtbot: QtBot, window: MainWindow, big_file: Path
) -> None:
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        assert window.files.open_path(big_file, background=True) is False
        progress = window.statusBar().findChild(LoadProgress)
        assert progress is not None and progress.isVisible()
        assert len(window.session.document.events) == 5  # untouched while loading
    assert done.args == [True]
    assert len(window.session.document.events) == 20_000
    assert window.windowTitle().startswith("big.json")
    qtbot.waitUntil(lambda: window.statusBar().findChild(LoadProgress) is None)


def test_a_background_open_knows_what_the_file_held(
    qtbot: QtBot, window: MainWindow, big_file: Path
) -> None:
    """The file is hashed on a thread of its own while it is checked: the fingerprint that
    Save compares with the disk is the file's own."""
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000):
        window.files.open_path(big_file, background=True)
    held = window.session.fingerprint
    assert held is not None and held.digest
    assert held == read_fingerprint(big_file)


def test_a_background_open_finds_every_event_by_its_id(
    qtbot: QtBot, window: MainWindow, big_file: Path
) -> None:
    """The positions of the events by their ids come from the load, not made again."""
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000):
        window.files.open_path(big_file, background=True)
    events = window.session.document.events
    derived = window.session.derived
    assert [derived.position(ev.id) for ev in events] == list(range(len(events)))
    assert derived.position("nobody") == -1


def test_cancel_keeps_the_open_document(
    qtbot: QtBot, window: MainWindow, big_file: Path
) -> None:
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        window.files.open_path(big_file, background=True)
        progress = window.statusBar().findChild(LoadProgress)
        assert progress is not None
        progress.cancel_button.click()
    assert done.args == [False]
    assert len(window.session.document.events) == 5
    assert window.session.path is not None and window.session.path.name == "events.json"


def test_background_open_of_a_broken_file_lists_its_problems(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "conflict-timeline", "version": 1, "events": [{"id": 1}]}')
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000) as done:
        window.files.open_path(bad, background=True, show_problems=False)
    assert done.args == [False]
    assert any("broken.json:1:" in p for p in window.files.last_problems)


def test_lanes_index_and_citations_are_built_on_the_loader_thread(
    qtbot: QtBot, window: MainWindow, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million events take seconds to index: the window must not do it itself."""
    import threading

    from timeline_app.core.view.citation_index import CitationIndex
    from timeline_app.core.view.derived import Grouping

    threads: list[tuple[str, bool]] = []  # what was built, and whether in the GUI thread

    def on_thread(name: str, real):  # type: ignore[no-untyped-def]
        def spy(*args):  # type: ignore[no-untyped-def]
            document = next(a for a in args if hasattr(a, "events"))
            if len(document.events) == 20_000:
                threads.append((name, threading.current_thread() is threading.main_thread()))
            return real(*args)
        return spy

    monkeypatch.setattr(Grouping, "build", on_thread("lanes and index", Grouping.build))
    monkeypatch.setattr(CitationIndex, "build", on_thread("citations", CitationIndex.build))
    window.set_group_by(GroupBy.TAG)  # the lanes the window shows are those built
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000):
        window.files.open_path(big_file, background=True)
    assert window.timeline.index.n_events == 20_000
    assert window.session.index_of("e19999") == 19_999
    window.timeline.repaint()
    window.session.select("e5")
    assert sorted(threads) == [("citations", False), ("lanes and index", False)]
    assert window.timeline.lane_set.group_by is GroupBy.TAG


@pytest.mark.parametrize("stat_delta", [-1000, +1000], ids=["grew", "shrank"])
def test_worker_reads_the_whole_file_whatever_stat_said(
    big_file: Path, stat_delta: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file may change between stat and read (a sync tool writing it): the worker
    reads to the end of what is there, so the loader sees the real content."""
    import os
    import threading

    from timeline_app.gui.document import background_load

    real_size = big_file.stat().st_size
    real_stat = Path.stat

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self != big_file:
            return result
        fields = list(result)
        fields[6] = real_size + stat_delta  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", stat)
    worker = background_load._Worker(big_file, threading.Event(), GroupBy.ACTOR)
    result = worker._load()
    assert result is not None and result.ok
    assert len(result.document.events) == 20_000


def test_cancel_stops_the_check_of_a_big_file(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel must not wait for the rest of a million events to be checked (seconds),
    nor let that check run on beside the next file's."""
    import threading

    from timeline_app.core.fileformat import decoding
    from timeline_app.gui.document import background_load

    monkeypatch.setattr(decoding, "PIECE_BYTES", 64 * 1024)  # 20,000 events: about 30 pieces
    monkeypatch.setattr(background_load, "_PROGRESS_EVERY", 0.0)  # every piece reported
    cancel = threading.Event()
    worker = background_load._Worker(big_file, cancel, GroupBy.ACTOR)
    checking: list[int] = []

    def on_progress(percent: int, what: str) -> None:
        if what == "Checking":
            checking.append(percent)
            if len(checking) == 3:
                cancel.set()

    worker.progress.connect(on_progress)
    assert worker._load() is None
    assert len(checking) == 3 and checking[0] < checking[-1] < 90


def test_progress_is_reported_a_few_times_a_second(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report repaints the status bar while the load waits for the interpreter lock:
    a new step is reported at once, its percentage when it moved, at most every 0.1 s."""
    import threading

    from timeline_app.gui.document import background_load

    clock = [100.0]
    monkeypatch.setattr(background_load.time, "monotonic", lambda: clock[0])
    worker = background_load._Worker(big_file, threading.Event(), GroupBy.ACTOR)
    told: list[tuple[int, str]] = []
    worker.progress.connect(lambda percent, what: told.append((percent, what)))
    for seconds, percent, what in [(0.0, 1, "Reading"), (0.05, 5, "Reading"),
                                   (0.05, 15, "Checking"), (0.12, 15, "Checking"),
                                   (0.2, 20, "Checking"), (0.25, 30, "Checking"),
                                   (0.26, -1, "Indexing")]:
        clock[0] = 100.0 + seconds
        worker._tell(percent, what)
    assert told == [(1, "Reading"), (15, "Checking"), (20, "Checking"), (-1, "Indexing")]


def test_edits_after_a_background_open_update_what_the_loader_built(
    qtbot: QtBot, window: MainWindow, big_file: Path
) -> None:
    from dataclasses import replace

    from timeline_app.gui.document.commands import DeleteEventCommand, EditEventCommand

    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000):
        window.files.open_path(big_file, background=True)
    session, view = window.session, window.timeline
    lanes = view.lane_set
    before = session.event_by_id("e123")
    session.undo_stack.push(EditEventCommand(session, before,
                                             replace(before, start=parse_iso("2031-01-01"))))
    assert view.lane_set is lanes
    assert view.index.starts[123] == parse_iso("2031-01-01").to_seconds()
    view.zoom_to_fit()
    assert view.visible_range()[1] > parse_iso("2031-01-02").to_seconds()
    session.undo_stack.push(DeleteEventCommand(session, session.event_by_id("e5")))
    assert view.index.n_events == 19_999 and session.index_of("e6") == 5
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.index_of("e6") == 6 and view.index.starts[123] == before.start_seconds()
    view.zoom_to_fit()
    assert view.visible_range()[1] < parse_iso("2031-01-01").to_seconds()


def test_the_window_gets_the_interpreter_lock_within_a_millisecond_while_loading(
    qtbot: QtBot, window: MainWindow, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the loader thread checks and indexes, the lock changes hands every
    millisecond (the window's calls into Python wait for it); put back afterwards."""
    import sys

    from timeline_app.core.view.citation_index import CitationIndex
    from timeline_app.gui.document.window_turns import WORKER_SWITCH_S

    seen: list[float] = []
    real = CitationIndex.build

    def spy(document):  # type: ignore[no-untyped-def]
        seen.append(sys.getswitchinterval())
        return real(document)

    monkeypatch.setattr(CitationIndex, "build", spy)
    before = sys.getswitchinterval()
    with qtbot.waitSignal(window.files.loadFinished, timeout=30_000):
        window.files.open_path(big_file, background=True)
    assert seen == [WORKER_SWITCH_S] and before > WORKER_SWITCH_S
    assert sys.getswitchinterval() == before
