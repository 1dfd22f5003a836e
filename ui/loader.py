"""Background reads for the views: pages, counts and histograms run off the GUI thread.

Each :class:`QueryLoader` owns one thread and one read-only :class:`CaseStore` (SQLite WAL lets it
read while a job writes). A request names what it wants from the store's repositories
(``lambda store: store.browse.page(query, after=..., limit=...)``) and carries a callback invoked
on the GUI thread with the answer; a request that became stale before it ran (the examiner changed
a filter) is skipped, and a stale running read is interrupted.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from forensic_triage.errors import StoreError
from forensic_triage.store import DB_NAME, CaseStore

from .workers import lower_priority


@dataclasses.dataclass(slots=True)
class Request:
    fetch: Callable[[CaseStore], Any]   # runs on the loader's thread with its read-only store
    on_result: Callable[[Any], None]    # runs on the GUI thread with what fetch returned
    on_error: Callable[[str], None] | None = None
    is_current: Callable[[], bool] = lambda: True


class QueryLoader(QObject):
    _done = Signal(object, object, object)  # request, (answer,) or None, error text

    def __init__(self, case_dir: Path, name: str = "loader", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case_dir = case_dir
        self._queue: queue.Queue[Request | None] = queue.Queue()
        self._done.connect(self._deliver)
        self._current: Request | None = None
        self._lock = threading.Lock()
        self.pending = 0
        self._closed = False
        self._store: CaseStore | None = None
        self._thread = threading.Thread(target=self._loop, name=f"ft-{name}", daemon=True)
        self._thread.start()

    def _connect(self) -> CaseStore:
        store = CaseStore.open(self.case_dir, read_only=True)
        store.browse.reader_only()
        return store

    def submit(self, request: Request) -> None:
        self.pending += 1
        self._queue.put(request)

    def interrupt_stale(self) -> None:
        """Stop a running query whose answer nobody wants any more."""
        with self._lock:
            current, store = self._current, self._store
        if current is not None and store is not None and not current.is_current():
            store.browse.interrupt()

    def _loop(self) -> None:
        lower_priority()  # a long count or sort must not take a core from the GUI thread
        while True:
            request = self._queue.get()
            if request is None:
                break
            if not request.is_current():
                self._done.emit(request, None, None)
                continue
            result: Any = None
            error: str | None = None
            answered = False
            try:
                if self._store is None:
                    self._store = self._connect()
                with self._lock:
                    self._current = request
                result, answered = request.fetch(self._store), True
            except StoreError as exc:
                cause = exc.__cause__ or exc
                if "interrupted" not in str(cause):
                    error = f"The case database {self.case_dir / DB_NAME} could not be read: {cause}."
            finally:
                with self._lock:
                    self._current = None
            self._done.emit(request, (result,) if answered else None, error)
        if self._store is not None:
            self._store.close()

    def _deliver(self, request: Request, answer: tuple[Any] | None, error: str | None) -> None:
        self.pending -= 1
        if self._closed:
            return  # the case was closed: the views that asked are gone
        if error is not None:
            if request.on_error is not None:
                request.on_error(error)
            return
        if answer is None or not request.is_current():
            return
        request.on_result(answer[0])

    def close(self) -> None:
        self._closed = True
        self._queue.put(None)
        with self._lock:
            store = self._store
        if store is not None:
            store.browse.interrupt()
        self._thread.join(timeout=5)
