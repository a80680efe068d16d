"""The Find Dates review list: the events the dates of the shown article propose.

While Find Dates is on, this dock lists one proposal per sentence with a date mention
(``core.proposals.propose_events``).  Accept adds the proposal as it is, as one command
on the undo stack; Accept All adds every sure one as one undoable step; Edit opens the
event editor on it (OK adds the edited event); Reject takes it off the list.  A proposal
whose date is not sure (ambiguous, open, not resolved) cannot be accepted as it is: the
analyst edits it, and the note under the list says why it has no date.  A proposal cites
the clause of its sentence that carries the date; Cite Selected Words makes it cite the
words selected in the article instead (they must hold the date), Cite Whole Sentence the
sentence.  A date some event already cites is not proposed again, so undoing an accept
brings its proposal back; a date counted from an event the article does not date ("the
day after the announcement …") is dated as soon as an event citing those words is.  The
dock is part of the window's saved layout: shown again on the next start, it turns Find
Dates on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.editing.event_anchors import date_from_events
from timeline_app.core.editing.proposals import Proposal, propose_events
from timeline_app.core.model import Citation
from timeline_app.gui.document.commands import AddEventCommand, command_text
from timeline_app.gui.plain_text import one_line, plain_label, plain_tooltip

if TYPE_CHECKING:
    from timeline_app.gui.window.main_window import MainWindow

__all__ = ["DateReview"]


class DateReview(QDockWidget):
    """The review list of Find Dates, shown while the toggle is on."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Found Dates", window)
        self.setObjectName("dateReview")
        self.window_ = window
        self.session = window.session
        self.proposals: list[Proposal] = []
        self._rejected: set[tuple[str, int, int]] = set()
        self._cited: dict[tuple[str, int, int], tuple[int, int]] = {}  # the analyst's words
        self.list = QListWidget()
        self.list.setObjectName("dateReviewList")
        self.list.setAccessibleName("Proposed events")
        self.list.setWordWrap(True)
        self.note = plain_label()
        self.note.setObjectName("dateReviewNote")
        buttons = QHBoxLayout()
        self.accept_button = self._button("&Accept", "acceptProposalButton", self.accept)
        self.edit_button = self._button("&Edit…", "editProposalButton", self.edit)
        self.reject_button = self._button("&Reject", "rejectProposalButton", self.reject)
        self.accept_all_button = self._button("Accept A&ll", "acceptAllProposalsButton",
                                              self.accept_all)
        for b in (self.accept_button, self.edit_button, self.reject_button,
                  self.accept_all_button):
            buttons.addWidget(b)
        citing = QHBoxLayout()
        self.cite_words_button = self._button("Cite Selected &Words", "citeWordsProposalButton",
                                              self.cite_selected_words)
        self.cite_words_button.setToolTip("Cite the words selected in the article, which "
                                          "must hold the date, instead of the proposed clause")
        self.cite_sentence_button = self._button("Cite Whole &Sentence",
                                                 "citeSentenceProposalButton",
                                                 self.cite_whole_sentence)
        citing.addWidget(self.cite_words_button)
        citing.addWidget(self.cite_sentence_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addLayout(citing)
        layout.addLayout(buttons)
        self.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        action = window.source.dates.action
        action.toggled.connect(self._toggled)
        window.source.sourceChanged.connect(lambda _id: self.refresh())
        for signal in (self.session.eventsChanged, self.session.documentChanged):
            signal.connect(lambda _applied: self.refresh())
        self.session.documentReset.connect(self.refresh)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def showEvent(self, event: QShowEvent) -> None:
        """Shown by the window's saved layout (Find Dates was on when it closed): the
        marks come back with the list."""
        super().showEvent(event)
        self.window_.source.dates.action.setChecked(True)

    def _toggled(self, on: bool) -> None:
        self.setVisible(on)
        self.refresh()

    # --- the list ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Propose again from the shown source, keeping the row the analyst was on."""
        source = self.window_.source.current_source()
        row = max(self.list.currentRow(), 0)
        self.proposals = []
        if source is not None and self.window_.source.dates.on:
            pairs = self.session.derived.citations.of(source.id)
            citing = list({e.id: e for e, _c in pairs}.values())
            marks = self.window_.source.dates
            proposed = propose_events(source, self.session.document.actors, marks.mentions,
                                      citing)
            marks.counted = {m.start: a.mention for m in marks.mentions
                             if (a := date_from_events(source.text, source.id, m, citing))}
            self.proposals = [
                self._with_cited_words(source.id, p) for p in proposed
                if not any(c.start <= p.mention.start and p.mention.end <= c.end
                           for _e, c in pairs)
                and (source.id, *p.sentence) not in self._rejected]
        self.list.clear()
        for p in self.proposals:
            date = p.start.iso() if p.start is not None else "no date"
            if p.start is not None and p.end is not None:
                date += f" – {p.end.iso()}"
            mark = "" if p.certain else "⚠ "
            item = QListWidgetItem(f"{mark}{date}  {one_line(p.title, 120)}")
            item.setToolTip(plain_tooltip("\n".join(
                x for x in (p.flag, p.date_note, one_line(p.citation.quote, 600)) if x)))
            self.list.addItem(item)
        if self.proposals:
            self.list.setCurrentRow(min(row, len(self.proposals) - 1))
        self._update_buttons()

    def current(self) -> Proposal | None:
        row = self.list.currentRow()
        return self.proposals[row] if 0 <= row < len(self.proposals) else None

    def _update_buttons(self) -> None:
        p = self.current()
        self.accept_button.setEnabled(p is not None and p.certain)
        self.edit_button.setEnabled(p is not None)
        self.reject_button.setEnabled(p is not None)
        self.accept_all_button.setEnabled(any(q.certain for q in self.proposals))
        self.cite_words_button.setEnabled(p is not None)
        self.cite_sentence_button.setEnabled(
            p is not None and (p.citation.start, p.citation.end) != p.sentence)
        text = "" if p is None else (p.flag or p.date_note)
        if not self.proposals:
            text = "No dated sentence left to propose." if self.window_.source.dates.on else ""
        self.note.setText(text)

    # --- the analyst's answers ----------------------------------------------------------
    def accept(self) -> bool:
        """Add the current proposal as it is: one command on the undo stack."""
        p = self.current()
        if p is None or not p.certain:
            return False
        event = p.event(self.window_.authoring.taken_ids())
        self.session.undo_stack.push(AddEventCommand(self.session, event,
                                                     command_text("Add", event)))
        return True

    def accept_all(self) -> int:
        """Add every sure proposal, as one step of the undo stack; returns how many."""
        sure = [p for p in self.proposals if p.certain]
        if not sure:
            return 0
        stack = self.session.undo_stack
        stack.beginMacro(f"Add {len(sure)} events from the found dates")
        try:
            for p in sure:
                event = p.event(self.window_.authoring.taken_ids())
                stack.push(AddEventCommand(self.session, event, command_text("Add", event)))
        finally:
            stack.endMacro()
        return len(sure)

    def edit(self) -> bool:
        """Open the event editor on the current proposal; OK adds what the analyst made."""
        p = self.current()
        source = self.window_.source.current_source()
        if p is None or source is None:
            return False
        fallback = source.published or self.window_.authoring.centre_date()
        event = p.event(self.window_.authoring.taken_ids(), fallback)
        start_text = None if p.certain else ("" if p.start is None else p.start.iso())
        note = "\n".join(x for x in (p.flag, p.date_note) if x)
        return self.window_.authoring.create(event, "Add", start_text=start_text,
                                             start_note=note)

    def reject(self) -> bool:
        p = self.current()
        source = self.window_.source.current_source()
        if p is None or source is None:
            return False
        self._rejected.add((source.id, *p.sentence))
        self.refresh()
        return True

    # --- what a proposal cites -----------------------------------------------------------
    def _with_cited_words(self, source_id: str, p: Proposal) -> Proposal:
        span = self._cited.get((source_id, *p.sentence))
        if span is None or span == (p.citation.start, p.citation.end):
            return p
        text = self.window_.source.current_source().text  # type: ignore[union-attr]
        return replace(p, citation=Citation(source_id, *span, text[span[0]:span[1]]))

    def _cite(self, p: Proposal, start: int, end: int) -> None:
        source = self.window_.source.current_source()
        if source is not None:
            self._cited[(source.id, *p.sentence)] = (start, end)
            self.refresh()

    def cite_selected_words(self) -> bool:
        """The current proposal cites the words selected in the article instead: they
        must hold its date, so the citation keeps what dates it."""
        p = self.current()
        selection = self.window_.source.text_selection()
        if p is None:
            return False
        if selection is None or not (selection.start <= p.mention.start
                                     and p.mention.end <= selection.end):
            shown = one_line(p.mention.text, 60)
            self.note.setText(f"Select words of the article that hold '{shown}' first.")
            return False
        start, end = selection.start, selection.end
        quote = selection.quote
        start += len(quote) - len(quote.lstrip())
        end -= len(quote) - len(quote.rstrip())
        self._cite(p, start, end)
        return True

    def cite_whole_sentence(self) -> bool:
        """The current proposal cites its whole sentence."""
        p = self.current()
        if p is None:
            return False
        self._cite(p, *p.sentence)
        return True
