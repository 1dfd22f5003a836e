"""The triage job: walk every file system, then give each file stream its single read.

Work that feeds evidence bytes to C libraries runs in worker processes
(:mod:`forensic_triage.jobs.pool`): the walk of each file system, and the examination of
files in work units. This process is the single writer of the case database.

Resumable by construction: walked entries are inserted idempotently (unique locator) and a
volume is marked walked only when its walk completes; each file's results land together with
its ``status='done'`` in one transaction. A run killed at any moment loses at most the files
in flight, and running triage again finishes exactly what was left.

Order of work: files in known artifact locations first, then the rest of the user profiles,
then everything else, bulk system folders last (:data:`TIERS`); within a tier, by the
physical position of each file's first data run (``read_order='physical'``), so a spinning
disk or a compressed E01 is read forwards. With a time budget the run stops dispatching when
the budget is spent and stores exactly what was not examined.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import shlex
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

from ..errors import Cancelled, TriageError
from ..jobs.intake import intake_problems
from ..model import FileResult, FileStatus, JobOutcome, WarningKind, snapshot_name
from ..store import CaseStore
from ..store.triage_repo import TIER_NAMES, TIERS, WALK_CACHE_MIB
from .context import JobContext
from .pool import Unit, WorkerPool
from .protocol import Entries, FileSpec, WalkDone, WalkFailed, WalkWarning
from .settings import TriageSettings
from .writer import write_results

__all__ = ["TIERS", "TriageStats", "run_triage"]

WALK_FLUSH = 50_000  # rows per walk transaction (5,000 before: 1.3x slower inserts, benchmarks/walk_insert.py)
DEFER_INDEXES_BELOW = 50_000  # defer the files indexes while the case holds fewer rows than this
RESULT_BATCH = 200
RESULT_SECONDS = 1.0
UNIT_FILES = 48
UNIT_BYTES = 32 * 1024 * 1024
PAGE = 2000
_TIER_ORDER = (0, 1, 2, 3)  # "other files" (2) before "system and program folders" (3), see TIERS
_WORKER_DEATHS = (WarningKind.CRASH, WarningKind.TIMEOUT, WarningKind.MEMORY)
# What the end of a job may meet when the case database fails (the store translates most to StoreError).
_STORE_FAILURES = (TriageError, sqlite3.Error, OSError)


@dataclasses.dataclass(slots=True)
class TriageStats:
    files_walked: int = 0
    files_processed: int = 0
    bytes_read: int = 0
    warnings: int = 0
    hits: int = 0
    artifacts: int = 0
    seconds: float = 0.0
    remaining: int = 0
    crashed_files: int = 0
    budget_exhausted: bool = False
    notes: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class _Writer:
    """Buffers results and writes them in batched transactions (all of a file or none)."""

    def __init__(self, store: CaseStore, job_id: int, ctx: JobContext, stats: TriageStats) -> None:
        self.store, self.job_id, self.ctx, self.stats = store, job_id, ctx, stats
        self.batch: list[tuple[FileResult, str, int]] = []
        self.last = time.monotonic()

    def add(self, result: FileResult, locator: str, evidence_id: int) -> None:
        self.batch.append((result, locator, evidence_id))
        self.stats.files_processed += 1
        self.stats.bytes_read += result.bytes_read
        self.stats.hits += len(result.hits)
        self.stats.artifacts += len(result.artifacts)
        if result.status == FileStatus.ERROR and any(w.kind in _WORKER_DEATHS for w in result.warnings):
            self.stats.crashed_files += 1
        if result.warnings:
            self.ctx.warn(len(result.warnings))
        self.ctx.advance(1, message=locator.split("/", 1)[-1] if "/" in locator else locator)
        if len(self.batch) >= RESULT_BATCH:
            self.flush()

    def tick(self) -> None:
        if self.batch and time.monotonic() - self.last > RESULT_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            write_results(self.store, self.batch, self.job_id)
            self.batch.clear()
        self.last = time.monotonic()

    def flush_after_failure(self) -> None:
        """Keep the results already received when the job stops early; when even that fails,
        the job's stats say how many were lost and why."""
        pending = len(self.batch)
        try:
            self.flush()
        except _STORE_FAILURES as exc:
            self.batch.clear()
            self.stats.notes.append(f"{pending} examined file(s) could not be stored when the job stopped "
                                    f"({type(exc).__name__}: {exc}); they stay 'pending' and are examined again.")


