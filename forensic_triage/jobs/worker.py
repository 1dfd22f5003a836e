"""The worker process: walks file systems and examines files, isolated from the examiner's session.

Everything that hands evidence bytes to C libraries (The Sleuth Kit on a damaged volume,
libmagic, YARA, libyal parsers inside extractors) runs here. A worker that segfaults,
aborts, hangs or runs out of its memory allowance dies alone: the parent
(:mod:`forensic_triage.jobs.pool`) sees it, records which file and which plugin were in
flight (from the shared status slot this module keeps up to date), and starts a new worker.

The messages it exchanges with the parent are defined in :mod:`.protocol` (one module for
both sides).

The worker never writes the case database; the parent is the single writer.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..model import FileResult, FileSource, FileStatus, Locator, WarningKind, WarningRecord
from .protocol import (
    Entries,
    Fatal,
    FileSpec,
    Ready,
    Stop,
    UnitRequest,
    UnitResults,
    WalkDone,
    WalkFailed,
    WalkRequest,
    WalkWarning,
)

WALK_BATCH = 1000
# A unit's results go to the parent in batches (one message, one pickle): at most RESULT_FILES
# results, sent once the batch's first result is RESULT_SECONDS old (checked between files) and
# at the end of the unit. The parent's CPU per file is what bounds scaling on many cores
# (benchmarks/scaling.py); the bound in time keeps progress and the first findings prompt.
RESULT_FILES = 64
RESULT_SECONDS = 0.25
RESULT_FILES_ENV = "FT_WORKER_RESULT_FILES"  # tests: a smaller batch, so a crash can follow a sent batch
STAGE_BYTES = 160
MEMORY_STAGE = "memory: "  # prefix of the stage text of a worker that ran out of memory
EXIT_MEMORY = 3  # exit code of a worker that ran out of memory

__all__ = ["EXIT_MEMORY", "MEMORY_STAGE", "STAGE_BYTES", "FileSpec", "StatusSlot", "entry_row", "walk_rows", "worker_main"]


@dataclasses.dataclass(slots=True)
class StatusSlot:
    """Shared memory the parent reads after a crash or while watching for hangs.

    ``nums`` = [file id in flight (0 = idle), CLOCK_MONOTONIC time it started];
    ``stage`` = what is running on it ("read", "libmagic", "analyzer yara", "plugin windows.prefetch").
    CLOCK_MONOTONIC is system-wide on Linux, so parent and worker clocks agree.
    """

    nums: Any  # multiprocessing RawArray('d', 2)
    stage: Any  # multiprocessing RawArray('c', STAGE_BYTES)

    def set_file(self, file_id: int) -> None:
        self.stage.value = b"read"
        self.nums[1] = time.monotonic()
        self.nums[0] = float(file_id)

    def set_stage(self, text: str) -> None:
        self.stage.value = text.encode("utf-8", "replace")[: STAGE_BYTES - 1]

    def idle(self) -> None:
        self.nums[0] = 0.0

    def read(self) -> tuple[int, float, str]:
        return int(self.nums[0]), float(self.nums[1]), self.stage.value.decode("utf-8", "replace")


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies (kill -9 of the triage)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _limit_memory(memory_mb: int) -> str | None:
    """Set the worker's address-space limit; returns why it could not be set (a note the parent
    stores as a warning), or None."""
    if memory_mb <= 0:
        return None
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as exc:
        return (f"The worker memory limit of {memory_mb} MiB could not be set ({type(exc).__name__}: {exc}); "
                "the workers ran without it.")
    return None


class _Worker:
    def __init__(self, conn: Connection, slot: StatusSlot, settings: dict[str, Any], temp_root: str) -> None:
        from ..pipeline.filework import FileProcessor
        from .settings import TriageSettings
        from .setup import build_analyzers

        self.conn = conn
        self.slot = slot
        self.settings = TriageSettings.from_dict(settings)
        analyzers, problems = build_analyzers(self.settings, Path(temp_root))
        self.analyzers = analyzers
        self.problems = problems
        for analyzer in analyzers:
            run_one = getattr(analyzer, "run_one", None)
            if callable(run_one):
                analyzer.run_one = self._staged(run_one)  # type: ignore[attr-defined]
        self.processor = FileProcessor(analyzers, on_stage=slot.set_stage)
        from ..fs.resolver import Resolver

        self.resolver = Resolver()
        self.result_files = max(1, int(os.environ.get(RESULT_FILES_ENV) or RESULT_FILES))

    def _staged(self, run_one: Any) -> Any:
        def wrapped(cls: Any, *args: Any, **kwargs: Any) -> Any:
            self.slot.set_stage(f"plugin {cls.name} {cls.version}")
            return run_one(cls, *args, **kwargs)

        return wrapped

    def _source(self, evidence_path: str, offset: int, layer: str) -> FileSource:
        return self.resolver.source(evidence_path, offset, layer)

    def walk(self, request: WalkRequest) -> None:
        self.slot.set_file(-1)
        self.slot.set_stage(f"walk of the file system at byte {request.offset}")
        count = 0
        try:
            source = self._source(request.evidence_path, request.offset, request.layer)
        except Exception as exc:  # noqa: BLE001 - hostile bytes: a volume the walk cannot open is a stored warning, not a dead job
            self.conn.send(WalkFailed(f"the file system cannot be opened: {type(exc).__name__}: {exc}"))
            self.slot.idle()
            return
        batch: list[tuple[Any, ...]] = []
        for row in walk_rows(source, request.uid, request.offset, request.layer,
                             lambda m: self.conn.send(WalkWarning(m))):
            batch.append(row)
            count += 1
            if len(batch) >= WALK_BATCH:
                self.conn.send(Entries(batch))
                batch = []
                self.slot.nums[1] = time.monotonic()  # progress: the walk is alive
        if batch:
            self.conn.send(Entries(batch))
        self.conn.send(WalkDone(count))
        self.slot.idle()

    def unit(self, request: UnitRequest) -> None:
        unit_id, offset, uid = request.unit_id, request.offset, request.uid
        try:
            source = self._source(request.evidence_path, offset, request.layer)
        except Exception as exc:  # noqa: BLE001 - hostile bytes: each file of the unit gets a stored warning
            failed: list[FileResult] = []
            for spec in request.specs:
                result = FileResult(file_id=spec.file_id, status=FileStatus.ERROR)
                result.warnings.append(WarningRecord(
                    "engine", f"The file system at byte {offset} cannot be opened to read this file: {exc}",
                    str(Locator(uid, offset, spec.inode, path=spec.path, layer=request.layer)), WarningKind.ERROR))
                failed.append(result)
            self.conn.send(UnitResults(unit_id, failed, True))
            return
        batch: list[FileResult] = []
        since = 0.0
        for spec in request.specs:
            if batch and (len(batch) >= self.result_files or time.monotonic() - since >= RESULT_SECONDS):
                self.slot.set_stage("sending results")
                self.conn.send(UnitResults(unit_id, batch))
                batch = []
            self.slot.set_file(spec.file_id)
            result = self._examine(source, uid, offset, spec, request.layer)
            _mark_memory_warnings(result, self.settings.worker_memory_mb)
            if not batch:
                since = time.monotonic()
            batch.append(result)
        self.slot.set_stage("sending results")
        self.conn.send(UnitResults(unit_id, batch, True))
        self.slot.idle()

    def _examine(self, source: FileSource, uid: str, offset: int, spec: FileSpec, layer: str) -> FileResult:
        loc = Locator(uid, offset, spec.inode, spec.attr_type, spec.attr_id, spec.stream, spec.path, layer)
        if spec.same_as is not None:  # a shadow copy's file: not scanned again when identical to the live one
            from ..fs.vss import identical_result

            self.slot.set_stage("hash against the live file")
            same = identical_result(source, loc, spec.size, spec.file_id, spec.same_as)
            if same is not None:
                return same
        try:
            return self.processor.process(source, spec.file_id, loc, name=spec.name, extension=spec.extension,
                                          size=spec.size, deleted=spec.deleted, mtime=spec.mtime, crtime=spec.crtime)
        except MemoryError:
            raise  # the worker dies with EXIT_MEMORY; the parent records the file
        except Exception as exc:  # noqa: BLE001 - an engine bug on one file costs that file, stored as a warning
            result = FileResult(file_id=spec.file_id, status=FileStatus.ERROR)
            result.warnings.append(WarningRecord("engine", f"examining this file failed: {exc!r}",
                                                 str(loc), WarningKind.ERROR))
            return result

    def close(self) -> None:
        self.resolver.close()


def _mark_memory_warnings(result: FileResult, memory_mb: int) -> None:
    """Warnings made from a caught MemoryError (flagged where it was caught, by its type) get
    the kind 'memory' and the worker's limit, with the hint to raise it."""
    for w in result.warnings:
        if w.out_of_memory and w.kind in (WarningKind.ERROR, WarningKind.WARNING):
            w.kind = WarningKind.MEMORY
            w.message += (f" The worker's memory limit ({memory_mb} MiB) was reached; raise it with "
                          "--worker-memory if the machine allows.")


