"""Add evidence: choose an image, name the exhibit, hash and verify it with a progress bar.

Intake is the CLI's ``add_evidence`` on a worker. Each evidence item then gets a banner
saying it is opened read-only and whether its hashes MATCH, MISMATCH or were NOT STORED.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.errors import TriageError, UsageError
from forensic_triage.evidence.detect import detect
from forensic_triage.evidence.logical import detect_logical
from forensic_triage.jobs.context import JobContext
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.source_zone import check_zone
from forensic_triage.store import CaseStore

from .common import human_bytes, rich, show_error
from .session import CaseSession
from .workers import JobWorker, ProgressInfo

IMAGE_FILTER = ("Disk images and extractions (*.dd *.raw *.img *.bin *.iso *.001 *.000 *.aa *.E01 *.e01 *.Ex01 "
                "*.ex01 *.dmg *.vhd *.vhdx *.vmdk *.qcow *.qcow2 *.zip *.tar *.tar.gz *.tgz);;All files (*)")

VERDICT_STYLE = {
    "MATCH": ("#1a7f37", "#e6f4ea"),
    "MISMATCH": ("#b41e1e", "#fbe9e9"),
    "CHECKSUM ERRORS": ("#b41e1e", "#fbe9e9"),
    "NOT STORED": ("#7a5b00", "#fff6d6"),
    "NOT HASHED": ("#7a5b00", "#fff6d6"),
}


class EvidenceBanner(QFrame):
    """Read-only status and hash verification of one evidence item, in one glance."""

    def __init__(self, ev: dict[str, Any], volumes: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        verdict = str(ev.get("verdict") or "NOT HASHED")
        fg, bg = VERDICT_STYLE.get(verdict, ("#333333", "#eeeeee"))
        self.setObjectName("evidenceBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#evidenceBanner {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
                           f" QLabel {{ color: #202020; }}")
        meaning = {
            "MATCH": self.tr("verified MATCH: the hashes computed now equal the hashes stored at acquisition"),
            "MISMATCH": self.tr("MISMATCH: the hashes computed now differ from those stored at acquisition — "
                           "do not rely on this image before you find out why"),
            "NOT STORED": self.tr("NOT STORED: the image holds no acquisition hash; the hashes below were computed "
                             "at intake and are the reference from now on"),
            "CHECKSUM ERRORS": self.tr("CHECKSUM ERRORS: chunks of the image failed their checksums (the sectors are "
                                  "named in the warnings) — the image is not verified"),
        }.get(verdict, verdict)
        zone = ev.get("source_timezone")
        zone_text = (self.tr("Device clock zone: {0} (declared by the examiner; local clock times are shown in UTC "
                             "as an assumption)").format(rich(zone)) if zone else
                     self.tr("Device clock zone: unknown (local clock times, e.g. FAT's, are shown as local, never "
                             "as UTC)"))
        fs = [v for v in volumes if v.get("fs_type")]
        if fs:
            locked = self.tr(" (locked)")
            parts = ", ".join(f"{v['fs_type']}{locked if v.get('lock_state') == 'locked' else ''} @ {v['offset']}"
                              for v in fs)
            fs_text = self.tr("File systems: {0}").format(rich(parts))
        else:
            fs_text = "<b>" + self.tr("No file system this tool can read was found; the media was hashed.") + "</b>"
        read_only = self.tr("Opened read-only.")
        # The evidence id is shown beside the exhibit number only when it differs from it.
        same = ev.get("uid") == ev.get("exhibit")
        name = rich(ev.get("exhibit")) + ("" if same else f" ({rich(ev.get('uid'))})")
        html = (f"<b style='color:{fg}'>{name}</b> — "
                f"{rich(ev.get('description') or '')}<br>"
                f"<b>{read_only}</b> {rich(ev.get('format'))}, {human_bytes(int(ev.get('media_size') or 0))}"
                f" — <b style='color:{fg}'>{meaning}</b><br>"
                f"MD5 <code>{rich(ev.get('md5') or '')}</code> SHA-1 <code>{rich(ev.get('sha1') or '')}</code><br>"
                f"SHA-256 <code>{rich(ev.get('sha256') or '')}</code><br>{fs_text}<br>{zone_text}")
        self.label = QLabel(html)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict = verdict
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    @classmethod
    def for_item(cls, session: CaseSession, evidence_id: int) -> EvidenceBanner:
        ev = session.store.evidence.by_id(evidence_id)
        if ev is None:
            raise LookupError(f"evidence item {evidence_id} is not in the case")
        return cls(ev, session.store.evidence.volumes_of(evidence_id))


class AddEvidenceDialog(QDialog):
    added = Signal(int)  # evidence id

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Add evidence"))
        self.setObjectName("addEvidenceDialog")
        self.image = QLineEdit()
        self.image.setObjectName("evidencePath")
        self.image.setPlaceholderText(self.tr("a disk image (raw/dd, split raw, E01, VHD, VMDK, QCOW — the first "
                                              "segment), a phone extraction (ZIP, TAR) or a folder"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("chooseImage")
        browse.clicked.connect(self._choose)
        browse_folder = QPushButton(self.tr("Folder…"))
        browse_folder.setObjectName("chooseFolder")
        browse_folder.setToolTip(self.tr("A folder: an extraction tool's output or an iTunes/Finder backup of an "
                                         "iPhone (recognised from its Manifest.db)"))
        browse_folder.clicked.connect(self._choose_folder)
        self.detected = QLabel()
        self.detected.setObjectName("evidenceDetected")
        self.detected.setWordWrap(True)
        n = session.store.evidence.count() + 1
        self.exhibit = QLineEdit(f"EXH-{n:03d}")
        self.exhibit.setObjectName("evidenceExhibit")
        self.description = QLineEdit()
        self.description.setObjectName("evidenceDescription")
        self.description.setPlaceholderText(self.tr("what the exhibit is, e.g. 'Kingston USB stick, 16 GB'"))
        self.seals = QLineEdit()
        self.seals.setObjectName("evidenceSeals")
        self.progress = QProgressBar()
        self.progress.setObjectName("intakeProgress")
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("intakeStatus")
        self.status.setWordWrap(True)
        self.banner_box = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.image, 1)
        row.addWidget(browse)
        row.addWidget(browse_folder)
        form = QFormLayout()
        form.addRow(self.tr("Evidence *"), row)
        form.addRow("", self.detected)
        form.addRow(self.tr("Exhibit number *"), self.exhibit)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Seal numbers"), self.seals)
        self.source_zone = QLineEdit()
        self.source_zone.setObjectName("evidenceSourceZone")
        self.source_zone.setPlaceholderText(self.tr("unknown (e.g. America/Port_of_Spain or -04:00)"))
        self.source_zone.setToolTip(self.tr("The zone the device's clock was set to, if known. FAT, exFAT and camera "
                                            "times are local clock times: without a zone they are shown as local, "
                                            "never as UTC; with one they are shown in UTC, marked as assumed."))
        form.addRow(self.tr("Device clock zone"), self.source_zone)
        self.force = QCheckBox(self.tr("Keep it as an exhibit even if it holds no partition table, file system or "
                                       "known format (hashed; nothing is listed from it)"))
        self.force.setObjectName("evidenceForce")
        form.addRow("", self.force)
        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton(self.tr("Add and verify"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setObjectName("addEvidenceButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(self.banner_box)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button.clicked.connect(self.accept)
        self.image.editingFinished.connect(self._detect)
        self.worker: JobWorker | None = None
        self.resize(720, 360)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the image (first segment)"), "", self.tr(IMAGE_FILTER))
        if path:
            self.image.setText(path)
            self._detect()

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the extraction folder or iOS backup"))
        if path:
            self.image.setText(path)
            self._detect()

    def _detect(self) -> bool:
        path = self.image.text().strip()
        if not path:
            self.detected.clear()
            return False
        try:
            logical = detect_logical(path)
            found = None if logical is not None else detect(path)
        except TriageError as exc:
            self.detected.setStyleSheet("color: #b41e1e")
            self.detected.setText(exc.user_message())
            return False
        self.detected.setStyleSheet("")
        if logical is not None:
            kinds = {"folder": self.tr("a folder of files"), "zip": self.tr("a ZIP archive"),
                     "tar": self.tr("a TAR archive"), "iosbackup": self.tr("an iOS backup (iTunes/Finder)")}
            self.detected.setText(self.tr("{0}; every file is hashed at intake and read in place, read-only.").format(
                kinds.get(logical.format, logical.format)))
            return True
        assert found is not None
        names = {"raw": self.tr("raw image"), "splitraw": self.tr("split raw image"), "ewf": self.tr("EWF (E01) image"),
                 "vhd": self.tr("VHD virtual disk"), "vhdx": self.tr("VHDX virtual disk"),
                 "vmdk": self.tr("VMDK virtual disk"), "qcow": self.tr("QCOW virtual disk")}
        self.detected.setText(self.tr("{0}, {1} segment file(s); it will be opened read-only.").format(
            names.get(found.format, found.format), len(found.segments)))
        return True

    def start(self) -> JobWorker | None:
        if self.worker is not None and not self.worker.done:
            return None
        path, exhibit = self.image.text().strip(), self.exhibit.text().strip()
        if not path or not exhibit:
            self.status.setText(self.tr("Choose the evidence and give the exhibit number."))
            return None
        busy = self.session.jobs.heavy_job()
        if busy is not None:
            self.status.setText(self.tr("Another job ({0}) is running; add the evidence when it ends.").format(busy.kind))
            return None
        if not self._detect():
            show_error(self, self.detected.text(), self.tr("This image cannot be added"))
            self.status.setText(self.detected.text())
            return None
        description, seals = self.description.text().strip(), self.seals.text().strip()
        force = self.force.isChecked()
        try:
            source_zone = check_zone(self.source_zone.text().strip() or None)
        except UsageError as exc:
            self.status.setStyleSheet("color: #b41e1e")
            self.status.setText(exc.user_message())
            return None

        def job(store: CaseStore, ctx: JobContext) -> Any:
            return add_evidence(store, path, exhibit=exhibit, description=description, seals=seals, ctx=ctx,
                                force=force, source_timezone=source_zone)

        self.worker = self.session.run_job("intake", job)
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.errored.connect(self._errored)
        self.worker.signals.cancelled.connect(self._cancelled)
        self.add_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading the evidence once to compute MD5, SHA-1 and SHA-256…"))
        return self.worker

    def _progress(self, p: ProgressInfo) -> None:
        if p.total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int((p.fraction or 0) * 1000))
        if p.unit == "bytes":
            eta = f", {int(p.eta_seconds)} s left" if p.eta_seconds is not None else ""
            self.status.setText(self.tr("{0}: {1} of {2} ({3}/s{4})").format(
                p.phase, human_bytes(p.done), human_bytes(p.total or 0), human_bytes(p.rate), eta))

    def _finished(self, result: Any) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(1000)
        banner = EvidenceBanner.for_item(self.session, result.evidence_id)
        self.banner_box.addWidget(banner)
        self.status.setText(self.tr("{0} was added to the case.").format(result.uid))
        self._done()
        self.added.emit(result.evidence_id)

    def _errored(self, text: str) -> None:
        if "--force" in text:  # the command line's words, said the way this dialog does it
            text = text.replace("add it with --force", "tick 'Keep it as an exhibit…' and add it again")
        self.progress.setVisible(False)
        self.status.setStyleSheet("color: #b41e1e")
        self.status.setText(text)
        self.add_button.setEnabled(True)
        show_error(self, text, self.tr("The evidence was not added"))

    def _cancelled(self, text: str) -> None:
        self.progress.setVisible(False)
        self.status.setText(self.tr("Intake cancelled; the evidence was not added."))
        self.add_button.setEnabled(True)

    def _done(self) -> None:
        self.add_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        self.close_button.setFocus()

    def _cancel(self) -> None:
        if self.worker is not None and not self.worker.done:
            self.worker.cancel()
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.worker is not None and not self.worker.done:
            self.worker.cancel()
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.worker is not None and not self.worker.done:
            self.worker.cancel()
        super().closeEvent(event)
