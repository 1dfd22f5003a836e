"""Write side of jobs: job rows, the single writer's inserts and updates, warnings (jobs)."""

from __future__ import annotations

from typing import Any

from .base import Repo


class TriageRepo(Repo):
    """Reached as ``store.triage``."""

    # -- added by store-ui
    def last_job(self, kind: str) -> dict[str, Any] | None:
        """The latest job of a kind (all columns; ``stats`` as stored, JSON text)."""
        return self._one("SELECT * FROM jobs WHERE kind=? ORDER BY id DESC LIMIT 1", (kind,))

    def completed_count(self, kind: str) -> int:
        return int(self._scalar("SELECT count(*) FROM jobs WHERE kind=? AND outcome='completed'", (kind,)) or 0)

    def warning_count(self) -> int:
        """Warnings stored so far (all jobs)."""
        return int(self._scalar("SELECT count(*) FROM warnings") or 0)
