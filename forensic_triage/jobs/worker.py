"""The worker process: walks file systems and examines files, isolated from the examiner's session.

Everything that hands evidence bytes to C libraries (The Sleuth Kit on a damaged volume,
libmagic, YARA, libyal parsers inside extractors) runs here. A worker that segfaults,
aborts, hangs or runs out of its memory allowance dies alone: the parent
(:mod:`forensic_triage.jobs.pool`) sees it, records which file and which plugin were in
flight (from the shared status slot this module keeps up to date), and starts a new worker.

Protocol (tuples over a ``multiprocessing`` pipe, parent -> worker):

* ``("walk", evidence_path, uid, volume_offset, ntfs)`` -> ``("entries", rows)`` batches,
  ``("walk_warning", text)``, then ``("walk_done", count)``
* ``("unit", unit_id, evidence_path, uid, volume_offset, specs)`` -> one ``("result",
  unit_id, FileResult)`` per file, then ``("unit_done", unit_id)``
* ``("stop",)`` -> the worker exits

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
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

WALK_BATCH = 1000
STAGE_BYTES = 160

# A file spec sent in a work unit: everything the worker needs, nothing it must look up.
# (file_id, inode, attr_type, attr_id, stream, path, name, extension, size, deleted, mtime, crtime)
FileSpec = tuple[int, int, "int | None", "int | None", str, str, str, str, int, bool, "str | None", "str | None"]


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


def _limit_memory(memory_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass


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

    def _staged(self, run_one: Any) -> Any:
        def wrapped(cls: Any, *args: Any, **kwargs: Any) -> Any:
            self.slot.set_stage(f"plugin {cls.name} {cls.version}")
            return run_one(cls, *args, **kwargs)

        return wrapped

    def _filesystem(self, evidence_path: str, offset: int) -> Any:
        return self.resolver.filesystem(evidence_path, offset)

    def walk(self, evidence_path: str, uid: str, offset: int, ntfs: bool) -> None:
        from ..fs.walker import Walker

        self.slot.set_file(-1)
        self.slot.set_stage(f"walk of the file system at byte {offset}")
        count = 0
        try:
            fs = self._filesystem(evidence_path, offset)
        except Exception as exc:  # a volume the walk cannot open is a warning, not a dead job
            self.conn.send(("walk_failed", f"{type(exc).__name__}: {exc}"))
            self.slot.idle()
            return
        walker = Walker(fs, uid, offset, ntfs=ntfs, on_warning=lambda m: self.conn.send(("walk_warning", m)))
        batch: list[tuple[Any, ...]] = []
        for entry in walker.walk():
            batch.append(entry_row(entry))
            count += 1
            if len(batch) >= WALK_BATCH:
                self.conn.send(("entries", batch))
                batch = []
                self.slot.nums[1] = time.monotonic()  # progress: the walk is alive
        if batch:
            self.conn.send(("entries", batch))
        self.conn.send(("walk_done", count))
        self.slot.idle()

    def unit(self, unit_id: int, evidence_path: str, uid: str, offset: int, specs: list[FileSpec]) -> None:
        from ..model import FileResult, Locator, WarningRecord

        try:
            fs = self._filesystem(evidence_path, offset)
        except Exception as exc:
            for spec in specs:
                result = FileResult(file_id=spec[0], status="error")
                result.warnings.append(WarningRecord(
                    "engine", f"The file system at byte {offset} cannot be opened to read this file: {exc}",
                    f"{uid}:{offset}:{spec[1]}{spec[5]}", "error"))
                self.conn.send(("result", unit_id, result))
            self.conn.send(("unit_done", unit_id))
            return
        for spec in specs:
            file_id, inode, atype, aid, stream, path, name, ext, size, deleted, mtime, crtime = spec
            self.slot.set_file(file_id)
            loc = Locator(uid, offset, inode, atype, aid, stream, path)
            try:
                result = self.processor.process(fs, file_id, loc, name=name, extension=ext, size=size,
                                                deleted=deleted, mtime=mtime, crtime=crtime)
            except MemoryError:
                raise
            except Exception as exc:  # an engine bug on one file costs that file, stored as a warning
                result = FileResult(file_id=file_id, status="error")
                result.warnings.append(WarningRecord("engine", f"examining this file failed: {exc!r}",
                                                     str(loc), "error"))
            _mark_memory_warnings(result, self.settings.worker_memory_mb)
            self.slot.set_stage("sending result")
            self.conn.send(("result", unit_id, result))
        self.slot.idle()
        self.conn.send(("unit_done", unit_id))

    def close(self) -> None:
        self.resolver.close()


def _mark_memory_warnings(result: Any, memory_mb: int) -> None:
    for w in result.warnings:
        if "MemoryError" in w.message and w.kind in ("error", "warning"):
            w.kind = "memory"
            w.message += (f" The worker's memory limit ({memory_mb} MiB) was reached; raise it with "
                          "--worker-memory if the machine allows.")


def entry_row(entry: Any) -> tuple[Any, ...]:
    """A walked entry as the column values of ``files`` (without evidence and volume ids)."""
    loc = entry.locator
    status = "pending" if entry.type == "file" else "n/a"
    return (str(loc), loc.partition_offset, loc.inode, loc.attr_type, loc.attr_id, loc.stream, loc.path,
            entry.name, entry.name_raw, entry.parent_path, entry.extension, entry.size, int(entry.allocated),
            int(entry.meta_allocated), entry.type, entry.mode, entry.uid, entry.gid, entry.mtime, entry.atime,
            entry.ctime, entry.crtime, entry.first_block, entry.flags, status, entry.time_basis)


def worker_main(conn: Connection, nums: Any, stage: Any, settings: dict[str, Any], temp_root: str,
                memory_mb: int) -> None:
    """Entry point of a worker process (spawned)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _die_with_parent()
    from ..fs.walker import pin_utc_clock

    pin_utc_clock()  # FAT times through The Sleuth Kit do not depend on the examiner's zone
    _limit_memory(memory_mb)
    slot = StatusSlot(nums, stage)
    slot.set_stage("starting")
    worker: _Worker | None = None
    try:
        worker = _Worker(conn, slot, settings, temp_root)
        describe = {a.name: a.describe() for a in worker.analyzers}
        conn.send(("ready", os.getpid(), describe, worker.problems))
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                return
            kind = msg[0]
            if kind == "stop":
                return
            if kind == "walk":
                worker.walk(*msg[1:])
            elif kind == "unit":
                worker.unit(*msg[1:])
    except MemoryError:
        slot.set_stage("memory: " + slot.read()[2])
        os._exit(3)
    except (BrokenPipeError, EOFError):
        return
    except Exception as exc:  # report, then die: the parent records it and replaces the worker
        try:
            conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        except Exception:
            pass
        sys.exit(2)
    finally:
        if worker is not None:
            worker.close()
