"""The events of the canonical text, the bulk of a file, written by one loop made for speed.

Each event is written as the reference writes it (see ``reference_writer``), from the
model straight to text: strings through ``json.encoder.encode_basestring``, the C
escaper the reference uses too; each date once per ``PartialDate`` object (the loader
shares one per distinct date), each list of actors or tags once per distinct list, each
citation once per object.  An event the loop is not written for (a field of an
unexpected type, an unknown key that is also a known one) is written by the reference.
The pieces are joined, and encoded to UTF-8, a thousand events at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from timeline_app.core.dates.partial import PartialDate
from timeline_app.core.fileformat.reference_writer import event_to_json, json_text, reindented
from timeline_app.core.fileformat.spec import KNOWN_CITATION_KEYS as _KNOWN_CITATION
from timeline_app.core.fileformat.spec import KNOWN_EVENT_KEYS as _KNOWN_EVENT
from timeline_app.core.fileformat.unknown_fields import Irregular, unknown_fields
from timeline_app.core.model import NO_EXTRA, Actor, Citation, Document, Event, Source

__all__ = ["EventWriter"]


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

    def __missing__(self, items: tuple[str, ...]) -> str:
        text = f"{self.opening}{_L8.join(map(encode_basestring, items))}{_CLOSE6}"
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

    def text(self, date: Any) -> str:
        if type(date) is not PartialDate:
            raise Irregular
        text = encode_basestring(date.iso())
        self[id(date)] = text
        self.keep.append(date)
        return text


_L8 = ",\n        "
_CLOSE6 = "\n      ]"
_CHUNK = 1000  # events per encoded piece


class EventWriter:
    """Writes the events, the bulk of the file, in one loop written for speed."""

    def __init__(self, doc: Document, encode: bool, emit: Callable[[Any], object]) -> None:
        self.doc = doc
        self.encode = encode
        self.emit = emit  # takes each piece as it is made
        self.chars = 0  # characters in the chunks so far, to place an encoding error

    def flush(self, pieces: list[str]) -> None:
        text = "".join(pieces)
        pieces.clear()
        if self.encode:
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError as exc:
                exc.start += self.chars
                exc.end += self.chars
                raise
            self.chars += len(text)
            self.emit(data)
        else:
            self.emit(text)

    def render(self, head: str, tail: str) -> bool:
        """Emit the text from ``head`` to ``tail``, the events between; whether the
        events are plain (see ``writer.Encoded``)."""
        doc = self.doc
        events = doc.events
        if not events:
            self.flush([head, "[]", tail])
            return True
        texts: dict[str, tuple[str, str]] = {}  # source id -> (its JSON text, its text)
        for src in doc.sources:
            if type(src) is Source and type(src.id) is str and type(src.text) is str:
                texts.setdefault(src.id, (encode_basestring(src.id), src.text))
        actor_ids = {a.id for a in doc.actors if type(a) is Actor and type(a.id) is str}
        actor_lists = _Lists("actors", actor_ids)
        tag_lists = _Lists("tags", None)
        dates = _Dates()
        ids: list[str] = []
        plain = self._events(events, [head, "[\n    "], texts, actor_lists, tag_lists, dates,
                             ids, tail)
        id_set = set(ids)
        plain = (
            plain and not actor_lists.unknown
            and len(id_set) == len(ids) and "" not in id_set
        )
        return plain

    @staticmethod
    def _citation(c: Any, texts: dict[str, tuple[str, str]]) -> tuple[str, bool, bool]:
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
        return (f'{{\n          "source": {source},\n          "start": {a},\n'
                f'          "end": {b},\n          "quote": {encode_basestring(quote)}'
                f'{more}\n        }}', ok and not cextra, not cextra)

    def _events(
        self, events: list[Event], out: list[str], texts: dict[str, tuple[str, str]],
        actor_lists: _Lists, tag_lists: _Lists, dates: _Dates, ids: list[str], tail: str,
    ) -> bool:
        """Append each event's pieces to ``out``, flushing every ``_CHUNK`` events.

        Returns whether every event was plain: of the model's types, without unknown
        fields, its end beginning no earlier than its start, and each citation naming a
        known source, with ``0 <= start < end <= len(text)`` and ``quote`` the text
        there.  (Ids and actors are judged by the caller from what is collected.)
        """
        enc = encode_basestring
        append = out.append
        extend = out.extend
        add_id = ids.append
        date_text = dates.text
        flush = self.flush
        str_, list_, dict_ = str, list, dict
        no_extra = NO_EXTRA
        event_type = Event
        irregular = Irregular
        cited: dict[int, tuple[str, bool, bool]] = {}  # id of a Citation -> _citation's
        plain = True
        count = 0
        for ev in events:
            if count == _CHUNK:
                flush(out)
                count = 0
            count += 1
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
                add_id(eid)
                try:
                    text = dates[id(start)]
                except KeyError:
                    text = date_text(start)
                append(f'{{\n      "id": {enc(eid)},\n      "title": {enc(title)},\n'
                       f'      "start": {text}')
                if end is not None:
                    try:
                        text = dates[id(end)]
                    except KeyError:
                        text = date_text(end)
                    append(',\n      "end": ' + text)
                    if (end.year, end.month, end.day, end.hour, end.minute) < (
                        start.year, start.month, start.day, start.hour, start.minute
                    ):
                        plain = False  # maybe not wholly before: model_check decides
                elif ev.open_end:
                    append(',\n      "end": ".."')
                if ev.open_end is not False:  # an open end, or a wrong one: the check says
                    plain = plain and ev.open_end is True and end is None
                if actors:
                    append(actor_lists[tuple(actors)])
                if location:
                    extend((',\n      "location": ', enc(location)))
                if tags:
                    append(tag_lists[tuple(tags)])
                if description:
                    extend((',\n      "description": ', enc(description)))
                if citations:
                    lead = ',\n      "citations": [\n        '
                    for c in citations:
                        # The loader shares one Citation per passage: written once each.
                        entry = cited.get(id(c))
                        if entry is None:
                            entry = self._citation(c, texts)
                            if entry[2]:
                                cited[id(c)] = entry
                        extend((lead, entry[0]))
                        if not entry[1]:
                            plain = False
                        lead = _L8
                    append(_CLOSE6)
                if date_note:
                    extend((',\n      "date_note": ', enc(date_note)))
                if extra:
                    plain = False
                    append(unknown_fields(extra, _KNOWN_EVENT, "      "))
                append("\n    },\n    ")
            except (Irregular, TypeError):  # TypeError: an item that is not a string...
                plain = False
                del out[mark:]
                text = reindented(json_text(event_to_json(ev)), "    ")
                extend((text, ",\n    "))
        out[-1] = out[-1][: -len(",\n    ")] + "\n  ]" + tail
        flush(out)
        return plain
