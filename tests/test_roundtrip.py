"""Load → save → load gives the same document, and saving twice gives the same bytes.

Documents are generated with unknown fields at every level: a file written by a newer
version, or annotated by hand, must survive this version untouched.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.partial import PartialDate, Precision
from timeline_app.core.fileformat.loader import load_bytes
from timeline_app.core.fileformat.writer import dumps, encode, reference_dumps
from timeline_app.core.model import NO_EXTRA, Actor, Citation, Document, Event, Source

KNOWN = {
    "format", "version", "title", "sources", "actors", "events", "id", "name", "color",
    "outlet", "url", "published", "language", "text", "start", "end", "location", "tags",
    "description", "citations", "date_note", "source", "quote",
}

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
ident = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32), text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)
    ),
    max_leaves=6,
)
extra = st.dictionaries(
    st.from_regex(r"x_[a-z]{1,6}", fullmatch=True).filter(lambda k: k not in KNOWN),
    json_value,
    max_size=2,
)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    precision = draw(st.sampled_from(list(Precision)))
    year = draw(st.integers(1800, 2100))
    month = draw(st.integers(1, 12)) if precision >= Precision.MONTH else 1
    day = draw(st.integers(1, 28)) if precision >= Precision.DAY else 1
    hour = draw(st.integers(0, 23)) if precision is Precision.MINUTE else 0
    minute = draw(st.integers(0, 59)) if precision is Precision.MINUTE else 0
    return PartialDate(year, month, day, hour, minute, precision, draw(st.booleans()))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    source_ids = draw(st.lists(ident, unique=True, max_size=3))
    sources = [
        Source(
            sid,
            title=draw(text),
            outlet=draw(text),
            url=draw(st.sampled_from(["", "https://example.org/a"])),
            published=draw(st.none() | partial_dates()),
            language=draw(st.sampled_from(["", "en", "ar"])),
            text=draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1,
                              max_size=80)),
            extra=draw(extra),
        )
        for sid in source_ids
    ]
    actor_ids = draw(st.lists(ident, unique=True, max_size=3))
    actors = [
        Actor(aid, draw(text), draw(st.sampled_from(["", "#12ab9f"])), draw(extra))
        for aid in actor_ids
    ]
    events = []
    for eid in draw(st.lists(ident, unique=True, max_size=5)):
        start = draw(partial_dates())
        end = draw(st.none() | partial_dates())
        if end is not None and end.end_seconds() <= start.to_seconds():
            start, end = end, start
        open_end = end is None and draw(st.booleans())  # "end": ".."
        citations = []
        for src in draw(st.lists(st.sampled_from(sources), max_size=2)) if sources else []:
            a = draw(st.integers(0, len(src.text) - 1))
            b = draw(st.integers(a + 1, len(src.text)))
            citations.append(Citation(src.id, a, b, src.text[a:b], draw(extra)))
        events.append(
            Event(
                eid,
                draw(text.filter(bool)),
                start,
                end,
                actors=draw(st.lists(st.sampled_from(actor_ids), unique=True)) if actor_ids
                else [],
                location=draw(text),
                tags=draw(st.lists(ident, unique=True, max_size=3)),
                description=draw(text),
                citations=citations,
                date_note=draw(text),
                open_end=open_end,
                extra=draw(extra),
            )
        )
    return Document(draw(text), sources, actors, events, draw(extra))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_load_save_load_is_identity_and_second_save_is_byte_identical(doc: Document) -> None:
    first = dumps(doc).encode("utf-8")
    loaded = load_bytes(first, "generated.json")
    assert loaded.problems == []
    assert loaded.document == doc
    second = dumps(loaded.document).encode("utf-8")
    assert second == first
    again = load_bytes(second, "generated.json")
    assert again.document == loaded.document


# --- the fast writer writes exactly the reference's bytes -----------------------------------------

# Unknown fields that stress the layout: empty containers (written [] and {} on one
# line), nesting, every kind of float repr, big integers, and text with the characters
# json.dumps escapes even with ensure_ascii=False (controls, quotes, backslashes) or not
# (non-ASCII, U+2028, DEL).
wild_text = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\u2028", "é", "🚀"]),
    ),
    max_size=12,
)
wild_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, -0.0, 1e16, 1e-7]),
    wild_text,
)
wild_value = st.recursive(
    wild_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(wild_text, inner, max_size=3),
        st.just([]), st.just({}),
    ),
    max_leaves=10,
)
wild_extra = st.dictionaries(wild_text.filter(lambda k: k not in KNOWN), wild_value, max_size=3)


@st.composite
def wild_documents(draw: st.DrawFn) -> Document:
    """Valid documents, with wilder unknown fields and any text in the known ones."""
    doc = draw(documents())
    for obj in [doc, *doc.sources, *doc.actors, *doc.events,
                *(c for ev in doc.events for c in ev.citations)]:
        if draw(st.booleans()):
            obj.extra = draw(wild_extra)
    for ev in doc.events:
        if draw(st.booleans()):
            ev.title = draw(wild_text)
            ev.description = draw(wild_text)
            ev.tags = draw(st.lists(wild_text, max_size=3))
    if draw(st.booleans()):
        doc.title = draw(wild_text)
    return doc


class Str(str):
    """A str subclass: json.dumps writes it as the string it is."""


# What a buggy caller might put in the model: each makes the fast writer hand the
# object to the reference, which must then give the same text or the same exception.
IRREGULAR: list[tuple[str, object]] = [
    ("title", None), ("title", 7), ("title", Str("sub")), ("location", None),
    ("location", 0), ("location", False), ("location", []), ("description", ()),
    ("date_note", Str("")), ("actors", ("a", "b")), ("actors", None), ("tags", "ab"),
    ("tags", [1, 2]), ("citations", ()), ("end", 0), ("extra", {"title": "x"}),
    ("extra", {"x": (1, 2)}), ("extra", {1: "one"}), ("extra", {"x": {2: "two"}}),
    ("extra", {"x": float("nan")}), ("extra", {"x": {1, 2}}), ("extra", None),
    ("id", 5), ("start", "2019"), ("open_end", 1), ("open_end", "yes"), ("open_end", 0),
]


@st.composite
def irregular_documents(draw: st.DrawFn) -> Document:
    doc = draw(wild_documents())
    if not doc.events:
        doc.events.append(Event("e", "t", PartialDate(2019)))
    target = draw(st.sampled_from(doc.events))
    field_name, value = draw(st.sampled_from(IRREGULAR))
    setattr(target, field_name, value)
    if draw(st.booleans()) and doc.sources and type(doc.events[-1].citations) is list:
        cite = Citation(doc.sources[0].id, 0, 2, "q", {})
        cite.start = True  # which the model refuses when built, not when assigned
        doc.events[-1].citations.append(cite)
    if draw(st.booleans()):
        doc.extra = draw(st.sampled_from([{"version": 2}, {1: 2}, {"x_ok": [1, {}]}]))
    return doc


def outcome(write: Callable[[Document], str], doc: Document) -> tuple[str, str]:
    try:
        return "text", write(doc)
    except Exception as exc:  # the reference's exception, whatever it is
        return "raises", type(exc).__name__


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wild_documents())
def test_fast_writer_is_byte_identical_to_the_reference(doc: Document) -> None:
    expected = outcome(reference_dumps, doc)
    assert outcome(dumps, doc) == expected
    if expected[0] == "text":
        try:
            data = expected[1].encode("utf-8")
        except UnicodeEncodeError:
            return
        encoded = encode(doc)
        assert b"".join(encoded.chunks) == data
        assert encoded.size == len(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(irregular_documents())
def test_fast_writer_matches_the_reference_on_irregular_models(doc: Document) -> None:
    assert outcome(dumps, doc) == outcome(reference_dumps, doc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wild_documents(), st.data())
def test_citations_shared_between_events_are_written_as_copies_would_be(
    doc: Document, data: st.DataObject
) -> None:
    """The loader shares one Citation per passage and the writer writes each object
    once: the text and the plain verdict are those of a document of separate copies."""
    pool = [c for ev in doc.events if type(getattr(ev, "citations", None)) is list
            for c in ev.citations]
    for ev in doc.events:
        if pool and type(getattr(ev, "citations", None)) is list:
            ev.citations = data.draw(st.lists(st.sampled_from(pool), max_size=4))
    copies = copy.deepcopy(doc, {id(NO_EXTRA): NO_EXTRA})
    expected = outcome(reference_dumps, copies)
    assert outcome(dumps, doc) == expected
    if expected[0] == "text":
        with contextlib.suppress(UnicodeEncodeError):
            assert encode(doc).plain == encode(copies).plain


def test_fast_writer_layout_details() -> None:
    """The cases a reader of the reference's output would check first, spelled out."""
    ev = Event("e\u2028", 'a "quote" \\ \x00\x1f\x7f é', PartialDate(2019), extra={
        "x_empty_list": [], "x_empty_obj": {}, "x_nested": [[], {}, [{}], {"k": []}],
        "x_floats": [0.1, 1e16, 1e-7, -0.0, 1.5e300, 123456789.0], "x_big": 10**25,
        "x_text": "line\nbreak\ttab", "x_none": None, "x_true": True,
    })
    doc = Document("", [], [], [ev], {"x_root": {}})
    assert dumps(doc) == reference_dumps(doc)
    assert dumps(Document()) == reference_dumps(Document())
    many = Document("many", [], [], [Event(f"e{i}", "t", PartialDate(2019)) for i in range(2500)])
    assert dumps(many) == reference_dumps(many)  # several encoded pieces
    assert b"".join(encode(many).chunks) == reference_dumps(many).encode("utf-8")


