"""ACLED CSV, TimelineJS JSON and our CSV table: imports, exports and round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from timeline_app.core.dates.partial import PartialDate, Precision, parse_iso
from timeline_app.core.fileformat.check import check_document
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.storage import save_document
from timeline_app.core.interchange.acled import ACLED_COLUMNS
from timeline_app.core.interchange.common import decode_table, text_to_html
from timeline_app.core.interchange.csv_table import read_csv_table, write_csv_table
from timeline_app.core.interchange.formats import export_document, import_kind, import_path
from timeline_app.core.interchange.timelinejs import read_timelinejs, write_timelinejs
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.core.sources.html_text import html_to_text

DATA = Path(__file__).resolve().parent / "data" / "interchange"


def _acled(name: str = "acled_current.csv"):
    result = import_path(DATA / name)
    assert result.document is not None
    return result


def test_acled_current_layout_maps_each_column():
    result = _acled()
    assert result.problems == []
    doc = result.document
    assert check_document(doc, "x") == []
    ev = doc.event("UKR12001")
    assert ev.start == PartialDate(2024, 3, 15) and ev.end is None
    assert [doc.actor(a).name for a in ev.actors] == [
        "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"]
    # notes → description, with its quoted newline
    assert ev.description == ("On 15 March 2024, Russian forces clashed with Ukrainian "
                              "forces near Chasiv Yar.\nCasualties unknown.")
    assert ev.location == "Chasiv Yar" and ev.tags == ["Battles"]
    # source, semicolon-separated → two sources, each cited
    outlets = [doc.source(c.source).outlet for c in ev.citations]
    assert outlets == ["Ukrinform", "Ministry of Defence of Ukraine"]
    # every other column kept, in order, as written
    kept = ev.extra["acled"]
    mapped = {"event_id_cnty", "actor1", "actor2", "notes", "source", "location"}
    assert list(kept) == [c for c in ACLED_COLUMNS if c not in mapped]
    assert kept["admin2"] == "Bakhmutskyi" and kept["fatalities"] == "0"
    # the same ACLED outlet is one source across events
    assert doc.event("UKR12004").citations[0].source == ev.citations[0].source
    assert doc.title == "acled_current"


def test_acled_time_precision():
    doc = _acled().document
    week = doc.event("UKR12002")  # precision 2, 2024-03-13: three days either side
    assert week.start == PartialDate(2024, 3, 10, approximate=True)
    assert week.end == PartialDate(2024, 3, 16, approximate=True)
    month = doc.event("UKR12003")  # precision 3
    assert month.start == PartialDate(2024, 2, precision=Precision.MONTH)
    assert month.extra["acled"]["event_date"] == "2024-02-15"


def test_acled_in_both_actor_lanes():
    from timeline_app.core.view.lanes import GroupBy, build_lanes

    doc = _acled().document
    lane_set = build_lanes(doc, GroupBy.ACTOR)
    lanes = lane_set.event_lanes[doc.event_index("UKR12001")]
    assert sorted(lane_set.lanes[i].label for i in lanes) == [
        "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"]


def test_acled_older_export_cp1252_and_dates():
    raw = (DATA / "acled_old_cp1252.csv").read_bytes()
    assert decode_table(raw)[1] == "cp1252"
    doc = _acled("acled_old_cp1252.csv").document
    first = doc.event("EGY1001")  # "22 December 2020"
    assert first.start == PartialDate(2020, 12, 22)
    assert "café" in first.description and "—" in first.description
    second = doc.event("EGY1002")  # "03-11-2020", precision 3
    assert second.start == PartialDate(2020, 11, precision=Precision.MONTH)
    assert second.extra["acled"]["data_id"] == "7365124"  # a removed column, kept
    assert len(second.actors) == 2 and len(second.citations) == 2


def test_acled_bom_is_dropped():
    assert (DATA / "acled_current.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert decode_table(b"\xef\xbb\xbfa,b")[0] == "a,b"
    assert import_kind("x.csv", (DATA / "acled_current.csv").read_bytes()) == "acled"


def test_acled_bad_rows_reported_by_line_and_rest_imported():
    result = import_path(DATA / "acled_bad_rows.csv", display_name="bad.csv")
    lines = [(p.line, p.message.split(":")[0]) for p in result.problems]
    assert [line for line, _ in lines] == [5, 7, 9, 10]
    assert "2024-13-40" in result.problems[0].message
    assert "time_precision '7'" in result.problems[1].message
    assert "3 fields" in result.problems[2].message
    assert "earlier row" in result.problems[3].message
    assert str(result.problems[0]).startswith("bad.csv:5: ")
    assert [ev.id for ev in result.document.events] == ["UKR12001", "UKR12002"]


def test_acled_extra_survives_save_and_load(tmp_path):
    doc = _acled().document
    out = tmp_path / "acled.json"
    save_document(doc, out)
    loaded = load_path(out)
    assert loaded.ok
    assert loaded.document.event("UKR12003").extra == doc.event("UKR12003").extra


def test_html_reduced_to_plain_text_and_escaped_back():
    assert html_to_text("<p>A &amp; B</p><p>C<br>D</p><script>alert(1)</script>") == \
        "A & B\n\nC\nD"
    assert html_to_text('<img src="http://x/y.png" onerror="boom()">x') == "x"
    text = "a < b & <script>\nline two"
    assert "<script>" not in text_to_html(text)
    assert html_to_text(text_to_html(text)) == text


def test_timelinejs_import():
    result = import_path(DATA / "sudan_timelinejs.json")
    doc = result.document
    assert [p.path for p in result.problems] == [("events", 4)]
    assert result.problems[0].line is not None
    assert doc.title == "The Sudan crisis"
    first = doc.event("sd-1")
    assert first.start == PartialDate(2023, 4, 15, 9, 30, Precision.MINUTE)  # strings
    assert first.title == "Fighting breaks out in Khartoum"
    assert first.description == "RSF and SAF clash & shell.\n\nSecond\xa0paragraph\nnew line"
    src = doc.source(first.citations[0].source)
    assert (src.url, src.title, src.outlet) == ("https://example.org/a", "Report & photo",
                                                 "Reuters")
    assert first.extra["timelinejs"]["media"] == {"thumbnail": "https://example.org/t.jpg"}
    assert doc.actor(first.actors[0]).name == "SAF"
    talks = doc.event("event-2")  # no day: month precision
    assert talks.start == PartialDate(2023, 5, precision=Precision.MONTH)
    assert talks.end == PartialDate(2023, 6, precision=Precision.MONTH)
    assert doc.event("sd-3").start.approximate  # our display date reads back
    later = doc.event("sd-4").extra["timelinejs"]["start_date"]
    assert later == {"second": 5, "display_date": "Early July"}
    assert doc.extra["timelinejs"]["eras"][0]["text"]["headline"] == "War"
    assert check_document(doc, "x") == []


def test_timelinejs_groups_as_tags():
    value = json.loads((DATA / "sudan_timelinejs.json").read_text(encoding="utf-8"))
    doc = read_timelinejs(value, "x", group_as="tag").document
    assert doc.event("sd-1").tags == ["SAF"] and doc.event("sd-1").actors == []


def _ours() -> Document:
    article = "Troops entered the city at dawn. Shelling continued."
    return Document(
        title="Ours & <theirs>",
        sources=[Source("s1", title="Dawn raid", outlet="Daily <News>", url="https://n/1",
                        text=article)],
        actors=[Actor("a1", "Army", "#b5443a"), Actor("a2", "Rebels")],
        events=[
            Event("e1", "Troops enter <city>", PartialDate(2020, 5, 4),
                  actors=["a1", "a2"], location="Tripoli", tags=["raid"],
                  description="Line one\nLine <two> & more",
                  citations=[Citation("s1", 0, 32, article[:32])], date_note="from s1",
                  extra={"x_reviewed": "ana"}),
            Event("e2", "Shelling", PartialDate(2020, 5, precision=Precision.MONTH),
                  PartialDate(2020, 6, precision=Precision.MONTH), actors=["a2"]),
            Event("e3", "Talks", PartialDate(2020, 7, 1, 14, 5, Precision.MINUTE,
                                             approximate=True)),
            Event("e4", "Year only", PartialDate(2021, precision=Precision.YEAR)),
        ],
    )


def test_ours_to_timelinejs_to_ours_keeps_what_it_can_carry():
    doc = _ours()
    exported = write_timelinejs(doc)
    value = json.loads(exported.data)
    back = read_timelinejs(value, "t").document
    assert back.title == doc.title
    for before, after in zip(doc.events, back.events, strict=True):
        assert (after.id, after.title, after.start, after.end, after.description) == (
            before.id, before.title, before.start, before.end, before.description)
        names = [doc.actor(a).name for a in before.actors][:1]
        assert [back.actor(a).name for a in after.actors] == names
    src = back.source(back.events[0].citations[0].source)
    assert (src.url, src.title, src.outlet) == ("https://n/1", "Dawn raid", "Daily <News>")
    assert "<city>" not in value["events"][0]["text"]["headline"]
    lost = "\n".join(exported.lost)
    for what in ("actors after the first", "location", "tags", "date note",
                 "unknown fields", "actor colours", "source texts"):
        assert what in lost
    # and what came from TimelineJS goes back to it
    original = json.loads((DATA / "sudan_timelinejs.json").read_text(encoding="utf-8"))
    again = json.loads(write_timelinejs(read_timelinejs(original, "x").document).data)
    assert again["eras"] == original["eras"] and again["scale"] == "human"
    assert again["events"][0]["media"]["thumbnail"] == "https://example.org/t.jpg"
    assert again["events"][3]["start_date"]["display_date"] == "Early July"


def test_our_csv_round_trip_is_lossless_for_events():
    doc = _ours()
    exported = write_csv_table(doc, bom=True)
    assert exported.data.startswith(b"\xef\xbb\xbf")
    text, encoding = decode_table(exported.data)
    assert encoding == "utf-8"
    header = next(csv.reader(io.StringIO(text)))
    assert header[:10] == ["id", "title", "start", "end", "actors", "location", "tags",
                           "description", "date_note", "extra"]
    assert header[10:] == ["citation_1_source", "citation_1_start", "citation_1_end",
                           "citation_1_quote"]
    result = read_csv_table(text, "t.csv")
    assert result.problems == []
    assert result.document.events == doc.events
    assert check_document(result.document, "t.csv") == []
    assert any("title" in what for what in exported.lost)


def test_our_csv_bad_rows():
    text = ("id,title,start,end\r\ne1,A,2020-01-01,\r\ne2,B,2020-13,\r\n"
            "e3,C,2020-02-02,2020-01-01\r\ne1,D,2020,\r\n")
    result = read_csv_table(text, "t.csv")
    assert [p.line for p in result.problems] == [3, 4, 5]
    assert [ev.id for ev in result.document.events] == ["e1"]


def test_export_document_dispatch():
    doc = _ours()
    assert export_document(doc, "csv").data.startswith(b"id,title")
    assert json.loads(export_document(doc, "timelinejs").data)["events"]
    assert parse_iso("2020-05") == doc.events[1].start


def test_our_csv_fixture():
    result = import_path(DATA / "ours.csv")
    assert result.problems == []
    doc = result.document
    raid = doc.event("raid")
    assert raid.start == PartialDate(2019, 4, 4, 6, 30, Precision.MINUTE)
    assert raid.actors == ["army", "navy"] and raid.tags == ["raid", "port"]
    assert raid.location == "Tripoli, Libya"
    assert raid.description == "Troops landed at dawn.\r\nTwo ships were seen."
    assert raid.extra == {"x_reviewed_by": "ana"}
    assert raid.citations == [Citation("article", 10, 24, "landed at dawn")]
    assert doc.source("article").text[10:24] == "landed at dawn"
    siege = doc.event("siege")
    assert siege.start == PartialDate(2019, 4, precision=Precision.MONTH, approximate=True)
    assert doc.event("talks").start.precision is Precision.YEAR
    assert check_document(doc, "ours.csv") == []


def test_awkward_timelinejs_values_are_bad_events_not_crashes(tmp_path):
    value = {"events": [{"start_date": {"year": "inf"}}, {"start_date": {"year": "NaN"}},
                        {"start_date": {"year": 2020, "month": "2.5"}},
                        {"start_date": {"year": True}}, "not an object",
                        {"start_date": {"year": 2020}, "end_date": {"year": 2019}}]}
    result = read_timelinejs(value, "t.json", json.dumps(value))
    assert result.document.events == []
    assert [p.path for p in result.problems] == [("events", i) for i in range(6)]
    deep = tmp_path / "deep.json"
    deep.write_text('{"events": [], "x": ' + "[" * 100000 + "]" * 100000 + "}")
    result = import_path(deep, "timelinejs")
    assert result.document is None and "nested too deeply" in result.problems[0].message
