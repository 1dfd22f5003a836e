"""The file filter bar: deleted, type, extension mismatch, YARA hit, hash-set match, tagged, text."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .file_model import FileFilter, category_titles


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText(self.tr("Filter by name or path, or paste an MD5/SHA-1/SHA-256"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(180)
        self.deleted = QComboBox()
        self.deleted.setObjectName("filterDeleted")
        for key, title in (("all", self.tr("Deleted and allocated")), ("deleted", self.tr("Deleted only")),
                           ("allocated", self.tr("Allocated only"))):
            self.deleted.addItem(title, key)
        self.category = QComboBox()
        self.category.setObjectName("filterType")
        for key, title in category_titles().items():
            self.category.addItem(title, key)
        self.hashset = QComboBox()
        self.hashset.setObjectName("filterHashset")
        for key, title in (("", self.tr("Any hash-set status")), ("any", self.tr("In a hash set")),
                           ("notable", self.tr("Known-bad (notable)")), ("known-good", self.tr("Known-good"))):
            self.hashset.addItem(title, key)
        self.mismatch = QCheckBox(self.tr("Extension mismatch"))
        self.mismatch.setObjectName("filterMismatch")
        self.yara = QCheckBox(self.tr("YARA hit"))
        self.yara.setObjectName("filterYara")
        self.tagged = QCheckBox(self.tr("Tagged"))
        self.tagged.setObjectName("filterTagged")
        self.clear = QPushButton(self.tr("Clear"))
        self.clear.setToolTip(self.tr("Show every file again"))
        for w in (self.text, self.deleted, self.category, self.hashset):
            layout.addWidget(w)
        layout.setStretch(0, 1)
        # The check boxes and Clear sit on a second row, so the bar fits a 1366-pixel screen in every
        # language (Spanish and French titles are half as long again as the English ones).
        second = QHBoxLayout()
        for w in (self.mismatch, self.yara, self.tagged):
            second.addWidget(w)
        second.addStretch(1)
        second.addWidget(self.clear)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(layout)
        rows.addLayout(second)
        # Translated titles are longer (Spanish, French): the boxes shrink to a few characters and
        # show the full title in their list, so the window still fits a 1366-pixel screen.
        for combo in (self.deleted, self.category, self.hashset):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(22)
            combo.setToolTip(combo.currentText())
            combo.currentTextChanged.connect(combo.setToolTip)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.changed)
        self.text.textChanged.connect(self._debounce.start)
        for combo in (self.deleted, self.category, self.hashset):
            combo.currentIndexChanged.connect(lambda *_: self.changed.emit())
        for box in (self.mismatch, self.yara, self.tagged):
            box.toggled.connect(lambda *_: self.changed.emit())
        self.clear.clicked.connect(self.reset)

    def apply_to(self, base: FileFilter) -> FileFilter:
        """``base`` (the place chosen in the evidence tree) narrowed by the bar's choices."""
        return dataclasses.replace(
            base, deleted=str(self.deleted.currentData()), category=str(self.category.currentData()),
            hashset=str(self.hashset.currentData()), ext_mismatch=self.mismatch.isChecked(),
            yara=self.yara.isChecked(), tagged=self.tagged.isChecked(), text=self.text.text(), file_ids=None)

    def flush(self) -> None:
        """Apply a pending text change now (Enter pressed)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.changed.emit()

    def reset(self) -> None:
        widgets = (self.text, self.deleted, self.category, self.hashset, self.mismatch, self.yara, self.tagged)
        for w in widgets:
            w.blockSignals(True)
        self.text.clear()
        for combo in (self.deleted, self.category, self.hashset):
            combo.setCurrentIndex(0)
        for box in (self.mismatch, self.yara, self.tagged):
            box.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit()