class _VolumeWalk:
    """Stores one volume's walked entries in batches, with the warnings of its listing."""

    def __init__(self, store: CaseStore, evidence: dict[str, Any], volume: dict[str, Any], job_id: int,
                 ctx: JobContext, stats: TriageStats) -> None:
        self.store, self.evidence, self.volume = store, evidence, volume
        self.job_id, self.ctx, self.stats = job_id, ctx, stats
        self.rows: list[tuple[Any, ...]] = []
        self.warnings: list[str] = []
        self.where = f"{evidence['uid']}:{volume['offset']}"

    def flush(self, status: str | None = None, failure: str | None = None) -> None:
        repo, evidence, volume = self.store.triage, self.evidence, self.volume
        summary = 0
        with self.store.transaction():
            repo.insert_walked_files(evidence["id"], volume["id"], self.rows)
            for message in self.warnings:
                repo.add_warning(source="fs.walk", message=message, job_id=self.job_id,
                                 evidence_id=evidence["id"], locator=self.where)
            if failure:
                repo.add_warning(source="fs.walk", kind=WarningKind.ERROR, job_id=self.job_id,
                                 evidence_id=evidence["id"], locator=self.where,
                                 message=f"The listing of the {volume['fs_type']} file system at byte "
                                 f"{volume['offset']} of {evidence['uid']} stopped: {failure}. The "
                                 f"{self.stats.files_walked} entries listed before are kept and examined.")
            if status:
                summary = _mark_no_content(self.store, evidence, volume, self.job_id)
                repo.set_volume_fs_status(volume["id"], status)
        self.ctx.warn(len(self.warnings) + (1 if failure else 0) + (1 if status and summary else 0))
        self.rows.clear()
        self.warnings.clear()


def _walk_volume(store: CaseStore, pool: WorkerPool, evidence: dict[str, Any], volume: dict[str, Any],
                 job_id: int, ctx: JobContext, stats: TriageStats) -> None:
    ctx.begin(f"listing files of {evidence['uid']} @ {volume['offset']}", unit="files")
    walk = _VolumeWalk(store, evidence, volume, job_id, ctx, stats)
    for event in pool.walk(evidence["path"], evidence["uid"], volume["offset"], volume["fs_type"] == "NTFS",
                           str(volume.get("layer") or "")):
        if isinstance(event, Entries):
            walk.rows.extend(event.rows)
            stats.files_walked += len(event.rows)
            ctx.advance(len(event.rows))
            if len(walk.rows) >= WALK_FLUSH:
                walk.flush()
            ctx.check_cancel()
        elif isinstance(event, WalkWarning):
            walk.warnings.append(event.text)
        elif isinstance(event, WalkDone):
            walk.flush("walked")
        elif isinstance(event, WalkFailed):
            walk.flush("error", event.reason)


def _say_locked(store: CaseStore, evidence: dict[str, Any], job_id: int, ctx: JobContext, stats: TriageStats) -> None:
    """Encrypted volumes still locked are not walked: the job says so (a stored warning and a note each)."""
    from ..fs.crypto import NEEDS, locked_volumes

    messages = [f"{evidence['uid']}: volume {number} at byte {row['offset']} was not examined; it is locked: "
                f"{row['fs_type']}, needs {NEEDS.get(str(row['fs_type']), 'a secret')} (forensic-triage evidence "
                f"unlock CASE {evidence['uid']} --volume {number})."
                for number, row in locked_volumes(store, int(evidence["id"])) if row["lock_state"] == "locked"]
    if messages:
        _store_job_warnings(store, job_id, "triage.locked", WarningKind.SKIPPED, messages)
        stats.notes.extend(messages)
        ctx.warn(len(messages))


