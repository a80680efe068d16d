"""Opening a file of another format (ACLED CSV, TimelineJS, our CSV table) as a new
timeline, and File > Export as CSV / TimelineJS.

The file controller's open path asks ``foreign_kind`` and hands such a file here: it is
imported by the core (``core.interchange``) into a new unsaved document named
"NAME (imported)"; Save then asks where to save it, so the file it came from is never
written over.  Rows that cannot be imported are listed, and the rest imported only if
the user says Import.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.storage import SaveError, atomic_write_bytes
from timeline_app.core.interchange.formats import export_document, import_kind, import_path
from timeline_app.gui.plain_text import inform, message_box, one_line

if TYPE_CHECKING:
    from timeline_app.gui.window.file_controller import FileController

__all__ = ["OPEN_FILTER", "ask_export", "foreign_kind", "import_file"]

OPEN_FILTER = ("Timelines and imports (*.json *.csv);;Timeline files (*.json);;"
               "ACLED exports and CSV tables (*.csv);;TimelineJS files (*.json);;"
               "All files (*)")
EXPORTS = {"csv": ("CSV", "CSV tables (*.csv)", ".csv"),
           "timelinejs": ("TimelineJS", "TimelineJS files (*.json)", ".json")}
SHOWN_PROBLEMS = 20


def foreign_kind(path: Path) -> str | None:
    """The import type of the file at ``path``; None for a timeline of ours (or a file
    that cannot be read: the ordinary open says why)."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return None
    return import_kind(path, head)


def _listed(problems: list[Problem]) -> str:
    lines = [one_line(str(p), 300) for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"… and {len(problems) - SHOWN_PROBLEMS} more")
    return "\n".join(lines)


def ask_import_rest(parent: QWidget, name: str, good: int, problems: list[Problem]) -> bool:
    """Import the good rows, leaving out those with problems? Import / Cancel."""
    n = len(problems)
    box = message_box(
        QMessageBox.Icon.Warning, "Import with problems",
        f"{n} row{'s' if n != 1 else ''} of {one_line(name)} cannot be imported:\n\n"
        f"{_listed(problems)}\n\nImport the other {good} event{'s' if good != 1 else ''}?",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent,
        QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText("Import")
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Ok


def import_file(files: FileController, target: Path, kind: str) -> bool:
    """Import ``target`` as a new unsaved timeline; False when nothing was opened."""
    result = import_path(target, kind, display_name=target.name)
    problems = [str(p) for p in result.problems]
    if result.document is None:
        files.last_problems = problems
        files.show_problems(target, problems)
        return False
    if result.problems and not ask_import_rest(files.window, target.name,
                                               len(result.document.events), result.problems):
        return False
    outcome = files.session.adopt_imported(result.document, target)
    files.last_problems = outcome.problems
    return outcome.ok


def ask_export(files: FileController, kind: str) -> bool:
    """File > Export as CSV / TimelineJS: choose a file, write it, say what was left out."""
    label, name_filter, suffix = EXPORTS[kind]
    session = files.session
    stem = (session.path or session.imported_from or Path("timeline")).stem
    folder = files.settings.value("exportFolder", os.fspath(Path.home()))
    path, _ = QFileDialog.getSaveFileName(files.window, f"Export as {label}",
                                          os.path.join(str(folder), stem + suffix), name_filter)
    if not path:
        return False
    if not path.lower().endswith(suffix):
        path += suffix
    if session.path is not None and os.path.realpath(path) == os.path.realpath(session.path):
        inform(files.window, "Not exported", f"{one_line(Path(path).name)} is the open "
               "timeline's own file: choose another name for the export.")
        return False
    result = export_document(session.document, kind, bom=kind == "csv")
    try:
        atomic_write_bytes(path, result.data, keep_backup=False)
    except (SaveError, OSError) as exc:
        inform(files.window, "Export failed", one_line(str(exc), 500))
        return False
    files.settings.setValue("exportFolder", os.path.dirname(path))
    if result.lost:
        inform(files.window, f"Exported as {label}",
               f"{one_line(Path(path).name)} was written. {label} cannot carry:\n\n"
               + "\n".join(f"• {what}" for what in result.lost),
               QMessageBox.Icon.Information)
    return True
