"""Evidence items, their container files and volumes (store-core)."""

from __future__ import annotations

from .base import Repo


class EvidenceRepo(Repo):
    """Reached as ``store.evidence``."""
