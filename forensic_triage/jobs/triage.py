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

import dataclasses
import json
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

from ..errors import Cancelled, TriageError
from ..evidence.intake import intake_problems
from ..model import NO_DATA_STREAM, NO_META, FileResult
from ..store import CaseStore
from ..timeutil import utcnow_iso
from .context import JobContext
from .pool import Unit, WorkerPool
from .settings import TriageSettings
from .writer import write_results

WALK_FLUSH = 5000
RESULT_BATCH = 200
RESULT_SECONDS = 1.0
UNIT_FILES = 48
UNIT_BYTES = 32 * 1024 * 1024
PAGE = 2000

_INSERT_FILE = (
    "INSERT OR IGNORE INTO files(evidence_id, volume_id, locator, partition_offset, inode, attr_type, attr_id, stream,"
    " path, name, name_raw, parent_path, extension, size, allocated, meta_allocated, type, mode, uid, gid,"
    " mtime, atime, ctime, crtime, first_block, flags, status, time_basis)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _like_any(prefixes: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f"path LIKE '{p}%'" for p in prefixes) + ")"


# (name, SQL predicate on files.path) in order of value; LIKE is case-insensitive for ASCII.
_ARTIFACT_PLACES = (
    "/Windows/System32/config/", "/WINNT/System32/config/", "/Windows/Prefetch/", "/Windows/System32/winevt/",
    "/Windows/appcompat/", "/Windows/System32/sru/", "/Windows/System32/Tasks/", "/$Recycle.Bin/", "/RECYCLER/",
    "/Recycled/", "/ProgramData/Microsoft/Windows/Start Menu/", "/var/log/", "/etc/", "/Library/Preferences/",
    "/private/var/log/", "/private/etc/",
)
_PROFILE_ARTIFACTS = ("NTUSER.DAT", "AppData/", "Application Data/", "Local Settings/", "Recent/", ".bash_history",
                      ".zsh_history", ".mozilla/", ".config/", "Library/")
_PROFILES = ("/Users/", "/Documents and Settings/", "/home/", "/root/")
_BULK = ("/Windows/", "/WINNT/", "/Program Files", "/ProgramData/", "/usr/", "/lib/", "/lib64/", "/opt/",
         "/System/", "/Applications/", "/$Extend/", "/System Volume Information/")
_PROFILE_ARTIFACT_SQL = "(" + " OR ".join(
    f"path LIKE '{p}%/{a}%'" for p in _PROFILES for a in _PROFILE_ARTIFACTS) + ")"
TIERS: tuple[tuple[str, str], ...] = (
    ("artifact locations", f"({_like_any(_ARTIFACT_PLACES)} OR {_PROFILE_ARTIFACT_SQL})"),
    ("user profiles", _like_any(_PROFILES)),
    ("other files", "1"),
    ("system and program folders", _like_any(_BULK)),
)
_TIER_CASE = ("CASE WHEN " + TIERS[0][1] + " THEN 0 WHEN " + TIERS[1][1] + " THEN 1 WHEN " + TIERS[3][1]
              + " THEN 3 ELSE 2 END")
_TIER_ORDER = (0, 1, 2, 3)
_UID = "(SELECT uid FROM evidence WHERE evidence.id = files.evidence_id)"


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
        if result.status == "error" and any(w.kind in ("crash", "timeout", "memory") for w in result.warnings):
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


def _walk_volume(store: CaseStore, pool: WorkerPool, evidence: dict[str, Any], volume: dict[str, Any],
                 job_id: int, ctx: JobContext, stats: TriageStats) -> None:
    ctx.begin(f"listing files of {evidence['uid']} @ {volume['offset']}", unit="files")
    rows: list[tuple[Any, ...]] = []
    warnings: list[str] = []
    ids = (evidence["id"], volume["id"])
    where = f"{evidence['uid']}:{volume['offset']}"

    def flush(status: str | None = None, failure: str | None = None) -> None:
        summary = 0
        with store.transaction() as conn:
            conn.executemany(_INSERT_FILE, [ids + r for r in rows])
            for message in warnings:
                store.add_warning(conn, source="fs.walk", message=message, job_id=job_id,
                                  evidence_id=evidence["id"], locator=where)
            if failure:
                store.add_warning(conn, source="fs.walk", kind="error", job_id=job_id, evidence_id=evidence["id"],
                                  locator=where, message=f"The listing of the {volume['fs_type']} file system at byte "
                                  f"{volume['offset']} of {evidence['uid']} stopped: {failure}. The "
                                  f"{stats.files_walked} entries listed before are kept and examined.")
            if status:
                summary = _mark_no_content(store, conn, evidence, volume, job_id)
                conn.execute("UPDATE volumes SET fs_status=? WHERE id=?", (status, volume["id"]))
        ctx.warn(len(warnings) + (1 if failure else 0) + (1 if status and summary else 0))
        rows.clear()
        warnings.clear()

    for kind, value in pool.walk(evidence["path"], evidence["uid"], volume["offset"], volume["fs_type"] == "NTFS"):
        if kind == "entries":
            rows.extend(value)
            stats.files_walked += len(value)
            ctx.advance(len(value))
            if len(rows) >= WALK_FLUSH:
                flush()
            ctx.check_cancel()
        elif kind == "warning":
            warnings.append(value)
        elif kind == "done":
            flush("walked")
        elif kind == "failed":
            flush("error", value)


