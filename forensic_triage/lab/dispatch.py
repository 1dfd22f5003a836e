"""The coordinator of a distributed triage (``forensic-triage triage CASE --broker URL``).

It runs where the examiner typed the command, and does what the local job does around the
examination: the job row, the scan provenance (from one local isolated process that loads the
same analyzers), the warnings of the job, the order of work. The work itself goes to Celery:
each volume's walk (one at a time, in the local order, so file ids are the same as in local
mode), then the same units as the local pool (one volume, up to 48 files / 32 MiB, in read
order), live volumes first and shadow copies once every live file is stored.

Units are sent as workers take them (at most :data:`FEED` wait in the queue), so a time budget
can stop the sending: as in local mode, dispatching stops when the budget is spent, the units
being examined finish, those still waiting are revoked (and skipped by any worker once the job has
ended), and the budget warning lists what was not examined.

Progress comes from the case database (files no longer pending), never from the broker, so
results survive a broker restart. A unit whose files stay pending while the queue is empty and
no worker is running it (its message was lost with a broker, or a whole workstation died) is
sent again after ``stall`` seconds; a repeated unit writes nothing twice. A unit that fails on a
worker with an error (evidence it cannot verify, a reader that fails) is stored as local mode
stores a unit whose file system cannot be opened: its files get status 'error' with a warning
each (source ``lab.worker``), and the job goes on. Ctrl-C (cancel) ends the job: workers then
skip its queued units and write nothing more for it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import shlex
import shutil
import sys
import tempfile
import time
from typing import Any

from ..errors import Cancelled, TriageError
from ..jobs.context import JobContext
from ..jobs.pool import Unit, WorkerPool
from ..jobs.settings import TriageSettings
from ..jobs.triage import (
    TriageStats,
    _budget_report,
    _end_job,
    _flag_snapshot_files,
    _name_damaged_files,
    _say_locked,
    _units,
    record_job_start,
)
from ..model import JobOutcome
from .app import QUEUE, UNIT_TASK, WALK_TASK, celery_app

POLL = 0.3
STALL_SECONDS = 30.0
FEED = 64  # units waiting in the queue beyond those the workers hold: more are sent as these are taken
# (a poll every POLL seconds refills it: 64 units per 0.3 s keeps a lab of dozens of worker slots busy)
# Tables a distributed job's workers write: anchored by the coordinator when the job ends.
WORKER_TABLES = ("files", "artifacts", "timeline", "yara_hits", "hash_matches", "content_hits", "warnings",
                 "volumes", "jobs")


@dataclasses.dataclass(slots=True)
class _Sent:
    payload: dict[str, Any]
    files: list[int]
    task_id: str
    sent: float
    tries: int = 1


def _payload(unit: Unit, url: str, job_id: int, settings: dict[str, Any]) -> dict[str, Any]:
    return {"url": url, "job_id": job_id, "settings": settings, "unit_id": unit.unit_id,
            "evidence_id": unit.evidence_id, "uid": unit.uid, "offset": unit.offset, "layer": unit.layer,
            "locators": unit.locators,
            "specs": [[s.file_id, s.inode, s.attr_type, s.attr_id, s.stream, s.path, s.name, s.extension, s.size,
                       s.deleted, s.mtime, s.crtime, list(s.same_as) if s.same_as else None] for s in unit.specs]}


class _Coordinator:
    def __init__(self, store: Any, app: Any, job_id: int, settings: TriageSettings, ctx: JobContext,
                 stall: float) -> None:
        self.store, self.app, self.job_id, self.ctx, self.stall = store, app, job_id, ctx, stall
        self.settings = settings.to_dict()
        self.url = store.url
        self.last_progress = time.monotonic()
        self.failures = 0  # files lab workers could not examine (warnings of source lab.worker), seen so far
        self.failures_checked = 0.0

    # ------------------------------------------------------------ broker
    def _send(self, name: str, payload: dict[str, Any], task_id: str) -> None:
        while True:
            try:
                self.app.send_task(name, args=[payload], task_id=task_id, queue=QUEUE)
                return
            except Exception as exc:  # noqa: BLE001 - the broker is away: wait for it, as the workers do
                self.ctx.check_cancel()
                self.ctx.advance(0, message=f"waiting for the broker ({type(exc).__name__})")
                time.sleep(1.0)

    def _queue_length(self) -> int | None:
        """Messages waiting in the queue (None: the broker cannot say now)."""
        try:
            with self.app.connection_for_write() as conn:
                return int(conn.default_channel.client.llen(QUEUE))
        except Exception:  # noqa: BLE001 - broker away: not known
            return None

    def _queue_empty(self) -> bool:
        return self._queue_length() == 0

    def _running(self) -> set[str]:
        """Ids of the tasks some worker is running now."""
        try:
            active = self.app.control.inspect(timeout=1.0).active() or {}
        except Exception:  # noqa: BLE001
            return set()
        return {str(t.get("id")) for tasks in active.values() for t in tasks}

    # ------------------------------------------------------------ the walk
    def walk(self, evidences: list[dict[str, Any]], stats: TriageStats) -> None:
        for evidence in evidences:
            _say_locked(self.store, evidence, self.job_id, self.ctx, stats)
            for volume in self.store.triage.volumes_to_walk(evidence["id"]):
                self.ctx.begin(f"listing files of {evidence['uid']} @ {volume['offset']} (lab workers)", unit="files")
                payload = {"url": self.url, "job_id": self.job_id, "settings": self.settings,
                           "volume_id": volume["id"]}
                tries = 1
                self._send(WALK_TASK, payload, f"ft-{self.job_id}-walk-{volume['id']}-{tries}")
                since = time.monotonic()
                while self.store.lab.volume_status(volume["id"]) == "pending":
                    self.ctx.check_cancel()
                    time.sleep(POLL)
                    if time.monotonic() - since > self.stall and self._queue_empty() and not any(
                            t.startswith(f"ft-{self.job_id}-walk-{volume['id']}-") for t in self._running()):
                        tries += 1
                        self._send(WALK_TASK, payload, f"ft-{self.job_id}-walk-{volume['id']}-{tries}")
                        since = time.monotonic()
                stats.files_walked += self.store.lab.files_in_volume(volume["id"])

    def _note_failures(self) -> None:
        """Count, as warnings of the run, the files lab workers could not examine (every few
        seconds: ``warnings`` has no index on the job)."""
        if time.monotonic() - self.failures_checked < 5.0:
            return
        self.failures_checked = time.monotonic()
        count, _first = self.store.lab.worker_failures(self.job_id)
        if count > self.failures:
            self.ctx.warn(count - self.failures)
            self.failures = count

    def failure_note(self) -> str | None:
        """One sentence for the end of the run when lab workers could not examine some files."""
        count, first = self.store.lab.worker_failures(self.job_id)
        if not count:
            return None
        return (f"{count} file(s) could not be examined on a lab worker and have status 'error' (the first: {first}); "
                "'forensic-triage warnings CASE --source lab.worker' lists them. Every worker must see the shared "
                "evidence storage (--evidence-root).")

    # ------------------------------------------------------------ the units
    def examine(self, units: Any, deadline: float | None = None) -> bool:
        """Send the units as the workers take them and wait for their files to be stored; returns
        False when the time budget (``deadline``, a ``time.monotonic()`` value) ended the sending."""
        outstanding: dict[int, _Sent] = {}
        source = iter(units)
        more, stopped = True, False
        self.last_progress = time.monotonic()
        while True:
            self.ctx.check_cancel()
            if more and not stopped and deadline is not None and time.monotonic() > deadline:
                stopped = True
                self._revoke_waiting(outstanding)
            if more and not stopped:
                more = self._feed(source, outstanding)
            if not outstanding and (stopped or not more):
                return not stopped
            time.sleep(POLL)
            self._note_failures()
            window = list(itertools.islice(outstanding.items(), 400))
            pending = self.store.lab.still_pending(f for _u, s in window for f in s.files)
            for unit_id, sent in window:
                if not pending.intersection(sent.files):
                    del outstanding[unit_id]
                    self.ctx.advance(len(sent.files))
                    self.last_progress = time.monotonic()
            if outstanding and time.monotonic() - self.last_progress > self.stall:
                self._resend(outstanding)

    def _feed(self, source: Any, outstanding: dict[int, _Sent]) -> bool:
        """Send units until :data:`FEED` wait in the queue; False once every unit was sent."""
        waiting = self._queue_length()
        if waiting is None:
            return True  # the broker is away: nothing is sent now
        while waiting < FEED:
            unit = next(source, None)
            if unit is None:
                return False
            payload = _payload(unit, self.url, self.job_id, self.settings)
            task_id = f"ft-{self.job_id}-unit-{unit.unit_id}-1"
            self._send(UNIT_TASK, payload, task_id)
            outstanding[unit.unit_id] = _Sent(payload, [s.file_id for s in unit.specs], task_id, time.monotonic())
            waiting += 1
        return True

    def _revoke_waiting(self, outstanding: dict[int, _Sent]) -> None:
        """The budget is spent: the units no worker has started are revoked and forgotten (their
        files stay pending); those being examined finish. A revoked unit a worker receives anyway
        (one started later) writes nothing once the job has ended."""
        if not outstanding:
            return
        running = self._running()
        waiting = {unit_id: sent for unit_id, sent in outstanding.items() if sent.task_id not in running}
        if waiting:
            with contextlib.suppress(Exception):  # broker away: the workers skip them once the job has ended
                self.app.control.revoke([s.task_id for s in waiting.values()])
            for unit_id in waiting:
                del outstanding[unit_id]

    def _resend(self, outstanding: dict[int, _Sent]) -> None:
        if not self._queue_empty():
            self.last_progress = time.monotonic()
            return
        running = self._running()
        for sent in outstanding.values():
            if sent.task_id in running:
                continue
            sent.tries += 1
            sent.task_id = sent.task_id.rsplit("-", 1)[0] + f"-{sent.tries}"
            self._send(UNIT_TASK, sent.payload, sent.task_id)
        self.last_progress = time.monotonic()


def run_distributed_triage(store: Any, settings: TriageSettings, ctx: JobContext | None, broker: str,
                           command_line: str | None = None, stall: float = STALL_SECONDS,
                           budget_from: float | None = None) -> TriageStats:
    """Triage the case with the lab's workers; same results as :func:`~forensic_triage.jobs.triage.run_triage`.

    A time budget counts from ``budget_from`` (a ``time.monotonic()`` value), else from this call."""
    if getattr(store, "dialect", "sqlite") != "postgresql":
        raise TriageError("Distributed triage needs a case on PostgreSQL: workers on other workstations write to it.",
                          hint="Create the case with 'forensic-triage case new CASE --database postgresql://...'.")
    ctx = ctx or JobContext()
    app = celery_app(broker)
    from ..store.pg import REF_NAME, remember_broker

    if (store.case_dir / REF_NAME).is_file():
        with contextlib.suppress(OSError, ValueError):
            remember_broker(store.case_dir, broker)
    stats = TriageStats()
    started = time.monotonic()
    budget_start = min(started, budget_from) if budget_from is not None else started
    deadline = budget_start + settings.budget_seconds if settings.budget_seconds else None
    temp_root = tempfile.mkdtemp(prefix="ft-triage-")
    pool = WorkerPool(1, settings.to_dict(), temp_root, settings.worker_memory_mb, settings.file_timeout)
    try:
        ctx.begin("loading the analyzers")
        ready = pool.handshake()
    finally:
        pool.stop()
        shutil.rmtree(temp_root, ignore_errors=True)
    job_settings = settings.to_dict()
    job_settings["analyzers"] = ready.describe
    job_id = store.start_job("triage", job_settings, command_line or shlex.join(sys.argv))
    # The settings (and so the CASE graph's tool configuration) are those of a local run; how the
    # work was spread is its own audit entry.
    store.audit(store.examiner, "triage distributed", {"job": job_id, "broker": _safe(broker),
                                                       "queue": QUEUE, "stall_seconds": stall})
    outcome, reason = JobOutcome.COMPLETED, None
    try:
        record_job_start(store, job_id, ready, ctx)
        coordinator = _Coordinator(store, app, job_id, settings, ctx, stall)
        evidences = store.triage.evidence_to_triage()
        coordinator.walk(evidences, stats)
        ctx.begin("examining files (lab workers)", total=store.triage.pending_count(), unit="files")
        ids = itertools.count(1)
        finished = True
        for snapshots in (False, True):  # shadow copies once every live file is examined and stored
            finished = coordinator.examine(_units(store, evidences, settings.read_order, snapshots, ids), deadline)
            if not finished:
                break
        _flag_snapshot_files(store, evidences)
        _name_damaged_files(store, evidences, job_id)
        note = coordinator.failure_note()
        if note:
            stats.notes.append(note)
        if not finished and settings.budget_seconds:
            stats.budget_exhausted = True
            stats.notes.append(_budget_report(store, job_id, settings.budget_seconds))
    except Cancelled:
        outcome = JobOutcome.CANCELLED
        raise
    except Exception as exc:
        outcome, reason = JobOutcome.FAILED, exc
        raise
    except BaseException:
        outcome = JobOutcome.INTERRUPTED
        raise
    finally:
        ctx.finish()
        totals = store.lab.job_totals(job_id)
        stats.files_processed, stats.bytes_read = totals["files"], totals["bytes"]
        stats.hits, stats.artifacts, stats.crashed_files = totals["hits"], totals["artifacts"], totals["crashed"]
        stats.seconds = round(time.monotonic() - started, 3)
        store.mark_written(WORKER_TABLES)
        with contextlib.suppress(Exception):
            _end_job(store, job_id, outcome, stats, reason)
    return stats


def _safe(url: str) -> str:
    """A broker address without its password, for the job record."""
    from urllib.parse import urlsplit, urlunsplit

    p = urlsplit(url)
    if p.password:
        p = p._replace(netloc=p.netloc.replace(f":{p.password}@", ":***@"))
    return urlunsplit(p)
