"""Exported files read back: PNG size, DPI and text; SVG text; PDF; the same bytes twice."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.test_export_layout import generated, overlaps
from timeline_app import __version__
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.model import Document
from timeline_app.gui.timeline.export import ExportOptions, prepare
from timeline_app.gui.timeline.export_files import encode
from timeline_app.gui.timeline.renderer import lane_colors

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def document(default_timeline: Path) -> Document:
    doc = load_path(default_timeline).document
    assert doc is not None
    return doc


def read_png(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


@pytest.mark.parametrize(("scale", "dpi"), [(1, 96), (2, 192), (3, 288)])
def test_png_has_its_size_resolution_title_and_software(
    document: Document, scale: int, dpi: int
) -> None:
    prepared = prepare(document, ExportOptions(width=1200, scale=scale))
    image = read_png(encode(prepared))
    _, h = prepared.size
    assert (image.width(), image.height()) == (1200 * scale, round(h * scale))
    assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(dpi / 0.0254)
    assert image.text("Title") == document.title
    assert image.text("Software") == f"Conflict Timeline {__version__}"


def test_the_layout_measured_with_the_real_fonts_has_no_overlap(document: Document) -> None:
    metrics = prepare(document, ExportOptions(width=800)).metrics
    assert metrics.line_height("label") >= 12 and metrics.line_height("heading") >= 18
    for doc in (document, generated()):
        for width in (500, 800, 1600):
            texts = prepare(doc, ExportOptions(width=width)).layout.texts()
            assert overlaps(texts) == []
            assert all(b.x >= 0 and b.x + b.width <= width for b in texts)


def test_each_marker_is_at_the_x_its_date_maps_to(document: Document) -> None:
    scale = 2
    prepared = prepare(document, ExportOptions(width=1400, scale=scale))
    image = read_png(encode(prepared))
    layout = prepared.layout
    colors = lane_colors(document)
    points = [m for m in layout.frame.markers if not m.is_range]
    assert len(points) >= 5
    for m in points:
        event = document.events[m.index]
        t = (event.start.to_seconds() + event.start.end_seconds()) / 2
        x = layout.frame.x_of(t)
        y = layout.frame_top + (m.y0 + m.y1) / 2
        pixel = image.pixelColor(round(x * scale), round(y * scale))
        lane_color = colors[layout.frame.lanes[m.lane].key]
        assert abs(pixel.red() - lane_color.red()) < 40, (event.title, pixel.name())
        assert abs(pixel.green() - lane_color.green()) < 40, (event.title, pixel.name())
        assert abs(pixel.blue() - lane_color.blue()) < 40, (event.title, pixel.name())


def test_a_transparent_background_is_transparent_where_nothing_is_drawn(
    document: Document,
) -> None:
    opaque = read_png(encode(prepare(document, ExportOptions(width=1200))))
    clear = read_png(encode(prepare(document, ExportOptions(width=1200, transparent=True))))
    corner = (clear.width() - 3, 3)
    assert clear.pixelColor(*corner).alpha() == 0
    assert opaque.pixelColor(*corner) == QColor(255, 255, 255)
    below = (clear.width() - 3, clear.height() - 3)
    assert clear.pixelColor(*below).alpha() == 0
    assert clear.hasAlphaChannel()


def test_a_dark_theme_still_exports_dark_text_on_white(document: Document) -> None:
    from PySide6.QtGui import QPalette

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    prepared = prepare(document, ExportOptions(width=1200), palette=dark)
    assert prepared.renderer.style.text.lightness() < 60
    assert prepared.renderer.style.background == QColor(255, 255, 255)
    image = prepared.image()
    heading = prepared.layout.heading[0]
    dark_pixels = [image.pixelColor(x, round(heading.y + heading.height / 2))
                   for x in range(round(heading.x), round(heading.x + heading.width))]
    assert min(c.lightness() for c in dark_pixels) < 60


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_keeps_every_title_and_headline_as_text() -> None:
    doc = generated()
    data = encode(prepare(doc, ExportOptions(width=1600, format="svg")))
    texts = svg_texts(data)
    joined = "\n".join(texts)
    for event in doc.events:
        assert any(event.title in t for t in texts), event.title
    for source in doc.sources:
        assert source.title in joined
    assert doc.title.split()[0] in joined
    # markers are shapes, not pictures: no embedded image in a file without histograms
    assert b"<image" not in data


def test_text_from_the_file_is_plain_text_in_the_svg() -> None:
    """Markup stays text, and a control character (which XML cannot hold) is an escape."""
    doc = generated()
    doc = replace(doc, title="A <b>bold</b> & \x1b[2J title \u202e",
                  actors=[replace(doc.actors[0], name="Actor\x07 <i>"), *doc.actors[1:]],
                  events=[replace(doc.events[0], title="Event <img src=x> \x00 zero"),
                          *doc.events[1:]])
    data = encode(prepare(doc, ExportOptions(width=1200, format="svg")))
    texts = svg_texts(data)  # well-formed XML
    joined = "\n".join(texts)
    assert "A <b>bold</b> & \\u001b[2J title \\u202e" in joined
    assert "Event <img src=x> \\u0000 zero [" in joined
    assert "Actor\\u0007 <i>" in joined
    assert not set(data.decode()) & {"\x1b", "\x00", "\x07", "\u202e"}
    png = read_png(encode(prepare(doc, ExportOptions(width=600))))
    assert png.text("Title") == "A <b>bold</b> & \\u001b[2J title \\u202e"


def test_pdf_is_one_page_and_has_no_date() -> None:
    data = encode(prepare(generated(), ExportOptions(width=1600, format="pdf")))
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    assert b"/CreationDate" not in data and b"CreateDate=" not in data
    assert b"D:20" not in data


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_two_exports_are_byte_for_byte_identical(
    default_timeline: Path, tmp_path: Path, cli_env: dict[str, str], kind: str
) -> None:
    outs = [tmp_path / f"a.{kind}", tmp_path / f"b.{kind}"]
    for out in outs:
        proc = subprocess.run(
            [sys.executable, "-m", "timeline_app", "--export-filename", str(out),
             "--export-scale", "2", str(default_timeline)],
            capture_output=True, text=True, env=cli_env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == proc.stderr == ""
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert len(outs[0].read_bytes()) > 1000


def test_the_type_follows_the_extension_unless_given(
    default_timeline: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    out = tmp_path / "image.out"
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--export-filename", str(out), "--export-type",
         "svg", "--export-from", "2020-06-01", "--export-to", "December 2020",
         "--export-background", "transparent", str(default_timeline)],
        capture_output=True, text=True, env=cli_env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    texts = "\n".join(svg_texts(out.read_bytes()))
    assert "1 Jun 2020 – 31 Dec 2020" in texts
    assert "Haftar's forces complete withdrawal from Tripoli [1]" in texts


def _export(args: list[str], cli_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args],
                          capture_output=True, text=True, env=cli_env, timeout=120)


def test_each_command_line_error_is_one_line_and_status_1(
    default_timeline: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    out = tmp_path / "out.png"
    bad = default_timeline.parent / "tests" / "data" / "bad" / "actors_not_list.json"
    cases = [
        (["--export-from", "the day after", str(default_timeline)],
         "--export-from the day after: not a date:"),
        (["--export-from", "2020-05-01", "--export-to", "2020-01-01", str(default_timeline)],
         f"{out}: not written: the range to export ends before it starts"),
        ([str(bad)], f"{bad}:"),
        ([str(tmp_path / "missing.json")], str(tmp_path / "missing.json")),
        (["--export-width", "20000", "--export-scale", "3", str(default_timeline)],
         f"{out}: not written: an image 60,000 pixels wide is too large to draw"),
    ]
    for args, message in cases:
        proc = _export(["--export-filename", str(out), *args], cli_env)
        assert proc.returncode == 1, (args, proc.stderr)
        assert len(proc.stderr.splitlines()) == 1, proc.stderr
        assert proc.stderr.startswith(message), proc.stderr
        assert not out.exists()
    locked = tmp_path / "no such folder" / "out\x1b[2J.png"
    proc = _export(["--export-filename", str(locked), str(default_timeline)], cli_env)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"{tmp_path}/no such folder/out\\u001b[2J.png: not written: No such file or directory"]
