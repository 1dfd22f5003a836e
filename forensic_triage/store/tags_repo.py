"""Tags, notes and thumbnails (store-core)."""

from __future__ import annotations

from .base import Repo


class TagsRepo(Repo):
    """Reached as ``store.tags``."""
