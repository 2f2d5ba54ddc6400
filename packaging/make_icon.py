"""Draw the application icon: a calm blue shield with "BSCP" (just "B" at small sizes).

Writes `resources/icons/bscp-desktop.png` (256 px, used by the window and the Linux
.desktop file), `bscp-desktop-<size>.png` for the Linux icon theme sizes, and
`bscp-desktop.ico` (16 to 256 px, PNG-compressed entries) for the Windows build.

Run from the repository root after changing the design, then commit the files:

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT_FILE = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (16, 32, 48, 64, 128, 256)

BLUE_LIGHT = QColor("#3E7CB1")
BLUE_DARK = QColor("#1F4E79")
EDGE = QColor("#173B5C")


def shield_path(size: float) -> QPainterPath:
    """A heraldic shield filling most of a `size` square: flat top, curved sides, a point."""
    m = size * 0.06
    left, right, top, bottom = m, size - m, m, size - m * 0.6
    mid = size / 2
    path = QPainterPath()
    path.moveTo(left, top + size * 0.06)
    path.quadTo(mid, top - size * 0.03, right, top + size * 0.06)
    path.lineTo(right, top + size * 0.46)
    path.cubicTo(right, top + size * 0.72, mid + size * 0.16, bottom - size * 0.08, mid, bottom)
    path.cubicTo(mid - size * 0.16, bottom - size * 0.08, left, top + size * 0.72, left, top + size * 0.46)
    path.closeSubpath()
    return path


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    shield = shield_path(size)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, size))
    gradient.setColorAt(0.0, BLUE_LIGHT)
    gradient.setColorAt(1.0, BLUE_DARK)
    p.setBrush(gradient)
    p.setPen(QPen(EDGE, max(1.0, size / 48)))
    p.drawPath(shield)
    if size >= 48:
        # a thin inner line, as on a badge
        inner = QPainterPath(shield)
        p.save()
        p.translate(size / 2, size / 2)
        p.scale(0.86, 0.86)
        p.translate(-size / 2, -size / 2)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor(255, 255, 255, 110), max(1.0, size / 96)))
        p.drawPath(inner)
        p.restore()
    text = "BSCP" if size >= 48 else "B"
    font = QFont(family)
    font.setBold(True)
    font.setPixelSize(round(size * (0.25 if len(text) > 1 else 0.62)))
    p.setFont(font)
    p.setPen(QColor("white"))
    box = QRectF(0, size * (0.08 if len(text) > 1 else 0.02), size, size * 0.78)
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file whose entries are PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in sorted(images.items()):
        byte = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", byte, byte, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    if font_id < 0:
        print(f"Cannot load {FONT_FILE}", file=sys.stderr)
        return 1
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    ICONS.mkdir(parents=True, exist_ok=True)
    rendered = {size: png_bytes(draw(size, family)) for size in set(ICO_SIZES) | set(PNG_SIZES)}
    (ICONS / "bscp-desktop.png").write_bytes(rendered[256])
    for size in PNG_SIZES:
        (ICONS / f"bscp-desktop-{size}.png").write_bytes(rendered[size])
    (ICONS / "bscp-desktop.ico").write_bytes(ico_bytes({s: rendered[s] for s in ICO_SIZES}))
    del app
    print(f"Icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
