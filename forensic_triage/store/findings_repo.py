"""Read side of findings for exports: artifacts, timeline, YARA and content hits, hash matches (store-exports)."""

from __future__ import annotations

from .base import Repo


class FindingsRepo(Repo):
    """Reached as ``store.findings``."""

    # -- added by hostile
    def artifact_data_samples(self, record_type: str, limit: int = 50) -> list[str]:
        """The JSON ``data`` of the first ``limit`` artifacts of a record type (to find its field names)."""
        return [str(r["data"]) for r in self._rows("SELECT data FROM artifacts WHERE type = ? LIMIT ?",
                                                   (record_type, limit))]
