"""The case workspace: overview, triage, browse, findings, timeline, audit and custody, as tabs."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from . import layout
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
# The triage panel and the file browser are built this long after the case opens, and after each
# other: a timer, not a posted call, so the window paints and input is handled between the builds
# (a posted call ran in the same pass as the open's first paint: one 50 ms stall).
BUILD_DELAY_MS = 15


class CaseWorkspace(QTabWidget):
    """The tabs of an open case. Findings, Timeline and Audit are built when first shown or first
    used (``workspace.findings`` builds it): opening a case with a million files then costs the
    GUI thread only the views it shows (benchmarks/gui_open_large_case.py)."""

    addEvidenceRequested = Signal()

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("workspaceTabs")
        self.setDocumentMode(True)
        self.overview = OverviewView(session)
        self.addTab(self.overview, self.tr("&Overview"))
        # Tabs built on first use: a placeholder holds each one's place until then.
        self._views: dict[str, QWidget] = {}
        self._pending: dict[str, tuple[QWidget, str]] = {}
        for name, title in (("triage", self.tr("&Triage")), ("browse", self.tr("&Browse files")),
                            ("findings", self.tr("F&indings")), ("timeline", self.tr("Ti&meline")),
                            ("audit", self.tr("&Audit and custody"))):
            holder = QWidget()
            holder.setObjectName(f"pending_{name}")
            self._pending[name] = (holder, title)
            self.addTab(holder, title)
        self.tag_dialog: TagDialog | None = None
        # While a job runs, the open views pick up new rows every few seconds.
        self.timer = QTimer(self)
        self.timer.setObjectName("liveRefresh")
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.live_refresh)
        self.overview.addEvidence.connect(self.addEvidenceRequested)
        self.overview.runTriage.connect(lambda: self.setCurrentWidget(self.triage))
        self.overview.openFindings.connect(lambda: self.setCurrentWidget(self.findings))
        self.session.changed.connect(self._case_changed)
        self.currentChanged.connect(self._tab_shown)
        # The triage panel and the file browser are built soon after, each in its own pass of the
        # event loop after a paint (never one long stall); the others when first shown.
        self._prebuild = ["triage", "browse"]
        QTimer.singleShot(BUILD_DELAY_MS, self._build_next)

    def _build_next(self) -> None:
        if self.session.closed:  # the case was closed before this pass of the event loop
            return
        while self._prebuild:
            name = self._prebuild.pop(0)
            if name in self._pending:
                self._view(name)
                break
        if self._prebuild:
            QTimer.singleShot(BUILD_DELAY_MS, self._build_next)

    # ------------------------------------------------------------ tabs built on first use
    @property
    def triage(self) -> TriagePanel:
        return cast(TriagePanel, self._view("triage"))

    @property
    def browse(self) -> BrowseView:
        return cast(BrowseView, self._view("browse"))

    def built(self, name: str) -> bool:
        """Whether the tab ``name`` (triage, browse, findings, timeline, audit) is built yet."""
        return name in self._views

    @property
    def findings(self) -> FindingsView:
        return cast(FindingsView, self._view("findings"))

    @property
    def timeline(self) -> TimelineView:
        return cast(TimelineView, self._view("timeline"))

    @property
    def audit(self) -> AuditView:
        return cast(AuditView, self._view("audit"))

    def _built(self) -> list[QWidget]:
        return [v for n, v in self._views.items() if n not in ("triage", "browse")]

    def _view(self, name: str) -> QWidget:
        view = self._views.get(name)
        if view is not None:
            return view
        view = self._make(name)
        self._views[name] = view
        holder, title = self._pending.pop(name)
        index, current = self.indexOf(holder), self.currentIndex()
        self.blockSignals(True)  # the same tab stays current: no tab change to announce
        try:
            self.removeTab(index)
            self.insertTab(index, view, title)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(False)
        holder.deleteLater()
        return view

    def _make(self, name: str) -> QWidget:
        session = self.session
        if name == "triage":
            triage = TriagePanel(session)
            triage.jobStarted.connect(self.timer.start)
            triage.jobEnded.connect(self._job_ended)
            return triage
        if name == "browse":
            browse = BrowseView(session)
            layout.restore_browse(browse)
            return browse
        if name == "findings":
            findings = FindingsView(session)
            findings.jump.connect(self.jump_to_file)
            findings.tagRequested.connect(self.tag_findings)
            attach_interpretation_button(findings.tables["tags"], session)
            return findings
        if name == "timeline":
            timeline = TimelineView(session)
            timeline.jump.connect(self.jump_to_file)
            return timeline
        return AuditView(session)

    def _tab_shown(self, index: int) -> None:
        widget = self.widget(index)
        for name, (holder, _title) in list(self._pending.items()):
            if widget is holder:
                self._view(name)
                break
        activate = getattr(self.currentWidget(), "activate", None)
        if activate is not None:
            activate()

    def live_refresh(self) -> None:
        """Refresh only what is visible: the views run their queries on the loader threads."""
        if self.session.closed:  # the window closed the case while a refresh was due
            self.timer.stop()
            return
        current = self.currentWidget()
        if current is self._views.get("browse"):
            self.browse.model.refresh()
        elif current is self.overview:
            self.overview.refresh()
        elif current in self._built():
            current.refresh()  # type: ignore[attr-defined]

    def _job_ended(self, _outcome: str) -> None:
        self.timer.stop()
        self.refresh_all(tree=True)

    def _case_changed(self) -> None:
        if not self.timer.isActive():
            self.refresh_all(tree=False)

    def refresh_all(self, tree: bool = False) -> None:
        self.session.reload_info()
        self.overview.refresh()
        for name, view in self._views.items():  # a tab not built yet loads fresh when it is
            if name == "triage":
                self.triage.update_summary()
            elif name == "browse":
                self.browse.refresh(tree=tree)
            else:
                view.refresh()  # type: ignore[attr-defined]

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
