"""Content viewers: hex with offsets, text with an encoding choice, picture with EXIF.

Content is read from the evidence on a worker (``ContentReader``), in bounded windows;
pictures are decoded on the worker too, so a huge or hostile file cannot freeze the GUI.
"""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .common import mono_font, rich, safe_text
from .content import MAX_PICTURE, MAX_VIEW

Index = QModelIndex | QPersistentModelIndex
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "ascii")


class HexModel(QAbstractTableModel):
    """Rows of 16 bytes: offset, hex, text."""

    WIDTH = 16

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.data_bytes = b""
        self.base = 0

    def set_bytes(self, data: bytes, base: int) -> None:
        self.beginResetModel()
        self.data_bytes, self.base = data, base
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (len(self.data_bytes) + self.WIDTH - 1) // self.WIDTH

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return (self.tr("Offset"), self.tr("Bytes (hex)"), self.tr("Text"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        start = index.row() * self.WIDTH
        chunk = self.data_bytes[start: start + self.WIDTH]
        if index.column() == 0:
            return f"{self.base + start:010x}"
        if index.column() == 1:
            text = " ".join(f"{b:02x}" for b in chunk)
            return text[:23] + " " + text[23:] if len(text) > 23 else text
        return "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)


class HexView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HexModel(self)
        self.table = QTableView()
        self.table.setObjectName("hexTable")
        self.table.setModel(self.model)
        font = mono_font()
        self.table.setFont(font)
        self.table.verticalHeader().hide()
        # Fixed widths from the font: sizing columns "to contents" would measure 65,536 rows.
        metrics = QFontMetrics(font)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for col, sample in enumerate(("0" * 12, "00 " * 16 + "  ", "0" * 18)):
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 12)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 4)
        self.table.setWordWrap(False)
        self.offset = QSpinBox()
        self.offset.setObjectName("hexOffset")
        self.offset.setRange(0, 2**31 - 1)
        self.offset.setSingleStep(MAX_VIEW)
        self.offset.setPrefix(self.tr("from byte "))
        self.go = QPushButton(self.tr("Show"))
        self.info = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Window of 1 MiB")))
        bar.addWidget(self.offset)
        bar.addWidget(self.go)
        bar.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def show_bytes(self, data: bytes, base: int, size: int) -> None:
        self.model.set_bytes(data, base)
        self.info.setText(self.tr("bytes {0}–{1} of {2}").format(base, base + len(data), size) if data
                          else self.tr("no content"))


def visible_text(text: str) -> str:
    """Decoded evidence text with control and direction characters shown as escapes, lines kept."""
    return "\n".join(safe_text(line.rstrip("\r")) for line in text.split("\n"))


class TextView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.encoding = QComboBox()
        self.encoding.setObjectName("textEncoding")
        self.encoding.addItems(ENCODINGS)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("textView")
        self.edit.setReadOnly(True)
        self.edit.setFont(mono_font())
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.info = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Encoding:")))
        bar.addWidget(self.encoding)
        bar.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.edit)
        self._data = b""
        self.encoding.currentTextChanged.connect(lambda *_: self._render())

    def show_bytes(self, data: bytes, size: int) -> None:
        self._data = data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 3 and data[1:8:2] == b"\x00" * len(data[1:8:2])):
            self.encoding.blockSignals(True)
            self.encoding.setCurrentText("utf-16-le" if not data.startswith(b"\xfe\xff") else "utf-16-be")
            self.encoding.blockSignals(False)
        self._render()
        shown = len(data)
        self.info.setText(self.tr("first {0} of {1} bytes").format(shown, size) if shown < size
                          else self.tr("{0} bytes").format(size))

    def _render(self) -> None:
        text = self._data.decode(self.encoding.currentText(), errors="replace")
        self.edit.setPlainText(visible_text(text))


