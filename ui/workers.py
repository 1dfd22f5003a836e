"""Long work off the GUI thread: the same core jobs the CLI runs, wrapped in QRunnables.

A :class:`JobWorker` runs ``fn(ctx)`` with a :class:`JobContext` whose progress callback
emits a Qt signal and whose :class:`CancelToken` the core checks between steps. Exactly one
of ``finished``, ``errored`` or ``cancelled`` is emitted at the end, always (the superqt
worker pattern): no swallowed exception can leave the GUI waiting.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from forensic_triage.errors import Cancelled
from forensic_triage.jobs.context import CancelToken, JobContext, Progress

from .common import error_text

JOB_NICENESS = 5  # added to the process's niceness for job threads (0 = as important as the GUI)


@dataclasses.dataclass(frozen=True, slots=True)
class ProgressInfo:
    """A snapshot of a job's progress, safe to hand to the GUI thread."""

    phase: str
    done: float
    total: float | None
    unit: str
    message: str
    warnings: int
    fraction: float | None
    rate: float
    eta_seconds: float | None

    @classmethod
    def of(cls, p: Progress) -> ProgressInfo:
        return cls(p.phase, p.done, p.total, p.unit, p.message, p.warnings, p.fraction, p.rate, p.eta_seconds)


def lower_priority() -> None:
    """Let the GUI thread win the CPU: a heavy job's thread (and the threads and worker processes
    it starts, which inherit it) runs at a lower scheduling priority. On Linux, nice values are
    per thread; elsewhere this does nothing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), JOB_NICENESS)


class WorkerSignals(QObject):
    started = Signal()
    progress = Signal(object)   # ProgressInfo
    finished = Signal(object)   # the job's result
    errored = Signal(str)       # a plain sentence
    cancelled = Signal(str)


class JobWorker(QRunnable):
    """One job; ``kind`` says what it is (intake, triage, report, tag...)."""

    def __init__(self, kind: str, fn: Callable[[JobContext], Any], *, heavy: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.kind = kind
        self.fn = fn
        self.heavy = heavy
        self.token = CancelToken()
        self.signals = WorkerSignals()
        self.done = False
        self.started_at = 0.0

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelling(self) -> bool:
        return self.token.cancelled

    def _progress(self, p: Progress) -> None:
        self.signals.progress.emit(ProgressInfo.of(p))

    def run(self) -> None:
        self.started_at = time.monotonic()
        if self.heavy:
            lower_priority()
        ctx = JobContext(self._progress, self.token, min_interval=0.1)
        self.signals.started.emit()
        try:
            result = self.fn(ctx)
        except Cancelled as exc:
            self.done = True
            self.signals.cancelled.emit(exc.user_message())
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI as a sentence
            self.done = True
            self.signals.errored.emit(error_text(exc))
        else:
            # Also when a cancel arrived after the last step: the work is complete, so say so.
            self.done = True
            self.signals.finished.emit(result)


class JobManager(QObject):
    """Runs workers on a private thread pool and knows which are still running.

    Heavy jobs (intake, triage, reports) run one at a time: they all write to the case, and
    one job at a time keeps the examiner's picture of what is happening simple.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)
        self._running: list[JobWorker] = []
        self._unstarted: list[JobWorker] = []

    @property
    def running(self) -> list[JobWorker]:
        return list(self._running)

    def heavy_job(self) -> JobWorker | None:
        """The running heavy job; one that has finished but whose signals are still being delivered is over."""
        return next((w for w in self._running if w.heavy and not w.done), None)

    def busy(self) -> bool:
        return any(not w.done for w in self._running)

    def start(self, worker: JobWorker) -> JobWorker:
        """Run ``worker`` from the next pass of the event loop: the caller connects to its signals
        when this returns, and a short job (a tag, a note) must not end before that (its signals,
        emitted with no connection yet, would be lost)."""
        self._running.append(worker)
        for sig in (worker.signals.finished, worker.signals.errored, worker.signals.cancelled):
            sig.connect(lambda *_a, w=worker: self._ended(w))
        self._unstarted.append(worker)
        QTimer.singleShot(0, self._start_unstarted)
        self.changed.emit()
        return worker

    def _start_unstarted(self) -> None:
        while self._unstarted:
            self.pool.start(self._unstarted.pop(0))

    def _ended(self, worker: JobWorker) -> None:
        if worker in self._running:
            self._running.remove(worker)
        self.changed.emit()

    def cancel_all(self) -> None:
        for worker in self._running:
            worker.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (used at exit and in tests, never during work)."""
        self._start_unstarted()
        return bool(self.pool.waitForDone(msecs))
