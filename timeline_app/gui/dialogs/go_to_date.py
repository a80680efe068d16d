"""View > Go to Date: reads what the event editor reads ("April 2019", "2019-04-04?",
"2019/2020"), with the same advice for what it refuses."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from timeline_app.core.dates.partial import DateError
from timeline_app.core.dates.typed import TypedDate, read_typed
from timeline_app.gui.plain_text import inform

__all__ = ["ask_date"]


def ask_date(parent: QWidget) -> TypedDate | None:
    """The date or interval typed (read as the event editor reads it), None if cancelled."""
    text = ""
    while True:
        text, ok = QInputDialog.getText(
            parent, "Go to Date",
            "Date (for example 2019-04-04, April 2019, 4 Apr 2019, 2019-04/2019-06):",
            text=text,
        )
        if not ok or not text.strip():
            return None
        try:
            return read_typed(text)
        except DateError as exc:
            inform(parent, "Not a date", str(exc), QMessageBox.Icon.Warning)
