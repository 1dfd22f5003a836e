"""Background SQL for the views: pages, counts and histograms run off the GUI thread.

Each :class:`QueryLoader` owns one thread and one read-only connection to the case
database (SQLite WAL lets it read while a job writes). Requests carry a callback that is
invoked on the GUI thread with the rows; a request that became stale before it ran (the
examiner changed a filter) is skipped, and a stale running query is interrupted.
"""

from __future__ import annotations

import dataclasses
import queue
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from forensic_triage.store import DB_NAME
from forensic_triage.timeutil import sortable_local

Rows = list[sqlite3.Row]


@dataclasses.dataclass(slots=True)
class Request:
    sql: str
    params: tuple[Any, ...]
    on_rows: Callable[[Rows], None]
    on_error: Callable[[str], None] | None = None
    is_current: Callable[[], bool] = lambda: True


class QueryLoader(QObject):
    _done = Signal(object, object, object)  # request, rows, error text

    def __init__(self, case_dir: Path, name: str = "loader", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case_dir = case_dir
        self._queue: queue.Queue[Request | None] = queue.Queue()
        self._done.connect(self._deliver)
        self._current: Request | None = None
        self._lock = threading.Lock()
        self.pending = 0
        self._closed = False
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._loop, name=f"ft-{name}", daemon=True)
        self._thread.start()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.case_dir / DB_NAME), timeout=30.0, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        # Local clock times (FAT, EXIF) made UTC with an evidence item's declared zone, for the timeline.
        conn.create_function("ft_utc", 2, sortable_local, deterministic=True)
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def submit(self, request: Request) -> None:
        self.pending += 1
        self._queue.put(request)

    def interrupt_stale(self) -> None:
        """Stop a running query whose answer nobody wants any more."""
        with self._lock:
            current, conn = self._current, self._conn
        if current is not None and conn is not None and not current.is_current():
            conn.interrupt()

    def _loop(self) -> None:
        while True:
            request = self._queue.get()
            if request is None:
                break
            if not request.is_current():
                self._done.emit(request, None, None)
                continue
            rows: Rows | None = None
            error: str | None = None
            try:
                if self._conn is None:
                    self._conn = self._connect()
                with self._lock:
                    self._current = request
                rows = self._conn.execute(request.sql, request.params).fetchall()
            except sqlite3.Error as exc:
                if "interrupted" not in str(exc):
                    error = f"The case database {self.case_dir / DB_NAME} could not be read: {exc}."
            finally:
                with self._lock:
                    self._current = None
            self._done.emit(request, rows, error)
        if self._conn is not None:
            self._conn.close()

    def _deliver(self, request: Request, rows: Rows | None, error: str | None) -> None:
        self.pending -= 1
        if self._closed:
            return  # the case was closed: the views that asked are gone
        if error is not None:
            if request.on_error is not None:
                request.on_error(error)
            return
        if rows is None or not request.is_current():
            return
        request.on_rows(rows)

    def close(self) -> None:
        self._closed = True
        self._queue.put(None)
        with self._lock:
            conn = self._conn
        if conn is not None:
            conn.interrupt()
        self._thread.join(timeout=5)
