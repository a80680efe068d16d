"""How the timeline draws what the analyst reads: uncertain dates, labels, the axis, the
overview, rows that stay put, and events with several actors.  Driven through the window."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from window_driver import open_window

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.model import Actor, Citation, Document, Event, Source
from timeline_app.gui.timeline.render_style import bar_fill, lane_colors, text_on
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    return message_boxes


def generated() -> Document:
    """15 events of 4 actors over a few months: ranges with uncertain ends, a month, a
    year, an approximate day, and events naming two and three actors."""
    text = "Reported fighting near the coast. " * 20
    sources = [Source("s0", title="Fighting near the coast", outlet="Outlet",
                      url="https://example.org/a", published=parse_iso("2020-05-01"), text=text)]
    actors = [Actor(f"a{k}", f"Actor {k}") for k in range(4)]
    specs = [  # id, title, start, end, actors
        ("e0", "Talks open in Geneva", "2020-01-03", None, ["a0", "a1", "a2"]),
        ("e1", "Shelling of the port", "2020-01-09", None, ["a1"]),
        ("e2", "Fighting around Sirte", "2020-01", "2020-03", ["a1"]),
        ("e3", "About the tenth: ceasefire call", "2020-01-10~", None, ["a2"]),
        ("e4", "Airstrike on the airport", "2020-01-15", None, ["a0"]),
        ("e5", "Offensive on the capital", "2020-02-01", "2020-04-20", ["a0"]),
        ("e6", "Withdrawal from the south", "2020-02-12", None, ["a0"]),
        ("e7", "A year of sanctions", "2020", None, ["a3"]),
        ("e8", "Convoy attacked", "2020-02-20", None, ["a3"]),
        ("e9", "Sometime in March: arms shipment", "2020-03", None, ["a2"]),
        ("e10", "Signing of the 5+5 agreement", "2020-03-05", None, ["a0", "a1"]),
        ("e11", "Prisoner exchange", "2020-03-18", None, ["a1"]),
        ("e12", "Mediator visits", "2020-04-02", None, ["a2"]),
        ("e13", "New front opens", "2020-04-10", None, ["a3"]),
        ("e14", "Truce holds along the coast as the delegations go back to Geneva",
         "2020-04-28", None, ["a0"]),
    ]
    events = [Event(i, title, parse_iso(start), parse_iso(end) if end else None, who,
                    citations=[Citation("s0", 0, 8, "Reported")])
              for i, title, start, end, who in specs]
    return Document("Generated", sources, actors, events)


@pytest.fixture
def generated_window(qtbot: QtBot, tmp_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    path = tmp_path / "generated.json"
    path.write_text(dumps(generated()), encoding="utf-8")
    win = open_window(qtbot, path, settings)
    yield win
    win.session.undo_stack.setClean()
    win.close()


def view_of(win: MainWindow) -> TimelineView:
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    return view


def index_of(win: MainWindow, event_id: str) -> int:
    return next(i for i, ev in enumerate(win.session.document.events) if ev.id == event_id)


# --- uncertain dates (item 9) -------------------------------------------------------------

def test_a_year_and_a_month_are_drawn_as_the_span_they_cover(
    qtbot: QtBot, generated_window: MainWindow
) -> None:
    view = view_of(generated_window)
    frame = view.current_frame()
    for event_id, start, end in (("e7", "2020-01-01", "2021-01-01"),
                                 ("e9", "2020-03-01", "2020-04-01")):
        box = frame.marker_for(index_of(generated_window, event_id))
        assert box is not None and box.is_span
        x_start = frame.x_of(parse_iso(start).to_seconds())
        x_end = frame.x_of(parse_iso(end).to_seconds())
        assert box.x0 == pytest.approx(x_start, abs=0.5)
        assert box.x1 == pytest.approx(x_end, abs=0.5)
    # a day stays a point
    day = frame.marker_for(index_of(generated_window, "e1"))
    assert day is not None and not day.is_span
    assert day.x1 - day.x0 == pytest.approx(view.frame_geometry.marker_size)


def test_clicking_anywhere_on_a_month_selects_it_and_its_label_leaves_the_span_visible(
    qtbot: QtBot, generated_window: MainWindow
) -> None:
    view = view_of(generated_window)
    box = view.current_frame().marker_for(index_of(generated_window, "e9"))
    assert box is not None
    y = int((box.y0 + box.y1) / 2)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(box.x0 + 3), y))
    assert generated_window.session.selected_event().id == "e9"
    # the selected label is drawn without a pill: the month's band shows through it
    image = view.grab().toImage()
    frame = view.current_frame()
    box = frame.marker_for(index_of(generated_window, "e9"))
    assert box is not None and box.label
    highlight = view.renderer.style.highlight
    x = int(box.x1 - 2) if box.label_x + box.label_width < box.x1 - 4 else int(box.x0 + 2)
    pixel = image.pixelColor(x, int(box.y0) + 2)
    assert pixel != highlight


def test_whiskers_of_an_approximate_day_never_touch_its_title(
    generated_window: MainWindow,
) -> None:
    frame = view_of(generated_window).current_frame()
    box = frame.marker_for(index_of(generated_window, "e3"))
    assert box is not None and box.approximate and box.label
    cx = (box.x0 + box.x1) / 2
    whisker_reach = frame.geometry.marker_size / 2 + 7  # as the renderer draws them
    if box.label_x > cx:
        assert box.label_x - (cx + whisker_reach) >= 4
    else:
        assert (cx - whisker_reach) - (box.label_x + box.label_width) >= 4


# --- labels on ranges (item 4) ------------------------------------------------------------

def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_a_label_on_a_bar_contrasts_with_it_in_every_lane_colour(
    window: MainWindow, generated_window: MainWindow
) -> None:
    for win in (window, generated_window):
        view = view_of(win)
        style = view.renderer.style
        colors = [*lane_colors(win.session.document).values(), style.highlight]
        for color in colors:
            fill = bar_fill(color, style.background)
            assert _contrast(text_on(fill), fill) >= 4.5, color.name()


def test_a_label_inside_a_bar_keeps_off_its_faded_ends(generated_window: MainWindow) -> None:
    view = view_of(generated_window)
    view.zoom(3.0, view.x_of_time(parse_iso("2020-02-01").to_seconds()))
    frame = view.current_frame()
    box = frame.marker_for(index_of(generated_window, "e2"))  # January to March, by month
    assert box is not None and box.start_fuzz > 1 and box.label
    if box.x0 <= box.label_x < box.x1:  # inside: on the solid part only
        assert box.label_x >= box.x0 + box.start_fuzz
        assert box.label_x + box.label_width <= box.x1 - box.end_fuzz


# --- the axis (item 5) --------------------------------------------------------------------

def _year_readable(frame, tick_t: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether the year of the fine tick at ``tick_t`` is written on the axis: in its own
    label, or in the coarse label of the period it falls in."""
    from datetime import UTC, datetime, timedelta

    year = str((datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=tick_t)).year)
    x = frame.x_of(tick_t)
    own = [lb for lb in frame.axis_labels if lb.row == 1 and abs(lb.x - 4 - x) < 1]
    if any(year in lb.text for lb in own):
        return True
    coarse = [lb for lb in frame.axis_labels if lb.row == 0 and lb.x <= x + 5]
    return bool(coarse) and year in coarse[-1].text


