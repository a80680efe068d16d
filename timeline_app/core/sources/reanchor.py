"""Citations follow their quote when a source's text is edited.

A citation is the exact words of a source at code-point offsets.  When the text changes,
each citation is moved to the occurrence of its quote nearest to where it was (its old
offset, shifted by the length change when it lies after the edited stretch, so that an
insertion before it does not pull it to an earlier repeat of its words; ties go to the
earlier occurrence); a citation whose quote no longer occurs anywhere is *lost*, and
never silently pointed at other words: the caller must ask what to do with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from timeline_app.core.model import Citation, Event

__all__ = ["Reanchored", "nearest_occurrence", "reanchor_events"]


def nearest_occurrence(text: str, quote: str, near: int) -> int:
    """Offset of the occurrence of ``quote`` in ``text`` nearest to ``near``; -1 if none."""
    if not quote:
        return -1
    best, best_distance = -1, -1
    at = text.find(quote)
    while at >= 0:
        distance = abs(at - near)
        if best < 0 or distance < best_distance:
            best, best_distance = at, distance
        elif at > near:
            break  # occurrences only get farther from here on
        at = text.find(quote, at + 1)
    return best


@dataclass(frozen=True, slots=True)
class Reanchored:
    """What an edit of a source's text does to the citations of it.

    ``events`` maps the position of each event whose citations changed to the event
    with them moved, and with the lost ones removed; ``lost`` lists the
    ``(event, citation)`` pairs whose quote is not in the new text.
    """

    events: dict[int, Event]
    lost: list[tuple[Event, Citation]]


def _shifted(old_text: str, new_text: str) -> tuple[int, int]:
    """Where the edit from ``old_text`` to ``new_text`` ends in the old text (what follows
    is common to both), and the length change."""
    limit = min(len(old_text), len(new_text))
    prefix = 0
    while prefix < limit and old_text[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old_text[-1 - suffix] == new_text[-1 - suffix]:
        suffix += 1
    return len(old_text) - suffix, len(new_text) - len(old_text)


def reanchor_events(events: list[Event], source_id: str, old_text: str,
                    new_text: str) -> Reanchored:
    """Re-anchor every citation of ``source_id`` in ``events`` from ``old_text`` to
    ``new_text``."""
    edit_end, delta = _shifted(old_text, new_text)
    changed: dict[int, Event] = {}
    lost: list[tuple[Event, Citation]] = []
    for i, event in enumerate(events):
        if not any(c.source == source_id for c in event.citations):
            continue
        kept: list[Citation] = []
        for citation in event.citations:
            if citation.source != source_id:
                kept.append(citation)
                continue
            near = citation.start + delta if citation.start >= edit_end else citation.start
            at = nearest_occurrence(new_text, citation.quote, near)
            if at < 0:
                lost.append((event, citation))
            elif at == citation.start and citation.end - at == len(citation.quote):
                kept.append(citation)
            else:
                kept.append(replace(citation, start=at, end=at + len(citation.quote)))
        if kept != event.citations:
            changed[i] = replace(event, citations=kept)
    return Reanchored(changed, lost)
