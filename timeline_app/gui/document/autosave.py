"""Autosave: a recovery copy of the open timeline while it has unsaved changes.

The copy is written once the timeline has gone ``seconds`` (30, or the environment's
``CONFLICT_TIMELINE_AUTOSAVE_SECONDS``) without a change after an edit; a run of edits
that never pauses that long still gets a copy at most twice that time after its first
edit.  Copies live in the application-data folder (``QStandardPaths.AppDataLocation``,
which follows ``XDG_DATA_HOME``), written by the core (``core/fileformat/recovery.py``)
with the atomic save; never beside the user's file.

The copy this window wrote is removed as soon as the timeline is back to what is on
disk: after a save, after undoing every change, after the changes were discarded for
another timeline (File > New, Open); the window removes it when it closes, which it only
does once unsaved changes were saved or discarded.

The timer's copies are written on a worker thread from a snapshot of the document, as
File > Save writes (``background_save.py``): a copy of 100,000 events takes most of a
second that the window must not freeze for.  Removing the copy first waits for a copy
being written, so that none reappears after it was removed.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from timeline_app.core.fileformat import recovery
from timeline_app.core.fileformat.save_memo import SaveMemo
from timeline_app.core.fileformat.storage import SaveError
from timeline_app.gui.document.background_save import SaveTask, snapshot_of
from timeline_app.gui.document.session import DocumentSession

__all__ = ["DEFAULT_SECONDS", "ENVIRONMENT", "Autosave", "autosave_seconds", "recovery_folder"]

ENVIRONMENT = "CONFLICT_TIMELINE_AUTOSAVE_SECONDS"
DEFAULT_SECONDS = 30.0
_NOTHING = object()  # no copy written by this window


def autosave_seconds(environ: Mapping[str, str] = os.environ) -> float:
    """The pause after an edit before a copy is written; a bad value means the default."""
    try:
        seconds = float(environ.get(ENVIRONMENT, ""))
    except ValueError:
        return DEFAULT_SECONDS
    return seconds if math.isfinite(seconds) and seconds > 0 else DEFAULT_SECONDS


def recovery_folder() -> Path | None:
    """Where recovery copies are kept: the user's application-data folder (None when the
    platform names none: then no copy is written, rather than one in the current folder)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery" if base else None


class Autosave(QObject):
    """Writes the session's recovery copy after edits, and removes it when it is moot."""

    written = Signal(object)  # RecoveryCopy
    failed = Signal(str)  # why a copy could not be written

    def __init__(self, session: DocumentSession, parent: QObject | None = None, *,
                 folder: Path | None = None, seconds: float | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder: Path | None = folder if folder is not None else recovery_folder()
        self.seconds = seconds if seconds is not None else autosave_seconds()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.write_in_background)
        self._task: SaveTask | None = None  # the copy being written on a worker
        self._again = False  # edits were made while it was: write once more after it
        self._drop = False  # the copy being written is moot: remove it once written
        self._first = 0.0  # when the first edit not yet in a copy was made (monotonic)
        self._dirty = False
        self._own: object = _NOTHING  # the file whose copy this window wrote
        self._adopted: list[recovery.RecoveryCopy] = []  # copies restored into this window
        # What the last copy wrote: the next copies only what changed (see save_memo),
        # used by one copy at a time, forgotten with the copy.
        self.memo = SaveMemo()
        # The signals' own values, never the stack: it emits them while being destroyed.
        stack = session.undo_stack
        stack.indexChanged.connect(self._edited)
        stack.cleanChanged.connect(self._clean_changed)

    def _edited(self, _index: int = 0) -> None:
        if not self._dirty:
            return
        if not self._timer.isActive():
            self._first = time.monotonic()
        elif time.monotonic() - self._first >= self.seconds:
            return  # edits that never pause: let the running timer write the copy
        self._timer.start(max(1, round(self.seconds * 1000)))

    def _clean_changed(self, clean: bool) -> None:
        self._dirty = not clean
        if clean:
            self._timer.stop()
            self.discard(wait=False)
        else:
            self._edited()

    @property
    def writing(self) -> bool:
        """Whether a copy is being written on the worker (its outcome not yet taken)."""
        return self._task is not None

    def pending(self) -> bool:
        """Whether a copy is due (edits were made since the last one)."""
        return self._timer.isActive()

    def write_in_background(self) -> None:
        """Write the copy on a worker thread, from a snapshot of the document now."""
        self._timer.stop()
        if self._task is not None:
            self._again = True
            return
        if self.folder is None:
            self.failed.emit("No recovery copy: this system names no application-data folder")
            return
        path = self.session.path
        task = SaveTask(partial(recovery.write_copy, self.folder, path,
                                snapshot_of(self.session.document), memo=self.memo),
                        path, self)
        task.finished.connect(partial(self._written, task, path))
        self._task = task
        task.start()

    def _written(self, task: SaveTask, path: Path | None,
                 copy: recovery.RecoveryCopy | None, error: SaveError | None) -> None:
        if self._task is task:
            self._task = None
        task.deleteLater()
        if self._drop:
            self._drop = False
            self.memo.forget()  # it held the events of the changes dropped
            if copy is not None:
                copy.remove()
        elif error is not None or copy is None:
            self.failed.emit(f"No recovery copy: {error}")
        else:
            self._keep(path, copy)
        if self._again:
            self._again = False
            self.write_in_background()

    def finish(self) -> None:
        """Wait for the copy being written on the worker, if any."""
        while self._task is not None:
            self._task.wait()

    def write_now(self) -> recovery.RecoveryCopy | None:
        """Write the copy at once; None (and ``failed``) if it could not be written."""
        self._timer.stop()
        self._again = False
        self.finish()
        path = self.session.path
        if self.folder is None:
            self.failed.emit("No recovery copy: this system names no application-data folder")
            return None
        try:
            copy = recovery.write_copy(self.folder, path, self.session.document,
                                       memo=self.memo)
        except (SaveError, OSError) as exc:
            self.failed.emit(f"No recovery copy: {exc}")
            return None
        self._keep(path, copy)
        return copy

    def _keep(self, path: Path | None, copy: recovery.RecoveryCopy) -> None:
        if self._own is not _NOTHING and self._own != path:
            self.discard()
        self._own = path
        self.written.emit(copy)

    def adopt(self, original: Path | None, copy: recovery.RecoveryCopy) -> None:
        """``copy`` of ``original`` was restored into this window: it is now this
        window's, removed with the copies this window writes."""
        if self._own is not _NOTHING and self._own != original:
            self.discard()
        self._own = original
        self._adopted.append(copy)

    def discard(self, *, wait: bool = True) -> None:
        """Remove the copy this window wrote (its work was saved or deliberately dropped);
        one being written is removed once written, or at once with ``wait``."""
        self._timer.stop()
        self._again = False
        if wait:
            self.finish()
        elif self._task is not None:
            self._drop = True
        if self._task is None:
            self.memo.forget()  # the copy goes: nothing of it is read again
        if self._own is not _NOTHING and self.folder is not None:
            recovery.remove_copy(self.folder, self._own)  # type: ignore[arg-type]
            self._own = _NOTHING
        for copy in self._adopted:
            copy.remove()
        self._adopted.clear()