def _mark_no_content(store: CaseStore, evidence: dict[str, Any], volume: dict[str, Any], job_id: int) -> int:
    """Entries with nothing to read get status 'no-content' (no digest of nothing, no warning each):
    deleted names whose metadata is gone (inode 0) and NTFS files whose data lives only in named
    streams, which are listed beside them. One summary warning per volume counts the deleted
    names, so the report's limitations say how many names had no content left. Returns 1 when
    that warning was stored."""
    count = store.triage.mark_no_content(volume["id"])
    if not count:
        return 0
    store.triage.add_warning(
        source="fs.walk", kind=WarningKind.WARNING, job_id=job_id, evidence_id=evidence["id"],
        locator=f"{evidence['uid']}:{volume['offset']}", details={"no_content_names": count},
        message=f"{count} deleted name(s) on the {volume['fs_type']} file system at byte {volume['offset']} of "
        f"{evidence['uid']} have no metadata left (inode 0 or an unreadable entry): no content is recoverable "
        "for them; they are listed with status 'no-content'.")
    return 1


def _tier_pages(store: CaseStore, evidence_id: int, tier: int, order: str) -> Iterator[dict[str, Any]]:
    """Pending files of one evidence item and tier, in read order, paged with a keyset so memory
    stays flat whatever the file count (the files_status index serves the physical order)."""
    passes: tuple[bool | None, ...] = (False, True) if order == "physical" else (None,)
    for by_block in passes:
        key: tuple[int, ...] = (-1, 0) if by_block else (0,)
        while True:
            rows = store.triage.pending_page(evidence_id, tier, after=key, limit=PAGE, by_block=by_block)
            if not rows:
                break
            last = rows[-1]
            key = (last["first_block"], last["id"]) if by_block else (last["id"],)
            yield from rows


def _spec(r: dict[str, Any], same_as: tuple[int, str] | None = None) -> FileSpec:
    return FileSpec(r["id"], r["inode"], r["attr_type"], r["attr_id"], r["stream"], r["path"], r["name"],
                    r["extension"], r["size"], not r["allocated"], r["mtime"], r["crtime"], same_as)


def _snapshot_parents(store: CaseStore, evidence_id: int) -> dict[int, int]:
    """Shadow copy volume id -> the id of the live volume it was copied from."""
    return {int(v["id"]): int(v["parent_id"]) for v in store.triage.layered_volumes(evidence_id)
            if snapshot_name(str(v["layer"]))}


def _units(store: CaseStore, evidences: list[dict[str, Any]], order: str, snapshots: bool,
           ids: Iterator[int]) -> Iterator[Unit]:
    """Work units: consecutive files (in read order) of one volume, bounded in count and bytes;
    those of live volumes, or (``snapshots``) those of shadow copies, each file with the examined
    live file of its path (``FileSpec.same_as``): when identical, it is not scanned again."""
    for tier in _TIER_ORDER:
        for ev in evidences:
            places = store.triage.volume_places(ev["id"])
            parents = _snapshot_parents(store, ev["id"])
            if snapshots and not parents:
                continue
            current: Unit | None = None
            volume_id = None
            size = 0
            for r in _tier_pages(store, ev["id"], tier, order):
                if (r["volume_id"] in parents) != snapshots:
                    continue
                if current is not None and (r["volume_id"] != volume_id or len(current.specs) >= UNIT_FILES
                                            or size + r["size"] > UNIT_BYTES):
                    yield current
                    current = None
                if current is None:
                    volume_id = r["volume_id"]
                    offset, layer = places[volume_id]
                    current = Unit(next(ids), ev["id"], ev["path"], ev["uid"], offset, [], [], layer=layer)
                    size = 0
                parent = parents.get(int(r["volume_id"])) if snapshots else None
                current.specs.append(_spec(r, None if parent is None else store.triage.examined_twin(parent, r["id"])))
                current.locators.append(r["locator"])
                size += r["size"]
            if current is not None:
                yield current


def _budget_report(store: CaseStore, job_id: int, budget: float) -> str:
    """Store exactly what a spent time budget left undone; returns the one-line summary."""
    rows = store.triage.pending_by_tier()
    folders = store.triage.pending_top_folders(50)
    total = sum(r["n"] for r in rows)
    total_bytes = sum(r["bytes"] for r in rows)
    parts = [f"{r['n']} in {TIER_NAMES[r['tier']]} of {r['uid']}" for r in rows]
    message = (f"The time budget of {budget:.0f} s was spent: {total} files ({total_bytes} bytes) were not examined"
               f" ({'; '.join(parts)}). They keep status 'pending'; run triage again to examine them.")
    details = {"budget_seconds": budget, "files": total, "bytes": total_bytes,
               "by_tier": [{"evidence": r["uid"], "tier": TIER_NAMES[r["tier"]], "files": r["n"], "bytes": r["bytes"]}
                           for r in rows],
               "top_folders": [{"evidence": r["uid"], "folder": r["folder"], "files": r["n"], "bytes": r["bytes"]}
                               for r in folders]}
    with store.transaction():
        store.triage.add_warning(source="budget", kind=WarningKind.SKIPPED, job_id=job_id, message=message,
                                 details=details)
    return message


