"""Candidate events from the dates found in a source: one per sentence with a date mention.

Find Dates shows every date mention in an article (``core.dates.mentions``); the review
list turns the sentences that hold them into proposed events for the analyst to accept,
edit or reject.  A proposal has:

- the title from its sentence (``authoring.title_from_passage``);
- the date of the sentence's first mention that has one: a range gives start and end;
- the document's actors whose id or name (or the name's short form in brackets, or the
  name without it) occurs in the sentence as a word;
- as the citation, the clause of the sentence that carries the dated claim
  (``claim_clause.claim_span``: a short sentence whole), with its exact code-point span;
  the sentence stays with the proposal for the analyst who would rather cite it all;
- the mention's explanation as the date note (``passage.date_note``).

A mention counted from an event the article does not date ("the day after the
announcement of …") is dated from the document's event that cites those words, when
there is one dated to the day (``event_anchors.date_from_events``); proposing again after
the document changes dates it as soon as the analyst adds or dates that event.

Nothing is proposed as sure that is not: a mention read two ways keeps its first
reading only as a suggestion, flagged with every reading; a mention open at one end
("more than a year ago") or not resolved at all ("the day after" an undated event) is
proposed without a date, flagged with why.  A flagged proposal is not ``certain``: the
analyst must edit it before it becomes an event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass

from timeline_app.core.dates.mention_types import Mention
from timeline_app.core.dates.mentions import find_mentions
from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.dates.passage import date_note, mention_resolution, stated
from timeline_app.core.editing.claim_clause import claim_span
from timeline_app.core.editing.event_anchors import date_from_events
from timeline_app.core.editing.ids import new_event_id
from timeline_app.core.editing.new_events import title_from_passage
from timeline_app.core.model import Actor, Citation, Event, Source

__all__ = ["Proposal", "propose_events", "sentence_spans"]

# A sentence ends after . ! or ? (and any closing quote or bracket) before a blank, or
# at a line end; the blanks between sentences belong to none.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?=\s)|(?=\n)")
_BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*")


@dataclass(frozen=True, slots=True)
class Proposal:
    """A candidate event: the date is None when the sentence's mentions give none for
    sure; ``flag`` says why the analyst must look (empty when the date is certain)."""

    title: str
    start: PartialDate | None
    end: PartialDate | None
    actors: tuple[str, ...]
    citation: Citation
    date_note: str
    mention: Mention
    flag: str = ""
    sentence: tuple[int, int] = (0, 0)  # the code-point span of the whole sentence

    @property
    def certain(self) -> bool:
        return self.start is not None and not self.flag

    def event(self, taken: Container[str], fallback: PartialDate | None = None) -> Event:
        """The proposal as an event with a fresh id; ``fallback`` dates one without a
        date (for the editor to start from: the analyst still has to check it)."""
        start = self.start if self.start is not None else fallback
        if start is None:
            raise ValueError("a proposal without a date needs a fallback date")
        end = self.end if self.start is not None else None
        return Event(new_event_id(self.title, taken), self.title, start, end,
                     actors=list(self.actors), citations=[self.citation],
                     date_note=self.date_note)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) code-point spans of the sentences of ``text``, without the
    blanks around them."""
    spans = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(text)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            a += len(piece) - len(piece.lstrip())
            out.append((a, a + len(stripped)))
    return out


def _actor_words(actor: Actor) -> list[str]:
    words = [actor.id, actor.name]
    words += _BRACKETED.findall(actor.name)
    words.append(_BRACKETED.sub(" ", actor.name).strip())
    return [w for w in dict.fromkeys(words) if w.strip()]


def _actors_in(sentence: str, actors: Iterable[Actor]) -> tuple[str, ...]:
    found = []
    plain = sentence.replace("’", "'")
    for actor in actors:
        for word in _actor_words(actor):
            pattern = r"(?<!\w)" + re.escape(word.replace("’", "'")) + r"(?!\w)"
            if re.search(pattern, plain, re.IGNORECASE):
                found.append(actor.id)
                break
    return tuple(found)


def _dated(mention: Mention, published: PartialDate | dt.date | None, from_event: bool = False
           ) -> tuple[PartialDate | None, PartialDate | None, str, str]:
    """(start, end, date note, flag) for the proposal of ``mention``."""
    value = mention.value
    shown = " ".join(mention.text.split())
    if value is None:
        return None, None, "", f"No date: {mention.explanation}"
    if from_event:
        note = f"Counted from another event of the timeline: {mention.explanation}"
    else:
        note = date_note(mention_resolution(mention, published), not stated(mention))
    if value.start is None:
        return None, None, note, (f"No date: '{shown}' means {value.iso()}, which leaves "
                                  "the start open")
    if mention.ambiguous:
        readings = " or ".join(a.iso() for a in mention.alternatives) or value.iso()
        return value.start, value.end, note, (f"Ambiguous: '{shown}' can be {readings}; "
                                              "the first reading is only a suggestion")
    return value.start, value.end, note, ""


def propose_events(source: Source, actors: Iterable[Actor] = (),
                   mentions: list[Mention] | None = None,
                   events: Iterable[Event] = ()) -> list[Proposal]:
    """One proposal per sentence of ``source`` with a date mention, in text order.

    The sentence's first mention with a sure date decides; failing one, its first
    mention, flagged.  ``mentions`` are ``find_mentions(source.text, source.published)``
    when the caller has them already; ``events`` (the document's) date the mentions
    counted from an event the article does not date."""
    text = source.text
    if mentions is None:
        mentions = find_mentions(text, source.published)
    actors = list(actors)
    events = list(events)
    from_event: set[int] = set()
    resolved = []
    for m in mentions:
        anchored = date_from_events(text, source.id, m, events)
        if anchored is not None:
            m = anchored.mention
            if anchored.event is not None:
                from_event.add(m.start)
        resolved.append(m)
    proposals = []
    pending = sorted(resolved, key=lambda m: m.start)
    i = 0
    for start, end in sentence_spans(text):
        inside = []
        while i < len(pending) and pending[i].start < end:
            if pending[i].start >= start:
                inside.append(pending[i])
            i += 1
        if not inside:
            continue
        choices = [(*_dated(m, source.published, m.start in from_event), m) for m in inside]
        sure = [c for c in choices if c[0] is not None and not c[3]]
        begin, finish, note, flag, mention = (sure or choices)[0]
        sentence = text[start:end]
        a, b = claim_span(text, (start, end), (mention.start, mention.end))
        proposals.append(Proposal(
            title=title_from_passage(sentence), start=begin, end=finish,
            actors=_actors_in(sentence, actors),
            citation=Citation(source.id, a, b, text[a:b]),
            date_note=note, mention=mention, flag=flag, sentence=(start, end)))
    return proposals
