"""Encode a prepared export as PNG, SVG or PDF, the same bytes every time.

Reproducible: two exports of the same file with the same options are byte for byte
identical, so an image can be checked against its data and kept under version control.
Qt writes no time into a PNG or an SVG; its PDF writer stamps ``/CreationDate``,
``/ModDate`` and the XMP dates with the current time and gives each file a random
document id: the dates are blanked (with spaces, so that every byte offset of the file
stays right) and the id is derived from what the file shows.

Honest: a PNG carries its title, the software that made it and its resolution (96 DPI
at scale 1, 192 at 2, 288 at 3); an SVG keeps every title and note as ``<text>``.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QHashSeed,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    QUuid,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from timeline_app import APP_NAME, __version__
from timeline_app.core.fileformat.storage import atomic_write_bytes
from timeline_app.gui.timeline.export import ExportError, Prepared

__all__ = ["encode", "encode_pdf", "encode_png", "encode_svg", "write_bytes"]

SOFTWARE = f"{APP_NAME} {__version__}"
_INCH = 0.0254
_ID_NAMESPACE = uuid.UUID("5f0b2a3e-6a47-4f43-9d5e-1c1f6b8f0a11")


def encode(prepared: Prepared) -> bytes:
    kind = prepared.options.format
    if kind == "png":
        image = prepared.image()
        return encode_png(image, prepared.title(), prepared.options.scale)
    if kind == "svg":
        return encode_svg(prepared)
    if kind == "pdf":
        return encode_pdf(prepared)
    raise ExportError(f"cannot export to {kind}: use png, svg or pdf")


def encode_png(image: QImage, title: object = "", scale: float | None = None) -> bytes:
    """PNG bytes with the title and software in text chunks and the DPI in ``pHYs``."""
    image = QImage(image)  # the caller's image keeps its own text and resolution
    if scale is None:
        scale = image.devicePixelRatio()
    dots_per_metre = round(96 * scale / _INCH)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    if isinstance(title, str) and title:
        image.setText("Title", title)
    image.setText("Software", SOFTWARE)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # quality 80 is zlib level 2 for Qt's PNG writer: a third faster than the default
    # level for a file a few per cent larger (timelines are mostly flat colour)
    if not image.save(buffer, "PNG", 80):
        raise ExportError("the image could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def _document_id(prepared: Prepared) -> QUuid:
    """A document id that depends only on what the file shows."""
    layout = prepared.layout
    key = repr((prepared.title(), prepared.options, layout.width, layout.height,
                len(prepared.document.events)))
    digest = hashlib.sha256(key.encode("utf-8", "backslashreplace")).hexdigest()
    return QUuid(str(uuid.uuid5(_ID_NAMESPACE, digest)))


def encode_svg(prepared: Prepared) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    w, h = prepared.size
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(96)
    scale = prepared.options.scale
    generator.setSize(QSize(round(w * scale), round(h * scale)))
    generator.setViewBox(QRectF(0, 0, w, h))
    generator.setTitle(prepared.title())
    generator.setDescription(f"Made with {SOFTWARE}")
    painter = QPainter(generator)
    try:
        prepared.draw(painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)"
                        rb"|xmp:(?:CreateDate|ModifyDate|MetadataDate)=\"[^\"]*\"")


def encode_pdf(prepared: Prepared) -> bytes:
    w, h = prepared.size
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The PDF engine writes its fonts in the order of a hash table, and Qt seeds hash
    # tables at random per process: without a fixed seed two runs order them differently.
    QHashSeed.setDeterministicGlobalSeed()
    writer = QPdfWriter(buffer)
    writer.setResolution(96)  # one painter unit is one pixel at scale 1
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(w * 0.75, h * 0.75), QPageSize.Unit.Point,
                                               "", QPageSize.SizeMatchPolicy.ExactMatch),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(prepared.title())
    writer.setCreator(SOFTWARE)
    writer.setDocumentId(_document_id(prepared))
    painter = QPainter(writer)
    try:
        prepared.draw(painter)
    finally:
        painter.end()
    buffer.close()
    # same length, spaces for the time: the cross-reference offsets stay right
    return _PDF_DATES.sub(lambda m: b" " * len(m.group(0)), bytes(data.data()))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write an encoded image atomically; ``ExportError`` says why it could not be."""
    try:
        atomic_write_bytes(Path(path), data, keep_backup=False)
    except OSError as exc:
        raise ExportError(f"{os.fspath(path)}: not written: {exc.strerror or exc}") from exc