def walk_rows(source: FileSource, uid: str, offset: int, layer: str,
              on_warning: Callable[[str], None]) -> Iterator[tuple[Any, ...]]:
    """A source's entries as ``files`` rows: its own ``rows()`` where it has one (The Sleuth
    Kit's walk, made without a FileEntry per entry), else :func:`entry_row` of each entry."""
    rows = getattr(source, "rows", None)
    if callable(rows):
        yield from rows(uid, offset, layer, on_warning)
        return
    for entry in source.walk(uid, offset, layer, on_warning=on_warning):
        yield entry_row(entry)


def entry_row(entry: Any) -> tuple[Any, ...]:
    """A walked entry as the column values of ``files`` (without evidence and volume ids)."""
    loc = entry.locator
    status = "pending" if entry.type == "file" else "n/a"
    return (str(loc), loc.partition_offset, loc.inode, loc.attr_type, loc.attr_id, loc.stream, loc.path,
            entry.name, entry.name_raw, entry.parent_path, entry.extension, entry.size, int(entry.allocated),
            int(entry.meta_allocated), entry.type, entry.mode, entry.uid, entry.gid, entry.mtime, entry.atime,
            entry.ctime, entry.crtime, entry.first_block, entry.flags, status, entry.time_basis, loc.layer)


