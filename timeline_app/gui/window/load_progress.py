"""The status-bar progress of a background load, with its Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from timeline_app.gui.document.background_load import LoadTask
from timeline_app.gui.plain_text import one_line

__all__ = ["LoadProgress"]


class LoadProgress(QWidget):
    """Shows one task's progress; removes itself when the task ends."""

    def __init__(self, task: LoadTask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadProgress")
        self.task = task
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._name = one_line(task.path.name, 80, count=False)  # a file name is plain text
        self.label = QLabel()
        self.label.setObjectName("loadProgressLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(f"Opening {self._name}…")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Opening progress")
        self.bar.setFixedWidth(180)
        self.bar.setRange(0, 100)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelLoadButton")
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        task.progress.connect(self._on_progress)
        task.finished.connect(lambda _result, _derived: self.deleteLater())

    def _on_progress(self, percent: int, what: str) -> None:
        # Only what changed: a new text lays the status bar out again.
        if percent < 0:
            self.bar.setRange(0, 0)  # busy: parsing has no meaningful percentage
        else:
            if self.bar.maximum() == 0:
                self.bar.setRange(0, 100)
            self.bar.setValue(percent)
        text = f"{what} {self._name}…"
        if self.label.text() != text:
            self.label.setText(text)

    def _cancel(self) -> None:
        self.task.cancel()
        self.label.setText("Cancelling…")
        self.cancel_button.setEnabled(False)
