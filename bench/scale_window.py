"""The main window's part of ``bench_scale.py`` (at 100,000 events and more): open a big
file in the background and time the longest stall of the GUI thread, then what a click,
an edit, an undo, a delete and File > Save cost with the document open.
"""

from __future__ import annotations

import functools
import gc
import random
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from scale_widget import HEIGHT, WIDTH, p95

ROOT = Path(__file__).resolve().parents[1]


def wait_for_idle_work(app: Any, window: Any) -> float:
    """Let the window finish the idle work that follows an open (measuring titles,
    counting each source's cited ranges, working out what a Save may copy), as a user
    reads the first screen meanwhile; how long it took, in seconds.  A revision without
    that work has nothing to wait for."""
    t = time.perf_counter()
    widths = getattr(window.timeline, "title_widths", None) or getattr(
        window.timeline, "_title_widths", None)  # as older revisions name it
    book = getattr(window.source, "span_book", None)
    priming = getattr(getattr(window.files, "saver", None), "priming", None)
    while ((widths is not None and not widths.done) or getattr(book, "counting", False)
           or getattr(priming, "running", False)):
        app.processEvents()
    return time.perf_counter() - t


def click_picks(app: Any, window: Any, count: int = 16) -> list[Any]:
    """The markers a click benchmark presses: up to ``count`` spread over a view of one
    day around a date drawn at random (seeded) among the events' own, as an analyst
    reading a day has it (the whole range, or the instant where the harder data's year-
    and month-precision events all begin, shows density bars: nothing to click).  The
    view is left there."""
    from timeline_app.core.view.timescale import TimeScale

    day = 86400.0
    view = window.timeline
    events = window.session.document.events
    rng = random.Random(2019)
    width = view.scale.width
    hittable: list[Any] = []
    for _ in range(40):
        centre = events[rng.randrange(len(events))].start_seconds() + rng.uniform(-day, day) / 2
        view.set_scale(TimeScale(centre - day / 2, day / width, width))
        app.processEvents()
        frame = view.current_frame()
        hittable = [box for box in frame.markers
                    if frame.hit((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2).index >= 0]
        if len(hittable) >= count:
            break
    if not hittable:
        return []
    return [hittable[i * (len(hittable) - 1) // max(1, count - 1)] for i in range(count)]


def click_point(view: Any, box: Any) -> Any:
    """The middle of marker ``box``, where a click selects its event; None when a label
    has moved over it since it was picked."""
    from PySide6.QtCore import QPointF

    pos = QPointF((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    return pos if view.current_frame().hit(pos.x(), pos.y()).index >= 0 else None


def press_and_release(app: Any, view: Any, pos: Any) -> None:
    """A left click at ``pos`` of ``view``: its events sent, not yet processed."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QMouseEvent

    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        app.sendEvent(view, QMouseEvent(kind, pos, view.mapToGlobal(pos),
                                        Qt.MouseButton.LeftButton, buttons,
                                        Qt.KeyboardModifier.NoModifier))


def background_open(app: Any, path: Path) -> dict[str, float]:
    """Open ``path`` in the real main window, as File > Open does for a big file (read,
    load, lanes and index on a worker thread; then the window adopts the document and
    paints), while a 10 ms timer ticks in the GUI thread: the longest gap between two
    ticks is the longest time the window could not repaint."""
    import tempfile

    from PySide6.QtCore import QEvent, QEventLoop, QSettings, QTimer

    from timeline_app.gui.window.main_window import MainWindow

    # Views the caller dropped with deleteLater() would be destroyed inside the loop below
    # (processEvents() leaves deferred deletes alone) and count as a stall.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    with tempfile.TemporaryDirectory() as tmp:
        # A copy, which File > Save may write over (copied before the clock starts).
        path = Path(shutil.copyfile(path, Path(tmp) / path.name))
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ROOT / "events.json", settings=settings)
        window.resize(WIDTH, HEIGHT)
        window.show()
        app.processEvents()
        gaps: list[float] = []
        worst = [0.0, 0.0]  # longest gap, and when it began (seconds into the open)
        t = time.perf_counter()
        last = [t]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            if gaps[-1] > worst[0]:
                worst[:] = [gaps[-1], last[0] - t]
            last[0] = now

        loop = QEventLoop()
        outcome: list[bool] = []
        window.files.loadFinished.connect(lambda ok: (outcome.append(ok), loop.quit()))
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        t = last[0] = time.perf_counter()
        timer.start()
        window.files.open_path(path, background=True, show_problems=False)
        loop.exec()
        adopted = time.perf_counter()
        window.timeline.repaint()  # the first frame of the new document
        elapsed = time.perf_counter() - t
        tick()  # the adoption and first paint count as a gap too
        timer.stop()
        assert outcome == [True], window.files.last_problems[:3]
        interaction = edit_and_select(app, window)
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gaps.sort()
    return {**interaction, "open_s": elapsed, "first_paint_s": elapsed - (adopted - t),
            "ticks": len(gaps), "stall_max_ms": gaps[-1] * 1e3,
            "stall_p99_ms": gaps[int(0.99 * (len(gaps) - 1))] * 1e3, "stall_at_s": worst[1]}


def edit_and_select(app: Any, window: Any) -> dict[str, float]:
    """What a click and an edit cost in the main window with the document open: select
    a random event (detail pane, source pane, timeline) once the window has done the
    idle work that follows an open, timed to the end of the frame Qt paints for it (as
    ``bench_save_open`` times a click); retitle one (an undoable edit) and repaint the
    window; undo it and repaint; delete one and undo that; save the document."""
    import tempfile
    from dataclasses import replace

    from timeline_app.gui.document.commands import DeleteEventCommand, EditEventCommand

    session = window.session
    events = session.document.events
    rng = random.Random(7)

    def timed(action: Any) -> float:
        t = time.perf_counter()
        action()
        window.repaint()
        app.processEvents()
        return time.perf_counter() - t

    wait_for_idle_work(app, window)

    def frame(action: Any) -> float:
        t = time.perf_counter()
        action()
        app.processEvents()  # Qt lays out and paints what changed
        return time.perf_counter() - t

    select = [frame(lambda: session.select(events[rng.randrange(len(events))].id))
              for _ in range(30)]
    edit, move, undo = [], [], []
    for _ in range(10):
        before = events[rng.randrange(len(events))]
        after = replace(before, title=before.title + " (checked)")
        command = EditEventCommand(session, before, after)
        edit.append(timed(functools.partial(session.undo_stack.push, command)))
        undo.append(timed(session.undo_stack.undo))
        # A new date (another point event's), same actors: the index is redone.
        before = next(ev for ev in iter(lambda: events[rng.randrange(len(events))], None)
                      if ev.end is None)
        after = replace(before, start=events[rng.randrange(len(events))].start)
        command = EditEventCommand(session, before, after)
        move.append(timed(functools.partial(session.undo_stack.push, command)))
        undo.append(timed(session.undo_stack.undo))
    # Edit > Delete Event and its undo (the event goes back to its place).
    delete, undelete = [], []
    for _ in range(5):
        command = DeleteEventCommand(session, events[rng.randrange(len(events))])
        delete.append(timed(functools.partial(session.undo_stack.push, command)))
        undelete.append(timed(session.undo_stack.undo))
    # File > Save of the file opened, waited for (checked, written, fsynced), after an
    # edit each: the first after the open, then three more (what the last save or the
    # open found in the file is copied, see save_memo and memo_priming).  Then Save As
    # to a new file, which encodes every event (for comparison; not a target).
    save = []
    for _ in range(4):
        before = events[rng.randrange(len(events))]
        session.undo_stack.push(EditEventCommand(
            session, before, replace(before, title=before.title + " (saved)")))
        save.append(timed(functools.partial(window.files._save_to, session.path)))
    first_save = save.pop(0)
    with tempfile.TemporaryDirectory() as tmp:
        save_as = timed(functools.partial(window.files._save_to, Path(tmp) / "saved.json"))
    figures = {}
    for key, times in (("select", select), ("edit", edit), ("move", move), ("undo", undo),
                       ("delete", delete), ("undelete", undelete), ("save", save)):
        figures[key + "_median_ms"] = statistics.median(times) * 1e3
        figures[key + "_p95_ms"] = p95(times) * 1e3
    figures["first_save_ms"] = first_save * 1e3
    figures["save_as_ms"] = save_as * 1e3
    return figures
