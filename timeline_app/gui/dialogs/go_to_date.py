"""View > Go to Date: accepts what people type ("April 2019", "4 Apr 2019", "2019-04-04")."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from timeline_app.core.dates.partial import DateError, PartialDate
from timeline_app.core.dates.text import parse_text
from timeline_app.gui.plain_text import inform

__all__ = ["ask_date"]


def ask_date(parent: QWidget) -> PartialDate | None:
    text = ""
    while True:
        text, ok = QInputDialog.getText(
            parent, "Go to Date", "Date (for example 2019-04-04, April 2019, 4 Apr 2019):",
            text=text,
        )
        if not ok or not text.strip():
            return None
        try:
            return parse_text(text)
        except DateError as exc:
            inform(parent, "Not a date", str(exc), QMessageBox.Icon.Warning)
