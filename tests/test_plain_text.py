"""Text from a file, or a file's name, is shown as that text: never run as markup.

Qt renders a tooltip or a message box as HTML when its text "might be rich text", so
each test takes what a widget was given and renders it the way that widget would, then
compares with the file's text.  Everything is driven through the window.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot
from window_driver import wait_saved

from timeline_app.gui.dialogs.event_editor import EventEditor
from timeline_app.gui.dialogs.problems_dialog import ProblemsDialog
from timeline_app.gui.window.load_progress import LoadProgress
from timeline_app.gui.window.main_window import MainWindow

IMG = '<img src="/some/local.png" width=400 height=300>'
BIG_NAME = "<b>big <font size=7>file.json"


def rendered(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a label, tooltip or message box shows for ``text`` in ``text_format``."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    assert "\ufffc" not in doc.toPlainText(), "an image or object would be drawn"
    return doc.toPlainText()


def menu_shows(text: str) -> str:
    """An action's text as a menu draws it: ``&&`` is an ampersand, ``&x`` underlines x."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


@pytest.fixture
def asked(message_boxes: list[QMessageBox]) -> list[QMessageBox]:
    """Every message box the window opens, answered with Discard."""
    return message_boxes


def probe_file(folder: Path, default_timeline: Path, name: str = "probe.json", *,
               title: str = IMG, location: str = "<b>Tripoli</b> & <i>around</i>") -> Path:
    doc = json.loads(default_timeline.read_text(encoding="utf-8"))
    doc["events"][0]["title"] = title
    doc["events"][0]["location"] = location
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def window(asked: list[QMessageBox], window: MainWindow) -> MainWindow:
    """The window, with its message boxes answered from the start."""
    return window


def test_timeline_hover_tooltip_shows_title_and_location_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    assert window.files.open_path(probe_file(tmp_path, default_timeline))
    event = window.session.document.events[0]
    view = window.timeline
    rect = view.event_rect(event.id)
    assert rect is not None
    for pos in (QPoint(5, 5), rect.center().toPoint()):  # off any event, then onto it
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), view.mapToGlobal(QPointF(pos)),
                           Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(view, move)
    assert QToolTip.isVisible()
    lines = rendered(QToolTip.text()).split("\n")
    assert lines[0] == IMG
    assert lines[2] == "<b>Tripoli</b> & <i>around</i>"
    QToolTip.hideText()


def test_undo_and_redo_name_the_edit_literally(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "<b>Tom & Jerry</b> <img src=x>"

    def retitle(self: EventEditor) -> int:
        self.title.setText(title)
        self.accept()
        return self.result()

    monkeypatch.setattr(EventEditor, "exec", retitle)
    window.session.select("liberation-of-tarhuna")
    window.actions_.edit_event.trigger()
    undo, redo = window.actions_.undo, window.actions_.redo
    assert undo.isEnabled()
    assert rendered(undo.toolTip()) == f"Undo Edit “{title}”"
    assert menu_shows(undo.text()) == f"Undo Edit “{title}”"
    window.actions_.undo.trigger()
    assert not undo.isEnabled() and redo.isEnabled()
    assert rendered(redo.toolTip()) == f"Redo Edit “{title}”"
    assert menu_shows(redo.text()) == f"Redo Edit “{title}”"


def test_loading_progress_label_shows_the_file_name_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    path = probe_file(tmp_path, default_timeline, BIG_NAME)
    with qtbot.waitSignal(window.files.loadFinished, timeout=10000):
        window.files.open_path(path, background=True)
        progress = window.findChild(LoadProgress, "loadProgress")
        assert progress is not None
        label = progress.label
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert BIG_NAME in rendered(label.text(), label.textFormat())
    assert window.session.path == path


def test_unsaved_changes_question_is_plain_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path,
    asked: list[QMessageBox]
) -> None:
    assert window.files.open_path(probe_file(tmp_path, default_timeline, BIG_NAME))
    window.session.select(window.session.document.events[1].id)
    window.actions_.delete_event.trigger()
    window.close()  # asks, and the answer is Discard
    assert len(asked) == 1
    box = asked[0]
    assert box.windowTitle() == "Unsaved changes"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert rendered(box.text(), box.textFormat()) == (
        f"Save the changes to {BIG_NAME} before closing it?")


def test_not_saved_error_is_plain_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path,
    asked: list[QMessageBox]
) -> None:
    folder = tmp_path / "<i>folder"
    folder.mkdir()
    path = probe_file(folder, default_timeline, BIG_NAME)
    assert window.files.open_path(path)
    window.session.select(window.session.document.events[1].id)
    window.actions_.delete_event.trigger()
    shutil.rmtree(folder)  # the folder went away: the save cannot be written
    window.actions_.save.trigger()
    wait_saved(window)
    assert [box.windowTitle() for box in asked] == ["Not saved"]
    box = asked[0]
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert f"<i>folder/{BIG_NAME}" in rendered(box.text(), box.textFormat())
    assert window.isWindowModified()


