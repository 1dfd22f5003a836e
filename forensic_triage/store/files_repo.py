"""File entries: lookups by id, locator, hash; status counts (store-core)."""

from __future__ import annotations

from .base import Repo


class FilesRepo(Repo):
    """Reached as ``store.files``."""
