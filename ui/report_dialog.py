"""Report and package: scope and sections, examiner key and passphrase, output folder, progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore

from . import report_backend as rb
from .common import rich
from .session import CaseSession
from .workers import JobWorker, ProgressInfo


def _path_row(edit: QLineEdit, *buttons: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    for button in buttons:
        layout.addWidget(button)
    return row


class ReportDialog(QDialog):
    written = Signal(list)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Report and package"))
        self.setObjectName("reportDialog")
        self.caps = rb.available()
        self.worker: JobWorker | None = None
        self.written_paths: list[Path] = []
        scope_box = self._scope_box()
        out_box = self._outputs_box()
        form = self._signing_form()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.notice = self._notice()
        self._buttons()
        self._lay_out(scope_box, out_box, form)
        self.resize(720, 480)

    def _scope_box(self) -> QGroupBox:
        """All, notable (the court report's default) or tagged."""
        box = QGroupBox(self.tr("Scope"))
        layout = QVBoxLayout(box)
        self.scope = QButtonGroup(self)
        for key, text in (("all", self.tr("Everything")), ("notable", self.tr("Notable only (hits, known-bad, tagged)")),
                          ("tagged", self.tr("Tagged only"))):
            radio = QRadioButton(text)
            radio.setObjectName(f"scope_{key}")
            radio.setProperty("scope", key)
            self.scope.addButton(radio)
            layout.addWidget(radio)
            radio.setChecked(key == "notable")  # the court report's default: notable findings
        return box

    def _outputs_box(self) -> QGroupBox:
        """One check box per output (greyed out and named when not in this build), and the package choices."""
        box = QGroupBox(self.tr("What to write"))
        layout = QVBoxLayout(box)
        self.outputs: dict[str, QCheckBox] = {}
        for out in rb.OUTPUTS:
            title = QCoreApplication.translate("Report", out.title)
            check = QCheckBox(title)
            check.setObjectName(f"out_{out.key}")
            ok = self.caps.get(out.key, False)
            check.setEnabled(ok)
            check.setChecked(ok)
            if not ok:
                check.setText(self.tr("{0} — not available in this build").format(title))
            self.outputs[out.key] = check
            layout.addWidget(check)
        self.package = QCheckBox(self.tr("Make a signed evidence package (hash manifest signed with the examiner key)"))
        self.package.setObjectName("makePackage")
        self.include_files = QCheckBox(self.tr("Include copies of the files in scope (re-read and re-hashed)"))
        self.include_files.setObjectName("includeFiles")
        self.make_zip = QCheckBox(self.tr("Also make a zip of the package"))
        self.make_zip.setObjectName("makeZip")
        if not self.caps.get("package"):
            self.package.setEnabled(False)
            self.include_files.setEnabled(False)
            self.make_zip.setEnabled(False)
            self.package.setText(self.tr("Signed evidence package — not available in this build"))
        self.package.toggled.connect(self._package_toggled)
        layout.addWidget(self.package)
        layout.addWidget(self.include_files)
        layout.addWidget(self.make_zip)
        return box

    def _signing_form(self) -> QFormLayout:
        """Examiner key, passphrase, signing name, output folder and whether to open the PDF."""
        self.key = QLineEdit()
        self.key.setObjectName("examinerKey")
        key_btn = QPushButton(self.tr("Choose…"))
        key_btn.clicked.connect(self._choose_key)
        self.new_key = QPushButton(self.tr("Create a key pair…"))
        self.new_key.setObjectName("newKey")
        self.new_key.setToolTip(self.tr("Make an Ed25519 key pair for this examiner in the case folder, protected by "
                                   "the passphrase typed here (at least 8 characters)"))
        self.new_key.setEnabled(self.caps.get("keys", False))
        self.new_key.clicked.connect(self.create_key)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("keyPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.signing_as = QLineEdit()
        self.signing_as.setObjectName("signingAs")
        self.signing_as.setPlaceholderText(self.tr("only when the key is not the case examiner's"))
        self.signing_as.setToolTip(self.tr("The name in which you sign with another examiner's key; it is recorded in "
                                           "the signed statement and the audit log"))
        self.folder = QLineEdit(str(self.session.case_dir / "reports"))
        self.folder.setObjectName("reportFolder")
        folder_btn = QPushButton(self.tr("Choose…"))
        folder_btn.clicked.connect(self._choose_folder)
        self.open_pdf = QCheckBox(self.tr("Open the PDF when done"))
        self.open_pdf.setObjectName("openPdf")
        self.open_pdf.setChecked(self.caps.get("pdf", False))
        self.open_pdf.setEnabled(self.caps.get("pdf", False))
        form = QFormLayout()
        form.addRow(self.tr("Examiner key (private)"), _path_row(self.key, key_btn, self.new_key))
        form.addRow(self.tr("Key passphrase"), self.passphrase)
        form.addRow(self.tr("Signing as"), self.signing_as)
        form.addRow(self.tr("Output folder"), _path_row(self.folder, folder_btn))
        form.addRow(self.open_pdf)
        return form

    def _notice(self) -> QLabel:
        """What this build cannot write, said once above the progress bar."""
        missing = [QCoreApplication.translate("Report", o.title) for o in rb.OUTPUTS if not self.caps.get(o.key)]
        if not self.caps.get("package"):
            missing.append(self.tr("signed package"))
        notice = QLabel(self.tr("Not available in this build: {0}.").format(", ".join(missing)) if missing else "")
        notice.setObjectName("reportNotice")
        notice.setStyleSheet("color: #7a5b00")
        notice.setWordWrap(True)
        notice.setVisible(bool(missing))
        return notice

    def _buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton(self.tr("Write"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setObjectName("writeReport")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.write_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close)
        self.open_folder = QPushButton(self.tr("Open the folder"))
        self.open_folder.setObjectName("openReportFolder")
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)

    def _lay_out(self, scope_box: QGroupBox, out_box: QGroupBox, form: QFormLayout) -> None:
        top = QHBoxLayout()
        top.addWidget(scope_box)
        top.addWidget(out_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder)
        folder_row.addStretch(1)
        layout.addLayout(folder_row)
        layout.addWidget(self.buttons)

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Examiner private key"), "", self.tr("Keys (*.pem *.key);;All files (*)"))
        if path:
            self.key.setText(path)

    def _package_toggled(self, on: bool) -> None:
        # A package holds every output; the single-output choices do not apply to it.
        for key, box in self.outputs.items():
            box.setEnabled(not on and self.caps.get(key, False))

    def create_key(self) -> JobWorker | None:
        passphrase = self.passphrase.text().encode()
        examiner = self.session.examiner
        folder = self.session.case_dir / "keys"

        def job(ctx: JobContext) -> Any:
            return rb.new_keypair(examiner, folder, passphrase)

        worker = JobWorker("keys", job, heavy=False)
        worker.signals.finished.connect(self._key_made)
        worker.signals.errored.connect(self._errored)
        self.new_key.setEnabled(False)
        return self.session.jobs.start(worker)

    def _key_made(self, files: Any) -> None:
        self.key.setText(str(files.private))
        self.new_key.setEnabled(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Key pair written: {0} (public key {1}, fingerprint {2}). Give the public key "
                                    "to whoever will verify your packages.").format(
            rich(files.private), rich(files.public), rich(files.fingerprint)))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), self.folder.text())
        if path:
            self.folder.setText(path)

    def scope_value(self) -> str:
        button = self.scope.checkedButton()
        return str(button.property("scope")) if button else "all"

    def start(self) -> JobWorker | None:
        if self.worker is not None and not self.worker.done:
            return None
        package = self.package.isChecked() and self.package.isEnabled()
        chosen = [] if package else [k for k, box in self.outputs.items() if box.isChecked() and box.isEnabled()]
        if not chosen and not package:
            self.status.setText(self.tr("Choose at least one thing to write."))
            return None
        if package and not self.key.text().strip():
            self.status.setText(self.tr("A signed package needs the examiner's private key (choose it, or create a "
                                        "key pair)."))
            return None
        folder = Path(self.folder.text().strip() or str(self.session.case_dir / "reports"))
        scope = self.scope_value()
        key = self.key.text().strip() or None
        passphrase = self.passphrase.text().encode() if self.passphrase.text() else None
        include = self.include_files.isChecked()
        make_zip = self.make_zip.isChecked()
        signing_as = self.signing_as.text().strip() or None

        def job(store: CaseStore, ctx: JobContext) -> list[Path]:
            return rb.produce(store, folder, chosen, scope, ctx, package=package, include_files=include,
                              make_zip=make_zip, key=key, passphrase=passphrase,
                              signing_as=signing_as)

        self.worker = self.session.run_job("report", job)
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.errored.connect(self._errored)
        self.worker.signals.cancelled.connect(lambda text: self._errored(text))
        self.write_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Writing…"))
        return self.worker

    def _progress(self, p: ProgressInfo) -> None:
        if p.total:
            self.progress.setRange(0, int(p.total))
            self.progress.setValue(int(p.done))
        if p.message:
            self.status.setText(self.tr("Writing: {0}").format(p.message))

    def _finished(self, paths: list[Path]) -> None:
        self.written_paths = list(paths)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.write_button.setEnabled(True)
        self.status.setText(self.tr("Written:") + "<br>" + "<br>".join(rich(p) for p in paths))
        self.written.emit(self.written_paths)
        pdf = next((p for p in paths if str(p).endswith(".pdf")), None)
        if pdf is not None and self.open_pdf.isChecked() and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))):
            # No PDF viewer (or no desktop opener) on this computer: say so and offer the folder.
            self.status.setText(self.status.text() + "<br><b>" + self.tr(
                "The PDF could not be opened: no program to show PDFs was found on this computer. It is in {0}."
            ).format(rich(pdf.parent)) + "</b>")
            self.open_folder.setVisible(True)

    def _open_folder(self) -> None:
        folder = Path(self.written_paths[0]).parent if self.written_paths else Path(self.folder.text())
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.status.setText(self.status.text() + "<br>" + self.tr(
                "The folder could not be opened either (no file manager found); its path is {0}.").format(rich(folder)))

    def _errored(self, text: str) -> None:
        self.progress.setVisible(False)
        self.write_button.setEnabled(True)
        self.status.setStyleSheet("color: #b41e1e")
        self.status.setText(text)

    def _close(self) -> None:
        if self.worker is not None and not self.worker.done:
            self.worker.cancel()
        self.accept()