def _mark_no_content(store: CaseStore, conn: Any, evidence: dict[str, Any], volume: dict[str, Any],
                     job_id: int) -> int:
    """Entries with nothing to read get status 'no-content' (no digest of nothing, no warning each):
    deleted names whose metadata is gone (inode 0) and NTFS files whose data lives only in named
    streams, which are listed beside them. One summary warning per volume counts the deleted
    names, so the report's limitations say how many names had no content left. Returns 1 when
    that warning was stored."""
    conn.execute(
        "UPDATE files SET status='no-content' WHERE volume_id=? AND status='pending' AND ("
        f"(',' || flags || ',') LIKE '%,{NO_META},%' OR (',' || flags || ',') LIKE '%,{NO_DATA_STREAM},%')",
        (volume["id"],))
    count = int(conn.execute(
        "SELECT count(*) FROM files WHERE volume_id=? AND status='no-content' AND"
        f" (',' || flags || ',') LIKE '%,{NO_META},%'", (volume["id"],)).fetchone()[0])
    if not count:
        return 0
    store.add_warning(
        conn, source="fs.walk", kind="warning", job_id=job_id, evidence_id=evidence["id"],
        locator=f"{evidence['uid']}:{volume['offset']}", details={"no_content_names": count},
        message=f"{count} deleted name(s) on the {volume['fs_type']} file system at byte {volume['offset']} of "
        f"{evidence['uid']} have no metadata left (inode 0 or an unreadable entry): no content is recoverable "
        "for them; they are listed with status 'no-content'.")
    return 1


def _tier_pages(store: CaseStore, evidence_id: int, tier: int, order: str) -> Iterator[Any]:
    """Pending files of one evidence item and tier, in read order, paged with a keyset so memory
    stays flat whatever the file count (the files_status index serves the physical order)."""
    cols = ("SELECT id, locator, volume_id, inode, attr_type, attr_id, stream, path, name, extension, size,"
            " allocated, mtime, crtime, first_block FROM files")
    base = f" WHERE evidence_id=? AND status='pending' AND {_TIER_CASE} = ?"
    if order == "physical":
        passes = [(base + " AND first_block IS NULL AND id > ? ORDER BY id", False),
                  (base + " AND first_block IS NOT NULL AND (first_block, id) > (?, ?) ORDER BY first_block, id",
                   True)]
    else:
        passes = [(base + " AND id > ? ORDER BY id", False)]
    for sql, physical in passes:
        key: tuple[int, ...] = (-1, 0) if physical else (0,)
        while True:
            rows = store.query(cols + sql + f" LIMIT {PAGE}", (evidence_id, tier, *key))
            if not rows:
                break
            last = rows[-1]
            key = (last["first_block"], last["id"]) if physical else (last["id"],)
            yield from rows


def _units(store: CaseStore, evidences: list[dict[str, Any]], order: str) -> Iterator[Unit]:
    """Work units: consecutive files (in read order) of one volume, bounded in count and bytes."""
    unit_id = 0
    for tier in _TIER_ORDER:
        for ev in evidences:
            offsets = {v["id"]: v["offset"] for v in store.query("SELECT id, offset FROM volumes WHERE evidence_id=?",
                                                                  (ev["id"],))}
            current: Unit | None = None
            volume_id = None
            size = 0
            for r in _tier_pages(store, ev["id"], tier, order):
                if current is not None and (r["volume_id"] != volume_id or len(current.specs) >= UNIT_FILES
                                            or size + r["size"] > UNIT_BYTES):
                    yield current
                    current = None
                if current is None:
                    unit_id += 1
                    volume_id = r["volume_id"]
                    current = Unit(unit_id, ev["id"], ev["path"], ev["uid"], offsets[volume_id], [], [])
                    size = 0
                current.specs.append((r["id"], r["inode"], r["attr_type"], r["attr_id"], r["stream"], r["path"],
                                      r["name"], r["extension"], r["size"], not r["allocated"], r["mtime"],
                                      r["crtime"]))
                current.locators.append(r["locator"])
                size += r["size"]
            if current is not None:
                yield current


