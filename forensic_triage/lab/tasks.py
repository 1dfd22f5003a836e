"""What a lab worker does with a task: walk one volume, or examine one unit of files.

Each Celery worker process keeps, per case and settings, an open case store and one
:class:`~forensic_triage.jobs.pool.WorkerPool` of isolated child processes (the same that local
triage uses: parsers never run in the Celery process). A unit's results are written in one
transaction that first claims the unit's files still pending (``SELECT ... FOR UPDATE``) and
checks that the job still runs: a unit delivered twice, or after the job was cancelled, writes
nothing twice. Nothing is acknowledged before it is written (``acks_late``); a worker process
that dies mid-unit gets its unit redelivered (``reject_on_worker_lost``).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import multiprocessing
import os
import shutil
import socket
import tempfile
import time
from multiprocessing.process import AuthenticationString  # type: ignore[attr-defined]
from typing import Any

from ..errors import EvidenceError, StoreError
from ..jobs.context import JobContext
from ..jobs.pool import Unit, WorkerPool
from ..jobs.protocol import FileSpec
from ..jobs.settings import TriageSettings
from ..model import FileResult, FileStatus, Locator, WarningKind, WarningRecord
from .app import UNIT_TASK, WALK_TASK
from .evidence import verified_path

HOLD_ENV = "FT_LAB_HOLD_BEFORE_WRITE"  # seconds a unit waits before writing (failure drills and tests)
_STORES: dict[str, Any] = {}
_POOLS: dict[str, WorkerPool] = {}
_TEMP: list[str] = []


def _store(url: str) -> Any:
    from ..store.pg import PgCaseStore

    store = _STORES.get(url)
    if store is None:
        store = PgCaseStore.open_url(url)
        store.anchor_on_close = False  # the coordinator anchors the job's tables when it ends
        _STORES[url] = store
    return store


def _pool(settings: dict[str, Any]) -> WorkerPool:
    key = json.dumps({k: v for k, v in settings.items() if k not in ("jobs", "budget_seconds")}, sort_keys=True)
    pool = _POOLS.get(key)
    if pool is None:
        s = TriageSettings.from_dict(settings)
        # Celery's pool processes are marked daemonic, and multiprocessing refuses children to
        # those; the isolated children are tied to this process anyway (they die with it, see
        # jobs.worker._die_with_parent), which is what the flag is for.
        # Its authentication key is billiard's, which the spawn start method cannot hand on: give
        # the same bytes as the standard library's type.
        config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
        config["daemon"] = False
        config["authkey"] = AuthenticationString(bytes(config.get("authkey") or os.urandom(32)))
        if not _TEMP:
            _TEMP.append(tempfile.mkdtemp(prefix="ft-lab-worker-"))
            atexit.register(_shutdown)
        pool = WorkerPool(1, s.to_dict(), _TEMP[0], s.worker_memory_mb, s.file_timeout)
        pool.handshake()
        _POOLS[key] = pool
    return pool


def _shutdown() -> None:
    for pool in _POOLS.values():
        pool.stop()
    for folder in _TEMP:
        shutil.rmtree(folder, ignore_errors=True)


def _where() -> str:
    return f"{socket.gethostname()} pid {os.getpid()}"


def _evidence(store: Any, evidence_id: int) -> tuple[dict[str, Any], str]:
    """The item and its local, checked path; raises :class:`EvidenceError` when it cannot be read."""
    item = store.lab.evidence_item(evidence_id)
    if item is None:
        raise EvidenceError(f"The case has no evidence item {evidence_id}.")
    return item, verified_path(item, store.lab.containers(evidence_id))


def _drop_store(url: str) -> None:
    """Forget this process's connection to a case (the next task connects afresh)."""
    stale = _STORES.pop(url, None)
    if stale is not None:
        with contextlib.suppress(Exception):
            stale.close()


