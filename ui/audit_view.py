"""The audit log (hash-chained, verifiable) and the chain of custody, with 'add custody event'."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore
from forensic_triage.timeutil import iso, zone

from . import findings_models as fm
from .common import show_error
from .findings import FindingTable
from .session import CaseSession
from .workers import JobWorker

CUSTODY_ACTIONS = ("received", "sealed", "unsealed", "imaged", "verified", "analysed", "exported", "handed over")


class CustodyDialog(QDialog):
    """One custody event: who, when (in the zone where it happened), where, why, seals."""

    saved = Signal()

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Add custody event"))
        self.exhibit = QComboBox()
        self.exhibit.setObjectName("custodyExhibit")
        self.exhibit.setEditable(True)
        for row in session.store.evidence.items():
            self.exhibit.addItem(str(row["exhibit"]), row["uid"])
        self.physical = QCheckBox(self.tr("A physical item that is not imaged in this case"))
        self.physical.setObjectName("custodyPhysical")
        self.physical.setToolTip(self.tr("Without this, the exhibit must be an evidence item of the case"))
        self.action = QComboBox()
        self.action.setObjectName("custodyAction")
        try:
            from forensic_triage.custody import ACTIONS
        except ImportError:
            ACTIONS = CUSTODY_ACTIONS  # noqa: N806
        self.action.addItems(list(ACTIONS))
        self.who = QLineEdit(session.examiner)
        self.who.setObjectName("custodyWho")
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setObjectName("custodyWhen")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.tz = QLineEdit(session.timezone)
        self.tz.setObjectName("custodyZone")
        self.location = QLineEdit()
        self.purpose = QLineEdit()
        self.from_party = QLineEdit()
        self.to_party = QLineEdit()
        self.seals = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        self.error = QLabel()
        self.error.setObjectName("custodyError")
        self.error.setStyleSheet("color: #b41e1e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Exhibit"), self.exhibit)
        form.addRow("", self.physical)
        form.addRow(self.tr("Action"), self.action)
        form.addRow(self.tr("Who"), self.who)
        form.addRow(self.tr("When (local time)"), self.when)
        form.addRow(self.tr("Time zone"), self.tz)
        form.addRow(self.tr("Where"), self.location)
        form.addRow(self.tr("Why"), self.purpose)
        form.addRow(self.tr("From"), self.from_party)
        form.addRow(self.tr("To"), self.to_party)
        form.addRow(self.tr("Seal numbers"), self.seals)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def event_fields(self) -> dict[str, Any] | None:
        exhibit = self.exhibit.currentText().strip()
        if not exhibit:
            self.error.setText(self.tr("Choose or type the exhibit."))
            return None
        if not self.who.text().strip():
            self.error.setText(self.tr("Say who acted."))
            return None
        try:
            tzinfo = zone(self.tz.text().strip() or "UTC")
        except ValueError:
            self.error.setText(self.tr("Unknown time zone; use a name such as America/Port_of_Spain or an offset such as -04:00."))
            return None
        moment = self.when.dateTime().toPython()
        assert isinstance(moment, _dt.datetime)
        local = moment.replace(tzinfo=tzinfo)
        return {"exhibit": exhibit, "action": self.action.currentText(), "who": self.who.text().strip(),
                "time_utc": iso(local.astimezone(_dt.UTC)), "timezone": self.tz.text().strip() or "UTC",
                "location": self.location.text(), "purpose": self.purpose.text(),
                "from_party": self.from_party.text(), "to_party": self.to_party.text(),
                "seals": self.seals.text(), "note": self.note.toPlainText(),
                "physical_item": self.physical.isChecked()}

    def save(self) -> None:
        fields = self.event_fields()
        if fields is None:
            return
        actor = self.session.examiner

        def write(store: CaseStore, ctx: JobContext) -> int:
            from forensic_triage.custody import CustodyEvent, add_event

            return add_event(store, CustodyEvent(**fields), actor)

        self.buttons.setEnabled(False)
        worker = self.session.run_job("custody", write, heavy=False)
        worker.signals.finished.connect(self._saved)
        worker.signals.errored.connect(self._failed)

    def _saved(self, _event_id: int) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(text)


class AuditView(QWidget):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        tz = session.timezone
        self.audit = FindingTable(fm.audit_model(session.pages, session.counts, tz), "audit")
        self.audit.tag_button.hide()
        self.verify_button = QPushButton(self.tr("Verify the audit chain"))
        self.verify_button.setObjectName("verifyAudit")
        self.verify_result = QLabel()
        self.verify_result.setObjectName("auditResult")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.custody = FindingTable(fm.custody_model(session.pages, session.counts, tz), "custody")
        self.custody.tag_button.hide()
        self.add_custody = QPushButton(self.tr("Add custody event…"))
        self.add_custody.setObjectName("addCustody")

        audit_box = QGroupBox(self.tr("Audit log: every examiner and tool action, hash-chained"))
        al = QVBoxLayout(audit_box)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_result, 1)
        al.addLayout(row)
        al.addWidget(self.audit)
        custody_box = QGroupBox(self.tr("Chain of custody"))
        cl = QVBoxLayout(custody_box)
        row2 = QHBoxLayout()
        row2.addWidget(self.add_custody)
        row2.addStretch(1)
        cl.addLayout(row2)
        cl.addWidget(self.custody)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(audit_box)
        split.addWidget(custody_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.verify_button.clicked.connect(self.verify)
        self.add_custody.clicked.connect(self.open_custody_dialog)
        self.dialog: CustodyDialog | None = None
        self.active = False

    def activate(self) -> None:
        if not self.active:
            self.active = True
            self.audit.model.reload()
            self.custody.model.reload()

    def verify(self) -> JobWorker:
        case_dir = self.session.case_dir

        def check(ctx: JobContext) -> tuple[list[str], str]:
            with CaseStore.open(case_dir, read_only=True) as store:
                return store.verify_audit()

        self.verify_button.setEnabled(False)
        self.verify_result.setText(self.tr("Checking…"))
        worker = JobWorker("verify-audit", check, heavy=False)
        worker.signals.finished.connect(self._verified)
        worker.signals.errored.connect(self._verify_failed)
        return self.session.jobs.start(worker)

    def _verify_failed(self, text: str) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.setText(text)

    def _verified(self, result: tuple[list[str], str]) -> None:
        problems, head = result
        self.verify_button.setEnabled(True)
        if problems:
            self.verify_result.setStyleSheet("color: #b41e1e; font-weight: bold")
            self.verify_result.setText(self.tr("The audit log was altered: {0}").format("; ".join(problems)))
        else:
            self.verify_result.setStyleSheet("color: #1a7f37; font-weight: bold")
            self.verify_result.setText(self.tr("Intact: every entry follows the one before. Head hash {0}").format(head))

    def open_custody_dialog(self) -> CustodyDialog:
        self.activate()
        self.dialog = CustodyDialog(self.session, self)
        self.dialog.saved.connect(self.refresh)
        self.dialog.open()
        return self.dialog

    def refresh(self) -> None:
        if not self.active:
            return
        self.audit.model.refresh()
        self.custody.model.refresh()

    def show_error(self, text: str) -> None:
        show_error(self, text)
