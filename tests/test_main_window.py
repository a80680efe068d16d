"""What a user does in the window: open, click, zoom, pan, navigate, group, export, save."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QImage, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.core.view.lanes import GroupBy
from timeline_app.gui.dialogs.problems_dialog import ProblemsDialog
from timeline_app.gui.document.commands import EditEventCommand
from timeline_app.gui.panes.detail_pane import DetailPane
from timeline_app.gui.panes.source_view import SourceView
from timeline_app.gui.timeline.export import render_image
from timeline_app.gui.timeline.timeline_view import TimelineView
from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_questions(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    """Closing a window with unsaved edits asks; in tests the answer is Discard."""
    return message_boxes


def view_of(win: MainWindow) -> TimelineView:
    view = win.findChild(TimelineView, "timelineView")
    assert view is not None
    return view


def click_event(qtbot: QtBot, view: TimelineView, event_id: str) -> None:
    rect = view.event_rect(event_id)
    assert rect is not None, f"{event_id} is not drawn"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_window_has_named_parts_and_title(window: MainWindow) -> None:
    assert window.findChild(TimelineView, "timelineView") is not None
    assert window.findChild(DetailPane, "detailPane") is not None
    assert window.findChild(SourceView, "sourceView") is not None
    assert window.windowTitle() == "events.json[*] — Conflict Timeline"
    assert not window.isWindowModified()
    assert "5 events" in window.count_label.text()
    assert view_of(window).accessibleName()


def test_clicking_each_event_shows_details_and_highlights_its_citation(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    source = window.source
    for ev in window.session.document.events:
        click_event(qtbot, view, ev.id)
        assert window.session.selected_id == ev.id
        texts = [lbl.text() for lbl in window.detail.findChildren(QLabel)]
        assert ev.title in texts
        assert ev.location in " ".join(texts)
        cit = ev.citations[0]
        assert source.selected_span() == (cit.start, cit.end)
        strong = [s for s in source.highlighted_spans() if s[3]]
        assert {(s[0], s[1]) for s in strong} == {(c.start, c.end) for c in ev.citations}


def test_clicking_empty_timeline_clears_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    click_event(qtbot, view, "ceasefire-5-plus-5")
    frame = view.current_frame()
    empty = QPoint(int(frame.x_origin + 20), int(frame.lanes[-1].y1 - 5))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=empty)
    assert window.session.selected_id is None


def test_clicking_a_highlighted_passage_selects_its_event(
    qtbot: QtBot, window: MainWindow
) -> None:
    doc = window.session.document
    ev = doc.event("kamel-visits-benghazi")
    assert ev is not None
    view = view_of(window)
    view.zoom(40.0, view.x_of_time(doc.events[0].start.to_seconds()))  # event off screen
    source = window.source
    source.show_event(doc.event("offensive-on-tripoli"))
    edit = source.text_edit()
    cit = ev.citations[1]
    cursor = QTextCursor(edit.document())
    cursor.setPosition(source.qt_position(cit.start + 5))
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
    point = edit.cursorRect(cursor).center()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected_id == ev.id
    assert source.selected_span() == (ev.citations[0].start, ev.citations[0].end)
    rect = view.event_rect(ev.id)
    assert rect is not None and 0 <= rect.center().x() <= view.width()


def wheel(view: TimelineView, pos: QPointF, delta: int) -> None:
    event = QWheelEvent(
        pos, view.mapToGlobal(pos), QPoint(0, 0), QPoint(0, delta),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


@pytest.mark.parametrize("delta", [120, -120, 360, -240])
def test_wheel_zoom_keeps_the_date_under_the_cursor(window: MainWindow, delta: int) -> None:
    view = view_of(window)
    pos = QPointF(view.width() * 0.63, view.height() / 2)
    t_before = view.time_at(pos.x())
    span_before = view.visible_range()[1] - view.visible_range()[0]
    wheel(view, pos, delta)
    span_after = view.visible_range()[1] - view.visible_range()[0]
    assert (span_after < span_before) == (delta > 0)
    assert abs(view.x_of_time(t_before) - pos.x()) <= 1.0


def test_drag_pans_by_the_distance_dragged(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    t0, t1 = view.visible_range()
    spp = (t1 - t0) / view.time_area_width()
    frame = view.current_frame()
    start = QPoint(int(frame.x_origin + 300), int(frame.lanes[-1].y1 - 8))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for dx in (20, 80, 150, 200):
        qtbot.mouseMove(view, start + QPoint(dx, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    n0, _ = view.visible_range()
    assert n0 == pytest.approx(t0 - 200 * spp, abs=spp)
    assert window.session.selected_id is None  # a drag is not a click


def test_keyboard_navigation(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    view.setFocus()
    order = [ev.id for ev in sorted(window.session.document.events,
                                     key=lambda e: e.start.sort_key())]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.session.selected_id == order[0]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.session.selected_id == order[1]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selected_id == order[0]
    span = view.visible_range()[1] - view.visible_range()[0]
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.visible_range()[1] - view.visible_range()[0] < span
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.visible_range()[1] - view.visible_range()[0] == pytest.approx(span)
    left = view.visible_range()[0]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.visible_range()[0] > left
    qtbot.keyClick(view, Qt.Key.Key_F)
    ev = window.session.selected_event()
    assert ev is not None
    t0, t1 = view.visible_range()
    assert t0 < ev.start.to_seconds() < t1 and t1 - t0 < span


def test_group_by_switches_lanes(window: MainWindow) -> None:
    view = view_of(window)
    assert [lane.label for lane in view.lane_set.lanes][:3] == [
        "Haftar's forces (LNA)", "Government of National Accord (GNA)", "Egypt"]
    # an event with two actors is drawn in both lanes
    frame = view.current_frame()
    i = window.session.document.event_index("withdrawal-from-tripoli")
    assert sorted({m.lane for m in frame.markers if m.index == i}) == [0, 1]
    window.actions_.group_actions[GroupBy.NONE].trigger()
    assert [lane.label for lane in view.lane_set.lanes] == ["All events"]
    window.actions_.group_actions[GroupBy.TAG].trigger()
    tags = sorted({t for ev in window.session.document.events for t in ev.tags})
    assert [lane.label for lane in view.lane_set.lanes] == tags
    assert window.settings.value("view/groupBy") == "tag"


def test_file_with_problems_shows_every_problem_and_keeps_the_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    doc = json.loads(window.session.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    doc["events"][0]["start"] = "2023-02-30"
    doc["events"][1]["id"] = doc["events"][2]["id"]
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert not window.files.open_path(bad)
    dialog = window.findChild(ProblemsDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(type(window.source.text_edit())).toPlainText()
    assert len(window.files.last_problems) >= 2
    for line in window.files.last_problems:
        assert line in text
    assert "2023-02-30" in text
    assert window.session.path is not None and window.session.path.name == "events.json"
    assert len(window.session.document.events) == 5


RICH = '<img src="x.png"><a href="file:///etc/passwd">link</a><b>bold</b>'


def test_rich_text_in_fields_appears_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    doc = json.loads(window.session.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    doc["events"][0]["title"] = RICH
    doc["events"][0]["description"] = RICH
    probe = tmp_path / "probe.json"
    probe.write_text(json.dumps(doc), encoding="utf-8")
    assert window.files.open_path(probe)
    window.session.select(doc["events"][0]["id"])
    labels = window.detail.findChildren(QLabel)
    assert any(lbl.text() == RICH for lbl in labels)
    for lbl in labels:
        assert lbl.textFormat() == Qt.TextFormat.PlainText
        assert not lbl.openExternalLinks()


def test_edit_undo_redo_and_modified_marker(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    before = session.document.event("liberation-of-tarhuna")
    assert before is not None
    from dataclasses import replace

    after = replace(before, title="Tarhuna retaken")
    session.undo_stack.push(EditEventCommand(session, before, after))
    assert session.document.event("liberation-of-tarhuna").title == "Tarhuna retaken"
    assert window.isWindowModified()
    window.actions_.undo.trigger()
    assert session.document.event("liberation-of-tarhuna").title == before.title
    assert not window.isWindowModified()
    window.actions_.redo.trigger()
    assert window.isWindowModified()


def test_a_retitled_event_keeps_the_index_and_shows_its_new_title(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An edit that keeps the event's span and lanes is drawn without rebuilding the
    lanes and index (an O(n) step at 100,000 events); one that moves it rebuilds."""
    from dataclasses import replace

    from timeline_app.core.dates.partial import parse_iso

    session = window.session
    before = session.event_by_id("liberation-of-tarhuna")
    index = window.timeline.index
    session.undo_stack.push(EditEventCommand(session, before, replace(before, title="Retaken")))
    assert window.timeline.index is index
    i = session.index_of("liberation-of-tarhuna")
    frame = window.timeline.current_frame()
    assert any(box.index == i and box.label == "Retaken" for box in frame.markers)
    assert {e for _, _, e, _ in window.source.highlighted_spans()} >= {"liberation-of-tarhuna"}
    assert window.detail.findChild(QLabel, "titleLabel").text() == "Retaken"

    retitled = session.event_by_id("liberation-of-tarhuna")
    moved = replace(retitled, start=parse_iso("2020-07-15"))
    old_rect = window.timeline.event_rect("liberation-of-tarhuna")
    lanes = window.timeline.lane_set
    session.undo_stack.push(EditEventCommand(session, retitled, moved))
    assert window.timeline.index is not index
    assert window.timeline.lane_set is lanes  # same actors: only the index is redone
    assert window.timeline.event_rect("liberation-of-tarhuna").x() > old_rect.x()
    assert window.timeline.index.starts[i] == moved.start_seconds()

    regrouped = replace(moved, actors=["egypt"])
    session.undo_stack.push(EditEventCommand(session, moved, regrouped))
    assert window.timeline.lane_set is not lanes
    keys = [lane.key for lane in window.timeline.lane_set.lanes]
    assert window.timeline.lane_set.event_lanes[i] == [keys.index("egypt")]
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.event_by_id("liberation-of-tarhuna") is before
    assert window.timeline.event_rect("liberation-of-tarhuna").x() == old_rect.x()


