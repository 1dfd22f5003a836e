"""Worker processes for triage: dispatch work units, collect results, survive crashes and hangs.

The parent (this module, inside ``run_triage``) never touches evidence bytes through a C
library while a worker can: it sends work units (a batch of file specs of one volume) to
``settings.jobs`` spawned workers and receives one :class:`FileResult` per file. When a
worker dies (segfault, abort, ``os._exit``), is killed for hanging past its time limit, or
runs out of its memory allowance, the file it was on is known from its shared status slot:

* a crash is retried once, alone, in a fresh worker (a crash caused by an earlier file's
  damage to the process would not repeat); if it happens again the file is recorded as
  ``status='error'`` with a warning naming the file, the plugin and what happened;
* a hang (``file_timeout`` plus one second per 8 MiB of the file) is recorded at once;
* the other files of the dead worker's units are sent again, and a new worker replaces it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import selectors
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import TriageError
from ..isolation import start_method, start_without_main
from ..model import FileResult, FileStatus, WarningKind, WarningRecord
from .protocol import (
    Entries,
    Fatal,
    FileSpec,
    FromWorker,
    Ready,
    Stop,
    UnitRequest,
    UnitResults,
    WalkDone,
    WalkEvent,
    WalkFailed,
    WalkRequest,
    WalkWarning,
)
from .worker import EXIT_MEMORY, MEMORY_STAGE, STAGE_BYTES, StatusSlot, worker_main

UNIT_DEPTH = 2              # units queued per worker, so it never waits for the parent
SLOW_READ_BYTES_PER_S = 8 * 1024 * 1024
MAX_START_FAILURES = 3


@dataclasses.dataclass(slots=True)
class Unit:
    """A batch of files of one volume, sent to one worker."""

    unit_id: int
    evidence_id: int
    evidence_path: str
    uid: str
    offset: int
    specs: list[FileSpec]
    locators: list[str]
    isolated: bool = False          # a suspect file, examined alone after a crash
    first_failure: str = ""         # what happened the first time (isolated units)
    done: set[int] = dataclasses.field(default_factory=set)
    layer: str = ""                 # Locator.layer of the unit's volume
    _positions: dict[int, int] | None = None  # file id -> index in specs (built when results come)

    def position(self, file_id: int) -> int | None:
        if self._positions is None or len(self._positions) != len(self.specs):
            self._positions = {s.file_id: i for i, s in enumerate(self.specs)}
        return self._positions.get(file_id)

    def remaining(self) -> list[int]:
        return [i for i, s in enumerate(self.specs) if s.file_id not in self.done]

    def subset(self, unit_id: int, indexes: list[int], *, isolated: bool = False, failure: str = "") -> Unit:
        return Unit(unit_id, self.evidence_id, self.evidence_path, self.uid, self.offset,
                    [self.specs[i] for i in indexes], [self.locators[i] for i in indexes], isolated, failure,
                    layer=self.layer)


ResultCallback = Callable[[FileResult, str, int], None]


@dataclasses.dataclass(slots=True)
class _Handle:
    process: Any
    conn: Connection
    slot: StatusSlot
    units: deque[Unit]
    results: int = 0


def file_time_limit(base: float, size: int) -> float:
    """Seconds a worker may spend on one file before it counts as hung."""
    return base + size / SLOW_READ_BYTES_PER_S


def describe_death(exitcode: int | None, stage: str, timed_out: bool, limit: float) -> tuple[WarningKind, str]:
    """(kind, sentence) for a worker that ended while on a file."""
    if timed_out:
        return WarningKind.TIMEOUT, f"did not finish within {limit:.0f} s and was stopped"
    if stage.startswith(MEMORY_STAGE) or exitcode == EXIT_MEMORY:
        return WarningKind.MEMORY, "ran out of its memory allowance"
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return WarningKind.CRASH, f"crashed ({name})"
    return WarningKind.CRASH, f"ended unexpectedly (exit code {exitcode})"


def stage_source(stage: str) -> tuple[str, str]:
    """(warning source, human description) from a worker's stage text."""
    stage = stage.removeprefix(MEMORY_STAGE)
    if stage.startswith("plugin "):
        parts = stage.split()
        return parts[1], f"while the plugin {' '.join(parts[1:])} was parsing it"
    if stage.startswith("analyzer "):
        name = stage.split(" ", 1)[1]
        return name, f"while the {name} analyzer was running on it"
    return "engine", f"while {stage or 'starting'}"


# Process start helpers live in forensic_triage.isolation (intake probing uses them too).
_start_method = start_method
_start_without_main = start_without_main