def test_encode_places_a_lone_surrogate_in_the_whole_text() -> None:
    events = [Event(f"e{i}", "t", PartialDate(2019)) for i in range(2500)]
    events[2200].title = "bad \ud800"
    text = reference_dumps(Document("x", [], [], events)).encode("utf-8", "surrogatepass")
    with pytest.raises(UnicodeEncodeError) as info:
        encode(Document("x", [], [], events))
    assert text.decode("utf-8", "surrogatepass")[info.value.start] == "\ud800"


def test_event_strings_are_escaped_as_the_reference_escapes_them() -> None:
    """The events' strings go straight to UTF-8 through msgspec's encoder: it must
    escape exactly what ``json.dumps(ensure_ascii=False)`` escapes, for every
    character (controls, quotes, backslash, DEL, U+2028/U+2029, non-BMP...)."""
    from json.encoder import encode_basestring

    from timeline_app.core.fileformat.event_writer import _string

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert _string(every) == encode_basestring(every).encode("utf-8")
    ev = Event("\x00\x1f\x7f\u2028\u2029\ufeff/", '\\"\\\\', PartialDate(2019),
               location="\r\n\t\b\f", description="🚀é\x85", date_note="\\u0041")
    doc = Document("", [], [], [ev])
    assert b"".join(encode(doc).chunks) == reference_dumps(doc).encode("utf-8")
