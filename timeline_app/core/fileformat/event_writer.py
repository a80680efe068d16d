"""The events of the canonical text, the bulk of a file, written by one loop made for speed.

Each event is written as the reference writes it (see ``reference_writer``), from the
model straight to UTF-8: its strings through msgspec's JSON encoder, which escapes
exactly what ``json.dumps(..., ensure_ascii=False)`` escapes (``"``, ``\\`` and control
characters, with the same escapes; the rest as is) and encodes to UTF-8 in the same
pass, so the text never exists as one ``str`` to encode afterwards.  Each date is
written once per ``PartialDate`` object (the loader shares one per distinct date), each
list of actors or tags once per distinct list, each citation once per object.  An event
the loop is not written for (a field of an unexpected type, an unknown key that is
also a known one) is written by the reference.  The pieces are joined a run of about
a thousand events at a time and handed on; with a ``save_memo.RunLog``, a run the last
save of the file wrote is copied from it instead.

A lone surrogate raises ``UnicodeEncodeError`` with ``start`` counted within the string
that holds it; ``writer.encode`` places it in the whole text.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

import msgspec

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat.reference_writer import event_to_json, json_text, reindented
from timeline_app.core.fileformat.save_memo import RunLog, run_ends
from timeline_app.core.fileformat.spec import KNOWN_CITATION_KEYS as _KNOWN_CITATION
from timeline_app.core.fileformat.spec import KNOWN_EVENT_KEYS as _KNOWN_EVENT
from timeline_app.core.fileformat.unknown_fields import Irregular, unknown_fields
from timeline_app.core.model import NO_EXTRA, Actor, Citation, Document, Event, Source

__all__ = ["EventWriter"]

#: The UTF-8 JSON string of a ``str`` (of that exact type: a subclass or another type
#: must not reach it), ``encode_basestring(s).encode("utf-8")`` in one pass.
_string = msgspec.json.Encoder().encode


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


class _Lists(dict):
    """The text of each distinct list of actors or of tags: they repeat a lot.

    Keyed by the tuple of the list.  ``known``, when given, is the set of actor ids; a
    list naming another one sets ``unknown`` (the writer does not judge, it notes).
    """

    def __init__(self, key: str, known: set[str] | None) -> None:
        super().__init__()
        self.opening = f',\n      "{key}": [\n        '
        self.known = known
        self.unknown = False

    def __missing__(self, items: tuple[str, ...]) -> bytes:
        text = _utf8(f"{self.opening}{_L8.join(map(encode_basestring, items))}\n      ]")
        if self.known is not None and not self.known.issuperset(items):
            self.unknown = True
        self[items] = text
        return text


class _Dates(dict):
    """The JSON text of each date, once per ``PartialDate`` object (keyed by ``id``).

    The loader shares one object per distinct date, and ``id`` is much faster than
    hashing a dataclass.  The objects are kept so that no id is reused meanwhile.
    """

    def __init__(self) -> None:
        super().__init__()
        self.keep: list[PartialDate] = []

    def text(self, date: Any) -> bytes:
        if type(date) is not PartialDate:
            raise Irregular
        text = _string(date.iso())
        self[id(date)] = text
        self.keep.append(date)
        return text


_L8 = ",\n        "
_CHUNK = 1000  # events per piece without a log
_SEPARATOR = b",\n    "  # after each event but the last
_IDS_AT_ONCE = 8192  # ids gathered per call (see ``_render``)
_ID = attrgetter("id")


class EventWriter:
    """Writes the events, the bulk of the file, in one loop written for speed; with a
    ``RunLog`` (``save_memo``), runs of events the last save wrote are copied."""

    def __init__(self, doc: Document, emit: Callable[[bytes], object],
                 log: RunLog | None = None) -> None:
        self.doc = doc
        self._emit = emit  # takes each piece as it is made
        self.log = log

    def emit(self, piece: bytes) -> None:
        if self.log is not None:
            self.log.offset += len(piece)
        self._emit(piece)

    def render(self, head: str, tail: str) -> bool:
        """Emit the text from ``head`` to ``tail``, the events between; whether the
        events are plain (see ``writer.Encoded``)."""
        try:
            return self._render(head, tail)
        finally:
            if self.log is not None:
                self.log.close()

    def _render(self, head: str, tail: str) -> bool:
        doc = self.doc
        events = doc.events
        if not events:
            self.emit(_utf8(head + "[]" + tail))
            return True
        texts: dict[str, tuple[str, str]] = {}  # source id -> (its JSON text, its text)
        for src in doc.sources:
            if type(src) is Source and type(src.id) is str and type(src.text) is str:
                texts.setdefault(src.id, (encode_basestring(src.id), src.text))
        actor_ids = {a.id for a in doc.actors if type(a) is Actor and type(a.id) is str}
        actor_lists = _Lists("actors", actor_ids)
        self.emit(_utf8(head + "[\n    "))
        plain = self._events(events, texts, actor_lists, _Lists("tags", None),
                             b"\n  ]" + _utf8(tail))
        if not plain or actor_lists.unknown:
            return False
        # All events are of the model's types.  Their ids are gathered a slice at a
        # time: one call over 100,000 (40-60 ms, mostly waiting on memory) held the
        # interpreter lock, and with it the window, for as long.
        ids: set[str] = set()
        for at in range(0, len(events), _IDS_AT_ONCE):
            ids.update(map(_ID, events[at:at + _IDS_AT_ONCE]))
        return len(ids) == len(events) and "" not in ids

    @staticmethod
    def _citation(c: Any, texts: dict[str, tuple[str, str]]) -> tuple[bytes, bool, bool]:
        """A citation's text, whether it is plain (see ``_events``), and whether that can
        be reused for the same object (not when it has unknown fields)."""
        if type(c) is not Citation:
            raise Irregular
        a, b, quote, cextra = c.start, c.end, c.quote, c.extra
        if type(a) is not int or type(b) is not int:
            raise Irregular
        known = texts.get(c.source)
        if known is None:
            ok, source = False, encode_basestring(c.source)
        else:
            source, text = known
            ok = 0 <= a < b <= len(text) and b - a == len(quote) and text.startswith(quote, a)
        if cextra is not NO_EXTRA and type(cextra) is not dict:
            raise Irregular
        more = unknown_fields(cextra, _KNOWN_CITATION, "          ") if cextra else ""
        return (_utf8(f'{{\n          "source": {source},\n          "start": {a},\n'
                      f'          "end": {b},\n          "quote": {encode_basestring(quote)}'
                      f'{more}\n        }}'), ok and not cextra, not cextra)

    def _events(
        self, events: list[Event], texts: dict[str, tuple[str, str]],
        actor_lists: _Lists, tag_lists: _Lists, tail: bytes,
    ) -> bool:
        """Emit the events, run after run (see ``save_memo``; every ``_CHUNK`` events
        without a log), each run copied if the log has it, else encoded, then ``tail``.

        Returns whether every event was plain: of the model's types, without unknown
        fields, its end beginning no earlier than its start, and each citation naming a
        known source, with ``0 <= start < end <= len(text)`` and ``quote`` the text
        there.  (Ids and actors are judged by the caller.)
        """
        log = self.log
        n = len(events)
        ends = run_ends(events) if log is not None else [*range(_CHUNK, n, _CHUNK), n]
        plain = True
        start = 0
        state = _RunState()
        for end in ends:
            key = tuple(map(id, events[start:end])) if log is not None else ()
            text = log.read_back(key) if log is not None else None
            if text is not None:  # written by the last save, and read back intact
                self.emit(text)
                self.emit(tail if end == n else _SEPARATOR)
            else:
                text = self._run(events[start:end], texts, actor_lists, tag_lists, state)
                length = len(text) - len(_SEPARATOR)
                if log is not None and state.plain and not actor_lists.unknown:
                    log.record(key, text, length)
                self.emit(text[:length] + tail if end == n else text)
                plain = plain and state.plain
            start = end
        return plain

    def _run(
        self, events: list[Event], texts: dict[str, tuple[str, str]], actor_lists: _Lists,
        tag_lists: _Lists, state: _RunState,
    ) -> bytes:
        """The text of a run of events, each followed by its separator; ``state.plain``
        says whether they are all plain (see ``_events``)."""
        out: list[bytes] = []
        enc = _string
        append = out.append
        extend = out.extend
        dates = state.dates
        date_text = dates.text
        str_, list_, dict_ = str, list, dict
        no_extra = NO_EXTRA
        event_type = Event
        irregular = Irregular
        l8 = _L8.encode()
        cited = state.cited
        cited_text = cited.__getitem__
        plain = True
        for ev in events:
            mark = len(out)
            try:
                if type(ev) is not event_type:
                    raise irregular
                eid = ev.id
                title = ev.title
                start = ev.start
                end = ev.end
                actors = ev.actors
                location = ev.location
                tags = ev.tags
                description = ev.description
                citations = ev.citations
                date_note = ev.date_note
                extra = ev.extra
                if not (
                    type(eid) is str_ and type(title) is str_ and type(location) is str_
                    and type(description) is str_ and type(date_note) is str_
                    and type(actors) is list_ and type(tags) is list_
                    and type(citations) is list_
                    and (extra is no_extra or type(extra) is dict_)
                ):
                    raise irregular
                try:
                    text = dates[id(start)]
                except KeyError:
                    text = date_text(start)
                extend((b'{\n      "id": ', enc(eid), b',\n      "title": ', enc(title),
                        b',\n      "start": ', text))
                open_end = ev.open_end
                if end is not None:
                    try:
                        text = dates[id(end)]
                    except KeyError:
                        text = date_text(end)
                    extend((b',\n      "end": ', text))
                    if end.to_seconds() < start.to_seconds():  # its first minute, day...
                        plain = False  # maybe not wholly before: model_check decides
                elif open_end:
                    append(b',\n      "end": ".."')
                if open_end is not False:  # an open end, or a wrong one: the check says
                    plain = plain and open_end is True and end is None
                if actors:
                    append(actor_lists[tuple(actors)])
                if location:
                    extend((b',\n      "location": ', enc(location)))
                if tags:
                    append(tag_lists[tuple(tags)])
                if description:
                    extend((b',\n      "description": ', enc(description)))
                if citations:
                    try:
                        text = l8.join(map(cited_text, map(id, citations)))
                    except KeyError:  # a citation not written yet, or not to be reused
                        parts = []
                        for c in citations:
                            entry = cited.get(id(c))
                            if entry is None:
                                entry, ok, reusable = self._citation(c, texts)
                                if not ok:
                                    plain = False
                                if reusable:
                                    cited[id(c)] = entry
                            parts.append(entry)
                        text = l8.join(parts)
                    extend((b',\n      "citations": [\n        ', text, b"\n      ]"))
                if date_note:
                    extend((b',\n      "date_note": ', enc(date_note)))
                if extra:
                    plain = False
                    append(_utf8(unknown_fields(extra, _KNOWN_EVENT, "      ")))
                append(b"\n    },\n    ")
            except (Irregular, TypeError):  # TypeError: an item that is not a string...
                plain = False
                del out[mark:]
                extend((_utf8(reindented(json_text(event_to_json(ev)), "    ")), b",\n    "))
        state.plain = plain
        return b"".join(out)


class _RunState:
    """What the runs of one save share: each date's and citation's text, written once
    per object, and whether the last run encoded was plain."""

    __slots__ = ("cited", "dates", "plain")

    def __init__(self) -> None:
        self.dates = _Dates()
        # id of a Citation without unknown fields -> its text: the loader shares one
        # Citation per passage, so each is written once.
        self.cited: dict[int, bytes] = {}
        self.plain = True