def test_cannot_open_dialog_shows_the_file_name_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Markup shows as typed; a bidi override shows as an escape, as in the problems."""
    bad = tmp_path / "<b>big <font size=7>file\u202e.json"
    shown = "<b>big <font size=7>file\\u202e.json"
    bad.write_text('{"format": "conflict-timeline", "version": 1, "events": [,]}')
    assert not window.files.open_path(bad)
    dialog = window.findChild(ProblemsDialog, "problemsDialog")
    assert dialog is not None
    assert dialog.windowTitle() == f"Cannot open {shown}"
    summary = dialog.findChild(QLabel, "problemsSummary")
    assert summary.textFormat() == Qt.TextFormat.PlainText
    assert rendered(summary.text(), summary.textFormat()).startswith(
        f"{shown} could not be opened: 1 problem.")
    assert dialog.problems_text().splitlines()[2].startswith(f"{tmp_path}/{shown}:1:")
    dialog.close()


def test_huge_texts_are_cut_in_the_details_and_shown_whole_on_request(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    """A 1 MB title and a 200,000-line description: the labels get a few screens of
    text and say how much more there is; "Show all" opens the whole of it."""
    from PySide6.QtWidgets import QPlainTextEdit, QToolButton

    from timeline_app.gui.panes.detail_pane import FullTextDialog
    from timeline_app.gui.plain_text import LABEL_CHARS, LABEL_LINES

    doc = json.loads(default_timeline.read_text(encoding="utf-8"))
    title = ("Offensive " * 100_000)[:1_000_000]
    description = "\n".join(f"line {i}" for i in range(200_000))
    doc["events"][0]["title"] = title
    doc["events"][0]["description"] = description
    path = tmp_path / "long.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert window.files.open_path(path, background=False)
    rect = window.timeline.event_rect(doc["events"][0]["id"])
    assert rect is not None
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.session.selected_id == doc["events"][0]["id"]

    shown_title = window.detail.findChild(QLabel, "titleLabel").text()
    assert len(shown_title) < 1100
    assert shown_title.startswith(title[:900])
    assert shown_title.endswith("[999,000 more characters]")
    shown = window.detail.findChild(QLabel, "descriptionLabel").text()
    assert len(shown) <= LABEL_CHARS + 40
    assert shown.count("\n") <= LABEL_LINES
    assert shown.startswith("line 0\nline 1\n")
    assert shown.endswith(f"[{200_000 - LABEL_LINES:,} more lines]")

    buttons = window.detail.findChildren(QToolButton, "showAllButton")
    assert len(buttons) == 2  # the title's and the description's
    buttons[1].click()
    dialog = window.detail.findChild(FullTextDialog, "fullTextDialog")
    assert dialog is not None
    assert dialog.findChild(QPlainTextEdit, "fullText").toPlainText() == description
    dialog.close()


def test_bidi_controls_show_as_escapes_in_the_address_and_single_line_labels(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    """A right-to-left override would draw "https://evil.example/gpj.exe" backwards:
    the address and other one-line labels show it as an escape instead."""
    doc = json.loads(default_timeline.read_text(encoding="utf-8"))
    doc["sources"][0]["url"] = "https://example.org/\u202eexe.gpj"
    doc["sources"][0]["outlet"] = "Egypt\u2066 Watch\x1b[2J"
    doc["events"][0]["location"] = "Tripoli\u202e, Libya"
    path = tmp_path / "bidi.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert window.files.open_path(path)
    window.session.select(doc["events"][0]["id"])
    address = window.source.findChild(QLabel, "addressLabel")
    assert address.full_text() == "https://example.org/\\u202eexe.gpj"
    assert rendered(address.toolTip()) == "https://example.org/\\u202eexe.gpj"
    assert not {"\u202e", "\u2066", "\x1b"} & {
        ch for label in window.findChildren(QLabel) for ch in label.text()}
    assert window.source.findChild(QLabel, "outletLabel").text() == "Egypt\\u2066 Watch\\u001b[2J"
    assert window.detail.findChild(QLabel, "locationLabel").text() == "Tripoli\\u202e, Libya"


def test_open_recent_lists_file_names_as_they_are(
    window: MainWindow, tmp_path: Path, default_timeline: Path
) -> None:
    """An & in a name is an ampersand, not a shortcut; a bidi override shows as an escape."""
    path = tmp_path / "Tom & Jerry\u202e.json"
    shutil.copyfile(default_timeline, path)
    assert window.files.open_path(path)
    first = window.actions_.recent_menu.actions()[0]
    assert menu_shows(first.text()) == f"1 {tmp_path}/Tom & Jerry\\u202e.json"


def test_problems_list_shows_a_key_with_controls_on_one_escaped_line(
    window: MainWindow, tmp_path: Path
) -> None:
    """The same line as --check prints: ESC and a newline in a key show as escapes."""
    bad = tmp_path / "controls.json"
    shutil.copyfile(Path(__file__).parent / "data" / "bad" / "duplicate_key_with_controls.json",
                    bad)
    assert not window.files.open_path(bad)
    dialog = window.findChild(ProblemsDialog, "problemsDialog")
    assert dialog is not None
    problems = dialog.problems_text().split("\n")[2:]
    assert len(problems) == 1
    assert problems[0].startswith(
        f'{bad}:33:60: $.events[0].x_note["k\\u001b[2J\\nother.json:1:1: $: fake"]: ')
    assert 'the name "k\\u001b[2J\\nother.json:1:1: $: fake" appears more than once' \
        in problems[0]
    assert "\x1b" not in problems[0]
    dialog.close()
