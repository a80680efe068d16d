"""File > Open, Open Recent, Save, Save As, Export: the dialogs around the session's I/O.

Kept out of ``MainWindow`` so that the window only wires parts together, and out of the
session so that the session stays testable without dialogs.  Every failure is shown to
the user with the located problems; nothing here ever loses the open document.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from timeline_app.core.fileformat.loader import LoadResult, load_path
from timeline_app.core.fileformat.storage import SaveError
from timeline_app.core.view.derived import DerivedState
from timeline_app.gui.dialogs.problems_dialog import ProblemsDialog
from timeline_app.gui.document.background_load import BACKGROUND_THRESHOLD, LoadTask
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import ask, inform, one_line
from timeline_app.gui.timeline.export import ExportError
from timeline_app.gui.timeline.export_dialog import ExportDialog, recall, remember
from timeline_app.gui.timeline.export_files import encode, write_bytes
from timeline_app.paths import default_timeline_path, is_bundled

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

    # --- recent files -------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def _remember(self, path: Path) -> None:
        name = os.fspath(path.resolve())
        files = [f for f in self.recent_files() if f != name]
        self.settings.setValue("recentFiles", [name, *files][:MAX_RECENT])
        self.recentChanged.emit()

    def clear_recent(self) -> None:
        self.settings.setValue("recentFiles", [])
        self.recentChanged.emit()

    # --- opening ------------------------------------------------------------------------
    def open_path(self, path: str | os.PathLike[str], *, show_problems: bool = True,
                  background: bool | None = None) -> bool:
        """Open ``path``; on problems show them all and keep the current document.

        Large files (or ``background=True``) load on a worker thread: this returns False
        at once and ``loadFinished`` tells the outcome.
        """
        target = Path(path)
        if background is None:
            try:
                background = target.stat().st_size >= BACKGROUND_THRESHOLD
            except OSError:
                background = False
        if background:
            self._start_background(target, show_problems)
            return False
        return self._apply(target, load_path(target), show_problems)

    def _apply(self, target: Path, result: LoadResult, show_problems: bool,
               derived: DerivedState | None = None) -> bool:
        read_only = is_bundled() and target.resolve() == default_timeline_path().resolve()
        outcome = self.session.adopt(result, target, read_only=read_only, derived=derived)
        self.last_problems = outcome.problems
        if not outcome.ok:
            if show_problems:
                self.show_problems(target, outcome.problems)
            return False
        if not read_only:
            self._remember(target)
        return True

    def _start_background(self, target: Path, show_problems: bool) -> None:
        if self.task is not None:
            self.task.cancel()
        # The loader thread derives the lanes of the grouping the window shows.
        task = LoadTask(target, self, self.session.derived.group_by)
        self.task = task

        def finished(result: LoadResult | None, derived: DerivedState | None) -> None:
            if self.task is task:
                self.task = None
            ok = result is not None and self._apply(target, result, show_problems, derived)
            self.loadFinished.emit(ok)
            task.deleteLater()

        task.finished.connect(finished)
        self.loadStarted.emit(task)
        task.start()

    def show_problems(self, path: Path, problems: list[str]) -> ProblemsDialog:
        count = len(problems)
        name = one_line(path.name)
        dialog = ProblemsDialog(
            f"Cannot open {name}",
            f"{name} could not be opened: {count} problem{'s' if count != 1 else ''}. "
            "Nothing was changed; fix the file and open it again.",
            problems,
            self.window,
        )
        dialog.setModal(True)
        dialog.show()
        return dialog

    def ask_open(self) -> None:
        if not self.maybe_save():
            return
        start = os.fspath(self.session.path.parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Timeline", start, JSON_FILTER)
        if path:
            self.open_path(path)

    # --- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        if self.session.path is None or self.session.read_only:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        start = os.fspath(self.session.path) if self.session.path else "timeline.json"
        if self.session.read_only and self.session.path is not None:
            start = os.fspath(Path.home() / self.session.path.name)
        path, _ = QFileDialog.getSaveFileName(self.window, "Save Timeline As", start, JSON_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += ".json"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.session.save_as(path)
        except SaveError as exc:
            lines = [str(p) for p in exc.problems] or [str(exc)]
            inform(self.window, "Not saved", f"{exc}\n\n" + "\n".join(lines[:20]))
            return False
        self._remember(path)
        return True

    def maybe_save(self) -> bool:
        """Before the document is replaced or the app quits: save, discard or cancel."""
        if self.session.undo_stack.isClean():
            return True
        answer = ask(
            self.window,
            "Unsaved changes",
            f"Save the changes to {one_line(self.session.display_name())} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
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
