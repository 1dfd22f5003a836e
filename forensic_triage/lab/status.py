"""Which lab workers are connected to a broker and what they are doing (``lab workers``, the GUI)."""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(slots=True)
class WorkerState:
    name: str
    slots: int
    running: list[str]       # what each busy slot does: "unit 12 of job 3 (48 files, EXH-001)"
    done: int                # tasks finished since the worker started

    def line(self) -> str:
        doing = "; ".join(self.running) if self.running else "idle"
        return f"{self.name}: {len(self.running)}/{self.slots} busy, {self.done} task(s) done — {doing}"


def _describe(task: dict[str, Any]) -> str:
    args = task.get("args") or []
    payload = args[0] if args and isinstance(args[0], dict) else {}
    if "volume_id" in payload:
        return f"listing volume {payload['volume_id']} (job {payload.get('job_id')})"
    if "unit_id" in payload:
        return (f"unit {payload['unit_id']} of job {payload.get('job_id')} ({len(payload.get('specs', []))} files, "
                f"{payload.get('uid', '?')})")
    return str(task.get("name", "task"))


def connected_workers(broker: str, timeout: float = 1.5) -> list[WorkerState]:
    """Every worker that answers within ``timeout`` seconds (an empty list: none, or no broker)."""
    from .app import celery_app

    app = celery_app(broker)
    try:
        inspect = app.control.inspect(timeout=timeout)
        stats = inspect.stats() or {}
        active = inspect.active() or {}
    except Exception:  # noqa: BLE001 - broker unreachable: nobody is connected, as far as we can know
        return []
    out = []
    for name in sorted(set(stats) | set(active)):
        info = stats.get(name, {})
        slots = int((info.get("pool") or {}).get("max-concurrency") or 0)
        done = sum(int(v) for v in (info.get("total") or {}).values())
        out.append(WorkerState(name, slots, [_describe(t) for t in active.get(name, [])], done))
    return out
