"""The texts the source view shows: one ``QTextDocument`` per source seen lately.

A text edit that takes each source's text in turn (``setPlainText``) clears its one
document, and every cursor on it (the faint marks of the other sources among them)
falls back to the start: a source shown again lost its marks.  Here each source has a
document of its own, with the marks made on it, and showing a source seen lately only
hands its document back to the text edit (a click between events of a few sources does
not insert the text again nor make its marks again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit

from timeline_app.core.model import Source
from timeline_app.gui.panes.source_text import display_text

__all__ = ["DOCUMENT_MARGIN", "KEPT_CHARACTERS", "KEPT_DOCUMENTS", "ShownText",
           "SourceDocuments"]

DOCUMENT_MARGIN = 10
KEPT_DOCUMENTS = 64  # sources whose documents are kept (the shown one among them)
KEPT_CHARACTERS = 2_000_000  # and no more text than this in all (but the shown one's)

Faint = dict[tuple[int, int], QTextEdit.ExtraSelection]


@dataclass(eq=False)
class ShownText:
    """One source's text as the view shows it."""

    text: str  # the source text it was made from (the model's string)
    document: QTextDocument
    table: list[int] | None  # code point -> Qt position; None when they are equal
    qt_length: int
    # The faint marks of the source, one per distinct cited range, made on ``document``
    # when first needed; None to be made again.
    faint: Faint | None = field(default=None)


class SourceDocuments:
    """Documents for the sources shown lately, most recent last; ``owner`` keeps them
    (not the text edit, which deletes a document of its own when given another)."""

    def __init__(self, owner: QObject, edit: QPlainTextEdit, keep: int = KEPT_DOCUMENTS,
                 characters: int = KEPT_CHARACTERS) -> None:
        self._owner = owner
        self._edit = edit
        self._keep = max(1, keep)
        self._characters = characters
        self._shown: dict[str, ShownText] = {}
        self._orphans: list[QTextDocument] = []  # dropped while the edit showed them
        self.empty = self._make("")

    def text_of(self, source: Source | None) -> ShownText:
        """The document for ``source`` (an empty one for None), made if not kept or if
        the source's text changed since; it becomes the most recent."""
        if source is None:
            return self.empty
        shown = self._shown.pop(source.id, None)
        if shown is not None and shown.text is not source.text and shown.text != source.text:
            self._drop(shown)
            shown = None
        if shown is None:
            shown = self._make(source.text)
        self._shown[source.id] = shown
        kept = sum(len(other.text) for other in self._shown.values())
        while len(self._shown) > 1 and (len(self._shown) > self._keep
                                        or kept > self._characters):
            oldest = self._shown.pop(next(iter(self._shown)))
            kept -= len(oldest.text)
            self._drop(oldest)
        return shown

    def show(self, shown: ShownText) -> None:
        """Give ``shown``'s document to the text edit, in the edit's current font."""
        document = shown.document
        if document.defaultFont() != self._edit.font():
            document.setDefaultFont(self._edit.font())
        if self._edit.document() is not document:
            self._edit.setDocument(document)
        for orphan in self._orphans:
            orphan.deleteLater()
        self._orphans.clear()

    def forget_marks(self, source_ids: Iterable[str] | None = None) -> None:
        """The faint marks of these sources (all for None) are made again when shown."""
        ids = list(self._shown) if source_ids is None else source_ids
        for source_id in ids:
            shown = self._shown.get(source_id)
            if shown is not None:
                shown.faint = None

    def kept(self) -> list[str]:
        """The ids of the sources whose documents are kept, least recent first."""
        return list(self._shown)

    def _make(self, text: str) -> ShownText:
        shown_text, table = display_text(text)
        document = QTextDocument(self._owner)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        document.setDefaultFont(self._edit.font())
        document.setPlainText(shown_text)
        qt_length = table[-1] if table is not None else len(shown_text)
        return ShownText(text, document, table, qt_length)

    def _drop(self, shown: ShownText) -> None:
        shown.faint = None
        if self._edit.document() is shown.document:
            self._orphans.append(shown.document)
        else:
            shown.document.deleteLater()