def record_job_start(store: CaseStore, job_id: int, ready: Any, ctx: JobContext) -> None:
    """What a triage job records as it starts (local or lab mode): the rule set and hash sets of the
    job, for reports; plugin load problems and items an interrupted 'evidence add' left (named, not
    skipped silently); the engine's notes. ``ready`` is the workers' handshake."""
    from ..scan.setup import record_scan_provenance

    record_scan_provenance(store, job_id, ready.describe)
    unfinished = intake_problems(store)
    _store_job_warnings(store, job_id, "plugins", WarningKind.ERROR, list(ready.problems))
    _store_job_warnings(store, job_id, "intake", WarningKind.ERROR, unfinished)
    _store_job_warnings(store, job_id, "engine", WarningKind.WARNING, list(ready.notes))
    ctx.warn(len(ready.problems) + len(unfinished) + len(ready.notes))


def _store_job_warnings(store: CaseStore, job_id: int, source: str, kind: WarningKind, messages: list[str]) -> None:
    if messages:
        with store.transaction():
            for message in messages:
                store.triage.add_warning(source=source, message=message, kind=kind, job_id=job_id)


def run_triage(store: CaseStore, settings: TriageSettings | None = None, ctx: JobContext | None = None,
               command_line: str | None = None, budget_from: float | None = None) -> TriageStats:
    """Triage every evidence item in the case; resumes where an earlier run stopped.

    A time budget counts from ``budget_from`` (a ``time.monotonic()`` value; the command line passes
    its process's start, so the budget is the examiner's wall time), else from this call."""
    settings = settings or TriageSettings()
    ctx = ctx or JobContext()
    stats = TriageStats()
    started = time.monotonic()
    budget_start = min(started, budget_from) if budget_from is not None else started
    temp_root = tempfile.mkdtemp(prefix="ft-triage-")
    pool = WorkerPool(settings.jobs, settings.to_dict(), temp_root, settings.worker_memory_mb, settings.file_timeout)
    try:
        ctx.begin("starting worker processes")
        ready = pool.handshake()
        job_settings = settings.to_dict()
        job_settings["analyzers"] = ready.describe
        job_id = store.start_job("triage", job_settings, command_line or shlex.join(sys.argv))
        try:
            record_job_start(store, job_id, ready, ctx)
        except Exception as exc:  # the job started: it must not stay 'running'
            _end_job(store, job_id, JobOutcome.FAILED, stats, exc)
            raise
        except BaseException:
            _end_job(store, job_id, JobOutcome.INTERRUPTED, stats)
            raise
        _run(store, pool, settings, ctx, stats, job_id, started, budget_start)
    finally:
        pool.stop()
        shutil.rmtree(temp_root, ignore_errors=True)
    return stats


def _walk_all(store: CaseStore, pool: WorkerPool, evidences: list[dict[str, Any]], job_id: int, ctx: JobContext,
              stats: TriageStats) -> None:
    """Walk every volume not walked yet. While a young case is walked, the secondary indexes of
    ``files`` are built once at the end instead of row by row (benchmarks/walk_insert.py); they
    are rebuilt first thing on every run, so a walk killed in between loses none for good (SQLite
    cases only)."""
    repo = store.triage
    repo.set_cache_mib(WALK_CACHE_MIB)
    with store.transaction():
        repo.create_walk_indexes()
    # On PostgreSQL (a lab case) the indexes stay: other examiners and workers use the case while
    # it is walked, and dropping an index there takes a lock on the whole table.
    defer = (store.dialect == "sqlite" and repo.file_rows_estimate() < DEFER_INDEXES_BELOW
             and any(repo.volumes_to_walk(e["id"]) for e in evidences))
    if defer:
        with store.transaction():
            repo.drop_walk_indexes()
    try:
        for evidence in evidences:
            _say_locked(store, evidence, job_id, ctx, stats)
            for volume in repo.volumes_to_walk(evidence["id"]):
                _walk_volume(store, pool, evidence, volume, job_id, ctx, stats)
    finally:
        if defer:
            ctx.begin("indexing the file list", unit="files")
            with contextlib.suppress(*_STORE_FAILURES), store.transaction():
                repo.create_walk_indexes()


