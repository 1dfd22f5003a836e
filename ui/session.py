"""An open case in the desktop application: read-only views plus jobs that write.

The GUI reads through a read-only :class:`CaseStore` (small, indexed reads on the GUI thread,
asked of its repositories by name: ``session.store.evidence.items()``) and two :class:`QueryLoader`
threads (pages; counts and charts). Everything that
writes runs as a job on a worker thread with its own writable store, exactly as the CLI
does it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore

from .content import ContentReader
from .loader import QueryLoader, Request
from .workers import JobManager, JobWorker


class CaseSession(QObject):
    """One open case folder."""

    changed = Signal()  # case data changed (evidence added, job ended, tag written...)

    def __init__(self, case_dir: str | Path, jobs: JobManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case_dir = Path(case_dir)
        self.jobs = jobs
        self.store = CaseStore.open(self.case_dir, read_only=True)
        self.info: dict[str, Any] = self.store.case_info()
        self.pages = QueryLoader(self.case_dir, "pages", self)
        self.counts = QueryLoader(self.case_dir, "counts", self)
        self.content = ContentReader()
        self.closed = False

    # --------------------------------------------------------------- facts
    @property
    def timezone(self) -> str:
        return str(self.info.get("timezone") or "UTC")

    @property
    def examiner(self) -> str:
        return str(self.info.get("examiner") or "")

    @property
    def read_only_case(self) -> bool:
        """An imported review case: findings can be read and annotated, not re-triaged."""
        return bool(self.info.get("read_only"))

    @property
    def title(self) -> str:
        number = str(self.info.get("case_number") or "")
        title = str(self.info.get("title") or "")
        return f"{number} — {title}" if title else number

    def reload_info(self) -> None:
        self.info = self.store.case_info()

    def counts_summary(self, on_counts: Callable[[dict[str, int]], None]) -> None:
        """What has been found so far, counted on the background loader (a full scan on big cases)."""
        self.counts.submit(Request(lambda store: store.browse.case_counts(), on_counts))

    def last_triage(self) -> dict[str, Any] | None:
        row = self.store.triage.last_job("triage")
        if row is None:
            return None
        try:
            row["stats"] = json.loads(row.get("stats") or "{}")
        except ValueError:
            row["stats"] = {}
        return row

    # ---------------------------------------------------------------- jobs
    def run_job(self, kind: str, fn: Callable[[CaseStore, JobContext], Any], *, heavy: bool = True) -> JobWorker:
        """Run ``fn(store, ctx)`` on a worker with its own writable store."""
        case_dir = self.case_dir

        def job(ctx: JobContext) -> Any:
            with CaseStore.open(case_dir) as store:
                return fn(store, ctx)

        worker = JobWorker(kind, job, heavy=heavy)
        for sig in (worker.signals.finished, worker.signals.errored, worker.signals.cancelled):
            sig.connect(lambda *_a: self.changed.emit())
        return self.jobs.start(worker)

    def close(self) -> None:
        self.closed = True
        self.pages.close()
        self.counts.close()
        self.content.close()
        self.store.close()
