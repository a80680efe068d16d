"""Undoable changes of how the document is shown: its lane layout and its saved views.

Both are part of the file (``Document.layout`` and ``Document.views``), so each user
action that changes them (a lane dragged, hidden or recoloured; a view saved, renamed or
deleted) is one command on the session's stack.  A command holds both values, before
and after: they are small.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import one_line

__all__ = ["LayoutCommand", "ViewsCommand"]


class LayoutCommand(QUndoCommand):
    """Replace the document's lane layout (``text``: "Move Lane “Army”")."""

    def __init__(self, session: DocumentSession, layout: dict[str, Any], text: str) -> None:
        super().__init__(one_line(text, 60, count=False))
        self.session = session
        self.before = session.document.layout
        self.after = layout

    def redo(self) -> None:
        self.session.set_view_settings(layout=self.after)

    def undo(self) -> None:
        self.session.set_view_settings(layout=self.before)


class ViewsCommand(QUndoCommand):
    """Replace the document's saved views (``text``: "Save View “June”")."""

    def __init__(self, session: DocumentSession, views: list[dict[str, Any]],
                 text: str) -> None:
        super().__init__(one_line(text, 60, count=False))
        self.session = session
        self.before = session.document.views
        self.after = views

    def redo(self) -> None:
        self.session.set_view_settings(views=self.after)

    def undo(self) -> None:
        self.session.set_view_settings(views=self.before)
