"""Training dialogs: start an exercise (a training case from a pack), and the trainer's view (grades, key)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forensic_triage import training
from forensic_triage.i18n import pack_text
from forensic_triage.store import CaseStore

from .common import fmt_time, safe_text
from .session import CaseSession
from .workers import JobManager, JobWorker

PACK_FILTER = "*.ftpack"


def _path_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(edit, 1)
    lay.addWidget(button)
    return row


class StartExerciseDialog(QDialog):
    """A built-in pack or a pack file, a new case folder and the student's name; then start."""

    started = Signal(str)  # the training case folder

    def __init__(self, jobs: JobManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.worker: JobWorker | None = None
        self.setObjectName("startExerciseDialog")
        self.setWindowTitle(self.tr("Start an exercise"))
        self.pack = QComboBox()
        self.pack.setObjectName("exercisePack")
        self.packs = training.list_packs()
        for p in self.packs:
            self.pack.addItem(pack_text(str(p["title"])), str(p["id"]))
        self.pack.addItem(self.tr("A pack file from the trainer…"), "")
        self.summary = QLabel()
        self.summary.setObjectName("exerciseSummary")
        self.summary.setWordWrap(True)
        self.pack_file = QLineEdit()
        self.pack_file.setObjectName("exercisePackFile")
        self.pack_file.setPlaceholderText(self.tr("The .ftpack file the trainer gave"))
        pick_pack = QPushButton(self.tr("Choose…"))
        pick_pack.clicked.connect(self._choose_pack)
        self.pack_row = _path_row(self.pack_file, pick_pack)
        self.case_dir = QLineEdit()
        self.case_dir.setObjectName("exerciseCaseDir")
        self.case_dir.setPlaceholderText(self.tr("A new folder for the training case"))
        pick_case = QPushButton(self.tr("Choose…"))
        pick_case.clicked.connect(self._choose_folder)
        self.student = QLineEdit()
        self.student.setObjectName("exerciseStudent")
        self.student.setPlaceholderText(self.tr("Your name, as the trainer knows it"))
        form = QFormLayout()
        form.addRow(self.tr("Exercise"), self.pack)
        form.addRow("", self.summary)
        form.addRow(self.tr("Pack file"), self.pack_row)
        form.addRow(self.tr("Case folder"), _path_row(self.case_dir, pick_case))
        form.addRow(self.tr("Student"), self.student)
        self.note = QLabel(self.tr("The exercise becomes a TRAINING case: it is marked as such everywhere and can "
                                   "never become casework. Its evidence is added and triaged now."))
        self.note.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("exerciseProgress")
        self.error = QLabel()
        self.error.setObjectName("exerciseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(self.progress)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.pack.currentIndexChanged.connect(self._pack_chosen)
        self._pack_chosen()
        self.resize(620, 360)

    def _pack_chosen(self) -> None:
        pack_id = self.pack.currentData()
        info = next((p for p in self.packs if p["id"] == pack_id), None)
        self.summary.setText(pack_text(str(info["summary"])) if info else "")
        self.pack_row.setEnabled(info is None)

    def _choose_pack(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Exercise pack"), "",
                                               self.tr("Exercise packs ({0})").format(PACK_FILTER))
        if path:
            self.pack_file.setText(path)

    def _choose_folder(self) -> None:
        parent = QFileDialog.getExistingDirectory(self, self.tr("Where to put the training case"))
        if parent:
            pack = self.pack.currentData() or Path(self.pack_file.text()).stem or "exercise"
            who = re.sub(r"[^A-Za-z0-9]+", "-", self.student.text()).strip("-").lower()
            self.case_dir.setText(str(Path(parent) / "-".join(x for x in (str(pack), who) if x)))

    def chosen_pack(self) -> str:
        return str(self.pack.currentData() or self.pack_file.text().strip())

    def start(self) -> JobWorker | None:
        pack, folder, student = self.chosen_pack(), self.case_dir.text().strip(), self.student.text().strip()
        if not pack:
            self.error.setText(self.tr("Choose an exercise or a pack file."))
            return None
        if not folder:
            self.error.setText(self.tr("Give a new folder for the training case."))
            return None
        if not student:
            self.error.setText(self.tr("Give the student's name."))
            return None
        if self.jobs.heavy_job() is not None:
            self.error.setText(self.tr("A job is running; wait for it before starting an exercise."))
            return None
        self.error.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.progress.setText(self.tr("Preparing the exercise: writing its evidence, adding it and triaging it…"))
        worker = JobWorker("exercise", lambda ctx: str(training.start(pack, folder, student, ctx=ctx).case_dir))
        worker.signals.progress.connect(lambda p: self.progress.setText(self.tr("Exercise: {0}…").format(p.phase)))
        worker.signals.finished.connect(self._done)
        worker.signals.errored.connect(self._failed)
        worker.signals.cancelled.connect(self._failed)
        self.worker = self.jobs.start(worker)
        return self.worker

    def _cancel(self) -> None:
        if self.worker is not None and not self.worker.done:
            self.worker.cancel()
            return
        self.reject()

    def _done(self, case_dir: str) -> None:
        self.progress.clear()
        self.accept()
        self.started.emit(case_dir)

    def _failed(self, text: str) -> None:
        self.progress.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.error.setText(text)
        self.worker = None


def _answer_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(safe_text(v) for v in value)
    return safe_text(value)


class TrainerDialog(QDialog):
    """The trainer's view: grades per question and the key, after the passphrase (none for built-in packs)."""

    COLUMNS = 6

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: JobWorker | None = None
        self.result: Any = None
        self.setObjectName("trainerDialog")
        self.setWindowTitle(self.tr("Trainer view"))
        self.exercise = training.exercise_of(session.store)
        self.public_builtin = bool(self.exercise.get("builtin")) and bool(self.exercise.get("public"))
        head = QLabel(self.tr("Exercise: {0} · Student: {1}").format(
            pack_text(str(self.exercise.get("title") or "")), safe_text(self.exercise.get("student") or "")))
        head.setWordWrap(True)
        self.pack_file = QLineEdit()
        self.pack_file.setObjectName("trainerPackFile")
        self.pack_file.setPlaceholderText(self.tr("The pack the student started from ({0})").format(
            self.exercise.get("pack_file") or PACK_FILTER))
        pick = QPushButton(self.tr("Choose…"))
        pick.clicked.connect(self._choose_pack)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("trainerPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.pack_row = _path_row(self.pack_file, pick)
        form.addRow(self.tr("Pack file"), self.pack_row)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.note = QLabel()
        self.note.setWordWrap(True)
        if self.public_builtin:
            self.note.setText(self.tr("A built-in pack: its key is public, no passphrase is needed."))
            self.pack_row.setEnabled(False)
            self.passphrase.setEnabled(False)
        else:
            self.note.setText(self.tr("The key is sealed: give the pack file and the trainer's passphrase."))
        self.show_button = QPushButton(self.tr("Show grades and key"))
        self.show_button.setObjectName("trainerShow")
        self.show_button.clicked.connect(self.grade)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("trainerGrades")
        self.table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Result"), self.tr("Points"),
                                              self.tr("Given"), self.tr("Expected (key)"), self.tr("Question text")])
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((3, 240), (4, 300)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("trainerTotal")
        self.error = QLabel()
        self.error.setObjectName("trainerError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.total)
        lay.addWidget(self.error)
        lay.addWidget(close)
        self.resize(1240, 620)

    def _choose_pack(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Exercise pack"), "",
                                               self.tr("Exercise packs ({0})").format(PACK_FILTER))
        if path:
            self.pack_file.setText(path)

    def grade(self) -> JobWorker | None:
        if self.public_builtin:
            pack: str = str(self.exercise.get("pack_id"))
            passphrase: bytes | None = None
        else:
            pack = self.pack_file.text().strip()
            passphrase = self.passphrase.text().encode("utf-8")
            if not pack:
                self.error.setText(self.tr("Choose the pack file the student started from."))
                return None
        case_dir = self.session.case_dir

        def job(_ctx: Any) -> Any:
            with CaseStore.open(case_dir, read_only=True) as store:
                return training.grade(store, pack, passphrase)

        self.error.clear()
        self.show_button.setEnabled(False)
        worker = JobWorker("view", job, heavy=False)
        worker.signals.finished.connect(self._show)
        worker.signals.errored.connect(self._failed)
        self.worker = self.session.jobs.start(worker)
        return self.worker

    def _failed(self, text: str) -> None:
        self.show_button.setEnabled(True)
        self.error.setText(text)

    def _show(self, result: Any) -> None:
        self.show_button.setEnabled(True)
        self.result = result
        self.table.setRowCount(len(result.questions))
        for row, q in enumerate(result.questions):
            mark = self.tr("correct") if q.correct else self.tr("wrong") if q.given not in (None, "", []) else \
                self.tr("not answered")
            earned = f"{q.earned:g} / {q.points:g}" + (self.tr(" (hints −{0})").format(f"{q.hint_cost:g}")
                                                        if q.hint_cost else "")
            expected = _answer_text(q.expected)
            if q.explanation:
                expected += "\n" + pack_text(q.explanation)
            for col, text in enumerate((q.id, mark, earned, _answer_text(q.given), expected, pack_text(q.text))):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setForeground(Qt.GlobalColor.darkGreen if q.correct else Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        submitted = (self.tr("submitted on {0}").format(fmt_time(result.submitted_utc, self.session.timezone))
                     if result.submitted_utc
                     else self.tr("not submitted yet"))
        self.total.setText(self.tr("Total: {0} of {1} points ({2}).").format(f"{result.total:g}",
                                                                              f"{result.maximum:g}", submitted))
