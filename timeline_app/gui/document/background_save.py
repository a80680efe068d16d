"""Saving without freezing the window: the file is written on a worker thread.

Writing 100,000 events (encoding, the check that the file would load back, the atomic
write with its fsyncs) takes about half a second, which the window must not freeze for.
The save works on a snapshot: edits replace events, sources and actors rather than change
them in place (see ``commands.py`` and ``DocumentSession.edit_document``), so shallow
copies of the document's lists are a consistent picture of the document at the moment
the save was asked for.  Edits made while the worker writes are not in the file and leave
the timeline modified.  The worker writes through the core's ``save_document`` (temporary
file, fsync, rename, ``.bak``), exactly as a save on the GUI thread did.

The result reaches the GUI thread through a queued signal; ``wait()`` delivers it at
once instead (before the window closes, or when another document replaces this one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QUndoCommand

from timeline_app.core.fileformat.storage import SaveError
from timeline_app.core.model import Document
from timeline_app.gui.document.window_turns import window_turns

__all__ = ["SaveTask", "Snapshot", "snapshot_of", "test_hook"]

#: Tests set this to a callable the worker calls before it writes (to hold it there).
test_hook: Callable[[], None] | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The document as it was when a save was asked for, and where its undo stack was."""

    document: Document
    index: int  # the undo stack's index
    command: QUndoCommand | None  # the command just below ``index`` (None at 0)
    revision: int  # the session's revision
    generation: int  # which document of the session (a new one per open or New)


def snapshot_of(document: Document) -> Document:
    """A copy of ``document`` that later edits cannot reach: its lists, not its values,
    which edits never change in place."""
    copy = object.__new__(Document)
    for f in fields(Document):  # every field, so that a new one cannot be left out
        value = getattr(document, f.name)
        if isinstance(value, list):
            value = list(value)
        elif isinstance(value, dict):
            # small JSON parts (layout, extra): copied whole, nested values included
            value = deepcopy(value) if f.name != "extra" else dict(value)
        setattr(copy, f.name, value)
    return copy


class _Worker(QObject):
    finished = Signal(object, object)  # the job's result or None; SaveError or None

    def __init__(self, job: Callable[[], Any]) -> None:
        super().__init__()
        self.job = job
        self.outcome: tuple[Any, SaveError | None] | None = None

    @Slot()
    def run(self) -> None:
        with window_turns():
            hook = test_hook
            if hook is not None:
                hook()
            try:
                outcome: tuple[Any, SaveError | None] = (self.job(), None)
            except SaveError as exc:
                outcome = (None, exc)
            except OSError as exc:  # reported as the save's own errors are
                outcome = (None, SaveError(f"not saved: {exc.strerror or exc}"))
        self.outcome = outcome
        self.finished.emit(*outcome)


class SaveTask(QObject):
    """One write on a worker thread; ``finished(result, error)`` in the GUI thread, once.

    ``job`` runs on the worker and must only touch what it was given (a snapshot).
    """

    finished = Signal(object, object)

    def __init__(self, job: Callable[[], Any], path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.done = False
        self._delivered = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("timeline-saver")
        self._worker = _Worker(job)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._on_finished)

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> None:
        """Block until the write has ended and deliver its result now (if not yet)."""
        self._thread.quit()  # ends the thread's event loop as soon as the worker returns
        self._thread.wait()
        self._deliver()

    def _on_finished(self, _result: object, _error: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self._deliver()

    def _deliver(self) -> None:
        if self.done:
            return
        outcome = self._worker.outcome
        if outcome is None:  # the thread never ran the job (it was not started)
            return
        self.done = True
        self.finished.emit(*outcome)

