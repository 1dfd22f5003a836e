"""Case facts: case_info, examiners, meta (store-core)."""

from __future__ import annotations

from .base import Repo


class CaseRepo(Repo):
    """Reached as ``store.case``."""
