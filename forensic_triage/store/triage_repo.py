"""Write side of jobs: job rows, the single writer's inserts and updates, warnings (jobs)."""

from __future__ import annotations

from .base import Repo


class TriageRepo(Repo):
    """Reached as ``store.triage``."""
