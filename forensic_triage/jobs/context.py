"""What a running job is given by its host (CLI or GUI): progress, cancel, warnings.

The host injects the reporter (a terminal progress bar, a Qt signal, nothing); the job never
reaches for global output. Cancellation is cooperative: long loops call ``check_cancel``.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

from ..errors import Cancelled


@dataclasses.dataclass(slots=True)
class Progress:
    phase: str
    done: float
    total: float | None = None
    unit: str = "items"
    message: str = ""
    warnings: int = 0
    started: float = dataclasses.field(default_factory=time.monotonic)

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return max(0.0, min(1.0, self.done / self.total))

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if not self.total or self.done <= 0:
            return None
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 else None


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


ProgressCallback = Callable[[Progress], None]


class JobContext:
    """Progress reporting (rate-limited), cancellation and a warning counter for one job."""

    def __init__(self, on_progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                 min_interval: float = 0.1) -> None:
        self.on_progress = on_progress
        self.cancel_token = cancel or CancelToken()
        self.warnings = 0
        self._min_interval = min_interval
        self._last = 0.0
        self._phase: Progress | None = None

    def begin(self, phase: str, total: float | None = None, unit: str = "items") -> Progress:
        self._phase = Progress(phase=phase, done=0, total=total, unit=unit, warnings=self.warnings)
        self._emit(force=True)
        return self._phase

    def advance(self, amount: float = 1, message: str = "", total: float | None = None) -> None:
        if self._phase is None:
            self.begin("working")
        assert self._phase is not None
        self._phase.done += amount
        if total is not None:
            self._phase.total = total
        if message:
            self._phase.message = message
        self._emit()

    def set_done(self, done: float, message: str = "") -> None:
        if self._phase is not None:
            self._phase.done = done
            if message:
                self._phase.message = message
            self._emit()

    def warn(self, count: int = 1) -> None:
        self.warnings += count

    def finish(self) -> None:
        self._emit(force=True)

    def _emit(self, force: bool = False) -> None:
        if self.on_progress is None or self._phase is None:
            return
        now = time.monotonic()
        if force or now - self._last >= self._min_interval:
            self._last = now
            self._phase.warnings = self.warnings
            self.on_progress(self._phase)

    def check_cancel(self) -> None:
        if self.cancel_token.cancelled:
            raise Cancelled()

    @property
    def cancelled(self) -> bool:
        return self.cancel_token.cancelled
