"""Hash sets used and hash-set matches (store-core)."""

from __future__ import annotations

from .base import Repo


class HashsetsRepo(Repo):
    """Reached as ``store.hashsets``."""