def _budget_report(store: CaseStore, job_id: int, budget: float) -> str:
    """Store exactly what a spent time budget left undone; returns the one-line summary."""
    rows = store.query(
        f"SELECT {_UID} AS uid, {_TIER_CASE} AS tier, count(*) AS n, coalesce(sum(size), 0) AS bytes FROM files"
        " WHERE status='pending' GROUP BY uid, tier ORDER BY uid, tier")
    folders = store.query(
        f"SELECT {_UID} AS uid, substr(path, 1, CASE WHEN instr(substr(path, 2), '/') > 0"
        " THEN instr(substr(path, 2), '/') ELSE length(path) END) AS folder, count(*) AS n,"
        " coalesce(sum(size), 0) AS bytes FROM files"
        " WHERE status='pending' GROUP BY uid, folder ORDER BY n DESC LIMIT 50")
    total = sum(r["n"] for r in rows)
    total_bytes = sum(r["bytes"] for r in rows)
    parts = [f"{r['n']} in {TIERS[r['tier']][0]} of {r['uid']}" for r in rows]
    message = (f"The time budget of {budget:.0f} s was spent: {total} files ({total_bytes} bytes) were not examined"
               f" ({'; '.join(parts)}). They keep status 'pending'; run triage again to examine them.")
    details = {"budget_seconds": budget, "files": total, "bytes": total_bytes,
               "by_tier": [{"evidence": r["uid"], "tier": TIERS[r["tier"]][0], "files": r["n"], "bytes": r["bytes"]}
                           for r in rows],
               "top_folders": [{"evidence": r["uid"], "folder": r["folder"], "files": r["n"], "bytes": r["bytes"]}
                               for r in folders]}
    with store.transaction() as conn:
        store.add_warning(conn, source="budget", kind="skipped", job_id=job_id, message=message, details=details)
    return message


def run_triage(store: CaseStore, settings: TriageSettings | None = None, ctx: JobContext | None = None,
               command_line: str | None = None) -> TriageStats:
    """Triage every evidence item in the case; resumes where an earlier run stopped."""
    settings = settings or TriageSettings()
    ctx = ctx or JobContext()
    stats = TriageStats()
    started = time.monotonic()
    temp_root = tempfile.mkdtemp(prefix="ft-triage-")
    pool = WorkerPool(settings.jobs, settings.to_dict(), temp_root, settings.worker_memory_mb, settings.file_timeout)
    try:
        ctx.begin("starting worker processes")
        describe, problems = pool.handshake()
        job_settings = settings.to_dict()
        job_settings["analyzers"] = describe
        job_id = store.start_job("triage", job_settings, command_line or shlex.join(sys.argv))
        try:
            from ..scan.setup import record_scan_provenance  # rule set and hash sets of the job, for reports

            record_scan_provenance(store, job_id, describe)
            if problems:
                with store.transaction() as conn:
                    for message in problems:
                        store.add_warning(conn, source="plugins", message=message, kind="error", job_id=job_id)
                ctx.warn(len(problems))
            unfinished = intake_problems(store)  # items an interrupted 'evidence add' left: named, not skipped silently
            if unfinished:
                with store.transaction() as conn:
                    for message in unfinished:
                        store.add_warning(conn, source="intake", message=message, kind="error", job_id=job_id)
                ctx.warn(len(unfinished))
        except Exception as exc:  # the job started: it must not stay 'running'
            _end_job(store, job_id, "failed", stats, exc)
            raise
        except BaseException:
            _end_job(store, job_id, "interrupted", stats)
            raise
        _run(store, pool, settings, ctx, stats, job_id, started)
    finally:
        pool.stop()
        shutil.rmtree(temp_root, ignore_errors=True)
    return stats


