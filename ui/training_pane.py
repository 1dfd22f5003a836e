"""Training in the main window: the exercise questions pane, the TRAINING banner, the Training menu.

Everything here calls the training core (:mod:`forensic_triage.training`): the pane reads the
questions through the session's read-only store and writes answers, hints and the submission as
small jobs with their own writable store, exactly as ``forensic-triage exercise`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from forensic_triage import training
from forensic_triage.i18n import pack_text
from forensic_triage.store import CaseStore
from forensic_triage.training.selection import answer_from_item

from .common import ask, fmt_time, rich, safe_text
from .session import CaseSession


def type_name(qtype: str) -> str:
    names = {
        "text": QCoreApplication.translate("Training", "text"),
        "number": QCoreApplication.translate("Training", "number"),
        "path": QCoreApplication.translate("Training", "path"),
        "hash": QCoreApplication.translate("Training", "hash"),
        "time": QCoreApplication.translate("Training", "time (UTC)"),
        "paths": QCoreApplication.translate("Training", "set of paths"),
        "choice": QCoreApplication.translate("Training", "multiple choice"),
    }
    return names.get(qtype, qtype)


def points_text(value: float) -> str:
    return QCoreApplication.translate("Training", "{0} pt(s)").format(f"{value:g}")


class TrainingBanner(QToolBar):
    """The persistent TRAINING — NOT EVIDENCE banner over a training case (cannot be hidden)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.label = QLabel()
        self.label.setObjectName("trainingBannerText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("QLabel { background: #b71c1c; color: white; font-weight: bold; padding: 4px; }")
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(self.label)

    def show_exercise(self, exercise: dict[str, Any]) -> None:
        self.label.setText(self.tr("TRAINING — NOT EVIDENCE · Exercise: {0} · Student: {1}").format(
            pack_text(str(exercise.get("title") or "")), safe_text(exercise.get("student") or "")))


class TrainingPane(QDockWidget):
    """The exercise: briefing, questions with their points, answers, hints, submission."""

    trainerRequested = Signal()

    def __init__(self, session: CaseSession, selected_item: Callable[[], dict[str, Any] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selected_item = selected_item
        self.setObjectName("trainingPane")
        self.setWindowTitle(self.tr("Exercise questions"))
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.rows: list[dict[str, Any]] = []
        self.submitted: dict[str, Any] | None = None
        self.worker: Any = None
        self.dialog: Any = None
        self._build()
        self.reload()

    # --------------------------------------------------------------- layout
    def _build(self) -> None:
        body = QWidget()
        self.header = QLabel()
        self.header.setObjectName("trainingHeader")
        self.header.setWordWrap(True)
        self.briefing = QTextBrowser()
        self.briefing.setObjectName("trainingBriefing")
        self.list = QListWidget()
        self.list.setObjectName("trainingQuestions")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show_question)
        top = QSplitter(Qt.Orientation.Vertical)
        top.addWidget(self.briefing)
        top.addWidget(self.list)
        top.setStretchFactor(1, 2)
        top.setSizes([110, 260])
        self.question = QLabel()
        self.question.setObjectName("trainingQuestionText")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setObjectName("trainingQuestionMeta")
        self.meta.setWordWrap(True)
        self.line = QLineEdit()
        self.line.setObjectName("trainingAnswerLine")
        self.line.setPlaceholderText(self.tr("Your answer"))
        self.line.returnPressed.connect(self.save_answer)
        self.multi = QPlainTextEdit()
        self.multi.setObjectName("trainingAnswerPaths")
        self.multi.setPlaceholderText(self.tr("One path per line"))
        self.multi.setMaximumHeight(90)
        self.choice = QComboBox()
        self.choice.setObjectName("trainingAnswerChoice")
        self.save_button = QPushButton(self.tr("Save answer"))
        self.save_button.setObjectName("trainingSave")
        self.save_button.clicked.connect(self.save_answer)
        self.use_button = QPushButton(self.tr("Use selected item"))
        self.use_button.setObjectName("trainingUseSelected")
        self.use_button.setToolTip(self.tr("Take the answer from the file, finding or timeline row selected in the "
                                           "main views"))
        self.use_button.clicked.connect(self.use_selected)
        self.hint_button = QPushButton(self.tr("Take a hint…"))
        self.hint_button.setObjectName("trainingHint")
        self.hint_button.clicked.connect(self.ask_hint)
        self.hints = QLabel()
        self.hints.setObjectName("trainingHints")
        self.hints.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("trainingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.status = QLabel()
        self.status.setObjectName("trainingStatus")
        self.status.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Submit answers…"))
        self.submit_button.setObjectName("trainingSubmit")
        self.submit_button.clicked.connect(self.ask_submit)
        self.trainer_button = QPushButton(self.tr("Trainer view…"))
        self.trainer_button.setObjectName("trainingTrainer")
        self.trainer_button.clicked.connect(self.trainerRequested)
        buttons = QGridLayout()  # two rows: the pane stays narrow in every language
        buttons.addWidget(self.save_button, 0, 0)
        buttons.addWidget(self.use_button, 0, 1)
        buttons.addWidget(self.hint_button, 1, 0, 1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.submit_button)
        bottom.addStretch(1)
        bottom.addWidget(self.trainer_button)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.header)
        lay.addWidget(top, 1)
        for w in (self.question, self.meta, self.line, self.multi, self.choice):
            lay.addWidget(w)
        lay.addLayout(buttons)
        lay.addWidget(self.hints)
        lay.addWidget(self.error)
        lay.addWidget(self.status)
        lay.addLayout(bottom)
        self.setWidget(body)
        self.setMinimumWidth(320)

    # ----------------------------------------------------------------- data
    def reload(self) -> None:
        store = self.session.store
        exercise = training.exercise_of(store)
        self.rows = training.questions(store)
        self.submitted = store.training.submission()
        self.header.setText(self.tr("<b>{0}</b><br>Student: {1}").format(
            rich(pack_text(str(exercise.get("title") or ""))), rich(exercise.get("student") or "")))
        self.briefing.setPlainText(pack_text(str(exercise.get("briefing") or "")))
        current = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for row in self.rows:
            mark = "✓ " if row.get("answer") else "• "
            item = QListWidgetItem(f"{mark}{row['id']} ({points_text(float(row['points']))}) — "
                                   f"{pack_text(str(row['text']))}")
            item.setToolTip(pack_text(str(row["text"])))
            self.list.addItem(item)
        self.list.blockSignals(False)
        answered = sum(1 for r in self.rows if r.get("answer"))
        total = sum(float(r["points"]) for r in self.rows)
        if self.submitted:
            self.status.setText(self.tr("Submitted on {0}: the answers can no longer change.").format(
                fmt_time(self.submitted.get("submitted_utc"), self.session.timezone)))
        else:
            self.status.setText(self.tr("{0} of {1} questions answered; {2} points in all.").format(
                answered, len(self.rows), f"{total:g}"))
        self.submit_button.setEnabled(not self.submitted)
        if self.rows:
            self.list.setCurrentRow(min(current, len(self.rows) - 1))
            self._show_question(self.list.currentRow())

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_question(self, qid: str) -> None:
        for i, row in enumerate(self.rows):
            if str(row["id"]).casefold() == qid.casefold():
                self.list.setCurrentRow(i)
                return

    def _show_question(self, _row: int) -> None:
        q = self.current()
        self.error.clear()
        if q is None:
            return
        qtype = str(q["type"])
        self.question.setText(f"{q['id']}. {pack_text(str(q['text']))}")
        meta = [points_text(float(q["points"])), self.tr("answer: {0}").format(type_name(qtype))]
        if q.get("tolerance") and qtype == "time":
            meta.append(self.tr("within {0} s").format(f"{float(q['tolerance']):g}"))
        self.meta.setText(" · ".join(meta))
        tagged = q.get("answer_from_tag")
        answer = q.get("answer")
        self.line.setVisible(qtype not in ("paths", "choice"))
        self.multi.setVisible(qtype == "paths")
        self.choice.setVisible(qtype == "choice")
        if qtype == "choice":
            self.choice.clear()
            self.choice.addItem(self.tr("(choose one)"), "")
            for i, text in enumerate(q.get("choices") or []):
                self.choice.addItem(f"{chr(65 + i)}) {pack_text(str(text))}", str(text))
            index = self.choice.findData(str(answer)) if answer else 0
            self.choice.setCurrentIndex(max(index, 0))
        elif qtype == "paths":
            self.multi.setPlainText("\n".join(answer or []) if isinstance(answer, list) else str(answer or ""))
        else:
            self.line.setText(str(answer or ""))
        if tagged:
            self.meta.setText(self.meta.text() + " · " + self.tr(
                "answered by tagging items '{0}' (Findings menu: Tag and annotate selection)").format(tagged))
        open_ = not self.submitted
        editable = open_ and not tagged
        for w in (self.line, self.multi, self.choice, self.save_button, self.use_button):
            w.setEnabled(editable)
        self.line.setReadOnly(not editable)
        self.multi.setReadOnly(not editable)
        taken = "\n".join(self.tr("Hint (−{0}): {1}").format(f"{h['cost']:g}", pack_text(str(h["text"])))
                          for h in q.get("hints_taken") or [])
        self.hints.setText(taken)
        self.hints.setVisible(bool(taken))
        cost = q.get("next_hint_cost")
        if cost is None:
            self.hint_button.setText(self.tr("No hint left"))
            self.hint_button.setEnabled(False)
        else:
            self.hint_button.setText(self.tr("Take a hint (−{0})…").format(points_text(float(cost))))
            self.hint_button.setEnabled(open_)

    def answer_text(self) -> str:
        q = self.current()
        if q is None:
            return ""
        if q["type"] == "choice":
            return str(self.choice.currentData() or "")
        if q["type"] == "paths":
            return self.multi.toPlainText().strip()
        return self.line.text().strip()

    # -------------------------------------------------------------- actions
    def use_selected(self) -> bool:
        """Put the selected file's path, finding or timeline row into the answer (not saved yet)."""
        q = self.current()
        if q is None:
            return False
        item = self.selected_item() or {}
        value = answer_from_item(str(q["type"]), item, self.multi.toPlainText() if q["type"] == "paths" else None)
        if value is None:
            self.error.setText(self.tr("Select a file in Browse files, a finding or a timeline row that holds "
                                       "this kind of answer, then try again."))
            return False
        self.error.clear()
        if q["type"] == "paths":
            self.multi.setPlainText(value)
        elif q["type"] == "choice":
            index = self.choice.findData(value)
            if index < 0:
                return False
            self.choice.setCurrentIndex(index)
        else:
            self.line.setText(value)
        return True

    def _run(self, kind: str, fn: Callable[[CaseStore], Any], done: Callable[[Any], None] | None = None) -> Any:
        self.error.clear()
        self.worker = self.session.run_job(kind, lambda store, _ctx: fn(store), heavy=False)
        self.worker.signals.finished.connect(lambda result: self._finished(result, done))
        self.worker.signals.errored.connect(self.error.setText)
        return self.worker

    def _finished(self, result: Any, done: Callable[[Any], None] | None) -> None:
        q = self.current()
        qid = str(q["id"]) if q else ""
        self.reload()
        if qid:
            self.select_question(qid)
        if done is not None:
            done(result)

    def save_answer(self) -> Any:
        q = self.current()
        if q is None or self.submitted:
            return None
        value = self.answer_text()
        if not value:
            self.error.setText(self.tr("Write an answer first."))
            return None
        qid, who = str(q["id"]), self.session.examiner or None
        return self._run("exercise answer", lambda store: training.answer(store, qid, value, who))

    def ask_hint(self) -> Any:
        q = self.current()
        if q is None or q.get("next_hint_cost") is None:
            return None
        qid, cost = str(q["id"]), float(q["next_hint_cost"])
        self.dialog = ask(self, self.tr("Take a hint?"), self.tr(
            "The hint for question {0} costs {1}: they come off the points this question earns. Take it?").format(
            qid, points_text(cost)), lambda: self.take_hint(qid))
        return self.dialog

    def take_hint(self, qid: str) -> Any:
        who = self.session.examiner or None
        return self._run("exercise hint", lambda store: training.take_hint(store, qid, who))

    def ask_submit(self) -> Any:
        unanswered = [str(r["id"]) for r in self.rows if not r.get("answer")]
        text = self.tr("Submit the answers? They can no longer be changed afterwards.")
        if unanswered:
            text += "\n" + self.tr("Not answered: {0}.").format(", ".join(unanswered))
        self.dialog = ask(self, self.tr("Submit the exercise?"), text, self.submit)
        return self.dialog

    def submit(self) -> Any:
        who = self.session.examiner or None
        return self._run("exercise submit", lambda store: training.submit(store, who))


class TrainingController(QObject):
    """The Training menu and, on a training case, the banner and the questions pane."""

    def __init__(self, window: QMainWindow, before: QAction | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.banner: TrainingBanner | None = None
        self.pane: TrainingPane | None = None
        self.dialog: Any = None
        bar = window.menuBar()
        self.menu = QMenu(self.tr("T&raining"), window)
        self.menu.setObjectName("trainingMenu")
        if before is not None:
            bar.insertMenu(before, self.menu)
        else:
            bar.addMenu(self.menu)
        self.act_start = self._add(self.tr("&Start an exercise…"), self.start_dialog, "actExerciseStart")
        self.act_pane = self._add(self.tr("Exercise &questions"), self.show_pane, "actExercisePane")
        self.act_trainer = self._add(self.tr("&Trainer view (grades and key)…"), self.trainer_dialog,
                                     "actExerciseTrainer")
        self.update_actions()

    def _add(self, text: str, slot: Callable[[], Any], name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    @property
    def session(self) -> CaseSession | None:
        return getattr(self.window, "session", None)

    def update_actions(self) -> None:
        on = self.pane is not None
        self.act_pane.setEnabled(on)
        self.act_trainer.setEnabled(on)

    # ----------------------------------------------------------- the case
    def case_opened(self, session: CaseSession) -> None:
        self.case_closed()
        if not training.is_training(session.store):
            return
        exercise = training.exercise_of(session.store)
        self.banner = TrainingBanner(self.window)
        self.banner.show_exercise(exercise)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.pane = TrainingPane(session, self.selected_item, self.window)
        self.pane.trainerRequested.connect(self.trainer_dialog)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.pane)
        self.window.resizeDocks([self.pane], [420], Qt.Orientation.Horizontal)
        session.changed.connect(self._case_changed)
        self.update_actions()

    def case_closed(self) -> None:
        for widget in (self.banner, self.pane):
            if widget is not None:
                self.window.removeToolBar(widget) if isinstance(widget, QToolBar) else \
                    self.window.removeDockWidget(widget)
                widget.deleteLater()
        self.banner = None
        self.pane = None
        self.update_actions()

    def _case_changed(self) -> None:
        session = self.session
        if self.pane is not None and session is not None and not session.closed:
            self.pane.reload()  # tags written elsewhere answer the tag questions

    def show_pane(self) -> None:
        if self.pane is not None:
            self.pane.show()
            self.pane.raise_()

    def selected_item(self) -> dict[str, Any] | None:
        """The row selected in the visible view: a file, a finding or a timeline row."""
        workspace = getattr(self.window, "workspace", None)
        if workspace is None:
            return None
        view = workspace.currentWidget()
        if view is workspace.browse:
            rows = sorted({i.row() for i in view.table.selectionModel().selectedRows()})
            if not rows and view.table.currentIndex().isValid():
                rows = [view.table.currentIndex().row()]
            return view.model.row_dict(rows[0]) if rows else None
        if view is workspace.timeline:
            table = view.table
        elif view is workspace.findings:
            widget = view.currentWidget()
            table = widget if hasattr(widget, "selected") else view.artifact_table
        else:
            return None
        picked = table.selected() if table is not None else []
        return dict(picked[0]) if picked else None

    # ----------------------------------------------------------- dialogs
    def start_dialog(self) -> Any:
        from .training_dialogs import StartExerciseDialog

        self.dialog = StartExerciseDialog(self.window.jobs, self.window)  # type: ignore[attr-defined]
        self.dialog.started.connect(self.window.open_case)  # type: ignore[attr-defined]
        self.dialog.open()
        return self.dialog

    def trainer_dialog(self) -> Any:
        session = self.session
        if session is None or self.pane is None:
            return None
        from .training_dialogs import TrainerDialog

        self.dialog = TrainerDialog(session, self.window)
        self.dialog.open()
        return self.dialog