# Examination cost, one core, every analyzer (2 GiB reference image, benchmarks/budget_run.py):
_FILE_COST = 7e-4   # seconds per file, beside its bytes
_BYTE_COST = 2e-8   # seconds per byte read (about 50 MB/s)
_END_COST_PER_FILE = 8e-6  # the job's closing digest, per file in the case (0.3 s for 20,000 files and their rows)


class _BudgetClock:
    """When to stop sending work so that a time budget ends on time: the files already sent to the
    workers are examined to the end after dispatching stops (a result is never cut short), so
    dispatching stops as soon as draining them, at the pace measured so far in this run, would pass
    the deadline less ``reserve``, the time the end of the job takes (benchmarks/budget_run.py)."""

    def __init__(self, deadline: float, pool: WorkerPool, stats: TriageStats, reserve: float = 0.0) -> None:
        self.deadline, self.pool, self.stats = deadline - reserve, pool, stats
        self.began = time.monotonic()
        self.files0, self.bytes0 = stats.files_processed, stats.bytes_read

    def spent(self) -> bool:
        now = time.monotonic()
        if now >= self.deadline:
            return True
        elapsed = now - self.began
        files = self.stats.files_processed - self.files0
        size = self.stats.bytes_read - self.bytes0
        if elapsed < 0.5 or files < 8:
            return False  # no rate measured yet
        queued_files, queued_bytes = self.pool.queued()
        # Work as files x a per-file cost + bytes x a per-byte cost, scaled to the pace measured in
        # this run by all workers together.
        pace = elapsed / (files * _FILE_COST + size * _BYTE_COST)
        drain = (queued_files * _FILE_COST + queued_bytes * _BYTE_COST) * pace
        return now + drain >= self.deadline


def _examine(store: CaseStore, pool: WorkerPool, settings: TriageSettings, ctx: JobContext, stats: TriageStats,
             writer: _Writer, budget_start: float) -> None:
    """Walk what is not walked yet, then examine every pending file (the body of a triage job)."""
    deadline = budget_start + settings.budget_seconds if settings.budget_seconds else None
    evidences = store.triage.evidence_to_triage()
    _walk_all(store, pool, evidences, writer.job_id, ctx, stats)
    ctx.begin("examining files", total=store.triage.pending_count(), unit="files")

    def tick() -> None:
        writer.tick()
        ctx.check_cancel()

    ids = itertools.count(1)
    finished = True
    # The end of the job reads every row of the case for its digest anchor (store/digest.py).
    reserve = store.triage.file_rows_estimate() * _END_COST_PER_FILE
    spent = _BudgetClock(deadline, pool, stats, reserve) if deadline is not None else None
    for snapshots in (False, True):  # shadow copies once every live file is examined and stored
        finished = pool.process(_units(store, evidences, settings.read_order, snapshots, ids), writer.add,
                                spent.spent if spent is not None else lambda: False, tick)
        writer.flush()
        if not finished:
            break
    _flag_snapshot_files(store, evidences)
    _name_damaged_files(store, evidences, writer.job_id)
    if not finished and settings.budget_seconds:
        stats.budget_exhausted = True
        stats.notes.append(_budget_report(store, writer.job_id, settings.budget_seconds))