def _run(store: CaseStore, pool: WorkerPool, settings: TriageSettings, ctx: JobContext, stats: TriageStats,
         job_id: int, started: float) -> None:
    outcome = "completed"
    reason: BaseException | None = None
    writer = _Writer(store, job_id, ctx, stats)
    deadline = started + settings.budget_seconds if settings.budget_seconds else None
    try:
        evidences = [dict(ev) for ev in store.query(
            "SELECT * FROM evidence WHERE intake_state = 'complete' ORDER BY id")]
        for evidence in evidences:
            for volume in store.query("SELECT * FROM volumes WHERE evidence_id=? AND fs_type IS NOT NULL"
                                      " AND fs_status='pending' ORDER BY offset", (evidence["id"],)):
                _walk_volume(store, pool, evidence, dict(volume), job_id, ctx, stats)
        total = int(store.scalar("SELECT count(*) FROM files WHERE status='pending'") or 0)
        ctx.begin("examining files", total=total, unit="files")

        def tick() -> None:
            writer.tick()
            ctx.check_cancel()

        finished = pool.process(_units(store, evidences, settings.read_order), writer.add,
                                lambda: deadline is not None and time.monotonic() > deadline, tick)
        writer.flush()
        _name_damaged_files(store, evidences, job_id)
        if not finished and settings.budget_seconds:
            stats.budget_exhausted = True
            stats.notes.append(_budget_report(store, job_id, settings.budget_seconds))
    except Cancelled:
        outcome = "cancelled"
        raise
    except TriageError as exc:
        outcome, reason = "failed", exc
        raise
    except Exception as exc:  # an engine bug: the job failed (stated), the results so far are kept
        outcome, reason = "failed", exc
        raise
    except BaseException:
        outcome = "interrupted"
        raise
    finally:
        if outcome != "completed":
            try:
                writer.flush()  # results already received are complete: keep them
            except (TriageError, Exception):
                pass
        ctx.finish()
        stats.seconds = round(time.monotonic() - started, 3)
        failure = _end_job(store, job_id, outcome, stats, reason)
        if failure is not None and outcome == "completed":
            raise TriageError(
                f"Every file was examined and the results are stored, but the end of the triage job could not be "
                f"recorded ({failure}).", hint="Check the free space and permissions of the case folder, then run "
                "'forensic-triage verify CASE'.") from failure


def _name_damaged_files(store: CaseStore, evidences: list[dict[str, Any]], job_id: int) -> None:
    """Once files are listed, name those holding data in sectors intake found damaged (E01 chunks
    that failed their checksums), as stored warnings: the report and 'warnings' show them without
    reopening the evidence. Each sentence is stored once, also across resumed runs."""
    from ..fs.byteranges import bad_ranges, damaged_file_notes

    for evidence in evidences:
        if not bad_ranges(store, int(evidence["id"])):
            continue
        notes = damaged_file_notes(store, int(evidence["id"]))
        known = {str(r[0]) for r in store.query(
            "SELECT message FROM warnings WHERE evidence_id=? AND source='evidence.damage'", (evidence["id"],))}
        with store.transaction() as conn:
            for note in notes:
                if note not in known:
                    store.add_warning(conn, source="evidence.damage", kind="integrity", message=note,
                                      job_id=job_id, evidence_id=int(evidence["id"]))


def _end_job(store: CaseStore, job_id: int, outcome: str, stats: TriageStats,
             reason: BaseException | None = None) -> BaseException | None:
    """Record the end of a job; returns None, or the exception that stopped it being recorded.

    A job must never stay 'running' because its end could not be written: when ``end_job``
    raises, the job is marked 'failed' with a stored warning saying why, in a plain update.
    (When the case database refuses every write, the job is left 'running' and the next start
    reports it as interrupted.) A failed job also stores the reason it failed."""
    for query, attr in (("SELECT count(*) FROM files WHERE status='pending'", "remaining"),
                        ("SELECT count(*) FROM warnings WHERE job_id=?", "warnings")):
        try:
            setattr(stats, attr, int(store.scalar(query, (job_id,) if "?" in query else ()) or 0))
        except Exception:
            pass
    if reason is not None:
        try:
            with store.transaction() as conn:
                store.add_warning(conn, source="engine", kind="error", job_id=job_id,
                                  message=f"The triage job failed: {reason}", details={"error": repr(reason)})
            stats.warnings += 1
        except Exception:
            pass
    try:
        store.end_job(job_id, outcome, stats.as_dict())
        return None
    except Exception as exc:
        failure = exc
    try:
        with store.transaction() as conn:
            store.add_warning(
                conn, source="engine", kind="error", job_id=job_id, details={"outcome": outcome, "error": repr(failure)},
                message=f"The end of this triage job ({outcome}) could not be recorded ({type(failure).__name__}: "
                f"{failure}); the job is marked 'failed'.")
            conn.execute("UPDATE jobs SET ended_utc=?, outcome='failed', stats=? WHERE id=?",
                         (utcnow_iso(), json.dumps(stats.as_dict(), sort_keys=True, default=str), job_id))
    except Exception:
        pass
    return failure
