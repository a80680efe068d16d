"""Load → save → load gives the same document, and saving twice gives the same bytes.

Documents are generated with unknown fields at every level: a file written by a newer
version, or annotated by hand, must survive this version untouched.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import PartialDate, Precision
from timeline_app.core.loader import load_bytes
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.core.writer import dumps

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
