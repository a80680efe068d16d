"""The source view marks exactly the cited characters and turns clicks into events.

The article holds a curly apostrophe, an emoji (two UTF-16 units) and a "\\r\\n" (one
Qt character) before cited spans, so any confusion of code points with Qt positions
shows up as marked text that differs from the citation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QToolTip,
)
from pytestqt.qtbot import QtBot
from window_driver import point_in

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.gui.panes.source_documents import SourceDocuments
from timeline_app.gui.panes.source_marks import citation_colours
from timeline_app.gui.panes.source_text import display_text
from timeline_app.gui.panes.source_view import SourceView

FILLER = "".join(f"Background paragraph {i} says nothing that is cited.\n" for i in range(120))
TEXT = (
    "Officials said the convoy’s route was closed 😀. The strike hit the market at dawn."
    "\r\nWitnesses saw smoke over the city.\n"
    + FILLER
    + "Late in the evening aid arrived at the clinic.\n"
)
S2_TEXT = "A second report: the market was hit again 🚀 at noon."


def cite(source: Source, phrase: str) -> Citation:
    start = source.text.index(phrase)
    return Citation(source.id, start, start + len(phrase), phrase)


def make_document() -> Document:
    s1 = Source(
        "s1",
        title="Strike on the market",
        outlet="Example Times",
        url="https://example.org/strike?id=1",
        published=parse_iso("2020-12-22"),
        language="en",
        text=TEXT,
    )
    s2 = Source(
        "s2", title="Second report", outlet="Other Wire", url="file:///etc/passwd", text=S2_TEXT
    )
    e1 = Event(
        "e1",
        "Market strike",
        parse_iso("2020-12-21"),
        citations=[cite(s1, "The strike hit the market at dawn"), cite(s2, "market")],
    )
    e2 = Event(
        "e2",
        "Smoke seen",
        parse_iso("2020-12"),
        citations=[cite(s1, "Witnesses saw smoke over the city")],
    )
    e3 = Event(
        "e3",
        "<b>Aid</b> & smoke",
        parse_iso("2020-12-21~"),
        citations=[cite(s1, "aid arrived at the clinic"), cite(s1, "smoke over the city")],
    )
    return Document("Test", [s1, s2], [Actor("a", "A")], [e1, e2, e3])


def make_view(qtbot: QtBot, doc: Document | None = None) -> tuple[SourceView, Document]:
    doc = doc or make_document()
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    view.set_document(doc)
    view.show()
    qtbot.waitExposed(view)
    return view, doc


def event(doc: Document, event_id: str) -> Event:
    found = doc.event(event_id)
    assert found is not None
    return found


def click_offset(qtbot: QtBot, view: SourceView, offset: int) -> None:
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(offset))
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=point_in(view, offset))


# --- offsets ---------------------------------------------------------------------------
def test_display_text_maps_code_points_to_utf16() -> None:
    text, table = display_text("a😀b\r\nc\rd\ud800e")
    assert text == "a😀b\nc\nd\ufffde"
    assert table is not None
    assert len(table) == len("a😀b\r\nc\rd\ud800e") + 1
    assert table[:4] == [0, 1, 3, 4]  # the emoji takes two units
    assert table[4:6] == [5, 5]  # "\r\n" is one unit, owned by the "\r"
    assert table[6:9] == [6, 7, 8]  # a lone "\r" is one unit, so is U+FFFD
    assert table[-1] == len(text.encode("utf-16-le")) // 2


def test_display_text_is_identity_for_plain_bmp_text() -> None:
    assert display_text("plain ’ text\nwith lines") == ("plain ’ text\nwith lines", None)


def test_every_cited_span_is_marked_on_exactly_the_cited_text(qtbot: QtBot) -> None:
    view, doc = make_view(qtbot)
    source = doc.sources[0]
    expected = sorted((c.start, c.end, ev.id, False)
                      for ev in doc.events for c in ev.citations if c.source == source.id)
    assert sorted(view.highlighted_spans()) == expected
    selections = view.text_edit().extraSelections()
    assert len(selections) == len(expected)
    marked = sorted(sel.cursor.selectedText() for sel in selections)
    assert marked == sorted(source.text[s:e] for s, e, _, _ in expected)
    for start, end, _, _ in expected:
        before = source.text[:start]
        units = len(before.encode("utf-16-le")) // 2 - before.count("\r\n")
        assert view.qt_position(start) == units
        cursor = QTextCursor(view.text_edit().document())
        cursor.setPosition(view.qt_position(start))
        cursor.setPosition(view.qt_position(end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == source.text[start:end]


def test_header_shows_metadata_as_plain_text(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    texts = " | ".join(label.text() for label in view.findChildren(QLabel))
    assert "Example Times" in texts
    assert "Strike on the market" in texts
    assert "22 December 2020" in texts
    assert "en" in texts
    address = view.findChild(QLabel, "addressLabel")
    assert address.full_text() == "https://example.org/strike?id=1"
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert not label.openExternalLinks()
    assert view.text_edit().toPlainText().startswith("Officials said the convoy’s")
    assert view.text_edit().isReadOnly()


# --- selection -------------------------------------------------------------------------
def test_selected_event_is_strong_and_scrolled_into_view(qtbot: QtBot) -> None:
    view, doc = make_view(qtbot)
    edit = view.text_edit()
    assert edit.verticalScrollBar().maximum() > 0, "the text must be long enough to scroll"
    e3 = event(doc, "e3")
    view.show_event(e3)
    far = e3.citations[0]
    assert view.selected_span() == (far.start, far.end)
    selected = [(s, e) for s, e, eid, sel in view.highlighted_spans() if sel]
    assert selected == [(c.start, c.end) for c in e3.citations]
    assert all(eid == "e3" for _, _, eid, sel in view.highlighted_spans() if sel)

    faint_colour, strong_colour, strong_text = citation_colours(view.palette())
    selections = edit.extraSelections()
    strong = [s for s in selections if s.format.background().color() == strong_colour]
    faint = [s for s in selections if s.format.background().color() != strong_colour]
    assert sorted(s.cursor.selectedText() for s in strong) == sorted(
        doc.sources[0].text[c.start : c.end] for c in e3.citations
    )
    assert strong[0].format.foreground().color() == strong_text
    assert len(faint) == len(selections) - 2
    assert all(s.format.background().color().alpha() < 255 for s in faint)
    assert all(s.format.background().color() == faint_colour for s in faint)

    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(far.start))
    assert edit.viewport().rect().contains(edit.cursorRect(cursor).center())
    top = QTextCursor(edit.document())
    assert not edit.viewport().rect().intersects(edit.cursorRect(top))


def test_selection_before_first_show_scrolls_when_shown(qtbot: QtBot) -> None:
    doc = make_document()
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    view.set_document(doc)
    view.show_event(event(doc, "e3"))
    view.show()
    qtbot.waitExposed(view)
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(event(doc, "e3").citations[0].start))
    qtbot.waitUntil(lambda: edit.viewport().rect().contains(edit.cursorRect(cursor).center()))


def test_show_event_switches_source_and_keeps_it_for_uncited_events(qtbot: QtBot) -> None:
    view, doc = make_view(qtbot)
    combo = view.findChild(QComboBox, "sourceCombo")
    assert combo.isVisible() and combo.count() == 2
    e1 = event(doc, "e1")
    moved = Event("x", "Elsewhere", parse_iso("2020"), citations=[e1.citations[1]])
    with qtbot.waitSignal(view.sourceChanged) as blocker:
        view.show_event(moved)
    assert blocker.args == ["s2"]
    assert view.current_source() is doc.sources[1]
    assert combo.currentData() == "s2"
    # e1's span in s2 is marked faintly, the moved event's (same offsets) strongly.
    assert sorted(view.highlighted_spans()) == sorted(
        [(c.start, c.end, "e1", False) for c in [e1.citations[1]]]
        + [(c.start, c.end, "x", True) for c in [e1.citations[1]]]
    )
    view.show_event(Event("y", "No sources", parse_iso("2020")))
    assert view.current_source() is doc.sources[1]
    assert view.selected_span() is None
    view.show_event(None)
    assert view.current_source() is doc.sources[1]
    assert not any(sel for *_, sel in view.highlighted_spans())


def test_combo_chooses_the_source_and_keeps_the_selection(qtbot: QtBot) -> None:
    view, doc = make_view(qtbot)
    view.show_event(event(doc, "e1"))
    assert view.current_source() is doc.sources[0]
    combo = view.findChild(QComboBox, "sourceCombo")
    combo.setCurrentIndex(1)
    assert view.current_source() is doc.sources[1]
    c = event(doc, "e1").citations[1]
    assert view.highlighted_spans() == [(c.start, c.end, "e1", True)]
    [sel] = view.text_edit().extraSelections()
    assert sel.cursor.selectedText() == "market" == S2_TEXT[c.start : c.end]


def marked_texts(view: SourceView) -> list[str]:
    return sorted(sel.cursor.selectedText() for sel in view.text_edit().extraSelections())


def test_a_source_shown_again_keeps_its_marks(qtbot: QtBot) -> None:
    """Showing another source and coming back marks the same words as the first time
    (once, every mark of the first source had fallen back to its first character)."""
    view, doc = make_view(qtbot)
    first = marked_texts(view)
    assert len(first) == 4 and all(first)
    combo = view.findChild(QComboBox, "sourceCombo")
    combo.setCurrentIndex(1)
    assert marked_texts(view) == ["market"]
    combo.setCurrentIndex(0)
    assert view.text_edit().toPlainText() == display_text(TEXT)[0]
    assert marked_texts(view) == first
    view.show_event(event(doc, "e1"))  # switches to s2 and back through a selection
    view.show_event(event(doc, "e2"))
    assert marked_texts(view) == first


def test_sources_beyond_those_kept_are_made_again_with_their_marks(qtbot: QtBot) -> None:
    base = make_document()
    sources = [Source(f"x{i}", title=f"Report {i}", text=f"Report {i}: shelling at the port.")
               for i in range(12)]
    events = [Event(f"v{i}", f"Shelling {i}", parse_iso("2021-01-01"),
                    citations=[cite(s, "shelling")]) for i, s in enumerate(sources)]
    doc = Document("Many", [*base.sources, *sources], base.actors, [*base.events, *events])
    view, _ = make_view(qtbot, doc)
    first = marked_texts(view)
    for ev in [*events, *reversed(events)]:
        view.show_event(ev)
        assert view.text_edit().toPlainText() == view.current_source().text
        assert [sel.cursor.selectedText() for sel in view.text_edit().extraSelections()] \
            == ["shelling"]
    view.show_event(event(doc, "e2"))
    assert marked_texts(view) == first


def test_an_edited_source_text_is_shown_as_edited(qtbot: QtBot) -> None:
    view, doc = make_view(qtbot)
    view.findChild(QComboBox, "sourceCombo").setCurrentIndex(1)
    view.findChild(QComboBox, "sourceCombo").setCurrentIndex(0)
    s2 = doc.sources[1]
    edited = Source("s2", title=s2.title, text="Rewritten: the market " + S2_TEXT)
    doc2 = Document("Test", [doc.sources[0], edited], doc.actors,
                    [Event("z", "Market", parse_iso("2020"),
                           citations=[cite(edited, "Rewritten")])])
    view.set_document(doc2)
    view.show_event(doc2.events[0])
    assert view.text_edit().toPlainText() == edited.text
    assert marked_texts(view) == ["Rewritten"]


def test_single_source_hides_the_chooser(qtbot: QtBot) -> None:
    doc = make_document()
    doc.sources.pop()
    view, _ = make_view(qtbot, doc)
    assert not view.findChild(QComboBox, "sourceCombo").isVisible()


def test_out_of_range_citation_marks_nothing(qtbot: QtBot) -> None:
    doc = make_document()
    doc.events[1].citations.append(Citation("s1", 10, len(TEXT) + 5, "?"))
    backwards = Citation("s1", 3, 9, "?")
    backwards.start, backwards.end = 9, 3  # the model refuses it when built
    doc.events[1].citations.append(backwards)
    view, _ = make_view(qtbot, doc)
    assert all(0 <= s < e <= len(TEXT) for s, e, _, _ in view.highlighted_spans())
    assert len(view.highlighted_spans()) == 4


def test_empty_document(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot, Document())
    assert view.current_source() is None
    assert view.highlighted_spans() == []
    view.show_event(Event("z", "Lonely", parse_iso("2021")))
    assert view.selected_span() is None


# --- clicks and hover ------------------------------------------------------------------
def test_clicking_a_span_emits_its_event(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    start = TEXT.index("strike hit")  # after the emoji
    with qtbot.waitSignal(view.eventActivated, timeout=1000) as blocker:
        click_offset(qtbot, view, start + 3)
    assert blocker.args == ["e1"]


def test_innermost_overlapping_span_wins(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    with qtbot.waitSignal(view.eventActivated, timeout=1000) as blocker:
        click_offset(qtbot, view, TEXT.index("smoke over") + 2)
    assert blocker.args == ["e3"]
    with qtbot.waitSignal(view.eventActivated, timeout=1000) as blocker:
        click_offset(qtbot, view, TEXT.index("Witnesses") + 3)
    assert blocker.args == ["e2"]


def test_clicking_outside_spans_emits_nothing(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    with qtbot.assertNotEmitted(view.eventActivated, wait=100):
        click_offset(qtbot, view, TEXT.index("convoy") + 2)
        click_offset(qtbot, view, TEXT.index("Background paragraph 3") + 4)


def test_drag_selection_inside_a_span_emits_nothing(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    edit = view.text_edit()
    start = TEXT.index("strike hit")
    a, b = point_in(view, start + 1), point_in(view, start + 8)
    with qtbot.assertNotEmitted(view.eventActivated, wait=100):
        qtbot.mousePress(edit.viewport(), Qt.MouseButton.LeftButton, pos=a)
        qtbot.mouseMove(edit.viewport(), b)
        qtbot.mouseRelease(edit.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert edit.textCursor().hasSelection()


def test_hover_shows_hand_cursor_and_plain_title(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    viewport = view.text_edit().viewport()
    inside = point_in(view, TEXT.index("smoke over") + 2)
    qtbot.mouseMove(viewport, inside)
    qtbot.waitUntil(lambda: viewport.cursor().shape() == Qt.CursorShape.PointingHandCursor)
    qtbot.mouseMove(viewport, point_in(view, TEXT.index("convoy") + 2))
    qtbot.waitUntil(lambda: viewport.cursor().shape() == Qt.CursorShape.IBeamCursor)

    help_event = QHelpEvent(QEvent.Type.ToolTip, inside, viewport.mapToGlobal(inside))
    QApplication.sendEvent(viewport, help_event)
    # Escaped: the title's tags are shown as text, not rendered.
    assert "&lt;b&gt;Aid&lt;/b&gt; &amp; smoke" in QToolTip.text()
    QToolTip.hideText()


# --- the address -----------------------------------------------------------------------
def test_address_opens_only_on_click_and_only_for_http(qtbot: QtBot) -> None:
    doc = make_document()
    view = SourceView()
    qtbot.addWidget(view)
    opened: list[QUrl] = []
    view.url_opener = opened.append
    view.set_document(doc)
    view.show()
    qtbot.waitExposed(view)
    view.show_event(event(doc, "e3"))
    assert opened == []
    button = view.findChild(QToolButton, "openInBrowserButton")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl("https://example.org/strike?id=1")]

    view.show_source("s2")  # a file: address
    assert not button.isEnabled()
    assert "http" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1


def test_javascript_address_is_not_openable(qtbot: QtBot) -> None:
    doc = make_document()
    doc.sources[0].url = "javascript:alert(1)"
    view, _ = make_view(qtbot, doc)
    opened: list[QUrl] = []
    view.url_opener = opened.append
    button = view.findChild(QToolButton, "openInBrowserButton")
    assert not button.isEnabled()
    assert "javascript" in button.toolTip()
    button.click()
    assert opened == []


def test_palette_change_recolours_the_marks(qtbot: QtBot) -> None:
    view, doc = make_view(qtbot)
    view.show_event(event(doc, "e1"))
    light = {s.format.background().color().rgba() for s in view.text_edit().extraSelections()}
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    view.setPalette(palette)
    dark = {s.format.background().color().rgba() for s in view.text_edit().extraSelections()}
    assert dark and light and not dark & light
    assert dark == {c.rgba() for c in citation_colours(palette)[:2]}


def test_enter_on_a_span_activates_it(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    edit = view.text_edit()
    assert type(edit) is QPlainTextEdit  # found by type from other tests and the window
    cursor = QTextCursor(edit.document())
    cursor.setPosition(view.qt_position(TEXT.index("smoke over") + 2))
    edit.setTextCursor(cursor)
    edit.setFocus()
    with qtbot.waitSignal(view.eventActivated, timeout=1000) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == ["e3"]


def test_a_sentence_cited_by_many_events_is_one_mark_and_selects_each(qtbot: QtBot) -> None:
    """A big timeline cites one sentence thousands of times: one faint mark for Qt to
    paint, while every citation still counts as a span of its event."""
    doc = make_document()
    cited = event(doc, "e1").citations[0]
    for i in range(300):
        doc.events.append(Event(f"copy-{i}", f"Copy {i}", parse_iso("2021-01-01"),
                                citations=[Citation("s1", cited.start, cited.end, cited.quote)]))
    view, _ = make_view(qtbot, doc)
    spans = view.highlighted_spans()
    assert sum(1 for s, e, _, _ in spans if (s, e) == (cited.start, cited.end)) == 301
    ranges = {(s, e) for s, e, _, _ in spans}
    assert len(view.text_edit().extraSelections()) == len(ranges)
    view.show_event(event(doc, "copy-7"))
    strong = [sel for sel in view.text_edit().extraSelections()
              if sel.cursor.selectedText() == TEXT[cited.start : cited.end]]
    assert len(strong) == 1  # strong only: the faint mark of that range is left out


def test_the_documents_kept_are_bounded_by_count_and_by_text(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    texts = SourceDocuments(edit, edit, keep=3, characters=25)
    sources = [Source(f"k{i}", title=f"K{i}", text=f"ten chars{i}") for i in range(5)]
    for source in sources[:3]:
        texts.show(texts.text_of(source))
    assert texts.kept() == ["k1", "k2"]  # 33 characters is over 25: the oldest went
    big = Source("big", title="Big", text="x" * 100)
    shown = texts.text_of(big)
    texts.show(shown)
    assert texts.kept() == ["big"]  # the shown one stays, however long
    assert edit.toPlainText() == "x" * 100
    assert texts.text_of(sources[0]).document is not shown.document


def test_the_header_lays_its_texts_out_only_at_the_widths_they_are_shown_at(
        qtbot: QtBot) -> None:
    """Outlet, headline and date get the height their texts need, a headline of two
    lines too, and no text is laid out at a width the pane never gives it."""
    doc = make_document()
    doc.sources[1].title = "A headline long enough to wrap over two lines or more " * 2
    for width in (520, 300):
        view, _ = make_view(qtbot, doc)
        view.resize(width, 420)
        for source_event in ("e1", "e2", "e1"):
            view.show_event(event(doc, source_event))
            QApplication.processEvents()
        view.show_event(event(doc, "e1"))  # e1 cites both sources; shows the first
        QApplication.processEvents()
        shown = [view.findChild(QLabel, name)
                 for name in ("outletLabel", "headlineLabel", "metaLabel")]
        for label in shown:
            assert label.isVisible()
            fresh = QLabel()
            fresh.setWordWrap(True)
            fresh.setTextInteractionFlags(label.textInteractionFlags())
            fresh.setFont(label.font())
            fresh.setText(label.text())
            assert label.height() >= fresh.heightForWidth(label.width()) > 0
            asked = label._heights or {}
            assert min(asked) >= label.width() - 2, (label.objectName(), sorted(asked))
