"""The triage job: walk every file system, then give each file stream its single read.

Resumable by construction: walked entries are inserted idempotently (unique locator) and a
volume is marked walked only when its walk completes; each file's results land together with
its ``status='done'`` in one transaction. A run killed at any moment loses at most the files
in flight, and running triage again finishes exactly what was left.
"""

from __future__ import annotations

import dataclasses
import shlex
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytsk3

from ..errors import Cancelled, TriageError
from ..evidence.images import TskImage, open_media
from ..fs.walker import Walker
from ..model import FileEntry, FileResult, Locator
from ..pipeline.filework import FileProcessor
from ..store import CaseStore
from .context import JobContext
from .settings import TriageSettings
from .setup import build_analyzers
from .writer import write_results

WALK_BATCH = 2000
RESULT_BATCH = 200
RESULT_SECONDS = 1.0

_INSERT_FILE = (
    "INSERT OR IGNORE INTO files(evidence_id, volume_id, locator, partition_offset, inode, attr_type, attr_id, stream,"
    " path, name, name_raw, parent_path, extension, size, allocated, meta_allocated, type, mode, uid, gid,"
    " mtime, atime, ctime, crtime, first_block, flags, status)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


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

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _file_row(entry: FileEntry, evidence_id: int, volume_id: int) -> tuple[Any, ...]:
    loc = entry.locator
    status = "pending" if entry.type == "file" else "n/a"
    return (evidence_id, volume_id, str(loc), loc.partition_offset, loc.inode, loc.attr_type, loc.attr_id,
            loc.stream, loc.path, entry.name, entry.name_raw, entry.parent_path, entry.extension, entry.size,
            int(entry.allocated), int(entry.meta_allocated), entry.type, entry.mode, entry.uid, entry.gid,
            entry.mtime, entry.atime, entry.ctime, entry.crtime, entry.first_block, entry.flags, status)


def walk_volume(store: CaseStore, fs: pytsk3.FS_Info, evidence: dict[str, Any], volume: dict[str, Any],
                job_id: int, ctx: JobContext, stats: TriageStats) -> None:
    walker_warnings: list[str] = []
    walker = Walker(fs, evidence["uid"], volume["offset"], ntfs=volume["fs_type"] == "NTFS",
                    on_warning=walker_warnings.append)
    batch: list[tuple[Any, ...]] = []

    def flush() -> None:
        with store.transaction() as conn:
            conn.executemany(_INSERT_FILE, batch)
            for message in walker_warnings:
                store.add_warning(conn, source="fs.walk", message=message, job_id=job_id,
                                  evidence_id=evidence["id"], locator=f"{evidence['uid']}:{volume['offset']}")
        batch.clear()
        walker_warnings.clear()

    for entry in walker.walk():
        batch.append(_file_row(entry, evidence["id"], volume["id"]))
        stats.files_walked += 1
        ctx.advance(1)
        if len(batch) >= WALK_BATCH:
            flush()
            ctx.check_cancel()
    flush()
    with store.transaction() as conn:
        conn.execute("UPDATE volumes SET fs_status='walked' WHERE id=?", (volume["id"],))


def _pending(store: CaseStore, volume_id: int, order: str) -> Iterator[dict[str, Any]]:
    """Pending files of a volume, by physical position of their data (or walk order), paged
    with a keyset so memory stays flat whatever the file count."""
    key = "coalesce(first_block, -1)" if order == "physical" else "0"
    last = (-2, 0)
    while True:
        rows = store.query(
            f"SELECT id, locator, inode, attr_type, attr_id, stream, path, name, extension, size, allocated,"
            f" mtime, crtime, {key} AS k FROM files WHERE volume_id=? AND status='pending'"
            f" AND ({key}, id) > (?, ?) ORDER BY {key}, id LIMIT 2000",
            (volume_id, *last),
        )
        if not rows:
            return
        last = (rows[-1]["k"], rows[-1]["id"])
        yield from (dict(r) for r in rows)


def run_triage(store: CaseStore, settings: TriageSettings | None = None, ctx: JobContext | None = None,
               command_line: str | None = None) -> TriageStats:
    """Triage every evidence item in the case; resumes where an earlier run stopped."""
    settings = settings or TriageSettings()
    ctx = ctx or JobContext()
    stats = TriageStats()
    started = time.monotonic()
    analyzers, problems = build_analyzers(settings)
    job_settings = settings.to_dict()
    job_settings["analyzers"] = {a.name: a.describe() for a in analyzers}
    job_id = store.start_job("triage", job_settings, command_line or shlex.join(sys.argv))
    if problems:
        with store.transaction() as conn:
            for message in problems:
                store.add_warning(conn, source="plugins", message=message, kind="error", job_id=job_id)
        ctx.warn(len(problems))
    processor = FileProcessor(analyzers)
    outcome = "completed"
    try:
        for ev in store.query("SELECT * FROM evidence ORDER BY id"):
            evidence = dict(ev)
            volumes = [dict(v) for v in store.query(
                "SELECT * FROM volumes WHERE evidence_id=? AND fs_type IS NOT NULL ORDER BY offset", (evidence["id"],))]
            if not volumes:
                continue
            media = open_media(evidence["path"])
            try:
                img = TskImage(media)
                for volume in volumes:
                    try:
                        fs = pytsk3.FS_Info(img, offset=volume["offset"])
                    except OSError as exc:
                        with store.transaction() as conn:
                            conn.execute("UPDATE volumes SET fs_status='error' WHERE id=?", (volume["id"],))
                            store.add_warning(conn, source="fs", kind="error", job_id=job_id, evidence_id=evidence["id"],
                                              message=f"The {volume['fs_type']} file system at byte {volume['offset']} "
                                                      f"cannot be opened: {exc}")
                        continue
                    if volume["fs_status"] == "pending":
                        ctx.begin(f"listing files of {evidence['uid']} @ {volume['offset']}", unit="files")
                        walk_volume(store, fs, evidence, volume, job_id, ctx, stats)
                    _process_volume(store, fs, processor, evidence, volume, settings, job_id, ctx, stats)
            finally:
                media.close()
    except Cancelled:
        outcome = "cancelled"
        raise
    except TriageError:
        outcome = "failed"
        raise
    except BaseException:
        outcome = "interrupted"
        raise
    finally:
        stats.seconds = round(time.monotonic() - started, 3)
        stats.remaining = int(store.scalar("SELECT count(*) FROM files WHERE status='pending'") or 0)
        stats.warnings = int(store.scalar("SELECT count(*) FROM warnings WHERE job_id=?", (job_id,)) or 0)
        try:
            store.end_job(job_id, outcome, stats.as_dict())
        except TriageError:
            pass
    return stats


def _process_volume(store: CaseStore, fs: pytsk3.FS_Info, processor: FileProcessor, evidence: dict[str, Any],
                    volume: dict[str, Any], settings: TriageSettings, job_id: int, ctx: JobContext,
                    stats: TriageStats) -> None:
    total = int(store.scalar("SELECT count(*) FROM files WHERE volume_id=? AND status='pending'", (volume["id"],)) or 0)
    if not total:
        return
    ctx.begin(f"examining files of {evidence['uid']} @ {volume['offset']}", total=total, unit="files")
    batch: list[tuple[FileResult, str, int]] = []
    last_flush = time.monotonic()
    for row in _pending(store, volume["id"], settings.read_order):
        loc = Locator(evidence["uid"], volume["offset"], row["inode"], row["attr_type"], row["attr_id"],
                      row["stream"], row["path"])
        result = processor.process(fs, row["id"], loc, name=row["name"], extension=row["extension"],
                                   size=row["size"], deleted=not row["allocated"], mtime=row["mtime"],
                                   crtime=row["crtime"])
        batch.append((result, row["locator"], evidence["id"]))
        stats.files_processed += 1
        stats.bytes_read += result.bytes_read
        stats.hits += len(result.hits)
        stats.artifacts += len(result.artifacts)
        if result.warnings:
            ctx.warn(len(result.warnings))
        ctx.advance(1, message=row["path"])
        if len(batch) >= RESULT_BATCH or time.monotonic() - last_flush > RESULT_SECONDS:
            write_results(store, batch, job_id)
            batch.clear()
            last_flush = time.monotonic()
            ctx.check_cancel()
    if batch:
        write_results(store, batch, job_id)
