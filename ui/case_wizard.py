"""New case wizard: case number, title, agency, authority; examiner and display time zone; folder."""

from __future__ import annotations

import os
import re
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from forensic_triage.store import DB_NAME, CaseStore
from forensic_triage.timeutil import zone

from .common import error_text

_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def check_text(value: str, label: str, *, required: bool, limit: int = 200) -> str | None:
    """A reason the field cannot be used, or None."""
    if required and not value.strip():
        return QCoreApplication.translate("CaseWizard", "{0} is required.").format(label)
    if _BAD_CHARS.search(value):
        return QCoreApplication.translate("CaseWizard", "{0} contains control or text-direction characters.").format(label)
    if len(value) > limit:
        return QCoreApplication.translate("CaseWizard", "{0} is longer than {1} characters.").format(label, limit)
    return None


def check_folder(text: str) -> str | None:
    if not text.strip():
        return QCoreApplication.translate("CaseWizard", "Choose a folder for the case.")
    folder = Path(text).expanduser()
    if (folder / DB_NAME).exists():
        return QCoreApplication.translate("CaseWizard", "A case already exists in {0}; choose another folder or open that case.").format(folder)
    if folder.exists() and not folder.is_dir():
        return QCoreApplication.translate("CaseWizard", "{0} is a file, not a folder.").format(folder)
    parent = folder if folder.exists() else next((p for p in folder.parents if p.exists()), None)
    if parent is None or not os.access(parent, os.W_OK):
        return QCoreApplication.translate("CaseWizard", "The folder {0} cannot be written here.").format(folder)
    return None


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("wizardError")
        self.error.setStyleSheet("color: #b41e1e")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.error)


class CaseDetailsPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("The case"), self.tr("What this examination is for. Fields marked * are required."))
        self.case_number = QLineEdit()
        self.case_number.setObjectName("caseNumber")
        self.case_number.setPlaceholderText(self.tr("e.g. CYB-2025-0142"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("caseTitle")
        self.agency = QLineEdit()
        self.agency.setObjectName("caseAgency")
        self.authority = QLineEdit()
        self.authority.setObjectName("caseAuthority")
        self.authority.setPlaceholderText(self.tr("warrant or court order number"))
        self.requester = QLineEdit()
        self.requester.setObjectName("caseRequester")
        self.form.addRow(self.tr("Case number *"), self.case_number)
        self.form.addRow(self.tr("Title"), self.title_edit)
        self.form.addRow(self.tr("Agency / laboratory"), self.agency)
        self.form.addRow(self.tr("Authority (warrant / order)"), self.authority)
        self.form.addRow(self.tr("Requested by"), self.requester)
        self.registerField("caseNumber*", self.case_number)
        self.registerField("title", self.title_edit)
        self.registerField("agency", self.agency)
        self.registerField("authority", self.authority)
        self.registerField("requester", self.requester)

    def validatePage(self) -> bool:
        for edit, label, required, limit in ((self.case_number, self.tr("The case number"), True, 64),
                                             (self.title_edit, self.tr("The title"), False, 200),
                                             (self.agency, self.tr("The agency"), False, 200),
                                             (self.authority, self.tr("The authority"), False, 200),
                                             (self.requester, self.tr("The requester"), False, 200)):
            problem = check_text(edit.text(), label, required=required, limit=limit)
            if problem:
                self.error.setText(problem)
                edit.setFocus()
                return False
        self.error.clear()
        return True


class ExaminerPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Examiner and time zone"),
                         self.tr("Times are stored in UTC and shown in UTC and in this zone, with its offset."))
        self.examiner = QLineEdit()
        self.examiner.setObjectName("caseExaminer")
        self.timezone = QComboBox()
        self.timezone.setObjectName("caseTimezone")
        self.timezone.setEditable(True)
        zones = ["UTC", *sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))]
        self.timezone.addItems(zones)
        completer = QCompleter(zones, self.timezone)
        completer.setFilterMode(completer.filterMode().MatchContains)
        self.timezone.setCompleter(completer)
        self.form.addRow(self.tr("Examiner (full name) *"), self.examiner)
        self.form.addRow(self.tr("Display time zone *"), self.timezone)
        self.form.addRow(QLabel(self.tr("An IANA zone name (America/Port_of_Spain) or an offset such as -04:00.")))
        self.registerField("examiner*", self.examiner)

    def validatePage(self) -> bool:
        problem = check_text(self.examiner.text(), self.tr("The examiner's name"), required=True, limit=120)
        if problem:
            self.error.setText(problem)
            return False
        try:
            zone(self.timezone.currentText().strip())
        except (ValueError, IndexError):
            self.error.setText(self.tr("Unknown time zone “{0}”: use a name such as America/Port_of_Spain or an "
                                       "offset such as -04:00.").format(self.timezone.currentText()))
            return False
        self.error.clear()
        return True


class FolderPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Case folder"),
                         self.tr("The case database, reports and exports are kept in this folder."))
        self.folder = QLineEdit()
        self.folder.setObjectName("caseFolder")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.folder, 1)
        rl.addWidget(browse)
        self.form.addRow(self.tr("Folder *"), row)
        self.registerField("folder*", self.folder)

    def initializePage(self) -> None:
        if not self.folder.text():
            docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
            number = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(self.field("caseNumber"))).strip("-") or "case"
            self.folder.setText(str(Path(docs) / "Forensic Cases" / number))

    def _choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the case folder"))
        if path:
            self.folder.setText(path)

    def validatePage(self) -> bool:
        problem = check_folder(self.folder.text())
        if problem:
            self.error.setText(problem)
            return False
        wizard = self.wizard()
        assert isinstance(wizard, NewCaseWizard)
        return wizard.create_case()


class NewCaseWizard(QWizard):
    created = Signal(str)  # the case folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case"))
        self.setObjectName("newCaseWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.details = CaseDetailsPage()
        self.examiner = ExaminerPage()
        self.folder = FolderPage()
        for page in (self.details, self.examiner, self.folder):
            self.addPage(page)
        self.case_dir: str | None = None
        self.resize(640, 440)

    def create_case(self) -> bool:
        folder = Path(self.folder.folder.text()).expanduser()
        try:
            store = CaseStore.create(
                folder, case_number=self.details.case_number.text().strip(),
                examiner=self.examiner.examiner.text().strip(), title=self.details.title_edit.text().strip(),
                agency=self.details.agency.text().strip(), timezone=self.examiner.timezone.currentText().strip(),
                authority=self.details.authority.text().strip(), requester=self.details.requester.text().strip())
        except Exception as exc:  # noqa: BLE001 - the sentence goes on the page
            self.folder.error.setText(error_text(exc))
            return False
        store.close()
        self.case_dir = str(folder)
        self.created.emit(str(folder))
        return True