@pytest.mark.parametrize("which", ["default", "generated"])
def test_every_tick_label_is_whole_inside_the_axis_while_panning_and_zooming(
    qtbot: QtBot, window: MainWindow, generated_window: MainWindow, which: str
) -> None:
    win = window if which == "default" else generated_window
    view = view_of(win)
    geo = view.frame_geometry
    checked = 0
    for zoom_steps in range(0, 40, 3):
        view.zoom_to_fit()
        for _ in range(zoom_steps):
            view.zoom(1.25, geo.gutter + 5)
        for _ in range(6):
            qtbot.keyClick(view, Qt.Key.Key_Right)
            frame = view.current_frame()
            labels = frame.axis_labels
            assert labels
            for lb in labels:
                assert geo.gutter <= lb.x and lb.right <= frame.width, (lb, frame.width)
                assert lb.y >= 0 and lb.y + lb.height <= geo.axis_height
                assert view.renderer.measure(lb.text) <= lb.width + 0.01  # never cut
            for row in (0, 1):
                xs = sorted((lb.x, lb.right) for lb in labels if lb.row == row)
                assert all(a[1] <= b[0] for a, b in pairwise(xs)), xs
            written = [lb.x - 4 for lb in labels if lb.row == 1]
            fine = [t for t in frame.tiers[0].ticks
                    if any(abs(x - frame.x_of(t.t)) < 1 for x in written)]
            if fine:  # the first fine label written says its year
                assert _year_readable(frame, fine[0].t), [lb.text for lb in labels]
                checked += 1
    assert checked > 20


