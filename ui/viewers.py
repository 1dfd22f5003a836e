"""Content viewers: hex with offsets, text with an encoding choice, picture with EXIF.

Content is read from the evidence on a worker (``ContentReader``), in bounded windows;
pictures are decoded in a child process with limits (``forensic_triage.isolated_views``),
waited for on the worker, so a huge or hostile file can neither freeze nor crash the GUI.
"""

from __future__ import annotations

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

from forensic_triage.isolated_views import render_picture

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


def decode_picture(data: bytes) -> tuple[QImage | None, list[tuple[str, str]], str]:
    """(image, EXIF fields, problem) — runs on a worker thread (QImage is thread-safe, QPixmap is not).

    The evidence bytes are decoded in a child process with limits (``isolated_views``): a hostile
    picture can crash, hang or exhaust that child only. What comes back is a PNG drawn by it and
    the labelled EXIF fields (no directory pointers, rationals as numbers, the GPS position in
    decimal degrees with a map link as text)."""
    picture = render_picture(data)
    if picture.png is None:
        return None, picture.fields, picture.problem or "not a picture this tool can decode"
    image = QImage()
    if not image.loadFromData(picture.png, "PNG"):
        return None, picture.fields, "the decoded picture cannot be shown"
    return image, picture.fields, picture.problem


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