def _run(store: CaseStore, pool: WorkerPool, settings: TriageSettings, ctx: JobContext, stats: TriageStats,
         job_id: int, started: float, budget_start: float) -> None:
    outcome = JobOutcome.COMPLETED
    reason: BaseException | None = None
    writer = _Writer(store, job_id, ctx, stats)
    try:
        _examine(store, pool, settings, ctx, stats, writer, budget_start)
    except Cancelled:
        outcome = JobOutcome.CANCELLED
        raise
    except Exception as exc:  # a TriageError or an engine bug: the job failed (stated), the results so far are kept
        outcome, reason = JobOutcome.FAILED, exc
        raise
    except BaseException:
        outcome = JobOutcome.INTERRUPTED
        raise
    finally:
        if outcome != JobOutcome.COMPLETED:
            writer.flush_after_failure()  # results already received are complete: keep them
        ctx.finish()
        stats.seconds = round(time.monotonic() - started, 3)
        failure = _end_job(store, job_id, outcome, stats, reason)
        if failure is not None and outcome == JobOutcome.COMPLETED:
            raise TriageError(
                f"Every file was examined and the results are stored, but the end of the triage job could not be "
                f"recorded ({failure}).", hint="Check the free space and permissions of the case folder, then run "
                "'forensic-triage verify CASE'.") from failure


def _flag_snapshot_files(store: CaseStore, evidences: list[dict[str, Any]]) -> None:
    """Flag the entries of every shadow copy against its live volume: ``vss-only``, ``vss-changed``
    (see :meth:`TriageRepo.flag_snapshot_files`); again on each run (flags are added once)."""
    for evidence in evidences:
        parents = _snapshot_parents(store, int(evidence["id"]))
        with store.transaction():
            for volume_id, parent_id in parents.items():
                store.triage.flag_snapshot_files(volume_id, parent_id)


def _name_damaged_files(store: CaseStore, evidences: list[dict[str, Any]], job_id: int) -> None:
    """Once files are listed, name those holding data in sectors intake found damaged (E01 chunks
    that failed their checksums), as stored warnings: the report and 'warnings' show them without
    reopening the evidence. Each sentence is stored once, also across resumed runs."""
    from ..jobs.byteranges import bad_ranges, damaged_file_notes

    for evidence in evidences:
        if not bad_ranges(store, int(evidence["id"])):
            continue
        notes = damaged_file_notes(store, int(evidence["id"]))
        known = store.triage.damage_notes(int(evidence["id"]))
        with store.transaction():
            for note in notes:
                if note not in known:
                    store.triage.add_warning(source="evidence.damage", kind=WarningKind.INTEGRITY, message=note,
                                             job_id=job_id, evidence_id=int(evidence["id"]))


def _final_counts(store: CaseStore, job_id: int, stats: TriageStats) -> None:
    """Files left pending and warnings of the job, into its stats; when the case database cannot
    count them, the stats say so (the counts stay as they were)."""
    try:
        stats.remaining = store.triage.pending_count()
        stats.warnings = store.triage.job_warning_count(job_id)
    except _STORE_FAILURES as exc:
        stats.notes.append(f"The files left and the warnings of this job could not be counted ({exc}).")


def _end_job(store: CaseStore, job_id: int, outcome: JobOutcome, stats: TriageStats,
             reason: BaseException | None = None) -> BaseException | None:
    """Record the end of a job; returns None, or the exception that stopped it being recorded.

    A job must never stay 'running' because its end could not be written: when ``end_job``
    raises, the job is marked 'failed' with a stored warning saying why, in a plain update.
    (When the case database refuses every write, the job is left 'running' and the next start
    reports it as interrupted.) A failed job also stores the reason it failed."""
    _final_counts(store, job_id, stats)
    if reason is not None:
        try:
            with store.transaction():
                store.triage.add_warning(source="engine", kind=WarningKind.ERROR, job_id=job_id,
                                         message=f"The triage job failed: {reason}", details={"error": repr(reason)})
            stats.warnings += 1
        except _STORE_FAILURES as exc:
            stats.notes.append(f"The reason this job failed could not be stored ({exc}): {reason!r}")
    try:
        store.end_job(job_id, outcome, stats.as_dict())
        return None
    except _STORE_FAILURES as exc:
        failure = exc
    try:
        with store.transaction():
            store.triage.add_warning(
                source="engine", kind=WarningKind.ERROR, job_id=job_id, details={"outcome": outcome,
                                                                                "error": repr(failure)},
                message=f"The end of this triage job ({outcome}) could not be recorded ({type(failure).__name__}: "
                f"{failure}); the job is marked 'failed'.")
            store.triage.mark_job_failed(job_id, stats.as_dict())
    except _STORE_FAILURES:
        return failure  # the case database refuses every write: the next start reports the job interrupted
    return failure
