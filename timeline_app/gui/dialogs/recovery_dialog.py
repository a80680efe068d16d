"""The question asked when a timeline has a recovery copy from a session that ended
without saving (a crash, a kill, a power cut).  The file name is shown as plain text."""

from __future__ import annotations

import time
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["RecoveryChoice", "RecoveryDialog"]


class RecoveryChoice(Enum):
    RESTORE = "restore"  # open the copy as unsaved changes to the file
    DISCARD = "discard"  # delete the copy
    CANCEL = "cancel"  # neither: the copy stays for next time


class RecoveryDialog(QMessageBox):
    def __init__(self, name: str | None, saved_at: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Recover unsaved changes")
        self.setTextFormat(Qt.TextFormat.PlainText)
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(saved_at))
        what = name if name is not None else "An untitled timeline"
        self.setText(
            f"{what} had unsaved changes when {'it' if name is None else 'the app'} last "
            f"closed without saving. A recovery copy of them was made at {when}.\n\n"
            "Restore opens that copy as unsaved changes (Save writes them"
            f"{'' if name is None else ' to ' + name}).\n"
            "Discard deletes the copy. Cancel keeps it and asks again next time.")
        self.restore_button = self.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.discard_button = self.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        self.discard_button.setObjectName("discardButton")
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.restore_button)
        self.setEscapeButton(cancel)

    def ask(self) -> RecoveryChoice:
        self.exec()
        clicked = self.clickedButton()
        if clicked is self.restore_button:
            return RecoveryChoice.RESTORE
        if clicked is self.discard_button:
            return RecoveryChoice.DISCARD
        return RecoveryChoice.CANCEL