def test_save_writes_the_edit_atomically_and_clears_modified(
    qtbot: QtBot, window: MainWindow
) -> None:
    from dataclasses import replace

    session = window.session
    path = session.path
    assert path is not None
    original = path.read_bytes()
    before = session.document.event("ceasefire-5-plus-5")
    assert before is not None
    edited = replace(before, location="Geneva, CH")
    session.undo_stack.push(EditEventCommand(session, before, edited))
    assert window.files.save()
    assert not window.isWindowModified()
    assert '"location": "Geneva, CH"' in path.read_text(encoding="utf-8")
    assert path.with_name("events.json.bak").read_bytes() == original
    # everything not edited is byte-for-byte as it was
    assert path.read_text(encoding="utf-8").replace("Geneva, CH", "Geneva") == original.decode()


def test_export_png_has_the_events_in_their_colours(window: MainWindow, tmp_path: Path) -> None:
    from timeline_app.gui.timeline.export import save_png

    view = view_of(window)
    # The window cuts titles at 280 px, an export never does: with every title
    # shorter than that, the export is pixel for pixel what the window shows.
    session = window.session
    for k, event in enumerate(list(session.document.events)):
        session.undo_stack.push(EditEventCommand(session, event,
                                                 replace(event, title=f"Event {k}")))
    session.select(None)
    out = tmp_path / "timeline.png"
    image = render_image(window.session.document, view.width(), view.height(),
                         time_range=view.visible_range(), palette=view.palette(),
                         font=view.font())
    save_png(image, out)
    back = QImage(str(out))
    assert back.width() == view.width() and back.height() == view.height()
    rect = view.event_rect("offensive-on-tripoli")
    assert rect is not None
    bar = back.pixelColor(rect.center().toPoint())
    red = window.session.document.actor("lna")
    assert red is not None
    # the bar in the first lane is drawn in the actor's colour (slightly translucent)
    assert bar.red() > 150 and bar.green() < 120 and bar.blue() < 120
    corner = back.pixelColor(view.width() - 3, view.height() - 3)
    assert corner != bar
    # and the export is what the screen shows
    window.detail.setFocus()  # the view's focus frame is not part of the timeline
    screen = view.grab().toImage().convertToFormat(back.format())
    points = [(x, y) for x in range(1, view.width() - 1, 7) for y in range(1, view.height() - 1, 5)]
    differ = [p for p in points if screen.pixelColor(*p) != back.pixelColor(*p)]
    assert differ == []


