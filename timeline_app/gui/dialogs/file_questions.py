"""The questions asked before work could be lost: unsaved changes, and a file that
another program changed.  File names are shown as plain text, never as markup."""

from __future__ import annotations

import time
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from timeline_app.gui.plain_text import message_box

__all__ = ["ExternalChange", "ExternalChangeDialog", "ask_create_missing", "ask_unsaved_changes"]

Button = QMessageBox.StandardButton


def ask_unsaved_changes(parent: QWidget | None, text: str,
                        buttons: Button = Button.Save | Button.Discard | Button.Cancel,
                        default: Button = Button.Save) -> Button:
    """Ask what becomes of unsaved changes; the button chosen (Cancel on Escape)."""
    box = message_box(QMessageBox.Icon.Question, "Unsaved changes", text, buttons, parent,
                      default)
    box.setObjectName("unsavedChangesDialog")
    return Button(box.exec())


class ExternalChange(Enum):
    KEEP = "keep"  # write this version; the other program's becomes the .bak
    RELOAD = "reload"  # open the version on disk instead
    CANCEL = "cancel"  # neither: nothing is written


class ExternalChangeDialog(QMessageBox):
    """On Save: the file was changed by another program since it was opened or saved."""

    def __init__(self, name: str, backup_name: str, changed_ns: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("externalChangeDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Changed by another program")
        self.setTextFormat(Qt.TextFormat.PlainText)
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(changed_ns / 1e9))
        self.setText(
            f"{name} was changed by another program (at {when}) since it was opened or "
            "last saved here.\n\n"
            f"Keep This Version saves the timeline as you see it; the other program's "
            f"version is kept as {backup_name}.\n"
            "Reload opens the version on disk instead of this one.")
        self.keep_button = self.addButton("Keep This Version", QMessageBox.ButtonRole.AcceptRole)
        self.keep_button.setObjectName("keepButton")
        self.reload_button = self.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
        self.reload_button.setObjectName("reloadButton")
        cancel = self.addButton(Button.Cancel)
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    def ask(self) -> ExternalChange:
        self.exec()
        clicked = self.clickedButton()
        if clicked is self.keep_button:
            return ExternalChange.KEEP
        if clicked is self.reload_button:
            return ExternalChange.RELOAD
        return ExternalChange.CANCEL


def ask_create_missing(parent: QWidget | None, name: str) -> bool:
    """A file to open does not exist: whether to start a new timeline that Save writes
    there (Create) or open nothing (Cancel)."""
    box = message_box(
        QMessageBox.Icon.Question, "File not found",
        f"{name} does not exist.\n\nCreate starts a new, empty timeline that Save writes "
        "to that file; nothing is written until you save. Cancel opens nothing.",
        Button.Cancel, parent, Button.Cancel)
    box.setObjectName("missingFileDialog")
    create = box.addButton("Create", QMessageBox.ButtonRole.AcceptRole)
    create.setObjectName("createButton")
    box.setDefaultButton(create)
    box.exec()
    return box.clickedButton() is create
