"""Training cases: exercise answers, hints, submission (training)."""

from __future__ import annotations

from .base import Repo


class TrainingRepo(Repo):
    """Reached as ``store.training``."""