def _failed_walk(payload: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    """A walk that failed on this worker ends as a failed walk does locally: the volume is marked
    'error' with a stored warning saying why (once, while the job runs); the job goes on."""
    from ..jobs.triage import TriageStats, _VolumeWalk

    _drop_store(payload["url"])
    store = _store(payload["url"])
    job_id = int(payload["job_id"])
    with store.transaction():
        volume = store.lab.volume(int(payload["volume_id"]))
        if volume is None or volume["fs_status"] != "pending" or not store.lab.job_running(job_id):
            return {"walked": 0}
        item = store.lab.evidence_item(int(volume["evidence_id"])) or {"id": volume["evidence_id"], "uid": "?"}
    stats = TriageStats(files_walked=store.lab.files_in_volume(int(volume["id"])))
    walk = _VolumeWalk(store, item, volume, job_id, JobContext(), stats)
    walk.flush("error", f"a lab worker ({_where()}) could not do it: {exc}")
    return {"walked": 0, "failed": str(exc)}


def _failed_unit(payload: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    """A unit that failed on this worker ends as a unit whose source cannot be opened does
    locally: each of its files still pending gets status 'error' and a stored warning saying why;
    the job goes on."""
    _drop_store(payload["url"])
    store = _store(payload["url"])
    job_id = int(payload["job_id"])
    layer, offset, uid = str(payload["layer"] or ""), int(payload["offset"]), str(payload["uid"])
    results: list[tuple[FileResult, str, int]] = []
    for spec, locator in zip(payload["specs"], payload["locators"], strict=True):
        result = FileResult(file_id=int(spec[0]), status=FileStatus.ERROR)
        result.warnings.append(WarningRecord(
            "lab.worker", f"A lab worker ({_where()}) could not examine this file: {exc}",
            str(Locator(uid, offset, int(spec[1]), path=str(spec[5]), layer=layer)), WarningKind.ERROR,
            details={"worker": _where(), "unit": int(payload["unit_id"])}))
        results.append((result, str(locator), int(payload["evidence_id"])))
    written = _write_claimed(store, job_id, results)
    return {"written": written, "failed": str(exc)}


def _write_claimed(store: Any, job_id: int, results: list[tuple[FileResult, str, int]]) -> int:
    """Store the results of files still pending in a running job, in one transaction (a file a
    redelivered unit already wrote, or a job that ended, is not written again); returns how many."""
    from ..jobs.writer import write_results

    with store.transaction():
        claimed = store.lab.claim_pending(r.file_id for r, _l, _e in results) if store.lab.job_running(
            job_id) else set()
        mine = [item for item in results if item[0].file_id in claimed]
        if mine:
            write_results(store, mine, job_id)
    return len(mine)


def _guarded(body: Any, on_failure: Any) -> Any:
    """A task body whose failure ends as the same failure ends in local mode (``on_failure``:
    stored, the job goes on). When the case database is away (the connection lost or refused),
    nothing can be stored: the task fails, and the coordinator sends the work again once the queue
    is idle."""
    def task(payload: dict[str, Any]) -> dict[str, Any]:
        try:
            return dict(body(payload))
        except Exception as exc:
            if _database_away(exc):
                _drop_store(payload.get("url", ""))
                raise
            try:
                return dict(on_failure(payload, exc))
            except Exception:  # noqa: BLE001 - not even the failure could be stored: the task fails with its cause
                _drop_store(payload.get("url", ""))
                raise exc from None
    task.__name__ = body.__name__
    task.__doc__ = body.__doc__
    return task


def _database_away(exc: BaseException) -> bool:
    """The error is the case database's connection lost or refused (not a statement it refused)."""
    import psycopg

    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        state = str(getattr(seen, "sqlstate", "") or "")
        if isinstance(seen, psycopg.OperationalError) or state.startswith(("08", "57P")) or (
                isinstance(seen, StoreError) and "cannot be reached" in str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def walk(payload: dict[str, Any]) -> dict[str, Any]:
    """Walk one volume (the same listing local triage does); idempotent by locator."""
    from ..jobs.triage import TriageStats, _walk_volume

    store = _store(payload["url"])
    job_id = int(payload["job_id"])
    volume = store.lab.volume(int(payload["volume_id"]))
    if volume is None or volume["fs_status"] != "pending" or not store.lab.job_running(job_id):
        return {"walked": 0}
    item, path = _evidence(store, int(volume["evidence_id"]))
    stats = TriageStats()
    _walk_volume(store, _pool(payload["settings"]), dict(item, path=path), volume, job_id, JobContext(), stats)
    return {"walked": stats.files_walked}


def unit(payload: dict[str, Any]) -> dict[str, Any]:
    """Examine one unit of files and write its results (only the files still pending)."""
    store = _store(payload["url"])
    job_id = int(payload["job_id"])
    if not store.lab.job_running(job_id):
        return {"written": 0, "skipped": "job not running"}
    specs = [FileSpec(*s[:12], same_as=(int(s[12][0]), str(s[12][1])) if s[12] else None)  # type: ignore[misc]
             for s in payload["specs"]]
    pending = store.lab.still_pending(s.file_id for s in specs)
    keep = [i for i, s in enumerate(specs) if s.file_id in pending]
    if not keep:
        return {"written": 0, "skipped": "already examined"}
    _item, path = _evidence(store, int(payload["evidence_id"]))
    work = Unit(int(payload["unit_id"]), int(payload["evidence_id"]), path, payload["uid"], int(payload["offset"]),
                [specs[i] for i in keep], [payload["locators"][i] for i in keep], layer=payload["layer"])
    results: list[tuple[FileResult, str, int]] = []
    _pool(payload["settings"]).process(iter([work]), lambda r, loc, ev: results.append((r, loc, ev)),
                                       lambda: False, lambda: None)
    hold = float(os.environ.get(HOLD_ENV, "0") or 0)
    if hold:
        time.sleep(hold)
    written = _write_claimed(store, job_id, results)
    return {"written": written}


def register(app: Any) -> None:
    opts = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}
    app.task(name=WALK_TASK, **opts)(_guarded(walk, _failed_walk))
    app.task(name=UNIT_TASK, **opts)(_guarded(unit, _failed_unit))
