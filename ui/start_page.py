"""The start screen: new case, open case, recent cases, the sample case for training, packages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forensic_triage import TOOL_NAME, __version__
from forensic_triage.store import DB_NAME
from forensic_triage.store.browse_repo import case_title

from .common import app_icon, safe_text
from .settings import recent_cases


def case_label(folder: Path) -> str:
    """'CASE-NUMBER — title' read from the case database without opening it for writing."""
    row = case_title(folder / DB_NAME)
    if row is None:
        return ""
    return safe_text(f"{row[0]} — {row[1]}" if row[1] else row[0])


class StartPage(QWidget):
    newCase = Signal()
    openCase = Signal()
    openRecent = Signal(str)
    openSample = Signal()
    verifyPackage = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(72, 72)))
        title = QLabel(f"<h1>{TOOL_NAME}</h1>")
        subtitle = QLabel(self.tr("Version {0}. Offline, read-only triage of disk images: raw, split raw and "
                                  "E01.").format(__version__))
        subtitle.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(subtitle)
        head.addLayout(text, 1)

        def big(label: str, tip: str, name: str) -> QPushButton:
            b = QPushButton(label)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.setMinimumHeight(44)
            b.setStyleSheet("text-align: left; padding-left: 12px; font-size: 11pt")
            return b

        self.new_button = big(self.tr("New case…  (Ctrl+N)"), self.tr("Create a case folder with its case record"),
                              "startNew")
        self.open_button = big(self.tr("Open case…  (Ctrl+O)"), self.tr("Open an existing case folder"), "startOpen")
        self.sample_button = big(self.tr("Open the sample case (training)"),
                                 self.tr("Generate the built-in sample evidence, add it to a training case and "
                                         "triage it"), "startSample")
        self.package_button = big(self.tr("Verify or import a received package…"),
                                  self.tr("Check a signed evidence package offline and open it as a review case"),
                                  "startPackage")
        actions = QVBoxLayout()
        for b in (self.new_button, self.open_button, self.sample_button, self.package_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("recentCases")
        self.recent.setAlternatingRowColors(True)
        self.recent_hint = QLabel(self.tr("Recent cases (double-click to open):"))
        recent_box = QVBoxLayout()
        recent_box.addWidget(self.recent_hint)
        recent_box.addWidget(self.recent, 1)
        body = QHBoxLayout()
        body.addLayout(actions, 2)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        body.addWidget(line)
        body.addLayout(recent_box, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addLayout(head)
        layout.addSpacing(16)
        layout.addLayout(body, 1)
        self.new_button.clicked.connect(self.newCase)
        self.open_button.clicked.connect(self.openCase)
        self.sample_button.clicked.connect(self.openSample)
        self.package_button.clicked.connect(self.verifyPackage)
        self.recent.itemActivated.connect(lambda item: self.openRecent.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        self.recent_hint.setText(self.tr("Recent cases (double-click to open):"))
        for path in recent_cases():
            exists = (Path(path) / DB_NAME).is_file()
            label = case_label(Path(path)) if exists else ""
            item = QListWidgetItem(f"{label}\n{path}" if label else
                                   path if exists else self.tr("{0} (not found)").format(path))
            item.setData(Qt.ItemDataRole.UserRole, path)
            if not exists:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        if not self.recent.count():
            self.recent_hint.setText(self.tr("No recent cases yet."))
