"""Read side of findings for exports: artifacts, timeline, YARA and content hits, hash matches (store-exports)."""

from __future__ import annotations

from .base import Repo


class FindingsRepo(Repo):
    """Reached as ``store.findings``."""