def _size_in(units: Iterable[Unit], file_id: int) -> int:
    for unit in units:
        for spec in unit.specs:
            if spec.file_id == file_id:
                return spec.size
    return 0


class _UnitSource:
    """Units to dispatch: retries first (suspects at the front), then the caller's iterator."""

    def __init__(self, units: Iterator[Unit], retry: deque[Unit]) -> None:
        self.units = units
        self.retry = retry
        self.exhausted = False

    def next(self) -> Unit | None:
        if self.retry:
            return self.retry.popleft()
        if self.exhausted:
            return None
        unit = next(self.units, None)
        if unit is None:
            self.exhausted = True
        return unit

    def empty(self) -> bool:
        return self.exhausted and not self.retry


class WorkerPool:
    """``size`` spawned workers sharing one settings dict; see the module docstring."""

    def __init__(self, size: int, settings: dict[str, Any], temp_root: str, memory_mb: int,
                 file_timeout: float) -> None:
        self.size = max(1, size)
        self.settings = settings
        self.temp_root = temp_root
        self.memory_mb = memory_mb
        self.file_timeout = file_timeout
        self._mp = mp.get_context(_start_method())
        self.workers: list[_Handle] = []
        self.retry: deque[Unit] = deque()
        self._next_unit = 1 << 40  # ids of units made from retries
        self.start_failures = 0
        self.deaths = 0
        # One selector over the busy workers' pipes and process sentinels, kept while that set
        # stays the same (``multiprocessing.connection.wait`` builds a new one on every call).
        self._selector: selectors.BaseSelector | None = None
        self._selected: list[_Handle] = []

    # ------------------------------------------------------------ lifecycle
    def _spawn(self) -> _Handle:
        parent, child = self._mp.Pipe(duplex=True)
        nums = self._mp.RawArray("d", 2)
        stage = self._mp.RawArray("c", STAGE_BYTES)
        proc = self._mp.Process(target=worker_main, name="ft-worker", daemon=True,  # type: ignore[attr-defined]
                                args=(child, nums, stage, self.settings, self.temp_root, self.memory_mb))
        _start_without_main(proc)
        child.close()
        return _Handle(proc, parent, StatusSlot(nums, stage), deque())

    def start(self, count: int | None = None) -> None:
        while len(self.workers) < (count or self.size):
            self.workers.append(self._spawn())

    def stop(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(Stop())
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2.0
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2.0)
            w.conn.close()
        self.workers = []
        self._forget_selector()

    def _replace(self, w: _Handle) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(2.0)
        w.conn.close()
        idx = self.workers.index(w)
        self.workers[idx] = self._spawn()

    def _check_start_failures(self, w: _Handle, note: str) -> None:
        if w.results == 0:
            self.start_failures += 1
        else:
            self.start_failures = 0
        if self.start_failures > MAX_START_FAILURES:
            raise TriageError(
                f"The worker processes keep failing before examining any file ({note}).",
                hint="A plugin in the user plugin folder may crash when it is loaded: remove it and run again.")

    def handshake(self, timeout: float = 300.0) -> Ready:
        """Start the workers; wait for the first to load the analyzers. Its :class:`Ready` says
        what they are (provenance for the job record), the plugin load problems and the engine
        notes. Plugins are loaded only in workers, so even a plugin that crashes when imported
        cannot take this process down."""
        self.start()
        deadline = time.monotonic() + timeout
        while True:
            for w in list(self.workers):
                closed = False
                try:
                    while w.conn.poll():
                        msg = w.conn.recv()
                        if isinstance(msg, Ready):
                            return msg
                        if isinstance(msg, Fatal):
                            raise TriageError(f"The worker processes cannot start: {msg.error}.")
                except (EOFError, OSError):
                    closed = True
                if closed or not w.process.is_alive():
                    w.process.join(1.0)
                    _kind, what = describe_death(w.process.exitcode, w.slot.read()[2], False, 0)
                    self._check_start_failures(w, f"a worker {what} while loading the plugins")
                    self._replace(w)
            if time.monotonic() > deadline:
                raise TriageError("The worker processes did not start in time.")
            wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout=0.5)

    # ------------------------------------------------------------------ walk
    def walk(self, evidence_path: str, uid: str, offset: int, ntfs: bool, layer: str = "") -> Iterator[WalkEvent]:
        """Walk one file system in a worker; yields :class:`Entries` and :class:`WalkWarning`
        messages, then :class:`WalkDone`, or :class:`WalkFailed` when the walk could not finish."""
        self.start(1)
        w = self.workers[0]
        w.conn.send(WalkRequest(evidence_path, uid, offset, ntfs, layer))
        while True:
            ready = wait([w.conn, w.process.sentinel], timeout=0.5)
            if w.conn in ready or w.conn.poll():
                try:
                    msg: FromWorker | None = w.conn.recv()
                except (EOFError, OSError):
                    msg = None
                if msg is not None:
                    event = self._walk_event(w, msg)
                    if event is not None:
                        yield event
                        if isinstance(event, WalkDone | WalkFailed):
                            return
                    continue
            failure = self._walk_death(w)
            if failure is not None:
                yield failure
                return

    def _walk_event(self, w: _Handle, msg: FromWorker) -> WalkEvent | None:
        """What the walk's caller gets for a message of the walking worker (None: nothing)."""
        if isinstance(msg, Entries):
            w.results += 1
            return msg
        if isinstance(msg, WalkWarning | WalkDone | WalkFailed):
            return msg
        if isinstance(msg, Fatal):
            self._check_start_failures(w, msg.error)
            self._replace(w)
            return WalkFailed(f"the worker failed: {msg.error}")
        return None  # Ready of a fresh worker

    def _walk_death(self, w: _Handle) -> WalkFailed | None:
        """A walking worker that died or hangs is replaced; the walk failed (None: it is alive)."""
        _fid, last, stage = w.slot.read()
        timed_out = last > 0 and time.monotonic() - last > self.file_timeout and w.process.is_alive()
        if not timed_out and w.process.is_alive():
            return None
        if timed_out:
            w.process.kill()
        w.process.join(2.0)
        _kind, what = describe_death(w.process.exitcode, stage, timed_out, self.file_timeout)
        self._check_start_failures(w, what)
        self._replace(w)
        return WalkFailed(f"the worker listing it {what}")

    # --------------------------------------------------------------- process
    def process(self, units: Iterator[Unit], on_result: ResultCallback, should_stop: Callable[[], bool],
                on_tick: Callable[[], None]) -> bool:
        """Run every unit; returns False when ``should_stop`` ended dispatching early.

        ``on_tick`` is called often (progress, cancel checks: it may raise to abort; the
        caller then calls :meth:`stop`).
        """
        self.start()
        source = _UnitSource(units, self.retry)
        stopped = False
        while True:
            on_tick()
            stopped = stopped or should_stop()
            if not stopped:
                self._dispatch(source)
            busy = [w for w in self.workers if w.units]
            if not busy and (stopped or source.empty()):
                return not stopped
            self._collect(busy, on_result)

    def queued(self) -> tuple[int, int]:
        """The files and bytes sent to the workers and not yet answered (what a stop waits for)."""
        files = size = 0
        for w in self.workers:
            for unit in w.units:
                for spec in unit.specs:
                    if spec.file_id not in unit.done:
                        files += 1
                        size += spec.size
        return files, size

    def _dispatch(self, source: _UnitSource) -> None:
        """Keep every worker's queue UNIT_DEPTH deep; a suspect unit goes alone to an idle worker."""
        for w in self.workers:
            while len(w.units) < UNIT_DEPTH:
                unit = source.next()
                if unit is None:
                    break
                if unit.isolated and w.units:
                    self.retry.appendleft(unit)  # a suspect runs alone, on an idle worker
                    break
                w.units.append(unit)
                w.conn.send(UnitRequest(unit.unit_id, unit.evidence_path, unit.uid, unit.offset, unit.specs, unit.layer))
                if unit.isolated:
                    break

    def _forget_selector(self) -> None:
        if self._selector is not None:
            self._selector.close()
        self._selector, self._selected = None, []

    def _select(self, busy: list[_Handle], timeout: float) -> set[int]:
        """Wait up to ``timeout`` for the busy workers; returns the ids (``id()``) of the handles
        with something to read on their pipe. Their sentinels wake the wait too (a death)."""
        if self._selector is None or len(busy) != len(self._selected) or any(
                a is not b for a, b in zip(busy, self._selected, strict=True)):
            self._forget_selector()
            self._selector = selectors.DefaultSelector()
            for w in busy:
                self._selector.register(w.conn, selectors.EVENT_READ, id(w))
                self._selector.register(w.process.sentinel, selectors.EVENT_READ, None)
            self._selected = list(busy)
        return {key.data for key, _events in self._selector.select(timeout) if key.data is not None}

    def _collect(self, busy: list[_Handle], on_result: ResultCallback) -> None:
        """Wait briefly for the busy workers; take their results; replace the dead and the hung.
        A worker with something to read gives one message per pass (no poll of each pipe: the
        selector says which is ready); a dead worker's pipe is read to its end first."""
        readable = self._select(busy, 0.25)
        for w in list(busy):
            alive = True
            if id(w) in readable:
                alive = self._receive(w, on_result)
            if not alive or not w.process.is_alive():
                self._drain(w, on_result)
                self._on_death(w, on_result, timed_out=False)
                continue
            file_id, started, _stage = w.slot.read()
            if file_id > 0 and time.monotonic() - started > file_time_limit(self.file_timeout,
                                                                           self._size_of(w, file_id)):
                w.process.kill()
                w.process.join(2.0)
                self._drain(w, on_result)
                self._on_death(w, on_result, timed_out=True)

    @staticmethod
    def _size_of(w: _Handle, file_id: int) -> int:
        return _size_in(w.units, file_id)

    def _drain(self, w: _Handle, on_result: ResultCallback) -> bool:
        """Receive everything the worker sent; False when its pipe is closed."""
        try:
            while w.conn.poll():
                if not self._receive(w, on_result):
                    return False
        except (EOFError, OSError):
            return False
        return True

    def _receive(self, w: _Handle, on_result: ResultCallback) -> bool:
        """Receive one message of the worker; False when its pipe is closed."""
        try:
            msg: FromWorker = w.conn.recv()
        except (EOFError, OSError):
            return False
        if isinstance(msg, UnitResults):
            for unit in w.units:
                if unit.unit_id == msg.unit_id:
                    for result in msg.results:
                        self._deliver(w, unit, result, on_result)
                    break
            if msg.done and w.units and w.units[0].unit_id == msg.unit_id:
                w.units.popleft()
        elif isinstance(msg, Fatal):
            w.slot.set_stage(f"engine failure: {msg.error}")
        return True

    def _deliver(self, w: _Handle, unit: Unit, result: FileResult, on_result: ResultCallback) -> None:
        idx = unit.position(result.file_id)
        if idx is None or result.file_id in unit.done:
            return
        unit.done.add(result.file_id)
        w.results += 1
        self.start_failures = 0
        if unit.isolated and unit.first_failure:
            result.warnings.append(WarningRecord(
                "engine", f"A worker process {unit.first_failure} while this file was being examined with "
                "others; examined again alone, it completed normally.", unit.locators[idx], WarningKind.WARNING))
        on_result(result, unit.locators[idx], unit.evidence_id)

    def _on_death(self, w: _Handle, on_result: ResultCallback, *, timed_out: bool) -> None:
        w.process.join(2.0)
        self.deaths += 1
        file_id, _started, stage = w.slot.read()
        units = list(w.units)
        w.units.clear()
        culprit_found = False
        limit = file_time_limit(self.file_timeout, _size_in(units, file_id))
        kind, what = describe_death(w.process.exitcode, stage, timed_out, limit)
        for unit in units:
            rest = unit.remaining()
            if not rest:
                continue
            suspect = next((i for i in rest if unit.specs[i].file_id == file_id), None) if file_id > 0 else None
            if suspect is not None:
                culprit_found = True
                rest = [i for i in rest if i != suspect]
                if timed_out or kind == WarningKind.MEMORY or unit.isolated:
                    self._fail_file(unit, suspect, kind, what, stage, on_result)
                else:
                    self._next_unit += 1
                    self.retry.appendleft(unit.subset(self._next_unit, [suspect], isolated=True, failure=what))
            if rest:
                self._next_unit += 1
                self.retry.append(unit.subset(self._next_unit, rest))
        if not culprit_found:
            self._check_start_failures(w, what)
        self._replace(w)

    @staticmethod
    def _fail_file(unit: Unit, idx: int, kind: WarningKind, what: str, stage: str, on_result: ResultCallback) -> None:
        spec = unit.specs[idx]
        source, during = stage_source(stage)
        result = FileResult(file_id=spec.file_id, status=FileStatus.ERROR)
        again = " (also when examined alone)" if unit.isolated and kind == WarningKind.CRASH else ""
        result.warnings.append(WarningRecord(
            source, f"The worker process examining this file {what}{again} {during}; the file was not "
            "examined (no hashes or findings for it). The run went on with a new worker.", unit.locators[idx], kind,
            details={"stage": stage, "size": spec.size}))
        unit.done.add(spec.file_id)
        on_result(result, unit.locators[idx], unit.evidence_id)
