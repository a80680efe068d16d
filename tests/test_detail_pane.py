"""The detail pane shows every field of an event, literally, and links citations back."""

from __future__ import annotations

import gc
import random

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QScrollArea, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.gui.panes.detail_pane import PLACEHOLDER, DetailPane, FullTextDialog

PROBES = ["<img src=x>", '<a href="file:///etc/passwd">x</a>', "<b>bold</b>"]
TEXT = (
    "Officials said the convoy’s route was closed 😀. The strike hit the market at dawn."
    "\r\nWitnesses saw smoke over the city."
)


def cite(source: Source, phrase: str) -> Citation:
    start = source.text.index(phrase)
    return Citation(source.id, start, start + len(phrase), phrase)


def make_document() -> Document:
    source = Source(
        "s1",
        title="Strike on the market",
        outlet="Example Times",
        url="https://example.org/a",
        text=TEXT,
    )
    actors = [
        Actor("army", "National Army", "#c0392b"),
        Actor("rebels", "Rebel Front <b>RF</b>", ""),
        Actor("bad", "Bad Colour"),
    ]
    # The model refuses it when an actor is built; the pane must not trust it either.
    actors[2].color = "red; background: url(x)"
    e1 = Event(
        "e1",
        "Market strike " + PROBES[0],
        parse_iso("2020-12-21"),
        actors=["army", "rebels", "ghost"],
        location="Old market, <i>Town</i>",
        tags=["airstrike", "<u>civilians</u>"],
        description=f"Reported by two outlets. {PROBES[1]} {PROBES[2]}",
        citations=[
            cite(source, "The strike hit the market at dawn"),
            cite(source, "smoke over the city"),
        ],
        date_note="resolved from “yesterday” in a report of 22 December",
    )
    e2 = Event(
        "e2",
        "Smoke seen",
        parse_iso("2020-12"),
        end=parse_iso("2021~"),
        citations=[cite(source, "Witnesses saw smoke over the city")],
    )
    e3 = Event("e3", "Uncited rumour", parse_iso("2020-12-20T06:30"))
    return Document("Test", [source], actors, [e1, e2, e3])


def make_pane(qtbot: QtBot) -> tuple[DetailPane, Document]:
    doc = make_document()
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(360, 500)
    pane.set_document(doc)
    pane.show()
    qtbot.waitExposed(pane)
    return pane, doc


def label(pane: DetailPane, name: str) -> QLabel:
    found = pane.findChild(QLabel, name)
    assert found is not None, name
    return found


def all_text(pane: DetailPane) -> str:
    return "\n".join(lbl.text() for lbl in pane.findChildren(QLabel))


def test_identity_and_placeholder(qtbot: QtBot) -> None:
    pane, _ = make_pane(qtbot)
    assert pane.objectName() == "detailPane"
    assert pane.accessibleName()
    assert label(pane, "placeholderLabel").text() == PLACEHOLDER
    assert pane.findChild(QScrollArea) is not None


