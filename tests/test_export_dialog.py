"""File > Export Image… as a user works it: the dialog, its preview and the file it writes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolBar,
)

from timeline_app.gui.window.main_window import MainWindow


@pytest.fixture
def saved_as(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The file dialog answers with the name it proposes; the folder it opens is recorded."""
    asked: list[tuple[str, str]] = []

    def ask(parent, caption, proposed, filters):  # type: ignore[no-untyped-def]
        asked.append((proposed, filters))
        return proposed, filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return asked


def export_with(window: MainWindow, fill) -> bool:  # type: ignore[no-untyped-def]
    """Trigger File > Export Image…, let ``fill`` work the dialog, then accept it."""
    seen: list[QDialog] = []

    def work() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog) and dialog.objectName() == "exportDialog"
        seen.append(dialog)
        if fill(dialog) is not False:
            dialog.accept()
        else:
            dialog.reject()

    QTimer.singleShot(0, work)
    action = window.actions_.export_image
    action.trigger()
    return bool(seen)


def test_export_image_from_the_dialog_writes_what_it_shows(
    window: MainWindow, saved_as: list[tuple[str, str]], tmp_path: Path
) -> None:
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert toolbar is not None and window.actions_.export_image in toolbar.actions()
    assert window.actions_.export_image.text() == "&Export Image…"
    sizes: list[str] = []

    def fill(dialog: QDialog) -> None:
        fmt = dialog.findChild(QComboBox, "formatCombo")
        area = dialog.findChild(QComboBox, "areaCombo")
        width = dialog.findChild(QSpinBox, "widthSpin")
        scale = dialog.findChild(QComboBox, "scaleCombo")
        background = dialog.findChild(QComboBox, "backgroundCombo")
        assert fmt and area and width and scale and background
        fmt.setCurrentIndex(fmt.findData("svg"))
        area.setCurrentIndex(area.findData("everything"))
        width.setValue(1300)
        scale.setCurrentIndex(scale.findData(2))
        dialog.update_preview()  # the preview follows after a short pause; now, in a test
        size = dialog.findChild(QLabel, "sizeLabel")
        preview = dialog.findChild(QLabel, "previewLabel")
        assert size and preview
        sizes.append(size.text())
        assert not preview.pixmap().isNull()

    export_with(window, fill)
    assert sizes[0].startswith("2,600 × ") and sizes[0].endswith("pixels (drawn as SVG)")
    proposed, _ = saved_as[0]
    assert Path(proposed) == tmp_path / "events.svg"  # in the timeline's folder
    data = (tmp_path / "events.svg").read_bytes()
    texts = ["".join(e.itertext()) for e in ET.fromstring(data).iter(
        "{http://www.w3.org/2000/svg}text")]
    for event in window.session.document.events:
        assert any(t.startswith(event.title) for t in texts)
    assert b'viewBox="0 0 1300 ' in data

    # the choices are remembered for the next export
    def check(dialog: QDialog) -> bool:
        fmt = dialog.findChild(QComboBox, "formatCombo")
        width = dialog.findChild(QSpinBox, "widthSpin")
        assert fmt and width
        assert (fmt.currentData(), width.value()) == ("svg", 1300)
        return False

    export_with(window, check)


def test_a_date_range_typed_as_dates_and_a_png_without_parts(
    window: MainWindow, saved_as: list[tuple[str, str]], tmp_path: Path
) -> None:
    def fill(dialog: QDialog) -> None:
        area = dialog.findChild(QComboBox, "areaCombo")
        start = dialog.findChild(QLineEdit, "fromEdit")
        end = dialog.findChild(QLineEdit, "toEdit")
        assert area and start and end
        area.setCurrentIndex(area.findData("dates"))
        start.setText("not a date")
        dialog.update_preview()
        size = dialog.findChild(QLabel, "sizeLabel")
        assert size and size.text().startswith("From: ")
        assert not dialog.export_button.isEnabled()
        start.setText("May 2020")
        end.setText("2020-12-31")
        for name in ("headingCheck", "legendCheck", "notesCheck"):
            check = dialog.findChild(QCheckBox, name)
            assert check
            check.setChecked(False)
        dialog.update_preview()
        assert dialog.export_button.isEnabled()

    export_with(window, fill)
    image = QImage(str(tmp_path / "events.png"))
    assert image.width() == 1600 and image.dotsPerMeterX() == round(96 / 0.0254)
    assert image.text("Title") == window.session.document.title