_POINTERS = {0x8769, 0x8825, 0xA005}  # ExifOffset, GPSInfo, InteropOffset: where a sub-directory starts
_EXIF_LABELS = {
    "Make": "Camera make", "Model": "Camera model", "BodySerialNumber": "Camera serial number",
    "DateTime": "Changed (camera clock)", "DateTimeOriginal": "Taken (camera clock)",
    "DateTimeDigitized": "Digitised (camera clock)", "OffsetTimeOriginal": "Camera clock offset (taken)",
    "Software": "Software", "Orientation": "Orientation", "XResolution": "Horizontal resolution",
    "YResolution": "Vertical resolution", "ResolutionUnit": "Resolution unit", "ExposureTime": "Exposure time (s)",
    "FNumber": "F-number", "ISOSpeedRatings": "ISO speed", "FocalLength": "Focal length (mm)",
    "LensModel": "Lens model", "YCbCrPositioning": "YCbCr positioning", "ExifVersion": "EXIF version",
    "ExifImageWidth": "EXIF image width", "ExifImageHeight": "EXIF image height", "OffsetTime": "Camera clock offset", "ImageDescription": "Description", "Artist": "Artist", "Copyright": "Copyright",
}


_EXIF_CODES = {
    "ResolutionUnit": {1: "none", 2: "inch", 3: "centimetre"},
    "Orientation": {1: "normal", 2: "mirrored", 3: "rotated 180°", 4: "mirrored vertically",
                    5: "mirrored, rotated 90° anticlockwise", 6: "rotated 90° clockwise",
                    7: "mirrored, rotated 90° clockwise", 8: "rotated 90° anticlockwise"},
    "ColorSpace": {1: "sRGB", 0xFFFF: "uncalibrated"},
    "YCbCrPositioning": {1: "centred", 2: "co-sited"},
}


def _exif_field(name: str, value: object) -> tuple[str, str]:
    codes = _EXIF_CODES.get(name)
    if codes is not None and isinstance(value, int) and value in codes:
        return _exif_label(name), f"{codes[value]} ({value})"
    return _exif_label(name), _exif_value(value)


def _exif_label(name: str) -> str:
    if name in _EXIF_LABELS:
        return _EXIF_LABELS[name]
    import re

    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name).split()
    return " ".join([words[0], *[w.lower() if not w.isupper() else w for w in words[1:]]]) if words else name


def _exif_value(value: object) -> str:
    """A decoded EXIF value: rationals as numbers, text as text, other bytes as hex."""
    if isinstance(value, bytes):
        stripped = value.rstrip(b"\x00")
        if stripped and all(32 <= c < 127 for c in stripped):
            return safe_text(stripped.decode("ascii"))
        return value[:64].hex(" ")
    if isinstance(value, tuple):
        return ", ".join(_exif_value(v) for v in value)
    try:
        from PIL.TiffImagePlugin import IFDRational

        if isinstance(value, IFDRational):
            return "undefined" if value.denominator == 0 else f"{float(value):g}"
    except ImportError:  # pragma: no cover - Pillow always has it
        pass
    if isinstance(value, float):
        return f"{value:g}"
    return safe_text(value)[:200]


def _gps_degrees(value: object, ref: object) -> float | None:
    try:
        d, m, s = (float(v) for v in value)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    ref_text = ref.decode("ascii", "replace") if isinstance(ref, bytes) else str(ref or "")
    return -degrees if ref_text.strip().upper() in ("S", "W") else degrees


