"""Case overview: the case record, a banner per evidence item, what has been found, what to do next."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .common import rich
from .evidence_dialog import EvidenceBanner
from .mount_action import install_mount_menu
from .session import CaseSession


def _seconds(utc: object) -> str | None:
    """``2026-12-04T16:49:12.164752Z`` -> ``2026-12-04 16:49:12 UTC`` (the microseconds stay in the database)."""
    if not utc:
        return None
    text = str(utc)
    return text[:19].replace("T", " ") + " UTC" if len(text) >= 19 and text[10:11] == "T" else text


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


class OverviewView(QScrollArea):
    addEvidence = Signal()
    runTriage = Signal()
    openFindings = Signal()

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.case_label = QLabel()
        self.case_label.setObjectName("caseLabel")
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banners = QVBoxLayout()
        self.no_evidence = QLabel(self.tr("No evidence yet. Add a disk image to start (Ctrl+E)."))
        self.counts = QLabel()
        self.counts.setObjectName("countsLabel")
        self.counts.setWordWrap(True)
        add = QPushButton(self.tr("Add evidence…"))
        add.setObjectName("overviewAddEvidence")
        triage = QPushButton(self.tr("Go to triage"))
        findings = QPushButton(self.tr("See the findings"))
        add.clicked.connect(self.addEvidence)
        triage.clicked.connect(self.runTriage)
        findings.clicked.connect(self.openFindings)
        case_box = QGroupBox(self.tr("Case"))
        QVBoxLayout(case_box).addWidget(self.case_label)
        ev_box = QGroupBox(self.tr("Evidence items"))
        el = QVBoxLayout(ev_box)
        el.addWidget(self.no_evidence)
        el.addLayout(self.banners)
        count_box = QGroupBox(self.tr("What has been found so far"))
        cl = QGridLayout(count_box)
        cl.addWidget(self.counts, 0, 0)
        actions = QHBoxLayout()
        actions.addWidget(add)
        actions.addWidget(triage)
        actions.addWidget(findings)
        actions.addStretch(1)
        layout = QVBoxLayout(body)
        layout.addWidget(case_box)
        layout.addWidget(ev_box)
        layout.addWidget(count_box)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        info = self.session.info
        rows = [(self.tr("Case number"), info.get("case_number")), (self.tr("Title"), info.get("title")),
                (self.tr("Agency"), info.get("agency")), (self.tr("Examiner"), info.get("examiner")),
                (self.tr("Authority"), info.get("authority")), (self.tr("Requested by"), info.get("requester")),
                (self.tr("Display time zone"), info.get("timezone")), (self.tr("Created (UTC)"), _seconds(info.get("created_utc"))),
                (self.tr("Folder"), str(Path(self.session.case_dir).resolve()))]
        html = "<table cellspacing=3>" + "".join(
            f"<tr><td><b>{k}</b></td><td>{rich(v)}</td></tr>" for k, v in rows if v) + "</table>"
        if self.session.read_only_case:
            html += "<p><b>" + self.tr("Review case imported from a package (read-only findings).") + "</b></p>"
        self.case_label.setText(html)
        while self.banners.count():
            item = self.banners.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        evidence = self.session.store.evidence.items()
        self.no_evidence.setVisible(not evidence)
        for ev in evidence:
            banner = EvidenceBanner.for_item(self.session, int(ev["id"]))
            install_mount_menu(banner, self.session, ev)
            self.banners.addWidget(banner)
        if not self.counts.text():
            self.counts.setText(self.tr("Counting…"))
        self.session.counts_summary(self._show_counts)

    def _show_counts(self, c: dict[str, int]) -> None:
        if self.session.closed:
            return
        unlisted = self.session.store.evidence.unlisted_volume_count()
        if unlisted:
            self.counts.setText(self.tr("The files of {0} file system(s) are listed when triage runs (Triage tab, F5)."
                                        ).format(unlisted))
            return
        n = {k: int(v) for k, v in c.items()}
        self.counts.setText(self.tr("{0} ({1} deleted), {2} waiting to be examined; {3}, {4}, {5}, {6}; {7}; {8}.").format(
            plural(n["files"], self.tr("file"), self.tr("files")), f"{n['deleted']:,}", f"{n['pending']:,}",
            plural(n["artifacts"], self.tr("artifact"), self.tr("artifacts")),
            plural(n["yara"], self.tr("YARA hit"), self.tr("YARA hits")),
            plural(n["hashsets"], self.tr("hash-set match"), self.tr("hash-set matches")),
            plural(n["content"], self.tr("content hit"), self.tr("content hits")),
            plural(n["tags"], self.tr("tag"), self.tr("tags")), plural(n["warnings"], self.tr("warning"), self.tr("warnings"))))
