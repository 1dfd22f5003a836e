"""Pieces of the triage choices: file/folder lists and the hash-set library (list, tick, import)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.hashsets import HashSetLibrary, library_path
from forensic_triage.i18n import _
from forensic_triage.jobs.context import JobContext
from forensic_triage.jobs.options import TriageOption, format_duration, parse_duration

from .common import safe_text
from .workers import JobManager, JobWorker


class PathList(QWidget):
    """A list of files/folders with Add and Remove buttons."""

    def __init__(self, name: str, add_file: str, add_folder: str | None, file_filter: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName(name)
        self.list.setMaximumHeight(70)
        self.filter = file_filter
        buttons = QVBoxLayout()
        self.add_file = QPushButton(add_file)
        buttons.addWidget(self.add_file)
        self.add_file.clicked.connect(self._pick_file)
        if add_folder:
            self.add_folder = QPushButton(add_folder)
            buttons.addWidget(self.add_folder)
            self.add_folder.clicked.connect(self._pick_folder)
        self.remove = QPushButton(self.tr("Remove"))
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        self.remove.clicked.connect(lambda: [self.list.takeItem(self.list.row(i)) for i in self.list.selectedItems()])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.add_file.text(), "", self.filter)
        if path:
            self.add(path)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if path:
            self.add(path)

    def add(self, path: str) -> None:
        if path not in self.paths():
            self.list.addItem(path)

    def paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_paths(self, paths: list[str]) -> None:
        self.list.clear()
        for p in paths:
            self.add(p)


class HashSetChooser(QWidget):
    """The sets in the examiner's hash-set library, ticked for this run; importing a list adds one."""

    imported = Signal(str)

    def __init__(self, jobs: JobManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.list = QListWidget()
        self.list.setObjectName("hashsetList")
        self.list.setMaximumHeight(70)
        self.file = QLineEdit()
        self.file.setObjectName("hashsetFile")
        self.file.setPlaceholderText(self.tr("hash list to import (NSRL RDS, md5sum/sha256sum, hashdeep, HashKeeper)"))
        pick = QPushButton(self.tr("Choose…"))
        pick.clicked.connect(self._pick)
        self.name = QLineEdit()
        self.name.setObjectName("hashsetName")
        self.name.setPlaceholderText(self.tr("set name"))
        self.kind = QComboBox()
        self.kind.setObjectName("hashsetKind")
        self.kind.addItem(self.tr("notable (known-bad)"), "notable")
        self.kind.addItem(self.tr("known-good"), "known-good")
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("hashsetImport")
        self.import_button.clicked.connect(self.start_import)
        self.status = QLabel()
        self.status.setObjectName("hashsetStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.file, 3)
        row.addWidget(pick)
        row.addWidget(self.name, 1)
        row.addWidget(self.kind)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.reload()

    def reload(self, chosen: set[str] | None = None) -> None:
        previous = set(self.chosen()) if chosen is None else chosen
        self.list.clear()
        if not library_path().is_file():
            self.status.setText(self.tr("The hash-set library is empty: import a list to use it."))
            return
        try:
            with HashSetLibrary(read_only=True) as lib:
                sets = lib.sets()
        except Exception as exc:  # noqa: BLE001 - a broken library is reported, triage can run without it
            self.status.setText(self.tr("The hash-set library cannot be read: {0}").format(exc))
            return
        for hs in sets:
            item = QListWidgetItem(self.tr("{0} — {1}, {2} hashes").format(safe_text(hs.name), hs.kind,
                                                                          f"{hs.entries:,}"))
            item.setData(Qt.ItemDataRole.UserRole, hs.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if hs.name in previous else Qt.CheckState.Unchecked)
            item.setToolTip(safe_text(f"{hs.source} ({hs.format}), SHA-256 {hs.source_sha256}, {hs.imported_utc}"))
            self.list.addItem(item)

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Hash list"), "", self.tr("Hash lists (*.txt *.csv *.hsh *.md5 *.sha1 *.sha256 *.db);;All files (*)"))
        if path:
            self.file.setText(path)
            if not self.name.text():
                self.name.setText(Path(path).stem)

    def start_import(self) -> JobWorker | None:
        path, name, kind = self.file.text().strip(), self.name.text().strip(), str(self.kind.currentData())
        if not path or not name:
            self.status.setText(self.tr("Choose the hash list and give the set a name."))
            return None

        def job(ctx: JobContext) -> Any:
            ctx.begin("importing the hash list")
            with HashSetLibrary() as lib:
                return lib.import_file(Path(path), name, kind)

        worker = JobWorker("hashset-import", job, heavy=False)
        worker.signals.finished.connect(self._imported)
        worker.signals.errored.connect(self._failed)
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Importing {0}…").format(safe_text(path)))
        return self.jobs.start(worker)

    def _imported(self, hs: Any) -> None:
        self.import_button.setEnabled(True)
        self.status.setText(self.tr("Imported {0}: {1} hashes ({2} lines skipped).").format(
            safe_text(hs.name), f"{hs.entries:,}", f"{hs.skipped:,}"))
        self.reload(set(self.chosen()) | {hs.name})
        self.file.clear()
        self.name.clear()
        self.imported.emit(hs.name)

    def _failed(self, text: str) -> None:
        self.import_button.setEnabled(True)
        self.status.setText(text)


# ---- widgets built from the declared triage options (forensic_triage.jobs.options.TRIAGE_OPTIONS)
def option_widget(opt: TriageOption) -> QWidget:
    """The form widget for one declared triage option (numbers, choices, durations, text lists)."""
    widget: QWidget
    if opt.kind == "int":
        spin = QSpinBox()
        spin.setRange(int(opt.minimum or 0), int(opt.maximum or 2**31 - 1))
        widget = spin
    elif opt.kind == "float":
        dspin = QDoubleSpinBox()
        dspin.setDecimals(0)
        dspin.setRange(float(opt.minimum or 0), float(opt.maximum or 1e9))
        widget = dspin
    elif opt.kind == "choice":
        combo = QComboBox()
        for choice in opt.choices:
            combo.addItem(choice, choice)
        widget = combo
    elif opt.kind == "duration":
        line = QLineEdit()
        line.setPlaceholderText(QCoreApplication.translate("TriageOptions", "none (e.g. 20m or 2h)"))
        widget = line
    elif opt.kind == "list":
        text = QPlainTextEdit()
        text.setPlaceholderText(QCoreApplication.translate("TriageOptions", "one per line"))
        text.setMaximumHeight(60)
        widget = text
    else:
        raise ValueError(f"no generic widget for {opt.kind} options")
    widget.setObjectName(opt.widget_name)
    widget.setToolTip(_(opt.help).replace("%(default)s", str(opt.default())))
    set_option_value(opt, widget, opt.default())
    return widget


def option_value(opt: TriageOption, widget: QWidget) -> Any:
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QDoubleSpinBox):
        return float(widget.value())
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QLineEdit):
        return parse_duration(widget.text())
    if isinstance(widget, QPlainTextEdit):
        return [line for line in widget.toPlainText().splitlines() if line.strip()]
    raise TypeError(type(widget).__name__)


def set_option_value(opt: TriageOption, widget: QWidget, value: Any) -> None:
    if isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        widget.setCurrentIndex(max(0, index))
    elif isinstance(widget, QLineEdit):
        widget.setText(format_duration(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("\n".join(value or []))
