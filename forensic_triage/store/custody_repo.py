"""Chain-of-custody events (store-core)."""

from __future__ import annotations

from .base import Repo


class CustodyRepo(Repo):
    """Reached as ``store.custody``."""
