"""Render the application icon in every format the packages need, from one SVG.

    python packaging/make_icons.py            # rewrite resources/icons/* from the SVG
    python packaging/make_icons.py --check    # exit 1 if an output is missing

Source: ``resources/icons/conflict-timeline.svg``.  Outputs, all in the same folder and
committed, so that building a package needs neither this script nor ImageMagick:

* ``conflict-timeline-<N>.png`` for N in 16 … 512 (the window icon at run time, and the
  hicolor theme icons that ``install-linux.sh`` installs);
* ``conflict-timeline.ico`` (Windows: PNG-compressed entries, 16 … 256 px);
* ``conflict-timeline.icns`` (macOS: PNG entries, 16 … 1024 px).

Rendering uses Qt's own SVG renderer (QtSvg is part of PySide6-Essentials) on the
offscreen platform, so it runs without a display.  The ICO and ICNS containers are
written here: both are a small header and a table of PNG blobs.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SOURCE = ICON_DIR / "conflict-timeline.svg"
BASENAME = "conflict-timeline"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, with their pixel size.  The @2x types (ic11 …
# ic14, ic10) carry the same pixels as a larger plain type; Finder and the Dock pick by type.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512x512@2x
    (b"ic11", 32),  # 16x16@2x
    (b"ic12", 64),  # 32x32@2x
    (b"ic13", 256),  # 128x128@2x
    (b"ic14", 512),  # 256x256@2x
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_path(size: int) -> Path:
    return ICON_DIR / f"{BASENAME}-{size}.png"


def outputs() -> list[Path]:
    return [*(png_path(s) for s in PNG_SIZES), ICON_DIR / f"{BASENAME}.ico",
            ICON_DIR / f"{BASENAME}.icns"]


def render_pngs(source: Path, sizes: set[int]) -> dict[int, bytes]:
    """PNG bytes of ``source`` rendered square at each size, transparent outside the shape."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG")
    result: dict[int, bytes] = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"could not encode the {size} px PNG")
        buffer.close()
        result[size] = bytes(data.data())
    del app
    return result


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows ICO holding PNG-compressed images (Windows Vista and later read these).

    ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image (width and
    height as a byte, 0 meaning 256; colour count; reserved; planes; bits per pixel; size;
    offset), then the images.
    """
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"ICO images are 1 to 256 px, not {size}")
        blob = pngs[size]
        dim = 0 if size == 256 else size
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An Apple ICNS: ``icns`` + total length, then (type, length incl. 8-byte header, data)."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def build() -> int:
    wanted = set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = render_pngs(SOURCE, wanted)
    changed = 0
    for size in PNG_SIZES:
        changed += write_if_changed(png_path(size), pngs[size])
    changed += write_if_changed(ICON_DIR / f"{BASENAME}.ico",
                                ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    changed += write_if_changed(ICON_DIR / f"{BASENAME}.icns", icns_bytes(pngs))
    print(f"icons: {changed} of {len(outputs())} files written in {ICON_DIR.relative_to(ROOT)}/")
    return 0


def check() -> int:
    missing = [p for p in outputs() if not p.is_file()]
    for path in missing:
        print(f"missing: {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that outputs exist")
    args = parser.parse_args(argv)
    return check() if args.check else build()


if __name__ == "__main__":
    raise SystemExit(main())