def test_layout_and_recent_files_are_remembered(
    qtbot: QtBot, window: MainWindow, settings: QSettings, timeline_copy: Path
) -> None:
    assert window.files.recent_files()[0] == str(timeline_copy.resolve())
    window.splitter.setSizes([1000, 400])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow(None, settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    # the offscreen screen is smaller than the window, so compare proportions
    restored = again.splitter.sizes()
    assert restored[0] / sum(restored) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)
    assert again.actions_.recent_menu.actions()[0].text().endswith("events.json")


def test_macos_file_open_event_opens_the_file(qtbot: QtBot, tmp_path: Path,
                                              default_timeline: Path) -> None:
    from PySide6.QtGui import QFileOpenEvent

    from timeline_app.gui.window.app import FileOpenFilter

    opened: list[str] = []
    filt = FileOpenFilter(opened.append)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(filt)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(default_timeline)))
    finally:
        app.removeEventFilter(filt)
    assert opened == [str(default_timeline)]


def test_dropping_a_file_on_the_window_opens_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    other = tmp_path / "other.json"
    data = json.loads(default_timeline.read_text(encoding="utf-8"))
    data["events"] = data["events"][:2]
    other.write_text(json.dumps(data), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    pos = QPointF(200, 200)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.session.path == other
    assert len(window.session.document.events) == 2
    assert window.windowTitle().startswith("other.json")


def test_dragging_the_overview_window_moves_the_view(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    view.zoom(8.0)  # a narrow window onto the whole span
    t0, t1 = view.visible_range()
    strip = window.overview
    origin = view.frame_geometry.gutter
    scale = strip._full_scale()
    x = int(origin + scale.x_of((t0 + t1) / 2))
    y = strip.height() // 2
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseMove(strip, QPoint(x + 120, y))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(x + 120, y))
    n0, n1 = view.visible_range()
    assert n1 - n0 == pytest.approx(t1 - t0)
    assert n0 - t0 == pytest.approx(120 * scale.seconds_per_px, rel=0.02)
    # clicking beside the window centres the view there
    target = int(origin + 10)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(target, y))
    c0, c1 = view.visible_range()
    assert (c0 + c1) / 2 == pytest.approx(scale.t_of(target - origin), abs=scale.seconds_per_px)


