"""File > Export Image…: what to export, with a live preview and the size it will have.

The dialog only asks: it returns ``ExportOptions`` and writes nothing.  The window's
file controller asks for the file name, writes it and remembers the choices
(``recall`` / ``remember``) for the next export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates.partial import DateError
from timeline_app.core.dates.text import parse_text
from timeline_app.core.view.export_layout import ExportParts
from timeline_app.gui.timeline.export import (
    FORMATS,
    MAX_SIDE,
    ExportError,
    ExportOptions,
    Prepared,
)

__all__ = ["AREAS", "ExportChoices", "ExportDialog", "recall", "remember"]

AREAS = ("visible", "everything", "dates")
AREA_LABELS = {"visible": "The visible range", "everything": "Everything",
               "dates": "From a date to a date"}
SCALES = (1, 2, 3)
PREVIEW_W, PREVIEW_H = 560, 320


@dataclass(frozen=True)
class ExportChoices:
    """What the dialog remembers between exports."""

    format: str = "png"
    area: str = "visible"
    date_from: str = ""
    date_to: str = ""
    width: int = 1600
    scale: int = 1
    transparent: bool = False
    heading: bool = True
    legend: bool = True
    notes: bool = True


def recall(settings: QSettings) -> ExportChoices:
    """The last choices, or the defaults for any value that is missing or wrong."""
    d = ExportChoices()

    def value(key: str, default, kind):
        raw = settings.value(f"export/{key}", default)
        if kind is bool:
            return raw in (True, "true", "1", 1) if not isinstance(raw, bool) else raw
        try:
            return kind(raw)
        except (TypeError, ValueError):
            return default

    choices = ExportChoices(
        format=value("format", d.format, str), area=value("area", d.area, str),
        date_from=value("from", d.date_from, str), date_to=value("to", d.date_to, str),
        width=value("width", d.width, int), scale=value("scale", d.scale, int),
        transparent=value("transparent", d.transparent, bool),
        heading=value("heading", d.heading, bool), legend=value("legend", d.legend, bool),
        notes=value("notes", d.notes, bool),
    )
    if (choices.format not in FORMATS or choices.area not in AREAS
            or choices.scale not in SCALES or not 100 <= choices.width <= MAX_SIDE):
        return d
    return choices


def remember(settings: QSettings, choices: ExportChoices) -> None:
    for key, value in (("format", choices.format), ("area", choices.area),
                       ("from", choices.date_from), ("to", choices.date_to),
                       ("width", choices.width), ("scale", choices.scale),
                       ("transparent", choices.transparent), ("heading", choices.heading),
                       ("legend", choices.legend), ("notes", choices.notes)):
        settings.setValue(f"export/{key}", value)


class ExportDialog(QDialog):
    """Format, area, width, scale, background and parts, with a live preview."""

    def __init__(self, choices: ExportChoices, visible_range: tuple[float, float],
                 prepare: Callable[[ExportOptions], Prepared],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Image")
        self._visible = visible_range
        self._prepare = prepare

        self.format_combo = QComboBox(objectName="formatCombo")
        for kind in FORMATS:
            self.format_combo.addItem(kind.upper(), kind)
        self.area_combo = QComboBox(objectName="areaCombo")
        for area in AREAS:
            self.area_combo.addItem(AREA_LABELS[area], area)
        self.from_edit = QLineEdit(objectName="fromEdit", placeholderText="e.g. April 2019")
        self.to_edit = QLineEdit(objectName="toEdit", placeholderText="e.g. 2020-12-19")
        dates = QHBoxLayout()
        dates.addWidget(QLabel("From"))
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.to_edit)
        self.width_spin = QSpinBox(objectName="widthSpin", minimum=100, maximum=MAX_SIDE,
                                   singleStep=100, suffix=" px")
        self.scale_combo = QComboBox(objectName="scaleCombo")
        for n in SCALES:
            self.scale_combo.addItem(f"{n}×", n)
        self.background_combo = QComboBox(objectName="backgroundCombo")
        self.background_combo.addItem("White", False)
        self.background_combo.addItem("Transparent", True)
        self.heading_check = QCheckBox("Title and range", objectName="headingCheck")
        self.legend_check = QCheckBox("Legend", objectName="legendCheck")
        self.notes_check = QCheckBox("Source notes", objectName="notesCheck")
        parts = QHBoxLayout()
        for check in (self.heading_check, self.legend_check, self.notes_check):
            parts.addWidget(check)

        form = QFormLayout()
        form.addRow("&Format", self.format_combo)
        form.addRow("&Area", self.area_combo)
        form.addRow("", dates)
        form.addRow("&Width", self.width_spin)
        form.addRow("&Scale", self.scale_combo)
        form.addRow("&Background", self.background_combo)
        form.addRow("Include", parts)

        self.preview = QLabel(objectName="previewLabel")
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel#previewLabel { background: #d9d9d9; }")
        self.size_label = QLabel(objectName="sizeLabel")
        self.size_label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.size_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.update_preview)
        self.set_choices(choices)
        for signal in (self.format_combo.currentIndexChanged, self.area_combo.currentIndexChanged,
                       self.from_edit.textChanged, self.to_edit.textChanged,
                       self.width_spin.valueChanged, self.scale_combo.currentIndexChanged,
                       self.background_combo.currentIndexChanged,
                       self.heading_check.toggled, self.legend_check.toggled,
                       self.notes_check.toggled):
            signal.connect(self._changed)
        self.update_preview()

    # --- choices -------------------------------------------------------------------------
    def set_choices(self, c: ExportChoices) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(c.format))
        self.area_combo.setCurrentIndex(self.area_combo.findData(c.area))
        self.from_edit.setText(c.date_from)
        self.to_edit.setText(c.date_to)
        self.width_spin.setValue(c.width)
        self.scale_combo.setCurrentIndex(self.scale_combo.findData(c.scale))
        self.background_combo.setCurrentIndex(1 if c.transparent else 0)
        self.heading_check.setChecked(c.heading)
        self.legend_check.setChecked(c.legend)
        self.notes_check.setChecked(c.notes)
        self._show_dates()

    def choices(self) -> ExportChoices:
        return ExportChoices(
            format=self.format_combo.currentData(), area=self.area_combo.currentData(),
            date_from=self.from_edit.text().strip(), date_to=self.to_edit.text().strip(),
            width=self.width_spin.value(), scale=self.scale_combo.currentData(),
            transparent=bool(self.background_combo.currentData()),
            heading=self.heading_check.isChecked(), legend=self.legend_check.isChecked(),
            notes=self.notes_check.isChecked(),
        )

    def time_range(self) -> tuple[float | None, float | None] | None:
        """The range the area gives (None: everything); ``ExportError`` for a bad date."""
        area = self.area_combo.currentData()
        if area == "visible":
            return self._visible
        if area == "everything":
            return None
        bounds: list[float | None] = [None, None]
        for k, (name, edit) in enumerate((("From", self.from_edit), ("To", self.to_edit))):
            text = edit.text().strip()
            if not text:
                continue
            try:
                date = parse_text(text)
            except DateError as exc:
                raise ExportError(f"{name}: {exc}") from exc
            bounds[k] = date.to_seconds() if k == 0 else date.end_seconds()
        return (bounds[0], bounds[1])

    def options(self) -> ExportOptions:
        c = self.choices()
        return ExportOptions(width=c.width, scale=float(c.scale), time_range=self.time_range(),
                             parts=ExportParts(c.heading, c.legend, c.notes),
                             transparent=c.transparent, format=c.format)

    # --- preview -------------------------------------------------------------------------
    def _changed(self) -> None:
        self._show_dates()
        self._timer.start()

    def _show_dates(self) -> None:
        dates = self.area_combo.currentData() == "dates"
        self.from_edit.setEnabled(dates)
        self.to_edit.setEnabled(dates)

    def update_preview(self) -> None:
        """Lay the export out as chosen and show it, scaled, with its size in pixels."""
        self._timer.stop()
        try:
            options = self.options()
            prepared = self._prepare(ExportOptions(
                width=options.width, scale=1.0, time_range=options.time_range,
                parts=options.parts, transparent=options.transparent, format="png"))
            w, h = prepared.size
            pixels = (round(w * options.scale), round(h * options.scale))
            if max(pixels) > MAX_SIDE:
                raise ExportError(f"an image of {pixels[0]:,} × {pixels[1]:,} pixels is too "
                                  f"large: at most {MAX_SIDE:,} pixels a side")
            image = prepared.image()
        except ExportError as exc:
            self.preview.setPixmap(QPixmap())
            self.size_label.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        kind = "" if options.format == "png" else f" (drawn as {options.format.upper()})"
        self.size_label.setText(f"{pixels[0]:,} × {pixels[1]:,} pixels{kind}")
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            PREVIEW_W, PREVIEW_H, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
