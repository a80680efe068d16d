"""The first Save after an open as quick as the later ones: the save memo of the file
just opened, worked out while the window is idle (see ``core/fileformat/memo_priming``).

The work is about what a Save costs (a second for 100,000 events on a slow machine) and
nobody waits for it, so it must not slow what the user does meanwhile.  It runs on a
worker thread, which waits before each run of events for a turn that the window gives
only when its event loop has nothing else to do (a zero-time timer), and after the
window's other idle work (measuring titles, counting cited ranges: ``busy``) is done.
A frame or a click that comes while a run is compared waits at most the worker's switch
interval for the interpreter lock (``window_turns``, taken for each piece only: while
it waits for its turn, nothing runs beside the window).

A Save that starts meanwhile stops it (the Save encodes everything, as without it, and
its worker waits for the priming to close the file before replacing it), as does
another document; the memo takes the result only if no save ran since.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from timeline_app.core.fileformat.memo_priming import prime_log
from timeline_app.core.fileformat.save_memo import FileIdentity, RunLog
from timeline_app.core.model import Document
from timeline_app.gui.document.window_turns import window_turns

__all__ = ["SavePriming"]

#: While other idle work is pending, look again this often (ms).
_BUSY_MS = 50

Adopt = Callable[[RunLog, FileIdentity], None]


class _Job:
    def __init__(self, doc: Document, path: str, adopt: Adopt) -> None:
        self.doc, self.path, self.adopt = doc, path, adopt
        self.turn = threading.Event()
        self.stopped = False
        self.result: tuple[RunLog, FileIdentity] | None = None
        self.thread: threading.Thread | None = None


class SavePriming(QObject):
    """One priming at a time (``start``); ``running`` until it has ended or was stopped."""

    _waiting = Signal(object)  # from the worker: this job waits for its next turn
    _ended = Signal(object)  # from the worker: this job has ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy: Callable[[], bool] = lambda: False  # the window's other idle work
        self._job: _Job | None = None
        self._gate = QTimer(self)
        self._gate.setSingleShot(True)
        self._gate.timeout.connect(self._give_turn)
        self._waiting.connect(self._when_idle)
        self._ended.connect(self._end)

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, doc: Document, path: str | os.PathLike[str], adopt: Adopt) -> None:
        """Work out what a save of ``doc`` (a snapshot) to ``path`` would find already
        there; ``adopt(log, identity)`` in this thread if it found the whole file so."""
        self.stop()
        job = _Job(doc, os.fspath(path), adopt)
        job.thread = threading.Thread(target=self._work, args=(job,), name="save-priming",
                                      daemon=True)
        self._job = job
        job.thread.start()

    def stop(self, *, wait: bool = False) -> threading.Thread | None:
        """Drop the priming under way, if any; with ``wait``, return once its thread has
        ended (before the window closes).  Without, the thread that may still be
        comparing a run with the file (and holds it open: join it before replacing the
        file, which some systems refuse while it is open)."""
        job, self._job = self._job, None
        self._gate.stop()
        if job is None or job.thread is None:
            return None
        job.stopped = True
        job.turn.set()
        if wait:
            job.thread.join()
        return job.thread

    # --- the worker's side --------------------------------------------------------------

    def _work(self, job: _Job) -> None:
        turns = ExitStack()  # the window's quick turns, while a piece is compared only

        def pace() -> bool:
            turns.close()
            self._signal(self._waiting, job)
            job.turn.wait()
            job.turn.clear()
            if job.stopped:
                return False
            turns.enter_context(window_turns())
            return True

        try:
            job.result = prime_log(job.doc, job.path, pace)
        except Exception:  # only the speed-up is lost: the first Save encodes all
            job.result = None
        finally:
            turns.close()
        self._signal(self._ended, job)

    @staticmethod
    def _signal(signal: Any, job: _Job) -> None:
        if job.stopped:
            return
        try:
            signal.emit(job)
        except RuntimeError:  # the window is gone
            job.stopped = True

    # --- the window's side --------------------------------------------------------------

    def _when_idle(self, job: _Job) -> None:
        if job is self._job:
            self._gate.start(0)

    def _give_turn(self) -> None:
        job = self._job
        if job is None:
            return
        if self.busy():
            self._gate.start(_BUSY_MS)
            return
        job.turn.set()

    def _end(self, job: _Job) -> None:
        if job is not self._job:
            return  # stopped meanwhile
        self._job = None
        if job.thread is not None:
            job.thread.join()
        if job.result is not None:
            job.adopt(*job.result)
