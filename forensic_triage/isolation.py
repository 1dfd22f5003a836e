"""Running C-library parsing of evidence in a child process, so a crash costs that step only.

Shared by the triage engine (``jobs.pool``), evidence intake (``fs.probe``) and, through
:func:`run_limited`, the desktop application's viewers, thumbnails and plugin listing
(``isolated_views``, ``plugin_catalog``): children with a time and a memory limit whose
answers are plain data.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from multiprocessing.connection import Connection
from typing import Any

_PREP_LOCK = threading.Lock()


def start_method() -> str:
    """``spawn`` (a clean interpreter per worker), unless the interpreter we were started by
    cannot be started again by path: after dropping privileges, a virtual environment's
    ``python`` may be a symlink into a folder this user cannot enter. Then ``fork``: the
    parent holds no evidence handles or threads at that point, only its case database
    connection, which the worker never uses."""
    if os.access(sys.executable, os.X_OK):
        return "spawn"
    return "fork"


def start_without_main(proc: Any) -> None:
    """Start a spawned worker without re-running the host's ``__main__`` in it.

    multiprocessing's spawn re-imports the parent's main script in the child; a host script
    without an ``if __name__ == "__main__"`` guard (a notebook, a benchmark, a GUI launcher)
    would run again there. The worker's target lives in this package and needs nothing from
    ``__main__``, so the two preparation keys that cause it are dropped for our workers only.
    """
    from multiprocessing import spawn

    original = spawn.get_preparation_data

    def prepare(name: str) -> dict[str, Any]:
        data: dict[str, Any] = original(name)
        data.pop("init_main_from_name", None)
        data.pop("init_main_from_path", None)
        return data

    with _PREP_LOCK:
        spawn.get_preparation_data = prepare  # type: ignore[assignment]
        try:
            proc.start()
        finally:
            spawn.get_preparation_data = original  # type: ignore[assignment]


def run_isolated(target: Callable[..., None], args: tuple[Any, ...], timeout: float) -> tuple[str, Any]:
    """Run ``target(conn, *args)`` in a child; it sends one picklable answer through ``conn``.

    Returns ``("ok", answer)``, ``("crash", exit code)`` or ``("timeout", None)``; the child is
    always gone afterwards.
    """
    ctx = mp.get_context(start_method())
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(child, *args), name="ft-probe", daemon=True)  # type: ignore[attr-defined]
    start_without_main(proc)
    child.close()
    try:
        if parent.poll(timeout):
            try:
                return "ok", parent.recv()
            except EOFError:
                proc.join(5)
                return "crash", proc.exitcode
        if proc.is_alive():
            return "timeout", None
        proc.join(5)
        return "crash", proc.exitcode
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()


# ---------------------------------------------------------------------------------------------
# Limited children that answer in plain data (the desktop application's parsing of evidence and
# its listing of user plugins). ``run_isolated`` above trusts its child's pickles (the probe runs
# only this package's code); these children run code that may be hostile — a user plugin, or a C
# library fed with evidence bytes — so their answer is JSON plus raw byte blobs, never a pickle
# (unpickling what a compromised child wrote would run its code in the parent).

MAX_MESSAGE = 256 * 1024 * 1024


class Stop(StrEnum):
    """How a limited child ended."""

    DONE = "done"                # it answered
    FAILED = "failed"            # it reported an error (``Outcome.detail`` says which)
    CRASHED = "crashed"          # the process ended without answering (abort, segfault, exit)
    TIMED_OUT = "timed out"      # no answer (or no progress note) within the time limit
    OUT_OF_MEMORY = "out of memory"  # it needed more memory than its limit


@dataclasses.dataclass(frozen=True, slots=True)
class Limits:
    """Time (seconds between two messages of the child) and address-space size of a child."""

    seconds: float
    memory_mb: int  # 0: no memory limit

    @classmethod
    def named(cls, kind: str, seconds: float, memory_mb: int) -> Limits:
        """Defaults for a kind of child, overridden by ``FT_LIMIT_<KIND>_SECONDS`` and
        ``FT_LIMIT_<KIND>_MEMORY_MB`` (a lab with big pictures, a test with short limits)."""
        key = f"FT_LIMIT_{kind.upper()}"
        return cls(_env_number(f"{key}_SECONDS", seconds), int(_env_number(f"{key}_MEMORY_MB", memory_mb)))


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        return default
    return value if value > 0 else default


@dataclasses.dataclass(slots=True)
class Outcome:
    """What a limited child gave back: its JSON answer and byte blobs, or why there is none."""

    stop: Stop
    limits: Limits
    value: Any = None
    blobs: list[bytes] = dataclasses.field(default_factory=list)
    detail: str = ""
    exit_code: int | None = None

    @property
    def ok(self) -> bool:
        return self.stop is Stop.DONE

    def reason(self) -> str:
        """Why there is no answer, as the end of a sentence ("... : it did not finish within 5 s")."""
        if self.stop is Stop.TIMED_OUT:
            return f"it did not finish within {self.limits.seconds:g} s and was stopped"
        if self.stop is Stop.OUT_OF_MEMORY:
            return f"it needed more than {self.limits.memory_mb} MiB of memory and was stopped"
        if self.stop is Stop.CRASHED:
            return f"it stopped the process it was running in ({describe_exit(self.exit_code)})"
        return self.detail or "it gave no answer"


def describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit code"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class Channel:
    """The child's end: progress notes and one answer, as JSON (plus raw blobs)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _send(self, kind: str, value: Any, blobs: list[bytes] | tuple[bytes, ...] = ()) -> None:
        header = json.dumps({"kind": kind, "value": value, "blobs": len(blobs)})
        self._conn.send_bytes(header.encode("utf-8"))
        for blob in blobs:
            self._conn.send_bytes(blob)

    def note(self, value: Any) -> None:
        """A progress note: the parent's clock for the time limit restarts."""
        self._send("note", value)

    def answer(self, value: Any, blobs: list[bytes] | tuple[bytes, ...] = ()) -> None:
        self._send("done", value, blobs)

    def fail(self, sentence: str) -> None:
        self._send("failed", sentence)

    def out_of_memory(self) -> None:
        self._send("memory", None)


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space (Linux): an allocation over it fails (MemoryError)."""
    if memory_mb <= 0:
        return
    import resource

    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def die_with_parent() -> None:
    """Linux: the kernel kills this child when its parent dies (a GUI killed with kill -9 leaves
    no hanging plugin behind)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _limited_entry(conn: Connection, target: Callable[..., None], memory_mb: int, args: tuple[Any, ...]) -> None:
    channel = Channel(conn)
    die_with_parent()
    limit_memory(memory_mb)
    try:
        target(channel, *args)
    except MemoryError:
        with contextlib.suppress(MemoryError, OSError):
            channel.out_of_memory()
    except Exception as exc:  # noqa: BLE001 - the parent gets the sentence; the child ends either way
        with contextlib.suppress(MemoryError, OSError, ValueError):
            channel.fail(f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


class _Reader:
    """The parent's end: bounded, JSON-only reads against a deadline restarted by every note."""

    def __init__(self, conn: Connection, limits: Limits, total: float | None) -> None:
        self.conn = conn
        self.limits = limits
        now = time.monotonic()
        self.deadline = now + limits.seconds
        self.end = now + (total if total is not None else limits.seconds * 10)  # notes cannot extend past it

    def restart_clock(self) -> None:
        self.deadline = min(time.monotonic() + self.limits.seconds, self.end)

    def recv(self) -> bytes | None:
        """The next message, or None at the deadline. Raises EOFError when the child is gone."""
        remaining = min(self.deadline, self.end) - time.monotonic()
        if remaining <= 0 or not self.conn.poll(remaining):
            return None
        return self.conn.recv_bytes(MAX_MESSAGE)

    def message(self) -> dict[str, Any] | None:
        raw = self.recv()
        if raw is None:
            return None
        header = json.loads(raw.decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError("the message is not an object")
        return header


def run_limited(target: Callable[..., None], args: tuple[Any, ...], limits: Limits, *,
                on_note: Callable[[Any], None] | None = None, total: float | None = None) -> Outcome:
    """Run ``target(channel, *args)`` in a child with ``limits``; the child is always gone afterwards.

    ``target`` must be a module-level function (the child is started with ``spawn``); it sends
    progress with ``channel.note(...)`` (each restarts the time limit, so a long list of items
    gets ``limits.seconds`` per item, up to ``total`` seconds in all — by default ten times the
    limit) and ends with ``channel.answer(json_value, blobs)``.
    """
    ctx = mp.get_context(start_method())
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_limited_entry, args=(child, target, limits.memory_mb, args),  # type: ignore[attr-defined]
                       name="ft-limited", daemon=True)
    start_without_main(proc)
    child.close()
    reader = _Reader(parent, limits, total)
    try:
        return _collect(proc, reader, on_note)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()


def _collect(proc: Any, reader: _Reader, on_note: Callable[[Any], None] | None) -> Outcome:
    limits = reader.limits
    while True:
        try:
            header = reader.message()
            if header is None:
                if proc.is_alive():
                    return Outcome(Stop.TIMED_OUT, limits)
                proc.join(5)
                return Outcome(Stop.CRASHED, limits, exit_code=proc.exitcode)
            kind = header.get("kind")
            if kind == "note":
                reader.restart_clock()
                if on_note is not None:
                    on_note(header.get("value"))
                continue
            if kind == "memory":
                return Outcome(Stop.OUT_OF_MEMORY, limits)
            if kind == "failed":
                return Outcome(Stop.FAILED, limits, detail=str(header.get("value")))
            if kind != "done":
                return Outcome(Stop.FAILED, limits, detail="it sent a message this tool does not know")
            blobs = []
            for _ in range(max(0, int(header.get("blobs") or 0))):
                blob = reader.recv()
                if blob is None:
                    return Outcome(Stop.TIMED_OUT, limits)
                blobs.append(blob)
            return Outcome(Stop.DONE, limits, value=header.get("value"), blobs=blobs)
        except EOFError:
            proc.join(5)
            return Outcome(Stop.CRASHED, limits, exit_code=proc.exitcode)
        except (OSError, ValueError, TypeError, RecursionError) as exc:
            return Outcome(Stop.FAILED, limits, detail=f"it sent an answer that cannot be read ({exc})")
