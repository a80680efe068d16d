"""Opening a big file without freezing the window.

Reading and validating 100,000+ events takes a noticeable time, so large files are
loaded on a worker thread while the status bar shows progress and a Cancel button.
The file is read in chunks (real progress), then parsed and validated by the core
loader, which reports its progress too; the result reaches the GUI thread through a
queued signal.  Cancelling stops the read at the next chunk or the check at the next
slice, and discards whatever the worker produces: the open document is never touched
until a load has fully succeeded.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from timeline_app.core.fileformat.fingerprint import Fingerprint, FingerprintBuilder
from timeline_app.core.fileformat.loader import (
    DEFAULT_MAX_BYTES,
    LoadCancelled,
    LoadResult,
    load_handed_over,
    load_path,
)
from timeline_app.core.view.derived import DerivedState
from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.document.window_turns import window_turns

__all__ = ["BACKGROUND_THRESHOLD", "LoadTask"]

#: Files at least this large are opened in the background.
BACKGROUND_THRESHOLD = 4 * 1024 * 1024
_CHUNK = 1024 * 1024
# Shares of the progress bar: reading ends at 15 %, checking at 90 %; the rest (lanes
# and index) shows as busy.  Roughly the shares of the time they take.
_READ_SHARE = 15
_CHECK_END = 90
_PROGRESS_EVERY = 0.1  # seconds: ten reports a second move the bar smoothly enough


class _Worker(QObject):
    progress = Signal(int, str)  # percent (-1: busy), what is happening
    finished = Signal(object, object)  # LoadResult or None when cancelled; DerivedState

    def __init__(self, path: Path, cancel: threading.Event, group_by: GroupBy) -> None:
        super().__init__()
        self.path = path
        self.cancel = cancel
        self.group_by = group_by
        self.fingerprint: Fingerprint | None = None  # of the bytes read, once they are
        self._told: tuple[int, str] = (-2, "")  # the last progress reported, and when
        self._told_at = 0.0

    @Slot()
    def run(self) -> None:
        with window_turns():
            try:
                result = self._load()
            except OSError:  # vanished or unreadable mid-read: the loader words the error
                result = load_path(self.path)
            derived = None
            if result is not None and result.document is not None and not result.problems \
                    and not self.cancel.is_set():
                self._tell(-1, "Indexing")
                derived = DerivedState.build(result.document, self.group_by, result.positions)
        self.finished.emit(None if self.cancel.is_set() else result, derived)

    def _load(self) -> LoadResult | None:
        name = os.fspath(self.path)
        try:
            size = self.path.stat().st_size
        except OSError:
            return load_path(self.path)  # the loader words the error
        if size > DEFAULT_MAX_BYTES:
            return load_path(self.path)
        # Grow one buffer a chunk at a time: the interpreter lock is released during
        # every read and held only to append a chunk (a 1 MB copy), where joining the
        # chunks at the end, or zero-filling a buffer of the file's size first, would
        # hold it for the whole file (half a second at 700 MB).  Reallocating a large
        # buffer remaps its pages instead of copying them.
        buffer = bytearray()
        # Save tells from it whether another program wrote the file; hashed while the
        # bytes are checked.
        read = FingerprintBuilder(background=True)
        try:
            with open(self.path, "rb", buffering=0) as handle:
                while chunk := handle.read(_CHUNK):
                    if self.cancel.is_set():
                        return None
                    buffer += chunk
                    read.update(chunk)
                    self._tell(int(_READ_SHARE * min(len(buffer) / max(size, 1), 1.0)),
                               "Reading")
                    if len(buffer) > DEFAULT_MAX_BYTES:
                        break  # grew past the limit since stat: the loader reports it
                stat = os.fstat(handle.fileno())
            self._tell(_READ_SHARE, "Checking")
            holder: list[bytes | bytearray] = [buffer]
            del buffer
            try:
                result = load_handed_over(holder, name, progress=self._checking)
            except LoadCancelled:
                return None
            self.fingerprint = read.finish(stat)
            return result
        finally:
            read.close()

    def _tell(self, percent: int, what: str) -> None:
        """Report progress: a new step at once, a step's percentage when it moved and at
        most every ``_PROGRESS_EVERY`` seconds.  Each report costs the window a repaint of
        the status bar, holding the interpreter lock the load needs (70 reports took
        50 ms of a 1 s load)."""
        now = time.monotonic()
        if what != self._told[1] or (
            percent != self._told[0] and now - self._told_at >= _PROGRESS_EVERY
        ):
            self._told = (percent, what)
            self._told_at = now
            self.progress.emit(percent, what)

    def _checking(self, fraction: float) -> bool:
        """The loader's progress: the bar moves on, and Cancel stops the check."""
        if self.cancel.is_set():
            return False
        self._tell(_READ_SHARE + int((_CHECK_END - _READ_SHARE) * fraction), "Checking")
        return True


class LoadTask(QObject):
    """One background load; emits ``finished(LoadResult | None, DerivedState | None)`` in
    the GUI thread.

    After a successful load the worker also derives the lanes (for ``group_by``) and
    indexes of the document: for a million events they take seconds that the window
    must not freeze for.
    """

    progress = Signal(int, str)
    finished = Signal(object, object)

    def __init__(self, path: str | os.PathLike[str], parent: QObject | None = None,
                 group_by: GroupBy = GroupBy.ACTOR) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("timeline-loader")
        self._worker = _Worker(self.path, self._cancel, group_by)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._on_finished)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def cancel_and_wait(self) -> None:
        """Cancel, and return once the worker thread has ended (before the app quits: a
        thread still running when its QThread is destroyed aborts the process)."""
        self._cancel.set()
        self._thread.quit()  # ends the thread's event loop as soon as the worker returns
        self._thread.wait()

    @property
    def fingerprint(self) -> Fingerprint | None:
        """The fingerprint of the bytes the worker read, once it has finished."""
        return self._worker.fingerprint

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_finished(self, result: LoadResult | None, derived: DerivedState | None) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(None if self._cancel.is_set() else result, derived)