def worker_main(conn: Connection, nums: Any, stage: Any, settings: dict[str, Any], temp_root: str,
                memory_mb: int) -> None:
    """Entry point of a worker process (spawned)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _die_with_parent()
    from ..fs.walker import pin_utc_clock

    pin_utc_clock()  # FAT times through The Sleuth Kit do not depend on the examiner's zone
    memory_note = _limit_memory(memory_mb)
    slot = StatusSlot(nums, stage)
    slot.set_stage("starting")
    worker: _Worker | None = None
    try:
        worker = _Worker(conn, slot, settings, temp_root)
        describe = {a.name: a.describe() for a in worker.analyzers}
        conn.send(Ready(os.getpid(), describe, worker.problems, [memory_note] if memory_note else []))
        _serve(conn, worker)
    except MemoryError:
        slot.set_stage(MEMORY_STAGE + slot.read()[2])
        os._exit(EXIT_MEMORY)
    except (BrokenPipeError, EOFError):
        return
    except Exception as exc:  # noqa: BLE001 - report, then die: the parent stores it and replaces the worker
        _report_fatal(conn, exc)
        sys.exit(2)
    finally:
        if worker is not None:
            worker.close()


def _serve(conn: Connection, worker: _Worker) -> None:
    """Answer the parent's requests until it says stop or goes away."""
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(msg, Stop):
            return
        if isinstance(msg, WalkRequest):
            worker.walk(msg)
        elif isinstance(msg, UnitRequest):
            worker.unit(msg)


def _report_fatal(conn: Connection, exc: Exception) -> None:
    """Tell the parent why this worker dies; when the pipe is gone the parent sees the exit code."""
    try:
        conn.send(Fatal(f"{type(exc).__name__}: {exc}"))
    except (OSError, ValueError):
        return