def test_shows_every_field(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    assert pane.findChild(QLabel, "placeholderLabel") is None
    assert label(pane, "titleLabel").text() == "Market strike <img src=x>"
    assert label(pane, "titleLabel").font().bold()
    assert label(pane, "titleLabel").wordWrap()
    assert label(pane, "dateLabel").text() == "21 December 2020"
    assert label(pane, "precisionLabel").text() == "day precision"
    assert "resolved from “yesterday”" in label(pane, "dateNoteLabel").text()
    actors = [lbl.text() for lbl in pane.findChildren(QLabel, "actorLabel")]
    assert actors == ["National Army", "Rebel Front <b>RF</b>", "ghost (unknown actor)"]
    # One swatch: the valid colour; an empty or invalid colour draws none.
    swatches = pane.findChildren(QWidget, "actorSwatch")
    assert len(swatches) == 1 and swatches[0].color.name() == "#c0392b"
    assert label(pane, "locationLabel").text() == "Old market, <i>Town</i>"
    assert label(pane, "tagsLabel").text() == "airstrike · <u>civilians</u>"
    assert label(pane, "descriptionLabel").text().startswith("Reported by two outlets.")
    headings = [lbl.text() for lbl in pane.findChildren(QLabel, "sectionHeading")]
    for heading in ("When", "Who", "Where", "Sources"):
        assert heading in headings
    for lbl in pane.findChildren(QLabel, "sectionHeading"):
        assert lbl.foregroundRole() == QPalette.ColorRole.PlaceholderText
    quotes = [lbl.text() for lbl in pane.findChildren(QLabel, "citationQuote")]
    assert quotes == ["“The strike hit the market at dawn”", "“smoke over the city”"]
    sources = [lbl.text() for lbl in pane.findChildren(QLabel, "citationSource")]
    assert sources == ["Example Times — Strike on the market"] * 2


def test_ranges_and_precision_are_spelled_out(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[1])
    assert label(pane, "dateLabel").text() == "December 2020 – about 2021"
    assert label(pane, "precisionLabel").text() == (
        "from: month precision; to: year precision, approximate"
    )
    assert pane.findChild(QLabel, "dateNoteLabel") is None
    pane.show_event(doc.events[2])
    assert label(pane, "dateLabel").text() == "20 December 2020, 06:30"
    assert label(pane, "precisionLabel").text() == "minute precision"
    assert label(pane, "noCitationsLabel").text() == "No source cited for this event"
    assert pane.findChild(QLabel, "locationLabel") is None


def test_rich_text_probes_are_shown_literally(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    text = all_text(pane)
    for probe in PROBES:
        assert probe in text
    labels = pane.findChildren(QLabel)
    assert len(labels) > 10
    for lbl in labels:
        assert lbl.textFormat() == Qt.TextFormat.PlainText, lbl.objectName()
        assert not lbl.openExternalLinks()
        assert not lbl.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse
    assert label(pane, "descriptionLabel").textInteractionFlags() & (
        Qt.TextInteractionFlag.TextSelectableByMouse
    )


def test_citation_click_emits_event_and_index(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    quotes = pane.findChildren(QLabel, "citationQuote")
    with qtbot.waitSignal(pane.citationActivated, timeout=1000) as blocker:
        qtbot.mouseClick(quotes[1], Qt.MouseButton.LeftButton)
    assert blocker.args == ["e1", 1]
    buttons = pane.findChildren(QToolButton, "showInSourceButton")
    assert len(buttons) == 2
    with qtbot.waitSignal(pane.citationActivated, timeout=1000) as blocker:
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert blocker.args == ["e1", 0]
    card = pane.findChildren(QWidget, "citationCard")[1]
    card.setFocus()
    with qtbot.waitSignal(pane.citationActivated, timeout=1000) as blocker:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert blocker.args == ["e1", 1]


def test_selecting_quote_text_does_not_activate(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    quote = pane.findChildren(QLabel, "citationQuote")[0]
    with qtbot.assertNotEmitted(pane.citationActivated, wait=50):
        qtbot.mousePress(quote, Qt.MouseButton.LeftButton)
        quote.setSelection(1, 5)  # as a drag (or a double click) would leave it
        qtbot.mouseRelease(quote, Qt.MouseButton.LeftButton)


def test_new_document_resets_to_placeholder(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    pane.show_event(doc.events[0])
    assert pane.current_event() is doc.events[0]
    pane.set_document(Document())
    assert pane.current_event() is None
    assert label(pane, "placeholderLabel").text() == PLACEHOLDER
    pane.show_event(None)
    assert label(pane, "placeholderLabel").text() == PLACEHOLDER


def test_long_description_scrolls(qtbot: QtBot) -> None:
    pane, doc = make_pane(qtbot)
    event = doc.events[0]
    event.description = "A long account of what happened. " * 400
    pane.show_event(event)
    scroll = pane.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    assert scroll.horizontalScrollBar().maximum() == 0


def widgets_and_texts(pane: DetailPane) -> tuple[list[int], list[tuple[str, str]]]:
    labels = pane.findChildren(QLabel)
    return [id(w) for w in pane.findChildren(QWidget)], [(w.objectName(), w.text())
                                                          for w in labels]


def test_an_event_like_the_one_shown_keeps_its_widgets_and_shows_its_own_texts(
    qtbot: QtBot,
) -> None:
    """A click from one event to another with the same fields keeps the widgets (only
    their texts change); what they show, and what a click on them does, is what a pane
    showing that event alone shows and does."""
    pane, doc = make_pane(qtbot)
    source = doc.sources[0]
    first = doc.events[0]
    other = Event("e9", "Second strike", parse_iso("2021-01-03"), actors=["army", "bad",
                  "ghost"], location="New market", tags=["shelling", "night"],
                  description="One outlet.", date_note="from the caption",
                  citations=[cite(source, "Witnesses saw smoke"), cite(source, "convoy")])
    doc.events.append(other)
    pane.show_event(first)
    before, _ = widgets_and_texts(pane)
    pane.show_event(other)
    after, texts = widgets_and_texts(pane)
    assert after == before  # the very same widgets
    fresh, _ = make_pane(qtbot)
    fresh.show_event(other)
    assert texts == widgets_and_texts(fresh)[1]
    swatches = pane.findChildren(QWidget, "actorSwatch")
    assert [s.color.name() for s in swatches] == ["#c0392b"]
    quotes = pane.findChildren(QLabel, "citationQuote")
    with qtbot.waitSignal(pane.citationActivated, timeout=1000) as blocker:
        qtbot.mouseClick(quotes[1], Qt.MouseButton.LeftButton)
    assert blocker.args == ["e9", 1]


def shown_in_order(pane: DetailPane) -> list[tuple]:
    """What the pane shows, top to bottom: each widget's kind, name, text (or colour)
    and geometry in the content, in the order of the layouts."""
    content = pane.findChild(QWidget, "detailContent")
    out: list[tuple] = []

    def walk(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.layout() is not None:
                walk(item.layout())
            elif item.widget() is not None:
                widget = item.widget()
                text = widget.text() if isinstance(widget, (QLabel, QToolButton)) else (
                    widget.color.name() if hasattr(widget, "color") else "")
                out.append((type(widget).__name__, widget.objectName(), text,
                            widget.mapTo(content, widget.rect().topLeft()).y(),
                            widget.height()))
                if widget.layout() is not None:
                    walk(widget.layout())
            else:
                out.append(("space", item.geometry().height()))

    walk(content.layout())
    return out


def test_a_click_from_any_event_to_any_other_shows_what_a_new_pane_shows(
    qtbot: QtBot,
) -> None:
    """Widgets are kept for the parts two events share and made or removed for the
    others: whatever came before, the pane shows what a pane showing that event alone
    shows, in the same order and at the same places, and nothing of the event before."""
    pane, doc = make_pane(qtbot)
    source = doc.sources[0]
    rng = random.Random(11)
    for k in range(30):
        n_actors, n_citations = rng.randrange(4), rng.randrange(4)
        event = Event(
            f"r{k}", rng.choice(["Raid", "A " + "very long title " * 80]),
            parse_iso(rng.choice(["2021-01-03", "2021-02"])),
            end=rng.choice([None, parse_iso("2021-03")]),
            actors=rng.sample(["army", "rebels", "bad", "ghost"], n_actors),
            location=rng.choice(["", "Port", "Harbour " * 400]),
            tags=rng.sample(["night", "shelling"], rng.randrange(3)),
            description=rng.choice(["", "Seen from the port."]),
            date_note=rng.choice(["", "from the caption"]),
            citations=[cite(source, rng.choice(["convoy", "smoke over the city"]))
                       for _ in range(n_citations)])
        doc.events.append(event)
        pane.show_event(rng.choice([event, None]) if k % 7 == 6 else event)
        fresh, _ = make_pane(qtbot)
        fresh.show_event(pane.current_event())
        for _ in range(3):  # new widgets are polished, then laid out
            QApplication.processEvents()
        assert shown_in_order(pane) == shown_in_order(fresh), k
        # what was removed is out of the pane at once
        assert len(pane.findChildren(QLabel)) == len(fresh.findChildren(QLabel)), k
        fresh.close()
        # and what is deleted goes without taking what is kept (or shown) with it
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    long_title = next(e for e in doc.events if len(e.title) > 1000)
    pane.show_event(long_title)
    QApplication.processEvents()
    content = pane.findChild(QWidget, "detailContent")
    below_title = content.layout().itemAt(1).widget()
    assert below_title.objectName() == "showAllButton"
    below_title.click()  # "Show all" shows the whole title of the event shown now
    dialog = pane.findChild(FullTextDialog, "fullTextDialog")
    assert dialog is not None and dialog.text.toPlainText() == long_title.title


def test_the_cards_an_event_no_longer_needs_are_deleted(qtbot: QtBot) -> None:
    """An event citing its source 500 times is shown with 500 cards; the cards the next
    event does not need are deleted, not kept, and made again when needed."""
    pane, doc = make_pane(qtbot)
    source = doc.sources[0]
    many = Event("e500", "Many reports", parse_iso("2021-01-04"),
                 citations=[cite(source, "convoy")] * 500)
    doc.events.append(many)
    pane.show_event(many)
    cards = pane.findChildren(QWidget, "citationCard")
    assert len(cards) == 500
    last_card = cards[-1]
    pane.show_event(doc.events[0])
    assert len(pane.findChildren(QWidget, "citationCard")) == 2
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(last_card)  # deleted, not kept aside
    pane.show_event(many)
    again = pane.findChildren(QWidget, "citationCard")
    assert len(again) == 500
    assert again[-1].findChild(QLabel, "citationQuote").text() == "“convoy”"


def _laid_out_height(shown: QLabel) -> int:
    """The height a new label of the same text, font and flags has at ``shown``'s width."""
    fresh = QLabel()
    fresh.setTextFormat(Qt.TextFormat.PlainText)
    fresh.setWordWrap(True)
    fresh.setTextInteractionFlags(shown.textInteractionFlags())
    fresh.setFont(shown.font())
    fresh.setText(shown.text())
    return fresh.heightForWidth(shown.width())


def test_each_text_gets_the_height_it_needs_as_events_and_fonts_change(qtbot: QtBot) -> None:
    """The labels remember their heights per width: a longer text, or a bigger font,
    must still get the room it needs (the pane shows every line)."""
    pane, doc = make_pane(qtbot)
    event = doc.events[0]
    heights = []
    for text in ("Short.", "A long account of what happened at the crossing. " * 12, "Short."):
        event.description = text
        pane.show_event(event)
        QApplication.processEvents()
        shown = label(pane, "descriptionLabel")
        assert shown.height() == _laid_out_height(shown) > 0
        heights.append(shown.height())
    assert heights[1] > 3 * heights[0] and heights[2] == heights[0]
    font = QFont(pane.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    pane.setFont(font)
    QApplication.processEvents()
    shown = label(pane, "descriptionLabel")
    assert shown.height() == _laid_out_height(shown) > heights[0]


def test_texts_are_laid_out_only_at_the_widths_they_are_shown_at(qtbot: QtBot) -> None:
    """Each label gets the height its text needs, citations' too, at any pane width,
    and no text is laid out at a width the pane never gives it (the width of a size
    hint: a third of a click's text layouts, for nothing)."""
    for width, height in ((360, 500), (700, 900), (240, 300)):
        pane, doc = make_pane(qtbot)
        pane.resize(width, height)
        event = doc.events[0]
        event.description = "A long account of what happened at the crossing. " * 8
        pane.show_event(doc.events[2])
        QApplication.processEvents()
        pane.show_event(event)
        QApplication.processEvents()
        scroll_bar = pane.findChild(QScrollArea).verticalScrollBar()
        shown = [lbl for lbl in pane.findChildren(QLabel)
                 if lbl.isVisible() and lbl.objectName() in (
                     "titleLabel", "descriptionLabel", "citationSource", "citationQuote")]
        assert {lbl.objectName() for lbl in shown} == {
            "titleLabel", "descriptionLabel", "citationSource", "citationQuote"}
        for lbl in shown:
            needed = _laid_out_height(lbl)
            if lbl.objectName() == "citationSource":  # in a row as high as its button
                assert lbl.height() >= needed > 0
            else:
                assert lbl.height() == needed > 0, lbl.objectName()
            asked = lbl._heights or {}  # the widths its layout was asked for
            narrowest = lbl.width() - scroll_bar.sizeHint().width() - 2
            assert min(asked) >= narrowest, (lbl.objectName(), lbl.width(), sorted(asked))


def test_actors_rows_taken_away_and_given_back_show_their_names(qtbot: QtBot) -> None:
    """An actor's row leaves the pane with an event of fewer actors and comes back
    with one of more: its widgets must outlive the row they were in."""
    pane, doc = make_pane(qtbot)
    doc.events.append(Event("few", "Few", parse_iso("2021-01-05"), actors=["army"]))
    for _ in range(4):
        for event in (doc.events[0], doc.events[-1], doc.events[2]):
            pane.show_event(event)
            gc.collect()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()
            names = [lbl.text() for lbl in pane.findChildren(QLabel, "actorLabel")]
            actors = [doc.actor(a) for a in event.actors]
            assert names == [a.label if a else f"{i} (unknown actor)"
                             for a, i in zip(actors, event.actors, strict=True)]
