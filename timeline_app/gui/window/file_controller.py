"""File > Open, Open Recent, Save, Save As, Export: the dialogs around the session's I/O.

Kept out of ``MainWindow`` so that the window only wires parts together, and out of the
session so that the session stays testable without dialogs.  Every failure is shown to
the user with the located problems; nothing here ever loses the open document.

No edit is lost without the user's say: every way of opening a file asks about unsaved
changes before the load starts; a background load that finishes after the open timeline
was edited asks again before it replaces it (the window keeps working while a big file
loads, so edits made meanwhile are the user's latest work); Save notices a file that
another program changed since it was opened or saved, and asks whether to keep this
version or reload that one.

File > New starts an empty untitled timeline; a file to open that does not exist is
offered as a new timeline that Save writes there.  The default timeline is a read-only
sample (Save asks where to write).  Once a timeline is open, a recovery copy that a
session which ended without saving left for it is offered (Restore, Discard, Cancel);
the untitled timeline's copy is offered on File > New and with the sample, which is what
the app opens when it is started without a file.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from timeline_app.core.fileformat.fingerprint import (
    Fingerprint,
    changed_on_disk,
    load_with_fingerprint,
)
from timeline_app.core.fileformat.loader import LoadResult
from timeline_app.core.fileformat.recovery import RecoveryCopy, find_copies, load_copy
from timeline_app.core.fileformat.storage import backup_path, remove_stale_temporaries
from timeline_app.core.view.derived import DerivedState
from timeline_app.gui.dialogs.file_questions import (
    ExternalChange,
    ExternalChangeDialog,
    ask_create_missing,
    ask_unsaved_changes,
)
from timeline_app.gui.dialogs.problems_dialog import ProblemsDialog
from timeline_app.gui.dialogs.recovery_dialog import RecoveryChoice, RecoveryDialog
from timeline_app.gui.document.autosave import Autosave
from timeline_app.gui.document.background_load import BACKGROUND_THRESHOLD, LoadTask
from timeline_app.gui.document.restore_command import RestoreRecoveryCommand
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import inform, one_line
from timeline_app.gui.timeline.export import ExportError
from timeline_app.gui.timeline.export_dialog import ExportDialog, recall, remember
from timeline_app.gui.timeline.export_files import encode, write_bytes
from timeline_app.gui.window.file_import import OPEN_FILTER, foreign_kind, import_file
from timeline_app.gui.window.saving import BackgroundSaver
from timeline_app.paths import default_timeline_path

__all__ = ["MAX_RECENT", "FileController"]

MAX_RECENT = 10
JSON_FILTER = "Timeline files (*.json);;All files (*)"


class FileController(QObject):
    """Opens and saves the session's document on behalf of a window."""

    recentChanged = Signal()
    loadStarted = Signal(object)  # LoadTask: the window shows its progress
    loadFinished = Signal(bool)  # whether the background load opened the file

    def __init__(self, session: DocumentSession, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.settings = settings
        self.last_problems: list[str] = []
        self.task: LoadTask | None = None
        self.autosave = Autosave(session, self)
        self.saver = BackgroundSaver(session, window, self._overwrite_agreed, self._remember)

    # --- recent files -------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def _remember(self, path: Path) -> None:
        name = os.fspath(path.resolve())
        before = self.recent_files()
        recent = [name, *(f for f in before if f != name)][:MAX_RECENT]
        if recent == before:
            # Every Save tells it: a settings file written is synced to disk on this
            # thread, which waits tens of milliseconds while the disk frees the file
            # the save replaced.
            return
        self.settings.setValue("recentFiles", recent)
        self.recentChanged.emit()

    def clear_recent(self) -> None:
        self.settings.setValue("recentFiles", [])
        self.recentChanged.emit()

    # --- opening ------------------------------------------------------------------------
    def open_path(self, path: str | os.PathLike[str], *, show_problems: bool = True,
                  background: bool | None = None) -> bool:
        """Open ``path``; on problems show them all and keep the current document.

        Every way of opening a file comes here (File > Open, Open Recent, a drop, the
        command line, the desktop's "Open With"): unsaved changes are asked about first
        (Save, Discard, Cancel), and Cancel opens nothing.  Large files (or
        ``background=True``) load on a worker thread: this returns False at once and
        ``loadFinished`` tells the outcome.  A file that does not exist is offered as a
        new timeline to be saved there.
        """
        target = Path(path)
        try:
            target.stat()
        except FileNotFoundError:
            return self.create_missing(target)
        except OSError:
            pass  # the load says what is wrong
        if not self.maybe_save():
            return False
        return self._open(target, show_problems, background)

    # --- new timelines and recovery copies ------------------------------------------------
    def new_timeline(self) -> bool:
        """File > New: after asking about unsaved changes, an empty untitled timeline."""
        if not self.maybe_save():
            return False
        self.cancel_load()
        self.session.start_new(None)
        self.offer_recovery()
        return True

    def create_missing(self, target: Path) -> bool:
        """``target`` does not exist: offer a new timeline bound to it.  Nothing is written
        until Save, so a mistyped name leaves no file behind."""
        if not ask_create_missing(self.window, one_line(os.fspath(target), 300)):
            return False
        if not self.maybe_save():
            return False
        self.cancel_load()
        self.session.start_new(target.absolute())
        self.offer_recovery()
        return True

    def offer_recovery(self) -> bool:
        """Offer the recovery copy of the open timeline, if a session that ended without
        saving left one; with the sample, then the untitled timeline's.  Whether one was
        restored."""
        if self._offer_copy(self.session.path):
            return True
        return self.session.read_only and self._offer_copy(None)

    def _offer_copy(self, original: Path | None) -> bool:
        """Offer each copy of ``original``, newest first, until one is restored."""
        folder = self.autosave.folder
        for copy in find_copies(folder, original) if folder is not None else []:
            if copy.in_use():
                continue
            dialog = RecoveryDialog(None if original is None else one_line(original.name),
                                    copy.saved_at, self.window)
            choice = dialog.ask()
            dialog.deleteLater()
            if choice is RecoveryChoice.DISCARD:
                copy.remove()
            elif choice is RecoveryChoice.CANCEL:
                copy.keep_aside()  # this session's autosave must not overwrite it
            elif self._restore(original, copy):
                return True
        return False

    def _restore(self, original: Path | None, copy: RecoveryCopy) -> bool:
        result = load_copy(copy)
        if result.document is None or result.problems:  # the copy is kept as it is
            self.show_problems(copy.path, [str(p) for p in result.problems])
            return False
        if original is None and self.session.path is not None:
            self.session.start_new(None)  # the untitled work, instead of the sample
        self.session.undo_stack.push(RestoreRecoveryCommand(self.session, result.document))
        self.autosave.adopt(original, copy)
        return True

    def _open(self, target: Path, show_problems: bool, background: bool | None) -> bool:
        self.cancel_load()  # the latest open is the one the user wants
        kind = foreign_kind(target)  # ACLED, TimelineJS, a CSV table: a new timeline
        if kind is not None:
            return import_file(self, target, kind)
        remove_stale_temporaries(target)
        if background is None:
            try:
                background = target.stat().st_size >= BACKGROUND_THRESHOLD
            except OSError:
                background = False
        if background:
            self._start_background(target, show_problems)
            return False
        result, fingerprint = load_with_fingerprint(target)
        return self._apply(target, result, show_problems, fingerprint=fingerprint)

    def _apply(self, target: Path, result: LoadResult, show_problems: bool,
               derived: DerivedState | None = None,
               fingerprint: Fingerprint | None = None) -> bool:
        # The shipped sample is never overwritten, from a bundle or a checkout.
        read_only = target.resolve() == default_timeline_path().resolve()
        outcome = self.session.adopt(result, target, read_only=read_only, derived=derived,
                                     fingerprint=fingerprint)
        self.last_problems = outcome.problems
        if not outcome.ok:
            if show_problems:
                self.show_problems(target, outcome.problems)
            return False
        if not read_only:
            self._remember(target)
        self.offer_recovery()
        return True

    def _start_background(self, target: Path, show_problems: bool) -> None:
        # The loader thread derives the lanes of the grouping the window shows.
        task = LoadTask(target, self, self.session.derived.group_by)
        self.task = task
        # The revision of the document the user agreed to replace (a partial, not a
        # closure: nothing here may hold itself, or the frozen collector keeps it).
        task.finished.connect(partial(self._background_finished, task, show_problems,
                                      self.session.revision))
        self.loadStarted.emit(task)
        task.start()

    def _background_finished(self, task: LoadTask, show_problems: bool, agreed: int,
                             result: LoadResult | None, derived: DerivedState | None) -> None:
        if self.task is task and self._dialog_open():
            # An edit dialog (or a question) is open on the current document: replace it
            # once that is answered, never under the user's hands.
            QTimer.singleShot(50, partial(self._background_finished, task, show_problems,
                                          agreed, result, derived))
            return
        current = self.task is task
        if current:
            self.task = None
        ok = False
        if current and result is not None and (
                not result.ok or self.session.revision == agreed
                or self._may_replace_edits(task.path)):
            ok = self._apply(task.path, result, show_problems, derived, task.fingerprint)
        self.loadFinished.emit(ok)
        task.deleteLater()

    def _dialog_open(self) -> bool:
        """Whether a modal dialog of this window (the event editor, a question) is open."""
        widget = QApplication.activeModalWidget()
        while widget is not None and widget is not self.window:
            widget = widget.parentWidget()
        return widget is not None

    def _may_replace_edits(self, target: Path) -> bool:
        """A background load finished, but the open timeline was edited while it loaded."""
        name = one_line(self.session.display_name())
        target_name = one_line(target.name)
        return self.maybe_save(
            f"{target_name} has been read, but {name} was changed while it loaded. "
            f"Save the changes to {name} before {target_name} replaces it?\n\n"
            f"Cancel keeps {name} open as it is, and does not open {target_name}.")

    def cancel_load(self, *, wait: bool = False) -> None:
        """Cancel the background load, if any; ``wait`` (on quit) for the threads of every
        load to end, those cancelled earlier and still winding down included."""
        task, self.task = self.task, None
        if task is not None:
            task.cancel()
        if wait:
            for running in self.findChildren(LoadTask):
                running.cancel_and_wait()

    def show_problems(self, path: Path, problems: list[str]) -> ProblemsDialog:
        count = len(problems)
        name = one_line(path.name)
        # Only a file that was read can be fixed; a missing file, a folder or one the
        # account may not read has its own advice in the problem line.
        advice = "; fix the file and open it again." if _readable_file(path) else "."
        dialog = ProblemsDialog(
            f"Cannot open {name}",
            f"{name} could not be opened: {count} problem{'s' if count != 1 else ''}. "
            f"Nothing was changed{advice}",
            problems,
            self.window,
        )
        dialog.setModal(True)
        dialog.show()
        return dialog

    def ask_open(self) -> None:
        start = os.fspath(self.session.path.parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Timeline", start, OPEN_FILTER)
        if path:
            self.open_path(path)

    def reload(self) -> bool:
        """Open the session's file again, as it is on disk, after asking to discard edits."""
        path = self.session.path
        if path is None:
            return False
        if not self.session.undo_stack.isClean() and ask_unsaved_changes(
                self.window,
                f"Discard the unsaved changes to {path.name} and open the version on disk?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Discard:
            return False
        return self._open(path, True, None)

    # --- saving ---------------------------------------------------------------------------
    def save(self, *, wait: bool = True) -> bool:
        """Save (on a worker thread); ``wait``: return once written, whether it was
        (File > Save does not wait: it returns whether the save started)."""
        if self.session.path is None or self.session.read_only:
            return self.save_as(wait=wait)
        return self.saver.save(self.session.path, wait=wait)

    def save_as(self, *, wait: bool = True) -> bool:
        start = os.fspath(self.session.path) if self.session.path else "timeline.json"
        if self.session.imported_from is not None:  # next to it, never over it
            start = os.fspath(self.session.imported_from.with_suffix(".timeline.json"))
        if self.session.read_only and self.session.path is not None:
            start = os.fspath(Path.home() / self.session.path.name)
        path, _ = QFileDialog.getSaveFileName(self.window, "Save Timeline As", start, JSON_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += ".json"
        return self.saver.save(Path(path), wait=wait)

    def _save_to(self, path: Path) -> bool:
        return self.saver.save(path, wait=True)

    def _overwrite_agreed(self, path: Path) -> bool:
        """Whether saving to ``path`` may go on.  If another program changed the session's
        file since it was opened or saved, ask: keep this version (the other one becomes
        the .bak), or reload that one."""
        known, own = self.session.fingerprint, self.session.path
        if own is None or os.path.realpath(path) != os.path.realpath(own):
            return True
        try:
            if known is None:  # a new timeline for a file that did not exist: does it now?
                changed_ns = os.stat(path).st_mtime_ns
            else:
                outside = changed_on_disk(path, known)
                if outside is None:
                    return True
                changed_ns = outside.mtime_ns
        except OSError:
            return True  # absent, or unreadable: the save says what is wrong
        dialog = ExternalChangeDialog(path.name, backup_path(path).name, changed_ns,
                                      self.window)
        choice = dialog.ask()
        dialog.deleteLater()
        if choice is ExternalChange.RELOAD:
            self.reload()
        return choice is ExternalChange.KEEP

    def maybe_save(self, question: str | None = None) -> bool:
        """Before the document is replaced or the app quits: save, discard or cancel."""
        self.saver.finish()  # a save that is running may make the question moot
        if self.session.undo_stack.isClean():
            return True
        answer = ask_unsaved_changes(
            self.window,
            question
            or f"Save the changes to {one_line(self.session.display_name())} before closing it?")
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- export ---------------------------------------------------------------------------
    def ask_export_image(self, prepare, visible_range: tuple[float, float]) -> str | None:
        """File > Export Image…: the options, then the file name; returns the path written.

        ``prepare(options)`` lays the open timeline out for an export.  The file dialog
        opens in the timeline's folder; the choices are remembered for the next time.
        """
        dialog = ExportDialog(recall(self.settings), visible_range, prepare, self.window)
        if not dialog.exec():
            return None
        try:
            options = dialog.options()
        except ExportError as exc:
            inform(self.window, "Export failed", str(exc))
            return None
        remember(self.settings, dialog.choices())
        ext = options.format
        base = self.session.path.with_suffix(f".{ext}").name if self.session.path \
            else f"timeline.{ext}"
        folder = self.session.path.parent if self.session.path else Path.home()
        path, _ = QFileDialog.getSaveFileName(self.window, "Export Image",
                                              os.path.join(os.fspath(folder), base),
                                              f"{ext.upper()} files (*.{ext})")
        if not path:
            return None
        if not path.lower().endswith(f".{ext}"):
            path += f".{ext}"
        try:
            write_bytes(path, encode(prepare(options)))
        except ExportError as exc:
            inform(self.window, "Export failed", str(exc))
            return None
        return path


def _readable_file(path: Path) -> bool:
    """Whether ``path`` is a regular file this account may read."""
    try:
        return path.is_file() and os.access(path, os.R_OK)
    except OSError:
        return False
