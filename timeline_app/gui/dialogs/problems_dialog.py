"""The dialog that lists why a file could not be opened.

Problem lines quote the file (paths, values, messages) so they are shown exactly as
given, as plain text in a monospace box that can be selected and copied: the user fixes
the file by reading them, or pastes them into a report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ProblemsDialog"]


class ProblemsDialog(QDialog):
    """Shows a summary line and every problem line, with Copy and Close."""

    def __init__(
        self, title: str, summary: str, lines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._summary = summary
        self._lines = list(lines)

        icon = QLabel()
        icon.setObjectName("problemsIcon")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("problemsSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setOpenExternalLinks(False)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.summary_label.font())
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setText(summary)

        self.text = QPlainTextEdit()
        self.text.setObjectName("problemsText")
        self.text.setAccessibleName("Problems")
        self.text.setReadOnly(True)
        self.text.setUndoRedoEnabled(False)
        # Wrapped, never behind a horizontal scrollbar: a long value or path is broken
        # anywhere rather than pushed off-screen.
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setFixedPitch(True)
        self.text.setFont(mono)
        self.text.setPlainText("\n".join(self._lines))

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip("Copy the summary and all problems to the clipboard")
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeButton")
        self.close_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.summary_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(680, 380)

    def problems_text(self) -> str:
        """What Copy puts on the clipboard: the summary, a blank line, every problem."""
        return "\n".join([self._summary, "", *self._lines])

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.problems_text())
        self.copy_button.setText("Copied")
        QTimer.singleShot(1500, self, lambda: self.copy_button.setText("Copy"))