def test_dark_palette_is_followed(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QPalette

    view = view_of(window)
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 34))
    dark.setColor(QPalette.ColorRole.Window, QColor(40, 40, 44))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    view.setPalette(dark)
    image = view.grab().toImage()
    frame = view.current_frame()
    lane = frame.lanes[0]
    bg = image.pixelColor(int(frame.width - 5), int(lane.y1 - 5))
    assert bg.lightness() < 60


def edit_in_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch, event_id: str,
                   fill) -> None:  # type: ignore[no-untyped-def]
    """Edit > Edit Event on ``event_id``, the form filled by ``fill(editor)`` and accepted."""
    from timeline_app.gui.dialogs.event_editor import EventEditor

    def fill_and_accept(editor: EventEditor) -> int:
        fill(editor)
        editor.accept()
        return editor.result()

    monkeypatch.setattr(EventEditor, "exec", fill_and_accept)
    window.session.select(event_id)
    window.actions_.edit_event.trigger()


def test_a_date_edit_in_the_editor_moves_the_event_and_undo_moves_it_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_of(window)
    session = window.session
    lanes, index = view.lane_set, view.index
    old_rect = view.event_rect("liberation-of-tarhuna")
    assert old_rect is not None
    edit_in_dialog(window, monkeypatch, "liberation-of-tarhuna",
                   lambda editor: editor.start.setText("2020-09-15"))
    i = session.index_of("liberation-of-tarhuna")
    assert view.lane_set is lanes and view.index is not index  # only the index is redone
    assert view.index.starts[i] == session.document.events[i].start_seconds()
    moved = view.event_rect("liberation-of-tarhuna")
    assert moved is not None and moved.x() > old_rect.x() + 50
    window.actions_.undo.trigger()
    assert view.event_rect("liberation-of-tarhuna") == old_rect
    assert view.index.starts[i] == session.document.events[i].start_seconds()


