"""The coordinator of a distributed triage (``forensic-triage triage CASE --broker URL``).

It runs where the examiner typed the command, and does what the local job does around the
examination: the job row, the scan provenance (from one local isolated process that loads the
same analyzers), the warnings of the job, the order of work. The work itself goes to Celery:
each volume's walk (one at a time, in the local order, so file ids are the same as in local
mode), then the same units as the local pool (one volume, up to 48 files / 32 MiB, in read
order), live volumes first and shadow copies once every live file is stored.

Progress comes from the case database (files no longer pending), never from the broker, so
results survive a broker restart. A unit whose files stay pending while the queue is empty and
no worker is running it (its message was lost with a broker, or a whole workstation died) is
sent again after ``stall`` seconds; a repeated unit writes nothing twice. Ctrl-C (cancel)
ends the job: workers then skip its queued units and write nothing more for it.
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
from ..jobs.intake import intake_problems
from ..jobs.pool import Unit, WorkerPool
from ..jobs.settings import TriageSettings
from ..jobs.triage import (
    TriageStats,
    _end_job,
    _flag_snapshot_files,
    _name_damaged_files,
    _say_locked,
    _store_job_warnings,
    _units,
)
from ..model import JobOutcome, WarningKind
from .app import QUEUE, UNIT_TASK, WALK_TASK, celery_app

POLL = 0.3
STALL_SECONDS = 30.0
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

    def _queue_empty(self) -> bool:
        try:
            with self.app.connection_for_write() as conn:
                return int(conn.default_channel.client.llen(QUEUE)) == 0
        except Exception:  # noqa: BLE001 - broker away: not known to be empty
            return False

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
                    self._lab_errors()
                    time.sleep(POLL)
                    if time.monotonic() - since > self.stall and self._queue_empty() and not any(
                            t.startswith(f"ft-{self.job_id}-walk-{volume['id']}-") for t in self._running()):
                        tries += 1
                        self._send(WALK_TASK, payload, f"ft-{self.job_id}-walk-{volume['id']}-{tries}")
                        since = time.monotonic()
                stats.files_walked += self.store.lab.files_in_volume(volume["id"])

    def _lab_errors(self) -> None:
        rows = self.store.lab.worker_errors(self.job_id)
        if rows:
            raise TriageError(rows[0], hint="Every worker must see the shared evidence storage (--evidence-root).")

    # ------------------------------------------------------------ the units
    def examine(self, units: Any) -> None:
        outstanding: dict[int, _Sent] = {}
        for unit in units:
            self.ctx.check_cancel()
            payload = _payload(unit, self.url, self.job_id, self.settings)
            task_id = f"ft-{self.job_id}-unit-{unit.unit_id}-1"
            self._send(UNIT_TASK, payload, task_id)
            outstanding[unit.unit_id] = _Sent(payload, [s.file_id for s in unit.specs], task_id, time.monotonic())
        self.last_progress = time.monotonic()
        while outstanding:
            self.ctx.check_cancel()
            self._lab_errors()
            time.sleep(POLL)
            window = list(itertools.islice(outstanding.items(), 400))
            pending = self.store.lab.still_pending(f for _u, s in window for f in s.files)
            for unit_id, sent in window:
                if not pending.intersection(sent.files):
                    del outstanding[unit_id]
                    self.ctx.advance(len(sent.files))
                    self.last_progress = time.monotonic()
            if outstanding and time.monotonic() - self.last_progress > self.stall:
                self._resend(outstanding)

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
                           command_line: str | None = None, stall: float = STALL_SECONDS) -> TriageStats:
    """Triage the case with the lab's workers; same results as :func:`~forensic_triage.jobs.triage.run_triage`."""
    if getattr(store, "dialect", "sqlite") != "postgresql":
        raise TriageError("Distributed triage needs a case on PostgreSQL: workers on other workstations write to it.",
                          hint="Create the case with 'forensic-triage case new CASE --database postgresql://...'.")
    if settings.budget_seconds:
        raise TriageError("A time budget is not supported with --broker yet.",
                          hint="Run without --budget, or triage locally.")
    ctx = ctx or JobContext()
    app = celery_app(broker)
    from ..store.pg import REF_NAME, remember_broker

    if (store.case_dir / REF_NAME).is_file():
        with contextlib.suppress(OSError, ValueError):
            remember_broker(store.case_dir, broker)
    stats = TriageStats()
    started = time.monotonic()
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
        from ..scan.setup import record_scan_provenance

        record_scan_provenance(store, job_id, ready.describe)
        unfinished = intake_problems(store)
        _store_job_warnings(store, job_id, "plugins", WarningKind.ERROR, list(ready.problems))
        _store_job_warnings(store, job_id, "intake", WarningKind.ERROR, unfinished)
        _store_job_warnings(store, job_id, "engine", WarningKind.WARNING, list(ready.notes))
        ctx.warn(len(ready.problems) + len(unfinished) + len(ready.notes))
        coordinator = _Coordinator(store, app, job_id, settings, ctx, stall)
        evidences = store.triage.evidence_to_triage()
        coordinator.walk(evidences, stats)
        ctx.begin("examining files (lab workers)", total=store.triage.pending_count(), unit="files")
        ids = itertools.count(1)
        for snapshots in (False, True):
            coordinator.examine(_units(store, evidences, settings.read_order, snapshots, ids))
        _flag_snapshot_files(store, evidences)
        _name_damaged_files(store, evidences, job_id)
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
