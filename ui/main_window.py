"""The main window: start screen or case workspace, menus and shortcuts, remembered layout."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from forensic_triage import TOOL_NAME, __version__
from forensic_triage.errors import StoreError
from forensic_triage.store import DB_NAME, CaseStore
from forensic_triage.store.db import PG_REF

from . import layout
from .case_wizard import NewCaseWizard
from .common import app_icon, ask, error_text, inform, show_error
from .evidence_dialog import AddEvidenceDialog
from .languages import language_menu
from .sample_case import sample_folder, sample_worker
from .session import CaseSession
from .settings import forget_case, recent_cases, remember_case
from .start_page import StartPage
from .training_pane import TrainingController
from .triage_panel import prefetch_plugins
from .unlock_dialog import UnlockDialog, pending_unlocks
from .workers import JobManager
from .workspace import CaseWorkspace


def freeze_heap() -> None:
    """Keep the objects that live as long as the window out of Python's full garbage collections.

    A full collection walks every object; with Qt, the plugins and the case models loaded that
    took up to ~110 ms on the GUI thread, a visible stall. Frozen objects are never walked.
    """
    gc.collect()
    gc.freeze()


READ_ONLY_JOBS = ("view", "verify-audit")  # kinds that only read: closing never needs to ask about them


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.jobs = JobManager(self)
        self.session: CaseSession | None = None
        self.workspace: CaseWorkspace | None = None
        self.dialog: Any = None
        self._closing = False
        self.stack = QStackedWidget()
        self.start = StartPage()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.job_label = QLabel()
        self.job_label.setObjectName("jobStatus")
        self.statusBar().addPermanentWidget(self.job_label)
        self.lab_label = QLabel()  # lab mode: the workers of the case's broker (ui/lab_status.py)
        self.lab_label.setObjectName("labStatus")
        self.lab_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.lab_label)
        from .lab_status import LabStatus

        self.lab_status = LabStatus(self.lab_label, self)
        self._actions()
        self.start.newCase.connect(self.new_case)
        self.start.openCase.connect(self.choose_case)
        self.start.openRecent.connect(self.open_case)
        self.start.openSample.connect(self.open_sample)
        self.start.verifyPackage.connect(self.package_dialog)
        self.jobs.changed.connect(self._jobs_changed)
        self.resize(1280, 720)
        self.restore_layout()
        self._update_title()
        self._update_actions()
        freeze_heap()

    # -------------------------------------------------------------- actions
    def _action(self, menu: QMenu, text: str, slot: Any,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _actions(self) -> None:
        bar = self.menuBar()
        case = bar.addMenu(self.tr("&Case"))
        self.act_new = self._action(case, self.tr("&New case…"), self.new_case, QKeySequence.StandardKey.New, "actNew")
        self.act_open = self._action(case, self.tr("&Open case…"), self.choose_case, QKeySequence.StandardKey.Open,
                                     "actOpen")
        self.recent_menu = case.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(case, self.tr("Open the &sample case (training)"), self.open_sample, None, "actSample")
        case.addSeparator()
        self.act_close = self._action(case, self.tr("&Close case"), self.close_case, QKeySequence.StandardKey.Close,
                                      "actClose")
        self._action(case, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, "actQuit")
        ev = bar.addMenu(self.tr("&Evidence"))
        self.act_add = self._action(ev, self.tr("&Add evidence…"), self.add_evidence, "Ctrl+E", "actAddEvidence")
        self.act_triage = self._action(ev, self.tr("Run or &resume triage"), self.run_triage, "F5", "actTriage")
        self.act_cancel = self._action(ev, self.tr("&Cancel the running job"), self.cancel_job, "Shift+F5",
                                       "actCancel")
        find = bar.addMenu(self.tr("F&indings"))
        self.act_tag = self._action(find, self.tr("&Tag and annotate selection…"), self.tag, "Ctrl+T", "actTag")
        self.act_filter = self._action(find, self.tr("&Filter files…"), self.focus_filter, QKeySequence.StandardKey.Find,
                                       "actFilter")
        rep = bar.addMenu(self.tr("&Report"))
        self.act_report = self._action(rep, self.tr("&Report and package…"), self.report_dialog, "Ctrl+R", "actReport")
        self._action(rep, self.tr("&Verify or import a package…"), self.package_dialog, None, "actPackage")
        self.act_details = self._action(rep, self.tr("Case &details for the report…"), self.case_details, None,
                                        "actCaseDetails")
        self.act_custody = self._action(rep, self.tr("Add &custody event…"), self.add_custody, None, "actCustody")
        view = bar.addMenu(self.tr("&View"))
        self.tab_actions = []
        for i, title in enumerate((self.tr("Overview"), self.tr("Triage"), self.tr("Browse files"),
                                   self.tr("Findings"), self.tr("Timeline"), self.tr("Audit and custody"))):
            self.tab_actions.append(self._action(view, title, lambda i=i: self.show_tab(i), f"Ctrl+{i + 1}"))
        view.addSeparator()
        view.addMenu(language_menu(self))
        self.training = TrainingController(self)
        helpm = bar.addMenu(self.tr("&Help"))
        self._action(helpm, self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(helpm, self.tr("&About"), self.about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_cases():
            self._action(self.recent_menu, path, lambda p=path: self.open_case(p))

    def _update_actions(self) -> None:
        has_case = self.session is not None
        writable = has_case and self.session is not None and not self.session.read_only_case
        for action in (self.act_close, self.act_tag, self.act_filter, self.act_report, self.act_custody,
                       self.act_details, *self.tab_actions):
            action.setEnabled(has_case)
        for action in (self.act_add, self.act_triage):
            action.setEnabled(bool(writable))
        self.act_cancel.setEnabled(self.jobs.heavy_job() is not None)

    def _update_title(self) -> None:
        case = f"{self.session.title} — " if self.session else ""
        self.setWindowTitle(f"{case}{TOOL_NAME}")

    def _jobs_changed(self) -> None:
        running = [w.kind for w in self.jobs.running if not w.done and w.kind not in READ_ONLY_JOBS]
        self.job_label.setText(self.tr("Running: {0}").format(", ".join(running)) if running else "")
        self._update_actions()
        if self._closing and not self.jobs.busy():
            # After every other slot of the job's last signal has run (they may still read the case).
            QTimer.singleShot(0, self.close)

    # ---------------------------------------------------------------- cases
    def new_case(self) -> NewCaseWizard:
        wizard = NewCaseWizard(self)
        wizard.created.connect(self.open_case)
        wizard.open()
        self.dialog = wizard
        return wizard

    def choose_case(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a case folder"))
        if path:
            self.open_case(path)

    def open_case(self, path: str) -> bool:
        if self.jobs.heavy_job() is not None:
            show_error(self, self.tr("A job is running on the open case; wait for it or cancel it first."))
            return False
        if not (Path(path) / DB_NAME).is_file() and not (Path(path) / PG_REF).is_file():
            show_error(self, self.tr("No case found in {0}. Choose the folder that holds {1}.").format(path, DB_NAME))
            forget_case(path)
            self.start.refresh()
            return False
        prefetch_plugins()  # the triage panel's extractor list, made while the case opens
        try:
            session = CaseSession(path, self.jobs, self)
        except StoreError as exc:
            if "upgrade of its format" in exc.message:
                ask(self, self.tr("Upgrade the case?"),
                    self.tr("This case was written by an earlier version of the tool. Upgrade its database format "
                            "now and open it? The evidence is not touched; the case cannot then be opened by the "
                            "earlier version."), lambda: self._upgrade_and_open(path))
            else:
                show_error(self, error_text(exc), self.tr("The case cannot be opened"))
            return False
        except Exception as exc:  # noqa: BLE001 - the examiner gets the sentence
            show_error(self, error_text(exc), self.tr("The case cannot be opened"))
            return False
        self.close_case()
        self.session = session
        self.workspace = CaseWorkspace(session)
        self.workspace.addEvidenceRequested.connect(self.add_evidence)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._restore_workspace_layout()
        remember_case(path)
        self.lab_status.watch(path)
        self.training.case_opened(session)
        self._update_title()
        self._update_actions()
        if not session.store.evidence.count() and not session.read_only_case:
            self.workspace.setCurrentWidget(self.workspace.overview)
        freeze_heap()
        self.ask_unlocks()
        return True

    def ask_unlocks(self) -> UnlockDialog | None:
        """Ask for the secrets of the case's encrypted volumes that are locked (see ui.unlock_dialog)."""
        if self.session is None or self.session.read_only_case:
            return None
        pending = pending_unlocks(self.session.store)
        if not pending:
            return None
        dialog = UnlockDialog(self.session.case_dir, pending, self)
        dialog.unlocked.connect(lambda *_a: self.workspace.evidence_added() if self.workspace else None)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _upgrade_and_open(self, path: str) -> None:
        try:
            CaseStore.open(path).close()  # a writable open applies the format migrations, atomically
        except Exception as exc:  # noqa: BLE001 - the examiner gets the sentence; the case is left as it was
            show_error(self, error_text(exc), self.tr("The case cannot be upgraded"))
            return
        self.open_case(path)

    def close_case(self) -> bool:
        if self.session is None:
            return True
        if self.jobs.heavy_job() is not None:
            show_error(self, self.tr("A job is running; cancel it (Shift+F5) before closing the case."))
            return False
        self._save_workspace_layout()
        self.lab_status.watch(None)
        self.training.case_closed()
        assert self.workspace is not None
        self.stack.removeWidget(self.workspace)
        self.workspace.timer.stop()
        self.workspace.deleteLater()
        self.jobs.wait(5000)
        self.session.close()
        self.session = None
        self.workspace = None
        self.start.refresh()
        self.stack.setCurrentWidget(self.start)
        self._update_title()
        self._update_actions()
        return True

    def open_sample(self) -> None:
        folder = sample_folder()
        if (folder / "case" / DB_NAME).exists() and not self._sample_incomplete(folder):
            self.open_case(str(folder / "case"))
            return
        if self.jobs.heavy_job() is not None:
            show_error(self, self.tr("A job is running; wait for it before opening the sample case."))
            return
        worker = sample_worker(folder)
        box = QProgressDialog(self.tr("Preparing the sample case: writing the sample evidence, adding it and "
                                      "triaging it…"), self.tr("Cancel"), 0, 0, self)
        box.setObjectName("sampleProgress")
        box.setWindowTitle(self.tr("Sample case"))
        box.setMinimumDuration(0)
        box.canceled.connect(worker.cancel)
        worker.signals.progress.connect(lambda p: box.setLabelText(self.tr("Sample case: {0}…").format(p.phase)))
        worker.signals.finished.connect(lambda path: self._sample_ready(box, path))
        worker.signals.errored.connect(lambda text: self._sample_failed(box, text))
        worker.signals.cancelled.connect(lambda _t: box.reset())
        box.open()
        self.dialog = box
        self.jobs.start(worker)

    def _sample_ready(self, box: QProgressDialog, path: str) -> None:
        box.reset()
        self.open_case(path)

    def _sample_failed(self, box: QProgressDialog, text: str) -> None:
        box.reset()
        show_error(self, text)

    @staticmethod
    def _sample_incomplete(folder: Path) -> bool:
        from forensic_triage.store.browse_repo import completed_triage

        return not completed_triage(folder / "case" / DB_NAME)

    # ----------------------------------------------------------- case work
    def add_evidence(self) -> AddEvidenceDialog | None:
        if self.session is None or self.workspace is None or self.session.read_only_case:
            return None
        dialog = AddEvidenceDialog(self.session, self)
        dialog.added.connect(lambda _id: self.workspace.evidence_added() if self.workspace else None)
        dialog.accepted.connect(self.ask_unlocks)
        dialog.open()
        self.dialog = dialog
        return dialog

    def run_triage(self) -> None:
        if self.workspace is not None:
            self.workspace.setCurrentWidget(self.workspace.triage)
            self.workspace.triage.start()

    def cancel_job(self) -> None:
        job = self.jobs.heavy_job()
        if job is not None:
            if self.workspace is not None and job is self.workspace.triage.worker:
                self.workspace.triage.cancel()
            else:
                job.cancel()

    def tag(self) -> None:
        if self.workspace is not None:
            self.workspace.tag_current()

    def focus_filter(self) -> None:
        if self.workspace is not None:
            self.workspace.setCurrentWidget(self.workspace.browse)
            self.workspace.browse.filter_bar.text.setFocus()
            self.workspace.browse.filter_bar.text.selectAll()

    def show_tab(self, index: int) -> None:
        if self.workspace is not None:
            self.workspace.setCurrentIndex(index)

    def add_custody(self) -> None:
        if self.workspace is not None:
            self.workspace.setCurrentWidget(self.workspace.audit)
            self.dialog = self.workspace.audit.open_custody_dialog()

    def case_details(self) -> Any:
        """The request, qualifications and conclusions for the report (audited)."""
        if self.session is None:
            return None
        from .examiner_words import CaseDetailsDialog

        self.dialog = CaseDetailsDialog(self.session, self)
        self.dialog.open()
        return self.dialog

    def report_dialog(self) -> Any:
        if self.session is None:
            return None
        from .report_dialog import ReportDialog

        self.dialog = ReportDialog(self.session, self)
        self.dialog.open()
        return self.dialog

    def package_dialog(self) -> Any:
        from .package_dialog import PackageDialog

        self.dialog = PackageDialog(self.jobs, self)
        self.dialog.importedCase.connect(self.open_case)
        self.dialog.open()
        return self.dialog

    def show_shortcuts(self) -> None:
        lines = [f"{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t{a.text().replace('&', '')}"
                 for a in self.findChildren(QAction) if not a.shortcut().isEmpty()]
        inform(self, "\n".join(sorted(set(lines))), self.tr("Keyboard shortcuts"))

    def about(self) -> None:
        inform(self, self.tr("{0} {1}\nOffline, read-only triage of disk images for small laboratories.\n"
                             "Evidence is never opened for writing; every action is recorded in a hash-chained "
                             "audit log.").format(TOOL_NAME, __version__), self.tr("About"))

    # -------------------------------------------------------------- layout
    def restore_layout(self) -> None:
        layout.restore_window(self)

    def _restore_workspace_layout(self) -> None:
        """The workspace restores the file browser's layout when it builds that tab."""

    def _save_workspace_layout(self) -> None:
        if self.workspace is not None and self.workspace.built("browse"):
            layout.save_browse(self.workspace.browse)

    def save_layout(self) -> None:
        layout.save_window(self)
        self._save_workspace_layout()

    def closeEvent(self, event: QCloseEvent) -> None:
        working = [w for w in self.jobs.running if not w.done and w.kind not in READ_ONLY_JOBS]
        if working and not self._closing:
            event.ignore()
            kinds = ", ".join(w.kind for w in working)
            ask(self, self.tr("A job is running"),
                self.tr("{0} is still running. Cancel it and close? Work already saved is kept; running triage "
                        "again resumes where it stopped.").format(kinds), self._cancel_and_close)
            return
        if self.jobs.busy():
            # Cancelled jobs finish their current step; the window closes when they have.
            event.ignore()
            self._closing = True
            self.jobs.cancel_all()
            self.job_label.setText(self.tr("Stopping the running job before closing…"))
            return
        self.save_layout()
        if self.workspace is not None:  # nothing may query the case once it is closed
            self.workspace.timer.stop()
        self.lab_status.watch(None)
        if self.session is not None:
            self.session.close()
            self.session = None
        event.accept()

    def _cancel_and_close(self) -> None:
        self._closing = True
        self.jobs.cancel_all()
        self.job_label.setText(self.tr("Stopping the running job before closing…"))
        if not self.jobs.busy():
            QTimer.singleShot(0, self.close)
