"""File > Save and Save As on a worker thread, one save at a time.

The window stays live while the file is written (see ``document/background_save.py``):
the status bar says "Saving…", then "Saved".  A Save asked for while another runs is
queued and starts, from a fresh snapshot, once the first has ended; anything that
replaces the document or closes the window first waits for the saves to end (``finish``),
so that no edit is lost and a failure is reported while the document is still open.
An error is reported as a save on the GUI thread reported it, and leaves the timeline
modified.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from threading import Thread

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from timeline_app.core.fileformat.fingerprint import Fingerprint
from timeline_app.core.fileformat.save_memo import FileIdentity, RunLog, SaveMemo
from timeline_app.core.fileformat.storage import SaveError, save_document
from timeline_app.core.model import Document
from timeline_app.gui.document.background_save import SaveTask, Snapshot, snapshot_of
from timeline_app.gui.document.save_priming import SavePriming
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import inform, one_line

__all__ = ["BackgroundSaver"]


class BackgroundSaver(QObject):
    """Runs the window's saves; ``agreed(path)`` asks whether a save may overwrite (the
    file changed on disk?), ``done(path)`` is told of each save that succeeded."""

    started = Signal(str)  # the status message: "Saving NAME…"
    finished = Signal(bool, str)  # whether it was saved; the status message

    def __init__(self, session: DocumentSession, window: QWidget,
                 agreed: Callable[[Path], bool], done: Callable[[Path], None]) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.agreed = agreed
        self.done = done
        self.task: SaveTask | None = None
        self._queued: Path | None = None
        self._last_ok = False
        # What the last save wrote: a Save after an edit copies the rest (see save_memo);
        # one save at a time uses it, and it lets go of a document that was replaced.
        self.memo = SaveMemo()
        # ... worked out from the file just opened, so that the first Save is as quick.
        self.priming = SavePriming(self)
        self._letting_go: Thread | None = None  # a priming stopped, maybe still reading
        self._generation = -1  # of the document last reset
        session.documentReset.connect(self._document_reset)

    @property
    def running(self) -> bool:
        return self.task is not None

    def _stop_priming(self) -> None:
        self._letting_go = self.priming.stop() or self._letting_go

    def _document_reset(self) -> None:
        self._stop_priming()
        self.memo.forget()
        session = self.session
        opened = session.generation != self._generation  # not a restore or its undo
        self._generation = session.generation
        if (opened and session.path is not None and not session.read_only
                and session.undo_stack.isClean() and session.document.events):
            self.priming.start(snapshot_of(session.document), session.path, self._primed)

    def _primed(self, log: RunLog, identity: FileIdentity) -> None:
        if self.task is None:  # a save since would have stopped it; nothing to clash with
            self.memo.commit(log, identity)

    def save(self, path: Path, *, wait: bool = False) -> bool:
        """Save the document to ``path``; with ``wait``, return once it is written,
        whether it was; else whether the save started (or was queued)."""
        self._stop_priming()
        if self.task is not None:
            if not wait:
                self._queued = path
                return True
            self.finish()
        if not self.agreed(path):
            return False
        session = self.session
        snapshot = session.snapshot()
        session.merge_barrier = snapshot.index
        task = SaveTask(partial(_save_after, self._letting_go, snapshot.document, path,
                                self.memo),
                        path, self)
        task.finished.connect(partial(self._finished, task, snapshot, path))
        self.task = task
        self.started.emit(f"Saving {one_line(path.name)}…")
        task.start()
        if not wait:
            return True
        self.finish()
        return self._last_ok

    def finish(self) -> None:
        """Wait for the running save and the one queued after it, if any (and stop
        working out the memo: the document is about to be replaced or closed)."""
        self.priming.stop(wait=True)
        while self.task is not None:
            self.task.wait()

    def _finished(self, task: SaveTask, snapshot: Snapshot, path: Path,
                  fingerprint: Fingerprint | None, error: SaveError | None) -> None:
        if self.task is task:
            self.task = None
        task.deleteLater()
        self.session.merge_barrier = None
        self._last_ok = error is None and fingerprint is not None
        if error is not None or fingerprint is None:
            text = str(error)
            if error is not None and error.problems:
                text += "\n\n" + "\n".join(str(p) for p in error.problems[:20])
            self.finished.emit(False, f"Not saved: {one_line(path.name)}")
            inform(self.window, "Not saved", text)
        else:
            self.session.saved(snapshot, path, fingerprint)
            self.done(path)
            self.finished.emit(True, f"Saved {one_line(path.name)}")
        queued, self._queued = self._queued, None
        if queued is not None:
            self.save(queued)


def _save_after(priming: Thread | None, document: Document, path: Path,
                memo: SaveMemo) -> Fingerprint:
    """``save_document`` on the worker, once a priming stopped for it has let go of the
    file (it ends at its next run; the window does not wait for it)."""
    if priming is not None:
        priming.join()
    return save_document(document, path, memo=memo)