# --- the overview (item 7) ----------------------------------------------------------------

def test_the_overview_marks_the_view_within_its_strip_never_over_its_caption(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    strip = window.overview
    origin = view.frame_geometry.gutter
    strip_rect = strip.rect()

    def check() -> None:
        rect = strip.viewport_rect()
        assert rect.left() > origin  # the "Overview" caption is left of the origin
        assert rect.right() <= strip_rect.right() + 1
        assert rect.top() >= 0 and rect.bottom() <= strip_rect.bottom() + 1
        assert rect.width() >= 4

    check()  # fitted: the whole span
    for key in (Qt.Key.Key_Minus, Qt.Key.Key_Minus):  # wider than the span
        qtbot.keyClick(view, key)
        check()
    view.zoom_to_fit()
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    for _ in range(30):  # panned past the start, then past the end
        qtbot.keyClick(view, Qt.Key.Key_Left)
        check()
    for _ in range(60):
        qtbot.keyClick(view, Qt.Key.Key_Right)
        check()


# --- rows and labels (items 1 and 3) ------------------------------------------------------

def _places(view: TimelineView) -> dict[tuple[int, int], tuple[int, float, float, float]]:
    """Each drawn (event, lane): its row, and its label's x relative to its marker, its
    y and its width."""
    frame = view.current_frame()
    return {(m.index, m.lane): (m.row, m.label_x - m.x0 if m.label else 0.0, m.y0,
                                m.label_width if m.label else 0.0)
            for m in frame.markers}


def _label_rects(view: TimelineView) -> list[tuple[float, float, float, float, int]]:
    frame = view.current_frame()
    return [(m.label_x, m.y0, m.label_x + m.label_width, m.y1, m.index)
            for m in frame.markers if m.label]


@pytest.mark.parametrize("which", ["default", "generated"])
def test_rows_and_labels_stay_put_while_panning_and_zooming(
    qtbot: QtBot, window: MainWindow, generated_window: MainWindow, which: str
) -> None:
    win = window if which == "default" else generated_window
    view = view_of(win)
    before = _places(view)
    assert before
    rows_before = {k: v[0] for k, v in before.items()}
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Plus,
                Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Left):
        qtbot.keyClick(view, key)
        after = _places(view)
        for k, (row, _dx, y0, _w) in after.items():
            assert row == rows_before[k], (win.session.document.events[k[0]].title, key)
            assert y0 == before[k][2]
    # a pan alone leaves every label where it was beside its marker, and as wide
    qtbot.keyClick(view, Qt.Key.Key_Right)
    first = _places(view)
    view.pan_by(-3)
    second = _places(view)
    frame = view.current_frame()
    for k in first.keys() & second.keys():
        box = next(m for m in frame.markers if (m.index, m.lane) == k)
        if box.x0 > frame.x_origin + 300 and box.x1 < frame.width - 300:  # clear of edges
            assert second[k] == pytest.approx(first[k]), win.session.document.events[k[0]].title


