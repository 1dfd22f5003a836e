"""The triage panel: choose plugins, rule sets, hash sets and keyword lists; run, watch, cancel, resume.

The job is the CLI's ``run_triage`` with a :class:`JobContext` whose progress goes to this
panel and whose cancel token the Cancel button sets. Choices are remembered (QSettings).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.errors import UsageError
from forensic_triage.i18n import _
from forensic_triage.jobs.context import JobContext
from forensic_triage.jobs.options import TRIAGE_OPTIONS
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage  # imported with the window, not when the job starts
from forensic_triage.plugin_catalog import Catalog, current_catalog
from forensic_triage.store import CaseStore

from .common import human_bytes, safe_text
from .session import CaseSession
from .settings import get_json, set_json
from .triage_options import HashSetChooser, PathList, option_value, option_widget, set_option_value
from .workers import JobWorker, ProgressInfo

LISTING_WAIT = 3.0  # seconds the window waits for the extractors to be listed before it goes on


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


_PREFETCH: list[threading.Thread] = []


def prefetch_plugins() -> None:
    """Start listing the extractors on a background thread, so the triage panel finds the list
    made; ``current_catalog`` keeps it until the plugin folder changes. The GUI thread never waits
    for it (benchmarks/gui_open_large_case.py).

    Called when the application starts, before the window is built (``ui.app.main``), and again
    when a case opens (a no-op unless the plugin folder changed): starting the listing's child
    process holds the GIL until the child has started (Python 3.11's ``vfork``), tens of
    milliseconds on a loaded machine, which the GUI thread would otherwise wait for while a case
    opens."""
    if _PREFETCH and _PREFETCH[0].is_alive():
        return

    def work() -> None:
        with contextlib.suppress(OSError):  # the panel's own listing says it
            current_catalog()

    thread = threading.Thread(target=work, name="ft-plugin-prefetch", daemon=True)
    _PREFETCH[:] = [thread]
    thread.start()


class TriagePanel(QWidget):
    jobStarted = Signal()
    jobEnded = Signal(str)  # completed | cancelled | failed

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: JobWorker | None = None
        self.warnings_at_start = 0
        # A listing of the extractors still running: its thread and (when done) its result.
        self._listing: tuple[threading.Thread, list[Catalog | OSError]] | None = None
        plug_box = self._plugin_box()
        opts = self._lists_box()
        # Every other declared triage option (jobs/options.py: the CLI's triage arguments come from the
        # same list), built generically so the form cannot lack an option the CLI has.
        self.option_widgets: dict[str, QWidget] = {
            "jobs": self.jobs, "plugins": self.plugins, "rules": self.rules, "builtin_rules": self.builtin_rules,
            "hashsets": self.hashsets, "keywords": self.keywords, "content_search": self.content_search}
        more = self._more_box()
        status = self._status_box()
        self._lay_out(plug_box, opts, status, more)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self._load_plugins()
        self.restore_choices()
        self.update_summary()

    # ------------------------------------------------------------ layout
    def _plugin_box(self) -> QGroupBox:
        """The artifact extractors to run, with All / None and the problems of those not loaded."""
        self.plugins = QListWidget()
        self.plugins.setObjectName("pluginList")
        self.plugin_problems = QLabel()
        self.plugin_problems.setObjectName("pluginProblems")
        self.plugin_problems.setWordWrap(True)
        self.plugin_problems.setStyleSheet("color: #9a6700")
        all_btn, none_btn = QPushButton(self.tr("All")), QPushButton(self.tr("None"))
        all_btn.clicked.connect(lambda: self._check_all(True))
        none_btn.clicked.connect(lambda: self._check_all(False))
        plug_box = QGroupBox(self.tr("Artifact extractors"))
        pl = QVBoxLayout(plug_box)
        pl.addWidget(self.plugins, 1)
        row = QHBoxLayout()
        row.addWidget(all_btn)
        row.addWidget(none_btn)
        row.addStretch(1)
        pl.addLayout(row)
        pl.addWidget(self.plugin_problems)
        plug_box.setMinimumHeight(160)
        return plug_box

    def _lists_box(self) -> QGroupBox:
        """Rule sets, hash sets, keyword lists, content search and the number of workers."""
        self.builtin_rules = QCheckBox(self.tr("Use the rule packs shipped with the tool"))
        self.builtin_rules.setObjectName("builtinRules")
        self.rules = PathList("ruleList", self.tr("Add rule file…"), self.tr("Add folder…"),
                              self.tr("YARA rules (*.yar *.yara);;All files (*)"))
        self.hashsets = HashSetChooser(self.session.jobs)
        self.keywords = PathList("keywordList", self.tr("Add keyword list…"), None,
                                 self.tr("Keyword lists (*.txt);;All files (*)"))
        self.content_search = QCheckBox(self.tr("Search content for e-mail addresses, URLs, card and phone numbers"))
        self.content_search.setObjectName("contentSearch")
        self.jobs = QSpinBox()
        self.jobs.setRange(1, max(1, (os.cpu_count() or 1) * 2))
        self.jobs.setObjectName("jobCount")
        opts = QGroupBox(self.tr("Rule sets, hash sets and keyword lists"))
        of = QFormLayout(opts)
        of.addRow(self.builtin_rules)
        of.addRow(self.tr("Extra YARA rules"), self.rules)
        of.addRow(self.tr("Hash sets"), self.hashsets)
        of.addRow(self.tr("Keyword lists"), self.keywords)
        of.addRow(self.content_search)
        of.addRow(self.tr("Worker processes"), self.jobs)
        return opts

    def _more_box(self) -> QGroupBox:
        """A widget for every declared triage option not already in the form."""
        more = QGroupBox(self.tr("Search, order and limits"))
        mf = QFormLayout(more)
        for opt in TRIAGE_OPTIONS:
            if opt.field in self.option_widgets:
                continue
            widget = option_widget(opt)
            self.option_widgets[opt.field] = widget
            label = QLabel(_(opt.label))  # declared in the core: its gettext catalogue translates it
            label.setToolTip(widget.toolTip())
            mf.addRow(label, widget)
        return more

    def _status_widgets(self) -> None:
        self.run_button = QPushButton(self.tr("Run triage"))
        self.run_button.setObjectName("runTriage")
        self.run_button.setToolTip(self.tr("Examine every file of every evidence item (F5). Running it again "
                                           "resumes where an earlier run stopped."))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelTriage")
        self.cancel_button.setEnabled(False)
        self.phase = QLabel(self.tr("Not running."))
        self.phase.setObjectName("triagePhase")
        self.phase.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("triageProgress")
        self.rate = QLabel("—")
        self.rate.setObjectName("triageRate")
        self.eta = QLabel("—")
        self.eta.setObjectName("triageEta")
        self.warn_label = QLabel("0")
        self.warn_label.setObjectName("triageWarnings")
        self.current = QLabel()
        self.current.setObjectName("triageCurrent")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.current.setMinimumWidth(100)
        self.summary = QLabel()
        self.summary.setObjectName("triageSummary")
        self.summary.setWordWrap(True)

    def _status_box(self) -> QGroupBox:
        """Run / Cancel, the phase, progress, speed, time left, warnings and the last run."""
        self._status_widgets()
        status = QGroupBox(self.tr("Triage job"))
        grid = QGridLayout(status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 0, 0, 1, 4)
        grid.addWidget(self.phase, 1, 0, 1, 4)
        grid.addWidget(self.bar, 2, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("Speed:")), 3, 0)
        grid.addWidget(self.rate, 3, 1)
        grid.addWidget(QLabel(self.tr("Time left:")), 3, 2)
        grid.addWidget(self.eta, 3, 3)
        grid.addWidget(QLabel(self.tr("Warnings:")), 4, 0)
        grid.addWidget(self.warn_label, 4, 1)
        grid.addWidget(self.current, 5, 0, 1, 4)
        grid.addWidget(self.summary, 6, 0, 1, 4)
        grid.setRowStretch(7, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return status

    def _lay_out(self, plug_box: QWidget, opts: QWidget, status: QWidget, more: QWidget) -> None:
        """The choices scroll, so the panel fits a 1366x768 laptop screen whatever the options."""
        choices = QWidget()
        left = QVBoxLayout(choices)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(plug_box, 1)
        left.addWidget(opts)
        scroll = QScrollArea()
        scroll.setObjectName("triageChoices")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(choices)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 3)
        right = QVBoxLayout()
        right.addWidget(status, 1)
        right.addWidget(more)
        layout.addLayout(right, 2)

    # ------------------------------------------------------------ choices
    def _load_plugins(self) -> None:
        """List the extractors. They are imported in a child process with limits
        (``forensic_triage.plugin_catalog``), never in the GUI: a user plugin that aborts, hangs or
        eats memory when imported is named here as not loaded, and the others are listed.

        The listing is waited for up to ``LISTING_WAIT`` seconds (it normally takes one or two,
        once per plugin-folder change); longer — a plugin that hangs until its limit — and the
        window goes on, saying the extractors are being listed, and fills the list when they are."""
        self.plugins.clear()
        self.plugin_problems.clear()
        result: list[Catalog | OSError] = []

        def work() -> None:
            try:
                result.append(current_catalog())
            except OSError as exc:  # no child process could be started: said in the panel
                result.append(exc)

        thread = threading.Thread(target=work, name="ft-plugin-listing", daemon=True)
        thread.start()
        self._listing = (thread, result)
        thread.join(0.005)  # listed already (prefetched, or the folder unchanged): shown at once
        if self._finish_listing(0.0):
            return
        # The GUI thread never waits for the child process that imports the plugins: the list is
        # filled when it ends; after LISTING_WAIT seconds the panel says a plugin is slow to load.
        self.plugin_problems.setText(self.tr("Listing the artifact extractors…"))
        started = time.monotonic()
        timer = QTimer(self)
        timer.setInterval(100)

        def poll() -> None:
            if self._finish_listing(0.0, restore=True):
                timer.stop()
            elif time.monotonic() - started > LISTING_WAIT:
                self.plugin_problems.setText(self.tr("Listing the artifact extractors (a plugin is slow to load)…"))

        timer.timeout.connect(poll)
        timer.start()

    @property
    def listing(self) -> bool:
        """The extractors are still being listed (a slow plugin)."""
        return self._listing is not None

    def _finish_listing(self, wait: float, *, restore: bool = False) -> bool:
        """Show the listing if it ends within ``wait`` seconds (and the remembered choices of the
        extractors with it, when ``restore``); False while it is still running."""
        if self._listing is None:
            return True
        thread, result = self._listing
        if wait > 0:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                thread.join(wait)
            finally:
                QApplication.restoreOverrideCursor()
        if not result:
            return False
        self._listing = None
        self._show_catalog(result[0])
        if restore:
            self._restore_plugin_choices(get_json("triage/choices", {}))
        return True

    def _show_catalog(self, catalog: Catalog | OSError) -> None:
        if isinstance(catalog, OSError):
            self.plugin_problems.setText(self.tr("The extractors could not be listed: {0}").format(catalog))
            return
        for info in catalog.plugins:
            item = QListWidgetItem(safe_text(f"{info.name} {info.version} — {_(info.description)}"))
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if info.enabled_by_default else Qt.CheckState.Unchecked)
            item.setToolTip(safe_text("\n".join([_(info.description), *info.references]), keep="\n"))
            self.plugins.addItem(item)
        if catalog.problems:
            self.plugin_problems.setText(self.tr("Not loaded: {0}").format(
                "; ".join(safe_text(p.message) for p in catalog.problems)))
        elif not catalog.plugins:
            self.plugin_problems.setText(self.tr("No artifact extractors are installed."))
        else:
            self.plugin_problems.clear()

    def _check_all(self, on: bool) -> None:
        for i in range(self.plugins.count()):
            self.plugins.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen_plugins(self) -> list[str] | None:
        names = [self.plugins.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.plugins.count())
                 if self.plugins.item(i).checkState() == Qt.CheckState.Checked]
        return names

    def settings(self) -> TriageSettings:
        """The form's choices (raises UsageError for a value that cannot be read, e.g. the budget)."""
        generic = {opt.field: option_value(opt, self.option_widgets[opt.field]) for opt in TRIAGE_OPTIONS
                   if opt.kind not in ("plugins", "off") and opt.field not in ("jobs", "rules", "hashsets", "keywords")}
        return TriageSettings(jobs=self.jobs.value(), plugins=self.chosen_plugins(), rules=self.rules.paths(),
                              builtin_rules=self.builtin_rules.isChecked(), hashsets=self.hashsets.chosen(),
                              keywords=self.keywords.paths(), content_search=self.content_search.isChecked(),
                              **generic)

    def remember_choices(self) -> None:
        s = self.settings()
        set_json("triage/choices", {"plugins": s.plugins, "known_plugins": [
            self.plugins.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.plugins.count())],
            "rules": s.rules, "builtin_rules": s.builtin_rules, "hashsets": s.hashsets,
            "keywords": s.keywords, "content_search": s.content_search, "jobs": s.jobs,
            "regexes": s.regexes, "read_order": s.read_order, "budget_seconds": s.budget_seconds,
            "file_timeout": s.file_timeout, "worker_memory_mb": s.worker_memory_mb})

    def restore_choices(self) -> None:
        c: dict[str, Any] = get_json("triage/choices", {})
        self.builtin_rules.setChecked(bool(c.get("builtin_rules", True)))
        self.content_search.setChecked(bool(c.get("content_search", True)))
        self.jobs.setValue(int(c.get("jobs", os.cpu_count() or 1)))
        self.rules.set_paths(list(c.get("rules", [])))
        self.keywords.set_paths(list(c.get("keywords", [])))
        self.hashsets.reload(set(c.get("hashsets", [])))
        for opt in TRIAGE_OPTIONS:
            if opt.field in c and opt.kind not in ("plugins", "off") and \
                    opt.field not in ("jobs", "rules", "hashsets", "keywords"):
                try:
                    set_option_value(opt, self.option_widgets[opt.field], c[opt.field])
                except (TypeError, ValueError):
                    pass  # a remembered value from an older version: keep the default
        self._restore_plugin_choices(c)

    def _restore_plugin_choices(self, c: dict[str, Any]) -> None:
        if c.get("plugins") is not None:
            wanted, known = set(c["plugins"]), set(c.get("known_plugins", []))
            for i in range(self.plugins.count()):
                item = self.plugins.item(i)
                name = item.data(Qt.ItemDataRole.UserRole)
                if name in known:  # extractors installed since keep their default
                    item.setCheckState(Qt.CheckState.Checked if name in wanted else Qt.CheckState.Unchecked)

    # ---------------------------------------------------------------- job
    @property
    def running(self) -> bool:
        return self.worker is not None and not self.worker.done

    def start(self) -> JobWorker | None:
        if self.running or self.session.read_only_case:
            return None
        if self.listing:  # a slow plugin: its limit ends the listing
            self.phase.setText(self.tr("Waiting for the artifact extractors to be listed…"))
            self._finish_listing(3600.0, restore=True)
        busy = self.session.jobs.heavy_job()
        if busy is not None:
            self.phase.setText(self.tr("Another job ({0}) is running; triage can start when it ends.").format(busy.kind))
            return None
        counts = self.session.store.triage.panel_counts()
        if not counts["evidence"]:
            self.phase.setText(self.tr("Add an evidence item first (Evidence ▸ Add evidence…)."))
            return None
        try:
            self.remember_choices()
            settings = self.settings()
        except UsageError as exc:
            self.phase.setText(exc.user_message())
            return None

        def job(store: CaseStore, ctx: JobContext) -> Any:
            return run_triage(store, settings, ctx, command_line="forensic-triage gui: triage")

        self.warnings_at_start = counts["warnings"]
        self.worker = self.session.run_job("triage", job)
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.cancelled.connect(self._cancelled)
        self.worker.signals.errored.connect(self._errored)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.phase.setText(self.tr("Starting…"))
        self.summary.setText(self.tr("Results appear in Browse files, Findings and Timeline while the job runs; "
                                     "Cancel keeps everything examined so far."))
        self.bar.setRange(0, 0)
        self.jobStarted.emit()
        return self.worker

    def cancel(self) -> None:
        if self.running and self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.phase.setText(self.tr("Cancelling: finishing the files in progress…"))

    def _progress(self, p: ProgressInfo) -> None:
        if self.worker is not None and self.worker.cancelling:
            return
        self.phase.setText(safe_text(p.phase).capitalize())
        if p.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int((p.fraction or 0) * 1000))
            self.bar.setFormat(f"%p%  ({int(p.done):,} / {int(p.total):,})")
        else:
            self.bar.setRange(0, 0)
        if p.unit == "bytes":
            self.rate.setText(self.tr("{0}/s").format(human_bytes(p.rate)))
        else:
            self.rate.setText(self.tr("{0} {1}/s").format(f"{p.rate:,.0f}", p.unit))
        self.eta.setText(_eta(p.eta_seconds))
        self.warn_label.setText(f"{p.warnings:,}")
        self.current.setText(safe_text(p.message)[-160:])

    def _ended(self, outcome: str, text: str) -> None:
        if self.session.closed:
            return
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1000)
        self.current.clear()
        self.eta.setText("—")
        self.phase.setText(text)
        self.update_summary()
        self.jobEnded.emit(outcome)

    def _finished(self, stats: Any) -> None:
        self.bar.setValue(1000)
        self.warn_label.setText(f"{getattr(stats, 'warnings', 0):,}")
        self._ended("completed", self.tr("Completed: {0} files examined in {1:.1f} s.").format(
            f"{getattr(stats, 'files_processed', 0):,}", getattr(stats, "seconds", 0.0)))

    def _cancelled(self, text: str) -> None:
        self._ended("cancelled", self.tr("Cancelled. {0} Press Resume to continue where it stopped.").format(text))

    def _errored(self, text: str) -> None:
        self._ended("failed", self.tr("Triage stopped: {0}").format(text))

    def update_summary(self) -> None:
        counts = self.session.store.triage.panel_counts()
        pending, unwalked = counts["pending"], counts["unwalked"]
        last = self.session.last_triage()
        resumable = last is not None and (pending or unwalked)
        self.run_button.setText(self.tr("Resume triage") if resumable else self.tr("Run triage"))
        if self.session.read_only_case:
            self.run_button.setEnabled(False)
            self.summary.setText(self.tr("This is a review case imported from a package: it can be read and "
                                         "annotated, not triaged again."))
            return
        if last is None:
            self.summary.setText(self.tr("Triage has not been run on this case yet."))
            return
        stats = last.get("stats") or {}
        files, warnings = int(stats.get("files_processed", 0)), int(stats.get("warnings", 0))
        text = self.tr("Last run: {0}, {1} examined, {2}.").format(
            last["outcome"], f"{files:,} file" + ("" if files == 1 else "s"),
            f"{warnings:,} warning" + ("" if warnings == 1 else "s"))
        if resumable:
            text += " " + self.tr("{0} files are still waiting to be examined.").format(f"{pending:,}")
        self.summary.setText(text)
