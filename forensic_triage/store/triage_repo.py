"""Write side of jobs: job rows, the single writer's inserts and updates, warnings (jobs)."""

from __future__ import annotations

from .base import Repo


class TriageRepo(Repo):
    """Reached as ``store.triage``."""

    # -- added by hostile
    def panel_counts(self) -> dict[str, int]:
        """What the triage panel shows and checks: ``evidence`` items, ``pending`` files, volumes with
        a file system not yet walked (``unwalked``) and ``warnings`` stored so far."""
        row = self._one(
            "SELECT (SELECT count(*) FROM evidence) AS evidence,"
            " (SELECT count(*) FROM files WHERE status='pending') AS pending,"
            " (SELECT count(*) FROM volumes WHERE fs_type IS NOT NULL AND fs_status='pending') AS unwalked,"
            " (SELECT count(*) FROM warnings) AS warnings")
        return {key: int(value or 0) for key, value in (row or {}).items()}
