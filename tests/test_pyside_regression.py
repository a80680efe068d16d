"""Guard for the PySide6 pin in pyproject.toml.

PySide6 6.12.0 on Python 3.11 corrupts reference counts in ``QPainter.fillRect`` and
``drawRect`` and aborts the interpreter ("none_dealloc") after about 5,000 calls.  The
timeline paints that many rectangles in a few frames, so the pin may be lifted only for
a release that passes this test.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PAINT_50K = r"""
import sys
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
app = QGuiApplication(sys.argv)
image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
color = QColor(200, 40, 40)
for i in range(25_000):
    painter.fillRect(QRectF(i % 400, i % 300, 3, 3), color)
    painter.drawRect(QRect(i % 397, i % 297, 3, 3))
painter.end()
print("painted", image.pixelColor(10, 10).isValid())
"""


@pytest.mark.slow
def test_painting_50000_rectangles_exits_cleanly(cli_env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PAINT_50K], capture_output=True, text=True, env=cli_env, timeout=120
    )
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    assert "painted True" in proc.stdout