def gps_fields(gps: dict[int, object]) -> list[tuple[str, str]]:
    """The GPS directory as a position in decimal degrees plus map links as text (offline tool)."""
    from PIL import ExifTags

    out: list[tuple[str, str]] = []
    lat, lon = _gps_degrees(gps.get(2), gps.get(1)), _gps_degrees(gps.get(4), gps.get(3))
    if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
        out.append(("GPS position", f"{lat:.6f}, {lon:.6f} (decimal degrees, {_exif_value(gps.get(18)) or 'datum not stated'})"))
        out.append(("Open in a map", f"geo:{lat:.6f},{lon:.6f}  ·  "
                    f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=16/{lat:.6f}/{lon:.6f}"))
    if gps.get(6) is not None:
        below = gps.get(5) in (b"\x01", 1)
        out.append(("GPS altitude", f"{'-' if below else ''}{_exif_value(gps.get(6))} m"))
    if gps.get(7) is not None or gps.get(29) is not None:
        stamp = gps.get(7)
        hms = ":".join(f"{int(float(v)):02d}" for v in stamp) if isinstance(stamp, tuple) and len(stamp) == 3 else ""
        out.append(("GPS fix time (UTC)", f"{_exif_value(gps.get(29)) or ''} {hms}".strip()))
    shown = {1, 2, 3, 4, 5, 6, 7, 18, 29} if out else set()
    for tag, value in gps.items():
        if tag not in shown:
            out.append((_exif_label(ExifTags.GPSTAGS.get(tag, hex(tag))), _exif_value(value)))
    return out


def decode_picture(data: bytes) -> tuple[QImage | None, list[tuple[str, str]], str]:
    """(image, EXIF fields, problem) — runs on a worker thread (QImage is thread-safe, QPixmap is not).

    The fields are decoded and labelled: no directory pointers (ExifOffset, GPSInfo), rationals as
    numbers, the GPS position in decimal degrees with a map link as text."""
    from PIL import ExifTags, Image

    exif: list[tuple[str, str]] = []
    problem = ""
    try:
        with Image.open(io.BytesIO(data)) as img:
            exif.append(("Format", f"{img.format} {img.width}×{img.height} {img.mode}"))
            raw = img.getexif()
            try:  # the position first: what an investigator looks for
                exif.extend(gps_fields(dict(raw.get_ifd(ExifTags.IFD.GPSInfo))))
            except (KeyError, ValueError, OSError):
                pass
            for tag, value in raw.items():
                if tag not in _POINTERS:
                    exif.append(_exif_field(ExifTags.TAGS.get(tag, hex(tag)), value))
            try:
                for tag, value in raw.get_ifd(ExifTags.IFD.Exif).items():
                    if tag not in _POINTERS:
                        exif.append(_exif_field(ExifTags.TAGS.get(tag, hex(tag)), value))
            except (KeyError, ValueError, OSError):
                pass
    except Exception as exc:  # Pillow raises many types on hostile input; the viewer says so
        problem = f"{type(exc).__name__}: {exc}"
    image = QImage()
    if not image.loadFromData(data):
        return None, exif, problem or "not a picture Qt can decode"
    return image, exif, problem


class PictureView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = QLabel()
        self.picture.setObjectName("pictureLabel")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        self.scroll_area = scroll
        self.exif = QTextBrowser()
        self.exif.setObjectName("exifView")
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(self.exif)
        split.setSizes([500, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._pixmap: QPixmap | None = None

    def show_picture(self, image: QImage | None, exif: list[tuple[str, str]], problem: str, size: int) -> None:
        if image is None:
            self._pixmap = None
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.tr("No preview: {0}").format(problem) if problem else self.tr("No preview."))
        else:
            self._pixmap = QPixmap.fromImage(image)
            self._scale()
        if size > MAX_PICTURE:
            self.picture.setText(self.tr("No preview: the picture is larger than {0} bytes.").format(MAX_PICTURE))
        rows = "".join(f"<tr><td><b>{rich(k)}</b></td><td>{rich(v)}</td></tr>" for k, v in exif)
        self.exif.setHtml("<h3>" + self.tr("Picture metadata (EXIF)") + f"</h3><table cellspacing=4>{rows}</table>"
                          if rows else self.tr("No EXIF metadata."))

    def _scale(self) -> None:
        if self._pixmap is None or self._pixmap.isNull():
            return
        target = self.scroll_area.viewport().size()
        pm = self._pixmap
        if pm.width() > target.width() or pm.height() > target.height():
            pm = pm.scaled(target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        else:
            # Small pictures are enlarged by a whole factor, pixels kept sharp (nothing is invented).
            factor = max(1, min(target.width() // max(1, pm.width()), target.height() // max(1, pm.height()), 4))
            if factor > 1:
                pm = pm.scaled(pm.width() * factor, pm.height() * factor, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.FastTransformation)
        self.picture.setPixmap(pm)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._scale()

    def clear(self) -> None:
        self._pixmap = None
        self.picture.setPixmap(QPixmap())
        self.picture.setText("")
        self.exif.clear()
