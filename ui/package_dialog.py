"""Verify a received evidence package offline, and import it as a read-only review case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.jobs.context import JobContext

from . import report_backend as rb
from .common import safe_text
from .workers import JobManager, JobWorker


def describe_verification(result: Any) -> tuple[bool, str]:
    """(passed, what the examiner reads) from the core's verification result."""
    lines = [QCoreApplication.translate("Package", "Files checked: {0}").format(getattr(result, "files_checked", "?"))]
    if getattr(result, "signed", False):
        valid = QCoreApplication.translate("Package", "valid") if getattr(result, "signature_valid", False) else QCoreApplication.translate("Package", "NOT valid")
        lines.append(QCoreApplication.translate("Package", "Signature: {0}, by {1} ({2})").format(
            valid, safe_text(getattr(result, "signer", "")), safe_text(getattr(result, "fingerprint", ""))))
    else:
        lines.append(QCoreApplication.translate("Package", "Signature: none — the package is not signed"))
    for attr, label in (("missing", QCoreApplication.translate("Package", "Missing")), ("added", QCoreApplication.translate("Package", "Added")),
                        ("changed", QCoreApplication.translate("Package", "Changed")), ("problems", QCoreApplication.translate("Package", "Problem"))):
        for name in getattr(result, attr, []) or []:
            lines.append(f"{label}: {safe_text(name)}")
    for key, value in (getattr(result, "bag_info", {}) or {}).items():
        lines.append(f"{safe_text(key)}: {safe_text(value)}")
    return bool(getattr(result, "ok", False)), "\n".join(lines)


class PackageDialog(QDialog):
    importedCase = Signal(str)

    def __init__(self, jobs: JobManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.setWindowTitle(self.tr("Verify or import a package"))
        self.setObjectName("packageDialog")
        caps = rb.available()
        self.path = QLineEdit()
        self.path.setObjectName("packagePath")
        self.path.setPlaceholderText(self.tr("the package folder or its .zip"))
        pick_dir = QPushButton(self.tr("Folder…"))
        pick_zip = QPushButton(self.tr("Zip…"))
        pick_dir.clicked.connect(lambda: self._pick(True))
        pick_zip.clicked.connect(lambda: self._pick(False))
        self.pubkey = QLineEdit()
        self.pubkey.setObjectName("packagePubkey")
        self.pubkey.setPlaceholderText(self.tr("the sender's public key (optional; the package names its own)"))
        self.case_dir = QLineEdit()
        self.case_dir.setObjectName("importCaseDir")
        self.case_dir.setPlaceholderText(self.tr("a new folder for the review case"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(pick_dir)
        row.addWidget(pick_zip)
        form = QFormLayout()
        form.addRow(self.tr("Package"), row)
        form.addRow(self.tr("Public key"), self.pubkey)
        form.addRow(self.tr("Import into"), self.case_dir)
        self.details = QPlainTextEdit()
        self.details.setObjectName("packageResult")
        self.details.setReadOnly(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("packageVerdict")
        self.verdict.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.verify_button = self.buttons.addButton(self.tr("Verify"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(self.tr("Import as review case"), QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.verify_button.setEnabled(caps.get("verify", False))
        self.import_button.setEnabled(caps.get("import", False))
        notice = []
        if not caps.get("verify"):
            notice.append(rb.missing_text(self.tr("Package verification")))
        if not caps.get("import"):
            notice.append(rb.missing_text(self.tr("Package import")))
        self.notice = QLabel(" ".join(notice))
        self.notice.setObjectName("packageNotice")
        self.notice.setStyleSheet("color: #7a5b00")
        self.notice.setVisible(bool(notice))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.verify_button.clicked.connect(self.verify)
        self.import_button.clicked.connect(self.do_import)
        self.resize(680, 420)

    def _pick(self, folder: bool) -> None:
        if folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Package folder"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Package zip"), "", self.tr("Zip (*.zip)"))
        if path:
            self.path.setText(path)

    def _run(self, kind: str, fn: Any) -> JobWorker:
        worker = JobWorker(kind, fn, heavy=False)
        worker.signals.errored.connect(self._failed)
        self.verify_button.setEnabled(False)
        self.import_button.setEnabled(False)
        return worker

    def verify(self) -> JobWorker | None:
        path = self.path.text().strip()
        if not path:
            self.verdict.setText(self.tr("Choose the package first."))
            return None
        pubkey = self.pubkey.text().strip() or None
        worker = self._run("verify-package", lambda ctx: rb.verify_package(path, pubkey))
        worker.signals.finished.connect(self._verified)
        self.verdict.setText(self.tr("Checking every file and the signature…"))
        return self.jobs.start(worker)

    def _verified(self, result: Any) -> None:
        ok, text = describe_verification(result)
        self._enable()
        self.verdict.setStyleSheet("color: #1a7f37; font-weight: bold" if ok else "color: #b41e1e; font-weight: bold")
        self.verdict.setText(self.tr("PASS: every file and the signature check out.") if ok
                             else self.tr("FAIL: the package is not what was sent."))
        self.details.setPlainText(text)

    def do_import(self) -> JobWorker | None:
        path, target = self.path.text().strip(), self.case_dir.text().strip()
        if not path or not target:
            self.verdict.setText(self.tr("Choose the package and a new folder for the review case."))
            return None

        pubkey = self.pubkey.text().strip() or None

        def job(ctx: JobContext) -> str:
            rb.import_package(path, target, pubkey)
            return target

        worker = self._run("import-package", job)
        worker.signals.finished.connect(self._imported)
        self.verdict.setText(self.tr("Verifying and importing…"))
        return self.jobs.start(worker)

    def _imported(self, target: str) -> None:
        self._enable()
        self.verdict.setText(self.tr("Imported into {0}.").format(target))
        self.importedCase.emit(str(Path(target)))
        self.accept()

    def _failed(self, text: str) -> None:
        self._enable()
        self.verdict.setStyleSheet("color: #b41e1e; font-weight: bold")
        self.verdict.setText(text)

    def _enable(self) -> None:
        caps = rb.available()
        self.verify_button.setEnabled(caps.get("verify", False))
        self.import_button.setEnabled(caps.get("import", False))
