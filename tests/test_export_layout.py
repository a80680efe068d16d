"""The layout of an exported image, without a display: whole titles, notes, no overlap."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.core.view.derived import Grouping
from timeline_app.core.view.export_layout import (
    ExportParts,
    TextBox,
    layout_export,
    wrap_text,
)
from timeline_app.core.view.extent import fit_extent
from timeline_app.core.view.lanes import GroupBy


class CharMetrics:
    """7 pixels a character: a monospace stand-in for the renderer's fonts."""

    def width(self, text: str, role: str) -> float:
        return len(text) * (11.0 if role == "heading" else 7.0)

    def line_height(self, role: str) -> float:
        return 24.0 if role == "heading" else 16.0


def generated() -> Document:
    """15 events of 4 actors, crowded into a few months, with long titles and 3 sources."""
    text = "Reported. " * 40
    sources = [Source(f"s{k}", title=f"Headline number {k} about the fighting near the coast",
                      outlet=f"Outlet {k}", url=f"https://example.org/{k}/" + "x" * 60,
                      published=parse_iso(f"2020-0{k + 1}-15"), text=text) for k in range(3)]
    actors = [Actor(f"a{k}", f"Actor {k} with a long name") for k in range(4)]
    dates = ["2020-01-03", "2020-01-04", "2020-01", "2020-01-10~", "2020-01-11", "2020-02-01",
             "2020-02-02", "2020", "2020-02-20", "2020-03-01", "2020-03-01", "2020-03-02",
             "2020-03-15", "2020-04-01", "2020-04-02"]
    events = []
    for i, start in enumerate(dates):
        end = parse_iso("2020-03-20") if i in (2, 9) else None
        title = f"Event {i}: " + "a long title that runs on " * (1 + i % 3) + "and ends"
        cites = [Citation(f"s{i % 3}", 0, 9, "Reported.")]
        events.append(Event(f"e{i}", title, parse_iso(start), end,
                            [f"a{i % 4}", f"a{(i + 1) % 4}"] if i % 5 == 0 else [f"a{i % 4}"],
                            citations=cites))
    return Document("A generated timeline with a title long enough to be wrapped at a small "
                    "width", sources, actors, events)


def documents(default_timeline: Path) -> dict[str, Document]:
    doc = load_path(default_timeline).document
    assert doc is not None
    return {"default": doc, "generated": generated()}


def overlaps(texts: list[TextBox]) -> list[tuple[str, str]]:
    return [(a.text, b.text) for i, a in enumerate(texts) for b in texts[i + 1:]
            if a.intersects(b)]


@pytest.mark.parametrize("width", [480, 700, 1000, 1600, 2600])
@pytest.mark.parametrize("name", ["default", "generated"])
def test_no_two_texts_overlap_and_every_title_is_whole(
    default_timeline: Path, name: str, width: int
) -> None:
    doc = documents(default_timeline)[name]
    grouping = Grouping.build(doc, GroupBy.ACTOR)
    span = fit_extent(grouping.index.time_range())
    layout = layout_export(doc, grouping.lane_set, grouping.index, span, width, CharMetrics())
    texts = layout.texts()
    assert overlaps(texts) == []
    # every event is in the export, each with its whole title and its note numbers
    labels = {m.index: m.label for m in layout.frame.markers}
    assert set(labels) == set(range(len(doc.events)))
    for i, event in enumerate(doc.events):
        numbers = layout.note_numbers[i]
        assert numbers
        assert labels[i] == f"{event.title} [{', '.join(map(str, numbers))}]"
    # every source cited is a note, numbered in order
    notes = "\n".join(box.text for box in layout.notes)
    cited = {c.source for e in doc.events for c in e.citations}
    assert len(layout.sources) == len(cited)
    for n, source_id in enumerate(layout.sources, start=1):
        source = doc.source(source_id)
        assert source is not None
        assert f"{n}. {source.outlet}" in notes
        assert source.title.split()[0] in notes
    # the heading says what and when; the parts follow each other down the image
    heading = " ".join(b.text for b in layout.heading)
    assert doc.title.split()[0] in heading
    assert layout.heading[-1].y + layout.heading[-1].height <= layout.frame_top
    frame_bottom = layout.frame_top + layout.frame.lanes[-1].y1
    assert all(item.text.y >= frame_bottom for item in layout.legend)
    # nothing runs off the image: a title too long for either side of its marker wraps
    assert all(b.x >= 0 and b.x + b.width <= width for b in texts), [
        b.text for b in texts if b.x + b.width > width]
    assert layout.height >= max(b.y + b.height for b in texts)
    assert not any(lane.overflow for lane in layout.frame.lanes)


def test_parts_can_be_left_out(default_timeline: Path) -> None:
    doc = documents(default_timeline)["default"]
    grouping = Grouping.build(doc, GroupBy.ACTOR)
    span = fit_extent(grouping.index.time_range())
    bare = layout_export(doc, grouping.lane_set, grouping.index, span, 1200, CharMetrics(),
                         height=700, parts=ExportParts(False, False, False))
    assert (bare.heading, bare.legend, bare.notes, bare.frame_top) == ([], [], [], 0.0)
    assert bare.height == 700
    assert all("[" not in (m.label or "") for m in bare.frame.markers)  # no note numbers


def test_wrap_text_breaks_at_spaces_and_inside_long_words() -> None:
    def measure(text: str) -> float:
        return 10.0 * len(text)

    assert wrap_text("one two three", 80, measure) == ["one two", "three"]
    assert wrap_text("https://example.org/abcdefghij", 100, measure) == [
        "https://ex", "ample.org/", "abcdefghij"]
    assert all(measure(line) <= 100 for line in wrap_text("a " * 50 + "b" * 33, 100, measure))
