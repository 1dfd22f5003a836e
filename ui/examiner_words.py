"""The examiner's own words for the report, in the desktop application.

* :class:`CaseDetailsDialog` ("Case details for the report", Report menu): the request, the
  case examiner's qualifications, role and organisation, and the conclusions;
* :class:`InterpretationDialog` (Findings → Tags and notes → "Interpretation…"): the
  interpretation of a tagged finding and the alternative explanations considered.

Both save through the core (``forensic_triage.case_details.set_case_details`` and
``forensic_triage.tags.edit_tag``, the same functions as ``forensic-triage case set`` and
``forensic-triage tag --id``), on a worker with its own writable store; every change is audited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore

from .common import safe_text
from .session import CaseSession
from .workers import JobWorker

ERROR_STYLE = "color: #b41e1e"


def _editor(name: str, placeholder: str, height: int = 110) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class CaseDetailsDialog(QDialog):
    """Request, qualifications and conclusions: a report is a DRAFT until all three are filled."""

    saved = Signal(list)  # names of the fields that changed

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from forensic_triage.case_details import case_details

        self.session = session
        self.setObjectName("caseDetailsDialog")
        self.setWindowTitle(self.tr("Case details for the report"))
        self.stored = case_details(session.store)
        intro = QLabel(self.tr("Your own words for the report. Each change is recorded in the audit log with a "
                               "SHA-256 of the new text; a report is marked DRAFT until the request, your "
                               "qualifications and the conclusions are all filled."))
        intro.setWordWrap(True)
        self.request = _editor("detailsRequest", self.tr("The questions the examination must answer, as asked by "
                                                         "the requester"))
        self.qualifications = _editor("detailsQualifications",
                                      self.tr("Your qualifications, training and experience relevant to this "
                                              "examination"), 80)
        self.role = QLineEdit()
        self.role.setObjectName("detailsRole")
        self.role.setPlaceholderText(self.tr("e.g. Digital forensic examiner"))
        self.organisation = QLineEdit()
        self.organisation.setObjectName("detailsOrganisation")
        self.conclusions = _editor("detailsConclusions", self.tr("Your conclusions, answering the request; say what "
                                                                 "the findings do and do not show"), 140)
        self.editors: dict[str, QPlainTextEdit | QLineEdit] = {
            "request": self.request, "qualifications": self.qualifications, "role": self.role,
            "organisation": self.organisation, "conclusions": self.conclusions}
        for name, edit in self.editors.items():
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(self.stored[name])
                edit.textChanged.connect(self._update_state)
            else:
                edit.setText(self.stored[name])
        form = QFormLayout()
        form.addRow(self.tr("Request (questions asked)"), self.request)
        form.addRow(self.tr("Examiner"), QLabel(safe_text(self.stored["examiner"])))
        form.addRow(self.tr("Qualifications"), self.qualifications)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Conclusions"), self.conclusions)
        self.state = QLabel()
        self.state.setObjectName("detailsState")
        self.state.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("detailsError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.worker: JobWorker | None = None
        if session.read_only_case:
            for edit in self.editors.values():
                edit.setReadOnly(True)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.error.setText(self.tr("This is a review case imported from a package; its report details cannot "
                                       "be changed."))
        self._update_state()
        self.resize(680, 720)

    def values(self) -> dict[str, str | None]:
        return {name: (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text())
                for name, edit in self.editors.items()}

    def _update_state(self) -> None:
        from forensic_triage.case_details import FIELDS, REQUIRED

        values = self.values()
        missing = [FIELDS[n][2] for n in REQUIRED if not (values[n] or "").strip()]
        if missing:
            self.state.setStyleSheet("color: #9a6700")
            self.state.setText(self.tr("Still empty: {0}. A report made now is marked DRAFT.").format(
                ", ".join(missing)))
        else:
            self.state.setStyleSheet("color: #1a7f37")
            self.state.setText(self.tr("Request, qualifications and conclusions are filled."))

    def save(self) -> JobWorker | None:
        if self.session.read_only_case:
            return None
        values = self.values()
        # Only what the examiner changed here is written (a field edited elsewhere meanwhile is kept).
        changed: dict[str, str | None] = {k: v for k, v in values.items() if (v or "").strip() != self.stored[k]}
        if not changed:
            self.accept()
            return None
        actor = self.session.examiner

        def write(store: CaseStore, ctx: JobContext) -> list[str]:
            from forensic_triage.case_details import set_case_details

            return set_case_details(store, changed, actor)

        self.buttons.setEnabled(False)
        self.error.clear()
        self.worker = self.session.run_job("case details", write, heavy=False)
        self.worker.signals.finished.connect(self._saved)
        self.worker.signals.errored.connect(self._failed)
        return self.worker

    def _saved(self, changed: list[str]) -> None:
        self.session.reload_info()
        self.saved.emit(changed)
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(text)


class InterpretationDialog(QDialog):
    """The examiner's interpretation of one tagged finding and the alternative explanations."""

    saved = Signal(list)

    def __init__(self, session: CaseSession, tag_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tag_id = tag_id
        self.setObjectName("interpretationDialog")
        self.setWindowTitle(self.tr("Interpretation of TAG-{0}").format(tag_id))
        self.row: dict[str, Any] = session.store.tags.by_id(tag_id) or {}
        what = QLabel(self.tr("Tag '{0}' on {1}").format(safe_text(self.row.get("tag", "")),
                                                        safe_text(self.row.get("locator") or "")))
        what.setObjectName("interpretationTarget")
        what.setWordWrap(True)
        self.interpretation = _editor("tagInterpretation", self.tr("What this finding means, in your words"))
        self.alternatives = _editor("tagAlternatives", self.tr("Other explanations you considered, and why they "
                                                                "are or are not excluded"))
        self.interpretation.setPlainText(str(self.row.get("interpretation") or ""))
        self.alternatives.setPlainText(str(self.row.get("alternatives") or ""))
        form = QFormLayout()
        form.addRow(self.tr("Interpretation"), self.interpretation)
        form.addRow(self.tr("Alternative explanations"), self.alternatives)
        self.error = QLabel()
        self.error.setObjectName("interpretationError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.worker: JobWorker | None = None
        if not self.row:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.error.setText(self.tr("The tag {0} is not in this case.").format(tag_id))
        self.resize(600, 460)

    def save(self) -> JobWorker | None:
        if not self.row:
            return None
        tag_id = self.tag_id
        interpretation = self.interpretation.toPlainText()
        alternatives = self.alternatives.toPlainText()
        actor = self.session.examiner

        def write(store: CaseStore, ctx: JobContext) -> list[str]:
            from forensic_triage.tags import edit_tag

            return edit_tag(store, tag_id, interpretation=interpretation, alternatives=alternatives, examiner=actor)

        self.buttons.setEnabled(False)
        self.error.clear()
        self.worker = self.session.run_job("tag", write, heavy=False)
        self.worker.signals.finished.connect(self._saved)
        self.worker.signals.errored.connect(self._failed)
        return self.worker

    def _saved(self, changed: list[str]) -> None:
        self.saved.emit(changed)
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(text)


def attach_interpretation_button(table: Any, session: CaseSession) -> QPushButton:
    """An "Interpretation…" button on the Tags and notes table: edits the selected tag's words."""
    button = QPushButton(QCoreApplication.translate("FindingTable", "Interpretation…"))
    button.setObjectName("tagsInterpretation")
    button.setToolTip(QCoreApplication.translate("FindingTable", "Write your interpretation of the selected tagged "
                                                 "finding and the alternative explanations you considered"))
    bar = table.layout().itemAt(0).layout()
    bar.addWidget(button)

    def open_dialog() -> InterpretationDialog | None:
        rows = table.selected()
        if not rows or rows[0].get("_id") is None:
            return None
        dialog = InterpretationDialog(session, int(rows[0]["_id"]), table)
        dialog.saved.connect(lambda _c: table.model.refresh())
        dialog.open()
        table.interpretation_dialog = dialog
        return dialog

    button.clicked.connect(open_dialog)
    table.open_interpretation = open_dialog
    table.interpretation_button = button
    return button