@pytest.mark.parametrize("which", ["default", "generated"])
def test_labels_never_overlap_and_are_elided_only_where_they_would_collide(
    qtbot: QtBot, window: MainWindow, generated_window: MainWindow, which: str
) -> None:
    win = window if which == "default" else generated_window
    view = view_of(win)
    measure = view.renderer.measure
    for zoom in (0.5, 1.0, 2.0, 4.0, 8.0):
        view.zoom_to_fit()
        view.zoom(zoom)
        for _ in range(3):
            frame = view.current_frame()
            rects = _label_rects(view)
            for i, a in enumerate(rects):
                for b in rects[i + 1:]:
                    overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                    assert not overlap, (a, b)
            for m in frame.markers:
                if not m.label:
                    continue
                full = measure(m.label)
                assert m.label_x >= frame.x_origin and m.label_x + m.label_width <= frame.width
                if m.label_width + 0.5 < full:  # elided: its whole title would collide
                    grown = (m.label_x, m.y0, m.label_x + full, m.y1)
                    others = [r for r in rects if r[4] != m.index] + [
                        (o.x0, o.y0, o.x1, o.y1, o.index) for o in frame.markers
                        if o.index != m.index]
                    hits = any(grown[0] < r[2] and r[0] < grown[2] and grown[1] < r[3]
                               and r[1] < grown[3] for r in others)
                    assert hits or grown[2] > frame.width, (m.label, zoom)
            qtbot.keyClick(view, Qt.Key.Key_Right)


def test_a_long_title_is_whole_where_there_is_room(generated_window: MainWindow) -> None:
    view = view_of(generated_window)
    frame = view.current_frame()
    box = frame.marker_for(index_of(generated_window, "e14"))
    assert box is not None and box.label
    title = generated_window.session.document.events[box.index].title
    assert view.renderer.measure(title) > view.frame_geometry.max_label_width
    assert box.label_width == pytest.approx(view.renderer.measure(title))


# --- lane heights and "+N" (item 2) -------------------------------------------------------

def crowded() -> Document:
    """25 reports of one day by one actor, and three others with a dozen events each."""
    text = "Reported. " * 10
    sources = [Source("s0", title="Reports", outlet="Outlet", url="https://example.org/r",
                      published=parse_iso("2021-01-02"), text=text)]
    actors = [Actor(f"a{k}", f"Actor {k}") for k in range(4)]
    cite = [Citation("s0", 0, 8, "Reported")]
    events = [Event(f"c{k}", f"Clash number {k}", parse_iso("2020-06-01"), None, ["a0"],
                    citations=cite) for k in range(25)]
    events += [Event(f"o{k}", f"Other {k}", parse_iso(f"2020-0{k % 4 + 1}-10"), None,
                     [f"a{1 + k % 3}"], citations=cite) for k in range(36)]
    events.append(Event("late", "Much later", parse_iso("2021-01-01"), None, ["a1"],
                        citations=cite))
    return Document("Crowded", sources, actors, events)


def _open(qtbot: QtBot, tmp_path: Path, settings: QSettings, doc: Document) -> MainWindow:
    path = tmp_path / "doc.json"
    path.write_text(dumps(doc), encoding="utf-8")
    win = MainWindow(path, settings=settings)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_lanes_are_as_tall_as_their_events_need(generated_window: MainWindow) -> None:
    view = view_of(generated_window)
    frame = view.current_frame()
    geo = view.frame_geometry
    for lane in frame.lanes:
        used = 1 + max(m.row for m in frame.markers if m.lane == lane.index)
        assert lane.rows <= used + 1, lane.label  # at most one free row, not two-thirds
        assert not lane.overflow
    assert frame.lanes[-1].y1 < frame.height - 3 * geo.row_height  # room left below


