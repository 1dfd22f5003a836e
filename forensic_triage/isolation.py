"""Running C-library parsing of evidence in a child process, so a crash costs that step only.

Shared by the triage engine (``jobs.pool``) and evidence intake (``fs.probe``).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Callable
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
