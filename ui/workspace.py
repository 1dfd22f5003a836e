"""The case workspace: overview, triage, browse, findings, timeline, audit and custody, as tabs."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from .audit_view import AuditView
from .browse import BrowseView
from .examiner_words import attach_interpretation_button
from .findings import FindingsView, FindingTable
from .overview import OverviewView
from .session import CaseSession
from .tag_dialog import TagDialog, file_targets, finding_targets
from .timeline import TimelineView
from .triage_panel import TriagePanel

REFRESH_MS = 2000


class CaseWorkspace(QTabWidget):
    addEvidenceRequested = Signal()

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("workspaceTabs")
        self.setDocumentMode(True)
        self.overview = OverviewView(session)
        self.triage = TriagePanel(session)
        self.browse = BrowseView(session)
        self.findings = FindingsView(session)
        self.timeline = TimelineView(session)
        self.audit = AuditView(session)
        self.addTab(self.overview, self.tr("&Overview"))
        self.addTab(self.triage, self.tr("&Triage"))
        self.addTab(self.browse, self.tr("&Browse files"))
        self.addTab(self.findings, self.tr("F&indings"))
        self.addTab(self.timeline, self.tr("Ti&meline"))
        self.addTab(self.audit, self.tr("&Audit and custody"))
        self.tag_dialog: TagDialog | None = None
        # While a job runs, the open views pick up new rows every few seconds.
        self.timer = QTimer(self)
        self.timer.setObjectName("liveRefresh")
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.live_refresh)
        self.overview.addEvidence.connect(self.addEvidenceRequested)
        self.overview.runTriage.connect(lambda: self.setCurrentWidget(self.triage))
        self.overview.openFindings.connect(lambda: self.setCurrentWidget(self.findings))
        self.triage.jobStarted.connect(self.timer.start)
        self.triage.jobEnded.connect(self._job_ended)
        for view in (self.findings, self.timeline):
            view.jump.connect(self.jump_to_file)
        self.findings.tagRequested.connect(self.tag_findings)
        attach_interpretation_button(self.findings.tables["tags"], session)
        self.session.changed.connect(self._case_changed)
        self.currentChanged.connect(self._tab_shown)

    def _tab_shown(self, _index: int) -> None:
        activate = getattr(self.currentWidget(), "activate", None)
        if activate is not None:
            activate()

    def live_refresh(self) -> None:
        """Refresh only what is visible: the views run their queries on the loader threads."""
        current = self.currentWidget()
        if current is self.browse:
            self.browse.model.refresh()
        elif current is self.findings:
            self.findings.refresh()
        elif current is self.timeline:
            self.timeline.refresh()
        elif current is self.audit:
            self.audit.refresh()
        elif current is self.overview:
            self.overview.refresh()

    def _job_ended(self, _outcome: str) -> None:
        self.timer.stop()
        self.refresh_all(tree=True)

    def _case_changed(self) -> None:
        if not self.timer.isActive():
            self.refresh_all(tree=False)

    def refresh_all(self, tree: bool = False) -> None:
        self.session.reload_info()
        self.overview.refresh()
        self.triage.update_summary()
        self.browse.refresh(tree=tree)
        self.findings.refresh()
        self.timeline.refresh()
        self.audit.refresh()

    def evidence_added(self) -> None:
        self.browse.tree_model.reload()
        self.browse._expand_top()
        self.refresh_all()

    def jump_to_file(self, file_id: int) -> None:
        self.setCurrentWidget(self.browse)
        self.browse.show_file(file_id)

    # ----------------------------------------------------------------- tags
    def tag_files(self) -> TagDialog | None:
        targets = file_targets(self.session, self.browse.selected_file_ids())
        return self._open_tag_dialog(targets)

    def tag_findings(self, table: FindingTable) -> TagDialog | None:
        return self._open_tag_dialog(finding_targets(self.session, table.selected()))

    def tag_current(self) -> TagDialog | None:
        """Ctrl+T: tag what is selected in the visible view."""
        if self.currentWidget() is self.findings:
            widget = self.findings.currentWidget()
            table = widget if isinstance(widget, FindingTable) else self.findings.artifact_table
            if table is not None:
                return self.tag_findings(table)
            return None
        if self.currentWidget() is not self.browse:
            self.setCurrentWidget(self.browse)
        return self.tag_files()

    def _open_tag_dialog(self, targets: list) -> TagDialog | None:  # type: ignore[type-arg]
        if not targets:
            return None
        self.tag_dialog = TagDialog(self.session, targets, self)
        self.tag_dialog.open()
        return self.tag_dialog

    def busy_text(self) -> str:
        job = self.session.jobs.heavy_job()
        return job.kind if job else ""