def test_plus_n_expands_its_lane_and_click_esc_and_zoom_to_fit_restore_it(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    win = _open(qtbot, tmp_path, settings, crowded())
    try:
        view = view_of(win)

        def heights() -> list[float]:
            return [lane.y1 - lane.y0 for lane in view.current_frame().lanes]

        def click_plus() -> None:
            frame = view.current_frame()
            badge = frame.lanes[0].overflow[0]
            qtbot.mouseClick(view, Qt.MouseButton.LeftButton,
                             pos=QPoint(int(badge.x + badge.width / 2),
                                        int((badge.y0 + badge.y1) / 2)))

        frame = view.current_frame()
        assert frame.lanes[0].overflow, "the crowded lane shows +N"
        # the badges have a row of their own: no label or marker under them
        for lane in frame.lanes:
            for badge in lane.overflow:
                for m in frame.markers:
                    right = max(m.x1, m.label_x + m.label_width if m.label else m.x1)
                    assert not (m.y0 < badge.y1 and badge.y0 < m.y1
                                and m.x0 < badge.x + badge.width and badge.x < right)
        usual = heights()
        shown = len([m for m in frame.markers if m.lane == 0])
        for restore in ("click", "esc", "fit"):
            click_plus()
            expanded = heights()
            assert expanded[0] > usual[0]
            assert all(h >= view.frame_geometry.min_lane_height for h in expanded)
            assert len([m for m in view.current_frame().markers if m.lane == 0]) > shown
            if restore == "click":
                click_plus()
            elif restore == "esc":
                qtbot.keyClick(view, Qt.Key.Key_Escape)
            else:
                fit = [a for a in win.findChildren(QAction)
                       if a.text().replace("&", "") == "Zoom to Fit"]
                assert fit
                fit[0].trigger()  # the menu's and toolbar's Zoom to Fit
            assert heights() == usual, restore
    finally:
        win.session.undo_stack.setClean()
        win.close()


# --- events with several actors (item 11) ------------------------------------------------

def _group_action(win: MainWindow, text: str) -> QAction:
    found = [a for a in win.findChildren(QAction) if a.text().replace("&", "") == text]
    assert found, text
    return found[0]


def test_grouping_by_event_type_draws_each_event_once_with_its_actors_as_chips(
    generated_window: MainWindow,
) -> None:
    win = generated_window
    _group_action(win, "Event Type (each event once)").trigger()
    view = view_of(win)
    frame = view.current_frame()
    drawn = [m.index for m in frame.markers]
    assert sorted(drawn) == list(range(len(win.session.document.events)))  # each once
    box = frame.marker_for(index_of(win, "e0"))
    assert box is not None and box.chips == ("a0", "a1", "a2")
    # the chips are drawn in the actors' colours, before the title
    image = view.grab().toImage()
    colors = lane_colors(win.session.document)
    cy = int((box.y0 + box.y1) / 2)
    for k, actor in enumerate(box.chips):
        pixel = image.pixelColor(int(box.label_x + k * 11 + 4.5), cy)
        assert _contrast(pixel, colors[actor]) < 1.3, actor
    assert box.label_width >= view.renderer.measure(win.session.document.events[0].title)


def test_selecting_one_copy_in_the_actor_grouping_highlights_every_copy(
    qtbot: QtBot, generated_window: MainWindow
) -> None:
    win = generated_window
    view = view_of(win)
    frame = view.current_frame()
    i = index_of(win, "e0")
    copies = [m for m in frame.markers if m.index == i]
    assert len(copies) == 3 and all(m.chips == ("a0", "a1", "a2") for m in copies)
    last = copies[-1]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton,
                     pos=QPoint(int((last.x0 + last.x1) / 2), int((last.y0 + last.y1) / 2)))
    assert win.session.selected_event().id == "e0"
    image = view.grab().toImage()
    highlight = view.renderer.style.highlight
    for m in view.current_frame().markers:
        if m.index != i:
            continue
        y = int((m.y0 + m.y1) / 2)
        row = [image.pixelColor(x, y) for x in range(int(m.label_x), int(m.label_x + 60))]
        assert any(_contrast(p, highlight) < 1.1 for p in row), m.lane  # its pill


def test_a_label_is_elided_only_when_its_room_is_short_of_it(window: MainWindow) -> None:
    from PySide6.QtGui import QFontMetricsF

    renderer = view_of(window).renderer
    metrics = QFontMetricsF(renderer.style.font)
    text = "Ceasefire announced in the capital"
    full = renderer.measure(text)
    assert renderer._elided(metrics, text, full + 1) == text  # the room the layout gives
    short = renderer._elided(metrics, text, full / 2)
    assert short != text and short.endswith("…")
    assert metrics.horizontalAdvance(short) <= full / 2