def test_an_actor_change_in_the_editor_moves_the_event_to_its_lane(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_of(window)
    session = window.session

    def only_egypt(editor) -> None:  # type: ignore[no-untyped-def]
        for row in range(editor.actors.count()):
            item = editor.actors.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() == "Egypt"
                               else Qt.CheckState.Unchecked)

    def lanes_of(event_id: str) -> list[str]:
        i = session.index_of(event_id)
        frame = view.current_frame()
        return sorted(frame.lanes[m.lane].label for m in frame.markers if m.index == i)

    assert lanes_of("liberation-of-tarhuna") == [
        "Government of National Accord (GNA)", "Haftar's forces (LNA)"]
    edit_in_dialog(window, monkeypatch, "liberation-of-tarhuna", only_egypt)
    assert session.event_by_id("liberation-of-tarhuna").actors == ["egypt"]
    assert lanes_of("liberation-of-tarhuna") == ["Egypt"]
    assert window.session.selected_id == "liberation-of-tarhuna"
    window.actions_.undo.trigger()
    assert lanes_of("liberation-of-tarhuna") == [
        "Government of National Accord (GNA)", "Haftar's forces (LNA)"]


def test_a_retitle_in_the_editor_shows_everywhere_without_new_indexes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_of(window)
    index, citations = view.index, window.session.derived.citations
    edit_in_dialog(window, monkeypatch, "ceasefire-5-plus-5",
                   lambda editor: editor.title.setText("Permanent ceasefire"))
    assert view.index is index and window.session.derived.citations is citations
    i = window.session.index_of("ceasefire-5-plus-5")
    assert any(box.index == i and box.label == "Permanent ceasefire"
               for box in view.current_frame().markers)
    assert window.detail.findChild(QLabel, "titleLabel").text() == "Permanent ceasefire"
    cited = [event.title for event, _ in citations.of("egyptwatch-2020-12-22")]
    assert "Permanent ceasefire" in cited  # the source pane's marks name it


def test_delete_and_undo_update_the_marks_in_the_source(window: MainWindow) -> None:
    """The citation index takes the deletion and its undo in place: the source pane
    marks the event's passages until it is deleted, and again once it is back."""
    session = window.session
    citations = session.derived.citations

    def marked() -> set[str]:
        return {event_id for _, _, event_id, _ in window.source.highlighted_spans()}

    assert "kamel-visits-benghazi" in marked()
    session.select("kamel-visits-benghazi")
    window.actions_.delete_event.trigger()
    assert "kamel-visits-benghazi" not in marked() and "ceasefire-5-plus-5" in marked()
    assert session.derived.citations is citations
    window.actions_.undo.trigger()
    assert "kamel-visits-benghazi" in marked()
    assert [e.id for e, _ in citations.of("egyptwatch-2020-12-22")] == [
        e.id for e in session.document.events for c in e.citations]


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_file_that_cannot_be_read_is_not_called_a_file_to_fix(
    window: MainWindow, tmp_path: Path, kind: str
) -> None:
    if kind == "missing":  # a path through a file: there is no such file to fix
        target = tmp_path / "events.json" / "gone.json"
    else:
        target = tmp_path / "a-folder.json"
        target.mkdir()
    assert not window.files.open_path(target)
    dialog = window.findChild(ProblemsDialog)
    assert dialog is not None and dialog.isVisible()
    summary = dialog.findChild(QLabel, "problemsSummary").text()
    assert "Nothing was changed." in summary
    assert "fix the file" not in summary
    text = dialog.findChild(type(window.source.text_edit())).toPlainText()
    assert ("no such file" if kind == "missing" else "is a folder") in text


def test_a_file_with_problems_is_one_to_fix(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert not window.files.open_path(bad)
    dialog = window.findChild(ProblemsDialog)
    assert "fix the file and open it again" in dialog.findChild(QLabel, "problemsSummary").text()
